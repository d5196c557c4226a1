from collections.abc import Callable
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from accounts.policies import ensure_account_can_act
from accounts.timezones import TIME_ZONE_COOKIE, zone_named
from config import hooks

# A suspended member may still read, sign out, change language, and use their privacy
# rights (export, deletion): suspension never takes those away.
_ALWAYS_ALLOWED_PREFIXES = ("/accounts/logout/", "/accounts/privacy/", "/i18n/")


class SuspendedAccountMiddleware:
    """A suspended account can do nothing under any persona: every change is refused
    with the reason it was given. Services check the same rule (accounts.policies), so
    a task or a consumer cannot slip past this either."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.is_suspended
            and request.method not in ("GET", "HEAD", "OPTIONS")
            and not request.path.startswith(_ALWAYS_ALLOWED_PREFIXES)
            and request.path != reverse("account_logout")
        ):
            # A member in crisis gets help even when their post is refused: a higher
            # floor may put crisis resources on this page (posts.refusals).
            hooks.write_refused.send(
                sender=self.__class__, request=request, refusal=_suspension_message(user)
            )
            return render(
                request, "accounts/suspended.html", {"reason": user.suspension_reason}, status=403
            )
        return self.get_response(request)


def _suspension_message(user) -> str:
    try:
        ensure_account_can_act(user)
    except ValidationError as error:
        return " ".join(error.messages)
    return ""


class TimeZoneMiddleware:
    """Dates are shown on the member's own clock: the zone they chose, or before they
    have chosen, the one their browser reports (static/js/sanad.js sets the cookie).
    A zone name that does not exist is ignored and the page is in UTC."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        zone = time_zone_for(request)
        if zone is not None:
            timezone.activate(zone)
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


def time_zone_for(request: HttpRequest) -> ZoneInfo | None:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.time_zone:
        zone = zone_named(user.time_zone)
        if zone is not None:
            return zone
    return zone_named(request.COOKIES.get(TIME_ZONE_COOKIE, ""))
