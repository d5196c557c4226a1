from django.contrib import admin

from groups.models import Membership, SupportGroup


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ("user", "persona", "role", "state")
    raw_id_fields = ("user", "persona")


@admin.register(SupportGroup)
class SupportGroupAdmin(admin.ModelAdmin):
    list_display = ("name", "language", "access", "listing", "leadership", "is_archived")
    list_filter = ("language", "access", "listing", "leadership", "is_archived")
    search_fields = ("name", "summary")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [MembershipInline]
