"""Presence and duty: who is working the queue now, and who is on duty."""

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from moderation.models import ModeratorPresence


def moderator_seen(*, user: User) -> None:
    """Record that a moderator is working the queue now. One statement, an upsert, so
    a queue page costs the same however often it is loaded."""
    ModeratorPresence.objects.bulk_create(
        [ModeratorPresence(user=user, last_seen_at=timezone.now())],
        update_conflicts=True,
        update_fields=["last_seen_at"],
        unique_fields=["user"],
    )


@transaction.atomic
def moderator_set_duty(*, user: User, on_duty: bool) -> ModeratorPresence:
    presence, _created = ModeratorPresence.objects.select_for_update().get_or_create(user=user)
    presence.on_duty = on_duty
    presence.last_seen_at = timezone.now()
    presence.save(update_fields=["on_duty", "last_seen_at"])
    return presence
