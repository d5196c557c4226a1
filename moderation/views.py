from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.ratelimit import too_often
from config.markdown import render_markdown
from moderation import helplines, reveal, selectors, services
from moderation.charts import health_charts
from moderation.forms import (
    AppealDecisionForm,
    AppealForm,
    BanForm,
    CheckInForm,
    CrisisCloseForm,
    DutyForm,
    EscalateForm,
    HelpCountryForm,
    MuteForm,
    NoteForm,
    QueueFilterForm,
    RemoveForm,
    ReportForm,
    RevealIdentityForm,
    SuspendForm,
    TrainingCheckForm,
    WarnForm,
)
from moderation.models import Appeal, ReviewItem, TrainingModule
from posts.access import post_for_member
from posts.models import Post

# --- Members: reports and appeals --------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def report_post(request, thread_id, number):
    post, _membership = post_for_member(request.user, thread_id, number)
    form = ReportForm(request.POST if request.method == "POST" else None)
    refusal = None
    if request.method == "POST" and form.is_valid():
        try:
            services.report_create(reporter=request.user, post=post, **form.cleaned_data)
        except ValidationError as error:
            refusal = error
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Thank you. The moderators will look at this. You will not be named to anyone."),
            )
            return redirect(post.get_absolute_url())
    status = 400 if form.errors else 200
    response = render(
        request, "moderation/report.html", {"post": post, "form": form}, status=status
    )
    return too_often(response, refusal)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def appeal_post(request, thread_id, number):
    post = selectors.removed_post_of_author(request.user, thread_id, number)
    appeal = Appeal.objects.filter(post=post).first()
    data = request.POST if request.method == "POST" else None
    form = AppealForm(data) if appeal is None else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.appeal_create(author=request.user, post=post, note=form.cleaned_data["note"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Your appeal was sent. A moderator who did not remove the post will decide."),
            )
            return redirect(post.url("moderation:appeal"))
    status = 400 if form is not None and form.errors else 200
    context = {"post": post, "appeal": appeal, "form": form}
    return render(request, "moderation/appeal.html", context, status=status)


def help_page(request):
    """Crisis lines by country, for anyone: members and visitors alike."""
    request.sanad_indexable = True
    country, known_from = helplines.chosen_country(request)
    context = {
        "lines": helplines.help_lines(language=get_language(), country=country),
        "known_from": known_from,
        "country_form": HelpCountryForm(initial={"country": country}),
    }
    return render(request, "moderation/help.html", context)


@require_http_methods(["GET", "POST"])
def help_country(request):
    """Remember the country whose lines /help/ shows first (a cookie on this device:
    a visitor in crisis needs no account for it). Works without JavaScript.

    /help/ sends its form here by GET, so the page itself carries no token and can be
    cached for visitors; the worst a forged choice does is reorder the lines."""
    form = HelpCountryForm(request.POST if request.method == "POST" else request.GET)
    response = redirect(f"{reverse('moderation:help')}#crisis-lines")
    if form.is_valid():
        helplines.remember_country(response, request, form.cleaned_data["country"])
    return response


# --- The queue ---------------------------------------------------------------------------


def _moderator_context(request) -> selectors.ModeratorContext:
    # The queue's existence is no secret, but its contents are: only moderators enter.
    context = selectors.moderator_context(request.user)
    if not context.groups:
        raise Http404
    return context


@never_cache
@login_required
@require_GET
def review_queue(request):
    moderator = _moderator_context(request)
    services.moderator_seen(user=request.user)
    form = QueueFilterForm(request.GET or None, groups=moderator.groups)
    filters = selectors.QueueFilters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        allowed = {group.pk for group in moderator.groups}
        filters = selectors.QueueFilters(
            group_id=data["group"] if data["group"] in allowed else None,
            lane=data["lane"],
            kind=data["kind"],
            claim=data["claim"],
            escalated=data["escalated"],
        )
    items = selectors.queue_items(
        request.user, filters=filters, context=moderator, per_lane=settings.SANAD_QUEUE_LANE_SIZE
    )
    handled = selectors.crisis_items_handled_today(moderator)
    mine_today = sum(row["count"] for row in handled if row["is_viewer"])
    context = {
        "items": items,
        "lanes": selectors.lanes(items, selectors.lane_totals(request.user, filters)),
        "filter_form": form,
        "filters": filters,
        "qualification": moderator.qualification,
        "on_duty": selectors.moderator_on_duty(request.user),
        "handled_today": handled,
        "crisis_today": mine_today,
        "suggest_break": mine_today >= settings.SANAD_CRISIS_ITEMS_BEFORE_BREAK,
        "can_reveal": reveal.can_reveal_identity(request.user),
    }
    return render(request, "moderation/queue.html", context)


@login_required
@require_POST
def claim_next(request):
    _moderator_context(request)
    try:
        item = services.item_claim_next(moderator=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("moderation:queue")
    if item is None:
        messages.info(request, _("Nothing is waiting that you can take right now."))
        return redirect("moderation:queue")
    return redirect(item)


@login_required
@require_POST
def duty(request):
    _moderator_context(request)
    form = DutyForm(request.POST)
    on_duty = form.is_valid() and form.cleaned_data["on_duty"]
    services.moderator_set_duty(user=request.user, on_duty=on_duty)
    if on_duty:
        messages.success(request, _("You are on duty: you will be alerted to new items."))
    else:
        messages.success(
            request, _("You are off duty: no alerts until you come back. Take care of yourself.")
        )
    return redirect("moderation:queue")


# --- One item ----------------------------------------------------------------------------

ACTIONS = {
    "approve": (
        NoteForm,
        lambda user, item_id, data: services.item_approve(
            moderator=user, item_id=item_id, note=data["note"], confirmed=data.get("confirm", False)
        ),
        gettext_lazy("The post was approved and the item closed."),
    ),
    "dismiss": (
        NoteForm,
        lambda user, item_id, data: services.item_dismiss(
            moderator=user, item_id=item_id, note=data["note"], confirmed=data.get("confirm", False)
        ),
        gettext_lazy("The item was closed."),
    ),
    "remove": (
        RemoveForm,
        lambda user, item_id, data: services.item_remove(
            moderator=user, item_id=item_id, reason=data["reason"], note=data["note"]
        ),
        gettext_lazy("The post was removed; its author was told why."),
    ),
    "hide": (
        NoteForm,
        lambda user, item_id, data: services.item_hide(
            moderator=user, item_id=item_id, note=data["note"]
        ),
        gettext_lazy("The post is hidden from others while you work on the item."),
    ),
    "lock": (
        NoteForm,
        lambda user, item_id, data: services.item_lock_thread(
            moderator=user, item_id=item_id, note=data["note"]
        ),
        gettext_lazy("The thread is locked."),
    ),
    "warn": (
        WarnForm,
        lambda user, item_id, data: services.member_warn(
            moderator=user, item_id=item_id, note=data["note"]
        ),
        gettext_lazy("The warning was sent."),
    ),
    "mute": (
        MuteForm,
        lambda user, item_id, data: services.member_mute(
            moderator=user, item_id=item_id, duration=data["duration"], reason=data["reason"]
        ),
        gettext_lazy("The member is muted in this group."),
    ),
    "ban": (
        BanForm,
        lambda user, item_id, data: services.member_ban(
            moderator=user, item_id=item_id, reason=data["reason"]
        ),
        gettext_lazy("The member is banned from this group."),
    ),
    "check_in": (
        CheckInForm,
        lambda user, item_id, data: services.member_check_in(
            moderator=user, item_id=item_id, message=data["message"]
        ),
        gettext_lazy("Your check-in message was sent."),
    ),
    "escalate": (
        EscalateForm,
        lambda user, item_id, data: services.item_escalate(
            moderator=user, item_id=item_id, to=data["to"], note=data["note"]
        ),
        gettext_lazy("The item was escalated."),
    ),
    "suspend": (
        SuspendForm,
        lambda user, item_id, data: services.account_suspend(
            staff=user, item_id=item_id, reason=data["reason"]
        ),
        gettext_lazy("The account is suspended."),
    ),
    "decide_appeal": (
        AppealDecisionForm,
        lambda user, item_id, data: services.appeal_decide(
            moderator=user, item_id=item_id, grant=data["decision"] == "grant", note=data["note"]
        ),
        gettext_lazy("The appeal was decided; the author was told."),
    ),
}
ACTION_BUTTONS = {
    "approve": gettext_lazy("Approve"),
    "dismiss": gettext_lazy("Close the item"),
    "remove": gettext_lazy("Remove the post"),
    "hide": gettext_lazy("Hide while reviewing"),
    "lock": gettext_lazy("Lock the thread"),
    "warn": gettext_lazy("Send the warning"),
    "mute": gettext_lazy("Mute in the group"),
    "ban": gettext_lazy("Ban from the group"),
    "check_in": gettext_lazy("Send the check-in"),
    "escalate": gettext_lazy("Escalate"),
    "suspend": gettext_lazy("Suspend the account"),
    "decide_appeal": gettext_lazy("Decide the appeal"),
}


def _action_sections(item: ReviewItem, forms: dict, *, staff: bool) -> list[dict]:
    def entries(names):
        return [{"name": n, "button": ACTION_BUTTONS[n], "form": forms[n]} for n in names]

    if item.kind == ReviewItem.Kind.APPEAL:
        sections = [
            {"heading": gettext_lazy("The appeal"), "actions": entries(["decide_appeal"])},
            {"heading": gettext_lazy("The member"), "actions": entries(["check_in"])},
        ]
    elif item.kind == ReviewItem.Kind.ATTEMPT:
        # Nothing was published, so nothing to approve, hide or remove; and a member
        # who wrote this while refused needs a word, not a sanction.
        sections = [
            {"heading": gettext_lazy("The member"), "actions": entries(["check_in"])},
            {"heading": gettext_lazy("The item"), "actions": entries(["dismiss"])},
        ]
    else:
        # The first action offered is never one that closes the item without a word:
        # closing ("Approve", "Close the item") comes after the actions that protect.
        post_section = {
            "heading": gettext_lazy("The post"),
            "actions": entries(["hide", "remove", "lock", "approve", "dismiss"]),
        }
        member_section = {
            "heading": gettext_lazy("The member"),
            "actions": entries(["check_in", "warn", "mute", "ban"]),
        }
        # Someone may be at risk: reaching out to them comes first.
        sections = (
            [member_section, post_section] if item.is_crisis else [post_section, member_section]
        )
    sections.append({"heading": gettext_lazy("Hand over"), "actions": entries(["escalate"])})
    if staff:
        sections.append({"heading": gettext_lazy("Staff"), "actions": entries(["suspend"])})
    return sections


def _check_in_text(item: ReviewItem) -> str:
    with translation.override(item.group.language):
        return _(
            "Hello, I am one of the moderators of this group. I read what you wrote and "
            "wanted to check in: how are you doing right now? You are not alone. If you "
            "are thinking about ending your life or you are in danger, please contact a "
            "crisis line now: you will find them on the “Need help now?” page. You are "
            "welcome to keep talking in the group whenever you want."
        )


# Actions that close an item; on a crisis item they ask for a note and a confirmation.
CLOSING_ACTIONS = frozenset({"approve", "dismiss"})


def _form_class(item: ReviewItem, name: str):
    if name in CLOSING_ACTIONS and item.is_crisis:
        return CrisisCloseForm
    return ACTIONS[name][0]


def _action_forms(item: ReviewItem, bound: tuple[str, object] | None = None) -> dict:
    forms = {}
    for name in ACTIONS:
        initial = {"message": _check_in_text(item)} if name == "check_in" else None
        forms[name] = _form_class(item, name)(initial=initial, prefix=name)
    if bound is not None:
        forms[bound[0]] = bound[1]
    return forms


def _render_item(request, item_id: int, *, bound=None, status=200):
    item = selectors.review_item_for_moderator(request.user, item_id)
    moderator = selectors.moderator_context(request.user)
    selectors.decorate_items([item], moderator)
    context = {
        "item": item,
        "post": item.post,
        "thread": item.post.thread if item.post is not None else None,
        "details": selectors.item_context(item),
        "sections": _action_sections(item, _action_forms(item, bound), staff=request.user.is_staff),
        "qualification": moderator.qualification,
        "can_reveal": reveal.can_reveal_identity(request.user),
        "appeal": Appeal.objects.filter(item=item).first(),
        # Said at the top too: the form itself is gone once the item is resolved.
        "action_error": " ".join(bound[1].non_field_errors()) if bound else "",
    }
    return render(request, "moderation/item.html", context, status=status)


@never_cache
@login_required
@require_GET
def item_detail(request, item_id):
    return _render_item(request, item_id)


@login_required
@require_POST
def item_claim(request, item_id):
    selectors.review_item_for_moderator(request.user, item_id)
    try:
        services.item_claim(moderator=request.user, item_id=item_id)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You have claimed this item."))
    return redirect("moderation:item", item_id=item_id)


@login_required
@require_POST
def item_release(request, item_id):
    selectors.review_item_for_moderator(request.user, item_id)
    try:
        services.item_release(moderator=request.user, item_id=item_id)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("moderation:item", item_id=item_id)
    messages.success(request, _("You released the item for another moderator."))
    return redirect("moderation:queue")


@login_required
@require_POST
def item_act(request, item_id, action):
    # Access first: a non-moderator learns nothing, not even which actions exist.
    item = selectors.review_item_for_moderator(request.user, item_id)
    if action not in ACTIONS:
        raise Http404
    if action == "suspend" and not request.user.is_staff:
        raise Http404
    _form, service, done = ACTIONS[action]
    form = _form_class(item, action)(request.POST, prefix=action)
    if form.is_valid():
        try:
            service(request.user, item.pk, form.cleaned_data)
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, str(done))
            return redirect("moderation:item", item_id=item.pk)
    return _render_item(request, item.pk, bound=(action, form), status=400)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def post_moderate(request, thread_id, number):
    """From a post's menu: go to its open item, or open one and claim it."""
    post = selectors.post_for_moderator(request.user, thread_id, number)
    item = ReviewItem.objects.filter(
        post=post, kind=ReviewItem.Kind.POST, status=ReviewItem.Status.OPEN
    ).first()
    if item is not None:
        return redirect(item)
    error = None
    if request.method == "POST":
        try:
            item = services.item_open_for_post(moderator=request.user, post=post)
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as refusal:
            error = " ".join(refusal.messages)
        else:
            return redirect(item)
    status = 400 if error else 200
    return render(
        request, "moderation/post_moderate.html", {"post": post, "error": error}, status=status
    )


# --- Staff: identity, audit, health ------------------------------------------------------


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
    try:
        item_id = int(request.GET.get("item", ""))
    except ValueError:
        item_id = None
    entries = selectors.audit_log(item_id=item_id)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    for entry in page:
        entry.action_label = selectors.audit_action_label(entry.action)
    selectors.audit_subjects(page.object_list)
    return render(request, "moderation/audit_log.html", {"page": page, "item_id": item_id})


@never_cache
@login_required
@require_GET
def queue_health(request):
    if not request.user.is_staff:
        raise Http404
    health = selectors.queue_health()
    context = {
        "health": health,
        "charts": health_charts(health, rtl=translation.get_language_bidi()),
    }
    return render(request, "moderation/health.html", context)


# --- Training ----------------------------------------------------------------------------


@never_cache
@login_required
@require_GET
def training_list(request):
    _moderator_context(request)
    context = {
        "modules": selectors.training_overview(request.user),
        "qualification": selectors.qualification_for(request.user),
    }
    return render(request, "moderation/training_list.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def training_module(request, slug):
    _moderator_context(request)
    module = get_object_or_404(TrainingModule, slug=slug, is_active=True)
    data = request.POST if request.method == "POST" else None
    form = TrainingCheckForm(data, module=module)
    attempt = None
    if request.method == "POST" and form.is_valid():
        try:
            attempt = services.training_attempt_record(
                user=request.user, module=module, answers=form.answers()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if attempt.passed:
                messages.success(request, _("You passed this module."))
            return render(
                request,
                "moderation/training_module.html",
                {"module": module, "form": None, "attempt": attempt},
            )
    status = 400 if form.errors else 200
    context = {
        "module": module,
        "form": form,
        "attempt": attempt,
        "body_html": render_markdown(module.body),
    }
    return render(request, "moderation/training_module.html", context, status=status)
