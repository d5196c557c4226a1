"""Digests: who is due one for the current period, and sending it."""

import logging
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from delivery import emails, selectors
from notifications import timing
from notifications.models import Digest, Notification, NotificationPreference

logger = logging.getLogger(__name__)


def digests_due(*, now: datetime | None = None) -> list[int]:
    """Members whose digest for the current period has not been handled yet."""
    now = now or timezone.now()
    handled = set(
        Digest.objects.filter(period_start__gte=now - timedelta(days=8)).values_list(
            "user_id", "frequency", "period_start"
        )
    )
    due = []
    preferences = (
        NotificationPreference.objects.exclude(digest=NotificationPreference.Digest.OFF)
        .filter(paused=False)
        .only("user_id", "digest", "time_zone", "quiet_start", "quiet_end", "paused")
    )
    for preference in preferences.iterator(chunk_size=2000):
        period = timing.digest_period(preference, now)
        if period is not None and (preference.user_id, preference.digest, period) not in handled:
            due.append(preference.user_id)
    return due


DIGEST_ITEMS = 20


def digest_send(*, user_id: int, now: datetime | None = None) -> Digest | None:
    """Send this member's digest for the current period, once."""
    now = now or timezone.now()
    preference = NotificationPreference.objects.filter(user_id=user_id).first()
    if preference is None:
        return None
    period = timing.digest_period(preference, now)
    if period is None:
        return None
    with transaction.atomic():
        digest, _created = Digest.objects.get_or_create(
            user_id=user_id, frequency=preference.digest, period_start=period
        )
        digest = Digest.objects.select_for_update().get(pk=digest.pk)
        if digest.status != Digest.Status.PENDING:
            return digest
        since = period - timing.digest_length(preference.digest)
        previous = (
            Digest.objects.filter(user_id=user_id, status=Digest.Status.SENT)
            .exclude(pk=digest.pk)
            .order_by("-sent_at")
            .first()
        )
        if previous is not None and previous.sent_at > since:
            since = previous.sent_at
        new = (
            Notification.objects.filter(
                recipient_id=user_id, shown_in_app=True, read_at__isnull=True
            )
            .filter(Q(created_at__gt=since) | Q(visible_from__gt=since))
            .filter(selectors.visible_now(now), selectors.readable_by_recipient())
        )
        count = new.count()
        address = selectors.verified_addresses([user_id]).get(user_id)
        digest.notification_count = count
        if count == 0 or address is None:
            digest.status = Digest.Status.SKIPPED
            digest.outcome = "nothing_new" if count == 0 else "no_verified_address"
            digest.save(update_fields=["status", "outcome", "notification_count"])
            return digest
        items = list(new.select_related("thread__group", "post__persona", "group")[:DIGEST_ITEMS])
        emails.digest_email(
            preference=preference, address=address, notifications=items, count=count
        ).send()
        digest.status = Digest.Status.SENT
        digest.sent_at = now
        digest.save(update_fields=["status", "sent_at", "notification_count"])
        logger.info("digest %s sent", digest.pk)
        return digest
