"""Review items: the item the automatic checks open for a post, and the acts that keep
an item open (hide the post, lock the thread, escalate).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from groups.models import Membership, SupportGroup
from moderation.models import ReviewItem
from moderation.services._common import (
    _audit,
    _lock_post,
    _mark_action,
    _post_changed,
    _take,
    queue_changed,
    schedule_alert,
    tell_member,
)
from notifications.models import Notification
from posts.models import Post, Thread

# --- Automatic items (screening) ---------------------------------------------------------


def item_open_automatic(
    *,
    post: Post,
    group: SupportGroup,
    priority: int,
    source: str,
    flags: list[dict],
    crisis: bool,
    assessment=None,
    alert: bool = True,
) -> ReviewItem:
    """The review item for a post the automatic checks stopped or flagged. Runs inside
    the transaction that creates (or edits) the post.

    assessment is the crisis detector's verdict (moderation.screening.CrisisAssessment),
    kept on the item for moderators when it found something. alert=False opens the item
    without telling anyone on duty (a "check on this member" item: it waits in the
    normal lane); an item raised to crisis later is alerted all the same.
    """
    crisis_fields = {}
    if assessment is not None and assessment.tier != "none":
        crisis_fields = {
            "crisis_tier": assessment.tier,
            "crisis_score": round(float(assessment.score), 3),
            "crisis_signals": [str(code) for code in assessment.signals],
        }
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
            # Nothing to tell: marked as done, so the sweeper does not tell them either.
            alerted_at=None if alert else timezone.now(),
            **crisis_fields,
        )
        if alert:
            schedule_alert(item)
    else:
        raised_to_crisis = priority == ReviewItem.Priority.CRISIS and item.priority > priority
        item.priority = min(item.priority, priority)
        item.flags = [*item.flags, *flags]
        item.crisis_detected = item.crisis_detected or crisis
        if raised_to_crisis:
            item.alerted_at = None
        for name, value in crisis_fields.items():
            setattr(item, name, value)
        item.save(
            update_fields=["priority", "flags", "crisis_detected", "alerted_at", *crisis_fields]
        )
        if raised_to_crisis:
            schedule_alert(item)
    queue_changed(item)
    return item


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
    tell_member(
        recipient_id=post.author_id,
        kind=Notification.Kind.POST_HELD,
        group=item.group,
        message=gettext_lazy("A moderator has hidden your post while they look at it."),
        post_id=post.pk,
        thread_id=post.thread_id,
    )
    queue_changed(item)
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
    queue_changed(item)
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
    schedule_alert(item)
    queue_changed(item)
    return item
