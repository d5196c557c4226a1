from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewItem(models.Model):
    """One thing for moderators to look at. Every report on the same post joins it."""

    class Priority(models.IntegerChoices):
        # Lower sorts first: crisis is always at the top of the queue.
        CRISIS = 0, _("Crisis")
        HIGH = 1, _("High")
        NORMAL = 2, _("Normal")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        RESOLVED = "resolved", _("Resolved")

    group = models.ForeignKey(
        "groups.SupportGroup", on_delete=models.CASCADE, related_name="review_items"
    )
    post = models.ForeignKey("posts.Post", on_delete=models.CASCADE, related_name="review_items")
    priority = models.PositiveSmallIntegerField(choices=Priority.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("review item")
        verbose_name_plural = _("review items")
        ordering = ["priority", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["post"],
                condition=models.Q(status="open"),
                name="one_open_review_item_per_post",
            )
        ]
        indexes = [models.Index(fields=["status", "priority", "created_at"])]

    def __str__(self) -> str:
        return f"review item {self.pk}"


class Report(models.Model):
    class Reason(models.TextChoices):
        CRISIS = "crisis", _("Someone may be at risk of harm")
        HARASSMENT = "harassment", _("Harassment or bullying")
        HATE = "hate", _("Hate or discrimination")
        SPAM = "spam", _("Spam or advertising")
        MEDICAL = "medical", _("Harmful medical misinformation")
        PERSONAL_INFO = "personal_info", _("Shares someone's personal information")
        OTHER = "other", _("Something else")

    item = models.ForeignKey(ReviewItem, on_delete=models.CASCADE, related_name="reports")
    # Moderators see that a post was reported and why, never by whom.
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    note = models.TextField(_("note"), blank=True, max_length=settings.SANAD_REPORT_NOTE_MAX_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(fields=["item", "reporter"], name="one_report_per_reporter"),
        ]

    def __str__(self) -> str:
        return f"report {self.pk} ({self.reason})"


class CrisisResource(models.Model):
    """A helpline or service shown on /help/. Admins keep the list current."""

    name = models.CharField(_("name"), max_length=120)
    country = models.CharField(
        _("country"), max_length=80, blank=True, help_text=_("Leave empty for international.")
    )
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Leave empty to show in every language."),
    )
    description = models.TextField(_("description"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    url = models.URLField(_("website"), blank=True)
    hours = models.CharField(_("hours"), max_length=80, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    is_active = models.BooleanField(_("shown"), default=True)

    class Meta:
        verbose_name = _("crisis resource")
        verbose_name_plural = _("crisis resources")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class AuditEntry(models.Model):
    """An append-only record of a moderation or staff act.

    Ids and a namespaced action ("identity.revealed", "post.hidden"), the reason the
    actor wrote, never the content of a post. Nothing updates or deletes these rows.
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(_("action"), max_length=60)
    group = models.ForeignKey(
        "groups.SupportGroup", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    post_id_at_action = models.BigIntegerField(null=True, blank=True)
    subject_account_id = models.BigIntegerField(null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
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
