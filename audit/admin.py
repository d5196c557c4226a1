from django.contrib import admin

from audit.models import AuditEntry
from config.admin_privacy import ReadOnlyAdmin


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """Read-only: the audit log is evidence, so nobody edits or deletes it, here or
    anywhere else. As on the site's audit page, the member an entry is about is not
    shown: the account id beside a post id (or a membership id in the details) would
    join an account to a persona."""

    list_display = ("created_at", "action", "actor", "group", "post_id_at_action")
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
        "reason",
    )
    readonly_fields = fields
