"""Shared fixtures, and the rule for tests that need real services.

Tests marked needs_postgres, needs_redis or needs_browser skip with a reason when the
service is absent. With SANAD_REQUIRE_SERVICES=1 (as .ci/run sets it) they fail
instead, so CI can never go green by quietly skipping them.
"""

import contextlib
import inspect
import os
import shutil
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings

from tests.factories import MembershipFactory, SupportGroupFactory, UserFactory

REQUIRE_SERVICES = os.environ.get("SANAD_REQUIRE_SERVICES") == "1"
CHROMIUM = Path(os.environ.get("SANAD_CHROMIUM", "/usr/bin/chromium"))


def _redis_reachable() -> bool:
    if not settings.REDIS_URL:
        return False
    import redis

    try:
        return bool(redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2).ping())
    except redis.RedisError:
        return False


def _missing_service(marker: str) -> str | None:
    engine = settings.DATABASES["default"]["ENGINE"]
    if marker == "needs_postgres" and "postgresql" not in engine:
        return "needs PostgreSQL: set DATABASE_URL=postgres://..."
    if marker == "needs_redis" and not _redis_reachable():
        return "needs Redis: set REDIS_URL=redis://... to a running server"
    if marker == "needs_browser":
        if not (CHROMIUM.exists() or shutil.which("chromium")):
            return f"needs Chromium at {CHROMIUM} (apt-get install chromium)"
        if "postgresql" not in engine:
            return "needs PostgreSQL: the live server runs in another process"
    return None


def pytest_runtest_setup(item):
    for marker in ("needs_postgres", "needs_redis", "needs_browser"):
        if item.get_closest_marker(marker) is None:
            continue
        reason = _missing_service(marker)
        if reason is None:
            continue
        if REQUIRE_SERVICES:
            pytest.fail(f"SANAD_REQUIRE_SERVICES=1 but this test {reason}", pytrace=False)
        pytest.skip(reason)


def pytest_collection_modifyitems(items):
    # Every async test closes the sockets it opened (below); sync tests need no loop.
    for item in items:
        if inspect.iscoroutinefunction(getattr(item, "function", None)):
            item.fixturenames.append("_sockets_closed_after_the_test")


@pytest.fixture
async def _sockets_closed_after_the_test():
    """A socket a test opened, even one the server refused, ends as a browser's would:
    with websocket.disconnect. Left open, the consumer is cancelled only when the test's
    event loop closes, and cancelling one that is waiting on the Redis channel layer can
    block that close for good (CI ran out of time on exactly that)."""
    from channels.testing import WebsocketCommunicator

    opened = []
    original_init = WebsocketCommunicator.__init__

    def recording_init(communicator, *args, **kwargs):
        original_init(communicator, *args, **kwargs)
        opened.append(communicator)

    with mock.patch.object(WebsocketCommunicator, "__init__", recording_init):
        yield
    for communicator in opened:
        if communicator.future.done():
            continue
        with contextlib.suppress(Exception):
            await communicator.send_input({"type": "websocket.disconnect", "code": 1000})
            await communicator.wait(timeout=2)


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """Services and tasks speak the active language; tests read them in English unless
    they ask for Arabic (requests pick their own language from the cookie or header)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _isolated_cache_and_eager_celery():
    """Each test starts with an empty cache, and Celery runs in-process unless a test
    starts a real worker (see the celery_worker fixture)."""
    from django.core.cache import cache

    from config.celery import app
    from posts import post_cache

    cache.clear()
    # The posts' blocks each process keeps in front of the cache go too.
    post_cache.local.clear()
    app.conf.task_always_eager = True


@pytest.fixture
def client():
    """A browser that prefers English; tests of Arabic set the language cookie."""
    from django.test import Client

    return Client(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def member(db):
    return UserFactory()


@pytest.fixture
def other_member(db):
    return UserFactory()


@pytest.fixture
def open_group(db):
    return SupportGroupFactory()


@pytest.fixture
def join():
    def _join(user, group, **kwargs):
        return MembershipFactory(user=user, group=group, **kwargs)

    return _join


@pytest.fixture
def persona_of():
    def _persona_of(user):
        return user.personas.get(is_default=True)

    return _persona_of
