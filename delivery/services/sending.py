"""Delivery: live pushes, then emails, for what is pending and due."""

import logging
from datetime import datetime

from django.conf import settings
from django.core import mail
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from delivery import emails, realtime, selectors
from delivery.services._common import _due
from notifications import timing
from notifications.models import Delivery, Notification, NotificationPreference
from notifications.records import kind_choices

logger = logging.getLogger(__name__)


def deliveries_send(*, notification_ids: list[int], now: datetime | None = None) -> dict:
    """Send what is pending and due for these notifications: live pushes, then emails."""
    now = now or timezone.now()
    pushed, push_skipped = _send_pushes(notification_ids, now)
    emailed, email_outcomes = _send_emails(notification_ids, now)
    return {"pushed": pushed, "push_skipped": push_skipped, "emailed": emailed, **email_outcomes}


def _send_pushes(notification_ids: list[int], now: datetime) -> tuple[int, int]:
    with transaction.atomic():
        # skip_locked: a second task on the same batch leaves these to the first.
        rows = list(
            Delivery.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                notification_id__in=notification_ids,
                channel=Delivery.Channel.PUSH,
                status=Delivery.Status.PENDING,
            )
            .filter(_due(now))
            .values_list("pk", "notification_id", "notification__recipient_id")
        )
        if not rows:
            return 0, 0
        preferences = selectors.preferences_for({row[2] for row in rows})
        paused = {uid for uid, preference in preferences.items() if preference.paused}
        online = realtime.members_online({row[2] for row in rows} - paused)
        send = [row for row in rows if row[2] in online]
        # Sent before the rows are marked: a push repeated after a crash is harmless
        # (the browser ignores an id it already shows), a lost one is not.
        realtime.notifications_created((uid, notification_id) for _pk, notification_id, uid in send)
        Delivery.objects.filter(pk__in=[row[0] for row in send]).update(
            status=Delivery.Status.SENT, sent_at=now, attempts=F("attempts") + 1
        )
        # Nobody with the bell open: their count is right on the next page they open.
        skipped = {
            "paused": [pk for pk, _n, uid in rows if uid in paused],
            "offline": [pk for pk, _n, uid in rows if uid not in paused and uid not in online],
        }
        for outcome, pks in skipped.items():
            Delivery.objects.filter(pk__in=pks).update(
                status=Delivery.Status.SKIPPED, outcome=outcome
            )
    return len(send), len(rows) - len(send)


def _send_emails(notification_ids: list[int], now: datetime) -> tuple[int, dict]:
    pending = list(
        Delivery.objects.filter(
            notification_id__in=notification_ids,
            channel=Delivery.Channel.EMAIL,
            status=Delivery.Status.PENDING,
        )
        .filter(_due(now))
        .select_related("notification__group", "notification__thread__group")
        .order_by("pk")
    )
    if not pending:
        return 0, {}
    recipients = {d.notification.recipient_id for d in pending}
    preferences = selectors.preferences_for(recipients)
    unsaved = [uid for uid, preference in preferences.items() if preference.pk is None]
    if unsaved:
        # The unsubscribe link in the email names a stored key: store the defaults. A
        # member who never chose a language is spoken to in the language of the group
        # the notice is about, the one they use there (moderators' notices follow it too).
        spoken = {}
        for delivery in pending:
            notification = delivery.notification
            group = notification.group or (notification.thread and notification.thread.group)
            if group is not None:
                spoken.setdefault(notification.recipient_id, group.language)
        NotificationPreference.objects.bulk_create(
            [
                NotificationPreference(
                    user_id=uid, language=spoken.get(uid, settings.LANGUAGE_CODE)
                )
                for uid in unsaved
            ],
            ignore_conflicts=True,
        )
        preferences = selectors.preferences_for(recipients)
    addresses = selectors.verified_addresses(recipients)
    readable = set(
        Notification.objects.filter(pk__in=[d.notification_id for d in pending])
        .filter(selectors.visible_now(now), selectors.readable_by_recipient())
        .values_list("pk", flat=True)
    )
    wanted: dict[tuple[int, str], bool] = {}
    for kind in {d.notification.kind for d in pending}:
        for uid, (_in_app, email) in kind_choices(recipients, kind).items():
            wanted[(uid, kind)] = email
    outcomes: dict[str, int] = {}
    sent = 0
    # One connection for the whole batch, opened only if something is sent.
    connection = mail.get_connection()
    try:
        for delivery in pending:
            result = _email_delivery(
                delivery, preferences, wanted, readable, addresses, now, connection
            )
            outcomes[result] = outcomes.get(result, 0) + 1
            sent += result == "sent"
    finally:
        connection.close()
    return sent, outcomes


def _email_delivery(delivery, preferences, wanted, readable, addresses, now, connection) -> str:
    """Decide, at sending time, whether this email may still go, and send it if so:
    the member may have paused, unsubscribed or left the group since the event."""
    notification = delivery.notification
    uid = notification.recipient_id
    preference = preferences[uid]
    if preference.paused:
        outcome = "paused"
    elif not wanted[(uid, notification.kind)]:
        outcome = "unsubscribed"
    elif notification.pk not in readable:
        outcome = "no_longer_visible"
    elif uid not in addresses:
        outcome = "no_verified_address"
    else:
        outcome = ""
    return _email_one(
        delivery_id=delivery.pk,
        skip_outcome=outcome,
        hold_until=None if outcome else timing.hold_until(preference, now),
        build=lambda: emails.notification_email(
            notification=notification, preference=preference, address=addresses[uid]
        ),
        connection=connection,
        now=now,
    )


def _email_one(*, delivery_id: int, skip_outcome: str, hold_until, build, connection, now) -> str:
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(pk=delivery_id, status=Delivery.Status.PENDING)
            .first()
        )
        if delivery is None:
            return "already_handled"
        if skip_outcome:
            delivery.status = Delivery.Status.SKIPPED
            delivery.outcome = skip_outcome
            delivery.save(update_fields=["status", "outcome"])
            return skip_outcome
        if hold_until is not None:
            # Quiet hours: kept pending, and the sweeper sends it when they end.
            delivery.not_before = hold_until
            delivery.save(update_fields=["not_before"])
            return "held_for_quiet_hours"
        # Sent while the row is locked and marked in the same transaction: another
        # worker skips the row instead of sending again. Only a crash between the send
        # and the commit could repeat an email; nothing can lose one.
        message = build()
        message.connection = connection
        message.send()
        delivery.status = Delivery.Status.SENT
        delivery.sent_at = now
        delivery.attempts += 1
        delivery.save(update_fields=["status", "sent_at", "attempts"])
        logger.info("notification email sent for delivery %s", delivery.pk)
        return "sent"
