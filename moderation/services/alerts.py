"""Alerts, run by Celery tasks: the moderators on duty hear about new and overdue items,
staff are emailed about a crisis out of hours, and the sweeper catches what was lost.
"""

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy

from accounts.models import User
from config.oncommit import after_commit, task_after_commit
from groups.models import Membership
from moderation import realtime
from moderation.models import ModeratorPresence, ReviewItem
from moderation.policies import qualified_user_ids
from moderation.services._common import queue_changed, tell_member
from notifications.models import Notification


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
        tell_member(
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
    from moderation.selectors import qualified_moderator_active

    if item.priority != ReviewItem.Priority.CRISIS or item.staff_emailed_at is not None:
        return
    if qualified_moderator_active(group=item.group, crisis=True):
        return
    task_after_commit("moderation.tasks.email_staff_about_item", item.pk)


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
        tell_member(
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
    queue_changed(item)
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
