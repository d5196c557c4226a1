from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    """The audit log: shared ground under every app that acts on members or posts."""

    name = "audit"
    verbose_name = _("Audit log")
