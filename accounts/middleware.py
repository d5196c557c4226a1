from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

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
            return render(
                request, "accounts/suspended.html", {"reason": user.suspension_reason}, status=403
            )
        return self.get_response(request)
