from django.db.models import Prefetch, QuerySet
from django.http import Http404

from accounts.models import Persona, User


def default_persona(user: User) -> Persona:
    return user.personas.get(is_default=True)


def personas_of(user: User) -> QuerySet[Persona]:
    """The account's own personas, each with the groups that know it by that name.

    Only ever shown to the account itself.
    """
    from groups.models import Membership

    return (
        user.personas.filter(retired_at__isnull=True)
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(state=Membership.State.ACTIVE).select_related(
                    "group"
                ),
            )
        )
        .order_by("-is_default", "created_at")
    )


def own_persona(user: User, persona_id: int) -> Persona:
    """One of the account's own personas, or 404 (whether or not the id exists)."""
    persona = user.personas.filter(pk=persona_id, retired_at__isnull=True).first()
    if persona is None:
        raise Http404
    return persona
