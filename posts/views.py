from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.mfa import account_has_mfa
from accounts.ratelimit import RateLimited, too_often
from config import hooks
from config.markdown import render_markdown
from groups.access import group_for_member
from groups.policies import ensure_member_can_post
from posts import search, selectors, services
from posts.access import post_for_member, thread_for_member
from posts.forms import (
    BookmarkForm,
    PostEditForm,
    PreviewForm,
    ReactionForm,
    ReaderPreferenceForm,
    ReplyForm,
    SearchForm,
    SubscriptionForm,
    ThreadForm,
    ThreadModerationForm,
)
from posts.models import Post, PostRevision, Thread
from posts.refusals import helps_when_unavailable, posting_refused

QUOTE_MAX_LENGTH = 1500
# Tells the browser script the composer's draft was posted and can be let go.
DRAFT_POSTED = "draft-posted"


def _posting_refusal(request, membership) -> str | None:
    """Why this member cannot post right now (a mute, a suspension), to say it up front."""
    # The membership's account is the one signed in: saves loading it again.
    membership.user = request.user
    try:
        ensure_member_can_post(membership)
    except ValidationError as error:
        return " ".join(error.messages)
    return None


def _post_url(post: Post, user, *, anchor: str) -> str:
    """A post's place in its thread, for this reader, with the page's anchor."""
    number = selectors.post_page_number(post, user)
    query = f"?{urlencode({'page': number})}" if number > 1 else ""
    return f"{post.thread.get_absolute_url()}{query}#{anchor}"


# After a post that brought up crisis resources, the page opens on them (not on the
# post, which would leave the panel above the screen on a phone): on the panel's
# heading, which can take focus, so the browser moves focus there even without
# JavaScript and screen readers announce it.
CRISIS_PANEL_ANCHOR = "crisis-panel-heading"


def _refused(request, error: ValidationError, **where) -> None:
    """A rule refused the post: crisis language in it is heard before the refusal."""
    posting_refused(
        request,
        refusal=" ".join(error.messages),
        code=getattr(error, "code", "") or "",
        correctable=False,
        **where,
    )


def _crisis_support_queued(request, *, post: Post | None = None, thread=None) -> bool:
    """Whether the page after this post opens with crisis support (config.hooks.post_sent:
    moderation decides from what its screening found)."""
    results = hooks.post_sent.send(sender=Post, request=request, post=post, thread=thread)
    return any(bool(response) for _receiver, response in results)


def group_page_context(sender, *, request, page: str, **objects) -> dict:
    """config.hooks.page_context: the threads the groups app's pages show."""
    if page == "home":
        # A few conversations nobody has answered yet, so members can give back.
        return {"waiting": selectors.waiting_for_reply_first(request.user, 5)}
    if page == "group":
        group, membership = objects["group"], objects["membership"]
        threads = selectors.group_thread_page(group, request.user, request.GET.get("page"))
        selectors.mark_new_threads(threads, membership.joined_at)
        return {"threads": threads}
    return {}


def _own_post_for_member(user, thread_id: int, number: int):
    post, membership = post_for_member(user, thread_id, number)
    # 404 rather than 403: whose post this is stays as private as the post itself.
    if post.author_id != user.pk:
        raise Http404
    return post, membership


def _readable_post(user, thread_id: int, number: int):
    """A visible post through the access layer, for reacting and bookmarking."""
    post, membership = post_for_member(user, thread_id, number)
    if post.state != Post.State.VISIBLE or not _opening_readable(post.thread, user, membership):
        raise Http404
    return post, membership


def _opening_readable(thread: Thread, user, membership) -> bool:
    """A thread whose opening post awaits review exists only for its author (and the
    group's moderators): its title is part of what is held."""
    state = thread.posts.filter(is_opening=True).values_list("state", flat=True).first()
    return state != Post.State.HELD or thread.author_id == user.pk or membership.can_moderate


def _quote_initial(request, thread: Thread) -> dict:
    """The reply form pre-filled with a quote: under the post's public name, which for an
    anonymous post is its label and never the persona behind it."""
    try:
        number = int(request.GET.get("quote", ""))
    except ValueError:
        return {}
    post = selectors.thread_post(thread, request.user, number=number)
    if post is None or post.state != Post.State.VISIBLE:
        return {}
    text = post.body if len(post.body) <= QUOTE_MAX_LENGTH else post.body[:QUOTE_MAX_LENGTH] + "…"
    quoted = "\n".join(f"> {line}" if line else ">" for line in text.splitlines())
    heading = _("%(name)s wrote:") % {"name": post.public_author_name}
    return {"body": f"> **{heading}**\n{quoted}\n\n", "content_warning": post.content_warning}


def _thread_context(request, thread, membership, form, page_param):
    page = selectors.thread_page(thread, request.user, page_param)
    can_moderate = membership.can_moderate
    if page.opening_state == Post.State.HELD and not (
        thread.author_id == request.user.pk or can_moderate
    ):
        raise Http404
    return {
        "thread": thread,
        "group": thread.group,
        "membership": membership,
        "page": page,
        "posts": page.posts,
        "form": form,
        "posting_refusal": _posting_refusal(request, membership),
        "can_moderate": can_moderate,
        "title_removed": page.opening_state == Post.State.REMOVED
        and not (thread.author_id == request.user.pk or can_moderate),
        "draft_key": f"reply:{thread.public_id}",
        # For the browser script's quote button; the same words as the server's quote.
        "quote_heading": _("%(name)s wrote:"),
    }


@login_required
@require_http_methods(["GET", "POST"])
@helps_when_unavailable("thread")
def thread_create(request, slug):
    group, membership = group_for_member(request.user, slug)
    form = ThreadForm(request.POST or None, group=group)
    preview = refusal = None
    if request.method == "POST" and "preview" in request.POST:
        # Previewing is not posting: the text as it will read, nothing checked or saved.
        preview = render_markdown(request.POST.get("body", ""))
        form = ThreadForm(initial=request.POST.dict(), group=group)
    elif request.method == "POST" and form.is_valid():
        try:
            thread = services.thread_create(
                author=request.user, group=group, **form.service_arguments()
            )
        except ValidationError as error:
            refusal = error
            form.add_error(None, error)
            _refused(request, error, where="thread", slug=slug)
        else:
            messages.success(request, _("Your conversation has started."), extra_tags=DRAFT_POSTED)
            if _crisis_support_queued(request, thread=thread):
                return redirect(f"{thread.get_absolute_url()}#{CRISIS_PANEL_ANCHOR}")
            return redirect(thread)
    elif request.method == "POST":
        # Something to correct in the form: not a refusal yet, but words of crisis
        # still bring the resources up now.
        posting_refused(request, where="thread", slug=slug, refusal="", code="", correctable=True)
    status = 400 if form.is_bound and form.errors else 200
    context = {
        "group": group,
        "membership": membership,
        "form": form,
        "preview": preview,
        "posting_refusal": _posting_refusal(request, membership),
        "draft_key": f"thread:{group.pk}",
    }
    return too_often(render(request, "posts/thread_create.html", context, status=status), refusal)


@login_required
@require_http_methods(["GET", "POST"])
@helps_when_unavailable("reply")
def thread_detail(request, thread_id):
    thread, membership = thread_for_member(request.user, thread_id)
    preview = refusal = None
    if request.method == "POST":
        form = ReplyForm(request.POST, group=thread.group)
        if "preview" in request.POST:
            preview = render_markdown(request.POST.get("body", ""))
            form = ReplyForm(initial=request.POST.dict(), group=thread.group)
        elif form.is_valid():
            try:
                post = services.post_create(
                    author=request.user, thread=thread, **form.service_arguments()
                )
            except ValidationError as error:
                refusal = error
                form.add_error(None, error)
                _refused(request, error, where="reply", thread_id=thread.pk)
            else:
                messages.success(request, _("Your reply was posted."), extra_tags=DRAFT_POSTED)
                if _crisis_support_queued(request, post=post):
                    return redirect(_post_url(post, request.user, anchor=CRISIS_PANEL_ANCHOR))
                return redirect(post)
        else:
            posting_refused(
                request, where="reply", thread_id=thread.pk, refusal="", code="", correctable=True
            )
    else:
        form = ReplyForm(group=thread.group, initial=_quote_initial(request, thread))
    context = _thread_context(request, thread, membership, form, request.GET.get("page"))
    context["preview"] = preview
    page = context["page"]
    if page.posts:
        services.read_state_mark(
            user=request.user,
            thread=thread,
            post_id=max(post.pk for post in page.posts),
            known=page.last_read_post_id,
        )
    failed = request.method == "POST" and preview is None
    response = render(request, "posts/thread_detail.html", context, status=400 if failed else 200)
    return too_often(response, refusal)


@login_required
def thread_unread(request, thread_id):
    """Jump to the first post the member has not read yet (or the latest page)."""
    thread, _membership = thread_for_member(request.user, thread_id)
    post = selectors.first_unread_post(thread, request.user)
    if post is None:
        return redirect(f"{thread.get_absolute_url()}?page=last")
    return redirect(post)


@login_required
def thread_legacy(request, legacy_id):
    """A thread's address from when it carried its global id. Only ids already given out
    before public ids answer: for newer ones, members could map ids to threads again."""
    if legacy_id > settings.SANAD_LEGACY_THREAD_IDS_UP_TO:
        raise Http404
    thread, _membership = thread_for_member(request.user, legacy_id)
    return redirect(thread)


@login_required
def post_legacy(request, legacy_id):
    """A post's address from when it carried its global id; see thread_legacy."""
    if legacy_id > settings.SANAD_LEGACY_POST_IDS_UP_TO:
        raise Http404
    found = Post.objects.filter(pk=legacy_id).values_list("thread_id", "number").first()
    if found is None:
        raise Http404
    post, _membership = post_for_member(request.user, *found)
    return redirect(post)


@login_required
def post_link(request, thread_id, number):
    """A post's permanent address: the page of its thread it is on, for this reader."""
    post, _membership = post_for_member(request.user, thread_id, number)
    return redirect(_post_url(post, request.user, anchor=post.anchor))


@login_required
@require_http_methods(["GET", "POST"])
@helps_when_unavailable("edit")
def post_edit(request, thread_id, number):
    post, _membership = _own_post_for_member(request.user, thread_id, number)
    initial = {
        "body": post.body,
        "title": post.thread.title,
        "content_warning": post.content_warning,
    }
    form = PostEditForm(request.POST or None, initial=initial, is_opening=post.is_opening)
    if request.method == "POST" and form.is_valid():
        try:
            post = services.post_edit(
                editor=request.user,
                post=post,
                body=form.cleaned_data["body"],
                title=form.cleaned_data.get("title"),
                content_warning=form.cleaned_data.get("content_warning", ""),
            )
        except ValidationError as error:
            form.add_error(None, error)
            _refused(request, error, where="edit", post_id=post.pk)
        else:
            messages.success(request, _("Your post was updated."), extra_tags=DRAFT_POSTED)
            # An edit that brings crisis language in opens the next page with crisis
            # resources, as a new post does. One that keeps crisis language shows them
            # again: the member has just written those words once more, and the panel
            # is support, never a rebuke. A save that changed nothing was not screened,
            # so nothing is shown: an older review item may be about words since removed.
            if getattr(post, "screening", None) is not None and _crisis_support_queued(
                request, post=post
            ):
                return redirect(_post_url(post, request.user, anchor=CRISIS_PANEL_ANCHOR))
            return redirect(post)
    elif request.method == "POST":
        posting_refused(
            request, where="edit", post_id=post.pk, refusal="", code="", correctable=True
        )
    context = {
        "post": post,
        "thread": post.thread,
        "group": post.thread.group,
        "form": form,
        "draft_key": f"edit:{post.thread.public_id}:{post.number}",
    }
    return render(request, "posts/post_edit.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def post_delete(request, thread_id, number):
    post, _membership = _own_post_for_member(request.user, thread_id, number)
    error = None
    if request.method == "POST":
        try:
            services.post_delete(actor=request.user, post=post)
        except ValidationError as refusal:
            error = " ".join(refusal.messages)
        else:
            messages.success(request, _("Your post was deleted."))
            return redirect(post.thread)
    context = {"post": post, "thread": post.thread, "group": post.thread.group, "error": error}
    return render(request, "posts/post_delete.html", context, status=400 if error else 200)


def _post_for_revisions(user, thread_id: int, number: int):
    """Revisions are for the post's author and the group's moderators; 404 for anyone
    else, as if there were none."""
    post = (
        Post.objects.filter(thread_id=thread_id, number=number, thread__group__is_archived=False)
        .select_related("thread__group", "persona")
        .first()
    )
    if post is None:
        raise Http404
    _thread, membership = thread_for_member(user, post.thread_id)
    is_author = post.author_id is not None and post.author_id == user.pk
    if not (is_author or membership.can_moderate):
        raise Http404
    return post, membership, is_author


@login_required
def post_revisions(request, thread_id, number):
    post, _membership, is_author = _post_for_revisions(request.user, thread_id, number)
    # Reading what an author has since taken back is moderation: a password alone must
    # not open it.
    needs_mfa = settings.SANAD_REQUIRE_MFA_FOR_MODERATION and not is_author
    if needs_mfa and not account_has_mfa(request.user):
        messages.warning(request, _("Turn on two-factor authentication before you moderate."))
        return redirect("mfa_activate_totp")
    context = {
        "post": post,
        "thread": post.thread,
        "group": post.thread.group,
        "revisions": selectors.revisions_of(post),
        "is_author": is_author,
    }
    return render(request, "posts/post_revisions.html", context)


@login_required
@require_POST
def revision_redact(request, revision_id):
    revision = get_object_or_404(
        PostRevision.objects.select_related("post"),
        pk=revision_id,
        post__author=request.user,
    )
    # Through the access layer as well: a member who left the group cannot act on it.
    post, _membership, _is_author = _post_for_revisions(
        request.user, revision.post.thread_id, revision.post.number
    )
    services.revision_redact(actor=request.user, revision=revision)
    messages.success(request, _("That earlier version was redacted. Its text is gone."))
    return redirect(post.url("posts:post_revisions"))


def _reactions_fragment(request, post: Post, error: str | None = None) -> HttpResponse:
    selectors.decorate_posts([post], request.user, selectors.ReaderSettings())
    return render(
        request,
        "posts/_reactions.html",
        {"post": post, "viewer": request.user, "reaction_error": error},
        status=400 if error else 200,
    )


def _too_often_page(request, refusal, *, back: str) -> HttpResponse:
    """A refusal with no form of its own to show again (a reaction sent without
    JavaScript): the message and the way back, as 429."""
    context = {"rate_limited": " ".join(refusal.messages), "back": back}
    return too_often(render(request, "429.html", context), refusal)


@login_required
@require_POST
def post_react(request, thread_id, number):
    post, _membership = _readable_post(request.user, thread_id, number)
    form = ReactionForm(request.POST)
    error = refused = None
    if not form.is_valid():
        error = _("Choose one of the support reactions.")
    else:
        try:
            services.reaction_set(user=request.user, post=post, kind=form.kind, active=form.active)
        except ValidationError as refusal:
            refused, error = refusal, " ".join(refusal.messages)
    if request.htmx:
        return too_often(_reactions_fragment(request, post, error), refused)
    if isinstance(refused, RateLimited):
        return _too_often_page(request, refused, back=post.get_absolute_url())
    if error:
        messages.error(request, error)
    return redirect(post)


@login_required
@require_POST
def post_bookmark(request, thread_id, number):
    post, _membership = _readable_post(request.user, thread_id, number)
    form = BookmarkForm(request.POST)
    if form.is_valid():
        active = form.cleaned_data["active"] == "on"
        services.bookmark_set(user=request.user, post=post, active=active)
        post.is_bookmarked = active
    if request.htmx:
        selectors.decorate_posts(
            [post], request.user, selectors.ReaderSettings(), with_reactions=False
        )
        return render(request, "posts/_bookmark.html", {"post": post})
    return redirect(post)


@login_required
def bookmarks(request):
    page = Paginator(selectors.bookmarks_for(request.user), 30).get_page(request.GET.get("page"))
    return render(request, "posts/bookmarks.html", {"page": page})


@login_required
@require_POST
def thread_subscription(request, thread_id):
    thread, _membership = thread_for_member(request.user, thread_id)
    form = SubscriptionForm(request.POST)
    if form.is_valid():
        services.subscription_set(
            user=request.user, thread=thread, level=form.cleaned_data["level"]
        )
        messages.success(request, _("Your choice for this conversation is saved."))
    return redirect(thread)


@login_required
@require_POST
def thread_moderate(request, thread_id):
    thread, membership = thread_for_member(request.user, thread_id)
    if not membership.can_moderate:
        raise Http404
    form = ThreadModerationForm(request.POST)
    if not form.is_valid():
        return redirect(thread)
    action = form.cleaned_data["action"]
    try:
        if action in ("pin", "unpin"):
            services.thread_set_pinned(
                moderator=request.user, thread=thread, pinned=action == "pin"
            )
        else:
            services.thread_set_locked(
                moderator=request.user, thread=thread, locked=action == "lock"
            )
    except PermissionDenied as denied:
        raise Http404 from denied
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
    else:
        done = {
            "pin": _("The conversation is pinned to the top of the group."),
            "unpin": _("The conversation is no longer pinned."),
            "lock": _("The conversation is locked: no new replies."),
            "unlock": _("The conversation is open for replies again."),
        }
        messages.success(request, done[action])
    return redirect(thread)


@login_required
@require_POST
def preview(request):
    """The composer's preview as a fragment, for the browser script (htmx)."""
    form = PreviewForm(request.POST)
    html = render_markdown(form.cleaned_data["body"]) if form.is_valid() else ""
    context = {"preview": html, "too_long": not form.is_valid()}
    return render(request, "posts/_preview.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def reader_preferences(request):
    preference = selectors.reader_preference(request.user)
    initial = {
        "content_warnings": "expand" if preference.expand_content_warnings else "collapse",
        "muted_words": preference.muted_words,
    }
    form = ReaderPreferenceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.reader_preference_update(
            user=request.user,
            expand_content_warnings=form.cleaned_data["content_warnings"] == "expand",
            muted_words=form.cleaned_data["muted_words"],
        )
        messages.success(request, _("Your reading preferences are saved."))
        return redirect("posts:preferences")
    return render(
        request,
        "posts/reader_preferences.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@login_required
def waiting(request):
    threads = selectors.waiting_for_reply(request.user)
    page = Paginator(threads, 30).get_page(request.GET.get("page"))
    return render(request, "posts/waiting.html", {"page": page, "group": None, "show_group": True})


@login_required
def group_waiting(request, slug):
    group, membership = group_for_member(request.user, slug)
    threads = selectors.waiting_for_reply(request.user, group=group)
    page = Paginator(threads, 30).get_page(request.GET.get("page"))
    return render(
        request, "posts/waiting.html", {"page": page, "group": group, "membership": membership}
    )


SEARCH_PAGE_SIZE = 20


@login_required
def search_view(request):
    form = SearchForm(request.GET or None)
    results, has_more, group, query, order = [], False, None, "", "relevance"
    too_common = False
    try:
        number = max(1, min(int(request.GET.get("page", 1)), search.CANDIDATES // SEARCH_PAGE_SIZE))
    except ValueError:
        number = 1
    if form.is_valid():
        query = form.cleaned_data["q"]
        order = form.cleaned_data["order"]
        if form.cleaned_data["group"]:
            group, _membership = group_for_member(request.user, form.cleaned_data["group"])
        # Only common words or punctuation: nothing to look for, and the member is told so.
        too_common = bool(query.strip()) and search.parse_query(query).is_empty
        if query.strip() and not too_common:
            results, has_more = search.search_posts(
                user=request.user,
                query=query,
                group=group,
                offset=(number - 1) * SEARCH_PAGE_SIZE,
                limit=SEARCH_PAGE_SIZE,
                order=order,
            )
            settings = selectors.reader_settings(request.user)
            selectors.decorate_posts(
                [r.post for r in results], request.user, settings, with_reactions=False
            )
    base = {
        "q": query,
        **({"group": group.slug} if group else {}),
        **({"order": order} if order != "relevance" else {}),
    }
    context = {
        "form": form,
        "query": query,
        "group": group,
        "results": results,
        "number": number,
        "previous_url": f"?{urlencode({**base, 'page': number - 1})}" if number > 1 else None,
        "next_url": f"?{urlencode({**base, 'page': number + 1})}" if has_more else None,
        "full_text": search.is_full_text(),
        "too_common": too_common,
    }
    return render(request, "posts/search.html", context, status=400 if form.errors else 200)
