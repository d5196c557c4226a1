"""Reports: a member reports a post, or its author's conduct in the group."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from accounts.policies import ensure_account_can_act
from accounts.ratelimit import rate_limit_account
from groups.models import SupportGroup
from moderation.models import Report, ReviewItem
from moderation.services._common import (
    _audit,
    _lock_thread_and_post,
    _post_changed,
    queue_changed,
    schedule_alert,
    tell_member,
)
from notifications.models import Notification
from posts.models import Post, Thread

_PRIORITY_FOR_REASON = {
    Report.Reason.CRISIS: ReviewItem.Priority.CRISIS,
    Report.Reason.HARASSMENT: ReviewItem.Priority.HIGH,
    Report.Reason.HATE: ReviewItem.Priority.HIGH,
}
REPORT_ABOUT_POST = "post"
REPORT_ABOUT_CONDUCT = "conduct"


def _priority_for(reason: str) -> int:
    return _PRIORITY_FOR_REASON.get(reason, ReviewItem.Priority.NORMAL)


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
            schedule_alert(item)
    report, report_created = Report.objects.get_or_create(
        item=item, reporter=reporter, defaults={"reason": reason, "note": note}
    )
    if not report_created:
        report.reason, report.note = reason, note
        report.save(update_fields=["reason", "note"])
    if created:
        schedule_alert(item)
    if kind == ReviewItem.Kind.POST:
        _hide_out_of_hours(item)
    queue_changed(item)
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
    tell_member(
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
