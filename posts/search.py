"""Full-text search over posts, the same on PostgreSQL and SQLite.

One analyser (posts.analysis) turns a post into stems, stored in Post.search_text, and
turns what a member types into the same stems, so the databases compare like with like:

- PostgreSQL: a weighted tsvector built from search_text with the 'simple' configuration
  (the stems are already made; no dictionary may change them), GIN-indexed.
- SQLite: an FTS5 table over search_text (migration 0005), kept in step by triggers.

A member's query is parsed here, never handed to either database's own query syntax:
words, "phrases in quotes", `OR` between two terms, and `-word` to leave one out. What
reaches the database is built from stems made only of letters and digits, so nothing a
member types (NEAR, *, quotes, operators, SQL) is ever read as an operator.

Snippets are cut and highlighted here from the text as written, by the same stems.
"""

import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from groups.models import Membership, SupportGroup
from posts import analysis
from posts.models import Post

QUERY_MAX_LENGTH = 200
# How many of the most recent matches are ranked (see search_posts): 20 pages.
CANDIDATES = 400
ORDERS = ("relevance", "newest")
# Bounds on what one query may ask of the index, however it was typed.
MAX_TERMS = 8
MAX_ALTERNATIVES = 4
MAX_PHRASE = 8
MAX_EXCLUDED = 4
# The vector from Post.search_text's three lines: title weighs most, then body, warning.
VECTOR_SQL = (
    "setweight(to_tsvector('simple', split_part({text}, E'\\n', 1)), 'A')"
    " || setweight(to_tsvector('simple', split_part({text}, E'\\n', 2)), 'C')"
    " || setweight(to_tsvector('simple', split_part({text}, E'\\n', 3)), 'B')"
)
# Private-use characters: a member may type them, they never reach a snippet.
_PRIVATE = re.compile("[\ue000-\uf8ff]")
_MARKDOWN_NOISE = re.compile(r"(\*\*|__|~~|`+|^#+\s|^>\s?)", re.MULTILINE)
_QUOTES = str.maketrans({"“": '"', "”": '"', "«": '"', "»": '"', "„": '"', "″": '"'})
_CHUNK = re.compile(r'"([^"]*)"|(\S+)')
# A snippet: this many characters, starting a little before the first match.
SNIPPET_WIDTH = 240
# Long posts are looked at this far for a match to show; past it, the opening is shown.
SNIPPET_SCAN = 4000

Term = tuple[str, ...]  # one stem, or a phrase of several in order


def _database() -> str:
    return connection.vendor


def is_full_text() -> bool:
    return _database() in ("postgresql", "sqlite")


# --- What a member typed -----------------------------------------------------------------


@dataclass
class ParsedQuery:
    """Terms that must all match (each a choice of alternatives), and terms excluded."""

    required: list[list[Term]] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        # Leaving words out finds nothing by itself: there must be something to find.
        return not self.required

    @property
    def stems(self) -> set[str]:
        return {stem for choice in self.required for term in choice for stem in term}

    def as_tsquery(self) -> str:
        """PostgreSQL's to_tsquery syntax, from stems alone."""

        def term(stems: Term) -> str:
            return " <-> ".join(f"'{stem}'" for stem in stems)

        parts = ["(" + " | ".join(f"({term(t)})" for t in choice) + ")" for choice in self.required]
        parts += [f"!({term(t)})" for t in self.excluded]
        return " & ".join(parts)

    def as_fts5(self) -> str:
        """SQLite FTS5's MATCH syntax: every term a quoted string, never an operator."""

        def term(stems: Term) -> str:
            return '"' + " ".join(stems) + '"'

        query = " AND ".join(
            "(" + " OR ".join(term(t) for t in choice) + ")" for choice in self.required
        )
        if self.excluded:
            query += " NOT (" + " OR ".join(term(t) for t in self.excluded) + ")"
        return query


def parse_query(raw: str) -> ParsedQuery:
    """Words, "phrases", `a OR b`, `-word`; anything else is text to look for.

    An unpaired quote is dropped (its words are searched as words); common words and
    punctuation alone make no term; a word the analyser splits ("self-harm") is a phrase.
    """
    text = raw[:QUERY_MAX_LENGTH].translate(_QUOTES)
    if text.count('"') % 2:
        head, _quote, tail = text.rpartition('"')
        text = head + " " + tail
    parsed = ParsedQuery()
    joining = False
    for match in _CHUNK.finditer(text):
        phrase, chunk = match.groups()
        if chunk == "OR":
            joining = bool(parsed.required)
            continue
        excluded = chunk is not None and chunk.startswith("-") and len(chunk) > 1
        source = phrase if phrase is not None else chunk.lstrip("-") if excluded else chunk
        stems = tuple(analysis.analyse(source))[:MAX_PHRASE]
        if not stems:
            continue
        if excluded:
            if len(parsed.excluded) < MAX_EXCLUDED:
                parsed.excluded.append(stems)
        elif joining and len(parsed.required[-1]) < MAX_ALTERNATIVES:
            parsed.required[-1].append(stems)
        elif len(parsed.required) < MAX_TERMS and [stems] not in parsed.required:
            parsed.required.append([stems])
        joining = False
    return parsed


# --- The index ---------------------------------------------------------------------------


def index_post(*, post_id: int, title: str, content_warning: str, body: str, language: str = ""):
    """Store the post's analysed text (and on PostgreSQL its vector)."""
    index_posts([(post_id, title, content_warning, body, language)])


def index_posts(rows) -> None:
    """Index (post_id, title, content_warning, body, language) rows in one statement.

    The language is not needed: each word's script chooses its stemmer, so a mixed post
    is found by either part whatever its group speaks."""
    ids, texts = [], []
    for post_id, title, content_warning, body, _language in rows:
        ids.append(post_id)
        texts.append(analysis.document(title=title, content_warning=content_warning, body=body))
    if not ids:
        return
    with connection.cursor() as cursor:
        if _database() == "postgresql":
            vector = VECTOR_SQL.format(text="v.text")
            cursor.execute(
                f"""
                UPDATE posts_post SET search_text = v.text, search_vector = {vector}
                FROM (SELECT unnest(%s::bigint[]) AS id, unnest(%s::text[]) AS text) AS v
                WHERE posts_post.id = v.id
                """,  # noqa: S608 (VECTOR_SQL is ours; the values are parameters)
                [ids, texts],
            )
        else:
            # SQLite's triggers (migration 0005) carry the text into the FTS5 table.
            cursor.executemany(
                "UPDATE posts_post SET search_text = %s WHERE id = %s",
                list(zip(texts, ids, strict=True)),
            )


def unindex_post(*, post_id: int) -> None:
    Post.objects.filter(pk=post_id).update(search_vector=None, search_text="")


# --- Searching ---------------------------------------------------------------------------


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


def search_posts(
    *,
    user,
    query: str,
    group: SupportGroup | None = None,
    offset: int = 0,
    limit: int = 20,
    order: str = "relevance",
):
    """Visible posts in groups the member can read that match, best first (or newest).

    Returns up to `limit` results and whether more follow; one query whatever the size
    of the result (no total count: counting every match costs more than finding them).
    """
    parsed = parse_query(query)
    if parsed.is_empty or offset >= CANDIDATES:
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
    if _database() == "postgresql":
        search_query = SearchQuery(parsed.as_tsquery(), config="simple", search_type="raw")
        matching = posts.filter(search_vector=search_query)
        rank = SearchRank(F("search_vector"), search_query)
        best_first = ("-rank", "-created_at", "-pk")
    else:
        match = parsed.as_fts5()
        matching = posts.filter(
            pk__in=RawSQL("SELECT rowid FROM posts_post_fts WHERE posts_post_fts MATCH %s", [match])
        )
        # bm25 is smaller for a better match.
        rank = RawSQL(
            "(SELECT bm25(posts_post_fts) FROM posts_post_fts"
            " WHERE posts_post_fts MATCH %s AND posts_post_fts.rowid = posts_post.id)",
            [match],
        )
        best_first = ("rank", "-created_at", "-pk")
    base = Post.objects.select_related("thread__group", "persona").defer(
        "search_vector", "search_text", "body_html"
    )
    if order == "newest":
        # Newest first is the order posts were written in (ids grow with time): the
        # database walks the primary key back and stops at the page's last match.
        page = matching.order_by("-pk").values("pk")[offset : offset + limit + 1]
        found = list(base.filter(pk__in=page).order_by("-pk"))
    else:
        # A word as common as "sleep" in a sleep group matches a post in ten: ranking
        # every one of them reads thousands of rows for a page of twenty. Only the most
        # recent CANDIDATES matches are ranked, which the database finds from either
        # end: walking the primary key back for common words, the index for rare ones.
        # A common word costs no more than a rare one.
        candidates = matching.order_by("-pk").values("pk")[:CANDIDATES]
        found = list(
            base.filter(pk__in=candidates)
            .annotate(rank=rank)
            .order_by(*best_first)[offset : offset + limit + 1]
        )
    stems = parsed.stems
    results = [SearchResult(post=post, snippet=snippet(post.body, stems)) for post in found]
    return results[:limit], len(results) > limit


def snippet(body: str, stems: set[str]) -> SafeString:
    """An excerpt of the text as written around its first match, the matching words in
    <mark>. Everything the member wrote is escaped; only our own <mark> is markup."""
    text = _PRIVATE.sub("", _MARKDOWN_NOISE.sub("", body))
    spans = []
    for found, start, end in analysis.stems_and_spans(text[:SNIPPET_SCAN]):
        if spans and start > spans[0][0] + SNIPPET_WIDTH:
            break  # past any window the first match can open
        if found & stems:
            spans.append((start, end))
    begin = 0
    if spans and spans[0][0] > SNIPPET_WIDTH // 3:
        begin = spans[0][0] - SNIPPET_WIDTH // 4
        # Start at a word, not in the middle of one.
        space = text.find(" ", begin, spans[0][0])
        begin = space + 1 if space >= 0 else begin
    stop = min(len(text), begin + SNIPPET_WIDTH)
    if stop < len(text):
        space = text.rfind(" ", begin, stop)
        stop = space if space > begin else stop
    pieces = ["… " if begin else ""]
    position = begin
    for start, end in spans:
        if start < position or end > stop:
            continue
        pieces += [escape(text[position:start]), "<mark>", escape(text[start:end]), "</mark>"]
        position = end
    pieces += [escape(text[position:stop]), " …" if stop < len(text) else ""]
    return mark_safe("".join(pieces))  # every piece of the text is escaped
