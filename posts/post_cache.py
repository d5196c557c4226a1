"""A post's rendered block, kept in the cache and shared by every reader it may be shown to.

Most of a post's HTML is the same for every reader who sees it in a given language,
timezone and warning mode (open, collapsed behind its warning, collapsed for a muted
word). What differs per reader is small and marked in the templates with
{% reader_if "name" %}...{% reader_else %}...{% end_reader_if %} (posts.templatetags.
post_blocks): whether the post is new to them, which reactions are theirs, whether they
bookmarked it, whether they moderate the group, whether the thread takes quotes.

The shared block is rendered once from a SharedPost, an object that carries only what
every reader is shown (it cannot see the reader: there is nothing of theirs to leak),
with each reader_if written out as a marker holding both branches. Per reader, the
block is assembled from those pieces by joining strings, no template involved.

Never cached: a reader's own posts (their tools, "only you see this" notes, the reason
they were given for a removal) and held posts (only their author sees them). Those are
rendered in full, as before, so nothing meant for one reader is ever stored for others.

Keys: one cache entry per post ("post-block:<id>") holding the blocks of the post's
current content, one per (language, timezone, warning mode). The content is named by
a digest of everything the shared block shows (and the template and translation files
it is rendered with), so an entry made before a change is never served after it, even
by a path that forgot to say so; the services that change a post (edit, deletion, hold,
removal, restoring, redaction, persona renames and account deletion) also drop the
entry at once, so an old text does not stay in the cache after it is gone from the page.

In front of the shared cache, each process keeps the blocks it used lately (`local`,
keyed by the same digest, so never stale either): a page whose blocks are all there
costs no round trip. A group page's conversation rows are shared the same way
(SharedThread, posts/_thread_row.html), with what is new or unread to the reader
filled in.
"""

import hashlib
import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass, fields
from functools import cache

from django.conf import settings
from django.core.cache import cache as default_cache
from django.template.loader import get_template
from django.utils import timezone, translation

from posts.models import Post

TEMPLATE = "posts/_post.html"
# Templates whose text is part of a cached block: a change to any of them changes every key.
ROW_TEMPLATE = "posts/_thread_row.html"
TEMPLATES = ("posts/_post.html", "posts/_reactions.html", "posts/_bookmark.html", ROW_TEMPLATE)
# An entry not read for this long goes (the content digest already keeps it correct).
TIMEOUT = 24 * 60 * 60
MARK_IF, MARK_ELSE, MARK_END, MARK_SLOT = "if:", "else", "end", "slot:"
MODE = ("is_collapsed", "is_muted")
CACHED_STATES = (Post.State.VISIBLE, Post.State.REMOVED, Post.State.ERASED)


def key(post_id: int, kind: str = "post") -> str:
    return f"{kind}-block:{post_id}"


@dataclass(frozen=True)
class SharedReaction:
    kind: str
    label: str
    count: int


@dataclass
class SharedPost:
    """What every reader of a post is shown, and nothing about the reader."""

    pk: int
    number: int
    state: str
    links: dict
    public_author_name: str
    is_anonymous: bool
    anonymous_number: int | None
    persona_id: int | None
    thread_id: int
    created_at: object
    edited_at: object
    content_warning: str
    body_html: str
    reaction_counts: tuple
    # The warning mode: part of the variant, not of the content.
    is_collapsed: bool
    is_muted: bool
    # Own posts are never cached: the shared block is always someone else's post.
    is_own = False

    @property
    def anchor(self) -> str:
        return f"p{self.number}"

    KIND = "post"
    TEMPLATE = TEMPLATE
    MODE = MODE


def shared_post(post: Post) -> SharedPost:
    visible = post.state == Post.State.VISIBLE
    return SharedPost(
        pk=post.pk,
        number=post.number,
        state=post.state,
        links=post.links,
        public_author_name=str(post.public_author_name) if visible else "",
        is_anonymous=post.is_anonymous,
        anonymous_number=post.anonymous_number,
        persona_id=post.persona_id,
        thread_id=post.thread_id,
        created_at=post.created_at,
        edited_at=post.edited_at,
        content_warning=post.content_warning if visible else "",
        body_html=post.body_html if visible else "",
        reaction_counts=tuple(
            SharedReaction(r.kind, r.label, r.count) for r in post.reaction_counts
        ),
        is_collapsed=post.is_collapsed,
        is_muted=post.is_muted,
    )


def conditions(post, *, can_moderate: bool, locked: bool) -> dict[str, bool]:
    """The reader's answers to the templates' {% reader_if %} questions, for one post."""
    values = {
        "new": bool(getattr(post, "is_new", False)),
        "first_new": bool(getattr(post, "is_first_new", False)),
        "bookmarked": bool(getattr(post, "is_bookmarked", False)),
        "moderator": bool(can_moderate),
        "unlocked": not locked,
    }
    for reaction in getattr(post, "reaction_counts", ()):
        values[f"mine:{reaction.kind}"] = bool(getattr(reaction, "mine", False))
    return values


def live_condition(context, name: str):
    """A {% reader_if %} (or {% reader_slot %}) answered while rendering for one reader
    (not for the cache): from the answers given, or else the post's."""
    answers = context.get("reader_answers")
    if answers is not None:
        return answers[name]
    post = context.get("post")
    thread = context.get("thread") or getattr(post, "thread", None)
    values = conditions(
        post,
        can_moderate=context.get("can_moderate", False),
        locked=bool(getattr(thread, "is_locked", False)),
    )
    return values[name]


def _compile(html: str, marker: str) -> list:
    """The shared render, cut at its markers: literal strings, and (name, if, else)."""
    pieces = html.split(marker)
    root: list = [pieces[0]] if pieces[0] else []
    stack = [root]
    for piece in pieces[1:]:
        command, _, text = piece.partition("\x00")
        if command.startswith(MARK_IF):
            node = (command[len(MARK_IF) :], [], [])
            stack[-1].append(node)
            stack.append(node[1])
        elif command == MARK_ELSE:
            stack.pop()
            stack.append(stack[-1][-1][2])
        elif command == MARK_END:
            stack.pop()
        elif command.startswith(MARK_SLOT):
            stack[-1].append((command[len(MARK_SLOT) :],))
        else:
            raise ValueError(f"unknown block marker {command!r}")
        if text:
            stack[-1].append(text)
    if len(stack) != 1:
        raise ValueError("unbalanced reader_if in a post block")
    return root


def _assemble(program: list, values: dict[str, bool], out: list[str]) -> None:
    for item in program:
        if isinstance(item, str):
            out.append(item)
        elif len(item) == 1:
            out.append(values[item[0]])
        else:
            name, yes, no = item
            _assemble(yes if values[name] else no, values, out)


def _fingerprint() -> str:
    """The template and translation files a block is rendered with, and the secret the
    avatars and links are drawn with: a deployment that changes any of them starts afresh.
    Read once per process, but on every page while DEBUG (templates edited live)."""
    return _files_fingerprint() if settings.DEBUG else _process_fingerprint()


@cache
def _process_fingerprint() -> str:
    return _files_fingerprint()


def _files_fingerprint() -> str:
    from pathlib import Path

    digest = hashlib.blake2b(digest_size=16)
    for name in TEMPLATES:
        digest.update(get_template(name).template.source.encode())
    digest.update(hashlib.sha256(settings.SECRET_KEY.encode()).digest())
    for folder in settings.LOCALE_PATHS:
        for language, _name in settings.LANGUAGES:
            path = Path(folder) / language / "LC_MESSAGES" / "django.mo"
            if path.exists():
                found = path.stat()
                digest.update(f"{path}:{found.st_size}:{found.st_mtime_ns}".encode())
    return digest.hexdigest()


def _content_digest(shared) -> str:
    """Everything the block shows but its mode: every field, so a field added later is
    part of the key without anyone remembering to add it."""
    content = tuple(
        (name.name, getattr(shared, name.name))
        for name in fields(shared)
        if name.name not in shared.MODE
    )
    material = repr((_fingerprint(), content)).encode()
    return hashlib.blake2b(material, digest_size=16).hexdigest()


def _render_shared(shared) -> list:
    from django.template import Context

    marker = f"\x00{secrets.token_hex(8)}|"
    # Nothing of the reader is in this context: only what everyone sees.
    context = Context({shared.KIND: shared, "reader_marker": marker})
    return _compile(get_template(shared.TEMPLATE).template.render(context), marker)


def enabled() -> bool:
    return getattr(settings, "SANAD_POST_BLOCK_CACHE", True)


def _cacheable(post) -> bool:
    return post.state in CACHED_STATES and not post.is_own


class _Local:
    """The blocks this process used lately, in front of the shared cache: a page whose
    blocks are all here costs no round trip at all. Keyed by content digest like the
    shared entries, so it is never stale; the least recently used go first."""

    def __init__(self, size: int):
        self.size = size
        self.entries: OrderedDict = OrderedDict()
        self.lock = threading.Lock()

    def get(self, name):
        with self.lock:
            found = self.entries.get(name)
            if found is not None:
                self.entries.move_to_end(name)
            return found

    def put(self, name, value) -> None:
        with self.lock:
            self.entries[name] = value
            self.entries.move_to_end(name)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()


# About 3,000 blocks (a hundred pages of thirty posts), a few MiB per process.
local = _Local(3000)
# Per block, the HTML of the last few sets of reader answers: most readers give the same.
ASSEMBLED_PER_BLOCK = 8


class _Block:
    __slots__ = ("assembled", "program")

    def __init__(self, program: list):
        self.program = program
        self.assembled: dict[tuple, str] = {}

    def html(self, values: dict[str, bool]) -> str:
        answers = tuple(values.values())
        found = self.assembled.get(answers)
        if found is None:
            out: list[str] = []
            _assemble(self.program, values, out)
            found = "".join(out)
            if len(self.assembled) >= ASSEMBLED_PER_BLOCK:
                self.assembled.clear()
            self.assembled[answers] = found
        return found


def _shared_blocks(shared_ones: list) -> dict[int, _Block]:
    """The shared block of each of these (SharedPost or SharedThread), from this
    process, the shared cache, or rendered now (and stored in both)."""
    variant = (translation.get_language(), timezone.get_current_timezone_name())
    wanted = {}
    blocks: dict[int, _Block] = {}
    for shared in shared_ones:
        mode = (*variant, *(getattr(shared, name) for name in shared.MODE))
        name = (shared.KIND, shared.pk, _content_digest(shared), *mode)
        block = local.get(name)
        if block is None:
            wanted[key(shared.pk, shared.KIND)] = (name, shared)
        else:
            blocks[shared.pk] = block
    if not wanted:
        return blocks
    found = default_cache.get_many(list(wanted))
    changed = {}
    for entry_key, (name, shared) in wanted.items():
        content, mode = name[2], name[3:]
        entry = found.get(entry_key)
        if not entry or entry.get("content") != content:
            entry = {"content": content, "variants": {}}
        program = entry["variants"].get(mode)
        if program is None:
            program = entry["variants"][mode] = _render_shared(shared)
            changed[entry_key] = entry
        blocks[shared.pk] = _Block(program)
        local.put(name, blocks[shared.pk])
    if changed:
        default_cache.set_many(changed, TIMEOUT)
    return blocks


def render_posts(posts, context) -> str:
    """The posts of a page, as this reader sees them: the blocks every reader shares
    come from the cache (rendered and stored when missing), the reader's parts are
    filled in; the reader's own and held posts are rendered in full."""
    shared_ones = [post for post in posts if _cacheable(post)] if enabled() else []
    blocks = _shared_blocks([shared_post(post) for post in shared_ones]) if shared_ones else {}
    can_moderate = bool(context.get("can_moderate", False))
    out: list[str] = []
    for post in posts:
        block = blocks.get(post.pk)
        if block is None:
            with context.push(post=post, viewer=context.get("user")):
                out.append(get_template(TEMPLATE).template.render(context))
            continue
        thread = context.get("thread") or getattr(post, "thread", None)
        locked = bool(getattr(thread, "is_locked", False))
        out.append(block.html(conditions(post, can_moderate=can_moderate, locked=locked)))
    return "".join(out)


@dataclass
class SharedThread:
    """A conversation as every reader of its group's list is shown it."""

    pk: int
    display_title: str
    is_pinned: bool
    opening_warning: str
    reply_count: int
    KIND = "thread"
    TEMPLATE = ROW_TEMPLATE
    MODE = ()
    # Not a field: the address follows from the id and the secret (both in the key), and
    # is only worked out when the row is rendered.
    thread = None

    @property
    def url(self) -> str:
        return self.thread.get_absolute_url()


def row_answers(thread) -> dict:
    """The reader's parts of a conversation's row: new to them, or how much is unread."""
    from django.utils.html import escape
    from django.utils.translation import ngettext

    unread = getattr(thread, "unread_count", 0) or 0
    text = ngettext("%(counter)s unread", "%(counter)s unread", unread) % {"counter": unread}
    is_new = bool(getattr(thread, "is_new", False))
    return {"new": is_new, "unread": is_new or bool(unread), "unread_text": escape(text)}


def render_thread_rows(threads, context) -> str:
    """A group page's conversations, as this reader sees them: each row's shared part
    from the cache (as posts' blocks), what is new or unread to them filled in."""
    threads = list(threads)
    if not enabled():
        template = get_template(ROW_TEMPLATE).template
        out = []
        for thread in threads:
            with context.push(thread=_shared_thread(thread), reader_answers=row_answers(thread)):
                out.append(template.render(context))
        return "".join(out)
    blocks = _shared_blocks([_shared_thread(thread) for thread in threads])
    return "".join(blocks[thread.pk].html(row_answers(thread)) for thread in threads)


def _shared_thread(thread) -> SharedThread:
    shared = SharedThread(
        pk=thread.pk,
        display_title=str(thread.display_title),
        is_pinned=thread.is_pinned,
        opening_warning=getattr(thread, "opening_warning", "") or "",
        reply_count=thread.reply_count,
    )
    shared.thread = thread
    return shared


def forget_threads_after_commit(thread_ids) -> None:
    from config.oncommit import after_commit

    thread_ids = list(thread_ids)
    if thread_ids:
        after_commit(forget_threads, thread_ids)


def forget_threads(thread_ids) -> None:
    """Drop these conversations' rows now (a title edited or erased)."""
    keys = [key(thread_id, "thread") for thread_id in thread_ids]
    for start in range(0, len(keys), 500):
        default_cache.delete_many(keys[start : start + 500])


def forget(post_ids) -> None:
    """Drop these posts' blocks now: call after a change to what a post shows (its text,
    state, persona or author), so an old text does not wait in the cache for its time."""
    keys = [key(post_id) for post_id in post_ids]
    for start in range(0, len(keys), 500):
        default_cache.delete_many(keys[start : start + 500])


def forget_after_commit(post_ids) -> None:
    from config.oncommit import after_commit

    post_ids = list(post_ids)
    if post_ids:
        after_commit(forget, post_ids)


def on_persona_renamed(sender, *, persona_id: int, **kwargs) -> None:
    """config.hooks.persona_renamed."""
    forget_posts_of_persona(persona_id)


def forget_posts_of_persona(persona_id: int) -> None:
    """A persona's name or picture changes on every post it signed (a rename, or its
    posts turning into "Former member")."""
    forget_after_commit(Post.objects.filter(persona_id=persona_id).values_list("pk", flat=True))
