"""A small picture per author, drawn on the server: readers tell "Anonymous member 2"
from "Anonymous member 3" at a glance, as they would on any forum.

Each picture is a mirrored 5×5 pattern and a colour, chosen by an HMAC of what the
picture stands for under a key derived from SECRET_KEY. Callers pass a key that is
already scoped ("persona:<id>", "anonymous:<thread>:<number>"), so the picture of an
anonymous label says nothing about the persona behind it, nor about the same author's
label in another thread: without the secret, nobody can compute which picture belongs to
which id, and the scopes never share an input. Nothing is fetched from anywhere and no
id appears in what is drawn.
"""

import hashlib
import hmac
from functools import lru_cache

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

# Strong colours, each at least 3:1 against its own pale background and against white,
# so the pattern is seen by readers with low vision (WCAG 1.4.11).
PALETTE = (
    ("#1f5f8b", "#e3eef6"),
    ("#7a3e9d", "#efe5f5"),
    ("#2e7d32", "#e4f2e5"),
    ("#a23b2a", "#f7e4e1"),
    ("#8a5a00", "#f6ecd8"),
    ("#00695c", "#dff1ee"),
    ("#4a4fb3", "#e6e7f7"),
    ("#ad1457", "#f8e1ec"),
    ("#37474f", "#e6ebed"),
    ("#6d4c41", "#f0e8e5"),
    ("#00838f", "#dff2f4"),
    ("#5d6b00", "#eef1d6"),
)
GRID = 5
# Readers who are no longer anyone (a former member) get one shared, plain picture.
NEUTRAL = (
    '<svg class="avatar avatar-neutral" viewBox="0 0 5 5" width="32" height="32" '
    'aria-hidden="true" focusable="false"><rect width="5" height="5" rx="1" fill="#e6ebed"/>'
    '<circle cx="2.5" cy="2" r="1" fill="#546e7a"/>'
    '<path d="M0.9 4.4a1.6 1.3 0 0 1 3.2 0z" fill="#546e7a"/></svg>'
)


def _digest(key: str, secret: str) -> bytes:
    avatar_key = hashlib.sha256(b"sanad.avatars\x00" + secret.encode()).digest()
    return hmac.new(avatar_key, key.encode(), hashlib.sha256).digest()


@lru_cache(maxsize=8192)
def _draw(key: str, secret: str) -> str:
    digest = _digest(key, secret)
    half = (GRID + 1) // 2  # three columns, mirrored into five
    bits = int.from_bytes(digest[:4], "big")
    cells = [
        (row, col) for row in range(GRID) for col in range(half) if bits >> (row * half + col) & 1
    ]
    if len(cells) < 4:  # an almost empty square reads as no picture at all
        cells = [
            (row, col) for row in range(GRID) for col in range(half) if (row, col) not in cells
        ]
    squares = set()
    for row, col in cells:
        squares.add((row, col))
        squares.add((row, GRID - 1 - col))
    path = "".join(f"M{col} {row}h1v1h-1z" for row, col in sorted(squares))
    ink, paper = PALETTE[digest[4] % len(PALETTE)]
    return (
        f'<svg class="avatar" viewBox="0 0 {GRID} {GRID}" width="32" height="32" '
        'aria-hidden="true" focusable="false" shape-rendering="crispEdges">'
        f'<rect width="{GRID}" height="{GRID}" fill="{paper}"/>'
        f'<path d="{path}" fill="{ink}"/></svg>'
    )


def avatar(key: str) -> SafeString:
    """The picture for one scoped key; decorative (the name beside it is what is read)."""
    # Safe: drawn from numbers and the fixed palette only, never from anything typed.
    return mark_safe(_draw(key, settings.SECRET_KEY))


def persona_avatar(persona_id: int | None) -> SafeString:
    if persona_id is None:
        return mark_safe(NEUTRAL)
    return avatar(f"persona:{persona_id}")
