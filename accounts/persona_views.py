from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts import selectors, services
from accounts.forms import PersonaNameForm


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
    if request.method == "POST" and create_form.is_valid():
        try:
            services.persona_create(user=request.user, name=create_form.cleaned_data["name"])
        except ValidationError as error:
            _add_errors(create_form, error)
        else:
            messages.success(request, _("Your new persona is ready."))
            return redirect("personas:list")
    return render(
        request,
        "accounts/personas.html",
        {"personas": selectors.personas_of(request.user), "create_form": create_form},
        status=400 if create_form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def persona_rename(request, persona_id):
    persona = selectors.own_persona(request.user, persona_id)
    form = PersonaNameForm(request.POST or None, initial={"name": persona.name})
    if request.method == "POST" and form.is_valid():
        try:
            services.persona_rename(persona=persona, name=form.cleaned_data["name"])
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
    persona = selectors.own_persona(request.user, persona_id)
    services.persona_make_default(persona=persona)
    messages.success(request, _("New groups will see this persona first."))
    return redirect("personas:list")
