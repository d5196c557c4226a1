from django.contrib import admin

from notifications.models import Delivery, Digest, FanOut, Notification


class ReadOnlyAdmin(admin.ModelAdmin):
    """Operational records: staff look, services write."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("kind", "recipient", "created_at", "read_at")
    list_filter = ("kind",)
    raw_id_fields = ("recipient", "thread", "post", "group")


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = ("notification", "channel", "status", "outcome", "attempts", "created_at")
    list_filter = ("channel", "status", "outcome")
    raw_id_fields = ("notification",)


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
