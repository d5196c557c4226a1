import re
from collections.abc import Callable

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers


def indexable(view: Callable) -> Callable:
    """Mark a view whose pages search engines may index (the directory, group cards)."""
    view.sanad_indexable = True
    return view


class NoIndexMiddleware:
    """Everything behind the directory and the group cards stays out of search engines.

    Opting in per view (rather than out) means a new page can never be indexed by
    accident.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not getattr(request, "sanad_indexable", False):
            response.headers.setdefault("X-Robots-Tag", "noindex, nofollow")
        return response

    def process_view(self, request: HttpRequest, view_func: Callable, view_args, view_kwargs):
        request.sanad_indexable = getattr(view_func, "sanad_indexable", False)
        return None


class PrivatePagesMiddleware:
    """Pages for a signed-in member are private to the browser too: never stored by it or
    by a shared cache, so Back or the cache cannot show them after "Leave quickly" on a
    shared computer.

    One rule for every view (rather than a decorator on each) means a new page is private
    by default. Only the pages made for everyone (those search engines may index: the
    home page for visitors, the directory, listed group cards, the help page), as a
    visitor sees them without a session and without a form, may be cached, and briefly.
    """

    PUBLIC_MAX_AGE = 60

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # The same address answers differently with and without a session.
        patch_vary_headers(response, ("Cookie",))
        if self._is_public(request, response):
            if "Cache-Control" not in response:
                patch_cache_control(response, public=True, max_age=self.PUBLIC_MAX_AGE)
        else:
            add_never_cache_headers(response)  # max-age=0, no-cache, no-store, private
        return response

    @staticmethod
    def _is_public(request: HttpRequest, response: HttpResponse) -> bool:
        user = getattr(request, "user", None)
        return bool(
            getattr(request, "sanad_indexable", False)  # the pages made for everyone
            and user is not None
            and not user.is_authenticated
            and request.method in ("GET", "HEAD")
            and response.status_code == 200
            and not response.cookies  # a session or CSRF cookie is someone's own
            and not request.META.get("CSRF_COOKIE_USED")  # a form carries a token
            and "no-store" not in response.get("Cache-Control", "")
        )


# NUL and the other control characters (tab, line feed and carriage return are
# allowed in parameters, never in the path). PostgreSQL cannot store or compare a NUL,
# so letting one reach a query would answer 500.
_PATH_REFUSED = re.compile(r"[\x00-\x1f\x7f]")
_VALUE_REFUSED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


class RefuseUnacceptableCharactersMiddleware:
    """A path or query parameter with a NUL or another control character answers 400
    (Django's "Bad request" page) before any view or query sees it; a cookie holding one
    is ignored, as if the browser had not sent it. Form fields need nothing here: every
    form field refuses a NUL with a message and comes back filled in."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _PATH_REFUSED.search(request.path):
            raise BadRequest("control character in the path")
        for key, values in request.GET.lists():
            if any(_VALUE_REFUSED.search(text) for text in (key, *values)):
                raise BadRequest("control character in a parameter")
        bad_cookies = [
            name
            for name, value in request.COOKIES.items()
            if _VALUE_REFUSED.search(name) or _VALUE_REFUSED.search(value)
        ]
        for name in bad_cookies:
            del request.COOKIES[name]
        return self.get_response(request)
