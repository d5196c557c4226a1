from accounts.models import Persona, User


def default_persona(user: User) -> Persona:
    return user.personas.get(is_default=True)
