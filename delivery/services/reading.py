"""The member's own actions: marking notifications read."""

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from config.oncommit import after_commit
from delivery import realtime, selectors
from notifications.models import Notification


def _count_changed(user_id: int) -> None:
    after_commit(realtime.count_changed, user_id=user_id)


@transaction.atomic
def notification_mark_read(*, user: User, notification: Notification) -> Notification:
    if notification.recipient_id != user.pk:
        raise PermissionError("not the recipient")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        _count_changed(user.pk)
    return notification


@transaction.atomic
def notifications_mark_all_read(*, user: User) -> int:
    marked = (
        Notification.objects.filter(recipient=user, read_at__isnull=True)
        .filter(selectors.visible_now())
        .update(read_at=timezone.now())
    )
    if marked:
        _count_changed(user.pk)
    return marked
