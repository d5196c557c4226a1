from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from groups import selectors, services
from groups.access import group_for_viewer, membership_of_account
from groups.forms import PersonaChoiceForm
from groups.models import Membership, SupportGroup
from posts.selectors import group_threads


def home(request):
    if not request.user.is_authenticated:
        request.sanad_indexable = True
        return render(request, "groups/home_visitor.html")
    return render(
        request,
        "groups/home.html",
        {"memberships": selectors.memberships_of(request.user)},
    )


def directory(request):
    request.sanad_indexable = True
    groups = selectors.directory_groups().annotate(
        active_members=Count("memberships", filter=Q(memberships__state=Membership.State.ACTIVE))
    )
    page = Paginator(groups, 24).get_page(request.GET.get("page"))
    for group in page:
        group.member_band = selectors.member_count_band(group.active_members)
    return render(request, "groups/directory.html", {"page": page})


def group_detail(request, slug):
    group, membership = group_for_viewer(request.user, slug)
    if membership is None:
        # Visitors and non-members see the card only; listed cards may be indexed.
        request.sanad_indexable = group.listing == SupportGroup.Listing.LISTED
        return render(request, "groups/group_card.html", {"group": group})
    threads = Paginator(group_threads(group), 30).get_page(request.GET.get("page"))
    return render(
        request,
        "groups/group_detail.html",
        {"group": group, "membership": membership, "threads": threads},
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_join(request, slug):
    group, membership = group_for_viewer(request.user, slug)
    if membership is not None:
        return redirect(group)
    form = PersonaChoiceForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_join(
                user=request.user, group=group, persona=form.cleaned_data["persona"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Welcome. You have joined this group."))
            return redirect(group)
    return render(
        request,
        "groups/join.html",
        {"group": group, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_persona(request, slug):
    group, membership = membership_of_account(request.user, slug)
    form = PersonaChoiceForm(
        request.POST or None, user=request.user, initial={"persona": membership.persona_id}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_switch_persona(
                membership=membership, persona=form.cleaned_data["persona"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("This group will see your new name from now on."))
            return redirect(group)
    return render(
        request,
        "groups/persona.html",
        {"group": group, "membership": membership, "form": form},
        status=400 if form.errors else 200,
    )
