from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts import selectors as account_selectors
from accounts import services as account_services
from accounts.forms import PersonaNameForm
from accounts.ratelimit import too_often
from groups import selectors, services


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error("name", error)


@login_required
@require_http_methods(["GET", "POST"])
def persona_list(request):
    create_form = PersonaNameForm(request.POST or None, prefix="new")
    refusal = None
    if request.method == "POST" and create_form.is_valid():
        try:
            account_services.persona_create(
                user=request.user, name=create_form.cleaned_data["name"]
            )
        except ValidationError as error:
            refusal = error
            _add_errors(create_form, error)
        else:
            messages.success(request, _("Your new persona is ready."))
            return redirect("personas:list")
    personas = list(selectors.personas_of(request.user))
    in_use = selectors.personas_in_use(request.user)
    for persona in personas:
        # The same rule services.persona_retire enforces, so no button leads to a refusal.
        persona.can_retire = not persona.is_default and persona.pk not in in_use
    response = render(
        request,
        "accounts/personas.html",
        {
            "personas": personas,
            "create_form": create_form,
            "limit": settings.SANAD_MAX_PERSONAS,
            "hold_days": settings.SANAD_PERSONA_HOLD_DAYS,
        },
        status=400 if create_form.errors else 200,
    )
    return too_often(response, refusal)


@login_required
@require_http_methods(["GET", "POST"])
def persona_rename(request, persona_id):
    persona = account_selectors.own_persona(request.user, persona_id)
    form = PersonaNameForm(request.POST or None, initial={"name": persona.name})
    if request.method == "POST" and form.is_valid():
        try:
            account_services.persona_rename(persona=persona, name=form.cleaned_data["name"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Your persona was renamed."))
            return redirect("personas:list")
    return render(
        request,
        "accounts/persona_rename.html",
        {
            "persona": persona,
            "form": form,
            "cooldown_days": settings.SANAD_PERSONA_RENAME_COOLDOWN_DAYS,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def persona_make_default(request, persona_id):
    persona = account_selectors.own_persona(request.user, persona_id)
    account_services.persona_make_default(persona=persona)
    messages.success(request, _("This name now comes first among yours when you join a group."))
    return redirect("personas:list")


@login_required
@require_POST
def persona_retire(request, persona_id):
    persona = account_selectors.own_persona(request.user, persona_id)
    try:
        services.persona_retire(persona=persona)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _(
                "You no longer hold this persona. Its name stays reserved, so nobody else "
                "can take it and be mistaken for you."
            ),
        )
    return redirect("personas:list")
