"""The benchmark's ceiling: the same thread page, rendered from data held in memory.

The first request in each server process loads the page's data once, exactly as the
real view does. Every request after that renders the same template, through the same
middleware and context processors, from those objects, with the database closed off:
a query would raise. The one piece of the shared header that reads the database (the
notification bell's count) is answered from memory too, through a template library of
the same name. The gap between this and the real page is what data access costs.
"""

from functools import cache

from django import template
from django.contrib.auth import get_user_model
from django.db import connection
from django.http import HttpResponse
from django.template import Engine, RequestContext, engines
from django.test import RequestFactory

register = template.Library()
_unread_in_memory = {"count": 0}

try:
    from notifications.templatetags import notification_tags as _real_tags
except ImportError:  # pragma: no cover - the bell is the notifications app's
    _real_tags = None
else:
    register.tags.update(_real_tags.register.tags)
    register.filters.update(_real_tags.register.filters)

    @register.simple_tag(takes_context=True)
    def unread_notification_count(context) -> int:
        return _unread_in_memory["count"]


class DatabaseUsed(RuntimeError):
    pass


def _no_database(execute, sql, params, many, context):
    raise DatabaseUsed(f"the ceiling touched the database: {sql[:80]}")


@cache
def _engine() -> Engine:
    base = engines["django"].engine
    libraries = dict(base.libraries)
    if "notification_tags" in libraries:
        libraries["notification_tags"] = __name__
    return Engine(
        dirs=base.dirs,
        context_processors=base.context_processors,
        debug=base.debug,
        loaders=base.loaders,
        string_if_invalid=base.string_if_invalid,
        file_charset=base.file_charset,
        libraries=libraries,
        builtins=base.builtins,
        autoescape=base.autoescape,
    )


@cache
def _page_data(thread_id: int, user_id: int, language: str) -> tuple:
    """What the real view puts in front of the template, loaded once per process."""
    from django.utils import translation

    from groups.access import thread_for_member
    from posts.forms import ReplyForm
    from posts.views import _thread_context

    user = get_user_model().objects.get(pk=user_id)
    request = RequestFactory().get(f"/threads/{thread_id}/")
    request.user = user
    with translation.override(language):
        thread, membership = thread_for_member(user, thread_id)
        context = _thread_context(request, thread, membership, ReplyForm(group=thread.group), None)
    if _real_tags is not None:
        _unread_in_memory["count"] = _real_tags.unread_count(user)
    # Everything the template reads lazily is read now, while the database is open.
    for post in context["posts"]:
        _ = (post.persona, post.thread.group)
    _ = (membership.persona, thread.group.rules_html)
    return user, context


def ceiling_thread(request, thread_id):
    user_id = int(request.GET["as"])
    user, context = _page_data(thread_id, user_id, request.LANGUAGE_CODE)
    request.user = user
    with connection.execute_wrapper(_no_database):
        html = (
            _engine()
            .get_template("posts/thread_detail.html")
            .render(RequestContext(request, dict(context)))
        )
    return HttpResponse(html)
