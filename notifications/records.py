"""Recording notifications: the one API every app tells members things through.

Shared ground: accounts, groups, posts and moderation all call notification_create (or
notification_create_many) inside their own transaction, and nothing here knows about
them. A notification is a row, with a Delivery row per channel it should go out on
(live push, email), written in the caller's transaction. Sending them is the delivery
app's, on a higher floor: it hears of new rows through config.hooks.notifications_recorded
and schedules the work after commit.
"""

from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction

from config import hooks
from notifications.models import Delivery, KindPreference, Notification

# Notices about the member's own standing: they cannot be switched off in the app,
# because a member must be able to learn why a post went or what staff did.
ALWAYS_IN_APP = frozenset(
    {
        Notification.Kind.WARNING,
        Notification.Kind.SANCTION,
        Notification.Kind.POST_REMOVED,
        Notification.Kind.CHECK_IN,
        Notification.Kind.IDENTITY_REVEALED,
        # A security notice: if it was not the member, this is how they learn of it.
        Notification.Kind.ACCOUNT_RECOVERED,
    }
)


def batch_size() -> int:
    return settings.SANAD_NOTIFICATION_FANOUT_BATCH


def chunks(items: list, size: int | None = None):
    """items in runs of the fan-out batch size (SANAD_NOTIFICATION_FANOUT_BATCH)."""
    size = size or batch_size()
    for start in range(0, len(items), size):
        yield items[start : start + size]


def kind_choices(user_ids, kind: str) -> dict[int, tuple[bool, bool]]:
    """(in the app, by email) for one kind, per member."""
    found = {
        row["user_id"]: (row["in_app"], row["email"])
        for row in KindPreference.objects.filter(user_id__in=user_ids, kind=kind).values(
            "user_id", "in_app", "email"
        )
    }
    choices = {}
    for uid in user_ids:
        in_app, email = found.get(uid, (True, False))
        choices[uid] = (in_app or kind in ALWAYS_IN_APP, email)
    return choices


def plan_deliveries(rows, email_wanted: set[int]) -> list[Delivery]:
    """rows: (notification id, recipient id, shown in the app, visible from)."""
    deliveries = []
    for notification_id, recipient_id, shown_in_app, visible_from in rows:
        if shown_in_app:
            deliveries.append(
                Delivery(
                    notification_id=notification_id,
                    channel=Delivery.Channel.PUSH,
                    not_before=visible_from,
                )
            )
        if recipient_id in email_wanted:
            deliveries.append(
                Delivery(
                    notification_id=notification_id,
                    channel=Delivery.Channel.EMAIL,
                    not_before=visible_from,
                )
            )
    return deliveries


def notification_create(
    *,
    recipient_id: int,
    kind: str,
    thread_id: int | None = None,
    post_id: int | None = None,
    message: str = "",
    visible_from: datetime | None = None,
    group_id: int | None = None,
    count: int = 0,
    event_key: str = "",
) -> Notification:
    """Record one notification, in the caller's transaction, and schedule its delivery.

    Every app tells members things through here (or notification_create_many), so
    delivery (live push, email, digests) hangs off one place. `message` holds words
    that belong to the event, such as a reason a moderator gave; it must never name
    another member. `event_key`, if given, makes a repeated call (a retried task)
    return the notification already recorded instead of a second one.
    """
    if event_key:
        existing = Notification.objects.filter(
            recipient_id=recipient_id, kind=kind, event_key=event_key
        ).first()
        if existing is not None:
            return existing
    in_app, email = kind_choices([recipient_id], kind)[recipient_id]
    fields = {
        "recipient_id": recipient_id,
        "kind": kind,
        "thread_id": thread_id,
        "post_id": post_id,
        "group_id": group_id,
        "message": message,
        "visible_from": visible_from,
        "count": count,
        "event_key": event_key,
        "shown_in_app": in_app,
    }
    try:
        # A savepoint, so a lost race on the unique event key leaves the caller's
        # transaction usable.
        with transaction.atomic():
            notification = Notification.objects.create(**fields)
    except IntegrityError:
        if not event_key:
            raise
        return Notification.objects.get(recipient_id=recipient_id, kind=kind, event_key=event_key)
    row = (notification.pk, recipient_id, in_app, visible_from)
    Delivery.objects.bulk_create(plan_deliveries([row], {recipient_id} if email else set()))
    hooks.notifications_recorded.send(sender=Notification, notification_ids=[notification.pk])
    return notification


@transaction.atomic
def notification_create_many(
    *,
    recipient_ids: list[int],
    kind: str,
    thread_id: int | None = None,
    post_id: int | None = None,
    group_id: int | None = None,
    message: str = "",
    visible_from: datetime | None = None,
    event_key: str = "",
) -> list[int]:
    """The same notification for many members (moderators of a lane, say), in bulk.

    With an event_key, members who already have it are left alone, so the caller may
    safely run twice. Returns the ids recorded.
    """
    recipient_ids = sorted(set(recipient_ids))
    recorded: list[int] = []
    for chunk in chunks(recipient_ids):
        choices = kind_choices(chunk, kind)
        objects = [
            Notification(
                recipient_id=uid,
                kind=kind,
                thread_id=thread_id,
                post_id=post_id,
                group_id=group_id,
                message=message,
                visible_from=visible_from,
                event_key=event_key,
                shown_in_app=choices[uid][0],
            )
            for uid in chunk
            if any(choices[uid])
        ]
        if event_key:
            existing = set(
                Notification.objects.filter(
                    kind=kind, event_key=event_key, recipient_id__in=chunk
                ).values_list("recipient_id", flat=True)
            )
            objects = [n for n in objects if n.recipient_id not in existing]
            Notification.objects.bulk_create(objects, ignore_conflicts=True)
            rows = Notification.objects.filter(
                kind=kind,
                event_key=event_key,
                recipient_id__in=[n.recipient_id for n in objects],
            ).values_list("pk", "recipient_id", "shown_in_app", "visible_from")
        else:
            created = Notification.objects.bulk_create(objects)
            rows = [(n.pk, n.recipient_id, n.shown_in_app, n.visible_from) for n in created]
        rows = list(rows)
        email_wanted = {uid for uid, (_in_app, email) in choices.items() if email}
        Delivery.objects.bulk_create(plan_deliveries(rows, email_wanted), ignore_conflicts=True)
        ids = [row[0] for row in rows]
        hooks.notifications_recorded.send(sender=Notification, notification_ids=ids)
        recorded.extend(ids)
    return recorded
