from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from groups.access import group_for_member, thread_for_member
from posts import selectors, services
from posts.forms import ReplyForm, ThreadForm


@login_required
@require_http_methods(["GET", "POST"])
def thread_create(request, slug):
    group, membership = group_for_member(request.user, slug)
    form = ThreadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            thread = services.thread_create(author=request.user, group=group, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(thread)
    status = 400 if form.errors else 200
    return render(
        request,
        "posts/thread_create.html",
        {"group": group, "membership": membership, "form": form},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def thread_detail(request, thread_id):
    thread, membership = thread_for_member(request.user, thread_id)
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            post = services.post_create(
                author=request.user, thread=thread, body=form.cleaned_data["body"]
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
    }
    return render(request, "posts/thread_detail.html", context, status=400 if form.errors else 200)
