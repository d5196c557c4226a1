"""The benchmark's ceiling: the same thread page, rendered from data held in memory.

The first request in each server process loads the page's data once, exactly as the
real view does. Every request after that renders the same template, through the same
middleware and context processors, from those objects, with the database closed off:
a query would raise. The pieces of the shared header that read the database or the cache
(the notification bell's count, and whether the review queue link shows) are answered
from memory too, through template libraries of the same names. The gap between this and
the real page is what data access costs.
"""

import os
from functools import cache

from django import template
from django.contrib.auth import get_user_model
from django.db import connection
from django.http import HttpResponse
from django.template import Engine, RequestContext, engines
from django.test import RequestFactory

register = template.Library()
_in_memory = {"unread": 0, "review_queue": False}

# The header's two per-member answers (the bell's count, and whether the review queue
# link shows) come from memory too: the real tags of both libraries, those two replaced.
from delivery.templatetags import notification_tags as _real_tags  # noqa: E402
from moderation.templatetags import moderation_tags as _moderation_tags  # noqa: E402

for _library in (_moderation_tags.register, _real_tags.register):
    register.tags.update(_library.tags)
    register.filters.update(_library.filters)


@register.simple_tag(takes_context=True)
def unread_notification_count(context) -> int:
    return _in_memory["unread"]


@register.simple_tag(takes_context=True)
def review_queue_link_shown(context) -> bool:
    return _in_memory["review_queue"]


class DatabaseUsed(RuntimeError):
    pass


def _no_database(execute, sql, params, many, context):
    raise DatabaseUsed(f"the ceiling touched the database: {sql[:80]}")


@cache
def _engine() -> Engine:
    base = engines["django"].engine
    libraries = dict(base.libraries)
    for name in ("notification_tags", "moderation_tags"):
        libraries[name] = __name__
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

    from groups.selectors import works_review_queue_refresh
    from posts.access import thread_for_member
    from posts.forms import ReplyForm
    from posts.views import _thread_context

    user = get_user_model().objects.get(pk=user_id)
    request = RequestFactory().get(f"/threads/{thread_id}/")
    request.user = user
    with translation.override(language):
        thread, membership = thread_for_member(user, thread_id)
        context = _thread_context(request, thread, membership, ReplyForm(group=thread.group), None)
    _in_memory["unread"] = _real_tags.unread_count(user)
    _in_memory["review_queue"] = works_review_queue_refresh(user)
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


def worker_header(get_response):
    """Names the server process on every response, so the benchmark's client can give
    each worker the same number of connections, as a load balancer in front would."""
    pid = str(os.getpid())

    def middleware(request):
        response = get_response(request)
        response["X-Benchmark-Worker"] = pid
        return response

    return middleware
