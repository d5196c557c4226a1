"""Replies: fan-out to a thread's watchers, one batch per call."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from delivery import queue
from delivery.services._common import Kind
from groups.models import Membership
from notifications.models import Delivery, FanOut, Notification
from notifications.records import batch_size, kind_choices, plan_deliveries
from posts.models import Post, Subscription


@dataclass
class FanOutStep:
    notification_ids: list[int]
    finished: bool


def _may_read(group_id: int):
    return Exists(
        Membership.objects.filter(
            group_id=group_id, user_id=OuterRef("user_id"), state=Membership.State.ACTIVE
        )
    )


def _reply_watchers(post: Post, *, after: int):
    """Members watching the thread who may still read it, in account id order.

    Mute means never, and "normal" means not for every reply: only "watch" counts.
    """
    return (
        Subscription.objects.filter(
            thread_id=post.thread_id, level=Subscription.Level.WATCH, user_id__gt=after
        )
        .exclude(user_id=post.author_id)
        .filter(_may_read(post.thread.group_id), user__is_active=True)
        .order_by("user_id")
        .values_list("user_id", flat=True)
    )


def _thread_author_without_subscription(post: Post) -> int | None:
    """Whoever started the thread hears of replies unless they chose otherwise, even
    for threads that predate subscriptions."""
    author_id = post.thread.author_id
    if author_id is None or author_id == post.author_id:
        return None
    if Subscription.objects.filter(thread_id=post.thread_id, user_id=author_id).exists():
        return None
    may_read = Membership.objects.filter(
        group_id=post.thread.group_id,
        user_id=author_id,
        state=Membership.State.ACTIVE,
        user__is_active=True,
    ).exists()
    return author_id if may_read else None


def notification_create_for_reply(*, post_id: int) -> FanOutStep:
    """Tell the next batch of the thread's watchers about a reply. Safe to call again.

    One batch per call, in its own transaction with the fan-out's cursor, so a worker
    killed mid-way loses at most one uncommitted batch, which the next call redoes.
    The next batch and the deliveries are scheduled after commit.
    """
    batch = batch_size()
    with transaction.atomic():
        post = Post.objects.select_related("thread").filter(pk=post_id).first()
        if post is None or post.state != Post.State.VISIBLE or post.is_opening:
            # A held post is told about when it is approved (the sweeper looks again).
            return FanOutStep([], True)
        fanout, _created = FanOut.objects.get_or_create(post=post, kind=Kind.REPLY)
        # The row lock makes two workers on the same reply take turns, batch by batch.
        fanout = FanOut.objects.select_for_update().get(pk=fanout.pk)
        if fanout.finished_at is not None:
            return FanOutStep([], True)
        # One more than a batch, to know without another round whether this is the last.
        watchers = list(_reply_watchers(post, after=fanout.cursor)[: batch + 1])
        finished = len(watchers) <= batch
        watchers = watchers[:batch]
        recipients = list(watchers)
        if fanout.cursor == 0:
            author_id = _thread_author_without_subscription(post)
            if author_id is not None:
                recipients.append(author_id)
        ids = _record_replies(post, recipients)
        if watchers:
            fanout.cursor = watchers[-1]
        fanout.recorded += len(ids)
        if finished:
            fanout.finished_at = timezone.now()
        fanout.save()
        queue.deliveries_after_commit(ids)
        if not finished:
            queue.reply_fanout_after_commit(post.pk)
    return FanOutStep(ids, finished)


def _record_replies(post: Post, recipient_ids: list[int]) -> list[int]:
    if not recipient_ids:
        return []
    choices = kind_choices(recipient_ids, Kind.REPLY)
    wanted = [uid for uid in recipient_ids if any(choices[uid])]
    Notification.objects.bulk_create(
        [
            Notification(
                recipient_id=uid,
                kind=Kind.REPLY,
                thread_id=post.thread_id,
                post_id=post.pk,
                group_id=post.thread.group_id,
                shown_in_app=choices[uid][0],
            )
            for uid in wanted
        ],
        # The unique reply constraint turns a repeated batch into a no-op.
        ignore_conflicts=True,
    )
    rows = list(
        Notification.objects.filter(
            kind=Kind.REPLY, post_id=post.pk, recipient_id__in=wanted
        ).values_list("pk", "recipient_id", "shown_in_app", "visible_from")
    )
    email_wanted = {uid for uid in wanted if choices[uid][1]}
    Delivery.objects.bulk_create(plan_deliveries(rows, email_wanted), ignore_conflicts=True)
    return [row[0] for row in rows]


def reply_fanout_run(*, post_id: int) -> int:
    """The whole fan-out in this process, batch after batch (benchmarks, management)."""
    recorded = 0
    while True:
        step = notification_create_for_reply(post_id=post_id)
        recorded += len(step.notification_ids)
        if step.finished:
            return recorded
