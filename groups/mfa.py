"""Moderators and staff must have a second factor before they moderate.

Who moderates is known here, on the groups floor (moderated_groups); whether an account
has a second factor is known below, in accounts.mfa.
"""

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from accounts.mfa import account_has_mfa
from accounts.models import User
from groups.access import moderated_groups

PROTECTED_PATH_PREFIXES = ("/moderation/", "/admin/")


def account_must_have_mfa(user: User) -> bool:
    """Staff, and anyone who actively moderates or facilitates a group."""
    if not user.is_authenticated:
        return False
    return user.is_staff or moderated_groups(user).exists()


class RequireMFAForModeration:
    """Sends moderators and staff without a second factor to set one up.

    Visitors and plain members pass through untouched: the views themselves answer
    them (404 at the queue, the login page at the admin), so this adds no hint that a
    page exists.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._must_set_up_mfa(request):
            messages.warning(
                request,
                _(
                    "Moderators and staff must turn on two-factor authentication "
                    "before they can moderate."
                ),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    def _must_set_up_mfa(self, request: HttpRequest) -> bool:
        if not settings.SANAD_REQUIRE_MFA_FOR_MODERATION:
            return False
        if not request.path_info.startswith(PROTECTED_PATH_PREFIXES):
            return False
        user = request.user
        # The cheap checks first: a moderator who has set up MFA costs one query.
        if not user.is_authenticated or account_has_mfa(user):
            return False
        return account_must_have_mfa(user)
