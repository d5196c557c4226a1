"""Redis may go away; readers and writers must not notice more than they have to.

``ResilientRedisCache`` answers a cache miss (and stores nothing) while Redis cannot be
reached: sessions come from the database (``cached_db``), rate limits let the action
through, presence reads "not here". ``ResilientRedisChannelLayer`` drops pushes and
group changes, and hands each waiting consumer a ``layer.down`` message, on which the
consumers close their socket with ``LAYER_DOWN`` (the pages then say that live updates
are paused and keep retrying). Side effects of posting go through Celery after commit
(``config.oncommit``) and the sweepers pick up what the broker missed.

After a failure Redis is not asked again for ``RETRY_AFTER_SECONDS``, so a page does not
wait on one refused connection per cache call, and the log gets one warning per window.
"""

import asyncio
import logging
import time

from channels_redis.core import RedisChannelLayer
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
RETRY_AFTER_SECONDS = 2.0
# The close code a consumer uses when the channel layer is down: "try again later".
LAYER_DOWN = 4503


class _Breaker:
    def __init__(self, what: str) -> None:
        self.what = what
        self.down_until = 0.0

    def is_open(self) -> bool:
        return time.monotonic() < self.down_until

    def trip(self, error: BaseException) -> None:
        if not self.is_open():
            logger.warning("%s: Redis unreachable (%s); degrading", self.what, error)
        self.down_until = time.monotonic() + RETRY_AFTER_SECONDS

    def reset(self) -> None:
        self.down_until = 0.0


def _guarded(name: str, fallback):
    def method(self, *args, **kwargs):
        if self._breaker.is_open():
            return fallback(*args, **kwargs)
        try:
            result = getattr(RedisCache, name)(self, *args, **kwargs)
        except UNREACHABLE as error:
            self._breaker.trip(error)
            return fallback(*args, **kwargs)
        return result

    method.__name__ = name
    return method


def _missing_key(*args, **kwargs):
    raise ValueError("Key not found (the cache is unreachable).")


def _default(key, default=None, *args, **kwargs):
    return default


class ResilientRedisCache(RedisCache):
    """Django's RedisCache that answers as an empty cache while Redis is down."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._breaker = _Breaker("cache")

    get = _guarded("get", _default)
    get_many = _guarded("get_many", lambda *a, **k: {})
    has_key = _guarded("has_key", lambda *a, **k: False)
    set = _guarded("set", lambda *a, **k: None)
    set_many = _guarded("set_many", lambda data, *a, **k: list(data))
    add = _guarded("add", lambda *a, **k: False)
    touch = _guarded("touch", lambda *a, **k: False)
    delete = _guarded("delete", lambda *a, **k: False)
    delete_many = _guarded("delete_many", lambda *a, **k: None)
    incr = _guarded("incr", _missing_key)
    decr = _guarded("decr", _missing_key)
    clear = _guarded("clear", lambda *a, **k: None)


class ResilientRedisChannelLayer(RedisChannelLayer):
    """channels_redis's layer that degrades instead of raising while Redis is down."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._breaker = _Breaker("channel layer")

    async def _quietly(self, coroutine_function, *args):
        if self._breaker.is_open():
            return None
        try:
            return await coroutine_function(*args)
        except UNREACHABLE as error:
            self._breaker.trip(error)
            return None

    async def send(self, channel, message):
        await self._quietly(super().send, channel, message)

    async def group_add(self, group, channel):
        await self._quietly(super().group_add, group, channel)

    async def group_discard(self, group, channel):
        await self._quietly(super().group_discard, group, channel)

    async def group_send(self, group, message):
        await self._quietly(super().group_send, group, message)

    async def receive(self, channel):
        """A consumer waiting here gets ``layer.down`` (after a pause, so that a closed
        socket is not retried in a tight loop) instead of an exception."""
        if not self._breaker.is_open():
            try:
                return await super().receive(channel)
            except UNREACHABLE as error:
                self._breaker.trip(error)
        await asyncio.sleep(1)
        return {"type": "layer.down"}


class ClosesWhenLayerDown:
    """Mixed into every consumer: with the channel layer down, the socket closes with
    LAYER_DOWN, and the page says live updates are paused and retries later."""

    async def layer_down(self, event):
        await self.close(code=LAYER_DOWN)
