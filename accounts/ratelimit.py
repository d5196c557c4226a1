"""Rate limits that count per account, or per keyed hash of an address before sign-in.

Counters live in the cache only and expire with their window. An IP address is never
stored anywhere: before it touches the cache it is turned into an HMAC with a key
derived from SECRET_KEY, so the cache holds nothing that can be turned back into an
address.
"""

import hashlib
import hmac
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.translation import gettext as _


class RateLimited(ValidationError):
    """A rate limit refused the action. Views answer it like any refusal (the form back,
    filled in, with the message) but with 429 and Retry-After: see too_often()."""

    def __init__(self, message, *, retry_after: int):
        super().__init__(message, code="rate_limited")
        self.retry_after = retry_after


def _limit(scope: str) -> tuple[int, int]:
    count, seconds = settings.SANAD_RATE_LIMITS[scope].split("/")
    return int(count), int(seconds)


def address_fingerprint(address: str) -> str:
    key = hashlib.sha256(f"sanad-address:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()[:32]


def rate_limit_hit(*, scope: str, key: str) -> bool:
    """Count one action; False when the limit for this scope is already reached."""
    count, seconds = _limit(scope)
    cache_key = f"ratelimit:{scope}:{key}"
    # add() only sets when absent, so the window starts with the first action.
    if cache.add(cache_key, 1, timeout=seconds):
        _window_starts(cache_key, seconds)
        return True
    try:
        current = cache.incr(cache_key)
    except ValueError:
        # The window expired between add() and incr(): this is the first action again.
        cache.add(cache_key, 1, timeout=seconds)
        _window_starts(cache_key, seconds)
        return True
    return current <= count


def _window_starts(cache_key: str, seconds: int) -> None:
    # When the window ends, so that a refusal can say how long to wait (Retry-After).
    cache.set(f"{cache_key}:until", time.time() + seconds, timeout=seconds)


def seconds_left(*, scope: str, key: str) -> int:
    """How long until this scope counts from zero again for this key."""
    _count, seconds = _limit(scope)
    until = cache.get(f"ratelimit:{scope}:{key}:until")
    if until is None:
        return seconds
    # Whole minutes, rounded up: precise enough to wait by, and two refusals a moment
    # apart (a known and an unknown username, say) read the same.
    step = 60 if seconds >= 60 else 1
    return min(seconds, step * max(1, math.ceil((until - time.time()) / step)))


def too_often(response: HttpResponse, refusal=None, *, retry_after: int | None = None):
    """Sanad's handler429: a refused form's own page (filled in, with its message, and
    crisis support when the words called for it) turned into 429 with Retry-After when a
    rate limit refused it. Any other response is returned as it was."""
    if retry_after is None:
        retry_after = getattr(refusal, "retry_after", None)
    if retry_after:
        response.status_code = 429
        response["Retry-After"] = str(int(retry_after))
    return response


def rate_limit_account(*, scope: str, user) -> None:
    """Raise a polite ValidationError when the account has done this too often."""
    key = f"account:{user.pk}"
    if not rate_limit_hit(scope=scope, key=key):
        raise RateLimited(
            _("You are doing this a little too often. Please wait a few minutes and try again."),
            retry_after=seconds_left(scope=scope, key=key),
        )
