"""What the groups services share: the audit row, who may moderate a group, the persona
a member joins under, and admitting a member.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import Persona, User
from accounts.selectors import default_persona
from accounts.services import persona_create
from audit.models import AuditEntry
from groups.models import Membership, SupportGroup
from groups.selectors import works_review_queue_forget


def _audit(
    *,
    actor: User | None,
    action: str,
    group: SupportGroup,
    subject_account_id: int | None = None,
    reason: str = "",
    details: dict | None = None,
) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor,
        action=action,
        group=group,
        subject_account_id=subject_account_id,
        reason=reason,
        details=details or {},
    )


def _with_reason(message: str, membership: Membership) -> str:
    if not membership.sanction_reason:
        return message
    return "{} {}".format(message, _("Reason: %(reason)s") % {"reason": membership.sanction_reason})


def can_moderate_group(user: User, group: SupportGroup) -> bool:
    """Staff, or an active moderator or facilitator of this group."""
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    return Membership.objects.filter(
        group=group,
        user=user,
        state=Membership.State.ACTIVE,
        role__in=[Membership.Role.MODERATOR, Membership.Role.FACILITATOR],
    ).exists()


def _ensure_moderator(actor: User, group: SupportGroup) -> None:
    # The views reach here through groups.access already; this guards every other caller.
    if not can_moderate_group(actor, group):
        raise PermissionDenied


def _ensure_staff(actor: User | None) -> None:
    if actor is not None and not actor.is_staff:
        raise PermissionDenied


def _ensure_own_persona(user: User, persona: Persona) -> None:
    # Read again under a row lock: a persona retired a moment ago is not joined under.
    own = Persona.objects.select_for_update().filter(
        pk=persona.pk, user=user, retired_at__isnull=True
    )
    if not own.exists():
        raise ValidationError(_("Choose one of your own personas."), code="not_yours")


def _chosen_persona(
    *, user: User, persona: Persona | None, new_persona_name: str | None
) -> Persona:
    """The persona a group will know the member by: one of their own, or a new one made
    now from the name they kept (generated for them, or changed).

    A new name is made only here, when the member actually joins or asks to: a
    suggestion on a form is never stored. Two members sending the same name at once
    meet the unique skeleton, and the second is asked to take another.
    """
    if new_persona_name is None:
        persona = persona or default_persona(user)
        _ensure_own_persona(user, persona)
        return persona
    try:
        return persona_create(user=user, name=new_persona_name)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            # The only field error persona_create gives: the name is taken.
            raise ValidationError(
                _("Someone else took that name a moment ago. Here is another one."),
                code="name_taken",
            ) from None
        raise


def _admit(*, user: User, group: SupportGroup, persona: Persona) -> tuple[Membership, bool]:
    """Make the account an active member under this persona; the caller holds the
    transaction. Returns the membership and whether it is new (or renewed)."""
    membership = Membership.objects.select_for_update().filter(group=group, user=user).first()
    if membership is not None:
        if membership.state == Membership.State.BANNED:
            raise ValidationError(
                _with_reason(_("You cannot rejoin this group."), membership), code="banned"
            )
        if membership.state == Membership.State.ACTIVE:
            return membership, False
        membership.state = Membership.State.ACTIVE
        membership.persona = persona
        membership.save(update_fields=["state", "persona"])
        # Staff may have given the row a role while it was inactive: it counts from now.
        works_review_queue_forget(user.pk)
        return membership, True
    try:
        with transaction.atomic():
            return Membership.objects.create(group=group, user=user, persona=persona), True
    except IntegrityError:
        # A double click raced us to it; the membership exists either way.
        return Membership.objects.get(group=group, user=user), False


def _already_active(user: User, group: SupportGroup) -> Membership | None:
    return Membership.objects.filter(group=group, user=user, state=Membership.State.ACTIVE).first()
