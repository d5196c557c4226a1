"""Memberships: a member joins, leaves or switches persona; staff add, change and remove
members.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import Persona, User
from accounts.policies import ensure_account_can_act
from groups.models import Membership, SupportGroup
from groups.selectors import works_review_queue_forget
from groups.services._common import (
    _admit,
    _already_active,
    _audit,
    _chosen_persona,
    _ensure_staff,
    _with_reason,
)


@transaction.atomic
def membership_join(
    *,
    user: User,
    group: SupportGroup,
    persona: Persona | None = None,
    new_persona_name: str | None = None,
) -> Membership:
    """Join an open group in one step, under the persona this group will see: one of the
    member's own, or a new one made for this group from new_persona_name."""
    ensure_account_can_act(user)
    if group.access != SupportGroup.Access.OPEN or group.is_archived:
        raise ValidationError(_("This group is not open to join directly."), code="not_open")
    # A double click: the first click joined, the second makes no second persona.
    if (existing := _already_active(user, group)) is not None:
        return existing
    try:
        persona = _chosen_persona(user=user, persona=persona, new_persona_name=new_persona_name)
    except ValidationError:
        # The same double click, both at once: the first one's name is now taken.
        if (existing := _already_active(user, group)) is not None:
            return existing
        raise
    membership, _new = _admit(user=user, group=group, persona=persona)
    return membership


@transaction.atomic
def membership_leave(*, membership: Membership) -> Membership:
    """Leave a group. Posts stay, under the name they were written with.

    A role does not survive leaving: whoever comes back to an open group comes back as a
    member, never as the moderator they once were.
    """
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.state != Membership.State.ACTIVE:
        raise ValidationError(_("Only members of this group can do this."), code="not_member")
    membership.state = Membership.State.LEFT
    membership.role = Membership.Role.MEMBER
    membership.is_verified_facilitator = False
    membership.save(update_fields=["state", "role", "is_verified_facilitator"])
    works_review_queue_forget(membership.user_id)
    return membership


@transaction.atomic
def membership_switch_persona(
    *,
    membership: Membership,
    persona: Persona | None = None,
    new_persona_name: str | None = None,
) -> Membership:
    """Show another of the member's personas in this group (or a new one made for it),
    for what they do from now on.

    Posts already written keep the name they were written under. A sanction stays with
    the account, so a banned member cannot come back under a new name.
    """
    membership = Membership.objects.select_for_update().select_related("user").get(pk=membership.pk)
    ensure_account_can_act(membership.user)
    if membership.state == Membership.State.BANNED:
        raise ValidationError(
            _with_reason(_("You have been removed from this group."), membership), code="banned"
        )
    if membership.state != Membership.State.ACTIVE:
        raise ValidationError(_("Only members of this group can do this."), code="not_member")
    persona = _chosen_persona(
        user=membership.user,
        persona=persona or membership.persona,
        new_persona_name=new_persona_name,
    )
    membership.persona = persona
    membership.save(update_fields=["persona"])
    return membership


def _audit_membership_changes(
    *, actor: User | None, before: Membership | None, after: Membership
) -> None:
    subject = {"group": after.group, "subject_account_id": after.user_id}
    details = {"membership_id": after.pk}
    if before is None:
        _audit(
            actor=actor,
            action="membership.added",
            details={**details, "role": after.role, "state": after.state},
            **subject,
        )
        before_role, before_state, before_verified = Membership.Role.MEMBER, after.state, False
    else:
        before_role, before_state = before.role, before.state
        before_verified = before.is_verified_facilitator
    if after.role != before_role:
        _audit(
            actor=actor,
            action="membership.role_changed",
            details={**details, "from": before_role, "to": after.role},
            **subject,
        )
    if before is not None and after.state != before_state:
        _audit(
            actor=actor,
            action="membership.state_changed",
            details={**details, "from": before_state, "to": after.state},
            **subject,
        )
    if after.is_verified_facilitator != before_verified:
        action = (
            "membership.facilitator_verified"
            if after.is_verified_facilitator
            else "membership.facilitator_unverified"
        )
        _audit(actor=actor, action=action, details=details, **subject)


@transaction.atomic
def membership_add_by_staff(
    *,
    actor: User | None,
    group: SupportGroup,
    user: User,
    persona: Persona,
    role: str = Membership.Role.MEMBER,
    state: str = Membership.State.ACTIVE,
    is_verified_facilitator: bool = False,
) -> Membership:
    """Staff put an account into a group, for example as its moderator or facilitator."""
    _ensure_staff(actor)
    membership = Membership(
        group=group,
        user=user,
        persona=persona,
        role=role,
        state=state,
        is_verified_facilitator=is_verified_facilitator,
    )
    membership.full_clean(exclude=["group"])
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError:
        raise ValidationError(
            _("This account is already in the group."), code="already_member"
        ) from None
    _audit_membership_changes(actor=actor, before=None, after=membership)
    works_review_queue_forget(membership.user_id)
    return membership


@transaction.atomic
def membership_update_by_staff(
    *,
    actor: User | None,
    membership: Membership,
    persona: Persona,
    role: str,
    state: str,
    is_verified_facilitator: bool,
) -> Membership:
    """Staff change a membership's role, state, persona or facilitator badge."""
    _ensure_staff(actor)
    before = Membership.objects.select_for_update().get(pk=membership.pk)
    after = Membership.objects.get(pk=membership.pk)
    after.persona, after.role, after.state = persona, role, state
    after.is_verified_facilitator = is_verified_facilitator
    after.full_clean(exclude=["group", "user"])
    after.save(update_fields=["persona", "role", "state", "is_verified_facilitator"])
    _audit_membership_changes(actor=actor, before=before, after=after)
    works_review_queue_forget(after.user_id)
    return after


@transaction.atomic
def membership_set_role(*, actor: User, membership: Membership, role: str) -> Membership:
    """Make a member a moderator or facilitator, or back: staff only."""
    return membership_update_by_staff(
        actor=actor,
        membership=membership,
        persona=membership.persona,
        role=role,
        state=membership.state,
        is_verified_facilitator=membership.is_verified_facilitator,
    )


@transaction.atomic
def membership_remove_by_staff(*, actor: User | None, membership: Membership) -> None:
    """Delete a membership row (admin). Sanctions are set through the moderation tools."""
    _ensure_staff(actor)
    _audit(
        actor=actor,
        action="membership.removed",
        group=membership.group,
        subject_account_id=membership.user_id,
        details={"membership_id": membership.pk, "role": membership.role},
    )
    Membership.objects.filter(pk=membership.pk).delete()
    works_review_queue_forget(membership.user_id)
