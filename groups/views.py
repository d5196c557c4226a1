from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.mfa import account_has_mfa
from accounts.ratelimit import too_often
from accounts.services import persona_name_suggestion
from config import hooks
from groups import selectors, services
from groups.access import (
    group_for_joining,
    group_for_member,
    group_for_moderator,
    group_for_viewer,
    invite_for_moderator,
    join_request_for_moderator,
    membership_of_account,
    own_pending_join_request,
)
from groups.forms import (
    NEW_PERSONA,
    DecisionForm,
    DirectoryFilterForm,
    EntryQuestionFormSet,
    GroupSettingsForm,
    InviteForm,
    JoinRequestForm,
    PersonaChoiceForm,
)
from groups.models import EntryQuestion, JoinRequest, Membership, SupportGroup

DIRECTORY_PAGE_SIZE = 24


def _added_by_higher_floors(request, page: str, **objects) -> dict:
    """What higher floors add to this page (config.hooks.page_context): posts adds the
    threads, in registration order."""
    context = {}
    for _receiver, extra in hooks.page_context.send(
        sender=SupportGroup, request=request, page=page, **objects
    ):
        context.update(extra or {})
    return context


def home(request):
    if not request.user.is_authenticated:
        request.sanad_indexable = True
        return render(request, "groups/home_visitor.html")
    return render(
        request,
        "groups/home.html",
        {
            "memberships": selectors.memberships_of(request.user),
            **_added_by_higher_floors(request, "home"),
        },
    )


def directory(request):
    request.sanad_indexable = True
    form = DirectoryFilterForm(request.GET or None, topics=selectors.topic_choices())
    filters = form.filters()
    groups = selectors.directory_groups(**filters, reader_language=get_language() or "")
    page = Paginator(groups, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    for group in page:
        group.member_band = selectors.member_count_band(group.active_members)
    active_filters = sum(1 for name, value in filters.items() if value and name != "query")
    context = {
        "form": form,
        "page": page,
        "searching": any(filters.values()),
        "active_filters": active_filters,
    }
    # htmx refines the results in place as the member types; without JavaScript the
    # same form reloads the whole page.
    partial = request.htmx and not request.htmx.history_restore_request
    template = "groups/_directory_results.html" if partial else "groups/directory.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def group_detail(request, slug):
    group, membership = group_for_viewer(
        request.user, slug, welcome_since=selectors.welcome_note_since()
    )
    facilitators = selectors.facilitators_of(group)
    if membership is None:
        # Visitors and non-members see the card only; listed cards may be indexed.
        card = selectors.group_card(group)
        card.member_band = selectors.member_count_band(card.active_members)
        request.sanad_indexable = group.listing == SupportGroup.Listing.LISTED
        return render(
            request,
            "groups/group_card.html",
            {
                "group": card,
                "facilitators": facilitators,
                "join_request": selectors.latest_join_request(request.user, group),
            },
        )
    # A member's page shows none of the card's extras (member band, topics, activity):
    # the group's own row is all it needs.
    return render(
        request,
        "groups/group_detail.html",
        {
            "group": group,
            "membership": membership,
            **_added_by_higher_floors(request, "group", group=group, membership=membership),
            "facilitators": facilitators,
            "welcome": {"note": membership.welcome_note} if membership.welcome_note else None,
            "can_manage": membership.can_moderate or request.user.is_staff,
        },
    )


# --- Joining -----------------------------------------------------------------------------


def _suggestion() -> str:
    # In the language the member reads Sanad in: a name they can say and remember.
    return persona_name_suggestion(language=get_language() or "en")


def _persona_form(request, form_class, **kwargs):
    """The form that picks the name a group sees, and whether the member only asked for
    another suggested name ("Suggest another name": nothing is joined or checked, and
    everything else they typed comes back as it was)."""
    if request.method == "POST" and "regenerate" in request.POST:
        typed = {k: v for k, v in request.POST.dict().items() if k not in ("new_name", "persona")}
        initial = {**kwargs.pop("initial", {}), **typed, "persona": NEW_PERSONA}
        return form_class(initial=initial, suggestion=_suggestion(), **kwargs), True
    if request.method == "POST":
        kept = request.POST.get("new_name", "").strip() or _suggestion()
        return form_class(request.POST, suggestion=kept, **kwargs), False
    return form_class(suggestion=_suggestion(), **kwargs), False


# Refusals of the new name itself (accounts.names.validate_persona_name, or taken).
_NAME_REFUSALS = frozenset(
    [
        "name_taken",
        "invisible",
        "empty",
        "too_long",
        "short",
        "characters",
        "mixed_scripts",
        "reserved",
    ]
)


def _refused(request, form, error: ValidationError, form_class, **kwargs):
    """Put the service's refusal on the form. A new name that was refused (someone else
    took it meanwhile, or the member changed it into one that cannot be used) is
    replaced by a fresh suggestion, so the member can simply send the form again."""
    if error.code not in _NAME_REFUSALS:
        form.add_error(None, error)
        return form
    data = request.POST.copy()
    data["new_name"] = _suggestion()
    form = form_class(data, suggestion=data["new_name"], **kwargs)
    form.is_valid()
    form.add_error(None, error)
    return form


def _render_join(request, context: dict, *, status: int = 200) -> HttpResponse:
    context.setdefault("facilitators", selectors.facilitators_of(context["group"]))
    return render(request, "groups/join.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def group_join(request, slug):
    """Join an open group, ask to join a request group, or redeem an invite link."""
    token = request.GET.get("invite", "")
    group, membership, invite = group_for_joining(request.user, slug, invite_token=token)
    if membership is not None and membership.is_active:
        return redirect(group)
    banned = membership is not None and membership.state == Membership.State.BANNED
    context = {"group": group, "membership": membership, "banned": banned}
    if token:
        return _join_by_invite(request, group, invite, context)
    if group.access == SupportGroup.Access.OPEN:
        return _join_open(request, group, context)
    if group.access == SupportGroup.Access.REQUEST:
        return _join_by_request(request, group, context)
    if request.method == "POST":
        context["problem"] = _("This group is joined by invitation only.")
        return _render_join(request, context, status=400)
    return _render_join(request, context)


def _join_open(request, group: SupportGroup, context: dict) -> HttpResponse:
    form, regenerated = _persona_form(request, PersonaChoiceForm, user=request.user)
    if request.method == "POST" and not regenerated and form.is_valid():
        try:
            services.membership_join(user=request.user, group=group, **form.service_arguments())
        except ValidationError as error:
            form = _refused(request, form, error, PersonaChoiceForm, user=request.user)
        else:
            messages.success(request, _("Welcome. You have joined this group."))
            return redirect(group)
    context["form"] = form
    return _render_join(request, context, status=400 if form.errors else 200)


def _join_by_request(request, group: SupportGroup, context: dict) -> HttpResponse:
    latest = selectors.latest_join_request(request.user, group)
    if latest is not None and latest.state == JoinRequest.State.PENDING:
        context["pending"] = latest
        return _render_join(request, context, status=400 if request.method == "POST" else 200)
    if latest is not None and latest.state == JoinRequest.State.DECLINED:
        context["declined"] = latest
        context["cooldown_ends"] = services.join_request_cooldown_ends(
            user=request.user, group=group
        )
        if context["cooldown_ends"] is not None:
            return _render_join(request, context, status=400 if request.method == "POST" else 200)
    questions = list(group.entry_questions.all())
    arguments = {"user": request.user, "questions": questions}
    form, regenerated = _persona_form(request, JoinRequestForm, **arguments)
    refusal = None
    if request.method == "POST" and not regenerated and form.is_valid():
        try:
            services.join_request_submit(
                user=request.user, group=group, answers=form.answers(), **form.service_arguments()
            )
        except ValidationError as error:
            refusal = error
            form = _refused(request, form, error, JoinRequestForm, **arguments)
        else:
            messages.success(
                request,
                _(
                    "Your request has been sent. The group's moderators will read your "
                    "answers and let you know."
                ),
            )
            return redirect("groups:join", slug=group.slug)
    context["form"] = form
    return too_often(_render_join(request, context, status=400 if form.errors else 200), refusal)


def _join_by_invite(request, group: SupportGroup, invite, context: dict) -> HttpResponse:
    context["invite"] = invite
    problem = (
        _("This invite link is not valid. Check that you copied all of it.")
        if invite is None
        else services.invite_problem(invite)
    )
    if problem is not None:
        context["problem"] = problem
        return _render_join(request, context, status=410 if invite is not None else 404)
    form, regenerated = _persona_form(request, PersonaChoiceForm, user=request.user)
    if request.method == "POST" and not regenerated and form.is_valid():
        try:
            services.invite_redeem(user=request.user, invite=invite, **form.service_arguments())
        except ValidationError as error:
            form = _refused(request, form, error, PersonaChoiceForm, user=request.user)
        else:
            messages.success(request, _("Welcome. You have joined this group."))
            return redirect(group)
    context["form"] = form
    return _render_join(request, context, status=400 if form.errors else 200)


@login_required
@require_POST
def join_request_withdraw(request, slug):
    group, join_request = own_pending_join_request(request.user, slug)
    try:
        services.join_request_withdraw(user=request.user, join_request=join_request)
    except ValidationError:
        pass  # decided a moment ago; the join page says how
    else:
        messages.success(request, _("You have withdrawn your request."))
    return redirect("groups:join", slug=group.slug)


@login_required
@require_http_methods(["GET", "POST"])
def group_leave(request, slug):
    group, membership = group_for_member(request.user, slug)
    if request.method == "POST":
        services.membership_leave(membership=membership)
        messages.success(
            request,
            _("You have left %(group)s. Your posts stay, under the name you used.")
            % {"group": group.name},
        )
        return redirect("groups:home")
    return render(request, "groups/leave.html", {"group": group, "membership": membership})


@login_required
@require_http_methods(["GET", "POST"])
def group_persona(request, slug):
    group, membership = membership_of_account(request.user, slug)
    # The name the group knows now stays chosen; a new one is offered beside the others.
    arguments = {"user": request.user, "initial": {"persona": membership.persona_id}}
    form, regenerated = _persona_form(request, PersonaChoiceForm, **arguments)
    if request.method == "POST" and not regenerated and form.is_valid():
        try:
            services.membership_switch_persona(membership=membership, **form.service_arguments())
        except ValidationError as error:
            form = _refused(request, form, error, PersonaChoiceForm, **arguments)
        else:
            messages.success(request, _("This group will see your new name from now on."))
            return redirect(group)
    return render(
        request,
        "groups/persona.html",
        {"group": group, "membership": membership, "form": form},
        status=400 if form.errors else 200,
    )


# --- The group's moderation page ---------------------------------------------------------


def _second_factor_first(request) -> HttpResponse | None:
    """Moderators act on other members: a password alone must not be enough (the same
    rule groups.mfa applies to /moderation/). Checked after access, so a non-moderator
    still gets the 404."""
    if not settings.SANAD_REQUIRE_MFA_FOR_MODERATION or account_has_mfa(request.user):
        return None
    messages.warning(
        request,
        _("Moderators and staff must turn on two-factor authentication before they can moderate."),
    )
    return redirect("mfa_activate_totp")


def _manage_context(group: SupportGroup, membership: Membership | None) -> dict:
    return {"group": group, "membership": membership}


@login_required
def group_manage(request, slug):
    group, membership = group_for_moderator(request.user, slug)
    if (response := _second_factor_first(request)) is not None:
        return response
    pending = list(selectors.pending_join_requests(group))
    for join_request in pending:
        join_request.form = DecisionForm(prefix=f"request-{join_request.pk}")
    return render(
        request,
        "groups/manage.html",
        {
            **_manage_context(group, membership),
            "pending": pending,
            "invites": selectors.group_invites(group)[:50],
            "invite_form": InviteForm(),
            "member_count": group.memberships.filter(state=Membership.State.ACTIVE).count(),
        },
    )


@login_required
def group_members(request, slug):
    group, membership = group_for_moderator(request.user, slug)
    if (response := _second_factor_first(request)) is not None:
        return response
    page = Paginator(selectors.group_members(group), 50).get_page(request.GET.get("page"))
    return render(
        request, "groups/manage_members.html", {**_manage_context(group, membership), "page": page}
    )


@login_required
@require_http_methods(["GET", "POST"])
def join_request_decide(request, slug, request_id):
    group, join_request = join_request_for_moderator(request.user, slug, request_id)
    if (response := _second_factor_first(request)) is not None:
        return response
    form = DecisionForm(request.POST or None, prefix=f"request-{join_request.pk}")
    if request.method == "POST" and form.is_valid():
        decide = (
            services.join_request_approve
            if form.cleaned_data["decision"] == "approve"
            else services.join_request_decline
        )
        try:
            decide(actor=request.user, join_request=join_request, note=form.cleaned_data["note"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if form.cleaned_data["decision"] == "approve":
                messages.success(request, _("Approved. The applicant has been told."))
            else:
                messages.success(request, _("Declined. The applicant has been told why."))
            return redirect("groups:manage", slug=group.slug)
    return render(
        request,
        "groups/join_request.html",
        {"group": group, "join_request": join_request, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def invite_create(request, slug):
    group, membership = group_for_moderator(request.user, slug)
    if (response := _second_factor_first(request)) is not None:
        return response
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invite_create(
                actor=request.user,
                group=group,
                expires_at=form.expires_at(),
                max_uses=form.cleaned_data["max_uses"],
                label=form.cleaned_data["label"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The invite link is ready. Copy it from the list."))
            return redirect(reverse("groups:manage", kwargs={"slug": group.slug}) + "#invites")
    return render(
        request,
        "groups/invite_form.html",
        {**_manage_context(group, membership), "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def invite_revoke(request, slug, invite_id):
    group, invite = invite_for_moderator(request.user, slug, invite_id)
    if (response := _second_factor_first(request)) is not None:
        return response
    services.invite_revoke(actor=request.user, invite=invite)
    messages.success(request, _("The invite link no longer works."))
    return redirect(reverse("groups:manage", kwargs={"slug": group.slug}) + "#invites")


@login_required
@require_http_methods(["GET", "POST"])
def group_settings(request, slug):
    group, membership = group_for_moderator(request.user, slug)
    if (response := _second_factor_first(request)) is not None:
        return response
    form = GroupSettingsForm(request.POST or None, instance=group)
    if request.method == "POST" and form.is_valid():
        try:
            services.group_update(actor=request.user, group=group, changes=form.changes())
        except ValidationError as error:
            form.add_error(None, error)
        except PermissionDenied:
            form.add_error(None, _("You cannot change this setting."))
        else:
            messages.success(request, _("The group's settings are saved."))
            return redirect("groups:manage", slug=group.slug)
    return render(
        request,
        "groups/group_settings.html",
        {**_manage_context(group, membership), "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def entry_questions(request, slug):
    group, membership = group_for_moderator(request.user, slug)
    if (response := _second_factor_first(request)) is not None:
        return response
    formset = EntryQuestionFormSet(
        request.POST or None, queryset=EntryQuestion.objects.filter(group=group)
    )
    if request.method == "POST" and formset.is_valid():
        try:
            _save_questions(request.user, group, formset)
        except ValidationError as error:
            formset._non_form_errors = formset.error_class(error.messages)
        else:
            messages.success(request, _("The entry questions are saved."))
            return redirect("groups:manage", slug=group.slug)
    return render(
        request,
        "groups/entry_questions.html",
        {**_manage_context(group, membership), "formset": formset},
        status=400 if request.method == "POST" else 200,
    )


@transaction.atomic
def _save_questions(actor, group: SupportGroup, formset) -> None:
    """Each row through its service, so every change is audited; all or nothing."""
    for index, form in enumerate(formset.forms):
        question = form.instance
        if index < formset.initial_form_count() and question.pk is None:
            # An id this group's list did not contain: deleted meanwhile, or forged.
            raise ValidationError(
                _("These questions were changed meanwhile. Reload the page and try again.")
            )
        if form in formset.deleted_forms:
            if question.pk is not None:
                services.entry_question_delete(actor=actor, question=question)
            continue
        if not form.has_changed():
            continue
        values = {field: form.cleaned_data[field] for field in formset.form._meta.fields}
        if question.pk is None:
            services.entry_question_create(actor=actor, group=group, **values)
        else:
            services.entry_question_update(actor=actor, question=question, changes=values)
