"""Appeals: the author of a removed post asks, once, for another moderator's look."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from audit.models import AuditEntry
from groups.models import SupportGroup
from moderation.models import Appeal, Report, ReviewItem
from moderation.services._common import (
    _audit,
    _lock_post,
    _lock_thread_and_post,
    _post_changed,
    _resolve,
    _take,
    queue_changed,
    schedule_alert,
    tell_member,
)
from notifications.models import Notification
from posts.models import Post, Thread


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
    schedule_alert(item)
    queue_changed(item)
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

    tell_member(
        recipient_id=appeal.author_id,
        kind=Notification.Kind.APPEAL_DECIDED,
        group=item.group,
        message=decision_text,
        post_id=post.pk,
        thread_id=post.thread_id,
    )
    decision = ReviewItem.Decision.APPEAL_GRANTED if grant else ReviewItem.Decision.APPEAL_REFUSED
    _resolve(item, moderator=moderator, decision=decision)
    if grant:
        _tell_reporters_of_reversal(post=post, group=item.group)
    return appeal


def _tell_reporters_of_reversal(*, post: Post, group: SupportGroup) -> None:
    """Those whose report led to the removal heard that action was taken; now that an
    appeal has undone it, they hear that too, in the same general words: never who
    appealed or decided, nor why."""
    removed_items = ReviewItem.objects.filter(post=post, decision=ReviewItem.Decision.REMOVED)
    reporters = (
        Report.objects.filter(item__in=removed_items)
        .order_by("reporter_id")
        .values_list("reporter_id", flat=True)
        .distinct()
    )
    message = gettext_lazy(
        "The moderators looked again at a post you reported, after its author appealed, "
        "and changed their earlier decision: the post can be read again. Thank you for "
        "looking out for others."
    )
    for reporter_id in reporters:
        tell_member(
            recipient_id=reporter_id,
            kind=Notification.Kind.REPORT_OUTCOME,
            group=group,
            message=message,
            thread_id=post.thread_id,
        )
