from urllib.parse import urlencode

from allauth.account import app_settings as allauth_settings
from allauth.account import forms as allauth_forms
from allauth.account import views as allauth_views
from allauth.account.adapter import get_adapter
from allauth.core.internal.ratelimit import parse_rates
from allauth.mfa.base import views as allauth_mfa_views
from allauth.utils import get_form_class
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from accounts import recovery, services
from accounts.forms import TimeZoneForm
from accounts.ratelimit import rate_limit_hit, seconds_left, too_often
from accounts.timezones import TIME_ZONE_COOKIE, zone_named

# What a refused sign-up keeps of what was typed (never a password).
_KEPT_FIELDS = ("username", "email")
_DEFAULT_FORMS = {
    "login": allauth_forms.LoginForm,
    "signup": allauth_forms.SignupForm,
    "reset_password": allauth_forms.ResetPasswordForm,
}


class _RejectedFormIs400:
    """A rejected form answers 400 (with the form filled in), as Sanad's own views do."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class _OnlyOwnNext:
    """allauth refuses a `next` to another host when it redirects, but still copies it
    into the form it renders; Sanad's pages carry on only its own paths."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        value = context.get("redirect_field_value")
        if value and not get_adapter(self.request).is_safe_url(value):
            context.update(redirect_field_value=None, redirect_field="")
        return context


RATE_LIMITED = _lazy(
    "There have been too many attempts from your connection. Please wait a while and try again."
)


def rate_limited_response(request, template: str, context: dict, *, retry_after: int):
    """429 with Retry-After: the same page, filled in, with a polite message."""
    context["rate_limited"] = RATE_LIMITED
    return too_often(render(request, template, context), retry_after=retry_after)


def _allauth_wait(action: str) -> int:
    """The longest window of one of allauth's own limits, in seconds: allauth does not
    say which of its rates refused, so the wait is the one that is surely enough."""
    rates = parse_rates(allauth_settings.RATE_LIMITS.get(action)) if action else []
    return int(max((rate.duration for rate in rates), default=60))


# allauth's own limits (handler429 below), by page: what the page's form keeps of what
# was typed (never a password), and which of allauth's limits guard it.
_ALLAUTH_PAGES = {
    "account_login": ("account/login.html", "login", ("login",), "login"),
    "account_signup": ("account/signup.html", "signup", _KEPT_FIELDS, "signup"),
    "account_reset_password": (
        "account/password_reset.html",
        "reset_password",
        ("email",),
        "reset_password",
    ),
}


def handler429(request, exception=None):
    """Every rate-limit refusal allauth makes (config/urls.py names this handler): the
    page the member was on, filled in again, with the message, as 429 and Retry-After;
    a short page with the message for anything else."""
    match = getattr(request, "resolver_match", None)
    page = _ALLAUTH_PAGES.get(match.url_name if match else "")
    if page is None:
        context = {"rate_limited": RATE_LIMITED, "back": request.path}
        return too_often(render(request, "429.html", context), retry_after=_allauth_wait(""))
    template, form_name, kept, action = page
    form_class = get_form_class(allauth_settings.FORMS, form_name, _DEFAULT_FORMS[form_name])
    arguments = {"initial": {name: request.POST.get(name, "") for name in kept}}
    if form_name == "login":
        arguments["request"] = request
    form = form_class(**arguments)
    return rate_limited_response(
        request, template, {"form": form}, retry_after=_allauth_wait(action)
    )


class SignupView(_OnlyOwnNext, _RejectedFormIs400, allauth_views.SignupView):
    def post(self, request, *args, **kwargs):
        # Counted per keyed hash of the address (cache only) before the form is even
        # read, so a refusal says nothing about what was typed: it is the same for a
        # taken and a new address, a taken and a free username.
        key = f"address:{get_adapter(request).get_client_ip(request)}"
        if not rate_limit_hit(scope="signup", key=key):
            # An unbound form with what was typed as its initial values: rendering a
            # bound one would validate it, and its errors would answer the question.
            form = self.get_form_class()(
                initial={name: request.POST.get(name, "") for name in _KEPT_FIELDS}
            )
            context = self.get_context_data(form=form)
            wait = seconds_left(scope="signup", key=key)
            return rate_limited_response(request, self.template_name, context, retry_after=wait)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        user = getattr(self, "user", None) or getattr(self.request, "user", None)
        browser_zone = self.request.COOKIES.get(TIME_ZONE_COOKIE, "")
        if user is not None and user.is_authenticated and zone_named(browser_zone) is not None:
            # The browser's zone becomes the account's, changeable on the time zone page.
            services.account_time_zone_set(user=user, time_zone=browser_zone)
        if recovery.codes_stashed(self.request) and response.status_code == 302:
            # Signed up without an email: the recovery codes come first, then wherever
            # the member was going.
            target = reverse("recovery:codes")
            following = response.get("Location", "")
            if following and url_has_allowed_host_and_scheme(
                following, allowed_hosts={self.request.get_host()}
            ):
                target = f"{target}?{urlencode({'next': following})}"
            response["Location"] = target
        return response


class LoginView(_OnlyOwnNext, _RejectedFormIs400, allauth_views.LoginView):
    def form_invalid(self, form):
        response = super().form_invalid(form)
        if _refused_for_speed(form):
            # allauth's limit on failed sign-ins: the form is back with its message; the
            # status and the wait say it too.
            return too_often(response, retry_after=_allauth_wait("login_failed"))
        return response


def _refused_for_speed(form) -> bool:
    return any(
        error.code == "too_many_login_attempts"
        for errors in form.errors.as_data().values()
        for error in errors
    )


class MfaAuthenticateView(allauth_mfa_views.AuthenticateView):
    def form_invalid(self, form):
        # The second step of signing in counts its failures the same way.
        response = super().form_invalid(form)
        if _refused_for_speed(form):
            return too_often(response, retry_after=_allauth_wait("login_failed"))
        return response


signup = SignupView.as_view()
login = LoginView.as_view()
mfa_authenticate = MfaAuthenticateView.as_view()


@login_required
def time_zone(request):
    user = request.user
    if request.method == "POST":
        form = TimeZoneForm(request.POST)
        if form.is_valid():
            try:
                services.account_time_zone_set(user=user, time_zone=form.cleaned_data["time_zone"])
            except ValidationError as error:
                form.add_error("time_zone", error)
            else:
                messages.success(request, _("Your time zone is saved."))
                return redirect("account_time_zone")
        return render(request, "accounts/time_zone.html", {"form": form}, status=400)
    form = TimeZoneForm(initial={"time_zone": user.time_zone})
    return render(request, "accounts/time_zone.html", {"form": form})
