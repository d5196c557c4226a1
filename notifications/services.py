"""Recording notifications and delivering them: in the app, live, by email, in digests.

Notifications are rows written in the same transaction as the event that causes them.
Each one gets a Delivery row per channel it should go out on (live push, email), also
in that transaction; Celery tasks scheduled after commit carry the ids and send. The
unique Delivery row is what makes sending idempotent, and a periodic sweeper finds
rows left pending (the broker was down at commit, a worker died), so nothing is lost
and nothing goes twice.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core import mail
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from accounts.models import User
from config.oncommit import after_commit
from groups.models import Membership
from notifications import emails, realtime, selectors, timing
from notifications.models import (
    Delivery,
    Digest,
    FanOut,
    KindPreference,
    Notification,
    NotificationPreference,
    ReactionNotice,
)
from posts.models import Post, Reaction, Subscription

logger = logging.getLogger(__name__)

Kind = Notification.Kind


def _batch_size() -> int:
    return settings.SANAD_NOTIFICATION_FANOUT_BATCH


def _chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start : start + size]


# --- Scheduling --------------------------------------------------------------------------


def _schedule_delivery(notification_ids: list[int]) -> None:
    # Imported here: tasks import this module.
    from notifications.tasks import deliver_notifications

    for chunk in _chunks(list(notification_ids), _batch_size()):
        after_commit(deliver_notifications.delay, chunk)


def _schedule_next_reply_batch(post_id: int) -> None:
    from notifications.tasks import notify_reply

    after_commit(notify_reply.delay, post_id)


# --- Recording ---------------------------------------------------------------------------


def _plan_deliveries(rows, email_wanted: set[int]) -> list[Delivery]:
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
    in_app, email = selectors.kind_choices([recipient_id], kind)[recipient_id]
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
    Delivery.objects.bulk_create(_plan_deliveries([row], {recipient_id} if email else set()))
    _schedule_delivery([notification.pk])
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
    for chunk in _chunks(recipient_ids, _batch_size()):
        choices = selectors.kind_choices(chunk, kind)
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
        Delivery.objects.bulk_create(_plan_deliveries(rows, email_wanted), ignore_conflicts=True)
        ids = [row[0] for row in rows]
        _schedule_delivery(ids)
        recorded.extend(ids)
    return recorded


# --- Replies: fan-out to a thread's watchers -------------------------------------------


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
    batch = _batch_size()
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
        _schedule_delivery(ids)
        if not finished:
            _schedule_next_reply_batch(post.pk)
    return FanOutStep(ids, finished)


def _record_replies(post: Post, recipient_ids: list[int]) -> list[int]:
    if not recipient_ids:
        return []
    choices = selectors.kind_choices(recipient_ids, Kind.REPLY)
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
    Delivery.objects.bulk_create(_plan_deliveries(rows, email_wanted), ignore_conflicts=True)
    return [row[0] for row in rows]


def reply_fanout_run(*, post_id: int) -> int:
    """The whole fan-out in this process, batch after batch (benchmarks, management)."""
    recorded = 0
    while True:
        step = notification_create_for_reply(post_id=post_id)
        recorded += len(step.notification_ids)
        if step.finished:
            return recorded


# --- Support reactions, batched -----------------------------------------------------------


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


# --- Delivery ----------------------------------------------------------------------------


def _due(now: datetime) -> Q:
    return Q(not_before__isnull=True) | Q(not_before__lte=now)


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
        for uid, (_in_app, email) in selectors.kind_choices(recipients, kind).items():
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


# --- The sweeper ---------------------------------------------------------------------------

SWEEP_LIMIT = 5000
DELIVERY_RECORDS_KEPT = timedelta(days=30)


def notifications_sweep(*, now: datetime | None = None) -> dict:
    """Find work that fell between the cracks and queue it again.

    Replies whose fan-out never started (the broker was down when the post committed)
    or stalled (a worker died), and deliveries still pending once due. Everything it
    queues is idempotent, so sweeping work that was merely slow costs only time.
    """
    from notifications.tasks import deliver_notifications, notify_reply

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
        notify_reply.delay(post_id)
    notification_ids = list(
        Delivery.objects.filter(status=Delivery.Status.PENDING, created_at__lte=stale)
        .filter(_due(now))
        .order_by("notification_id")
        .values_list("notification_id", flat=True)
        .distinct()[:SWEEP_LIMIT]
    )
    for chunk in _chunks(notification_ids, _batch_size()):
        deliver_notifications.delay(chunk)
    forgotten, _by_model = Delivery.objects.filter(
        status__in=[Delivery.Status.SENT, Delivery.Status.SKIPPED],
        created_at__lt=now - DELIVERY_RECORDS_KEPT,
    ).delete()
    return {
        "replies": len(post_ids),
        "notifications": len(notification_ids),
        "forgotten": forgotten,
    }


# --- Digests -------------------------------------------------------------------------------


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


# --- The member's own actions ------------------------------------------------------------


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
            defaults={"in_app": in_app or kind in selectors.ALWAYS_IN_APP, "email": email},
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
