from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """An append-only record of a moderation or staff act.

    Ids and a namespaced action ("identity.revealed", "post.hidden"), the reason the
    actor wrote, never the content of a post. Nothing updates or deletes these rows.
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(_("action"), max_length=60)
    # A string reference, never an import: the audit log sits below the groups app.
    group = models.ForeignKey(
        "groups.SupportGroup", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    post_id_at_action = models.BigIntegerField(null=True, blank=True)
    subject_account_id = models.BigIntegerField(null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        # The table moderation created: the model moved apps, the rows never did.
        db_table = "moderation_auditentry"
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.action} by {self.actor_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit entries are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit entries are append-only.")
