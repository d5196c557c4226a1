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
from groups.access import group_for_member, post_for_member, thread_for_member
from groups.policies import ensure_member_can_post
from moderation.screening import remember_crisis_support
from posts import search, selectors, services
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
from posts.rendering import render_markdown

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


def _own_post_for_member(user, post_id: int):
    post, membership = post_for_member(user, post_id)
    # 404 rather than 403: whose post this is stays as private as the post itself.
    if post.author_id != user.pk:
        raise Http404
    return post, membership


def _readable_post(user, post_id: int):
    """A visible post through the access layer, for reacting and bookmarking."""
    post, membership = post_for_member(user, post_id)
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
        post_id = int(request.GET.get("quote", ""))
    except ValueError:
        return {}
    post = selectors.thread_post(thread, post_id, request.user)
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
        "draft_key": f"reply:{thread.pk}",
        # For the browser script's quote button; the same words as the server's quote.
        "quote_heading": _("%(name)s wrote:"),
    }


@login_required
@require_http_methods(["GET", "POST"])
def thread_create(request, slug):
    group, membership = group_for_member(request.user, slug)
    form = ThreadForm(request.POST or None, group=group)
    preview = None
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
            form.add_error(None, error)
        else:
            messages.success(request, _("Your conversation has started."), extra_tags=DRAFT_POSTED)
            remember_crisis_support(request, thread=thread)
            return redirect(thread)
    status = 400 if form.is_bound and form.errors else 200
    context = {
        "group": group,
        "membership": membership,
        "form": form,
        "preview": preview,
        "posting_refusal": _posting_refusal(request, membership),
        "draft_key": f"thread:{group.pk}",
    }
    return render(request, "posts/thread_create.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def thread_detail(request, thread_id):
    thread, membership = thread_for_member(request.user, thread_id)
    preview = None
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
                form.add_error(None, error)
            else:
                messages.success(request, _("Your reply was posted."), extra_tags=DRAFT_POSTED)
                remember_crisis_support(request, post=post)
                return redirect(post)
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
    return render(request, "posts/thread_detail.html", context, status=400 if failed else 200)


@login_required
def thread_unread(request, thread_id):
    """Jump to the first post the member has not read yet (or the latest page)."""
    thread, _membership = thread_for_member(request.user, thread_id)
    post = selectors.first_unread_post(thread, request.user)
    if post is None:
        return redirect(f"{thread.get_absolute_url()}?page=last")
    return redirect(post)


@login_required
def post_link(request, post_id):
    """A post's permanent address: the page of its thread it is on, for this reader."""
    post, _membership = post_for_member(request.user, post_id)
    number = selectors.post_page_number(post, request.user)
    query = f"?{urlencode({'page': number})}" if number > 1 else ""
    return redirect(f"{post.thread.get_absolute_url()}{query}#post-{post.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def post_edit(request, post_id):
    post, _membership = _own_post_for_member(request.user, post_id)
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
        else:
            messages.success(request, _("Your post was updated."), extra_tags=DRAFT_POSTED)
            # An edit that brings crisis language in opens the next page with crisis
            # resources, as a new post does. One that keeps crisis language shows them
            # again: the member has just written those words once more, and the panel
            # is support, never a rebuke. A save that changed nothing was not screened,
            # so nothing is shown: an older review item may be about words since removed.
            if getattr(post, "screening", None) is not None:
                remember_crisis_support(request, post=post)
            return redirect(post)
    context = {
        "post": post,
        "thread": post.thread,
        "group": post.thread.group,
        "form": form,
        "draft_key": f"edit:{post.pk}",
    }
    return render(request, "posts/post_edit.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def post_delete(request, post_id):
    post, _membership = _own_post_for_member(request.user, post_id)
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


def _post_for_revisions(user, post_id: int):
    """Revisions are for the post's author and the group's moderators; 404 for anyone
    else, as if there were none."""
    post = (
        Post.objects.filter(pk=post_id, thread__group__is_archived=False)
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
def post_revisions(request, post_id):
    post, _membership, is_author = _post_for_revisions(request.user, post_id)
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
    post, _membership, _is_author = _post_for_revisions(request.user, revision.post_id)
    services.revision_redact(actor=request.user, revision=revision)
    messages.success(request, _("That earlier version was redacted. Its text is gone."))
    return redirect("posts:post_revisions", post_id=post.pk)


def _reactions_fragment(request, post: Post, error: str | None = None) -> HttpResponse:
    selectors.decorate_posts([post], request.user, selectors.ReaderSettings())
    return render(
        request,
        "posts/_reactions.html",
        {"post": post, "viewer": request.user, "reaction_error": error},
        status=400 if error else 200,
    )


@login_required
@require_POST
def post_react(request, post_id):
    post, _membership = _readable_post(request.user, post_id)
    form = ReactionForm(request.POST)
    error = None
    if not form.is_valid():
        error = _("Choose one of the support reactions.")
    else:
        try:
            services.reaction_set(user=request.user, post=post, kind=form.kind, active=form.active)
        except ValidationError as refusal:
            error = " ".join(refusal.messages)
    if request.htmx:
        return _reactions_fragment(request, post, error)
    if error:
        messages.error(request, error)
    return redirect(post)


@login_required
@require_POST
def post_bookmark(request, post_id):
    post, _membership = _readable_post(request.user, post_id)
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
    results, has_more, group, query = [], False, None, ""
    try:
        number = max(1, min(int(request.GET.get("page", 1)), search.CANDIDATES // SEARCH_PAGE_SIZE))
    except ValueError:
        number = 1
    if form.is_valid():
        query = form.cleaned_data["q"]
        if form.cleaned_data["group"]:
            group, _membership = group_for_member(request.user, form.cleaned_data["group"])
        if query.strip():
            results, has_more = search.search_posts(
                user=request.user,
                query=query,
                group=group,
                offset=(number - 1) * SEARCH_PAGE_SIZE,
                limit=SEARCH_PAGE_SIZE,
            )
            settings = selectors.reader_settings(request.user)
            selectors.decorate_posts(
                [r.post for r in results], request.user, settings, with_reactions=False
            )
    base = {"q": query, **({"group": group.slug} if group else {})}
    context = {
        "form": form,
        "query": query,
        "group": group,
        "results": results,
        "number": number,
        "previous_url": f"?{urlencode({**base, 'page': number - 1})}" if number > 1 else None,
        "next_url": f"?{urlencode({**base, 'page': number + 1})}" if has_more else None,
        "full_text": search.is_full_text(),
    }
    return render(request, "posts/search.html", context, status=400 if form.errors else 200)
