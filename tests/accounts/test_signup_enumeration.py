"""Sign-up answers the same whether an email address already has an account.

A probe must learn nothing from the page, the status, the work done or the emails it
can see; the owner of a taken address is told instead, in their language. A taken
username cannot be hidden (the person must choose another), so it is said only when
everything else is right, and sign-up attempts are rate-limited per keyed hash of
the address.
"""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from tests.factories import UserFactory, give_verified_email, want_emails

pytestmark = pytest.mark.django_db

PASSWORD = "a long and private passphrase"
OWNER_ADDRESS = "owner@example.org"


@pytest.fixture
def owner(db):
    user = UserFactory(username="address-owner", email=OWNER_ADDRESS)
    give_verified_email(user, OWNER_ADDRESS)
    return user


def _client(address: str = "198.51.100.7") -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en", REMOTE_ADDR=address)


def _sign_up(client, username, email="", password=PASSWORD, password2=None):
    return client.post(
        reverse("account_signup"),
        {
            "username": username,
            "email": email,
            "password1": password,
            "password2": password if password2 is None else password2,
        },
    )


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _page(response, *typed: str) -> str:
    """The page with what differs by nature between two probes taken out: the values
    typed, the CSRF token and the nonce of the page."""
    text = response.content.decode()
    for value in typed:
        text = text.replace(value, "<typed>")
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)
    return re.sub(r'nonce="[^"]+"', "", text)


def test_a_taken_address_gets_the_same_answer_as_a_new_one(owner, emails_sent):
    taken, new = _client("198.51.100.7"), _client("198.51.100.8")

    sent_taken = emails_sent(lambda: _sign_up(taken, "probe-one", OWNER_ADDRESS))
    answer_taken = emails_sent.result
    sent_new = emails_sent(lambda: _sign_up(new, "probe-two", "fresh@example.org"))
    answer_new = emails_sent.result

    assert answer_taken.status_code == answer_new.status_code == 302
    assert answer_taken["Location"] == answer_new["Location"]
    persona_taken = User.objects.get(username="probe-one").personas.get().name
    persona_new = User.objects.get(username="probe-two").personas.get().name
    assert [
        m.replace(OWNER_ADDRESS, "<typed>").replace(persona_taken, "<persona>")
        for m in _messages(answer_taken)
    ] == [
        m.replace("fresh@example.org", "<typed>").replace(persona_new, "<persona>")
        for m in _messages(answer_new)
    ]
    # Both are signed in to a new account holding the address, unverified: the
    # account's own email page cannot tell them apart either.
    for username, address in [("probe-one", OWNER_ADDRESS), ("probe-two", "fresh@example.org")]:
        user = User.objects.get(username=username)
        assert list(user.emailaddress_set.values_list("email", "verified")) == [(address, False)]
    email_page_taken = taken.get(reverse("account_email"))
    email_page_new = new.get(reverse("account_email"))
    assert _page(email_page_taken, OWNER_ADDRESS, persona_taken) == _page(
        email_page_new, "fresh@example.org", persona_new
    )
    # One email each, to the address typed.
    assert [m.to for m in sent_taken] == [[OWNER_ADDRESS]]
    assert [m.to for m in sent_new] == [["fresh@example.org"]]


def test_the_owner_is_told_in_their_language_and_no_link_can_take_the_address(owner, emails_sent):
    want_emails(owner, language="ar")

    sent = emails_sent(lambda: _sign_up(_client(), "probe-one", OWNER_ADDRESS))

    (message,) = sent
    text = "\n".join([message.subject, message.body, message.alternatives[0][0]])
    assert "حاول" in text or "استخدم" in text
    assert "/accounts/confirm-email/" not in text
    # Nothing about the person who tried, nor about the owner's own account.
    for private in ["probe-one", "address-owner", owner.personas.get().name]:
        assert private not in text
    new_address = EmailAddress.objects.get(user__username="probe-one")
    assert not new_address.can_set_verified()


def test_a_new_address_gets_a_link_to_confirm_it_in_the_language_of_the_page(emails_sent):
    client = _client()
    client.cookies["django_language"] = "ar"

    (message,) = emails_sent(lambda: _sign_up(client, "new-member", "fresh@example.org"))

    assert "/accounts/confirm-email/" in message.body
    assert "تأكيد" in message.subject or "أكّد" in message.subject


def test_asking_again_from_the_email_page_still_only_tells_the_owner(owner, emails_sent):
    client = _client()
    _sign_up(client, "probe-one", OWNER_ADDRESS)
    cache.clear()  # allauth lets one confirmation email through every few minutes

    sent = emails_sent(
        lambda: client.post(reverse("account_email"), {"email": OWNER_ADDRESS, "action_send": ""})
    )

    assert [m.to for m in sent] == [[OWNER_ADDRESS]]
    assert "/accounts/confirm-email/" not in sent[0].body


@pytest.mark.parametrize(
    "variant",
    [
        "OWNER@Example.ORG",
        "ｏｗｎｅｒ@example.org",  # full-width letters
        "owner@ｅｘａｍｐｌｅ．ｏｒｇ",  # full-width domain and full stop
    ],
)
def test_case_and_look_alike_variants_are_the_owners_address(owner, emails_sent, variant):
    sent = emails_sent(lambda: _sign_up(_client(), "probe-one", variant))

    assert emails_sent.result.status_code == 302
    assert [m.to for m in sent] == [[OWNER_ADDRESS]]
    assert "/accounts/confirm-email/" not in sent[0].body
    address = EmailAddress.objects.get(user__username="probe-one")
    assert address.email == OWNER_ADDRESS
    assert not address.can_set_verified()


def test_a_look_alike_in_another_script_is_another_address_and_answers_the_same(owner, emails_sent):
    # A Cyrillic "а" in the domain: a different domain, a different mailbox. Its
    # confirmation goes there; the owner of the Latin address hears nothing, and the
    # person signing up sees what any sign-up with an address sees.
    look_alike = "owner@exаmple.org"

    sent = emails_sent(lambda: _sign_up(_client(), "probe-one", look_alike))

    assert emails_sent.result.status_code == 302
    assert [m.to for m in sent] == [[look_alike]]
    assert "/accounts/confirm-email/" in sent[0].body


def test_a_short_password_with_a_taken_address_reveals_nothing(owner):
    taken = _sign_up(_client("198.51.100.7"), "probe-one", OWNER_ADDRESS, password="short")
    new = _sign_up(_client("198.51.100.8"), "probe-one", "fresh@example.org", password="short")

    assert taken.status_code == new.status_code == 400
    assert taken.context["form"].errors == new.context["form"].errors
    assert set(taken.context["form"].errors) == {"password1"}
    assert _page(taken, OWNER_ADDRESS) == _page(new, "fresh@example.org")
    assert not User.objects.filter(username="probe-one").exists()


def test_a_taken_username_is_said_only_once_everything_else_is_right(owner):
    client = _client()

    with_other_errors = _sign_up(client, "address-owner", "fresh@example.org", password="short")
    everything_else_right = _sign_up(client, "address-owner", "fresh@example.org")

    assert with_other_errors.status_code == 400
    assert set(with_other_errors.context["form"].errors) == {"password1"}
    assert "already exists" not in with_other_errors.content.decode()
    assert everything_else_right.status_code == 400
    assert set(everything_else_right.context["form"].errors) == {"username"}
    assert "A user with that username already exists." in everything_else_right.content.decode()


def test_signing_up_does_the_same_work_for_a_taken_and_a_new_address(owner, hashes, emails_sent):
    work = {}
    for label, address, client in [
        ("taken", OWNER_ADDRESS, _client("198.51.100.7")),
        ("new", "fresh@example.org", _client("198.51.100.8")),
    ]:
        # Warm both the same way (sessions, template caches) before counting.
        client.get(reverse("account_signup"))
        hashes.reset()
        with CaptureQueriesContext(connection) as queries:
            sent = emails_sent(lambda c=client, a=address, n=label: _sign_up(c, f"probe-{n}", a))
        work[label] = (hashes.count, len(queries), len(sent))

    assert work["taken"] == work["new"]
    assert work["new"][0] == 1  # the new account's password, hashed once


def test_sign_up_attempts_are_limited_per_address_with_429_and_the_form_filled_in(owner, settings):
    settings.SANAD_RATE_LIMITS = {**settings.SANAD_RATE_LIMITS, "signup": "2/3600"}
    client = _client()
    _sign_up(client, "first-try", "", password="short")
    _sign_up(client, "second-try", "", password="short")

    refused = _sign_up(client, "third-try", OWNER_ADDRESS)

    assert refused.status_code == 429
    assert refused["Retry-After"] == "3600"
    page = refused.content.decode()
    assert 'value="third-try"' in page
    assert f'value="{OWNER_ADDRESS}"' in page
    assert PASSWORD not in page
    assert "too many attempts" in page
    assert not User.objects.filter(username="third-try").exists()
    # Another address is counted on its own.
    assert _sign_up(_client("203.0.113.9"), "elsewhere", "").status_code == 302


def test_the_refusal_reads_in_arabic(settings):
    settings.SANAD_RATE_LIMITS = {**settings.SANAD_RATE_LIMITS, "signup": "1/3600"}
    client = _client()
    client.cookies["django_language"] = "ar"
    _sign_up(client, "someone", "", password="short")

    refused = _sign_up(client, "someone", "")

    assert refused.status_code == 429
    assert "محاولات كثيرة" in refused.content.decode()


def test_a_thousand_attempts_with_known_addresses_are_limited_and_look_like_new_ones(settings):
    owners = []
    for number in range(5):
        user = UserFactory(email=f"known-{number}@example.org")
        give_verified_email(user)
        owners.append(user)
    limit = int(settings.SANAD_RATE_LIMITS["signup"].split("/")[0])

    answers = {}
    for label, address, email_of in [
        ("known", "198.51.100.7", lambda n: owners[n % 5].email.upper()),
        ("new", "198.51.100.8", lambda n: f"new-{n}@example.org"),
    ]:
        # A new browser each time (a signed-up one is signed in), from one address.
        answers[label] = [
            _sign_up(_client(address), f"{label}-{n}", email_of(n)).status_code for n in range(1000)
        ]

    assert answers["known"] == answers["new"] == [302] * limit + [429] * (1000 - limit)
    assert User.objects.filter(username__startswith="known-").count() == limit


def test_adding_a_taken_address_in_settings_answers_like_a_new_one(owner, emails_sent):
    answers = {}
    for label, address in [("taken", OWNER_ADDRESS), ("new", "fresh@example.org")]:
        member = UserFactory(email="")
        client = _client()
        client.force_login(member)
        sent = emails_sent(
            lambda c=client, a=address: c.post(
                reverse("account_email"), {"email": a, "action_add": ""}
            )
        )
        response = emails_sent.result
        answers[label] = (
            response.status_code,
            response["Location"],
            [m.replace(address, "<typed>") for m in _messages(response)],
        )
        assert [m.to for m in sent] == [[address]]
        link_sent = "/accounts/confirm-email/" in sent[0].body
        assert link_sent == (label == "new")

    assert answers["taken"] == answers["new"]
