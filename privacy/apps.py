from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """The top floor: a member's own data (export, deletion), which must know every app's
    models. Nothing imports it but config.urls."""

    name = "privacy"
    verbose_name = _("Privacy")
