"""Help before limits, the posting side: when a post is not published (a rule refused
it, the address is no longer open to the member, or the composer asks for a
correction), moderation hears of it first, through config.hooks.posting_refused, so
that a member whose words carry crisis language gets help in the same response.

posts never decides what crisis language is: it only says what was sent, where, and
why it was refused.
"""

from functools import wraps

from django.http import Http404
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from config import hooks
from posts.models import Post

# The composers, by URL name: what posting there means.
COMPOSERS = {"posts:thread_create": "thread", "posts:thread": "reply", "posts:post_edit": "edit"}


def posting_refused(
    request,
    *,
    where: str,
    refusal: str,
    code: str,
    correctable: bool,
    slug: str = "",
    thread_id: int | None = None,
    post_id: int | None = None,
    number: int | None = None,
    without_form: bool = False,
) -> bool:
    """Tell the handlers what the member tried to post; True when one of them gave the
    member crisis support in this response (request.crisis_support).

    without_form: the response shows no composer, so the support shows the member's
    own words back to them, not to lose them.
    """
    data = request.POST
    if post_id is None and thread_id is not None and number is not None:
        # An edit's address is its thread and number; the handlers keep the post's id.
        post_id = (
            Post.objects.filter(thread_id=thread_id, number=number)
            .values_list("pk", flat=True)
            .first()
        )
    results = hooks.posting_refused.send(
        sender=__name__,
        request=request,
        where=where,
        slug=slug,
        thread_id=thread_id,
        post_id=post_id,
        title=str(data.get("title", "")),
        body=str(data.get("body", "")),
        content_warning=str(data.get("content_warning", "")),
        anonymous=bool(data.get("anonymous")),
        refusal=refusal,
        code=code or "",
        correctable=correctable,
        without_form=without_form,
    )
    return any(bool(response) for _receiver, response in results)


def helps_when_unavailable(where: str):
    """For a composer view: a post sent to an address that answers 404 (a ban, a request
    to join still waiting, an archived group, a thread gone) still reaches crisis help.

    Whether or not the address exists, the answer is the same 404: with crisis language,
    a page with the crisis resources and the member's own words; without, the usual
    404. Nothing says whether the group or the thread is there.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            try:
                return view(request, *args, **kwargs)
            except Http404:
                if request.method != "POST" or "preview" in request.POST:
                    raise
                refusal = _("This conversation is not open to you, or it no longer exists.")
                helped = posting_refused(
                    request,
                    where=where,
                    refusal=refusal,
                    code="unavailable",
                    correctable=False,
                    without_form=True,
                    **kwargs,
                )
                if not helped:
                    raise
                return render(request, "posts/not_posted.html", {"refusal": refusal}, status=404)

        return wrapper

    return decorator


def on_write_refused(sender, *, request, refusal: str, **kwargs) -> bool:
    """A write refused before any view ran (a suspended account): when it was a post
    sent from a composer, crisis help comes before the refusal."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    where = COMPOSERS.get(match.view_name)
    if where is None or "preview" in request.POST:
        return False
    # The view's CSRF check has not run yet: a forged request must open nothing.
    if CsrfViewMiddleware(lambda _request: None).process_view(
        request, match.func, match.args, match.kwargs
    ):
        return False
    return posting_refused(
        request,
        where=where,
        refusal=refusal,
        code="suspended",
        correctable=False,
        without_form=True,
        **match.kwargs,
    )
