from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliveryConfig(AppConfig):
    """How notifications reach members: the notifications page and its live bell,
    emails and digests, preferences. The records themselves are the notifications app's,
    on the shared floor; this app sits above posts, whose threads it names."""

    name = "delivery"
    verbose_name = _("Notifications")

    def ready(self):
        from config import hooks
        from delivery import services, tasks  # noqa: F401 (registers the tasks by name)

        hooks.notifications_recorded.connect(
            services.on_notifications_recorded, dispatch_uid="delivery.services"
        )
        hooks.reply_posted.connect(services.on_reply_posted, dispatch_uid="delivery.services")
