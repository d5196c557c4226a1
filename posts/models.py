from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def anonymous_label(number: int | None) -> str:
    if number == 1:
        return str(_("Anonymous member (original poster)"))
    if number:
        return str(_("Anonymous member %(number)s") % {"number": number})
    return str(_("Anonymous member"))


class Thread(models.Model):
    group = models.ForeignKey(
        "groups.SupportGroup", on_delete=models.CASCADE, related_name="threads"
    )
    title = models.CharField(_("title"), max_length=settings.SANAD_THREAD_TITLE_MAX_LENGTH)
    # The author's account is private: only services and staff tools ever read it.
    # Empty once a deleted member chose to leave their posts as "former member".
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    is_locked = models.BooleanField(_("locked"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_posted_at = models.DateTimeField(auto_now_add=True)
    reply_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        indexes = [models.Index(fields=["group", "-last_posted_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("posts:thread", kwargs={"thread_id": self.pk})


class Post(models.Model):
    class State(models.TextChoices):
        VISIBLE = "visible", _("Visible")
        HELD = "held", _("Awaiting review")
        REMOVED = "removed", _("Removed")
        ERASED = "erased", _("Erased by its author")

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    # Private, like Thread.author; empty for a former member's posts.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # What readers see: the persona the group knows, or an anonymous label. The
    # persona is kept for anonymous posts too (only staff tools read it there).
    persona = models.ForeignKey(
        "accounts.Persona", on_delete=models.SET_NULL, null=True, related_name="posts"
    )
    is_anonymous = models.BooleanField(default=False)
    # The author's number among this thread's anonymous authors; 1 is whoever started
    # the thread anonymously ("original poster"). Only the number is stored, so the
    # label is translated when shown.
    anonymous_number = models.PositiveSmallIntegerField(null=True, blank=True)
    is_opening = models.BooleanField(default=False)
    body = models.TextField(_("message"), max_length=settings.SANAD_POST_BODY_MAX_LENGTH)
    # Rendered and sanitised once on save; templates print it as it is.
    body_html = models.TextField(editable=False)
    state = models.CharField(max_length=10, choices=State.choices, default=State.VISIBLE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["thread", "created_at"])]

    def __str__(self) -> str:
        return f"post {self.pk} in thread {self.thread_id}"

    def get_absolute_url(self) -> str:
        return f"{self.thread.get_absolute_url()}#post-{self.pk}"

    @property
    def public_author_name(self) -> str:
        """The only name a reader is ever shown for this post."""
        if self.is_anonymous:
            return anonymous_label(self.anonymous_number)
        if self.persona is None:
            return str(_("Former member"))
        return self.persona.name

    def is_visible_to(self, user) -> bool:
        if self.state == self.State.VISIBLE:
            return True
        return self.state == self.State.HELD and user.is_authenticated and user.pk == self.author_id


class AnonymousAuthor(models.Model):
    """Which number an account carries among the anonymous authors of one thread.

    Keyed per thread, so labels stay stable inside a conversation and connect nothing
    across threads. Only services read the account here.
    """

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    number = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "user"], name="one_label_per_author"),
            models.UniqueConstraint(fields=["thread", "number"], name="labels_unique_in_thread"),
        ]

    def __str__(self) -> str:
        return f"anonymous author {self.number} in thread {self.thread_id}"
