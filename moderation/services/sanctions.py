"""Acts on the member behind an item: warn, mute, ban, check in, suspend the account.
They keep the item open.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from accounts.timezones import zone_named
from config import humanize
from groups.models import Membership
from groups.selectors import works_review_queue_forget
from moderation.models import ReviewItem
from moderation.services._common import _audit, _mark_action, _take, queue_changed, tell_member
from notifications.models import Notification
from notifications.records import notification_create


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


@transaction.atomic
def member_warn(*, moderator: User, item_id: int, note: str) -> ReviewItem:
    item = _take(moderator, item_id, kinds=(ReviewItem.Kind.POST, ReviewItem.Kind.CONDUCT))
    subject = _ensure_subject(item)
    _ensure_may_sanction(moderator, item, subject)
    _mark_action(item)
    _audit(actor=moderator, action="member.warned", item=item, subject_id=subject.pk, reason=note)
    tell_member(
        recipient_id=subject.pk,
        kind=Notification.Kind.WARNING,
        group=item.group,
        message=note,
        post_id=item.post_id,
    )
    queue_changed(item)
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
        # On the member's own clock, with the zone named: the moderator's is not theirs.
        when = humanize.zoned_datetime(until, zone_named(subject.time_zone))
        return _("You are muted in this group until %(until)s. Reason: %(reason)s") % {
            "until": when,
            "reason": humanize.isolated(reason),
        }

    tell_member(
        recipient_id=subject.pk,
        kind=Notification.Kind.SANCTION,
        group=item.group,
        message=message,
    )
    queue_changed(item)
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
    tell_member(
        recipient_id=subject.pk,
        kind=Notification.Kind.SANCTION,
        group=item.group,
        message=lambda: (
            _("You have been removed from the group “%(group)s”. Reason: %(reason)s")
            % {"group": humanize.isolated(item.group.name), "reason": humanize.isolated(reason)}
        ),
    )
    queue_changed(item)
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
    queue_changed(item)
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
    tell_member(
        recipient_id=subject.pk,
        kind=Notification.Kind.SANCTION,
        group=item.group,
        message=lambda: (
            _("Your account has been suspended. Reason: %(reason)s")
            % {"reason": humanize.isolated(reason)}
        ),
    )
    queue_changed(item)
    return item
