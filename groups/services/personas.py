"""Personas and groups: a persona no group knows the member by can be retired."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Persona
from groups import selectors


def _persona_in_use(persona: Persona) -> bool:
    """A group knows the member by it, or will once a moderator says yes."""
    return persona.pk in selectors.personas_in_use(persona.user)


@transaction.atomic
def persona_retire(*, persona: Persona) -> Persona:
    """Stop holding a persona no group uses, which frees a place under the limit.

    The name is not released: posts written under it keep showing it, and nobody may
    take it up while they do, nor for SANAD_PERSONA_HOLD_DAYS after it was retired
    (privacy.jobs.persona_purge_retired frees it after that).
    """
    # Locked, so that a join choosing this persona at the same moment waits and then
    # sees it retired (groups.services locks it too).
    persona = Persona.objects.select_for_update().get(pk=persona.pk)
    if persona.retired_at is not None:
        return persona
    if persona.is_default:
        raise ValidationError(
            _(
                "This is the persona offered when you use a name you already have. "
                "Choose another one for that first, then retire this one."
            ),
            code="default",
        )
    if _persona_in_use(persona):
        raise ValidationError(
            _(
                "A group still knows you by this name, or will once your request is "
                "answered. Switch that group to another name, or leave it, first."
            ),
            code="in_use",
        )
    persona.retired_at = timezone.now()
    persona.save(update_fields=["retired_at"])
    return persona
