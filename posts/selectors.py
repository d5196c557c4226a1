"""Reads of threads and posts, always as one viewer may see them.

Post states decide what a reader gets: visible posts in full; a held post only to its
author ("awaiting review"); removed and erased posts as placeholders that keep the
replies around them in context (the author of a removed post also reads the reason).
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from accounts.models import Persona, User
from config import public_ids, rows
from groups.models import Membership, SupportGroup
from groups.selectors import ACTIVE_WINDOW
from posts.models import (
    Bookmark,
    Post,
    PostRevision,
    Reaction,
    ReaderPreference,
    ReadState,
    Subscription,
    Thread,
)
from posts.text import mentions_muted_word, muted_word_list

POSTS_PER_PAGE = 30
THREADS_PER_PAGE = 30
# Shown for placeholders: nothing of the text, not even whose it was.
PLACEHOLDER_STATES = (Post.State.ERASED, Post.State.REMOVED)


def posts_seen_by(viewer: User) -> Q:
    """The posts of a thread page: visible ones, placeholders, and the viewer's own held ones."""
    seen = Q(state__in=[Post.State.VISIBLE, *PLACEHOLDER_STATES])
    if viewer.is_authenticated:
        seen |= Q(state=Post.State.HELD, author=viewer)
    return seen


def thread_posts_for_viewer(thread: Thread, viewer: User) -> QuerySet[Post]:
    # The search vector is for the index alone: reading it back would double the row.
    return (
        thread.posts.filter(posts_seen_by(viewer))
        .select_related("persona")
        .defer("search_vector", "search_text", "persona__name_key", "persona__created_at")
    )


@dataclass
class ReaderSettings:
    expand_content_warnings: bool = False
    muted: list[str] = field(default_factory=list)

    @classmethod
    def from_values(cls, expand, muted_words) -> "ReaderSettings":
        return cls(bool(expand), muted_word_list(muted_words or ""))


def reader_settings(user: User) -> ReaderSettings:
    if not user.is_authenticated:
        return ReaderSettings()
    values = ReaderPreference.objects.filter(user=user).values_list(
        "expand_content_warnings", "muted_words"
    )
    found = values.first()
    return ReaderSettings.from_values(*found) if found else ReaderSettings()


def reader_preference(user: User) -> ReaderPreference:
    return ReaderPreference.objects.filter(user=user).first() or ReaderPreference(user=user)


@dataclass
class ReactionCount:
    kind: str
    label: str
    count: int
    mine: bool


def _reader_marks(post_ids: list[int], viewer: User) -> tuple[dict, set[int]]:
    """Support counts per post and kind (and whether the reader is among them), and which
    of the posts the reader bookmarked: one round trip for a whole page.

    SQL for the same reason as _reader_state: it runs on every thread page.
    """
    if not post_ids:
        return {}, set()
    reaction, bookmark = Reaction._meta.db_table, Bookmark._meta.db_table
    slots = ", ".join(["%s"] * len(post_ids))
    viewer_id = viewer.pk or 0
    sql = f"""
        SELECT post_id, kind, COUNT(*),
               MAX(CASE WHEN user_id = %s THEN 1 ELSE 0 END)
        FROM {reaction} WHERE post_id IN ({slots}) GROUP BY post_id, kind
        UNION ALL
        SELECT post_id, '', 0, 1 FROM {bookmark} WHERE user_id = %s AND post_id IN ({slots})
    """  # noqa: S608 (table names from the models, every value a parameter)
    with connection.cursor() as cursor:
        cursor.execute(sql, [viewer_id, *post_ids, viewer_id, *post_ids])
        rows = cursor.fetchall()
    counts: dict[int, dict[str, tuple[int, bool]]] = {}
    bookmarked: set[int] = set()
    for post_id, kind, number, mine in rows:
        if kind:
            # Only whether the reader is among them: who the others are never leaves here.
            counts.setdefault(post_id, {})[kind] = (number, bool(mine))
        else:
            bookmarked.add(post_id)
    return counts, bookmarked


# URL name -> the key templates read it by (post.links.<key>).
_POST_LINKS = {
    "posts:post": "permalink",
    "posts:post_react": "react",
    "posts:post_bookmark": "bookmark",
    "posts:post_edit": "edit",
    "posts:post_delete": "delete",
    "posts:post_revisions": "revisions",
    "moderation:report": "report",
    "moderation:appeal": "appeal",
    "moderation:post": "moderate",
}


def _post_link_patterns() -> dict[str, str]:
    """Each post action's address with slots for the thread and the post's number,
    reversed once per page rather than seven times per post: reversing was a fifth of a
    thread page's rendering."""
    patterns = {}
    slot = "a" * public_ids.LENGTH
    for name, key in _POST_LINKS.items():
        address = reverse(name, kwargs={"thread_id": slot, "number": 2})
        patterns[key] = address.replace(f"/{slot}/", "/{thread}/", 1).replace(
            "/2/", "/{number}/", 1
        )
    return patterns


def decorate_posts(
    posts: list[Post],
    viewer: User,
    settings: ReaderSettings,
    *,
    last_read_post_id: int | None = None,
    with_reactions: bool = True,
) -> list[Post]:
    """Attach what the post template needs for this reader: support counts (and which
    ones are the reader's), whether the text opens collapsed, what is new, and links."""
    visible = [p.pk for p in posts if p.state == Post.State.VISIBLE]
    counts, bookmarked = _reader_marks(visible, viewer) if with_reactions else ({}, None)
    links = _post_link_patterns()
    labels = [(kind, str(label)) for kind, label in Reaction.Kind.choices]
    first_new_marked = False
    thread_ids = {}
    for post in posts:
        if post.thread_id not in thread_ids:
            thread_ids[post.thread_id] = public_ids.encode(post.thread_id, "thread")
        post.links = {
            name: pattern.format(thread=thread_ids[post.thread_id], number=post.number)
            for name, pattern in links.items()
        }
        by_kind = counts.get(post.pk, {})
        post.reaction_counts = [
            ReactionCount(kind, label, *by_kind.get(kind, (0, False))) for kind, label in labels
        ]
        post.is_own = viewer.is_authenticated and post.author_id == viewer.pk
        post.is_muted = not post.is_own and mentions_muted_word(post.body, settings.muted)
        # A warning is there so a reader opens the text on purpose; "always expand" is the
        # reader's own choice, and a muted word collapses the post whatever that choice.
        post.is_collapsed = post.is_muted or (
            bool(post.content_warning) and not settings.expand_content_warnings
        )
        post.is_new = bool(last_read_post_id and post.pk > last_read_post_id and not post.is_own)
        post.is_first_new = post.is_new and not first_new_marked
        first_new_marked = first_new_marked or post.is_new
        if bookmarked is not None:
            post.is_bookmarked = post.pk in bookmarked
        elif not hasattr(post, "is_bookmarked"):
            post.is_bookmarked = False
    return posts


@dataclass
class ThreadPage:
    thread: Thread
    posts: list[Post]
    number: int
    num_pages: int
    post_count: int
    last_read_post_id: int | None
    has_unread: bool
    subscription_level: str
    opening_state: str | None
    settings: ReaderSettings

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def is_last(self) -> bool:
        return self.number == self.num_pages

    @property
    def last_post_id(self) -> int | None:
        return self.posts[-1].pk if self.posts else None


def _count(queryset: QuerySet) -> Subquery:
    return Coalesce(
        Subquery(
            queryset.order_by().values("thread").annotate(n=Count("pk")).values("n")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


def _page_number(raw: str | None, num_pages: int) -> int:
    if raw == "last":
        return num_pages
    try:
        number = int(raw or 1)
    except ValueError:
        return 1
    return min(max(number, 1), num_pages)


def _reader_state(thread_id: int, viewer_id: int) -> dict:
    """Everything about one reader and one thread that a page needs, in one round trip:
    how many posts they see, how far they read, whether anything is unread, how they
    follow it, the opening post's state and their reading preferences.

    Written as SQL because this runs on every thread page, and composing the same seven
    subqueries through the ORM cost more than running them (the ORM version is in git
    history; tests/posts pin the behaviour).
    """
    post, read, subscription, preference = (
        Post._meta.db_table,
        ReadState._meta.db_table,
        Subscription._meta.db_table,
        ReaderPreference._meta.db_table,
    )
    placeholders = ", ".join(["%s"] * len(PLACEHOLDER_STATES))
    sql = f"""
        SELECT
            (SELECT COUNT(*) FROM {post} p WHERE p.thread_id = %s
                AND (p.state IN ('visible', {placeholders})
                     OR (p.state = 'held' AND p.author_id = %s))),
            r.last_read_post_id,
            EXISTS (SELECT 1 FROM {post} p WHERE p.thread_id = %s AND p.state = 'visible'
                    AND p.id > COALESCE(r.last_read_post_id, 0)),
            (SELECT s.level FROM {subscription} s WHERE s.thread_id = %s AND s.user_id = %s),
            (SELECT p.state FROM {post} p WHERE p.thread_id = %s AND p.is_opening
                ORDER BY p.id LIMIT 1),
            pref.expand_content_warnings,
            pref.muted_words
        FROM (SELECT 1 AS one) AS anchor
        LEFT JOIN {read} r ON r.thread_id = %s AND r.user_id = %s
        LEFT JOIN {preference} pref ON pref.user_id = %s
    """  # noqa: S608 (table names come from the models, every value is a parameter)
    viewer = viewer_id or 0
    params = [thread_id, *PLACEHOLDER_STATES, viewer, thread_id, thread_id, viewer, thread_id]
    params += [thread_id, viewer, viewer]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    names = ["post_count", "last_read", "has_unread", "subscription", "opening_state"]
    names += ["expand", "muted_words"]
    return dict(zip(names, row, strict=True))


# As thread_posts_for_viewer(): the search vector is for the index alone, and the
# persona's name is all a post shows of it.
_POST_LEFT_OUT = ("search_vector", "search_text")
_PERSONA_LEFT_OUT = ("name_key", "created_at")


def _page_posts(thread_id: int, viewer_id: int | None, *, offset: int) -> list[Post]:
    """One page of posts as thread_posts_for_viewer() sees them, in thread order.

    SQL for the same reason as _reader_state (config.rows); tests/posts pin that a page
    holds the same posts, in the same states, as the ORM rule posts_seen_by() gives.
    """
    quote = connection.ops.quote_name
    slots = ", ".join(["%s"] * (1 + len(PLACEHOLDER_STATES)))
    sql = f"""
        SELECT {rows.columns(Post, "p", exclude=_POST_LEFT_OUT)},
               {rows.columns(Persona, "pe", exclude=_PERSONA_LEFT_OUT)}
        FROM {quote(Post._meta.db_table)} p
        LEFT JOIN {quote(Persona._meta.db_table)} pe ON pe.id = p.persona_id
        WHERE p.thread_id = %s
          AND (p.state IN ({slots}) OR (p.state = %s AND p.author_id = %s))
        ORDER BY p.created_at, p.id
        LIMIT %s OFFSET %s
    """  # noqa: S608 (names from the models, every value a parameter)
    params = [thread_id, Post.State.VISIBLE, *PLACEHOLDER_STATES, Post.State.HELD]
    params += [viewer_id or 0, POSTS_PER_PAGE, offset]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchall()
    split = rows.width(Post, exclude=_POST_LEFT_OUT)
    posts = []
    for row in found:
        post = rows.instance(Post, row[:split], exclude=_POST_LEFT_OUT)
        post.persona = rows.instance(Persona, row[split:], exclude=_PERSONA_LEFT_OUT)
        posts.append(post)
    return posts


def thread_page(thread: Thread, viewer: User, page: str | None) -> ThreadPage:
    """One page of a thread for one reader, in a fixed number of queries however long
    the thread: the reader's state in one query, the page's posts, their reactions."""
    state = _reader_state(thread.pk, viewer.pk)
    num_pages = max(1, -(-state["post_count"] // POSTS_PER_PAGE))
    number = _page_number(page, num_pages)
    posts = _page_posts(thread.pk, viewer.pk, offset=(number - 1) * POSTS_PER_PAGE)
    settings = ReaderSettings.from_values(state["expand"], state["muted_words"])
    decorate_posts(posts, viewer, settings, last_read_post_id=state["last_read"])
    for post in posts:
        post.thread = thread
    return ThreadPage(
        thread=thread,
        posts=posts,
        number=number,
        num_pages=num_pages,
        post_count=state["post_count"],
        last_read_post_id=state["last_read"],
        has_unread=bool(state["last_read"]) and state["has_unread"],
        subscription_level=state["subscription"] or Subscription.Level.NORMAL,
        opening_state=state["opening_state"],
        settings=settings,
    )


def post_page_number(post: Post, viewer: User) -> int:
    """Which page of its thread a post is on, for this reader."""
    before = (
        Post.objects.filter(posts_seen_by(viewer), thread_id=post.thread_id)
        .filter(Q(created_at__lt=post.created_at) | Q(created_at=post.created_at, pk__lt=post.pk))
        .count()
    )
    return before // POSTS_PER_PAGE + 1


def first_unread_post(thread: Thread, viewer: User) -> Post | None:
    last_read = (
        ReadState.objects.filter(thread=thread, user=viewer)
        .values_list("last_read_post_id", flat=True)
        .first()
    )
    if last_read is None:
        return None
    return (
        thread.posts.filter(state=Post.State.VISIBLE, pk__gt=last_read)
        .order_by("created_at", "pk")
        .first()
    )


def thread_post(
    thread: Thread, viewer: User, *, post_id: int | None = None, number: int | None = None
) -> Post | None:
    """A post of this thread as this reader may see it, for live updates (by the id the
    server passes itself) and quotes (by the number members see)."""
    found = {"pk": post_id} if post_id is not None else {"number": number}
    post = (
        thread_posts_for_viewer(thread, viewer)
        .filter(**found)
        .annotate(is_bookmarked=Exists(Bookmark.objects.filter(post=OuterRef("pk"), user=viewer)))
        .first()
    )
    if post is not None:
        post.thread = thread
    return post


# Lists of threads


def _opening_readable(viewer: User | None) -> Q:
    readable = Q(opening_state__in=[Post.State.VISIBLE, Post.State.ERASED]) | Q(
        opening_state__isnull=True
    )
    if viewer is not None and viewer.is_authenticated:
        readable |= Q(opening_state=Post.State.HELD, author=viewer)
    return readable


def _with_opening(threads: QuerySet[Thread]) -> QuerySet[Thread]:
    return threads.annotate(
        opening=FilteredRelation("posts", condition=Q(posts__is_opening=True)),
        opening_state=F("opening__state"),
        opening_warning=F("opening__content_warning"),
    )


def group_threads(group: SupportGroup, viewer: User | None = None) -> QuerySet[Thread]:
    """A group's conversations: pinned first, then by last activity, with each one's
    content warning and, for a member, what they have not read yet. One query per page.

    Threads whose opening post is held show only to their author; removed ones drop out
    of the list (their page still shows the placeholder to anyone with the link).
    """
    threads = (
        _with_opening(group.threads.all())
        .filter(_opening_readable(viewer))
        .order_by("-is_pinned", "-last_posted_at", "-pk")
    )
    if viewer is None or not viewer.is_authenticated:
        return threads
    last_read = ReadState.objects.filter(thread=OuterRef("pk"), user=viewer).values(
        "last_read_post_id"
    )[:1]
    return threads.annotate(
        last_read=Subquery(last_read, output_field=IntegerField()),
        unread_count=Case(
            When(last_read__isnull=True, then=Value(0)),
            default=_count(
                Post.objects.filter(
                    thread=OuterRef("pk"),
                    state=Post.State.VISIBLE,
                    pk__gt=OuterRef("last_read"),
                )
            ),
            output_field=IntegerField(),
        ),
    )


def _group_threads_where(viewer_id: int) -> tuple[str, list]:
    """group_threads()'s rule in SQL: the group's threads whose opening post the viewer
    may see listed (visible, erased or missing; held only to the thread's author)."""
    sql = """t.group_id = %s AND (o.state IN (%s, %s) OR o.state IS NULL
        OR (o.state = %s AND t.author_id = %s))"""
    return sql, [Post.State.VISIBLE, Post.State.ERASED, Post.State.HELD, viewer_id]


def group_thread_page(group: SupportGroup, viewer: User, page: str | None) -> Page:
    """One page of group_threads(group, viewer), as a Paginator page, in two queries
    written as SQL (config.rows) for the same reason as _page_posts: every group page
    runs them. tests/posts hold them to group_threads()."""
    quote = connection.ops.quote_name
    thread_table, post_table, read_table = (
        quote(model._meta.db_table) for model in (Thread, Post, ReadState)
    )
    opening = f"LEFT JOIN {post_table} o ON o.thread_id = t.id AND o.is_opening"
    where, where_params = _group_threads_where(viewer.pk or 0)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM {thread_table} t {opening} WHERE {where}",  # noqa: S608
            [group.pk, *where_params],
        )
        count = cursor.fetchone()[0]
        paginator = _CountedPaginator(count, THREADS_PER_PAGE)
        numbered = paginator.get_page(page)
        sql = f"""
            SELECT {rows.columns(Thread, "t")}, o.state, o.content_warning,
                   rs.last_read_post_id,
                   CASE WHEN rs.last_read_post_id IS NULL THEN 0 ELSE (
                       SELECT COUNT(*) FROM {post_table} p
                       WHERE p.thread_id = t.id AND p.state = %s
                         AND p.id > rs.last_read_post_id) END
            FROM {thread_table} t {opening}
            LEFT JOIN {read_table} rs ON rs.thread_id = t.id AND rs.user_id = %s
            WHERE {where}
            ORDER BY t.is_pinned DESC, t.last_posted_at DESC, t.id DESC
            LIMIT %s OFFSET %s
        """  # noqa: S608 (names from the models, every value a parameter)
        offset = (numbered.number - 1) * THREADS_PER_PAGE
        params = [Post.State.VISIBLE, viewer.pk or 0, group.pk, *where_params]
        cursor.execute(sql, [*params, THREADS_PER_PAGE, offset])
        found = cursor.fetchall()
    split = rows.width(Thread)
    threads = []
    for row in found:
        thread = rows.instance(Thread, row[:split])
        thread.opening_state, thread.opening_warning, thread.last_read, unread = row[split:]
        thread.unread_count = unread or 0
        thread.group = group
        threads.append(thread)
    return Page(threads, numbered.number, paginator)


class _CountedPaginator(Paginator):
    """A Paginator told its count (and given no objects): pages are fetched by SQL."""

    def __init__(self, count: int, per_page: int):
        super().__init__((), per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count


def mark_new_threads(threads, since: datetime | None) -> None:
    """A thread the member never opened, started since they joined, is new to them."""
    for thread in threads:
        last_read = getattr(thread, "last_read", None)
        thread.is_new = last_read is None and (since is None or thread.created_at >= since)


def _answers_the_opening() -> Q:
    """A reply that answers its thread, judged only by what every reader sees.

    A reply under the opening post's own persona, or by the "original poster" label of a
    thread started anonymously, is the starter speaking again; any other name or label
    is someone answering. Never by account: asking "was it the author?" of an anonymous
    reply would turn the list into an oracle for who is behind it (a named thread whose
    only reply is anonymous would stay listed exactly when that reply is the author's).
    """
    by_another_label = Q(is_anonymous=True) & ~Q(anonymous_number=1)
    by_another_name = Q(is_anonymous=False) & (
        Q(persona_id__isnull=True) | ~Q(persona_id=OuterRef("opening_persona_key"))
    )
    return by_another_label | by_another_name


def waiting_for_reply(user: User, group: SupportGroup | None = None) -> QuerySet[Thread]:
    """Conversations nobody has answered yet, oldest first, so members can give back the
    support they found. Held, removed and locked ones are left out, and so are the
    member's own. A thread waits until a visible reply under a name or label other than
    the opening post's exists (see _answers_the_opening)."""
    if not user.is_authenticated:
        return Thread.objects.none()
    answered = Post.objects.filter(
        _answers_the_opening(), thread=OuterRef("pk"), is_opening=False, state=Post.State.VISIBLE
    )
    groups = Membership.objects.filter(
        user=user, state=Membership.State.ACTIVE, group__is_archived=False
    ).values("group_id")
    threads = (
        _with_opening(Thread.objects.filter(group__in=groups))
        .annotate(
            # The persona a named opening post shows; none for an anonymous one, whose
            # starter speaks again only under the "original poster" label (0 matches
            # no persona).
            opening_persona_key=Case(
                When(opening__is_anonymous=False, then=Coalesce(F("opening__persona_id"), 0)),
                default=Value(0),
                output_field=IntegerField(),
            ),
            opening_anonymous=F("opening__is_anonymous"),
            opening_persona=F("opening__persona_id"),
        )
        .filter(opening_state=Post.State.VISIBLE, is_locked=False)
        # A named thread of a former member has nobody left to answer, as every reader
        # sees ("Former member"); an anonymous one stays: whether the account behind a
        # label still exists is not for readers to learn.
        .exclude(opening_anonymous=False, opening_persona__isnull=True)
        .exclude(author=user)
        .exclude(Exists(answered))
        .select_related("group")
        .order_by("created_at", "pk")
    )
    if group is not None:
        threads = threads.filter(group=group)
    return threads


def waiting_for_reply_first(user: User, limit: int) -> list[Thread]:
    """The first `limit` of waiting_for_reply(user), with their groups, in one query
    written as SQL for the home page (config.rows): the same rule, which tests/posts
    hold it to."""
    quote = connection.ops.quote_name
    thread_table, post_table, membership_table, group_table = (
        quote(model._meta.db_table) for model in (Thread, Post, Membership, SupportGroup)
    )
    # The persona a named opening post shows; 0 (no persona) for an anonymous one.
    opening_key = "CASE WHEN o.is_anonymous THEN 0 ELSE COALESCE(o.persona_id, 0) END"
    sql = f"""
        SELECT {rows.columns(Thread, "t")}, o.content_warning, {rows.columns(SupportGroup, "g")}
        FROM {thread_table} t
        JOIN {post_table} o ON o.thread_id = t.id AND o.is_opening
        JOIN {group_table} g ON g.id = t.group_id
        WHERE t.group_id IN (
                SELECT m.group_id FROM {membership_table} m
                JOIN {group_table} mg ON mg.id = m.group_id
                WHERE m.user_id = %s AND m.state = %s AND NOT mg.is_archived)
          AND o.state = %s AND NOT t.is_locked
          AND NOT (NOT o.is_anonymous AND o.persona_id IS NULL)
          AND (t.author_id IS NULL OR t.author_id <> %s)
          AND NOT EXISTS (
                SELECT 1 FROM {post_table} p
                WHERE p.thread_id = t.id AND NOT p.is_opening AND p.state = %s
                  AND ((p.is_anonymous AND (p.anonymous_number IS NULL OR p.anonymous_number <> 1))
                       OR (NOT p.is_anonymous
                           AND (p.persona_id IS NULL OR p.persona_id <> {opening_key}))))
        ORDER BY t.created_at, t.id
        LIMIT %s
    """  # noqa: S608 (names from the models, every value a parameter)
    params = [user.pk, Membership.State.ACTIVE, Post.State.VISIBLE, user.pk, Post.State.VISIBLE]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit])
        found = cursor.fetchall()
    split = rows.width(Thread)
    threads = []
    for row in found:
        thread = rows.instance(Thread, row[:split])
        thread.opening_warning = row[split]
        thread.group = rows.instance(SupportGroup, row[split + 1 :])
        threads.append(thread)
    return threads


# The member's own things


def bookmarks_for(user: User) -> QuerySet[Bookmark]:
    """Bookmarked posts the member can still read: a left group's posts drop out."""
    groups = Membership.objects.filter(
        user=user, state=Membership.State.ACTIVE, group__is_archived=False
    ).values("group_id")
    return (
        Bookmark.objects.filter(
            user=user, post__thread__group__in=groups, post__state=Post.State.VISIBLE
        )
        .select_related("post__thread__group", "post__persona")
        .order_by("-created_at", "-pk")
    )


def revisions_of(post: Post) -> QuerySet[PostRevision]:
    return post.revisions.order_by("-created_at", "-pk")


def can_moderate_group(user: User, group: SupportGroup, membership: Membership | None) -> bool:
    return membership is not None and membership.can_moderate


# For other apps: support reactions, counted without ever saying who


def support_reaction_counts(post_ids: list[int], *, since: datetime | None = None) -> dict:
    """{post_id: {kind: count}} of reactions, optionally only those sent since a time.

    The notifications app batches "3 members sent support" from this.
    """
    reactions = Reaction.objects.filter(post_id__in=post_ids)
    if since is not None:
        reactions = reactions.filter(created_at__gte=since)
    counts: dict[int, dict[str, int]] = {}
    for row in reactions.values("post_id", "kind").annotate(n=Count("pk")).order_by():
        counts.setdefault(row["post_id"], {})[row["kind"]] = row["n"]
    return counts


def group_card_annotations(sender, **kwargs) -> dict:
    """config.hooks.group_card_annotations: a group is active this week when one of its
    threads had a post in the last ACTIVE_WINDOW."""
    return {
        "active_this_week": Exists(
            Thread.objects.filter(
                group=OuterRef("pk"), last_posted_at__gte=timezone.now() - ACTIVE_WINDOW
            )
        )
    }
