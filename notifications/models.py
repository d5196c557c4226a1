from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    class Kind(models.TextChoices):
        REPLY = "reply", _("Reply in a thread you follow")
        REACTIONS = "reactions", _("Support reactions on your post")
        JOIN_REQUEST_DECIDED = "join_request_decided", _("Your request to join was decided")
        POST_APPROVED = "post_approved", _("Your post was approved")
        POST_HELD = "post_held", _("Your post is waiting for review")
        POST_REMOVED = "post_removed", _("Your post was removed")
        WARNING = "warning", _("A warning from the moderators")
        CHECK_IN = "check_in", _("A message from a moderator")
        REPORT_OUTCOME = "report_outcome", _("Outcome of your report")
        APPEAL_DECIDED = "appeal_decided", _("Your appeal was decided")
        IDENTITY_REVEALED = "identity_revealed", _("Staff looked up who wrote a post")
        QUEUE_NEW_ITEM = "queue_new_item", _("New item in the review queue")
        QUEUE_OVERDUE = "queue_overdue", _("Overdue item in the review queue")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
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
