from django.http import Http404

from accounts.models import Persona, User


def default_persona(user: User) -> Persona:
    return user.personas.get(is_default=True)


def own_persona(user: User, persona_id: int) -> Persona:
    """One of the account's own personas, or 404 (whether or not the id exists)."""
    persona = user.personas.filter(pk=persona_id, retired_at__isnull=True).first()
    if persona is None:
        raise Http404
    return persona
