from allauth.account.adapter import get_adapter
from allauth.account.decorators import reauthentication_required
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import recovery
from accounts.forms import RecoveryCodesForm, RecoveryResetForm
from accounts.views import rate_limited_response

# Few enough left that a member should make a new set before they run out.
_FEW_LEFT = 3


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


def _codes_page(request, *, form=None, status=200):
    codes = recovery.codes_stashed(request)
    current = recovery.recovery_codes_status(user=request.user)
    return render(
        request,
        "accounts/recovery_codes.html",
        {
            "codes": codes,
            "status": current,
            "form": form or RecoveryCodesForm(replacing=current.unused > 0),
            "next": _next_url(request),
            "has_email": bool(request.user.email),
        },
        status=status,
    )


@login_required
@require_GET
@never_cache
def recovery_codes(request):
    return _codes_page(request)


@login_required
@require_POST
@reauthentication_required
def recovery_codes_new(request):
    current = recovery.recovery_codes_status(user=request.user)
    form = RecoveryCodesForm(request.POST, replacing=current.unused > 0)
    if not form.is_valid():
        return _codes_page(request, form=form, status=400)
    codes = recovery.recovery_codes_create(user=request.user)
    recovery.codes_stash(request, codes)
    return redirect("recovery:codes")


@login_required
@require_GET
@never_cache
def recovery_codes_download(request):
    codes = recovery.codes_stashed(request)
    if not codes:
        # Shown once: after a few minutes, or once saved, only their hashes remain.
        raise Http404
    text = render_to_string(
        "accounts/recovery_codes.txt", {"codes": codes, "site_name": settings.SANAD_SITE_NAME}
    )
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="sanad-recovery-codes.txt"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def recovery_codes_saved(request):
    recovery.codes_forget(request)
    messages.success(request, _("Keep your recovery codes somewhere safe and private."))
    return redirect(_next_url(request) or "privacy:index")


@require_http_methods(["GET", "POST"])
@never_cache
def recovery_reset(request):
    """Reset a forgotten password with the username and one recovery code.

    Every refusal reads the same whether the username exists: one message, the same
    status, the username kept and the code cleared.
    """
    template = "accounts/recovery_reset.html"
    form = RecoveryResetForm(request.POST or None)
    if request.method != "POST":
        return render(request, template, {"form": form})
    if not form.is_valid():
        return render(request, template, {"form": form}, status=400)
    fingerprint = get_adapter(request).get_client_ip(request)
    # What a refused attempt shows again: the username, never the code or a password.
    refilled = RecoveryResetForm(initial={"username": form.cleaned_data["username"]})
    try:
        user = recovery.recovery_password_reset(
            username=form.cleaned_data["username"],
            code=form.cleaned_data["code"],
            password=form.cleaned_data["password1"],
            fingerprint=fingerprint,
        )
    except recovery.RecoveryRateLimited as limited:
        return rate_limited_response(
            request, template, {"form": refilled}, retry_after=limited.retry_after
        )
    if user is None:
        refusal = _(
            "That username and recovery code do not go together, or the code was already "
            "used. Check both and try again."
        )
        return render(request, template, {"form": refilled, "refusal": refusal}, status=400)
    messages.success(
        request, _("Your new password is set. Sign in with your username and your new password.")
    )
    left = recovery.recovery_codes_status(user=user).unused
    if left <= _FEW_LEFT:
        messages.warning(
            request,
            ngettext(
                "You have %(count)s recovery code left. Once signed in, make a new set "
                "under Privacy and security.",
                "You have %(count)s recovery codes left. Once signed in, make a new set "
                "under Privacy and security.",
                left,
            )
            % {"count": left},
        )
    return redirect("account_login")
