"""Who may work which review item: trained, with two-factor, and never on their own case.

Access to an item's group comes first (groups.access.moderated_groups, 404 for anyone
else); these rules come after it and explain themselves, because the moderator can
already see the item.
"""

from dataclasses import dataclass, field

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.mfa import SECOND_FACTOR_TYPES, account_has_mfa
from accounts.models import User
from groups.models import Membership
from moderation.models import ReviewItem, TrainingCompletion, TrainingModule


@dataclass
class Qualification:
    """What one moderator may work on right now."""

    has_mfa: bool
    # Every module required for any moderation is current.
    general: bool
    # ...and every module crisis items require.
    crisis: bool
    missing: list[TrainingModule] = field(default_factory=list)

    @property
    def can_act(self) -> bool:
        return self.has_mfa and self.general

    def covers(self, priority: int) -> bool:
        if not self.can_act:
            return False
        return self.crisis or priority != ReviewItem.Priority.CRISIS


def _mfa_required() -> bool:
    return settings.SANAD_REQUIRE_MFA_FOR_MODERATION


def qualification_for(user: User) -> Qualification:
    """Two queries: the second factor, and the required modules with the account's
    current completion of each."""
    has_mfa = account_has_mfa(user) if _mfa_required() else True
    current = TrainingCompletion.objects.filter(
        user_id=user.pk, module=OuterRef("pk"), passed=True, expires_at__gt=timezone.now()
    )
    modules = list(
        TrainingModule.objects.filter(
            is_active=True,
            requirement__in=[TrainingModule.Requirement.ALL, TrainingModule.Requirement.CRISIS],
        ).annotate(is_current=Exists(current))
    )
    missing = [module for module in modules if not module.is_current]
    general = not any(m.requirement == TrainingModule.Requirement.ALL for m in missing)
    return Qualification(
        has_mfa=has_mfa, general=general, crisis=general and not missing, missing=missing
    )


def qualified_user_ids(user_ids, *, crisis: bool) -> set[int]:
    """Of these accounts, the ones with two-factor and current training for the lane."""
    users = set(user_ids)
    if not users:
        return users
    if _mfa_required():
        users &= set(
            Authenticator.objects.filter(
                user_id__in=users, type__in=SECOND_FACTOR_TYPES
            ).values_list("user_id", flat=True)
        )
    requirements = [TrainingModule.Requirement.ALL]
    if crisis:
        requirements.append(TrainingModule.Requirement.CRISIS)
    required = set(
        TrainingModule.objects.filter(is_active=True, requirement__in=requirements).values_list(
            "pk", flat=True
        )
    )
    if required and users:
        rows = (
            TrainingCompletion.objects.filter(
                user_id__in=users,
                module_id__in=required,
                passed=True,
                expires_at__gt=timezone.now(),
            )
            .values("user_id")
            .annotate(n=Count("module_id", distinct=True))
        )
        users = {row["user_id"] for row in rows if row["n"] == len(required)}
    return users


def is_facilitator(user: User, group_id: int) -> bool:
    return Membership.objects.filter(
        user=user,
        group_id=group_id,
        state=Membership.State.ACTIVE,
        role=Membership.Role.FACILITATOR,
    ).exists()


def work_refusal(
    user: User, item: ReviewItem, qualification: Qualification, *, facilitator: bool | None = None
) -> ValidationError | None:
    """Why this moderator may not work on this item, or None when they may."""
    if not qualification.has_mfa:
        return ValidationError(
            _("Turn on two-factor authentication before you moderate."), code="mfa"
        )
    if not qualification.general:
        return ValidationError(
            _("Complete your moderator training before you act on the queue."), code="training"
        )
    if item.priority == ReviewItem.Priority.CRISIS and not qualification.crisis:
        return ValidationError(
            _("Crisis items need the crisis response module. Complete it to take this item."),
            code="crisis_training",
        )
    if item.subject_id is not None and item.subject_id == user.pk:
        return ValidationError(
            _("This item is about you: another moderator will take it."), code="own_item"
        )
    if item.excluded_moderator_id is not None and item.excluded_moderator_id == user.pk:
        return ValidationError(
            _("You removed this post, so another moderator decides the appeal."),
            code="own_removal",
        )
    if item.escalated_to == ReviewItem.Escalation.STAFF and not user.is_staff:
        return ValidationError(_("This item was escalated to staff."), code="escalated_to_staff")
    if item.escalated_to == ReviewItem.Escalation.FACILITATOR and not user.is_staff:
        if facilitator is None:
            facilitator = is_facilitator(user, item.group_id)
        if not facilitator:
            return ValidationError(
                _("This item was escalated to the group's professional facilitator."),
                code="escalated_to_facilitator",
            )
    return None


def ensure_can_work_item(
    user: User, item: ReviewItem, qualification: Qualification | None = None
) -> None:
    refusal = work_refusal(user, item, qualification or qualification_for(user))
    if refusal is not None:
        raise refusal
