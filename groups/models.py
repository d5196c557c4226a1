from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


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
    slug = models.SlugField(_("slug"), max_length=80, unique=True, allow_unicode=True)
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
    is_archived = models.BooleanField(_("archived"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("support group")
        verbose_name_plural = _("support groups")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("groups:detail", kwargs={"slug": self.slug})

    @property
    def rules_html(self) -> str:
        from posts.rendering import render_markdown

        return render_markdown(self.rules)

    @property
    def description_html(self) -> str:
        from posts.rendering import render_markdown

        return render_markdown(self.description)


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
