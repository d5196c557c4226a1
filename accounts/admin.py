from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from config.admin_privacy import (
    REVEAL_NOTE,
    HistoryWithoutInlineNamesMixin,
    NoRelatedNamesOnDeleteMixin,
)


@admin.register(User)
class UserAdmin(HistoryWithoutInlineNamesMixin, NoRelatedNamesOnDeleteMixin, DjangoUserAdmin):
    """Accounts without their personas: no persona inline, no membership, no post.

    Which account holds a persona is for the reveal page alone (permission, reason,
    audit row). Deleting an account goes through the member's own deletion flow (erase
    or keep as "former member"), never through admin, whose cascade would both skip
    that choice and list the account's personas and posts on its confirmation page.
    """

    fieldsets = (
        (None, {"fields": ("username", "password"), "description": REVEAL_NOTE}),
        (_("Contact"), {"fields": ("email",)}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    list_display = ("username", "is_staff", "is_active", "date_joined")
    search_fields = ("username",)

    def has_delete_permission(self, request, obj=None):
        return False
