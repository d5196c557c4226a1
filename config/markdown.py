"""Markdown in, safe HTML out: rendered once when a post is saved, and for a group's
rules and description. Shared ground, so groups and posts render the same way."""

from functools import lru_cache

import nh3
from markdown_it import MarkdownIt

_markdown = (
    MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    # Remote images would tell a third party who reads the thread.
    .disable("image")
)
# Nesting beyond this is abuse, not expression; markdown-it stops descending there.
_markdown.options["maxNesting"] = 20

_ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "h3",
    "h4",
    "hr",
}


def render_markdown(text: str) -> str:
    html = _markdown.render(text)
    # Headings from the author shrink so they never compete with the page's own.
    html = html.replace("<h1>", "<h3>").replace("</h1>", "</h3>")
    html = html.replace("<h2>", "<h3>").replace("</h2>", "</h3>")
    html = html.replace("<h5>", "<h4>").replace("</h5>", "</h4>")
    html = html.replace("<h6>", "<h4>").replace("</h6>", "</h4>")
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow ugc noopener",
        strip_comments=True,
    )


@lru_cache(maxsize=512)
def render_group_text(text: str) -> str:
    """A group's rules and description: shown on every thread page beside the composer,
    and rarely edited, so each process renders a given text once (the text is the key,
    so an edit is seen at once)."""
    return render_markdown(text)


# Link targets a member may write: the web, email, and the site's own pages.
_SAFE_SCHEMES = ("http:", "https:", "mailto:")
_permissive = MarkdownIt("commonmark", {"html": False}).disable("image")
_permissive.validateLink = lambda url: True


def refused_links(text: str) -> list[str]:
    """Link targets that would be dropped on rendering (javascript:, data:, vbscript:...),
    so the form can say so instead of silently posting something else."""
    refused = []
    for token in _permissive.parse(text):
        for child in token.children or []:
            if child.type != "link_open":
                continue
            href = "".join(str(child.attrs.get("href", "")).split()).lower()
            scheme, colon, _rest = href.partition(":")
            if colon and "/" not in scheme and f"{scheme}:" not in _SAFE_SCHEMES:
                refused.append(href)
    return refused
