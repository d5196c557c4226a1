from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from django.urls import register_converter

        from config.public_ids import NotificationIdConverter

        # Notification ids count up across the site: members see an opaque one (issue 16).
        register_converter(NotificationIdConverter, "notification")
