from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Persona, User
from accounts.names import generate_persona_name, persona_name_key, validate_persona_name
from accounts.policies import ensure_account_can_act
from accounts.ratelimit import rate_limit_account
from accounts.timezones import zone_named
from config import hooks

_NAME_TAKEN = gettext_lazy("This name is taken, or looks too much like one that is.")


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


def persona_name_suggestion(*, language: str) -> str:
    """A generated name nobody holds right now, for a form to offer. Nothing is stored:
    the persona is made only if the member goes on with it (persona_create), where the
    unique skeleton settles a race for the same name."""
    name = generate_persona_name(language)
    for _attempt in range(20):
        if not Persona.objects.filter(name_key=persona_name_key(name)).exists():
            break
        name = generate_persona_name(language)
    return name


def persona_limit_reached(user: User) -> bool:
    active = user.personas.filter(retired_at__isnull=True).count()
    return active >= settings.SANAD_MAX_PERSONAS


def account_set_up(*, user: User, language: str) -> Persona:
    """Everything a new account needs beyond the login itself: its first persona."""
    return persona_create_generated(user=user, language=language, is_default=True)


def _save_name(persona: Persona, name: str, *, fields: list[str]) -> Persona:
    persona.name = name
    persona.name_key = persona_name_key(name)
    try:
        with transaction.atomic():
            if persona.pk is None:
                persona.save()
            else:
                persona.save(update_fields=[*fields, "name", "name_key"])
    except IntegrityError:
        # The unique skeleton decides, so two members racing for one name cannot both win.
        raise ValidationError({"name": _NAME_TAKEN}, code="taken") from None
    return persona


@transaction.atomic
def persona_create(*, user: User, name: str) -> Persona:
    """Another pseudonym, so that two groups need not know the member by one name."""
    ensure_account_can_act(user)
    cleaned = validate_persona_name(name)
    # Lock the account row so two quick requests cannot both pass the limit.
    User.objects.select_for_update().get(pk=user.pk)
    if user.personas.filter(retired_at__isnull=True).count() >= settings.SANAD_MAX_PERSONAS:
        raise ValidationError(
            _("You can hold at most %(count)s personas.") % {"count": settings.SANAD_MAX_PERSONAS},
            code="too_many",
        )
    rate_limit_account(scope="persona", user=user)
    if Persona.objects.filter(name_key=persona_name_key(cleaned)).exists():
        raise ValidationError({"name": _NAME_TAKEN}, code="taken")
    return _save_name(Persona(user=user), cleaned, fields=[])


@transaction.atomic
def persona_rename(*, persona: Persona, name: str) -> Persona:
    """Rename, at most once per cooldown, so a name cannot be swapped to dodge a report."""
    persona = Persona.objects.select_for_update().get(pk=persona.pk)
    ensure_account_can_act(persona.user)
    cleaned = validate_persona_name(name)
    if cleaned == persona.name:
        return persona
    cooldown = timedelta(days=settings.SANAD_PERSONA_RENAME_COOLDOWN_DAYS)
    if persona.renamed_at and persona.renamed_at + cooldown > timezone.now():
        next_time = timezone.localtime(persona.renamed_at + cooldown)
        raise ValidationError(
            _("You can rename this persona again after %(date)s.")
            % {"date": formats.date_format(next_time, "DATETIME_FORMAT")},
            code="cooldown",
        )
    taken = Persona.objects.filter(name_key=persona_name_key(cleaned)).exclude(pk=persona.pk)
    if taken.exists():
        raise ValidationError({"name": _NAME_TAKEN}, code="taken")
    persona.renamed_at = timezone.now()
    hooks.persona_renamed.send(sender=Persona, persona_id=persona.pk)
    return _save_name(persona, cleaned, fields=["renamed_at"])


@transaction.atomic
def persona_make_default(*, persona: Persona) -> Persona:
    """The persona offered first when joining a group."""
    Persona.objects.filter(user_id=persona.user_id, is_default=True).update(is_default=False)
    Persona.objects.filter(pk=persona.pk).update(is_default=True)
    persona.is_default = True
    return persona


def account_time_zone_set(*, user: User, time_zone: str) -> User:
    """Show this member's dates on their own clock. An unknown name is refused."""
    if zone_named(time_zone) is None:
        raise ValidationError(
            _("“%(name)s” is not a time zone we know. Choose one from the list.")
            % {"name": time_zone[:64]},
            code="unknown_time_zone",
        )
    user.time_zone = time_zone
    user.save(update_fields=["time_zone"])
    return user
