from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import Persona, User
from accounts.policies import ensure_account_can_act
from accounts.selectors import default_persona
from groups.models import Membership, SupportGroup


def _with_reason(message: str, membership: Membership) -> str:
    if not membership.sanction_reason:
        return message
    return "{} {}".format(message, _("Reason: %(reason)s") % {"reason": membership.sanction_reason})


@transaction.atomic
def membership_join(
    *, user: User, group: SupportGroup, persona: Persona | None = None
) -> Membership:
    """Join an open group in one step, under the persona this group will see."""
    ensure_account_can_act(user)
    if group.access != SupportGroup.Access.OPEN:
        raise ValidationError(_("This group is not open to join directly."))
    persona = persona or default_persona(user)
    if persona.user_id != user.pk or persona.retired_at is not None:
        raise ValidationError(_("Choose one of your own personas."))
    membership = Membership.objects.select_for_update().filter(group=group, user=user).first()
    if membership is not None:
        if membership.state == Membership.State.BANNED:
            raise ValidationError(_with_reason(_("You cannot rejoin this group."), membership))
        if membership.state != Membership.State.ACTIVE:
            membership.state = Membership.State.ACTIVE
            membership.persona = persona
            membership.save(update_fields=["state", "persona"])
        return membership
    try:
        with transaction.atomic():
            return Membership.objects.create(group=group, user=user, persona=persona)
    except IntegrityError:
        # A double click raced us to it; the membership exists either way.
        return Membership.objects.get(group=group, user=user)


@transaction.atomic
def membership_switch_persona(*, membership: Membership, persona: Persona) -> Membership:
    """Show another of the member's personas in this group, for what they do from now on.

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
    if persona.user_id != membership.user_id or persona.retired_at is not None:
        raise ValidationError(_("Choose one of your own personas."), code="not_yours")
    membership.persona = persona
    membership.save(update_fields=["persona"])
    return membership
