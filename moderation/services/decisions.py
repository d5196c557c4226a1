"""Decisions that close an item: approve, dismiss, remove."""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from delivery import queue as delivery_queue
from moderation.models import ReviewItem
from moderation.services._common import (
    _audit,
    _lock_post,
    _post_changed,
    _resolve,
    _take,
    tell_member,
)
from notifications.models import Notification
from posts.models import Post


class RemovalReason(models.TextChoices):
    RULES = "rules", gettext_lazy("Breaks the group's rules")
    HARASSMENT = "harassment", gettext_lazy("Harassment or personal attacks")
    HATE = "hate", gettext_lazy("Hate or discrimination")
    SPAM = "spam", gettext_lazy("Spam or advertising")
    MEDICAL = "medical", gettext_lazy("Medical advice or misinformation")
    PERSONAL_INFO = "personal_info", gettext_lazy("Shares personal or contact details")
    HARMFUL = "harmful", gettext_lazy("Describes ways of self-harm or encourages it")
    OTHER = "other", gettext_lazy("Another reason (see the note)")


def _ensure_not_left_hidden(item: ReviewItem) -> None:
    if item.kind == ReviewItem.Kind.POST and item.post.state == Post.State.HELD:
        raise ValidationError(
            _("Others cannot see this post yet: approve it or remove it to close the item."),
            code="still_held",
        )


def _ensure_crisis_close_considered(item: ReviewItem, *, note: str, confirmed: bool) -> None:
    # Someone may be at risk: a crisis item is never closed by one click. The note
    # says what was done for the person; the confirmation is a second, deliberate step.
    if not item.is_crisis:
        return
    if not note.strip():
        raise ValidationError(
            _(
                "This item may be about someone at risk. Write what was done for them "
                "before closing it."
            ),
            code="crisis_note_required",
        )
    if not confirmed:
        raise ValidationError(
            _(
                "Confirm that the member was offered help (or did not need it) before "
                "closing this item."
            ),
            code="crisis_confirmation_required",
        )


@transaction.atomic
def item_approve(
    *, moderator: User, item_id: int, note: str = "", confirmed: bool = False
) -> ReviewItem:
    """The post may stand: a held post is published, the reports are answered."""
    item = _take(moderator, item_id, kinds=(ReviewItem.Kind.POST, ReviewItem.Kind.CONDUCT))
    _ensure_crisis_close_considered(item, note=note, confirmed=confirmed)
    post = _lock_post(item)
    if post.state == Post.State.HELD:
        post.state = Post.State.VISIBLE
        post.save(update_fields=["state"])
        tell_member(
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
            delivery_queue.reply_fanout_after_commit(post.pk)
    _audit(
        actor=moderator, action="post.approved", item=item, subject_id=post.author_id, reason=note
    )
    return _resolve(item, moderator=moderator, decision=ReviewItem.Decision.APPROVED)


@transaction.atomic
def item_dismiss(
    *, moderator: User, item_id: int, note: str = "", confirmed: bool = False
) -> ReviewItem:
    """Nothing needed doing (or, after other actions, nothing more)."""
    item = _take(
        moderator,
        item_id,
        kinds=(ReviewItem.Kind.POST, ReviewItem.Kind.CONDUCT, ReviewItem.Kind.ATTEMPT),
    )
    _ensure_crisis_close_considered(item, note=note, confirmed=confirmed)
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
    # the author is told in their own (see tell_member).
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
    tell_member(
        recipient_id=post.author_id,
        kind=Notification.Kind.POST_REMOVED,
        group=item.group,
        message=lambda: removal_message(reason, author_note),
        post_id=post.pk,
        thread_id=post.thread_id,
    )
    return _resolve(item, moderator=moderator, decision=ReviewItem.Decision.REMOVED)
