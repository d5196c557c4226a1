"""Full-text search over posts.

PostgreSQL: each post stores a weighted tsvector (title A, content warning C, body B)
of its normalised text, in its group language's configuration, with a GIN index. A
query is normalised the same way and parsed in each configuration, so a post matches
under the configuration its vector was built with. Snippets come from ts_headline over
the text as written, escaped here before the highlights become <mark>.

SQLite (the embedded default) has none of this: it matches the normalised query inside
the normalised text through a function registered on each connection (posts.apps).
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import (
    Case,
    CharField,
    F,
    Func,
    Q,
    TextField,
    Value,
    When,
)
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from groups.models import Membership, SupportGroup
from posts.models import Post
from posts.text import normalize_search_text

CONFIGS = {SupportGroup.Language.ARABIC: "arabic", SupportGroup.Language.ENGLISH: "english"}
QUERY_MAX_LENGTH = 200
# How many of the most recent matches are ranked (see _postgres_search): 20 pages.
CANDIDATES = 400
# Private-use characters mark highlights inside ts_headline's output: nothing a member
# writes can close or open a tag, because the text is escaped before they become <mark>.
_START, _STOP = "\ue000", "\ue001"
_HEADLINE_OPTIONS = (
    f"StartSel={_START}, StopSel={_STOP}, MaxWords=30, MinWords=12, ShortWord=2, "
    'MaxFragments=2, FragmentDelimiter=" … ", HighlightAll=false'
)
_MARKDOWN_NOISE = re.compile(r"(\*\*|__|~~|`+|^#+\s|^>\s?)", re.MULTILINE)


def config_for(language: str) -> str:
    return CONFIGS.get(language, "simple")


def is_full_text() -> bool:
    return connection.vendor == "postgresql"


def index_post(*, post_id: int, title: str, content_warning: str, body: str, language: str):
    """Store the post's search vector (PostgreSQL); a no-op elsewhere."""
    index_posts([(post_id, title, content_warning, body, language)])


def index_posts(rows) -> None:
    """Store search vectors for (post_id, title, content_warning, body, language) rows in
    one statement: the title weighs most, then the body, then the warning."""
    rows = list(rows)
    if not rows or not is_full_text():
        return
    ids, titles, warnings, bodies, configs = [], [], [], [], []
    for post_id, title, content_warning, body, language in rows:
        ids.append(post_id)
        titles.append(normalize_search_text(title or ""))
        warnings.append(normalize_search_text(content_warning or ""))
        bodies.append(normalize_search_text(body or ""))
        configs.append(config_for(language))
    with connection.cursor() as cursor:
        cursor.execute(
            """
            UPDATE posts_post SET search_vector =
                setweight(to_tsvector(v.config::regconfig, v.title), 'A')
                || setweight(to_tsvector(v.config::regconfig, v.warning), 'C')
                || setweight(to_tsvector(v.config::regconfig, v.body), 'B')
            FROM (
                SELECT unnest(%s::bigint[]) AS id, unnest(%s::text[]) AS config,
                       unnest(%s::text[]) AS title, unnest(%s::text[]) AS warning,
                       unnest(%s::text[]) AS body
            ) AS v
            WHERE posts_post.id = v.id
            """,
            [ids, configs, titles, warnings, bodies],
        )


def unindex_post(*, post_id: int) -> None:
    Post.objects.filter(pk=post_id).update(search_vector=None)


@dataclass
class SearchResult:
    post: Post
    snippet: SafeString


def _readable_groups(user) -> Q:
    return Q(
        thread__group__in=Membership.objects.filter(
            user=user, state=Membership.State.ACTIVE, group__is_archived=False
        ).values("group_id")
    )


def _query(text: str):
    """The query in every configuration a post may be indexed with, OR-ed together."""
    combined = None
    for config in ("arabic", "english", "simple"):
        part = SearchQuery(text, config=config, search_type="websearch")
        combined = part if combined is None else combined | part
    return combined


def search_posts(*, user, query: str, group: SupportGroup | None = None, offset=0, limit=20):
    """Visible posts in groups the member can read that match, best first.

    Returns up to `limit` results and whether more follow; one query whatever the size
    of the result (no total count: counting every match costs more than finding them).
    """
    normalised = normalize_search_text(query)[:QUERY_MAX_LENGTH].strip()
    if not normalised or offset >= CANDIDATES:
        return [], False
    posts = Post.objects.filter(
        _readable_groups(user), state=Post.State.VISIBLE, thread__group__is_archived=False
    )
    if group is not None:
        posts = posts.filter(thread__group=group)
    # The thread's opening post must be readable too: a reply in a thread whose opening
    # post is held or removed would otherwise surface that thread's title.
    opening_hidden = Post.objects.filter(
        is_opening=True, state__in=[Post.State.HELD, Post.State.REMOVED]
    ).values("thread_id")
    posts = posts.exclude(thread_id__in=opening_hidden)
    if is_full_text():
        results = _postgres_search(posts, query, normalised, offset, limit)
    else:
        results = _fallback_search(posts, normalised, offset, limit)
    return results[:limit], len(results) > limit


def _postgres_search(posts, raw: str, normalised: str, offset: int, limit: int):
    search_query = _query(normalised)
    # A word as common as "sleep" in a sleep group matches a post in ten: ranking every
    # one of them reads thousands of rows for a page of twenty. Ranking is done among
    # the most recent CANDIDATES matches (ids grow with time), which PostgreSQL finds
    # from either end: walking the primary key back for common words, the GIN index for
    # rare ones, where every match is a candidate.
    candidates = posts.filter(search_vector=search_query).order_by("-pk").values("pk")
    # Highlights over the text as written: the raw query catches the words as the author
    # spelled them, the normalised one the stems the vector holds.
    highlight_query = search_query | _query(raw[:QUERY_MAX_LENGTH])
    headline_config = Case(
        *[When(thread__group__language=code, then=Value(cfg)) for code, cfg in CONFIGS.items()],
        default=Value("simple"),
        output_field=CharField(),
    )
    found = (
        Post.objects.filter(pk__in=candidates[:CANDIDATES])
        .select_related("thread__group", "persona")
        .defer("search_vector", "body_html")
        .annotate(
            rank=SearchRank(F("search_vector"), search_query),
            headline=Func(
                Func(headline_config, template="(%(expressions)s)::regconfig"),
                F("body"),
                highlight_query,
                Value(_HEADLINE_OPTIONS),
                function="ts_headline",
                output_field=TextField(),
            ),
        )
        .order_by("-rank", "-created_at", "-pk")[offset : offset + limit + 1]
    )
    return [SearchResult(post=post, snippet=_snippet(post.headline)) for post in found]


def _fallback_search(posts, normalised: str, offset: int, limit: int):
    words = normalised.split()[:8]
    folded = Func(F("body"), function="sanad_normalize", output_field=TextField())
    title = Func(F("thread__title"), function="sanad_normalize", output_field=TextField())
    posts = posts.annotate(folded_body=folded, folded_title=title)
    for word in words:
        posts = posts.filter(Q(folded_body__contains=word) | Q(folded_title__contains=word))
    found = posts.select_related("thread__group", "persona").order_by("-created_at", "-pk")[
        offset : offset + limit + 1
    ]
    return [SearchResult(post=post, snippet=_plain_snippet(post.body, words)) for post in found]


def _snippet(headline: str) -> SafeString:
    text = escape(_MARKDOWN_NOISE.sub("", headline or ""))
    text = re.sub(f"{_START}(.*?){_STOP}", r"<mark>\1</mark>", text, flags=re.DOTALL)
    # An unpaired marker (a member typed one) is dropped, never turned into a tag.
    return mark_safe(text.replace(_START, "").replace(_STOP, ""))


def _plain_snippet(body: str, words: list[str], width: int = 200) -> SafeString:
    text = _MARKDOWN_NOISE.sub("", body).replace(_START, "").replace(_STOP, "")
    folded = normalize_search_text(text)
    # Normalising can change the length (ligatures), so positions are only a guide.
    start = 0
    if len(folded) == len(text):
        positions = [folded.find(word) for word in words if folded.find(word) >= 0]
        if positions:
            start = max(0, min(positions) - width // 3)
    excerpt = text[start : start + width]
    prefix = "… " if start else ""
    suffix = " …" if start + width < len(text) else ""
    return mark_safe(escape(prefix + excerpt + suffix))
