from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from moderation.models import (
    Appeal,
    AuditEntry,
    CrisisPhrase,
    CrisisResource,
    ModeratorPresence,
    Report,
    ReviewItem,
    TrainingChoice,
    TrainingCompletion,
    TrainingModule,
    TrainingQuestion,
    WatchedWord,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records that services write; admin shows them and never edits them, so nothing
    slips past the audit trail."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CrisisResource)
class CrisisResourceAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "country",
        "language",
        "phone",
        "order",
        "is_active",
        "needs_verification",
    )
    list_filter = ("needs_verification", "language", "is_active", "country")
    list_editable = ("order", "is_active")
    search_fields = ("name", "country")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class ReportInline(admin.TabularInline):
    model = Report
    extra = 0
    fields = ("reason", "note", "outcome", "created_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ReviewItem)
class ReviewItemAdmin(ReadOnlyAdmin):
    list_display = ("pk", "group", "kind", "priority", "source", "status", "created_at")
    list_filter = ("priority", "status", "kind", "source", "escalated_to")
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
        "created_at",
        "first_action_at",
        "resolved_at",
        "escalated_to",
        "escalation_note",
    )
    readonly_fields = fields
    inlines = [ReportInline]


@admin.register(Appeal)
class AppealAdmin(ReadOnlyAdmin):
    list_display = ("pk", "post", "status", "created_at", "decided_at")
    list_filter = ("status",)
    fields = ("post", "status", "note", "created_at", "decided_at", "decision_note")
    readonly_fields = fields


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """Read-only: the audit log is evidence, so nobody edits or deletes it, here or
    anywhere else."""

    list_display = (
        "created_at",
        "action",
        "actor",
        "group",
        "post_id_at_action",
        "subject_account_id",
    )
    list_filter = ("action", "group", "created_at")
    search_fields = ("action", "reason")
    date_hierarchy = "created_at"
    list_select_related = ("actor", "group")
    fields = (
        "created_at",
        "actor",
        "action",
        "group",
        "post_id_at_action",
        "subject_account_id",
        "reason",
        "details",
    )
    readonly_fields = fields


class WatchedWordForm(forms.ModelForm):
    class Meta:
        model = WatchedWord
        fields = ("pattern", "is_regex", "language", "action", "note", "is_active")


@admin.register(WatchedWord)
class WatchedWordAdmin(admin.ModelAdmin):
    """Patterns are checked when saved (WatchedWord.clean): a malformed regular
    expression is refused here with the error shown, never discovered while a member
    is posting."""

    form = WatchedWordForm
    list_display = ("pattern", "is_regex", "language", "action", "is_active")
    list_filter = ("action", "language", "is_regex", "is_active")
    search_fields = ("pattern", "note")


@admin.register(CrisisPhrase)
class CrisisPhraseAdmin(admin.ModelAdmin):
    list_display = ("phrase", "language", "kind", "is_active")
    list_filter = ("kind", "language", "is_active")
    search_fields = ("phrase",)


class TrainingQuestionInline(admin.StackedInline):
    model = TrainingQuestion
    extra = 1
    fields = ("order", "text_en", "text_ar")
    show_change_link = True


@admin.register(TrainingModule)
class TrainingModuleAdmin(admin.ModelAdmin):
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
class TrainingQuestionAdmin(admin.ModelAdmin):
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
