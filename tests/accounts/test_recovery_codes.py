"""Recovery codes: the way back into an account without an email address."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts import recovery
from accounts.models import RecoveryCode, User
from audit.models import AuditEntry
from notifications.models import Notification
from tests.factories import UserFactory, give_verified_email

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # the factories' password
NEW_PASSWORD = "a brand new and private passphrase"
CODE = re.compile(r"\b\d{5}-\d{5}-\d{5}-\d{5}\b")


def _client(address: str = "198.51.100.7") -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en", REMOTE_ADDR=address)


def _signed_in(user, address: str = "198.51.100.7") -> Client:
    """Signed in with the password, as a person does (and as replacing codes needs)."""
    client = _client(address)
    response = client.post(reverse("account_login"), {"login": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def _reauthenticated(client) -> Client:
    """Typed the password again: replacing codes asks for it."""
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302
    return client


def _reset(client, username, code, password=NEW_PASSWORD):
    return client.post(
        reverse("recovery:reset"),
        {"username": username, "code": code, "password1": password, "password2": password},
    )


def _can_sign_in(username, password) -> bool:
    response = _client("203.0.113.50").post(
        reverse("account_login"), {"login": username, "password": password}
    )
    return response.status_code == 302


@pytest.fixture
def holder(db):
    """A member without an email address, holding a fresh set of codes."""
    user = UserFactory(username="no-email-member", email="")
    user.codes = recovery.recovery_codes_create(user=user, at_signup=True)
    return user


def _page(response, *typed) -> str:
    text = response.content.decode()
    for value in typed:
        text = text.replace(value, "<typed>")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)


# --- Getting codes -------------------------------------------------------------------------


def test_signing_up_without_an_email_shows_ten_codes_once():
    client = _client()
    response = client.post(
        reverse("account_signup"),
        {"username": "quiet-one", "email": "", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("recovery:codes"))
    page = client.get(response["Location"]).content.decode()
    codes = CODE.findall(page)
    assert len(codes) == 10 == len(set(codes))
    download = client.get(reverse("recovery:download"))
    assert download["Content-Disposition"] == 'attachment; filename="sanad-recovery-codes.txt"'
    assert "no-store" in download["Cache-Control"]
    assert CODE.findall(download.content.decode()) == codes
    # Only keyed hashes are stored: no code, nor its digits, in any column.
    stored = " ".join(
        " ".join(map(str, row)) for row in RecoveryCode.objects.values_list("salt", "digest")
    )
    assert RecoveryCode.objects.filter(user__username="quiet-one").count() == 10
    assert not any(code.replace("-", "") in stored for code in codes)

    saved = client.post(reverse("recovery:saved"))

    assert saved.status_code == 302
    assert not CODE.search(client.get(reverse("recovery:codes")).content.decode())
    assert client.get(reverse("recovery:download")).status_code == 404


def test_the_codes_page_leads_on_to_where_the_new_member_was_going():
    client = _client()
    response = client.post(
        f"{reverse('account_signup')}?next=/groups/",
        {"username": "quiet-one", "email": "", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert response["Location"] == f"{reverse('recovery:codes')}?next=%2Fgroups%2F"
    saved = client.post(reverse("recovery:saved"), {"next": "/groups/"})
    assert saved["Location"] == "/groups/"
    elsewhere = client.post(reverse("recovery:saved"), {"next": "https://elsewhere.example/"})
    assert elsewhere["Location"] == reverse("privacy:index")


def test_signing_up_with_an_email_gives_no_codes_until_asked():
    client = _client()
    response = client.post(
        reverse("account_signup"),
        {
            "username": "with-address",
            "email": "with-address@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )

    assert response["Location"] == "/"
    assert not RecoveryCode.objects.exists()
    page = client.get(reverse("recovery:codes")).content.decode()
    assert "You have no unused recovery codes." in page


def test_fresh_codes_are_shown_for_a_few_minutes_only(holder, settings):
    client = _signed_in(holder)
    session = client.session
    session["sanad_recovery_codes"] = {"codes": holder.codes, "at": 0}
    session.save()

    assert not CODE.search(client.get(reverse("recovery:codes")).content.decode())
    assert client.get(reverse("recovery:download")).status_code == 404


def test_a_visitor_is_sent_to_sign_in_for_the_codes_page(client):
    response = client.get(reverse("recovery:codes"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert client.get(reverse("recovery:download")).status_code == 302


def test_making_a_new_set_replaces_the_old_one_and_is_recorded(holder, emails_sent):
    give_verified_email(holder, "holder@example.org")
    client = _reauthenticated(_signed_in(holder))

    sent = emails_sent(lambda: client.post(reverse("recovery:new"), {"confirm": "on"}))

    assert emails_sent.result.status_code == 302
    new_codes = CODE.findall(client.get(reverse("recovery:codes")).content.decode())
    assert len(new_codes) == 10 and not set(new_codes) & set(holder.codes)
    assert _reset(_client(), holder.username, holder.codes[0]).status_code == 400
    assert AuditEntry.objects.filter(
        action="account.recovery_codes_created", subject_account_id=holder.pk
    ).exists()
    (notice,) = sent
    assert notice.to == ["holder@example.org"]
    assert "recovery codes" in notice.body
    assert not any(code in notice.body for code in new_codes)


def test_replacing_codes_asks_for_the_password_again_and_to_confirm(holder):
    # An open session (a shared computer, a borrowed phone) is not enough to make codes
    # that could take the account: the password is asked for again.
    before = set(RecoveryCode.objects.values_list("digest", flat=True))
    client = _signed_in(holder)
    response = client.post(reverse("recovery:new"), {"confirm": "on"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert set(RecoveryCode.objects.values_list("digest", flat=True)) == before

    _reauthenticated(client)
    unconfirmed = client.post(reverse("recovery:new"), {})
    assert unconfirmed.status_code == 400
    assert "old recovery codes will stop working" in unconfirmed.content.decode()


# --- Using a code ------------------------------------------------------------------------


def test_a_member_resets_the_password_with_the_username_and_one_code(holder, emails_sent):
    code = holder.codes[3]

    sent = emails_sent(lambda: _reset(_client(), "NO-EMAIL-MEMBER", code))

    response = emails_sent.result
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login")
    assert _can_sign_in(holder.username, NEW_PASSWORD)
    assert not _can_sign_in(holder.username, PASSWORD)
    assert RecoveryCode.objects.filter(user=holder, used_at__isnull=False).count() == 1
    entry = AuditEntry.objects.get(action="account.recovered_with_code")
    assert entry.subject_account_id == holder.pk
    assert code not in f"{entry.reason} {entry.details}"
    assert code.replace("-", "") not in f"{entry.reason} {entry.details}"
    notification = Notification.objects.get(recipient=holder)
    assert notification.kind == Notification.Kind.ACCOUNT_RECOVERED
    # No verified address: nothing to email.
    assert sent == []


def test_the_member_with_a_verified_address_also_hears_of_it_by_email(holder, emails_sent):
    give_verified_email(holder, "holder@example.org")

    (notice,) = emails_sent(lambda: _reset(_client(), holder.username, holder.codes[0]))

    assert notice.to == ["holder@example.org"]
    assert holder.username not in notice.body
    assert "recovery codes" in notice.body


def test_a_code_works_once(holder):
    code = holder.codes[0]
    assert _reset(_client(), holder.username, code).status_code == 302

    again = _reset(_client(), holder.username, code, password="yet another long passphrase")

    assert again.status_code == 400
    assert "already used" in again.content.decode()
    assert _can_sign_in(holder.username, NEW_PASSWORD)


def test_spaces_dashes_and_arabic_digits_are_read_as_the_code(holder):
    digits = holder.codes[1].replace("-", "")
    arabic = digits.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))

    response = _reset(_client(), holder.username, f" {arabic[:10]} {arabic[10:]} ")

    assert response.status_code == 302


def test_a_refusal_reads_the_same_for_every_username_and_every_wrong_code(holder):
    used = holder.codes[9]
    _reset(_client("203.0.113.1"), holder.username, used)
    forged = "12345-67890-12345-67890"
    tries = {
        "forged code": (holder.username, forged),
        "used code": (holder.username, used),
        "malformed code": (holder.username, "not-a-code"),
        "another member's code": (holder.username, "0" * 20),
        "unknown username": ("nobody-by-this-name", holder.codes[0]),
        "account without codes": (UserFactory().username, forged),
    }
    pages = {}
    for number, (label, (username, code)) in enumerate(tries.items()):
        response = _reset(_client(f"198.51.100.{number + 10}"), username, code)
        assert response.status_code == 400, label
        assert code not in response.content.decode(), label
        pages[label] = _page(response, username)

    assert len(set(pages.values())) == 1, "a refusal differs between cases"
    assert 'value="<typed>"' in pages["unknown username"]


def test_a_code_belongs_to_its_account_only(holder):
    other = UserFactory(username="other-member", email="")
    recovery.recovery_codes_create(user=other, at_signup=True)

    assert _reset(_client(), "other-member", holder.codes[0]).status_code == 400
    assert _can_sign_in("other-member", PASSWORD)


def test_a_weak_new_password_is_refused_before_any_code_is_tried(holder):
    response = _reset(_client(), holder.username, holder.codes[0], password="short")

    assert response.status_code == 400
    assert "password1" in response.context["form"].errors
    assert not RecoveryCode.objects.filter(used_at__isnull=False).exists()
    assert not AuditEntry.objects.filter(action__startswith="account.recover").exists()


def test_the_reset_page_reads_in_arabic(client):
    client.cookies["django_language"] = "ar"

    page = client.get(reverse("recovery:reset")).content.decode()

    assert "رمز استرداد" in page or "رموز الاسترداد" in page


def test_the_sign_in_page_leads_to_both_ways_back(client):
    page = client.get(reverse("account_login")).content.decode()

    assert f'href="{reverse("account_reset_password")}"' in page
    assert f'href="{reverse("recovery:reset")}"' in page
    assert "have no email" in page


# --- Guessing ----------------------------------------------------------------------------


def test_guesses_at_one_account_are_limited_from_every_address_and_audited(holder):
    limit = 5  # SANAD_RATE_LIMIT_RECOVERY's default
    statuses = [
        _reset(_client(f"198.51.100.{n}"), holder.username, f"{n:020d}").status_code
        for n in range(limit + 2)
    ]

    assert statuses == [400] * limit + [429] * 2
    # Once limited, even the right code waits: a guesser cannot tell it from a wrong one.
    limited = _reset(_client("203.0.113.99"), holder.username, holder.codes[0])
    assert limited.status_code == 429
    assert limited["Retry-After"]
    assert 'value="no-email-member"' in limited.content.decode()
    assert not RecoveryCode.objects.filter(used_at__isnull=False).exists()
    refused = AuditEntry.objects.filter(
        action="account.recovery_code_refused", subject_account_id=holder.pk
    )
    limited_rows = AuditEntry.objects.filter(action="account.recovery_rate_limited")
    assert refused.count() == limit
    assert limited_rows.count() == 1
    assert limited_rows.get().details == {"per": "account"}


def _guess(username: str, code: str, fingerprint: str) -> str:
    try:
        user = recovery.recovery_password_reset(
            username=username, code=code, password=NEW_PASSWORD, fingerprint=fingerprint
        )
    except recovery.RecoveryRateLimited:
        return "rate limited"
    return "refused" if user is None else "reset"


def test_a_thousand_guesses_are_limited_and_never_tell_whether_the_account_exists(holder):
    outcomes = {
        label: [_guess(username, f"{n:020d}", fingerprint) for n in range(1000)]
        for label, username, fingerprint in [
            ("known", holder.username, "fingerprint-one"),
            ("unknown", "nobody-by-this-name", "fingerprint-two"),
        ]
    }

    assert outcomes["known"] == outcomes["unknown"] == ["refused"] * 5 + ["rate limited"] * 995
    assert not RecoveryCode.objects.filter(used_at__isnull=False).exists()
    # Each wrong code is recorded, the limit once per window and per key: a thousand
    # guesses leave a handful of rows, none holding a code.
    # Per guess: 5 refusals, then the account's limit once and the address's once.
    rows = AuditEntry.objects.filter(action__startswith="account.recovery")
    assert rows.filter(subject_account_id=holder.pk).count() == 5 + 2
    assert rows.count() == 2 * (5 + 2)


def test_refused_and_limited_guesses_answer_alike_for_known_and_unknown_usernames(holder):
    pages = {}
    for label, username, address in [
        ("known", holder.username, "198.51.100.7"),
        ("unknown", "nobody-by-this-name", "198.51.100.8"),
    ]:
        pages[label] = []
        for n in range(8):
            response = _reset(_client(address), username, f"{n:020d}")
            pages[label].append(
                (response.status_code, response.get("Retry-After"), _page(response, username))
            )

    assert pages["known"] == pages["unknown"]
    assert [status for status, _retry, _page in pages["known"]] == [400] * 5 + [429] * 3


def test_guesses_from_one_address_at_many_usernames_are_limited(holder, settings):
    settings.SANAD_RATE_LIMITS = {**settings.SANAD_RATE_LIMITS, "recovery_address": "3/600"}
    client = _client()

    statuses = [_reset(client, f"someone-{n}", f"{n:020d}").status_code for n in range(4)]

    assert statuses == [400, 400, 400, 429]
    assert AuditEntry.objects.get(action="account.recovery_rate_limited").details == {
        "per": "address"
    }


def test_a_known_and_an_unknown_username_cost_the_same_work(holder, hashes, monkeypatch):
    digests = []
    real_digest = recovery._digest
    monkeypatch.setattr(
        recovery,
        "_digest",
        lambda *args, **kwargs: digests.append(1) or real_digest(*args, **kwargs),
    )
    work = {}
    for label, username, address in [
        ("known", holder.username, "198.51.100.7"),
        ("unknown", "nobody-by-this-name", "198.51.100.8"),
    ]:
        client = _client(address)
        client.get(reverse("recovery:reset"))
        digests.clear()
        hashes.reset()
        with CaptureQueriesContext(connection) as queries:
            response = _reset(client, username, "12345-67890-12345-67890")
        assert response.status_code == 400
        work[label] = (len(digests), hashes.count, len(queries))

    assert work["known"] == work["unknown"]
    assert work["known"][0] == 10  # one HMAC per code of a full set, stand-ins included


# --- The member's data -------------------------------------------------------------------


def test_the_export_says_codes_exist_and_when_never_the_codes(holder):
    from privacy import jobs as privacy_jobs
    from privacy import services as privacy_services

    _reset(_client(), holder.username, holder.codes[0])
    export = privacy_services.data_export_request(user=holder)
    privacy_jobs.data_export_build(export_id=export.pk)
    export.refresh_from_db()

    section = export.payload["recovery_codes"]
    assert section["unused"] == 9
    assert section["used"] == 1
    assert section["created_at"] and section["last_used_at"]
    text = str(export.payload)
    assert not any(code.replace("-", "") in text or code in text for code in holder.codes)
    assert not any(row.digest in text for row in RecoveryCode.objects.all())


def test_deleting_the_account_deletes_its_codes(holder):
    from privacy import jobs as privacy_jobs
    from privacy import services as privacy_services

    deletion = privacy_services.account_deletion_request(user=holder, mode="erase")
    privacy_jobs.account_delete(deletion_id=deletion.pk)

    assert not RecoveryCode.objects.exists()
    assert not User.objects.filter(pk=holder.pk).exists()


def test_the_notice_of_a_reset_leads_to_making_new_codes(holder):
    _reset(_client(), holder.username, holder.codes[0])
    client = _client()
    client.post(reverse("account_login"), {"login": holder.username, "password": NEW_PASSWORD})

    notification = Notification.objects.get(recipient=holder)
    page = client.get(reverse("notifications:list")).content.decode()

    assert "reset with one of your recovery codes" in page
    assert notification.target_url() == reverse("recovery:codes")
