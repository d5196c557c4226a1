import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from privacy import services
from privacy.forms import AccountDeletionForm


def _export_context(user) -> dict:
    export = services.data_export_current(user=user)
    in_progress = export is not None and export.status in services.EXPORT_IN_PROGRESS
    return {"export": export, "export_in_progress": in_progress}


@login_required
@require_GET
def privacy_page(request):
    context = _export_context(request.user)
    context["export_hours"] = settings.SANAD_EXPORT_AVAILABLE_HOURS
    return render(request, "accounts/privacy.html", context)


@login_required
@require_GET
@never_cache
def export_status(request):
    # The small fragment the page polls while the export is being prepared.
    return render(request, "accounts/_export_status.html", _export_context(request.user))


@login_required
@require_POST
def export_request(request):
    services.data_export_request(user=request.user)
    messages.success(
        request,
        _("We are preparing a copy of your data. It usually takes a minute or two."),
    )
    return redirect("privacy:index")


@login_required
@require_GET
def export_download(request, export_id):
    export = services.data_export_downloadable(user=request.user, export_id=export_id)
    if export is None:
        # Someone else's export, an expired one and one that never existed look alike.
        raise Http404
    response = HttpResponse(
        json.dumps(export.payload, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="sanad-export.json"'
    # Nothing in between (a shared computer's browser cache, a proxy) may keep a copy.
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    form = AccountDeletionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.account_deletion_request(user=request.user, mode=form.cleaned_data["mode"])
        logout(request)
        messages.success(
            request,
            _(
                "Your account is closed and is being deleted. Thank you for the time you "
                "spent here. Take care of yourself."
            ),
        )
        return redirect("groups:home")
    status = 400 if form.errors else 200
    return render(
        request,
        "accounts/privacy_delete.html",
        {"form": form},
        status=status,
    )


@login_required
@require_POST
def quick_exit_setting(request):
    """Whether "Leave quickly" also signs this account out (a checkbox on the page)."""
    user = request.user
    user.quick_exit_signs_out = request.POST.get("quick_exit_signs_out") == "on"
    user.save(update_fields=["quick_exit_signs_out"])
    if user.quick_exit_signs_out:
        messages.success(request, _("Leaving quickly now also signs you out."))
    else:
        messages.success(request, _("Leaving quickly no longer signs you out."))
    return redirect(f"{reverse('privacy:index')}#leaving")


@require_POST
def leave_quickly(request):
    """What "Leave quickly" sends (navigator.sendBeacon, with the page's CSRF token) as
    the tab goes to the neutral site: signs out a member who chose that. Nobody reads
    the answer; it is the same, empty one in every case."""
    if request.user.is_authenticated and request.user.quick_exit_signs_out:
        logout(request)
    return HttpResponse(status=204)


@require_GET
def browsing_safely(request):
    return render(request, "accounts/browsing_safely.html")
