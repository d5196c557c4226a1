"""Support reactions, batched: one notice per post per interval, counts only."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from delivery.services._common import Kind
from groups.models import Membership
from notifications.models import ReactionNotice
from notifications.records import notification_create
from posts.models import Post, Reaction


def _reaction_interval() -> timedelta:
    return timedelta(minutes=settings.SANAD_REACTION_NOTICE_INTERVAL_MINUTES)


# A reaction written this recently may still sit in an uncommitted transaction with an
# earlier timestamp; counting only older ones means none is skipped by the watermark.
REACTION_SETTLE = timedelta(seconds=60)
REACTION_LOOKBACK = timedelta(days=7)


def reaction_notices_create(*, now: datetime | None = None) -> int:
    """ "3 members sent support": at most one notice per post per interval. Counts only,
    never who; the author's own reactions do not count."""
    now = now or timezone.now()
    settled = now - REACTION_SETTLE
    noticed = ReactionNotice.objects.filter(post_id=OuterRef("post_id")).filter(
        Q(notified_at__gt=now - _reaction_interval()) | Q(counted_until__gte=OuterRef("created_at"))
    )
    post_ids = list(
        Reaction.objects.filter(
            created_at__gt=now - REACTION_LOOKBACK,
            created_at__lte=settled,
            post__state=Post.State.VISIBLE,
        )
        .exclude(user_id=F("post__author_id"))
        .exclude(Exists(noticed))
        .order_by("post_id")
        .values_list("post_id", flat=True)
        .distinct()[:1000]
    )
    told = 0
    for post_id in post_ids:
        if _reaction_notice_for_post(post_id=post_id, settled=settled, now=now) is not None:
            told += 1
    return told


@transaction.atomic
def _reaction_notice_for_post(*, post_id: int, settled: datetime, now: datetime):
    post = (
        Post.objects.select_related("thread").filter(pk=post_id, state=Post.State.VISIBLE).first()
    )
    if post is None or post.author_id is None:
        return None
    epoch = now - REACTION_LOOKBACK - timedelta(days=1)
    notice, _created = ReactionNotice.objects.get_or_create(
        post_id=post_id, defaults={"counted_until": epoch, "notified_at": epoch}
    )
    notice = ReactionNotice.objects.select_for_update().get(pk=notice.pk)
    if notice.notified_at > now - _reaction_interval():
        return None
    members = (
        Reaction.objects.filter(
            post_id=post_id, created_at__gt=notice.counted_until, created_at__lte=settled
        )
        .exclude(user_id=post.author_id)
        .values("user_id")
        .distinct()
        .count()
    )
    notice.counted_until = settled
    if not members:
        notice.save(update_fields=["counted_until"])
        return None
    may_read = Membership.objects.filter(
        group_id=post.thread.group_id, user_id=post.author_id, state=Membership.State.ACTIVE
    ).exists()
    notification = None
    if may_read:
        notification = notification_create(
            recipient_id=post.author_id,
            kind=Kind.REACTIONS,
            thread_id=post.thread_id,
            post_id=post.pk,
            group_id=post.thread.group_id,
            count=members,
            event_key=f"reactions:{post.pk}:{int(settled.timestamp())}",
        )
    notice.notified_at = now
    notice.save(update_fields=["counted_until", "notified_at"])
    return notification
