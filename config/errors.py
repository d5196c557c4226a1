"""Sanad's own error pages: 400, 403, 404, 500 and a refused form (CSRF).

They are rendered from a template of their own (templates/errors/page.html) with a
plain context and no request: no context processor runs, so no session, account,
notification count or crisis panel is looked up. A 500 caused by the database being
down must still show a page with "Need help now?" and "Leave quickly".
"""

import logging

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def _language(request: HttpRequest) -> str:
    # LocaleMiddleware has usually chosen already; when the error came before it (or
    # from a request it never saw), the cookie and header decide, without the database.
    try:
        return translation.get_language_from_request(request)
    except Exception:
        return settings.LANGUAGE_CODE


def _page(request: HttpRequest, *, status: int, title, message) -> HttpResponse:
    with translation.override(_language(request)):
        html = loader.render_to_string(
            "errors/page.html",
            {
                "status": status,
                "title": str(title),
                "message": str(message),
                "LANGUAGE_CODE": translation.get_language(),
                "LANGUAGE_BIDI": translation.get_language_bidi(),
                "SITE_NAME": settings.SANAD_SITE_NAME,
                "QUICK_EXIT_URL": settings.SANAD_QUICK_EXIT_URL,
            },
        )
        response = HttpResponse(html, status=status)
        response.headers["Content-Language"] = translation.get_language()
    # Error pages are never indexed, whatever view raised.
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    return _page(
        request,
        status=400,
        title=_("We could not understand that request"),
        message=_("Something in the address or the form was not right. Go back and try again."),
    )


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    return _page(
        request,
        status=403,
        title=_("This page is not open to you"),
        message=_(
            "You may need to sign in, or to be a member of the group. If you think this is a "
            "mistake, go back to the page you came from."
        ),
    )


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    # The address is not repeated on the page: it can be thousands of characters long,
    # and it is not something to show back to a reader over their shoulder.
    return _page(
        request,
        status=404,
        title=_("We could not find that page"),
        message=_(
            "It may have been moved or deleted, or the address may be mistyped. "
            "A private group's pages are only found by its members."
        ),
    )


def server_error(request: HttpRequest) -> HttpResponse:
    return _page(
        request,
        status=500,
        title=_("Something went wrong on our side"),
        message=_(
            "Nothing you did caused this. Please try again in a few minutes. If what you wrote "
            "matters to you, keep a copy before you try again."
        ),
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    logger.info("csrf.refused")
    return _page(
        request,
        status=403,
        title=_("This form had expired"),
        message=_(
            "For your safety, forms stop working after a while or after you sign in or out. "
            "Go back, reload the page, and send it again."
        ),
    )
