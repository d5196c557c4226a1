"""Every rate-limit refusal answers 429 with Retry-After (issue 16, item 5).

Each rate-limited form comes back as the same page, filled in with what the member typed
(never a password), with a clear translated message; crisis help still comes with a
refused post (tests/moderation/test_help_before_limits.py holds the crisis cases). The
limits are Sanad's own (posting, replies, reports, join requests, personas, reactions,
sign-up, recovery) and allauth's (sign-in, failed sign-ins, password reset).
"""

import pytest
from django.test import Client
from django.urls import reverse

from accounts import ratelimit
from groups.models import JoinRequest
from groups.services import join_request_withdraw
from moderation.models import Report
from posts.models import Post, Thread
from tests.factories import (
    PostFactory,
    SupportGroupFactory,
    ThreadFactory,
    UserFactory,
    give_mfa,
    give_verified_email,
)

pytestmark = pytest.mark.django_db

TOO_OFTEN = "You are doing this a little too often."
TOO_MANY = "There have been too many attempts from your connection."
PASSWORD = "a long and quiet evening 2026"
HTMX = {"HTTP_HX_REQUEST": "true"}


def _limit(settings, scope: str, rate: str) -> None:
    settings.SANAD_RATE_LIMITS = {**settings.SANAD_RATE_LIMITS, scope: rate}


def _assert_429(response, retry_after: str) -> str:
    assert response.status_code == 429
    assert response["Retry-After"] == retry_after
    return response.content.decode()


@pytest.fixture
def member_in_group(client, member, open_group, join):
    join(member, open_group)
    client.force_login(member)
    return member


# --- Sanad's own limits ------------------------------------------------------------------


def test_a_reply_refused_for_speed_keeps_its_words(client, member_in_group, open_group, settings):
    _limit(settings, "post", "1/300")
    thread = ThreadFactory(group=open_group)
    client.post(thread.get_absolute_url(), {"body": "First reply of the day."})

    response = client.post(thread.get_absolute_url(), {"body": "A second thought, quickly."})

    page = _assert_429(response, "300")
    assert TOO_OFTEN in page
    assert "A second thought, quickly." in page
    assert not Post.objects.filter(body="A second thought, quickly.").exists()


def test_a_new_conversation_refused_for_speed_keeps_title_and_words(
    client, member_in_group, open_group, settings
):
    _limit(settings, "thread", "1/600")
    url = reverse("posts:thread_create", args=[open_group.slug])
    client.post(url, {"title": "A long day", "body": "It was a long day."})

    response = client.post(url, {"title": "Another one", "body": "And another."})

    page = _assert_429(response, "600")
    assert TOO_OFTEN in page
    assert 'value="Another one"' in page
    assert "And another." in page
    assert Thread.objects.filter(author=member_in_group).count() == 1


def test_a_report_refused_for_speed_keeps_its_note(client, member_in_group, open_group, settings):
    _limit(settings, "report", "1/3600")
    first, second = (PostFactory(thread=ThreadFactory(group=open_group)) for _ in range(2))
    data = {"reason": "other", "note": "This worried me."}
    client.post(reverse("moderation:report", args=[first.thread.public_id, first.number]), data)

    response = client.post(
        reverse("moderation:report", args=[second.thread.public_id, second.number]), data
    )

    page = _assert_429(response, "3600")
    assert TOO_OFTEN in page
    assert "This worried me." in page
    assert Report.objects.count() == 1


def test_a_join_request_refused_for_speed_keeps_the_form(client, member, settings):
    _limit(settings, "join_request", "1/3600")
    group = SupportGroupFactory(access="request")
    client.force_login(member)
    url = reverse("groups:join", args=[group.slug])
    data = {"persona": member.personas.get().pk}
    assert client.post(url, data).status_code == 302
    join_request_withdraw(user=member, join_request=JoinRequest.objects.get())

    response = client.post(url, data)

    page = _assert_429(response, "3600")
    assert TOO_OFTEN in page
    assert JoinRequest.objects.filter(state=JoinRequest.State.PENDING).count() == 0


def test_a_new_persona_refused_for_speed_keeps_its_name(client, member, settings):
    _limit(settings, "persona", "1/3600")
    client.force_login(member)
    client.post(reverse("personas:list"), {"new-name": "Quiet Harbour 12"})

    response = client.post(reverse("personas:list"), {"new-name": "Evening Lamp 34"})

    page = _assert_429(response, "3600")
    assert TOO_OFTEN in page
    assert 'value="Evening Lamp 34"' in page
    assert not member.personas.filter(name="Evening Lamp 34").exists()


def test_a_reaction_refused_for_speed_answers_the_fragment_with_429(
    client, member_in_group, open_group, settings
):
    _limit(settings, "reaction", "1/300")
    post = PostFactory(thread=ThreadFactory(group=open_group))
    url = reverse("posts:post_react", args=[post.thread.public_id, post.number])
    client.post(url, {"reaction": "support:on"}, **HTMX)

    response = client.post(url, {"reaction": "me_too:on"}, **HTMX)

    page = _assert_429(response, "300")
    assert TOO_OFTEN in page
    assert f'id="reactions-p{post.number}"' in page  # the fragment, swapped in place


def test_a_reaction_sent_without_javascript_gets_a_page_with_the_way_back(
    client, member_in_group, open_group, settings
):
    _limit(settings, "reaction", "1/300")
    post = PostFactory(thread=ThreadFactory(group=open_group))
    url = reverse("posts:post_react", args=[post.thread.public_id, post.number])
    client.post(url, {"reaction": "support:on"})

    response = client.post(url, {"reaction": "me_too:on"})

    page = _assert_429(response, "300")
    assert TOO_OFTEN in page
    assert post.get_absolute_url() in page


def test_the_wait_counts_down_from_the_first_action(client, member, settings, monkeypatch):
    _limit(settings, "persona", "1/3600")
    client.force_login(member)
    clock = [1_000_000.0]
    monkeypatch.setattr(ratelimit.time, "time", lambda: clock[0])
    client.post(reverse("personas:list"), {"new-name": "Quiet Harbour 12"})
    clock[0] += 1000

    response = client.post(reverse("personas:list"), {"new-name": "Evening Lamp 34"})

    # 2,600 seconds are left: said in whole minutes, rounded up.
    _assert_429(response, "2640")


def test_the_refusal_reads_in_arabic(client, member, settings):
    _limit(settings, "persona", "1/3600")
    client.cookies["django_language"] = "ar"
    client.force_login(member)
    client.post(reverse("personas:list"), {"new-name": "Quiet Harbour 12"})

    response = client.post(reverse("personas:list"), {"new-name": "Evening Lamp 34"})

    page = _assert_429(response, "3600")
    assert "أنت تكرر هذا كثيراً." in page


# --- allauth's limits --------------------------------------------------------------------


def _browser(address: str = "198.51.100.20") -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en", REMOTE_ADDR=address)


def test_failed_sign_ins_are_refused_with_429_and_the_username_kept(settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "2/m/ip,2/300s/key"}
    account = UserFactory(username="quiet-river")
    browser = _browser()
    for _ in range(2):
        browser.post(reverse("account_login"), {"login": account.username, "password": "wrong"})

    response = browser.post(reverse("account_login"), {"login": account.username, "password": "x"})

    page = _assert_429(response, "300")
    assert "Too many failed login attempts" in page
    assert 'value="quiet-river"' in page
    assert 'value="x"' not in page


def test_sign_ins_from_one_address_past_allauths_limit_get_the_form_back(settings):
    settings.ACCOUNT_RATE_LIMITS = {"login": "1/m/ip"}
    browser = _browser()
    browser.post(reverse("account_login"), {"login": "someone", "password": "wrong"})

    response = browser.post(reverse("account_login"), {"login": "someone", "password": "secret"})

    page = _assert_429(response, "60")
    assert TOO_MANY in page
    assert 'value="someone"' in page
    assert "secret" not in page
    assert 'action="/accounts/login/"' in page


def test_sign_ups_past_allauths_own_limit_get_the_form_back(settings):
    settings.ACCOUNT_RATE_LIMITS = {"signup": "1/m/ip"}
    browser = _browser()
    browser.post(reverse("account_signup"), {"username": "first-one", "password1": "short"})

    response = browser.post(
        reverse("account_signup"),
        {"username": "second-one", "email": "s@example.org", "password1": PASSWORD},
    )

    page = _assert_429(response, "60")
    assert TOO_MANY in page
    assert 'value="second-one"' in page
    assert 'value="s@example.org"' in page
    assert PASSWORD not in page


def test_password_resets_past_the_limit_get_the_form_back(settings):
    settings.ACCOUNT_RATE_LIMITS = {"reset_password": "1/m/ip,1/m/key"}
    account = UserFactory()
    give_verified_email(account, "owner@example.org")
    browser = _browser()
    browser.post(reverse("account_reset_password"), {"email": "owner@example.org"})

    response = browser.post(reverse("account_reset_password"), {"email": "owner@example.org"})

    page = _assert_429(response, "60")
    assert TOO_MANY in page
    assert 'value="owner@example.org"' in page


def test_the_password_reset_limit_answers_alike_for_an_unknown_address(settings):
    settings.ACCOUNT_RATE_LIMITS = {"reset_password": "1/m/ip,1/m/key"}
    pages = {}
    for label, address, browser in [
        ("known", "owner@example.org", _browser("198.51.100.31")),
        ("unknown", "nobody@example.org", _browser("198.51.100.32")),
    ]:
        if label == "known":
            give_verified_email(UserFactory(), address)
        browser.post(reverse("account_reset_password"), {"email": address})
        response = browser.post(reverse("account_reset_password"), {"email": address})
        pages[label] = (response.status_code, response["Retry-After"])

    assert pages["known"] == pages["unknown"] == (429, "60")


def test_a_limited_post_to_another_allauth_page_gets_a_short_page(settings, member):
    settings.ACCOUNT_RATE_LIMITS = {"change_password": "1/m/user"}
    browser = _browser()
    browser.force_login(member)
    url = reverse("account_change_password")
    browser.post(url, {"oldpassword": "x", "password1": "y", "password2": "y"})

    response = browser.post(url, {"oldpassword": "x", "password1": "y", "password2": "y"})

    page = _assert_429(response, "60")
    assert TOO_MANY in page


def test_wrong_second_factor_codes_are_refused_with_429(settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,2/300s/key"}
    account = UserFactory()
    give_mfa(account)
    account.set_password(PASSWORD)
    account.save()
    browser = _browser()
    signed_in = browser.post(
        reverse("account_login"), {"login": account.username, "password": PASSWORD}
    )
    assert signed_in["Location"] == reverse("mfa_authenticate")
    for _ in range(2):
        browser.post(reverse("mfa_authenticate"), {"code": "000000"})

    response = browser.post(reverse("mfa_authenticate"), {"code": "000000"})

    page = _assert_429(response, "300")
    assert "Too many failed login attempts" in page
