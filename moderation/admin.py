from django.contrib import admin

from moderation.models import AuditEntry, CrisisResource, Report, ReviewItem


@admin.register(CrisisResource)
class CrisisResourceAdmin(admin.ModelAdmin):
    list_display = ("name", "country", "language", "phone", "order", "is_active")
    list_filter = ("language", "is_active")
    list_editable = ("order", "is_active")
    search_fields = ("name", "country")


class ReportInline(admin.TabularInline):
    model = Report
    extra = 0
    fields = ("reason", "note", "created_at")
    readonly_fields = fields
    can_delete = False


@admin.register(ReviewItem)
class ReviewItemAdmin(admin.ModelAdmin):
    list_display = ("pk", "group", "priority", "status", "created_at")
    list_filter = ("priority", "status")
    raw_id_fields = ("post",)
    inlines = [ReportInline]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
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

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
