"""Building Sanad's emails, and the signed links that stop them.

An inbox is not private: a partner, a parent or an employer may read it. So by default
an email says only that something is waiting, with a link; its subject and sender are
the same whatever happened. Members who want more choose detailed emails, and even
then the subject stays generic and no email ever names another member except by the
persona or anonymous label the forum shows.
"""

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import constant_time_compare, salted_hmac

from notifications.models import Notification, NotificationPreference

DIGEST = "digest"
_SALT = "notifications.unsubscribe"


class UnsubscribeLinkInvalid(Exception):
    pass


class UnsubscribeLinkExpired(UnsubscribeLinkInvalid):
    pass


def _kind_tag(key: str, kind: str) -> str:
    # The kind is not readable from the link (a link saying "identity_revealed" would
    # itself tell a reader of the inbox something); the server finds it by trying each.
    return salted_hmac(f"{_SALT}.kind", f"{key}:{kind}").hexdigest()[:16]


def unsubscribe_kinds() -> list[str]:
    return [*Notification.Kind.values, DIGEST]


def unsubscribe_token(preference: NotificationPreference, kind: str) -> str:
    return signing.TimestampSigner(salt=_SALT).sign(
        f"{preference.unsubscribe_key}.{_kind_tag(preference.unsubscribe_key, kind)}"
    )


def unsubscribe_target(token: str) -> tuple[NotificationPreference, str]:
    """The preferences and the kind a link stops; raises for a forged or old link."""
    max_age = settings.SANAD_UNSUBSCRIBE_LINK_MAX_AGE_DAYS * 24 * 60 * 60
    try:
        value = signing.TimestampSigner(salt=_SALT).unsign(token, max_age=max_age)
    except signing.SignatureExpired:
        raise UnsubscribeLinkExpired from None
    except signing.BadSignature:
        raise UnsubscribeLinkInvalid from None
    key, _dot, tag = value.rpartition(".")
    preference = NotificationPreference.objects.filter(unsubscribe_key=key).first()
    if preference is None:
        raise UnsubscribeLinkInvalid
    for kind in unsubscribe_kinds():
        if constant_time_compare(_kind_tag(key, kind), tag):
            return preference, kind
    raise UnsubscribeLinkInvalid


def absolute_url(path: str) -> str:
    return settings.SANAD_SITE_URL.rstrip("/") + path


def _headers(unsubscribe_url: str) -> dict[str, str]:
    return {
        # RFC 8058: mail clients offer a one-click unsubscribe that POSTs to the link.
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        # No out-of-office replies back to a no-reply address.
        "Auto-Submitted": "auto-generated",
    }


def _message(*, template: str, context: dict, address: str, unsubscribe_url: str):
    subject = " ".join(render_to_string(f"{template}.subject.txt", context).split())
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[address],
        headers=_headers(unsubscribe_url),
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    return message


def _common_context(preference: NotificationPreference, kind: str) -> dict:
    unsubscribe_url = absolute_url(
        reverse("notifications:unsubscribe", args=[unsubscribe_token(preference, kind)])
    )
    return {
        "site_name": settings.SANAD_SITE_NAME,
        "list_url": absolute_url(reverse("notifications:list")),
        "preferences_url": absolute_url(reverse("notifications:preferences")),
        "unsubscribe_url": unsubscribe_url,
        "language": preference.language,
        "rtl": translation.get_language_bidi(),
    }


def notification_email(
    *, notification: Notification, preference: NotificationPreference, address: str
) -> EmailMultiAlternatives:
    """The email for one notification, in the member's language and chosen style."""
    with translation.override(preference.language):
        context = _common_context(preference, notification.kind)
        detailed = preference.email_style == NotificationPreference.EmailStyle.DETAILED
        if detailed:
            context["notification"] = notification
            context["open_url"] = absolute_url(
                reverse("notifications:open", args=[notification.pk])
            )
            template = f"notifications/email/{notification.kind}"
        else:
            template = "notifications/email/neutral"
        return _message(
            template=template,
            context=context,
            address=address,
            unsubscribe_url=context["unsubscribe_url"],
        )


def digest_email(
    *,
    preference: NotificationPreference,
    address: str,
    notifications: list[Notification],
    count: int,
) -> EmailMultiAlternatives:
    """A digest: in neutral style the number of new notifications and a link, no more."""
    with translation.override(preference.language):
        context = _common_context(preference, DIGEST)
        context["count"] = count
        context["frequency"] = preference.digest
        if preference.email_style == NotificationPreference.EmailStyle.DETAILED:
            context["notifications"] = notifications
        return _message(
            template="notifications/email/digest",
            context=context,
            address=address,
            unsubscribe_url=context["unsubscribe_url"],
        )
