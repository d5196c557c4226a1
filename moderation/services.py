from django.db import IntegrityError, transaction

from accounts.models import User
from moderation.models import Report, ReviewItem
from posts.models import Post

_PRIORITY_FOR_REASON = {
    Report.Reason.CRISIS: ReviewItem.Priority.CRISIS,
    Report.Reason.HARASSMENT: ReviewItem.Priority.HIGH,
    Report.Reason.HATE: ReviewItem.Priority.HIGH,
}


def _priority_for(reason: str) -> int:
    return _PRIORITY_FOR_REASON.get(reason, ReviewItem.Priority.NORMAL)


@transaction.atomic
def report_create(*, reporter: User, post: Post, reason: str, note: str = "") -> Report:
    """Report a post. Reports on one post merge into its open review item.

    The caller has already checked, through groups.access, that the reporter can see
    the post.
    """
    priority = _priority_for(reason)
    item = (
        ReviewItem.objects.select_for_update()
        .filter(post=post, status=ReviewItem.Status.OPEN)
        .first()
    )
    if item is None:
        try:
            with transaction.atomic():
                item = ReviewItem.objects.create(
                    post=post, group_id=post.thread.group_id, priority=priority
                )
        except IntegrityError:
            # Another report on the same post opened the item a moment ago.
            item = ReviewItem.objects.select_for_update().get(
                post=post, status=ReviewItem.Status.OPEN
            )
    if priority < item.priority:
        # A later report of a crisis moves the whole item to the front of the queue.
        item.priority = priority
        item.save(update_fields=["priority"])
    report, created = Report.objects.get_or_create(
        item=item, reporter=reporter, defaults={"reason": reason, "note": note}
    )
    if not created:
        report.reason, report.note = reason, note
        report.save(update_fields=["reason", "note"])
    return report
