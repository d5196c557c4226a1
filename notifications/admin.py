from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from config.admin_privacy import PrivateModelAdmin
from notifications.models import Delivery, Digest, FanOut, Notification


class ReadOnlyAdmin(PrivateModelAdmin):
    """Operational records: staff look, services write."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    """Without the recipient: which account was told about a thread or a group would
    say whose persona posted there (and who belongs to the group)."""

    list_display = ("kind", "created_at", "read_at")
    list_filter = ("kind",)
    fields = ("kind", "group", "thread", "post", "count", "created_at", "visible_from", "read_at")
    readonly_fields = fields


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = ("notification_number", "channel", "status", "outcome", "attempts", "created_at")
    list_filter = ("channel", "status", "outcome")
    fields = (
        "notification_number",
        "channel",
        "status",
        "outcome",
        "attempts",
        "not_before",
        "created_at",
        "sent_at",
    )
    readonly_fields = fields

    # A notification's own name carries its recipient's account id.
    @admin.display(description=_("notification"), ordering="notification_id")
    def notification_number(self, delivery: Delivery) -> int:
        return delivery.notification_id


@admin.register(FanOut)
class FanOutAdmin(ReadOnlyAdmin):
    list_display = ("post", "kind", "recorded", "started_at", "finished_at")
    list_filter = ("kind",)
    raw_id_fields = ("post",)


@admin.register(Digest)
class DigestAdmin(ReadOnlyAdmin):
    list_display = ("user", "frequency", "period_start", "status", "notification_count")
    list_filter = ("frequency", "status")
    raw_id_fields = ("user",)
