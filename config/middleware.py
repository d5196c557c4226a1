from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


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
