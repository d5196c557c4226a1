import re
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from moderation.countries import COUNTRY_CHOICES, country_name


def _in_language(obj, field: str) -> str:
    """The Arabic or English text of a bilingual field, falling back to the other one."""
    first, second = ("ar", "en") if (get_language() or "").startswith("ar") else ("en", "ar")
    return getattr(obj, f"{field}_{first}") or getattr(obj, f"{field}_{second}")


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

    class Kind(models.TextChoices):
        POST = "post", _("Post")
        CONDUCT = "conduct", _("A member's conduct")
        APPEAL = "appeal", _("Appeal of a removal")
        # Words a rule refused to publish (a limit, a lock, a mute...) that carry crisis
        # language: there is no post, only the attempt (PostAttempt).
        ATTEMPT = "attempt", _("A post that could not be published")

    class Source(models.TextChoices):
        REPORT = "report", _("Reported by members")
        NEW_MEMBER = "new_member", _("A new member's first posts")
        WATCHED_WORD = "watched_word", _("Watched words")
        SELF_DISCLOSURE = "self_disclosure", _("Personal contact details")
        CRISIS = "crisis", _("Crisis language")
        HARMFUL = "harmful", _("Method details or encouragement of self-harm")
        # Possible risk: published, and a moderator looks in on the member when they can.
        CHECK_IN = "check_in", _("Possible risk: check on this member")
        MODERATOR = "moderator", _("Opened by a moderator")
        APPEAL = "appeal", _("Appeal")
        OUT_OF_HOURS = "out_of_hours", _("Hidden automatically out of hours")

    class CrisisTier(models.TextChoices):
        # What the crisis detector (moderation.screening.assess_crisis) decided.
        URGENT = "urgent", _("Urgent: the writer may be at risk now")
        POSSIBLE = "possible", _("Possible risk")
        OTHER_PERSON = "other_person", _("Someone else may be at risk")
        HOLD = "hold", _("Methods, a pact or encouragement of self-harm")
        NONE = "none", _("No crisis language")

    class Decision(models.TextChoices):
        APPROVED = "approved", _("Approved")
        NO_ACTION = "no_action", _("No action needed")
        REMOVED = "removed", _("Removed")
        ACTED = "acted", _("Handled")
        APPEAL_GRANTED = "appeal_granted", _("Appeal granted: post restored")
        APPEAL_REFUSED = "appeal_refused", _("Appeal refused: removal stands")

    class Escalation(models.TextChoices):
        STAFF = "staff", _("Staff")
        FACILITATOR = "facilitator", _("The group's professional facilitator")

    group = models.ForeignKey(
        "groups.SupportGroup", on_delete=models.CASCADE, related_name="review_items"
    )
    # Empty only for an attempt that was never published (kind "attempt").
    post = models.ForeignKey(
        "posts.Post",
        on_delete=models.CASCADE,
        related_name="review_items",
        null=True,
        blank=True,
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.POST)
    # The account the item is about: the post's author, or the member whose conduct was
    # reported. Moderators see it only through the group persona or anonymous label.
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    priority = models.PositiveSmallIntegerField(choices=Priority.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.REPORT)
    # What the automatic checks found, for the moderator: [{"source": ..., "detail": ...}].
    flags = models.JSONField(default=list, blank=True)
    crisis_detected = models.BooleanField(default=False)
    # The crisis detector's latest verdict on the words under review, for moderators:
    # its tier, its score (0..1) and the signal codes that fired. Blank when the detector
    # found nothing or never ran (a report, an appeal). About the words only, never
    # about who wrote them.
    crisis_tier = models.CharField(max_length=12, choices=CrisisTier.choices, blank=True)
    crisis_score = models.FloatField(null=True, blank=True)
    crisis_signals = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    # Claiming: exclusive, and it lapses after settings.SANAD_CLAIM_IDLE_MINUTES idle.
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    claim_touched_at = models.DateTimeField(null=True, blank=True)
    # The first claim or act: what response targets and queue health measure.
    first_action_at = models.DateTimeField(null=True, blank=True)
    # Whether anything was done about the member or the post (reporter accuracy).
    action_taken = models.BooleanField(default=False)

    escalated_to = models.CharField(max_length=12, choices=Escalation.choices, blank=True)
    escalation_note = models.TextField(blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    # An appeal is never decided by the moderator who removed the post.
    excluded_moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision = models.CharField(max_length=20, choices=Decision.choices, blank=True)

    # Idempotence marks for the Celery alerts: a retried task tells nobody twice.
    alerted_at = models.DateTimeField(null=True, blank=True)
    overdue_alerted_at = models.DateTimeField(null=True, blank=True)
    staff_emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("review item")
        verbose_name_plural = _("review items")
        ordering = ["priority", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["post"],
                condition=models.Q(status="open", kind="post"),
                name="one_open_review_item_per_post",
            ),
            models.UniqueConstraint(
                fields=["post"],
                condition=models.Q(status="open", kind="appeal"),
                name="one_open_appeal_item_per_post",
            ),
            models.UniqueConstraint(
                fields=["group", "subject"],
                condition=models.Q(status="open", kind="conduct"),
                name="one_open_conduct_item_per_member",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="attempt") | models.Q(post__isnull=False),
                name="review_item_has_a_post_unless_an_attempt",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "priority", "created_at"]),
            models.Index(fields=["group", "subject", "created_at"]),
            models.Index(fields=["resolved_by", "resolved_at"]),
        ]

    def __str__(self) -> str:
        return f"review item {self.pk}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("moderation:item", kwargs={"item_id": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def lane(self) -> str:
        return {0: "crisis", 1: "high", 2: "normal"}[self.priority]

    @property
    def is_crisis(self) -> bool:
        """Someone may be at risk: closing it asks for a note and a confirmation."""
        return self.priority == self.Priority.CRISIS or self.crisis_detected

    @property
    def target(self) -> timedelta:
        return timedelta(minutes=settings.SANAD_QUEUE_TARGET_MINUTES[self.lane])

    @property
    def due_at(self):
        return self.created_at + self.target

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.first_action_at is None and timezone.now() > self.due_at

    def claim_is_live(self, now=None) -> bool:
        if self.claimed_by_id is None or self.claim_touched_at is None:
            return False
        idle = timedelta(minutes=settings.SANAD_CLAIM_IDLE_MINUTES)
        return self.claim_touched_at > (now or timezone.now()) - idle


class Report(models.Model):
    class Reason(models.TextChoices):
        CRISIS = "crisis", _("Someone may be at risk of harm")
        HARASSMENT = "harassment", _("Harassment or bullying")
        HATE = "hate", _("Hate or discrimination")
        SPAM = "spam", _("Spam or advertising")
        MEDICAL = "medical", _("Harmful medical misinformation")
        PERSONAL_INFO = "personal_info", _("Shares someone's personal information")
        OTHER = "other", _("Something else")

    class Outcome(models.TextChoices):
        UPHELD = "upheld", _("Action taken")
        NOT_UPHELD = "not_upheld", _("No action needed")

    item = models.ForeignKey(ReviewItem, on_delete=models.CASCADE, related_name="reports")
    # Moderators see that a post was reported and why, never by whom.
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    note = models.TextField(_("note"), blank=True, max_length=settings.SANAD_REPORT_NOTE_MAX_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when the item is resolved: how often a reporter's reports hold up shows
    # moderators when reporting is being abused.
    outcome = models.CharField(max_length=12, choices=Outcome.choices, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(fields=["item", "reporter"], name="one_report_per_reporter"),
        ]
        indexes = [models.Index(fields=["reporter", "outcome"])]

    def __str__(self) -> str:
        return f"report {self.pk} ({self.reason})"


class Appeal(models.Model):
    """An author's one appeal against the removal of their post."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a moderator")
        GRANTED = "granted", _("Granted: the post is back")
        REFUSED = "refused", _("Refused: the removal stands")

    # One-to-one: a removal can be appealed once.
    post = models.OneToOneField("posts.Post", on_delete=models.CASCADE, related_name="appeal")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    note = models.TextField(_("your appeal"), max_length=settings.SANAD_APPEAL_NOTE_MAX_LENGTH)
    item = models.OneToOneField(
        ReviewItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="appeal"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")

    def __str__(self) -> str:
        return f"appeal of post {self.post_id} ({self.status})"


class PostAttempt(models.Model):
    """Words a member tried to post that a rule refused (a rate limit, a lock, a mute, a
    ban, a suspension...), kept only because they carry crisis language: the group's
    moderators must be able to reach someone whose words nobody else will read.

    Never published anywhere. The words are the member's own: they are in their export
    and go with their account. An anonymous attempt stays anonymous: it keeps no persona,
    and its item never gathers the member's other attempts.
    """

    class Where(models.TextChoices):
        THREAD = "thread", _("A new conversation")
        REPLY = "reply", _("A reply")
        EDIT = "edit", _("An edit of a post")

    item = models.ForeignKey(ReviewItem, on_delete=models.CASCADE, related_name="attempts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="post_attempts"
    )
    group = models.ForeignKey("groups.SupportGroup", on_delete=models.CASCADE, related_name="+")
    # The persona the group knows the member by, for a named attempt only.
    persona = models.ForeignKey(
        "accounts.Persona", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    thread = models.ForeignKey(
        "posts.Thread", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The post an edit was for.
    post = models.ForeignKey(
        "posts.Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    where = models.CharField(max_length=10, choices=Where.choices)
    is_anonymous = models.BooleanField(default=False)
    title = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    content_warning = models.CharField(max_length=100, blank=True)
    # Why it was refused: the rule's code ("rate_limited", "muted", "locked"...).
    refusal = models.CharField(max_length=40)
    # The same words sent again (a retry) count on this row instead of a new one.
    fingerprint = models.CharField(max_length=64)
    times = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    last_tried_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("refused post with crisis language")
        verbose_name_plural = _("refused posts with crisis language")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "fingerprint"], name="one_attempt_row_per_text_per_item"
            ),
        ]
        indexes = [models.Index(fields=["author", "group", "fingerprint"])]

    def __str__(self) -> str:
        return f"attempt {self.pk} on item {self.item_id}"


def validate_phone_number(value: str) -> None:
    """One number, as it is dialled: digits, spaces and dashes, an optional leading +.

    "112 / 911 / 999" in one field once made a link that dialled 112911999: each
    number is its own resource now, and several emergency codes glued together by
    spaces are refused as well.
    """
    if not re.fullmatch(r"\+?[0-9]([0-9 -]{0,20}[0-9])?", value):
        raise ValidationError(
            _(
                "Write one phone number, as it is dialled: digits, spaces or dashes, and "
                "a + in front if needed. Add a separate resource for each other number."
            ),
            code="phone_format",
        )
    digits = re.sub(r"[^0-9]", "", value)
    if len(digits) > 15:
        raise ValidationError(_("A phone number has at most 15 digits."), code="phone_length")
    groups = re.split(r"[ -]+", value.lstrip("+"))
    if len(groups) >= 2 and all(group in SHORT_EMERGENCY_CODES for group in groups):
        raise ValidationError(
            _(
                "This looks like several emergency numbers in one field. Add a separate "
                "resource for each, so each one dials on its own."
            ),
            code="phone_several",
        )


# Emergency numbers short enough to be mistaken for parts of one longer number.
SHORT_EMERGENCY_CODES = frozenset(
    re.findall(
        r"[0-9]+",
        "000 100 101 102 104 110 111 112 113 115 119 122 123 140 175 180 190 191 194 195 "
        "197 198 199 911 997 998 999 9999 14 15 17 18 19",
    )
)


class CrisisResource(models.Model):
    """A crisis line or an emergency service, shown on /help/ and in the crisis panel.

    Admins keep the list current and record when an operator last checked each entry:
    a wrong number in a crisis is worse than none.
    """

    class Kind(models.TextChoices):
        HELPLINE = "helpline", _("Crisis or support line")
        EMERGENCY = "emergency", _("Emergency services")

    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.HELPLINE)
    country = models.CharField(
        _("country"),
        max_length=2,
        blank=True,
        choices=COUNTRY_CHOICES,
        help_text=_("Leave empty for a service anyone can reach, wherever they are."),
    )
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_(
            "The language of the members this entry is written for; leave empty to show "
            "it in every language."
        ),
    )
    description = models.TextField(_("description"), blank=True)
    phone = models.CharField(
        _("phone number"),
        max_length=24,
        blank=True,
        validators=[validate_phone_number],
        help_text=_(
            "One number, as it is dialled (for example 116 123). Each number gets its "
            "own call button: add a separate resource for another number."
        ),
    )
    url = models.URLField(_("website"), blank=True)
    hours = models.CharField(_("hours"), max_length=80, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    is_active = models.BooleanField(_("shown"), default=True)
    verified_on = models.DateField(
        _("verified by an operator on"),
        null=True,
        blank=True,
        help_text=_(
            "The day someone from Sanad's team called the number (or checked the "
            "service's own site) and found it right. Empty: not verified yet."
        ),
    )
    verification_note = models.CharField(
        _("how it was verified"),
        max_length=200,
        blank=True,
        help_text=_("For the team: who checked, and how (a call, the service's site)."),
    )

    class Meta:
        verbose_name = _("crisis resource")
        verbose_name_plural = _("crisis resources")
        ordering = ["order", "name"]
        constraints = [
            # One number per resource, whatever writes the row (admin validates the
            # same rule with a message; see validate_phone_number).
            models.CheckConstraint(
                condition=models.Q(phone="")
                | models.Q(phone__regex=r"^\+?[0-9]([0-9 -]{0,20}[0-9])?$"),
                name="crisis_resource_one_phone_number",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def dial(self) -> str:
        """What a tel: link dials: the digits, and the + of an international number."""
        digits = re.sub(r"[^0-9]", "", self.phone)
        return f"+{digits}" if self.phone.startswith("+") else digits

    @property
    def country_name(self) -> str:
        return country_name(self.country)

    @property
    def is_verified(self) -> bool:
        return self.verified_on is not None


class WatchedWord(models.Model):
    """A word or pattern that blocks, holds, flags or censors a new post.

    Matched against the normalised text (case, Arabic letter variants, diacritics,
    stretched letters), so the operator writes one form and catches the rest.
    """

    class Action(models.TextChoices):
        BLOCK = "block", _("Block: refuse the post with a message")
        HOLD = "hold", _("Hold for review before others see it")
        FLAG = "flag", _("Flag for review, keep it visible")
        CENSOR = "censor", _("Censor it in what readers see")

    pattern = models.CharField(
        _("word, phrase or pattern"),
        max_length=200,
        help_text=_(
            "Plain text is matched as a whole word or phrase; tick the box below "
            "for a regular expression."
        ),
    )
    is_regex = models.BooleanField(_("regular expression"), default=False)
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Applies to groups in this language; leave empty for every group."),
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    note = models.CharField(_("note for moderators"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("watched word")
        verbose_name_plural = _("watched words")
        ordering = ["action", "pattern"]

    def __str__(self) -> str:
        return self.pattern

    def clean(self) -> None:
        from moderation.text import compile_watched_pattern

        try:
            compile_watched_pattern(self.pattern, is_regex=self.is_regex)
        except ValueError as error:
            raise ValidationError({"pattern": str(error)}) from error


class CrisisPhrase(models.Model):
    """A phrase the crisis detector looks for, matched after normalisation."""

    class Kind(models.TextChoices):
        CRISIS = "crisis", _("Crisis language: publish, show resources, urgent review")
        HARMFUL = "harmful", _("Method details or encouragement: hold, show resources")

    phrase = models.CharField(_("phrase"), max_length=200)
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.CRISIS)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("crisis phrase")
        verbose_name_plural = _("crisis phrases")
        ordering = ["kind", "language", "phrase"]
        constraints = [
            models.UniqueConstraint(fields=["phrase", "kind"], name="one_crisis_phrase_per_kind")
        ]

    def __str__(self) -> str:
        return self.phrase


class TrainingModule(models.Model):
    """A short course moderators complete, with a multiple-choice check and an expiry."""

    class Requirement(models.TextChoices):
        ALL = "all", _("Required for any moderation")
        CRISIS = "crisis", _("Required for crisis items")
        OPTIONAL = "optional", _("Optional")

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    title_en = models.CharField(_("title (English)"), max_length=150)
    title_ar = models.CharField(_("title (Arabic)"), max_length=150)
    summary_en = models.CharField(_("summary (English)"), max_length=300, blank=True)
    summary_ar = models.CharField(_("summary (Arabic)"), max_length=300, blank=True)
    body_en = models.TextField(_("text (English, markdown)"))
    body_ar = models.TextField(_("text (Arabic, markdown)"))
    requirement = models.CharField(
        _("required for"), max_length=10, choices=Requirement.choices, default=Requirement.ALL
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (percent)"), default=80, help_text=_("The share of correct answers needed.")
    )
    validity_days = models.PositiveSmallIntegerField(
        _("valid for (days)"), default=365, help_text=_("After this, the module must be retaken.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("training module")
        verbose_name_plural = _("training modules")
        ordering = ["order", "slug"]

    def __str__(self) -> str:
        return self.title_en or self.slug

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("moderation:training_module", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if not 1 <= self.pass_mark <= 100:
            raise ValidationError({"pass_mark": _("Give a percentage between 1 and 100.")})
        if self.validity_days < 1:
            raise ValidationError({"validity_days": _("A module must stay valid at least a day.")})

    @property
    def title(self) -> str:
        return _in_language(self, "title")

    @property
    def summary(self) -> str:
        return _in_language(self, "summary")

    @property
    def body(self) -> str:
        return _in_language(self, "body")


class TrainingQuestion(models.Model):
    module = models.ForeignKey(TrainingModule, on_delete=models.CASCADE, related_name="questions")
    text_en = models.CharField(_("question (English)"), max_length=300)
    text_ar = models.CharField(_("question (Arabic)"), max_length=300)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("training question")
        verbose_name_plural = _("training questions")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text_en

    @property
    def text(self) -> str:
        return _in_language(self, "text")


class TrainingChoice(models.Model):
    question = models.ForeignKey(TrainingQuestion, on_delete=models.CASCADE, related_name="choices")
    text_en = models.CharField(_("answer (English)"), max_length=300)
    text_ar = models.CharField(_("answer (Arabic)"), max_length=300)
    is_correct = models.BooleanField(_("correct"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text_en

    @property
    def text(self) -> str:
        return _in_language(self, "text")


class TrainingCompletion(models.Model):
    """One attempt at a module's check. Only a passed, unexpired one qualifies."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_completions"
    )
    module = models.ForeignKey(TrainingModule, on_delete=models.CASCADE, related_name="completions")
    score = models.PositiveSmallIntegerField(_("score (percent)"))
    passed = models.BooleanField(_("passed"))
    completed_at = models.DateTimeField(_("completed at"), default=timezone.now)
    expires_at = models.DateTimeField(_("valid until"))

    class Meta:
        verbose_name = _("training completion")
        verbose_name_plural = _("training completions")
        ordering = ["-completed_at"]
        indexes = [models.Index(fields=["user", "module", "-expires_at"])]

    def __str__(self) -> str:
        return f"{self.module_id} by {self.user_id} ({self.score}%)"


class ModeratorPresence(models.Model):
    """Whether a moderator is on duty, and when they last worked the queue.

    Off duty means no alerts; "last seen" decides whether anyone qualified is around,
    and so whether the out-of-hours rules apply.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderator_presence"
    )
    on_duty = models.BooleanField(_("on duty"), default=True)
    last_seen_at = models.DateTimeField(_("last seen"), null=True, blank=True)

    class Meta:
        verbose_name = _("moderator presence")
        verbose_name_plural = _("moderator presence")

    def __str__(self) -> str:
        return f"presence of {self.user_id}"
