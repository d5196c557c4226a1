import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from delivery import emails, services
from delivery.forms import KindPreferenceFormSet, PreferenceForm
from delivery.selectors import (
    MODERATOR_KINDS,
    group_by_thread,
    is_moderator,
    notification_for_member,
    notifications_for,
)
from notifications.models import KindPreference, Notification
from notifications.records import ALWAYS_IN_APP

PER_PAGE = 30


@login_required
def notification_list(request):
    page = Paginator(notifications_for(request.user), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/notification_list.html",
        {"page": page, "blocks": group_by_thread(page.object_list)},
    )


def _own_notification(request, notification_id: int, **kwargs) -> Notification:
    # Someone else's notification and one that does not exist look the same: 404.
    notification = notification_for_member(request.user, notification_id, **kwargs)
    if notification is None:
        raise Http404
    return notification


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def notification_open(request, notification_id: int):
    """A notification on a page of its own; following it (a POST) marks it read and
    lands the member on its subject.

    The GET changes nothing: link previews, prefetchers and email scanners fetch links,
    and must not mark anything read.
    """
    notification = _own_notification(request, notification_id, include_hidden=True)
    if request.method == "POST":
        services.notification_mark_read(user=request.user, notification=notification)
        return redirect(notification.target_url())
    return render(request, "notifications/notification_detail.html", {"notification": notification})


@login_required
@require_POST
def notification_mark_read(request, notification_id: int):
    notification = _own_notification(request, notification_id)
    services.notification_mark_read(user=request.user, notification=notification)
    if request.htmx:
        return render(request, "notifications/_notification.html", {"notification": notification})
    return redirect(_list_url(request))


@login_required
@require_POST
def notifications_mark_all_read(request):
    services.notifications_mark_all_read(user=request.user)
    messages.success(request, _("All your notifications are marked as read."))
    return redirect(_list_url(request))


def _list_url(request) -> str:
    page = request.POST.get("page", "")
    url = reverse("notifications:list")
    return f"{url}?page={page}" if page.isdigit() else url


def _kinds_for(user) -> list[str]:
    kinds = list(Notification.Kind.values)
    if not is_moderator(user):
        kinds = [kind for kind in kinds if kind not in MODERATOR_KINDS]
    return kinds


_ROW_ID = re.compile(r"^kinds-\d+-id$")


def _refuse_rows_of_others(data, own_ids: set[int]) -> None:
    """A row id that is not one of the member's own answers 404, as for any object
    they may not see: preferences can only ever be posted for oneself."""
    for key, value in data.items():
        if _ROW_ID.match(key) and (not value.isdigit() or int(value) not in own_ids):
            raise Http404


def _lock_always_in_app(formset) -> None:
    for form in formset.forms:
        if form.instance.kind in ALWAYS_IN_APP:
            form.fields["in_app"].disabled = True


@login_required
def notification_preferences(request):
    preference = services.preferences_get_or_create(
        user=request.user, language=request.LANGUAGE_CODE
    )
    rows = services.kind_preferences_ensure(user=request.user, kinds=_kinds_for(request.user))
    queryset = KindPreference.objects.filter(pk__in=[row.pk for row in rows]).order_by("pk")
    status = 200
    if request.method == "POST":
        _refuse_rows_of_others(request.POST, {row.pk for row in rows})
        form = PreferenceForm(request.POST)
        formset = KindPreferenceFormSet(request.POST, queryset=queryset, prefix="kinds")
        _lock_always_in_app(formset)
        if form.is_valid() and formset.is_valid():
            services.preferences_update(
                user=request.user,
                **form.cleaned_data,
                kinds={
                    f.instance.kind: (f.cleaned_data["in_app"], f.cleaned_data["email"])
                    for f in formset.forms
                    if f.instance.pk
                },
            )
            messages.success(request, _("Your notification settings are saved."))
            return redirect("notifications:preferences")
        status = 400
    else:
        form = PreferenceForm(
            initial={
                "email_style": preference.email_style,
                "language": preference.language,
                "digest": preference.digest,
                "time_zone": preference.time_zone,
                "quiet_start": preference.quiet_start,
                "quiet_end": preference.quiet_end,
                "paused": preference.paused,
            }
        )
        formset = KindPreferenceFormSet(queryset=queryset, prefix="kinds")
        _lock_always_in_app(formset)
    from allauth.account.models import EmailAddress

    return render(
        request,
        "notifications/preferences.html",
        {
            "form": form,
            "formset": formset,
            "has_verified_address": EmailAddress.objects.filter(
                user=request.user, verified=True
            ).exists(),
        },
        status=status,
    )


# Mail clients send the RFC 8058 one-click POST without any cookie or CSRF token; the
# signed link itself is the authority, and it can only stop emails.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def notification_unsubscribe(request, token: str):
    try:
        preference, kind = emails.unsubscribe_target(token)
    except emails.UnsubscribeLinkExpired:
        return render(request, "notifications/unsubscribe.html", {"problem": "expired"}, status=400)
    except emails.UnsubscribeLinkInvalid:
        return render(request, "notifications/unsubscribe.html", {"problem": "invalid"}, status=400)
    label = _("Digest emails") if kind == emails.DIGEST else Notification.Kind(kind).label
    done = False
    if request.method == "POST":
        services.notification_unsubscribe(preference=preference, kind=kind)
        done = True
    return render(
        request, "notifications/unsubscribe.html", {"label": label, "done": done, "token": token}
    )
