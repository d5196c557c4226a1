from django.contrib import admin

from moderation.models import CrisisResource, Report, ReviewItem


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
