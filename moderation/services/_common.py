"""Small steps the services of several concerns share: the audit row, telling a member,
locking a post, taking an item (locked and claimed) and resolving it.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from audit.models import AuditEntry
from config.oncommit import after_commit, task_after_commit
from delivery.selectors import chosen_language
from groups.access import moderated_groups
from groups.models import SupportGroup
from moderation import realtime
from moderation.models import Report, ReviewItem
from moderation.policies import ensure_can_work_item
from notifications.models import Notification
from notifications.records import notification_create
from posts import realtime as posts_realtime
from posts.models import Post, Thread
from posts.services import thread_activity_refresh


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


def queue_changed(item: ReviewItem) -> None:
    after_commit(realtime.queue_item_changed, item_id=item.pk, group_id=item.group_id)


def schedule_alert(item: ReviewItem) -> None:
    # After commit and robust: a broker outage must not undo the item or the post
    # that raised it. The sweeper alerts for whatever this loses.
    task_after_commit("moderation.tasks.alert_new_item", item.pk)


def tell_member(
    *, recipient_id: int | None, kind: str, group: SupportGroup, message, **extra
) -> None:
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
    # An "attempt" item has no post: words that were never published.
    post = _lock_thread_and_post(thread_id=ref[1], post_id=ref[0]) if ref[0] else None
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
        tell_member(
            recipient_id=reporter_id,
            kind=Notification.Kind.REPORT_OUTCOME,
            group=item.group,
            message=message,
            thread_id=thread_id,
        )
    queue_changed(item)
    return item


def _mark_action(item: ReviewItem) -> None:
    if not item.action_taken:
        item.action_taken = True
        item.save(update_fields=["action_taken"])
