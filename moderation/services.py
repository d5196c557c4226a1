"""Every change moderation makes: reports, claims, actions, appeals, alerts, training.

Each service is one transaction. Every act on a member, a post or a thread writes its
audit row in the same transaction, so an act never happens without its trace. Members
are told through notifications in that transaction too; Celery alerts and live queue
updates go out after commit.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from accounts.policies import ensure_account_can_act
from accounts.ratelimit import rate_limit_account
from config.oncommit import after_commit
from groups.access import moderated_groups
from groups.models import Membership, SupportGroup
from groups.selectors import works_review_queue_forget
from moderation import realtime
from moderation.models import (
    Appeal,
    AuditEntry,
    ModeratorPresence,
    Report,
    ReviewItem,
    TrainingCompletion,
    TrainingModule,
)
from moderation.policies import (
    ensure_can_work_item,
    qualification_for,
    qualified_user_ids,
)
from notifications.models import Notification
from notifications.selectors import chosen_language
from notifications.services import notification_create
from posts.models import Post, Thread


class RemovalReason(models.TextChoices):
    RULES = "rules", gettext_lazy("Breaks the group's rules")
    HARASSMENT = "harassment", gettext_lazy("Harassment or personal attacks")
    HATE = "hate", gettext_lazy("Hate or discrimination")
    SPAM = "spam", gettext_lazy("Spam or advertising")
    MEDICAL = "medical", gettext_lazy("Medical advice or misinformation")
    PERSONAL_INFO = "personal_info", gettext_lazy("Shares personal or contact details")
    HARMFUL = "harmful", gettext_lazy("Describes ways of self-harm or encourages it")
    OTHER = "other", gettext_lazy("Another reason (see the note)")


class MuteDuration(models.TextChoices):
    HOUR = "1h", gettext_lazy("One hour")
    DAY = "24h", gettext_lazy("One day")
    THREE_DAYS = "3d", gettext_lazy("Three days")
    WEEK = "7d", gettext_lazy("One week")
    MONTH = "30d", gettext_lazy("30 days")


MUTE_PERIODS = {
    MuteDuration.HOUR: timedelta(hours=1),
    MuteDuration.DAY: timedelta(days=1),
    MuteDuration.THREE_DAYS: timedelta(days=3),
    MuteDuration.WEEK: timedelta(days=7),
    MuteDuration.MONTH: timedelta(days=30),
}

_PRIORITY_FOR_REASON = {
    Report.Reason.CRISIS: ReviewItem.Priority.CRISIS,
    Report.Reason.HARASSMENT: ReviewItem.Priority.HIGH,
    Report.Reason.HATE: ReviewItem.Priority.HIGH,
}
REPORT_ABOUT_POST = "post"
REPORT_ABOUT_CONDUCT = "conduct"


def _priority_for(reason: str) -> int:
    return _PRIORITY_FOR_REASON.get(reason, ReviewItem.Priority.NORMAL)


# --- Small shared steps ------------------------------------------------------------------


def _audit(
    *,
    actor: User | None,
    action: str,
    item: ReviewItem | None = None,
    group: SupportGroup | None = None,
    post_id: int | None = None,
    subject_id: int | None = None,
    reason: str = "",
    **details,
) -> AuditEntry:
    if item is not None:
        details.setdefault("item_id", item.pk)
        group = group or item.group
        post_id = post_id if post_id is not None else item.post_id
    return AuditEntry.objects.create(
        actor=actor,
        action=action,
        group=group,
        post_id_at_action=post_id,
        subject_account_id=subject_id,
        reason=reason,
        details=details,
    )


def _queue_changed(item: ReviewItem) -> None:
    after_commit(realtime.queue_item_changed, item_id=item.pk, group_id=item.group_id)


def _schedule_alert(item: ReviewItem) -> None:
    from moderation import tasks

    # After commit and robust: a broker outage must not undo the item or the post
    # that raised it. The sweeper alerts for whatever this loses.
    after_commit(tasks.alert_new_item.delay, item.pk)


def _tell(*, recipient_id: int | None, kind: str, group: SupportGroup, message, **extra) -> None:
    """A notification worded in the language the member chose for notifications, or,
    if they never chose, in the group's language, the one they use there.

    message is lazy text, or a function that words it when the text carries values
    (a date, a reason label) that must be formatted in that same language.
    """
    if recipient_id is None:
        return
    # One query per notice: these are rare, and being told about a removal or a ban in
    # a language one cannot read would make a hard moment worse.
    language = chosen_language(recipient_id) or group.language
    with translation.override(language):
        text = message() if callable(message) else str(message)
    extra.setdefault("group_id", group.pk)
    notification_create(recipient_id=recipient_id, kind=kind, message=text, **extra)


def _post_changed(post: Post) -> None:
    """A post's visibility changed: the thread's counts follow, and readers see it."""
    from posts import realtime as posts_realtime
    from posts.services import thread_activity_refresh

    thread_activity_refresh(thread_id=post.thread_id)
    after_commit(posts_realtime.post_changed, post_id=post.pk)


def _items_for(moderator: User):
    return ReviewItem.objects.filter(group__in=moderated_groups(moderator))


def _lock_thread_and_post(*, thread_id: int, post_id: int) -> Post:
    """Lock in the order posting does (thread, then post, then any review item), so a
    moderator acting while the author edits or replies can never deadlock with them."""
    list(Thread.objects.select_for_update().filter(pk=thread_id).values_list("pk"))
    return Post.objects.select_for_update().get(pk=post_id)


def _lock_post(item: ReviewItem) -> Post:
    return item.post


def _take(moderator: User, item_id: int, *, kinds=None) -> ReviewItem:
    """The item, locked, claimed by this moderator: the start of every act.

    Waits for the row locks, so two acts on one item run one after the other and the
    second sees what the first did.
    """
    ref = _items_for(moderator).filter(pk=item_id).values_list("post_id", "post__thread_id")
    ref = ref.first()
    if ref is None:
        raise PermissionDenied
    post = _lock_thread_and_post(thread_id=ref[1], post_id=ref[0])
    item = (
        ReviewItem.objects.select_for_update(of=("self",)).select_related("group").get(pk=item_id)
    )
    item.post = post
    if not item.is_open:
        raise ValidationError(
            _("This item has already been resolved. Nothing was changed."), code="resolved"
        )
    if kinds is not None and item.kind not in kinds:
        raise ValidationError(_("That action does not apply to this item."), code="wrong_kind")
    ensure_can_work_item(moderator, item)
    now = timezone.now()
    if item.claim_is_live(now) and item.claimed_by_id != moderator.pk:
        raise ValidationError(
            _(
                "Another moderator is working on this item. If you had claimed it, your "
                "claim lapsed while it was left idle."
            ),
            code="claimed",
        )
    if item.claimed_by_id != moderator.pk or not item.claim_is_live(now):
        item.claimed_at = now
    item.claimed_by = moderator
    item.claim_touched_at = now
    item.first_action_at = item.first_action_at or now
    item.save(update_fields=["claimed_by", "claimed_at", "claim_touched_at", "first_action_at"])
    return item


def _resolve(item: ReviewItem, *, moderator: User, decision: str) -> ReviewItem:
    now = timezone.now()
    item.status = ReviewItem.Status.RESOLVED
    item.resolved_at = now
    item.resolved_by = moderator
    item.decision = decision
    item.first_action_at = item.first_action_at or now
    item.claimed_by = None
    item.claim_touched_at = None
    item.save(
        update_fields=[
            "status",
            "resolved_at",
            "resolved_by",
            "decision",
            "first_action_at",
            "claimed_by",
            "claim_touched_at",
        ]
    )
    upheld = item.action_taken or decision == ReviewItem.Decision.REMOVED
    item.reports.update(outcome=Report.Outcome.UPHELD if upheld else Report.Outcome.NOT_UPHELD)
    # The reporter learns that someone looked and whether anything was needed: never
    # who looked, nor what was done.
    if upheld:
        message = gettext_lazy(
            "Thank you for your report. The moderators reviewed it and took action."
        )
    else:
        message = gettext_lazy(
            "Thank you for your report. The moderators reviewed it and found that it did "
            "not break the group's rules."
        )
    thread_id = Post.objects.filter(pk=item.post_id).values_list("thread_id", flat=True).first()
    for reporter_id in item.reports.values_list("reporter_id", flat=True):
        _tell(
            recipient_id=reporter_id,
            kind=Notification.Kind.REPORT_OUTCOME,
            group=item.group,
            message=message,
            thread_id=thread_id,
        )
    _queue_changed(item)
    return item


def _mark_action(item: ReviewItem) -> None:
    if not item.action_taken:
        item.action_taken = True
        item.save(update_fields=["action_taken"])


def _ensure_subject(item: ReviewItem) -> User:
    if item.subject_id is None:
        raise ValidationError(
            _("The author deleted their account: there is nobody to act on."), code="no_subject"
        )
    return User.objects.get(pk=item.subject_id)


def _ensure_may_sanction(moderator: User, item: ReviewItem, subject: User) -> Membership | None:
    membership = (
        Membership.objects.select_for_update().filter(group_id=item.group_id, user=subject).first()
    )
    # A fellow moderator or staff member answers to staff, not to a peer.
    if not moderator.is_staff and (
        subject.is_staff or (membership is not None and membership.can_moderate)
    ):
        raise ValidationError(
            _("Only staff can sanction a moderator or a staff member."), code="peer"
        )
    return membership


# --- Reports -----------------------------------------------------------------------------


@transaction.atomic
def report_create(
    *, reporter: User, post: Post, reason: str, note: str = "", about: str = REPORT_ABOUT_POST
) -> Report:
    """Report a post, or its author's conduct in the group.

    Reports on one post merge into its open review item, and conduct reports on one
    member merge into one item too. The caller has already checked, through
    groups.access, that the reporter can see the post.
    """
    ensure_account_can_act(reporter)
    if post.author_id is not None and post.author_id == reporter.pk:
        raise ValidationError(_("You cannot report your own post."), code="own_post")
    if about == REPORT_ABOUT_CONDUCT and post.author_id is None:
        raise ValidationError(
            _("This member has left Sanad. You can still report the post itself."),
            code="no_author",
        )
    if len(note) > settings.SANAD_REPORT_NOTE_MAX_LENGTH:
        raise ValidationError(_("Keep the note shorter, please."), code="note_too_long")
    # Counted once the report is known to be acceptable; repeating a report counts
    # too, so nobody can flood moderators by reporting the same post over and over.
    rate_limit_account(scope="report", user=reporter)

    group_id = Thread.objects.values_list("group_id", flat=True).get(pk=post.thread_id)
    _lock_thread_and_post(thread_id=post.thread_id, post_id=post.pk)
    priority = _priority_for(reason)
    kind = ReviewItem.Kind.CONDUCT if about == REPORT_ABOUT_CONDUCT else ReviewItem.Kind.POST
    if kind == ReviewItem.Kind.CONDUCT:
        open_items = ReviewItem.objects.filter(
            group_id=group_id, subject_id=post.author_id, kind=kind, status=ReviewItem.Status.OPEN
        )
    else:
        open_items = ReviewItem.objects.filter(post=post, kind=kind, status=ReviewItem.Status.OPEN)
    item = open_items.select_for_update().first()
    created = False
    if item is None:
        try:
            with transaction.atomic():
                item = ReviewItem.objects.create(
                    post=post,
                    group_id=group_id,
                    kind=kind,
                    subject_id=post.author_id,
                    priority=priority,
                    source=ReviewItem.Source.REPORT,
                )
                created = True
        except IntegrityError:
            # Another report on the same post opened the item a moment ago.
            item = open_items.select_for_update().get()
    if priority < item.priority:
        # A later report of a crisis moves the whole item to the front of the queue,
        # and the moderators on duty hear about it as they would a new crisis item.
        item.priority = priority
        update = ["priority"]
        if priority == ReviewItem.Priority.CRISIS:
            item.alerted_at = None
            update.append("alerted_at")
        item.save(update_fields=update)
        if priority == ReviewItem.Priority.CRISIS:
            _schedule_alert(item)
    report, report_created = Report.objects.get_or_create(
        item=item, reporter=reporter, defaults={"reason": reason, "note": note}
    )
    if not report_created:
        report.reason, report.note = reason, note
        report.save(update_fields=["reason", "note"])
    if created:
        _schedule_alert(item)
    if kind == ReviewItem.Kind.POST:
        _hide_out_of_hours(item)
    _queue_changed(item)
    return report


def _hide_out_of_hours(item: ReviewItem) -> None:
    """When nobody qualified is around, enough different reporters hide a post until
    a moderator has looked at it: a harmful post should not stand all night."""
    from moderation.selectors import qualified_moderator_active

    reporters = item.reports.values("reporter").distinct().count()
    if reporters < settings.SANAD_OUT_OF_HOURS_HIDE_AFTER_REPORTS:
        return
    post = Post.objects.select_for_update().get(pk=item.post_id)
    if post.state != Post.State.VISIBLE:
        return
    group = SupportGroup.objects.get(pk=item.group_id)
    if qualified_moderator_active(group=group):
        return
    post.state = Post.State.HELD
    post.save(update_fields=["state"])
    _post_changed(post)
    item.group = group
    item.flags = [*item.flags, {"source": ReviewItem.Source.OUT_OF_HOURS, "detail": reporters}]
    item.save(update_fields=["flags"])
    _audit(
        actor=None,
        action="post.hidden",
        item=item,
        subject_id=post.author_id,
        reason="Hidden automatically: reported by several members while no moderator was on duty.",
        automatic=True,
    )
    _tell(
        recipient_id=post.author_id,
        kind=Notification.Kind.POST_HELD,
        group=group,
        message=gettext_lazy(
            "Your post is hidden until a moderator can look at it, because several members "
            "reported it."
        ),
        post_id=post.pk,
        thread_id=post.thread_id,
    )


# --- Automatic items (screening) ---------------------------------------------------------


def item_open_automatic(
    *,
    post: Post,
    group: SupportGroup,
    priority: int,
    source: str,
    flags: list[dict],
    crisis: bool,
) -> ReviewItem:
    """The review item for a post the automatic checks stopped or flagged. Runs inside
    the transaction that creates (or edits) the post."""
    open_items = ReviewItem.objects.filter(
        post=post, kind=ReviewItem.Kind.POST, status=ReviewItem.Status.OPEN
    )
    item = open_items.select_for_update().first()
    if item is None:
        item = ReviewItem.objects.create(
            post=post,
            group=group,
            kind=ReviewItem.Kind.POST,
            subject_id=post.author_id,
            priority=priority,
            source=source,
            flags=flags,
            crisis_detected=crisis,
        )
        _schedule_alert(item)
    else:
        raised_to_crisis = priority == ReviewItem.Priority.CRISIS and item.priority > priority
        item.priority = min(item.priority, priority)
        item.flags = [*item.flags, *flags]
        item.crisis_detected = item.crisis_detected or crisis
        if raised_to_crisis:
            item.alerted_at = None
        item.save(update_fields=["priority", "flags", "crisis_detected", "alerted_at"])
        if raised_to_crisis:
            _schedule_alert(item)
    _queue_changed(item)
    return item


# --- Claims ------------------------------------------------------------------------------


@transaction.atomic
def item_claim(*, moderator: User, item_id: int) -> ReviewItem:
    """Claim an item for this moderator alone.

    SKIP LOCKED: of two moderators claiming at the same moment, the second does not
    wait for the first and then take the item over; it sees the row busy and is told
    someone else has it. Exactly one wins.
    """
    item = (
        _items_for(moderator)
        .select_for_update(skip_locked=True, of=("self",))
        .select_related("group")
        .filter(pk=item_id)
        .first()
    )
    if item is None:
        if _items_for(moderator).filter(pk=item_id).exists():
            raise ValidationError(
                _("Another moderator is claiming this item right now."), code="claimed"
            )
        raise PermissionDenied
    return _claim_locked(moderator, item)


def _claim_locked(moderator: User, item: ReviewItem) -> ReviewItem:
    if not item.is_open:
        raise ValidationError(
            _("This item has already been resolved. Nothing was changed."), code="resolved"
        )
    ensure_can_work_item(moderator, item)
    now = timezone.now()
    if item.claim_is_live(now) and item.claimed_by_id != moderator.pk:
        raise ValidationError(_("Another moderator is working on this item."), code="claimed")
    fresh = item.claimed_by_id != moderator.pk or not item.claim_is_live(now)
    item.claimed_by = moderator
    item.claim_touched_at = now
    if fresh:
        item.claimed_at = now
    item.first_action_at = item.first_action_at or now
    item.save(update_fields=["claimed_by", "claimed_at", "claim_touched_at", "first_action_at"])
    if fresh:
        _audit(actor=moderator, action="item.claimed", item=item)
        _queue_changed(item)
    return item


@transaction.atomic
def item_claim_next(*, moderator: User) -> ReviewItem | None:
    """The most urgent unclaimed item this moderator is qualified for, claimed."""
    qualification = qualification_for(moderator)
    if not qualification.can_act:
        ensure_can_work_item(
            moderator, ReviewItem(priority=ReviewItem.Priority.NORMAL), qualification
        )
    cutoff = timezone.now() - timedelta(minutes=settings.SANAD_CLAIM_IDLE_MINUTES)
    candidates = (
        _items_for(moderator)
        .filter(status=ReviewItem.Status.OPEN)
        .filter(Q(claimed_by__isnull=True) | Q(claim_touched_at__lt=cutoff))
        .exclude(excluded_moderator=moderator)
        .exclude(subject=moderator)
    )
    if not qualification.crisis:
        candidates = candidates.exclude(priority=ReviewItem.Priority.CRISIS)
    if not moderator.is_staff:
        facilitated = Membership.objects.filter(
            user=moderator, state=Membership.State.ACTIVE, role=Membership.Role.FACILITATOR
        ).values("group_id")
        candidates = candidates.exclude(escalated_to=ReviewItem.Escalation.STAFF).exclude(
            Q(escalated_to=ReviewItem.Escalation.FACILITATOR) & ~Q(group_id__in=facilitated)
        )
    item = (
        candidates.order_by("priority", "created_at", "pk")
        .select_for_update(skip_locked=True, of=("self",))
        .select_related("group")
        .first()
    )
    if item is None:
        return None
    return _claim_locked(moderator, item)


@transaction.atomic
def item_release(*, moderator: User, item_id: int) -> ReviewItem:
    item = (
        _items_for(moderator)
        .select_for_update(of=("self",))
        .select_related("group")
        .filter(pk=item_id)
        .first()
    )
    if item is None:
        raise PermissionDenied
    if item.claimed_by_id != moderator.pk:
        raise ValidationError(_("This item is not claimed by you."), code="not_yours")
    item.claimed_by = None
    item.claim_touched_at = None
    item.save(update_fields=["claimed_by", "claim_touched_at"])
    _audit(actor=moderator, action="item.released", item=item)
    _queue_changed(item)
    return item


@transaction.atomic
def item_open_for_post(*, moderator: User, post: Post) -> ReviewItem:
    """From a post's menu: its open item, or a new one, claimed by this moderator."""
    group = SupportGroup.objects.get(pk=post.thread.group_id)
    if not moderated_groups(moderator).filter(pk=group.pk).exists():
        raise PermissionDenied
    open_items = ReviewItem.objects.filter(
        post=post, kind=ReviewItem.Kind.POST, status=ReviewItem.Status.OPEN
    )
    item = open_items.first()
    if item is None:
        ensure_can_work_item(
            moderator, ReviewItem(priority=ReviewItem.Priority.NORMAL, group=group)
        )
        try:
            with transaction.atomic():
                item = ReviewItem.objects.create(
                    post=post,
                    group=group,
                    kind=ReviewItem.Kind.POST,
                    subject_id=post.author_id,
                    priority=ReviewItem.Priority.NORMAL,
                    source=ReviewItem.Source.MODERATOR,
                )
        except IntegrityError:
            item = open_items.get()
    item = (
        ReviewItem.objects.select_for_update(of=("self",)).select_related("group").get(pk=item.pk)
    )
    return _claim_locked(moderator, item)


# --- Decisions that close an item --------------------------------------------------------


def _ensure_not_left_hidden(item: ReviewItem) -> None:
    if item.kind == ReviewItem.Kind.POST and item.post.state == Post.State.HELD:
        raise ValidationError(
            _("Others cannot see this post yet: approve it or remove it to close the item."),
            code="still_held",
        )


@transaction.atomic
def item_approve(*, moderator: User, item_id: int, note: str = "") -> ReviewItem:
    """The post may stand: a held post is published, the reports are answered."""
    item = _take(moderator, item_id, kinds=(ReviewItem.Kind.POST, ReviewItem.Kind.CONDUCT))
    post = _lock_post(item)
    if post.state == Post.State.HELD:
        post.state = Post.State.VISIBLE
        post.save(update_fields=["state"])
        _tell(
            recipient_id=post.author_id,
            kind=Notification.Kind.POST_APPROVED,
            group=item.group,
            message=gettext_lazy("A moderator approved your post: others can see it now."),
            post_id=post.pk,
            thread_id=post.thread_id,
        )
        # Readers of the thread see the post appear where it belongs.
        _post_changed(post)
        if not post.is_opening:
            # Watchers were not told while the reply was held; they are now, however
            # long the review took (the delivery is idempotent if they already were).
            from notifications.tasks import notify_reply

            after_commit(notify_reply.delay, post.pk)
    _audit(
        actor=moderator, action="post.approved", item=item, subject_id=post.author_id, reason=note
    )
    return _resolve(item, moderator=moderator, decision=ReviewItem.Decision.APPROVED)


@transaction.atomic
def item_dismiss(*, moderator: User, item_id: int, note: str = "") -> ReviewItem:
    """Nothing needed doing (or, after other actions, nothing more)."""
    item = _take(moderator, item_id, kinds=(ReviewItem.Kind.POST, ReviewItem.Kind.CONDUCT))
    _lock_post(item)
    _ensure_not_left_hidden(item)
    decision = ReviewItem.Decision.ACTED if item.action_taken else ReviewItem.Decision.NO_ACTION
    _audit(
        actor=moderator,
        action="item.closed" if item.action_taken else "item.dismissed",
        item=item,
        subject_id=item.subject_id,
        reason=note,
    )
    return _resolve(item, moderator=moderator, decision=decision)


def removal_message(reason: str, note: str) -> str:
    """What the author reads: the reason from the list, then the moderator's note."""
    label = str(RemovalReason(reason).label)
    return f"{label}. {note}" if note else f"{label}."


@transaction.atomic
def item_remove(*, moderator: User, item_id: int, reason: str, note: str = "") -> ReviewItem:
    """Remove the post; its author is told why and may appeal once."""
    if reason not in RemovalReason.values:
        raise ValidationError(_("Choose a reason from the list."), code="reason")
    item = _take(moderator, item_id, kinds=(ReviewItem.Kind.POST, ReviewItem.Kind.CONDUCT))
    post = _lock_post(item)
    if post.state in (Post.State.REMOVED, Post.State.ERASED):
        raise ValidationError(_("This post is already gone."), code="gone")
    author_note = note.strip()
    # The post keeps the reason in the group's language, for whoever reviews an appeal;
    # the author is told in their own (see _tell).
    with translation.override(item.group.language):
        post.removal_reason = removal_message(reason, author_note)
    post.state = Post.State.REMOVED
    post.save(update_fields=["state", "removal_reason"])
    _post_changed(post)
    item.action_taken = True
    item.save(update_fields=["action_taken"])
    _audit(
        actor=moderator,
        action="post.removed",
        item=item,
        subject_id=post.author_id,
        reason=note,
        removal_reason=reason,
    )
    _tell(
        recipient_id=post.author_id,
        kind=Notification.Kind.POST_REMOVED,
        group=item.group,
        message=lambda: removal_message(reason, author_note),
        post_id=post.pk,
        thread_id=post.thread_id,
    )
    return _resolve(item, moderator=moderator, decision=ReviewItem.Decision.REMOVED)


# --- Actions that keep an item open ------------------------------------------------------


@transaction.atomic
def item_hide(*, moderator: User, item_id: int, note: str = "") -> ReviewItem:
    """Hide the post from others while the item is worked on."""
    item = _take(moderator, item_id, kinds=(ReviewItem.Kind.POST, ReviewItem.Kind.CONDUCT))
    post = _lock_post(item)
    if post.state != Post.State.VISIBLE:
        raise ValidationError(_("This post is not visible to others."), code="not_visible")
    post.state = Post.State.HELD
    post.save(update_fields=["state"])
    _post_changed(post)
    _mark_action(item)
    _audit(actor=moderator, action="post.hidden", item=item, subject_id=post.author_id, reason=note)
    _tell(
        recipient_id=post.author_id,
        kind=Notification.Kind.POST_HELD,
        group=item.group,
        message=gettext_lazy("A moderator has hidden your post while they look at it."),
        post_id=post.pk,
        thread_id=post.thread_id,
    )
    _queue_changed(item)
    return item


@transaction.atomic
def item_lock_thread(*, moderator: User, item_id: int, note: str = "") -> ReviewItem:
    item = _take(moderator, item_id, kinds=(ReviewItem.Kind.POST, ReviewItem.Kind.CONDUCT))
    thread = Thread.objects.select_for_update().get(pk=item.post.thread_id)
    if thread.is_locked:
        raise ValidationError(_("This thread is already locked."), code="locked")
    thread.is_locked = True
    thread.save(update_fields=["is_locked"])
    _mark_action(item)
    _audit(actor=moderator, action="thread.locked", item=item, reason=note, thread_id=thread.pk)
    _queue_changed(item)
    return item


@transaction.atomic
def member_warn(*, moderator: User, item_id: int, note: str) -> ReviewItem:
    item = _take(moderator, item_id, kinds=(ReviewItem.Kind.POST, ReviewItem.Kind.CONDUCT))
    subject = _ensure_subject(item)
    _ensure_may_sanction(moderator, item, subject)
    _mark_action(item)
    _audit(actor=moderator, action="member.warned", item=item, subject_id=subject.pk, reason=note)
    _tell(
        recipient_id=subject.pk,
        kind=Notification.Kind.WARNING,
        group=item.group,
        message=note,
        post_id=item.post_id,
    )
    _queue_changed(item)
    return item


@transaction.atomic
def member_mute(*, moderator: User, item_id: int, duration: str, reason: str) -> ReviewItem:
    """Mute in this group for a while: reading stays open, posting waits."""
    if duration not in MUTE_PERIODS:
        raise ValidationError(_("Choose how long the mute lasts."), code="duration")
    item = _take(moderator, item_id, kinds=(ReviewItem.Kind.POST, ReviewItem.Kind.CONDUCT))
    subject = _ensure_subject(item)
    membership = _ensure_may_sanction(moderator, item, subject)
    if membership is None or membership.state != Membership.State.ACTIVE:
        raise ValidationError(_("This member is not active in the group."), code="not_member")
    until = timezone.now() + MUTE_PERIODS[duration]
    membership.muted_until = until
    membership.sanction_reason = reason
    membership.save(update_fields=["muted_until", "sanction_reason"])
    _mark_action(item)
    _audit(
        actor=moderator,
        action="member.muted",
        item=item,
        subject_id=subject.pk,
        reason=reason,
        until=until.isoformat(),
    )

    def message() -> str:
        when = formats.date_format(timezone.localtime(until), "DATETIME_FORMAT")
        return _("You are muted in this group until %(until)s. Reason: %(reason)s") % {
            "until": when,
            "reason": reason,
        }

    _tell(
        recipient_id=subject.pk,
        kind=Notification.Kind.WARNING,
        group=item.group,
        message=message,
    )
    _queue_changed(item)
    return item


@transaction.atomic
def member_ban(*, moderator: User, item_id: int, reason: str) -> ReviewItem:
    item = _take(moderator, item_id, kinds=(ReviewItem.Kind.POST, ReviewItem.Kind.CONDUCT))
    subject = _ensure_subject(item)
    membership = _ensure_may_sanction(moderator, item, subject)
    if membership is None:
        raise ValidationError(_("This account is not in the group."), code="not_member")
    if membership.state == Membership.State.BANNED:
        raise ValidationError(_("This member is already banned."), code="banned")
    membership.state = Membership.State.BANNED
    membership.sanction_reason = reason
    membership.save(update_fields=["state", "sanction_reason"])
    # A ban ends whatever role they held here, and the header's review-queue link with it.
    works_review_queue_forget(subject.pk)
    _mark_action(item)
    _audit(actor=moderator, action="member.banned", item=item, subject_id=subject.pk, reason=reason)
    _tell(
        recipient_id=subject.pk,
        kind=Notification.Kind.WARNING,
        group=item.group,
        message=lambda: (
            _("You have been removed from the group “%(group)s”. Reason: %(reason)s")
            % {"group": item.group.name, "reason": reason}
        ),
    )
    _queue_changed(item)
    return item


@transaction.atomic
def member_check_in(*, moderator: User, item_id: int, message: str) -> ReviewItem:
    """A private, supportive message from the moderators, with where help is."""
    item = _take(moderator, item_id)
    subject = _ensure_subject(item)
    _mark_action(item)
    # The words stay between the moderator and the member: the audit row says that a
    # check-in was sent, not what it said.
    _audit(actor=moderator, action="member.checked_in", item=item, subject_id=subject.pk)
    notification_create(
        recipient_id=subject.pk,
        kind=Notification.Kind.CHECK_IN,
        message=message,
        post_id=item.post_id,
        group_id=item.group_id,
    )
    _queue_changed(item)
    return item


@transaction.atomic
def item_escalate(*, moderator: User, item_id: int, to: str, note: str) -> ReviewItem:
    """Hand the item to staff, or to the group's professional facilitator."""
    if to not in ReviewItem.Escalation.values:
        raise ValidationError(_("Choose who to escalate to."), code="to")
    item = _take(moderator, item_id)
    if item.escalated_to == to:
        raise ValidationError(_("This item is already escalated there."), code="already")
    if to == ReviewItem.Escalation.FACILITATOR:
        facilitators = set(
            Membership.objects.filter(
                group_id=item.group_id,
                state=Membership.State.ACTIVE,
                role=Membership.Role.FACILITATOR,
            ).values_list("user_id", flat=True)
        )
        if not facilitators:
            raise ValidationError(
                _("This group has no professional facilitator. Escalate to staff instead."),
                code="no_facilitator",
            )
    item.escalated_to = to
    item.escalation_note = note
    item.escalated_at = timezone.now()
    # Handed over: whoever it now belongs to claims it afresh.
    item.claimed_by = None
    item.claim_touched_at = None
    item.alerted_at = None
    item.save(
        update_fields=[
            "escalated_to",
            "escalation_note",
            "escalated_at",
            "claimed_by",
            "claim_touched_at",
            "alerted_at",
        ]
    )
    _mark_action(item)
    _audit(actor=moderator, action="item.escalated", item=item, reason=note, escalated_to=to)
    _schedule_alert(item)
    _queue_changed(item)
    return item


@transaction.atomic
def account_suspend(*, staff: User, item_id: int, reason: str) -> ReviewItem:
    """Staff only: the account can do nothing under any persona until restored."""
    if not staff.is_staff:
        raise PermissionDenied
    item = _take(staff, item_id)
    subject = _ensure_subject(item)
    subject = User.objects.select_for_update().get(pk=subject.pk)
    if subject.is_staff:
        raise ValidationError(_("Staff accounts are not suspended from here."), code="staff")
    if subject.is_suspended:
        raise ValidationError(_("This account is already suspended."), code="suspended")
    subject.suspended_at = timezone.now()
    subject.suspension_reason = reason
    subject.save(update_fields=["suspended_at", "suspension_reason"])
    _mark_action(item)
    _audit(actor=staff, action="account.suspended", item=item, subject_id=subject.pk, reason=reason)
    _tell(
        recipient_id=subject.pk,
        kind=Notification.Kind.WARNING,
        group=item.group,
        message=lambda: (
            _("Your account has been suspended. Reason: %(reason)s") % {"reason": reason}
        ),
    )
    _queue_changed(item)
    return item


# --- Appeals -----------------------------------------------------------------------------


@transaction.atomic
def appeal_create(*, author: User, post: Post, note: str) -> Appeal:
    """The author appeals a removal, once. The moderator who removed the post never
    decides the appeal."""
    post = _lock_thread_and_post(thread_id=post.thread_id, post_id=post.pk)
    if post.author_id is None or post.author_id != author.pk:
        raise PermissionDenied
    if post.state != Post.State.REMOVED:
        raise ValidationError(_("Only a removed post can be appealed."), code="not_removed")
    note = note.strip()
    if not note:
        raise ValidationError(_("Tell the moderators why the post should come back."), code="note")
    if len(note) > settings.SANAD_APPEAL_NOTE_MAX_LENGTH:
        raise ValidationError(_("Keep the appeal shorter, please."), code="note_too_long")
    if Appeal.objects.filter(post=post).exists():
        raise ValidationError(
            _("You have already appealed this removal. A removal can be appealed once."),
            code="already",
        )
    removal = (
        AuditEntry.objects.filter(action="post.removed", post_id_at_action=post.pk)
        .order_by("-created_at", "-pk")
        .first()
    )
    item = ReviewItem.objects.create(
        post=post,
        group_id=Thread.objects.values_list("group_id", flat=True).get(pk=post.thread_id),
        kind=ReviewItem.Kind.APPEAL,
        subject=author,
        priority=ReviewItem.Priority.NORMAL,
        source=ReviewItem.Source.APPEAL,
        excluded_moderator_id=removal.actor_id if removal else None,
    )
    try:
        with transaction.atomic():
            appeal = Appeal.objects.create(post=post, author=author, note=note, item=item)
    except IntegrityError:
        raise ValidationError(
            _("You have already appealed this removal. A removal can be appealed once."),
            code="already",
        ) from None
    _schedule_alert(item)
    _queue_changed(item)
    return appeal


@transaction.atomic
def appeal_decide(*, moderator: User, item_id: int, grant: bool, note: str = "") -> Appeal:
    item = _take(moderator, item_id, kinds=(ReviewItem.Kind.APPEAL,))
    appeal = Appeal.objects.select_for_update().get(item=item)
    post = _lock_post(item)
    now = timezone.now()
    if grant:
        if post.state == Post.State.REMOVED:
            post.state = Post.State.VISIBLE
            post.removal_reason = ""
            post.save(update_fields=["state", "removal_reason"])
            _post_changed(post)
        appeal.status = Appeal.Status.GRANTED
        message = gettext_lazy(
            "Your appeal was granted: another moderator reviewed it, and your post is "
            "visible again."
        )
    else:
        appeal.status = Appeal.Status.REFUSED
        message = gettext_lazy(
            "Your appeal was reviewed by another moderator, and the removal stands."
        )
    appeal.decided_at = now
    appeal.decision_note = note
    appeal.save(update_fields=["status", "decided_at", "decision_note"])
    _audit(
        actor=moderator,
        action="appeal.decided",
        item=item,
        subject_id=appeal.author_id,
        reason=note,
        granted=grant,
    )

    def decision_text() -> str:
        text = str(message)
        if note:
            text = "{} {}".format(text, _("Note: %(note)s") % {"note": note})
        return text

    _tell(
        recipient_id=appeal.author_id,
        kind=Notification.Kind.APPEAL_DECIDED,
        group=item.group,
        message=decision_text,
        post_id=post.pk,
        thread_id=post.thread_id,
    )
    decision = ReviewItem.Decision.APPEAL_GRANTED if grant else ReviewItem.Decision.APPEAL_REFUSED
    _resolve(item, moderator=moderator, decision=decision)
    return appeal


# --- Presence and duty -------------------------------------------------------------------


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


# --- Training ----------------------------------------------------------------------------


@transaction.atomic
def training_attempt_record(
    *, user: User, module: TrainingModule, answers: dict[int, int]
) -> TrainingCompletion:
    """Mark a module's check. A pass is valid for the module's number of days."""
    questions = list(module.questions.prefetch_related("choices"))
    if not questions:
        raise ValidationError(_("This module has no questions yet."), code="empty")
    correct = 0
    for question in questions:
        right = {choice.pk for choice in question.choices.all() if choice.is_correct}
        if answers.get(question.pk) in right:
            correct += 1
    score = round(100 * correct / len(questions))
    passed = score >= module.pass_mark
    now = timezone.now()
    return TrainingCompletion.objects.create(
        user=user,
        module=module,
        score=score,
        passed=passed,
        completed_at=now,
        expires_at=now + timedelta(days=module.validity_days) if passed else now,
    )


# --- Alerts (run by Celery tasks) --------------------------------------------------------


def alert_recipient_ids(item: ReviewItem) -> set[int]:
    """Who hears about this item now: on duty, qualified for its lane, and the right
    people for where it stands (the group's moderators, its facilitators, or staff)."""
    if item.escalated_to == ReviewItem.Escalation.STAFF:
        candidates = User.objects.filter(is_staff=True, is_active=True).values_list("pk", flat=True)
    else:
        roles = [Membership.Role.MODERATOR, Membership.Role.FACILITATOR]
        if item.escalated_to == ReviewItem.Escalation.FACILITATOR:
            roles = [Membership.Role.FACILITATOR]
        candidates = Membership.objects.filter(
            group_id=item.group_id, state=Membership.State.ACTIVE, role__in=roles
        ).values_list("user_id", flat=True)
    ids = set(candidates)
    ids -= set(
        ModeratorPresence.objects.filter(user_id__in=ids, on_duty=False).values_list(
            "user_id", flat=True
        )
    )
    ids.discard(item.excluded_moderator_id)
    ids.discard(item.subject_id)
    return qualified_user_ids(ids, crisis=item.priority == ReviewItem.Priority.CRISIS)


def _queue_message(item: ReviewItem, *, overdue: bool = False):
    if overdue:
        return gettext_lazy("An item in the review queue is past its response target.")
    if item.escalated_to:
        return gettext_lazy("An item in the review queue was escalated to you.")
    if item.priority == ReviewItem.Priority.CRISIS:
        return gettext_lazy("Urgent: a crisis item is waiting in the review queue.")
    return gettext_lazy("A new item is waiting in the review queue.")


@transaction.atomic
def item_alert_moderators(*, item_id: int) -> int:
    """Tell the on-duty moderators about a new (or newly urgent) item, once.

    Safe to run twice: the item is locked and marked alerted in the same transaction
    as the notifications.
    """
    item = (
        ReviewItem.objects.select_for_update(of=("self",))
        .select_related("group")
        .filter(pk=item_id)
        .first()
    )
    if item is None or not item.is_open or item.alerted_at is not None:
        return 0
    recipients = alert_recipient_ids(item)
    for recipient_id in sorted(recipients):
        _tell(
            recipient_id=recipient_id,
            kind=Notification.Kind.QUEUE_NEW_ITEM,
            group=item.group,
            message=_queue_message(item),
            post_id=item.post_id,
            group_id=item.group_id,
            # A retried task, or the sweeper racing the task, tells nobody twice.
            event_key=f"review-item-{item.pk}-p{item.priority}-{item.escalated_to or 'group'}",
        )
    item.alerted_at = timezone.now()
    item.save(update_fields=["alerted_at"])
    _email_staff_if_nobody_is_there(item)
    return len(recipients)


def _email_staff_if_nobody_is_there(item: ReviewItem) -> None:
    from moderation import tasks
    from moderation.selectors import qualified_moderator_active

    if item.priority != ReviewItem.Priority.CRISIS or item.staff_emailed_at is not None:
        return
    if qualified_moderator_active(group=item.group, crisis=True):
        return
    after_commit(tasks.email_staff_about_item.delay, item.pk)


@transaction.atomic
def item_alert_overdue(*, item_id: int) -> int:
    item = (
        ReviewItem.objects.select_for_update(of=("self",))
        .select_related("group")
        .filter(pk=item_id)
        .first()
    )
    if (
        item is None
        or not item.is_open
        or item.first_action_at is not None
        or item.overdue_alerted_at is not None
        or not item.is_overdue
    ):
        return 0
    recipients = alert_recipient_ids(item)
    for recipient_id in sorted(recipients):
        _tell(
            recipient_id=recipient_id,
            kind=Notification.Kind.QUEUE_OVERDUE,
            group=item.group,
            message=_queue_message(item, overdue=True),
            post_id=item.post_id,
            group_id=item.group_id,
            event_key=f"review-item-{item.pk}-overdue",
        )
    item.overdue_alerted_at = timezone.now()
    item.save(update_fields=["overdue_alerted_at"])
    _email_staff_if_nobody_is_there(item)
    _queue_changed(item)
    return len(recipients)


@transaction.atomic
def item_email_staff(*, item_id: int) -> int:
    """Out of hours, a crisis item goes to every staff member's inbox, once.

    The email says only that an urgent item is waiting, and links to it: never the
    group, the post or anyone's name, since inboxes are read over shoulders.
    """
    item = ReviewItem.objects.select_for_update(of=("self",)).filter(pk=item_id).first()
    if item is None or not item.is_open or item.staff_emailed_at is not None:
        return 0
    addresses = sorted(
        User.objects.filter(is_staff=True, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if addresses:
        context = {
            "item_url": f"{settings.SANAD_SITE_URL}{item.get_absolute_url()}",
            "site_name": settings.SANAD_SITE_NAME,
        }
        subject = render_to_string("moderation/email/crisis_item.subject.txt", context).strip()
        body = render_to_string("moderation/email/crisis_item.txt", context)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, addresses)
    item.staff_emailed_at = timezone.now()
    item.save(update_fields=["staff_emailed_at"])
    return len(addresses)


def queue_sweep() -> dict[str, int]:
    """The periodic safety net: alerts a broker outage lost, overdue items, lapsed
    claims. Each step is its own small transaction."""
    now = timezone.now()
    counts = {"alerted": 0, "overdue": 0, "lapsed": 0}
    lost = ReviewItem.objects.filter(
        status=ReviewItem.Status.OPEN,
        alerted_at__isnull=True,
        created_at__lt=now - timedelta(minutes=1),
    ).values_list("pk", flat=True)
    for item_id in list(lost):
        item_alert_moderators(item_id=item_id)
        counts["alerted"] += 1
    for priority, lane in ((0, "crisis"), (1, "high"), (2, "normal")):
        target = timedelta(minutes=settings.SANAD_QUEUE_TARGET_MINUTES[lane])
        overdue = ReviewItem.objects.filter(
            status=ReviewItem.Status.OPEN,
            priority=priority,
            first_action_at__isnull=True,
            overdue_alerted_at__isnull=True,
            created_at__lt=now - target,
        ).values_list("pk", flat=True)
        for item_id in list(overdue):
            item_alert_overdue(item_id=item_id)
            counts["overdue"] += 1
    idle = now - timedelta(minutes=settings.SANAD_CLAIM_IDLE_MINUTES)
    lapsed = list(
        ReviewItem.objects.filter(
            status=ReviewItem.Status.OPEN, claimed_by__isnull=False, claim_touched_at__lt=idle
        ).values_list("pk", "group_id")
    )
    for item_id, group_id in lapsed:
        with transaction.atomic():
            cleared = ReviewItem.objects.filter(pk=item_id, claim_touched_at__lt=idle).update(
                claimed_by=None, claim_touched_at=None
            )
            if cleared:
                counts["lapsed"] += 1
                after_commit(realtime.queue_item_changed, item_id=item_id, group_id=group_id)
    return counts
