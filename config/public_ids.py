"""Opaque public ids for rows whose primary key is a global sequence.

Thread and notification ids count up across every group: thread 41 in one group and
thread 42 in another, started in the same minute, say that one person may have started
both (issue 16). Members see instead a keyed permutation of the id: 13 letters and
digits that look random, carry no order, and turn back into the id without a lookup, so
views, queries and query counts stay as they were.

The permutation is a four-round Feistel network over the 64-bit id with HMAC-SHA256 as
its round function (a pseudorandom permutation while the key is secret), keyed per kind
of row so a thread's key and a notification's key for the same number differ. The key
comes from SANAD_PUBLIC_ID_KEY, or from SECRET_KEY when unset; changing it changes every
address (old links then answer 404).
"""

import base64
import hashlib
import hmac
from functools import cache

from django.conf import settings

_ROUNDS = 4
_HALF = 0xFFFFFFFF
LENGTH = 13
PATTERN = "[a-z2-7]{13}"


@cache
def _key(purpose: str, secret: str) -> bytes:
    return hmac.new(secret.encode(), f"sanad.public-id.{purpose}".encode(), "sha256").digest()


def _round(key: bytes, number: int, half: int) -> int:
    digest = hmac.new(key, bytes([number]) + half.to_bytes(4, "big"), hashlib.sha256).digest()
    return int.from_bytes(digest[:4], "big")


def _secret() -> str:
    return getattr(settings, "SANAD_PUBLIC_ID_KEY", "") or settings.SECRET_KEY


def encode(value: int, purpose: str) -> str:
    """The public form of a primary key."""
    key = _key(purpose, _secret())
    left, right = (value >> 32) & _HALF, value & _HALF
    for number in range(_ROUNDS):
        left, right = right, left ^ _round(key, number, right)
    raw = ((left << 32) | right).to_bytes(8, "big")
    return base64.b32encode(raw).decode().rstrip("=").lower()


def decode(text: str, purpose: str) -> int:
    """The primary key behind a public id; ValueError for anything that is not one."""
    if len(text) != LENGTH:
        raise ValueError("not a public id")
    try:
        raw = base64.b32decode(text.upper() + "===")
    except (ValueError, TypeError) as error:
        raise ValueError("not a public id") from error
    whole = int.from_bytes(raw, "big")
    key = _key(purpose, _secret())
    left, right = whole >> 32, whole & _HALF
    for number in reversed(range(_ROUNDS)):
        left, right = right ^ _round(key, number, left), left
    value = (left << 32) | right
    # One spelling per id: base32's spare bit must not make a second address.
    if encode(value, purpose) != text:
        raise ValueError("not a public id")
    return value


class _Converter:
    """A path converter: views get the primary key; reverse() takes the key (or an
    already public id) and writes the public id."""

    regex = PATTERN
    purpose = ""

    def to_python(self, value: str) -> int:
        return decode(value, self.purpose)

    def to_url(self, value) -> str:
        if isinstance(value, str) and not value.isdigit():
            return value
        return encode(int(value), self.purpose)


class ThreadIdConverter(_Converter):
    purpose = "thread"


class NotificationIdConverter(_Converter):
    purpose = "notification"
