"""The sweeper: finds work that fell between the cracks and queues it again."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from delivery import queue
from delivery.services._common import Kind, _due
from notifications.models import Delivery, FanOut
from posts.models import Post

SWEEP_LIMIT = 5000
DELIVERY_RECORDS_KEPT = timedelta(days=30)


def notifications_sweep(*, now: datetime | None = None) -> dict:
    """Find work that fell between the cracks and queue it again.

    Replies whose fan-out never started (the broker was down when the post committed)
    or stalled (a worker died), and deliveries still pending once due. Everything it
    queues is idempotent, so sweeping work that was merely slow costs only time.
    """
    now = now or timezone.now()
    stale = now - timedelta(seconds=settings.SANAD_NOTIFICATION_SWEEP_AFTER_SECONDS)
    window = now - timedelta(hours=settings.SANAD_NOTIFICATION_SWEEP_WINDOW_HOURS)
    settled = FanOut.objects.filter(post_id=OuterRef("pk"), kind=Kind.REPLY).filter(
        Q(finished_at__isnull=False) | Q(updated_at__gt=stale)
    )
    post_ids = list(
        Post.objects.filter(
            is_opening=False,
            state=Post.State.VISIBLE,
            created_at__gte=window,
            created_at__lte=stale,
        )
        .exclude(Exists(settled))
        .order_by("pk")
        .values_list("pk", flat=True)[:SWEEP_LIMIT]
    )
    for post_id in post_ids:
        queue.reply_fanout_now(post_id)
    notification_ids = list(
        Delivery.objects.filter(status=Delivery.Status.PENDING, created_at__lte=stale)
        .filter(_due(now))
        .order_by("notification_id")
        .values_list("notification_id", flat=True)
        .distinct()[:SWEEP_LIMIT]
    )
    queue.deliveries_now(notification_ids)
    forgotten, _by_model = Delivery.objects.filter(
        status__in=[Delivery.Status.SENT, Delivery.Status.SKIPPED],
        created_at__lt=now - DELIVERY_RECORDS_KEPT,
    ).delete()
    return {
        "replies": len(post_ids),
        "notifications": len(notification_ids),
        "forgotten": forgotten,
    }
