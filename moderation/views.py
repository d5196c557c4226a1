from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from accounts import reveal
from groups.access import moderated_groups, post_for_member
from moderation import selectors, services
from moderation.forms import ReportForm, RevealIdentityForm
from posts.models import Post


@login_required
@require_http_methods(["GET", "POST"])
def report_post(request, post_id):
    post, _membership = post_for_member(request.user, post_id)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.report_create(reporter=request.user, post=post, **form.cleaned_data)
        messages.success(
            request,
            _("Thank you. The moderators will look at this. You will not be named to anyone."),
        )
        return redirect(post.get_absolute_url())
    status = 400 if form.errors else 200
    return render(request, "moderation/report.html", {"post": post, "form": form}, status=status)


@login_required
def review_queue(request):
    # The queue's existence is no secret, but its contents are: only moderators enter.
    if not moderated_groups(request.user).exists():
        raise Http404
    context = {
        "items": selectors.review_queue(request.user),
        "can_reveal": reveal.can_reveal_identity(request.user),
    }
    return render(request, "moderation/queue.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def reveal_identity(request, post_id):
    # Checked before the post is looked up, so nobody without the permission can
    # learn whether a post id exists.
    if not reveal.can_reveal_identity(request.user):
        raise Http404
    post = get_object_or_404(Post.objects.select_related("thread__group", "persona"), pk=post_id)
    form = RevealIdentityForm(request.POST or None)
    revealed = None
    if request.method == "POST" and form.is_valid():
        try:
            revealed = reveal.identity_reveal(staff=request.user, post=post, **form.cleaned_data)
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            form.add_error("reason" if (error.code or "").startswith("reason") else None, error)
    status = 400 if form.errors else 200
    # The identity exists only in this response: never in a URL, a message or a cache.
    context = {"post": post, "form": form, "revealed": revealed}
    return render(request, "moderation/reveal.html", context, status=status)


@never_cache
@login_required
@require_GET
def audit_log(request):
    if not request.user.is_staff:
        raise Http404
    page = Paginator(selectors.audit_log(), 50).get_page(request.GET.get("page"))
    for entry in page:
        entry.action_label = selectors.audit_action_label(entry.action)
    return render(request, "moderation/audit_log.html", {"page": page})


def help_page(request):
    request.sanad_indexable = True
    resources = selectors.crisis_resources(get_language())
    return render(request, "moderation/help.html", {"resources": resources})
