from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from config.admin_privacy import REVEAL_NOTE, PrivateModelAdmin, ReadOnlyAdmin
from moderation.models import (
    Appeal,
    CrisisPhrase,
    CrisisResource,
    ModeratorPresence,
    PostAttempt,
    Report,
    ReviewItem,
    TrainingChoice,
    TrainingCompletion,
    TrainingModule,
    TrainingQuestion,
    WatchedWord,
)


class VerifiedFilter(admin.SimpleListFilter):
    title = _("verified by an operator")
    parameter_name = "verified"

    def lookups(self, request, model_admin):
        return [("yes", _("Verified")), ("no", _("Not yet verified"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(verified_on__isnull=False)
        if self.value() == "no":
            return queryset.filter(verified_on__isnull=True)
        return queryset


class CrisisResourceForm(forms.ModelForm):
    url = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = CrisisResource
        fields = (
            "name",
            "kind",
            "country",
            "language",
            "phone",
            "url",
            "hours",
            "description",
            "order",
            "is_active",
            "verified_on",
            "verification_note",
        )

    def clean(self):
        cleaned_data = super().clean()
        # A verification is of a number and a link: changing either without checking
        # again would keep a date that no longer vouches for anything.
        changed = {"phone", "url", "country"} & set(self.changed_data)
        if self.instance.pk and changed and "verified_on" not in self.changed_data:
            cleaned_data["verified_on"] = None
        return cleaned_data


@admin.register(CrisisResource)
class CrisisResourceAdmin(PrivateModelAdmin):
    form = CrisisResourceForm
    list_display = (
        "name",
        "country",
        "kind",
        "language",
        "phone",
        "dials",
        "order",
        "is_active",
        "verified_on",
    )
    list_filter = (VerifiedFilter, "kind", "language", "is_active", "country")
    list_editable = ("order", "is_active")
    search_fields = ("name", "phone")
    actions = ["mark_verified_today"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    @admin.display(description=_("call button dials"))
    def dials(self, obj):
        # Shown beside what was typed: a number that would dial something else is
        # seen at a glance.
        return obj.dial or "—"

    @admin.action(description=_("Mark as verified by an operator today"))
    def mark_verified_today(self, request, queryset):
        count = queryset.update(verified_on=timezone.localdate())
        self.message_user(
            request,
            ngettext(
                "%(count)d resource marked as verified today.",
                "%(count)d resources marked as verified today.",
                count,
            )
            % {"count": count},
        )


class ReportInline(admin.TabularInline):
    model = Report
    extra = 0
    fields = ("reason", "note", "outcome", "created_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class PostAttemptInline(admin.StackedInline):
    """What a member tried to post, for staff as for the group's moderators: the words
    and where, never the account (an anonymous attempt stays anonymous here too)."""

    model = PostAttempt
    extra = 0
    fields = ("where", "thread", "is_anonymous", "title", "body", "refusal", "times")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ReviewItem)
class ReviewItemAdmin(ReadOnlyAdmin):
    list_display = ("pk", "group", "kind", "priority", "source", "status", "created_at")
    list_filter = ("priority", "status", "kind", "source", "crisis_tier", "escalated_to")
    list_select_related = ("group",)
    fields = (
        "group",
        "post",
        "kind",
        "priority",
        "source",
        "status",
        "decision",
        "flags",
        "crisis_detected",
        "crisis_tier",
        "crisis_score",
        "crisis_signals",
        "created_at",
        "first_action_at",
        "resolved_at",
        "escalated_to",
        "escalation_note",
        "who_wrote_it",
    )
    readonly_fields = fields
    inlines = [ReportInline, PostAttemptInline]

    @admin.display(description=_("who wrote it"))
    def who_wrote_it(self, item: ReviewItem) -> str:
        # Never the account itself: the way to it, for staff who hold the permission.
        if not item.post_id:
            return "—"
        return format_html(
            '{} <a href="{}">{}</a>',
            REVEAL_NOTE,
            reverse("moderation:reveal", args=[item.post_id]),
            _("Reveal who wrote this (staff)"),
        )


@admin.register(Appeal)
class AppealAdmin(ReadOnlyAdmin):
    list_display = ("pk", "post", "status", "created_at", "decided_at")
    list_filter = ("status",)
    fields = ("post", "status", "note", "created_at", "decided_at", "decision_note")
    readonly_fields = fields


class WatchedWordForm(forms.ModelForm):
    class Meta:
        model = WatchedWord
        fields = ("pattern", "is_regex", "language", "action", "note", "is_active")


@admin.register(WatchedWord)
class WatchedWordAdmin(PrivateModelAdmin):
    """Patterns are checked when saved (WatchedWord.clean): a malformed regular
    expression is refused here with the error shown, never discovered while a member
    is posting."""

    form = WatchedWordForm
    list_display = ("pattern", "is_regex", "language", "action", "is_active")
    list_filter = ("action", "language", "is_regex", "is_active")
    search_fields = ("pattern", "note")


@admin.register(CrisisPhrase)
class CrisisPhraseAdmin(PrivateModelAdmin):
    list_display = ("phrase", "language", "kind", "is_active")
    list_filter = ("kind", "language", "is_active")
    search_fields = ("phrase",)


class TrainingQuestionInline(admin.StackedInline):
    model = TrainingQuestion
    extra = 1
    fields = ("order", "text_en", "text_ar")
    show_change_link = True


@admin.register(TrainingModule)
class TrainingModuleAdmin(PrivateModelAdmin):
    list_display = (
        "title_en",
        "title_ar",
        "requirement",
        "pass_mark",
        "validity_days",
        "is_active",
    )
    list_filter = ("requirement", "is_active")
    prepopulated_fields = {"slug": ("title_en",)}
    fieldsets = (
        (None, {"fields": ("slug", "order", "requirement", "is_active")}),
        (_("Check"), {"fields": ("pass_mark", "validity_days")}),
        (_("English"), {"fields": ("title_en", "summary_en", "body_en")}),
        (_("Arabic"), {"fields": ("title_ar", "summary_ar", "body_ar")}),
    )
    inlines = [TrainingQuestionInline]


class ChoiceInlineFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        kept = [
            form
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE", False)
        ]
        if len(kept) < 2:
            raise ValidationError(_("Give at least two answers to choose from."))
        if not any(form.cleaned_data.get("is_correct") for form in kept):
            raise ValidationError(_("Mark at least one answer as correct."))


class TrainingChoiceInline(admin.TabularInline):
    model = TrainingChoice
    formset = ChoiceInlineFormSet
    extra = 3
    fields = ("order", "text_en", "text_ar", "is_correct")


@admin.register(TrainingQuestion)
class TrainingQuestionAdmin(PrivateModelAdmin):
    list_display = ("text_en", "module", "order")
    list_filter = ("module",)
    inlines = [TrainingChoiceInline]


@admin.register(TrainingCompletion)
class TrainingCompletionAdmin(ReadOnlyAdmin):
    list_display = ("user", "module", "score", "passed", "completed_at", "expires_at")
    list_filter = ("module", "passed")
    list_select_related = ("user", "module")


@admin.register(ModeratorPresence)
class ModeratorPresenceAdmin(ReadOnlyAdmin):
    list_display = ("user", "on_duty", "last_seen_at")
    list_filter = ("on_duty",)
    list_select_related = ("user",)
