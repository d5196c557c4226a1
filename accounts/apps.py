from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and personas")

    def ready(self):
        # Services queue these by name (config.oncommit.task_after_commit).
        from accounts import tasks  # noqa: F401
