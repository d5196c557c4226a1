import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from config import public_ids


class Notification(models.Model):
    class Kind(models.TextChoices):
        REPLY = "reply", _("Reply in a thread you follow")
        REACTIONS = "reactions", _("Support reactions on your post")
        JOIN_REQUEST_DECIDED = "join_request_decided", _("Your request to join was decided")
        POST_APPROVED = "post_approved", _("Your post was approved")
        POST_HELD = "post_held", _("Your post is waiting for review")
        POST_REMOVED = "post_removed", _("Your post was removed")
        WARNING = "warning", _("A warning from the moderators")
        # A mute, a ban or a suspension: told as what it is, never as "a warning".
        SANCTION = "sanction", _("A moderators' decision about your membership")
        CHECK_IN = "check_in", _("A message from a moderator")
        REPORT_OUTCOME = "report_outcome", _("Outcome of your report")
        APPEAL_DECIDED = "appeal_decided", _("Your appeal was decided")
        IDENTITY_REVEALED = "identity_revealed", _("Staff looked up who wrote a post")
        QUEUE_NEW_ITEM = "queue_new_item", _("New item in the review queue")
        QUEUE_OVERDUE = "queue_overdue", _("Overdue item in the review queue")
        ACCOUNT_RECOVERED = "account_recovered", _("Your password was reset with a recovery code")

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
    # For events about a group rather than a thread (a join request decided).
    group = models.ForeignKey(
        "groups.SupportGroup", on_delete=models.CASCADE, related_name="+", null=True, blank=True
    )
    # Words for the member that belong to this event, such as the reason staff gave.
    message = models.TextField(blank=True)
    # How many members, for batched events ("3 members sent support"); never who.
    count = models.PositiveIntegerField(default=0)
    # Lets a caller that may run twice (a retried task) record one event only once.
    event_key = models.CharField(max_length=100, blank=True)
    # False when the member turned this kind off in the app but still wants its email.
    shown_in_app = models.BooleanField(default=True)
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
            ),
            models.UniqueConstraint(
                fields=["recipient", "kind", "event_key"],
                condition=~models.Q(event_key=""),
                name="one_notification_per_event_key",
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "-created_at"]),
            # The bell counts unread notifications on every page a member opens.
            models.Index(
                fields=["recipient"],
                condition=models.Q(read_at__isnull=True),
                name="notification_unread_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for account {self.recipient_id}"

    @property
    def group_name(self) -> str:
        """The group this notification is about, for the member's own eyes only."""
        if self.group_id is not None:
            return self.group.name
        if self.thread_id is not None:
            return self.thread.group.name
        return ""

    @property
    def public_id(self) -> str:
        """What the member sees for this notification (config.public_ids)."""
        return public_ids.encode(self.pk, "notification")

    def target_url(self) -> str:
        """Where following this notification leads; access is checked there."""
        if self.kind in (self.Kind.QUEUE_NEW_ITEM, self.Kind.QUEUE_OVERDUE):
            return reverse("moderation:queue")
        if self.kind == self.Kind.ACCOUNT_RECOVERED:
            # Where a member who did not do it makes a new set of codes.
            return reverse("recovery:codes")
        if self.post_id is not None:
            return self.post.get_absolute_url()
        if self.thread_id is not None:
            return self.thread.get_absolute_url()
        if self.group_id is not None:
            return self.group.get_absolute_url()
        return reverse("notifications:list")


def _new_unsubscribe_key() -> str:
    return secrets.token_urlsafe(18)


class NotificationPreference(models.Model):
    """How a member wants to be told: email style, digests, quiet hours, a pause.

    Members without a row get the defaults (see selectors.preferences_for).
    """

    class EmailStyle(models.TextChoices):
        NEUTRAL = "neutral", _("Neutral: only that something is waiting, with a link")
        DETAILED = "detailed", _("Detailed: what happened and where")

    class Digest(models.TextChoices):
        OFF = "off", _("No digest")
        DAILY = "daily", _("Daily")
        WEEKLY = "weekly", _("Weekly")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    language = models.CharField(
        _("language of emails"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    email_style = models.CharField(
        _("what emails say"), max_length=10, choices=EmailStyle.choices, default=EmailStyle.NEUTRAL
    )
    digest = models.CharField(
        _("digest"), max_length=10, choices=Digest.choices, default=Digest.OFF
    )
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC")
    quiet_start = models.TimeField(_("quiet hours start"), null=True, blank=True)
    quiet_end = models.TimeField(_("quiet hours end"), null=True, blank=True)
    paused = models.BooleanField(_("pause everything"), default=False)
    # Random, so unsubscribe links carry no account id; see emails.unsubscribe_token.
    unsubscribe_key = models.CharField(
        max_length=40, unique=True, default=_new_unsubscribe_key, editable=False
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("notification preferences")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return f"notification preferences of account {self.user_id}"


class KindPreference(models.Model):
    """In-app and email, per kind. In the app by default; email only when asked for."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_kinds"
    )
    kind = models.CharField(max_length=30, choices=Notification.Kind.choices)
    in_app = models.BooleanField(_("in the app"), default=True)
    email = models.BooleanField(_("by email"), default=False)

    class Meta:
        verbose_name = _("notification kind preference")
        verbose_name_plural = _("notification kind preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.kind} preference of account {self.user_id}"


class Delivery(models.Model):
    """One notification on one channel. The unique row is what makes a delivery
    idempotent: a task that runs twice finds it sent and does nothing."""

    class Channel(models.TextChoices):
        PUSH = "push", _("Live in the browser")
        EMAIL = "email", _("Email")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        SKIPPED = "skipped", _("Skipped")

    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="deliveries"
    )
    channel = models.CharField(max_length=10, choices=Channel.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    # Held until then: a deferred notice, or the end of the member's quiet hours.
    not_before = models.DateTimeField(null=True, blank=True)
    # Why a delivery was skipped ("paused", "no_verified_address"); never personal data.
    outcome = models.CharField(max_length=40, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "channel"], name="one_delivery_per_channel"
            )
        ]
        indexes = [
            # The sweeper looks for pending deliveries only; they are few.
            models.Index(
                fields=["created_at"],
                condition=models.Q(status="pending"),
                name="delivery_pending_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.channel} delivery of notification {self.notification_id} ({self.status})"


class FanOut(models.Model):
    """How far telling a thread's watchers about one reply has got.

    Batches go in account id order; the cursor is the last id done, so a worker that
    dies mid-way is resumed where it stopped, and the sweeper can see what is unfinished.
    """

    post = models.ForeignKey("posts.Post", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30, choices=Notification.Kind.choices)
    cursor = models.BigIntegerField(default=0)
    recorded = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("fan-out")
        verbose_name_plural = _("fan-outs")
        constraints = [
            models.UniqueConstraint(fields=["post", "kind"], name="one_fanout_per_post_and_kind")
        ]

    def __str__(self) -> str:
        return f"{self.kind} fan-out of post {self.post_id}"


class ReactionNotice(models.Model):
    """Which support reactions on a post its author has already been told about."""

    post = models.OneToOneField("posts.Post", on_delete=models.CASCADE, related_name="+")
    # Reactions up to this moment are counted in a notice already.
    counted_until = models.DateTimeField()
    notified_at = models.DateTimeField()

    class Meta:
        verbose_name = _("reaction notice")
        verbose_name_plural = _("reaction notices")

    def __str__(self) -> str:
        return f"reaction notice for post {self.post_id}"


class Digest(models.Model):
    """One digest email for one period: unique, so beat firing twice sends it once."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        SKIPPED = "skipped", _("Skipped")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    frequency = models.CharField(max_length=10, choices=NotificationPreference.Digest.choices)
    # The local send time of this period, stored in UTC.
    period_start = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    notification_count = models.PositiveIntegerField(default=0)
    outcome = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("digest")
        verbose_name_plural = _("digests")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "frequency", "period_start"], name="one_digest_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.frequency} digest of account {self.user_id} ({self.status})"
