from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A login. Its username and email are private: no page ever shows them.

    What other members see is a Persona.
    """

    # Sanad asks for no names at all.
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), blank=True)
    # A suspended account can do nothing under any persona; the reason is shown to it.
    suspended_at = models.DateTimeField(_("suspended at"), null=True, blank=True)
    suspension_reason = models.TextField(_("reason for suspension"), blank=True)
    # The member's own clock for every date shown to them; empty until they choose one
    # (or sign up), and then the browser's zone is used (accounts.middleware).
    time_zone = models.CharField(_("time zone"), max_length=64, blank=True, default="")
    # "Leave quickly" also signs this account out of the browser it is pressed in. On for
    # new members; members from before the option keep what they had (off).
    quick_exit_signs_out = models.BooleanField(_("leaving quickly signs me out"), default=True)

    class Meta:
        verbose_name = _("account")
        verbose_name_plural = _("accounts")
        permissions = [
            ("reveal_identity", _("Can reveal the account behind a post, with a reason")),
        ]

    def __str__(self) -> str:
        return self.username

    @property
    def is_suspended(self) -> bool:
        return self.suspended_at is not None


class Persona(models.Model):
    """A public pseudonym. Every account has at least one, generated at sign-up."""

    # Empty once the account is deleted: the name stays held back (retired_at) for a
    # while so that nobody can take it and impersonate its former holder.
    user = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="personas"
    )
    name = models.CharField(_("name"), max_length=40)
    # The comparison key: case-folded and normalised, so look-alike names collide.
    name_key = models.CharField(max_length=80, unique=True, editable=False)
    is_default = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    renamed_at = models.DateTimeField(null=True, blank=True)
    retired_at = models.DateTimeField(null=True, blank=True)
    # When a deleted account kept its posts: the moment this persona's posts turn into
    # "Former member", drawn for each persona on its own within a day, so readers of two
    # groups cannot see two personas change together and link them (issue 16).
    detach_posts_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("persona")
        verbose_name_plural = _("personas")
        indexes = [
            models.Index(
                fields=["detach_posts_at"],
                condition=models.Q(detach_posts_at__isnull=False),
                name="persona_detach_due",
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(is_default=True),
                name="one_default_persona_per_account",
            )
        ]

    def __str__(self) -> str:
        return self.name


class DataExport(models.Model):
    """A member's download of everything Sanad holds about them, built by Celery."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to start")
        RUNNING = "running", _("Being prepared")
        READY = "ready", _("Ready to download")
        FAILED = "failed", _("Failed")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="data_exports")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    payload = models.JSONField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("data export")
        verbose_name_plural = _("data exports")
        constraints = [
            # Asking twice while one is being built gives the same job, not a second one.
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status__in=["pending", "running"]),
                name="one_export_in_progress_per_account",
            )
        ]

    def __str__(self) -> str:
        return f"export {self.pk} ({self.status})"


class AccountDeletion(models.Model):
    """A confirmed request to delete an account, carried out by Celery.

    Keeps the account id only: after deletion nothing here points at a person.
    """

    class Mode(models.TextChoices):
        ERASE = "erase", _("Erase my posts")
        KEEP = "keep", _("Keep my posts as “former member”")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to start")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    user_id_at_request = models.BigIntegerField(unique=True)
    mode = models.CharField(max_length=5, choices=Mode.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("account deletion")
        verbose_name_plural = _("account deletions")

    def __str__(self) -> str:
        return f"deletion of account {self.user_id_at_request} ({self.status})"


class RecoveryCode(models.Model):
    """One of a member's one-time recovery codes: the way back without an email address.

    Only a keyed hash is kept (HMAC-SHA256 under a key derived from SECRET_KEY, with a
    salt of its own), so neither a copy of the database nor staff can read a code back.
    A used code keeps its row with used_at set, so the member can see how many are
    left; making a new set deletes the old one.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="recovery_codes")
    salt = models.CharField(max_length=32, editable=False)
    digest = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("recovery code")
        verbose_name_plural = _("recovery codes")

    def __str__(self) -> str:
        return f"recovery code {self.pk} of account {self.user_id}"
