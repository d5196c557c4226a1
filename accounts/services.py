from django.db import IntegrityError, transaction

from accounts.models import Persona, User
from accounts.names import generate_persona_name, persona_name_key


def persona_create_generated(*, user: User, language: str, is_default: bool = False) -> Persona:
    """Give the account a fresh generated pseudonym, retrying on the rare collision."""
    for _attempt in range(20):
        name = generate_persona_name(language)
        try:
            with transaction.atomic():
                return Persona.objects.create(
                    user=user, name=name, name_key=persona_name_key(name), is_default=is_default
                )
        except IntegrityError:
            continue
    raise RuntimeError("Could not find a free persona name")


def account_set_up(*, user: User, language: str) -> Persona:
    """Everything a new account needs beyond the login itself: its first persona."""
    return persona_create_generated(user=user, language=language, is_default=True)
