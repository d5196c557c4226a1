"""The member's own actions: notification preferences, and unsubscribing from a link
in an email.
"""

from django.conf import settings
from django.db import transaction

from accounts.models import User
from delivery import emails
from notifications.models import KindPreference, NotificationPreference
from notifications.records import ALWAYS_IN_APP


def preferences_get_or_create(*, user: User, language: str) -> NotificationPreference:
    available = {code for code, _name in settings.LANGUAGES}
    preference, _created = NotificationPreference.objects.get_or_create(
        user=user,
        defaults={"language": language if language in available else settings.LANGUAGE_CODE},
    )
    return preference


def kind_preferences_ensure(*, user: User, kinds: list[str]) -> list[KindPreference]:
    """A row per kind the member can receive, so the form has something to show."""
    KindPreference.objects.bulk_create(
        [KindPreference(user=user, kind=kind) for kind in kinds], ignore_conflicts=True
    )
    order = {kind: index for index, kind in enumerate(kinds)}
    rows = KindPreference.objects.filter(user=user, kind__in=kinds)
    return sorted(rows, key=lambda row: order[row.kind])


@transaction.atomic
def preferences_update(
    *,
    user: User,
    language: str,
    email_style: str,
    digest: str,
    time_zone: str,
    quiet_start,
    quiet_end,
    paused: bool,
    kinds: dict[str, tuple[bool, bool]],
) -> NotificationPreference:
    preference = NotificationPreference.objects.select_for_update().get(user=user)
    preference.language = language
    preference.email_style = email_style
    preference.digest = digest
    preference.time_zone = time_zone
    preference.quiet_start = quiet_start
    preference.quiet_end = quiet_end
    preference.paused = paused
    preference.save()
    for kind, (in_app, email) in kinds.items():
        KindPreference.objects.update_or_create(
            user=user,
            kind=kind,
            defaults={"in_app": in_app or kind in ALWAYS_IN_APP, "email": email},
        )
    return preference


@transaction.atomic
def notification_unsubscribe(*, preference: NotificationPreference, kind: str) -> None:
    """What a signed link in an email stops: that kind's emails, or the digest."""
    if kind == emails.DIGEST:
        NotificationPreference.objects.filter(pk=preference.pk).update(
            digest=NotificationPreference.Digest.OFF
        )
        return
    KindPreference.objects.update_or_create(
        user_id=preference.user_id, kind=kind, defaults={"email": False}
    )
