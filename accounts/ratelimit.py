"""Rate limits that count per account, or per keyed hash of an address before sign-in.

Counters live in the cache only and expire with their window. An IP address is never
stored anywhere: before it touches the cache it is turned into an HMAC with a key
derived from SECRET_KEY, so the cache holds nothing that can be turned back into an
address.
"""

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


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
        return True
    try:
        current = cache.incr(cache_key)
    except ValueError:
        # The window expired between add() and incr(): this is the first action again.
        cache.add(cache_key, 1, timeout=seconds)
        return True
    return current <= count


def rate_limit_account(*, scope: str, user) -> None:
    """Raise a polite ValidationError when the account has done this too often."""
    if not rate_limit_hit(scope=scope, key=f"account:{user.pk}"):
        raise ValidationError(
            _("You are doing this a little too often. Please wait a few minutes and try again."),
            code="rate_limited",
        )
