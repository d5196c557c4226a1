"""Emails about a login: Sanad's own wording, in the member's language, saying nothing
about who the member is (tests/test_leak_suite.py checks every kind against the
anonymity scenario)."""

import re
from pathlib import Path

import allauth
import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts import emails
from accounts.models import User
from tests.factories import UserFactory, give_verified_email, want_emails

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
NEW_PASSWORD = "a brand new and private passphrase"


def _client(language: str = "en") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.cookies["django_language"] = language
    return client


def _text(message) -> str:
    return "\n".join(
        [message.subject, message.body, *[content for content, _type in message.alternatives]]
    )


def test_every_email_allauth_can_send_has_sanads_wording():
    root = Path(allauth.__file__).parent / "templates"
    prefixes = {
        str(path.relative_to(root)).removesuffix("_subject.txt")
        for folder in ("account/email", "mfa/email")
        for path in (root / folder).glob("*_subject.txt")
    }

    assert prefixes, "allauth's email templates moved"
    assert prefixes <= set(emails.EMAILS), sorted(prefixes - set(emails.EMAILS))
    for email in emails.EMAILS.values():
        for ending in ("subject.txt", "txt", "html"):
            assert (Path("templates/accounts/email") / f"{email.template}.{ending}").exists()


def test_the_confirmation_email_of_a_sign_up_names_no_persona(emails_sent):
    client = _client()

    (message,) = emails_sent(
        lambda: client.post(
            reverse("account_signup"),
            {
                "username": "private-login",
                "email": "someone@example.org",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
    )

    persona = User.objects.get(username="private-login").personas.get().name
    text = _text(message)
    assert persona not in text
    assert "private-login" not in text
    assert message.subject == "Sanad: confirm your email address"
    link = re.search(r"http://127\.0\.0\.1:8000/accounts/confirm-email/\S+/", message.body)
    assert link, "the link points at SANAD_SITE_URL"
    # Whoever opens the link holds the inbox, which others may read: the page does not
    # name the account's persona either.
    path = link.group(0).removeprefix("http://127.0.0.1:8000")
    confirm_page = _client().get(path).content.decode()
    assert "someone@example.org" in confirm_page
    assert persona not in confirm_page
    confirmed = client.post(path)
    assert confirmed.status_code == 302
    assert User.objects.get(username="private-login").emailaddress_set.get().verified


def test_the_reset_email_names_no_username_and_its_link_signs_the_member_in(emails_sent):
    member = UserFactory(username="forgetful-login")
    give_verified_email(member, "forgetful@example.org")
    client = _client()

    (message,) = emails_sent(
        lambda: client.post(reverse("account_reset_password"), {"email": "Forgetful@Example.org"})
    )

    assert message.to == ["forgetful@example.org"]
    text = _text(message)
    assert "forgetful-login" not in text
    assert member.personas.get().name not in text
    link = re.search(r"http://127\.0\.0\.1:8000(/accounts/password/reset/key/\S+/)", message.body)
    page = client.get(link.group(1), follow=True)
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else link.group(1)
    done = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert done.status_code == 302
    assert client.get("/").context["user"] == member
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)


def test_a_reset_for_an_address_without_an_account_says_so_and_points_to_recovery_codes(
    emails_sent,
):
    (message,) = emails_sent(
        lambda: _client().post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    )

    assert message.to == ["nobody@example.org"]
    assert "no account uses it" in message.body
    assert reverse("recovery:reset") in message.body


def test_asking_for_a_reset_answers_the_same_with_and_without_an_account(emails_sent):
    give_verified_email(UserFactory(), "known@example.org")
    answers = []
    for address in ("known@example.org", "unknown@example.org"):
        emails_sent(
            lambda a=address: _client().post(reverse("account_reset_password"), {"email": a})
        )
        answers.append((emails_sent.result.status_code, emails_sent.result["Location"]))

    assert answers[0] == answers[1] == (302, reverse("account_reset_password_done"))


def test_emails_go_in_the_members_chosen_language_else_the_pages(emails_sent):
    member = UserFactory()
    give_verified_email(member, "member@example.org")
    want_emails(member, language="ar")

    (chosen,) = emails_sent(
        lambda: _client("en").post(
            reverse("account_reset_password"), {"email": "member@example.org"}
        )
    )
    (from_page,) = emails_sent(
        lambda: _client("ar").post(reverse("account_reset_password"), {"email": "new@example.org"})
    )
    (english,) = emails_sent(
        lambda: _client("en").post(reverse("account_reset_password"), {"email": "new@example.org"})
    )

    assert re.search("[\u0600-\u06ff]", chosen.subject)
    assert 'dir="rtl"' in chosen.alternatives[0][0]
    assert re.search("[\u0600-\u06ff]", from_page.subject)
    assert not re.search("[\u0600-\u06ff]", english.subject)


def test_a_password_change_is_told_to_a_verified_address_only(emails_sent):
    verified = UserFactory(username="careful-one")
    give_verified_email(verified, "careful@example.org")
    unverified = UserFactory(username="unverified-one", email="maybe-someone-else@example.org")
    sent = {}
    for user in (verified, unverified):
        client = _client()
        client.post(reverse("account_login"), {"login": user.username, "password": PASSWORD})
        sent[user.username] = emails_sent(
            lambda c=client: c.post(
                reverse("account_change_password"),
                {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
            )
        )

    (notice,) = sent["careful-one"]
    assert notice.to == ["careful@example.org"]
    assert notice.subject == "Sanad: a change to your account"
    assert "The password of your account was changed." in notice.body
    # No IP address, browser or time: allauth's notices carry them.
    assert "IP" not in notice.body and "Browser" not in notice.body
    assert sent["unverified-one"] == []


def test_an_email_is_sent_only_after_the_change_commits(django_capture_on_commit_callbacks):
    member = UserFactory()
    give_verified_email(member, "member@example.org")
    mail.outbox = []

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        emails.account_email_schedule(
            template_prefix="account/email/password_changed",
            address="member@example.org",
            context={"user": member},
        )
        assert mail.outbox == []
    for callback in callbacks:
        callback()

    assert [m.to for m in mail.outbox] == [["member@example.org"]]


def test_an_email_allauth_may_add_later_gets_a_general_notice(emails_sent, caplog):
    (message,) = emails_sent(
        lambda: emails.account_email_schedule(
            template_prefix="account/email/something_new",
            address="member@example.org",
            context={"username": "private-login"},
        )
    )

    assert "A sign-in setting of your account was changed." in message.body
    assert "private-login" not in _text(message)
