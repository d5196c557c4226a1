"""Claims: a moderator takes an item for themselves alone, or lets it go."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from groups.access import moderated_groups
from groups.models import Membership, SupportGroup
from moderation.models import ReviewItem
from moderation.policies import ensure_can_work_item, qualification_for
from moderation.services._common import _audit, _items_for, queue_changed
from posts.models import Post


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
        queue_changed(item)
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
    queue_changed(item)
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
