from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    class Kind(models.TextChoices):
        REPLY = "reply", _("Reply in a thread you follow")
        IDENTITY_REVEALED = "identity_revealed", _("Staff looked up who wrote a post")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    thread = models.ForeignKey(
        "posts.Thread", on_delete=models.CASCADE, related_name="+", null=True, blank=True
    )
    post = models.ForeignKey(
        "posts.Post", on_delete=models.CASCADE, related_name="+", null=True, blank=True
    )
    # Words for the member that belong to this event, such as the reason staff gave.
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Not shown before this moment: an emergency reveal may defer telling the member.
    visible_from = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # A task that runs twice (a retry, a redelivery) must not tell anyone twice.
            models.UniqueConstraint(
                fields=["recipient", "kind", "post"],
                condition=models.Q(kind="reply"),
                name="one_reply_notification_per_post",
            )
        ]
        indexes = [models.Index(fields=["recipient", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.kind} for account {self.recipient_id}"
