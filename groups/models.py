from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from config.markdown import render_group_text


class Topic(models.Model):
    """What a group is about ("grief", "anxiety"), named in both languages for the
    directory's filter and for search."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name_en = models.CharField(_("name in English"), max_length=60)
    name_ar = models.CharField(_("name in Arabic"), max_length=60)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if (get_language() or "").startswith("ar"):
            return self.name_ar or self.name_en
        return self.name_en or self.name_ar


class SupportGroup(models.Model):
    class Access(models.TextChoices):
        OPEN = "open", _("Open: anyone signed in can join")
        REQUEST = "request", _("By request: answer the entry questions")
        INVITE = "invite", _("By invitation only")

    class Listing(models.TextChoices):
        LISTED = "listed", _("Listed in the directory")
        UNLISTED = "unlisted", _("Unlisted: reachable only by link or invite")

    class Leadership(models.TextChoices):
        PEER = "peer", _("Peer-led")
        PROFESSIONAL = "professional", _("Professionally led")

    class Language(models.TextChoices):
        ARABIC = "ar", _("Arabic")
        ENGLISH = "en", _("English")

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        allow_unicode=True,
        help_text=_("The group's address: /groups/<slug>/. Arabic letters are fine."),
        error_messages={"unique": _("Another group already uses this address. Choose another.")},
    )
    summary = models.CharField(_("summary"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    rules = models.TextField(_("rules"), blank=True)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    access = models.CharField(
        _("access"), max_length=10, choices=Access.choices, default=Access.OPEN
    )
    listing = models.CharField(
        _("listing"), max_length=10, choices=Listing.choices, default=Listing.LISTED
    )
    leadership = models.CharField(
        _("leadership"), max_length=15, choices=Leadership.choices, default=Leadership.PEER
    )
    allow_anonymous_posts = models.BooleanField(_("allow anonymous posts"), default=True)
    hold_first_posts = models.PositiveSmallIntegerField(
        _("hold the first posts of new members"),
        default=0,
        help_text=_("How many posts of a new member wait for review before they are shown."),
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), related_name="groups", blank=True
    )
    join_cooldown_days = models.PositiveSmallIntegerField(
        _("days before a declined applicant may ask again"),
        default=14,
        validators=[MaxValueValidator(365)],
    )
    is_archived = models.BooleanField(_("archived"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # Kept by groups.search from name, summary and topics, with Arabic spelling folded:
    # search_text for the SQLite fallback, search_vector (GIN-indexed, see the
    # migration) for PostgreSQL full-text search.
    search_text = models.TextField(default="", blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("support group")
        verbose_name_plural = _("support groups")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("groups:detail", kwargs={"slug": self.slug})

    @property
    def is_professional(self) -> bool:
        return self.leadership == self.Leadership.PROFESSIONAL

    @property
    def rules_html(self) -> str:
        return render_group_text(self.rules)

    @property
    def description_html(self) -> str:
        return render_group_text(self.description)


class Membership(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        MODERATOR = "moderator", _("Moderator")
        FACILITATOR = "facilitator", _("Facilitator")

    class State(models.TextChoices):
        ACTIVE = "active", _("Active")
        PENDING = "pending", _("Pending")
        BANNED = "banned", _("Banned")
        LEFT = "left", _("Left")

    group = models.ForeignKey(SupportGroup, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    # The one persona this group sees; other members never learn the account's others.
    persona = models.ForeignKey(
        "accounts.Persona", on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.MEMBER)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.ACTIVE)
    joined_at = models.DateTimeField(auto_now_add=True)
    # Sanctions sit on the membership, that is on the account, never on a persona:
    # switching persona or posting anonymously does not escape them.
    muted_until = models.DateTimeField(_("muted until"), null=True, blank=True)
    sanction_reason = models.TextField(_("reason given to the member"), blank=True)
    # Set by staff only, once they have checked a facilitator's professional standing.
    is_verified_facilitator = models.BooleanField(
        _("verified facilitator"),
        default=False,
        help_text=_("Staff only: this facilitator's qualifications have been checked."),
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="one_membership_per_group"),
        ]

    def __str__(self) -> str:
        return f"{self.persona} in {self.group}"

    def clean(self) -> None:
        # Admin picks user and persona separately; a persona of another account would
        # show one member's pseudonym on another's posts.
        if self.persona_id and self.user_id and self.persona.user_id != self.user_id:
            raise ValidationError({"persona": _("This persona belongs to another account.")})

    @property
    def is_active(self) -> bool:
        return self.state == self.State.ACTIVE

    @property
    def can_moderate(self) -> bool:
        return self.is_active and self.role in (self.Role.MODERATOR, self.Role.FACILITATOR)


class EntryQuestion(models.Model):
    """A question a request group asks everyone who wants to join."""

    class Kind(models.TextChoices):
        SHORT = "short", _("Short answer")
        LONG = "long", _("Long answer")
        CHOICE = "choice", _("Single choice")
        RULES = "rules", _("“I have read the rules”")

    group = models.ForeignKey(
        SupportGroup, on_delete=models.CASCADE, related_name="entry_questions"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SHORT)
    prompt = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("help text"), max_length=300, blank=True)
    options = models.TextField(
        _("options"), blank=True, help_text=_("For a single choice: one option per line.")
    )
    is_required = models.BooleanField(_("required"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("entry question")
        verbose_name_plural = _("entry questions")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.prompt

    def clean(self) -> None:
        if self.kind == self.Kind.CHOICE and len(self.option_list) < 2:
            raise ValidationError({"options": _("A single choice needs at least two options.")})

    @property
    def option_list(self) -> list[str]:
        return [line.strip() for line in self.options.splitlines() if line.strip()]


class JoinRequest(models.Model):
    """An applicant's answers to a request group's entry questions, and the decision."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for a moderator")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    group = models.ForeignKey(SupportGroup, on_delete=models.CASCADE, related_name="join_requests")
    # Private, like a post's author: moderators see only the persona below.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="join_requests"
    )
    # The persona the group will see once the applicant is in, and the only name the
    # moderators who decide are shown.
    persona = models.ForeignKey("accounts.Persona", on_delete=models.PROTECT, related_name="+")
    # A copy of each question as it was asked, with the answer: a question edited or
    # removed later must not change what the applicant said.
    answers = models.JSONField(default=list, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    note = models.TextField(_("note to the applicant"), blank=True, max_length=1000)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("join request")
        verbose_name_plural = _("join requests")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "user"],
                condition=models.Q(state="pending"),
                name="one_pending_join_request_per_group",
            )
        ]
        indexes = [models.Index(fields=["group", "state", "created_at"])]

    def __str__(self) -> str:
        return f"join request {self.pk} ({self.state})"


class Invite(models.Model):
    """A link that lets whoever holds it join, until it expires, runs out or is revoked."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        EXPIRED = "expired", _("Expired")
        USED_UP = "used_up", _("Used up")
        REVOKED = "revoked", _("Revoked")

    group = models.ForeignKey(SupportGroup, on_delete=models.CASCADE, related_name="invites")
    token = models.CharField(max_length=64, unique=True, editable=False)
    label = models.CharField(
        _("label"),
        max_length=80,
        blank=True,
        help_text=_("For the moderators only, for example “March intake”."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    max_uses = models.PositiveIntegerField(
        _("use limit"), default=10, validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )
    use_count = models.PositiveIntegerField(_("times used"), default=0, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("invite")
        verbose_name_plural = _("invites")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # Redeeming locks the row and counts; the database refuses one use too many
            # should two redemptions ever race past the check.
            models.CheckConstraint(
                condition=models.Q(use_count__lte=models.F("max_uses")),
                name="invite_use_count_within_limit",
            ),
        ]

    def __str__(self) -> str:
        return self.label or f"invite {self.pk}"

    def get_absolute_url(self) -> str:
        join = reverse("groups:join", kwargs={"slug": self.group.slug})
        return f"{join}?{urlencode({'invite': self.token})}"

    @property
    def status(self) -> str:
        if self.revoked_at is not None:
            return self.Status.REVOKED
        if self.expires_at <= timezone.now():
            return self.Status.EXPIRED
        if self.use_count >= self.max_uses:
            return self.Status.USED_UP
        return self.Status.ACTIVE

    def get_status_display(self) -> str:
        return self.Status(self.status).label
