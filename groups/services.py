from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import Persona, User
from accounts.selectors import default_persona
from groups.models import Membership, SupportGroup


@transaction.atomic
def membership_join(
    *, user: User, group: SupportGroup, persona: Persona | None = None
) -> Membership:
    """Join an open group in one step, under the persona this group will see."""
    if group.access != SupportGroup.Access.OPEN:
        raise ValidationError(_("This group is not open to join directly."))
    persona = persona or default_persona(user)
    if persona.user_id != user.pk:
        raise ValidationError(_("Choose one of your own personas."))
    membership = Membership.objects.select_for_update().filter(group=group, user=user).first()
    if membership is not None:
        if membership.state == Membership.State.BANNED:
            raise ValidationError(_("You cannot rejoin this group."))
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
