from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from groups.access import group_for_member, post_for_member, thread_for_member
from groups.policies import ensure_member_can_post
from posts import selectors, services
from posts.forms import PostEditForm, ReplyForm, ThreadForm


def _posting_refusal(membership) -> str | None:
    """Why this member cannot post right now (a mute, a suspension), to say it up front."""
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


@login_required
@require_http_methods(["GET", "POST"])
def thread_create(request, slug):
    group, membership = group_for_member(request.user, slug)
    form = ThreadForm(request.POST or None, group=group)
    if request.method == "POST" and form.is_valid():
        try:
            thread = services.thread_create(author=request.user, group=group, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(thread)
    status = 400 if form.errors else 200
    context = {
        "group": group,
        "membership": membership,
        "form": form,
        "posting_refusal": _posting_refusal(membership),
    }
    return render(request, "posts/thread_create.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def thread_detail(request, thread_id):
    thread, membership = thread_for_member(request.user, thread_id)
    form = ReplyForm(request.POST or None, group=thread.group)
    if request.method == "POST" and form.is_valid():
        try:
            post = services.post_create(
                author=request.user,
                thread=thread,
                body=form.cleaned_data["body"],
                anonymous=form.cleaned_data.get("anonymous", False),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your reply was posted."))
            return redirect(post.get_absolute_url())
    context = {
        "thread": thread,
        "group": thread.group,
        "membership": membership,
        "posts": selectors.thread_posts_for_viewer(thread, request.user),
        "form": form,
        "posting_refusal": _posting_refusal(membership),
    }
    return render(request, "posts/thread_detail.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def post_edit(request, post_id):
    post, _membership = _own_post_for_member(request.user, post_id)
    initial = {"body": post.body, "title": post.thread.title}
    form = PostEditForm(request.POST or None, initial=initial, is_opening=post.is_opening)
    if request.method == "POST" and form.is_valid():
        try:
            post = services.post_edit(
                editor=request.user,
                post=post,
                body=form.cleaned_data["body"],
                title=form.cleaned_data.get("title"),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your post was updated."))
            return redirect(post.get_absolute_url())
    context = {"post": post, "thread": post.thread, "group": post.thread.group, "form": form}
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
