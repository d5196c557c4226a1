from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from groups.access import moderated_groups, post_for_member
from moderation import selectors, services
from moderation.forms import ReportForm


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
    return render(request, "moderation/queue.html", {"items": selectors.review_queue(request.user)})


def help_page(request):
    request.sanad_indexable = True
    resources = selectors.crisis_resources(get_language())
    return render(request, "moderation/help.html", {"resources": resources})
