"""Sanad's own wording for every email about a login: confirming an address, resetting a
password, security notices.

allauth decides when such an email is due; what it says is decided here, and only
here. An inbox is not private (a partner, a parent or an employer may read it), so
these emails name no username, persona, group or other address, carry no IP address
or browser, and have a neutral subject with the site name (SANAD_SITE_NAME). The
template context is built from a short list of values (links, a code, which notice),
never from what allauth passes: its context holds the account itself, and allauth's
own templates print `user_display` (the persona) and, for a password reset, the
username.

Emails are sent by Celery after the surrounding transaction commits, so that sending
takes no part in how long a sign-up, a sign-in or a reset request takes to answer
(an SMTP round trip would tell a prober which branch a request took).
"""

import logging
import unicodedata
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from config.oncommit import task_after_commit

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class AccountEmail:
    template: str  # under templates/accounts/email/
    notice: str = ""  # which sentence a security notice says


_NOTICE = "security_notice"

# Every email allauth can send, by its template prefix (allauth/templates/account/email
# and mfa/email; tests/accounts/test_account_emails.py fails when allauth gains one this
# map does not know). Sanad's own emails (recovery codes) use the same templates.
EMAILS: dict[str, AccountEmail] = {
    "account/email/email_confirmation_signup": AccountEmail("confirm_address"),
    "account/email/email_confirmation": AccountEmail("confirm_address"),
    "account/email/account_already_exists": AccountEmail("address_in_use"),
    "account/email/password_reset_key": AccountEmail("password_reset_link"),
    "account/email/unknown_account": AccountEmail("no_account"),
    # Only sent when login or password reset by code is turned on (they are not).
    "account/email/login_code": AccountEmail("one_time_code", "login_code"),
    "account/email/password_reset_code": AccountEmail("one_time_code", "password_reset_code"),
    "account/email/password_changed": AccountEmail(_NOTICE, "password_changed"),
    "account/email/password_set": AccountEmail(_NOTICE, "password_set"),
    "account/email/password_reset": AccountEmail(_NOTICE, "password_reset"),
    "account/email/email_changed": AccountEmail(_NOTICE, "email_changed"),
    "account/email/email_confirm": AccountEmail(_NOTICE, "email_confirmed"),
    "account/email/email_deleted": AccountEmail(_NOTICE, "email_deleted"),
    "mfa/email/totp_activated": AccountEmail(_NOTICE, "totp_activated"),
    "mfa/email/totp_deactivated": AccountEmail(_NOTICE, "totp_deactivated"),
    "mfa/email/recovery_codes_generated": AccountEmail(_NOTICE, "mfa_recovery_codes_generated"),
    "mfa/email/webauthn_added": AccountEmail(_NOTICE, "webauthn_added"),
    "mfa/email/webauthn_removed": AccountEmail(_NOTICE, "webauthn_removed"),
    "accounts/recovery_codes_created": AccountEmail(_NOTICE, "recovery_codes_created"),
    "accounts/account_recovered": AccountEmail(_NOTICE, "account_recovered"),
}
# An email allauth may add in a later version: a general notice rather than its own
# template, which would print the persona.
_UNKNOWN = AccountEmail(_NOTICE, "other")

# The links allauth builds from the request's host; Sanad's emails point at
# SANAD_SITE_URL instead, like every other email it sends.
_URL_KEYS = ("activate_url", "password_reset_url")


def normalize_email(value: str) -> str:
    """The one form an address is compared and stored in.

    NFKC folds compatibility look-alikes into their plain letters (full-width "ｏ",
    ligatures, styled digits), so "ＯＷＮＥＲ@example.org" is the same address as
    "owner@example.org"; then lower case, as allauth compares. Letters of other scripts
    that merely look alike (a Cyrillic "о") stay different addresses: different
    mailboxes, and since sign-up answers the same for a taken and a new address, that
    only decides who gets which email, never what the person signing up learns.
    """
    return unicodedata.normalize("NFKC", value or "").strip().lower()


def absolute_url(path: str) -> str:
    return settings.SANAD_SITE_URL.rstrip("/") + path


def _on_site(url: str) -> str:
    parts = urlsplit(url)
    return absolute_url(parts.path + (f"?{parts.query}" if parts.query else ""))


def _active_language() -> str:
    language = translation.get_language() or settings.LANGUAGE_CODE
    codes = {code for code, _name in settings.LANGUAGES}
    return language if language in codes else settings.LANGUAGE_CODE


def account_email_schedule(
    *, template_prefix: str, address: str, context: dict, user_id: int | None = None
) -> None:
    """Queue one account email after commit: the kind, a link or a code, nothing else."""
    email = EMAILS.get(template_prefix)
    if email is None:
        logger.warning(
            "No Sanad wording for allauth email %s; sending a general notice", template_prefix
        )
        email = _UNKNOWN
    link = next((context[key] for key in _URL_KEYS if context.get(key)), "")
    user = context.get("user")
    if user_id is None and user is not None and getattr(user, "pk", None):
        user_id = user.pk
    task_after_commit(
        "accounts.tasks.send_account_email",
        template=email.template,
        notice=email.notice,
        address=address,
        user_id=user_id,
        fallback_language=_active_language(),
        link=_on_site(link) if link else "",
        code=str(context.get("code") or ""),
    )


def _recipient_language(*, user_id: int | None, address: str, fallback: str) -> str:
    """The member's chosen email language (notification settings), else the language
    of the page the email was asked from."""
    from allauth.account.models import EmailAddress

    from notifications.models import NotificationPreference

    if user_id is None:
        # An email to an address with no account named (the owner of an address used
        # at sign-up): its verified holder's language, if it has one.
        user_id = (
            EmailAddress.objects.filter(email__iexact=address, verified=True)
            .values_list("user_id", flat=True)
            .first()
        )
    language = None
    if user_id is not None:
        language = (
            NotificationPreference.objects.filter(user_id=user_id)
            .values_list("language", flat=True)
            .first()
        )
    codes = {code for code, _name in settings.LANGUAGES}
    return language if language in codes else fallback


def account_email_message(
    *,
    template: str,
    notice: str,
    address: str,
    language: str,
    link: str = "",
    code: str = "",
) -> EmailMultiAlternatives:
    """The email itself, in `language`. Everything it may say is in this context."""
    with translation.override(language):
        context = {
            "site_name": settings.SANAD_SITE_NAME,
            "notice": notice,
            "link": link,
            "code": code,
            "sign_in_url": absolute_url(reverse("account_login")),
            "reset_url": absolute_url(reverse("account_reset_password")),
            "recovery_reset_url": absolute_url(reverse("recovery:reset")),
            "signup_url": absolute_url(reverse("account_signup")),
            "security_url": absolute_url(reverse("privacy:index") + "#security"),
            "language": language,
            "rtl": translation.get_language_bidi(),
        }
        prefix = f"accounts/email/{template}"
        subject = " ".join(render_to_string(f"{prefix}.subject.txt", context).split())
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string(f"{prefix}.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[address],
            # No out-of-office replies to a no-reply address.
            headers={"Auto-Submitted": "auto-generated"},
        )
        message.attach_alternative(render_to_string(f"{prefix}.html", context), "text/html")
    return message


def account_email_send(
    *,
    template: str,
    notice: str,
    address: str,
    user_id: int | None,
    fallback_language: str,
    link: str = "",
    code: str = "",
) -> None:
    language = _recipient_language(user_id=user_id, address=address, fallback=fallback_language)
    account_email_message(
        template=template, notice=notice, address=address, language=language, link=link, code=code
    ).send()


def verified_address_of(user) -> str | None:
    """Where security notices go: a verified address only. An unverified one may be
    someone else's (anyone can type any address at sign-up)."""
    from allauth.account.models import EmailAddress

    return (
        EmailAddress.objects.filter(user_id=user.pk, verified=True)
        .order_by("-primary", "pk")
        .values_list("email", flat=True)
        .first()
    )


def verified_holder_id(address: str, *, other_than: int | None) -> int | None:
    """The account, other than `other_than`, that holds this address verified."""
    from allauth.account.models import EmailAddress

    return (
        EmailAddress.objects.filter(email__iexact=normalize_email(address), verified=True)
        .exclude(user_id=other_than)
        .values_list("user_id", flat=True)
        .first()
    )


# --- Password reset by email ---------------------------------------------------------------


def password_reset_schedule(*, address: str) -> None:
    """Queue the answer to "I forgot my password" for this address.

    Who holds the address is looked up by the task, not in the request: the request
    then does the same work for an address with an account and one without, and
    answers in the same time.
    """
    task_after_commit(
        "accounts.tasks.send_password_reset_email",
        address=address,
        fallback_language=_active_language(),
    )


def password_reset_email_send(*, address: str, fallback_language: str) -> None:
    """A link for each active account holding the address (verified ones first, as
    allauth chooses), or, when none does, a note that no account uses it."""
    from allauth.account import app_settings
    from allauth.account.forms import default_token_generator
    from allauth.account.internal.userkit import filter_users_by_email
    from allauth.account.utils import user_pk_to_url_str

    users = filter_users_by_email(address, is_active=True, prefer_verified=True, for_login=True)
    if not users:
        if app_settings.EMAIL_UNKNOWN_ACCOUNTS:
            account_email_send(
                template="no_account",
                notice="",
                address=address,
                user_id=None,
                fallback_language=fallback_language,
            )
        return
    for user in users:
        key = f"{user_pk_to_url_str(user)}-{default_token_generator.make_token(user)}"
        path = reverse(
            "account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"}
        ).replace("UID-KEY", quote(key))
        account_email_send(
            template="password_reset_link",
            notice="",
            address=address,
            user_id=user.pk,
            fallback_language=fallback_language,
            link=absolute_url(path),
        )
