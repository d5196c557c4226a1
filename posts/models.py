from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from config import public_ids


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
    # Empty only once its author deleted their account and had their words erased: the
    # thread stays for the replies of others, and pages show a placeholder instead.
    title = models.CharField(_("title"), max_length=settings.SANAD_THREAD_TITLE_MAX_LENGTH)
    # The author's account is private: only services and staff tools ever read it.
    # Empty once a deleted member chose to leave their posts as "former member".
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    is_locked = models.BooleanField(_("locked"), default=False)
    is_pinned = models.BooleanField(_("pinned"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_posted_at = models.DateTimeField(auto_now_add=True)
    reply_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        indexes = [
            models.Index(fields=["group", "-last_posted_at"]),
            # The group page: pinned first, then by last activity.
            models.Index(fields=["group", "-is_pinned", "-last_posted_at"], name="thread_list"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("posts:thread", kwargs={"thread_id": self.pk})

    @property
    def public_id(self) -> str:
        """What members see for this thread (config.public_ids): ids carry no order."""
        return public_ids.encode(self.pk, "thread")

    @property
    def display_title(self) -> str:
        """The title, or what stands in for one its author erased with their account."""
        return self.title or str(_("Conversation deleted by its author"))


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
    # The post's place in its thread (1 is the opening post), assigned under the thread's
    # row lock. Every address and anchor a member sees uses it, never the primary key: a
    # global sequence would let a reader of two groups line up two personas' posts.
    number = models.PositiveIntegerField()
    body = models.TextField(_("message"), max_length=settings.SANAD_POST_BODY_MAX_LENGTH)
    # Rendered and sanitised once on save; templates print it as it is.
    body_html = models.TextField(editable=False)
    state = models.CharField(max_length=10, choices=State.choices, default=State.VISIBLE)
    # A warning readers see first ("mentions self-harm"); they open the text on purpose.
    content_warning = models.CharField(_("content warning"), max_length=100, blank=True)
    # What the author is told when moderators remove the post; never shown to others.
    removal_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    # Full-text search on PostgreSQL: the normalised title, warning and body, weighted, in
    # the group language's configuration. Written by services; a GIN index (created by
    # migration 0004 on PostgreSQL only) serves /search/. Empty on SQLite and for posts
    # nobody but their author may read.
    search_vector = SearchVectorField(null=True, editable=False)
    # The analysed title, warning and body (posts.analysis.document), three lines: the
    # vector above is built from it, and on SQLite the FTS5 table posts_post_fts indexes
    # it (kept in step by triggers, migration 0005), so both databases search the same
    # stems. Emptied when the post is erased.
    search_text = models.TextField(blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["thread", "created_at"]),
            # Unread counts and "nobody answered yet": posts of a thread in a state,
            # after a given id.
            models.Index(fields=["thread", "state", "id"], name="post_thread_state_id"),
            # Threads whose opening post is held or removed, for search and lists.
            models.Index(
                fields=["state"], condition=models.Q(is_opening=True), name="post_opening_state"
            ),
        ]
        constraints = [
            # A thread opens once; also the index every "opening post of" join uses.
            models.UniqueConstraint(
                fields=["thread"],
                condition=models.Q(is_opening=True),
                name="one_opening_post_per_thread",
            ),
            models.UniqueConstraint(fields=["thread", "number"], name="one_number_per_post"),
        ]

    def __str__(self) -> str:
        return f"post {self.pk} in thread {self.thread_id}"

    def get_absolute_url(self) -> str:
        # A link that finds the post's page in a long thread (see views.post_link).
        return self.url("posts:post")

    def url(self, name: str) -> str:
        """One of the post's addresses (edit, report, ...): its thread and its number."""
        return reverse(name, kwargs={"thread_id": self.thread_id, "number": self.number})

    @property
    def anchor(self) -> str:
        return f"p{self.number}"

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


class PostRevision(models.Model):
    """The text a post had before an edit. Moderators can read it; the author can redact
    one that disclosed something private (the redaction is logged, the text gone)."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    # The thread's title as it was, for an opening post whose edit changed it.
    title = models.CharField(max_length=settings.SANAD_THREAD_TITLE_MAX_LENGTH, blank=True)
    body = models.TextField()
    content_warning = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    redacted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"revision {self.pk} of post {self.post_id}"


class Reaction(models.Model):
    """A support reaction. Only counts are ever shown, never who reacted."""

    class Kind(models.TextChoices):
        SUPPORT = "support", _("Sending support")
        ME_TOO = "me_too", _("Me too")
        HELPED = "helped", _("This helped")
        THANKS = "thanks", _("Thank you")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "user", "kind"], name="one_reaction_of_a_kind")
        ]

    def __str__(self) -> str:
        return f"{self.kind} on post {self.post_id}"


class Subscription(models.Model):
    """How closely a member follows a thread: watch (told of every reply), normal, mute."""

    class Level(models.TextChoices):
        WATCH = "watch", _("Watching")
        NORMAL = "normal", _("Normal")
        MUTE = "mute", _("Muted")

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="subscriptions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    level = models.CharField(max_length=10, choices=Level.choices, default=Level.WATCH)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "user"], name="one_subscription_per_thread")
        ]
        indexes = [models.Index(fields=["thread", "level"])]

    def __str__(self) -> str:
        return f"{self.level} on thread {self.thread_id}"


class ReadState(models.Model):
    """Where a member stopped reading a thread: drives unread markers."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    last_read_post_id = models.BigIntegerField(default=0)
    last_read_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "user"], name="one_read_state_per_thread")
        ]

    def __str__(self) -> str:
        return f"read state of thread {self.thread_id}"


class Bookmark(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "user"], name="one_bookmark_per_post")
        ]

    def __str__(self) -> str:
        return f"bookmark of post {self.post_id}"


class ReaderPreference(models.Model):
    """How a member likes to read: content warnings opened or not, and muted words."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reader_preference"
    )
    # Off by default: a warning is there so the reader opens the text on purpose.
    expand_content_warnings = models.BooleanField(
        _("always open posts with a content warning"), default=False
    )
    # The reader's own list; posts mentioning one of these words arrive collapsed.
    muted_words = models.TextField(_("muted words"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("reader preference")
        verbose_name_plural = _("reader preferences")

    def __str__(self) -> str:
        return f"reader preferences of account {self.user_id}"
