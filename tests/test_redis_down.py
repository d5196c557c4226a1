"""Issue 12, item 9: degrade, don't fail, without Redis.

A private redis-server is started on a free port, the cache, the session cache, the
channel layer and the Celery broker are pointed at it, and it is stopped while a member
reads and posts. Not one answer may be a 5xx; posts are kept; /healthz says what is down;
live sockets close with 4503 and the thread page carries the "paused" notice."""

import shutil
import subprocess
import time

import pytest
import redis
from channels.layers import channel_layers
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator
from django.test import Client

from config.celery import app as celery_app
from config.routing import websocket_urlpatterns
from posts.models import Post
from tests.factories import MembershipFactory, PostFactory, ThreadFactory
from tests.servers import free_port

REDIS_SERVER = shutil.which("redis-server")
pytestmark = [
    pytest.mark.needs_redis,
    pytest.mark.skipif(REDIS_SERVER is None, reason="needs the redis-server binary"),
]


@pytest.fixture
def private_redis():
    port = free_port()
    command = [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1"]
    command += ["--save", "", "--appendonly", "no"]
    process = subprocess.Popen(  # noqa: S603 - the local redis-server binary
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    deadline = time.monotonic() + 10
    while True:
        try:
            redis.Redis.from_url(url).ping()
            break
        except redis.ConnectionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)

    def stop():
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=10)

    yield url, stop
    stop()


def _point_at(settings, url):
    """Production's cache and channel layer (config/settings.py), on another Redis."""
    settings.REDIS_URL = url
    cache = settings.CACHES["default"]
    layer = settings.CHANNEL_LAYERS["default"]
    assert cache["BACKEND"] == "config.resilience.ResilientRedisCache"
    assert layer["BACKEND"] == "config.resilience.ResilientRedisChannelLayer"
    settings.CACHES = {"default": {**cache, "LOCATION": url, "KEY_PREFIX": "sanad-fault"}}
    hosts = [{**host, "address": url} for host in layer["CONFIG"]["hosts"]]
    settings.CHANNEL_LAYERS = {"default": {**layer, "CONFIG": {**layer["CONFIG"], "hosts": hosts}}}
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    channel_layers.backends.clear()


@pytest.fixture
def broker(private_redis):
    """Celery publishes to the private Redis instead of running tasks in-process."""
    url, _stop = private_redis
    previous = (celery_app.conf.broker_url, celery_app.conf.task_always_eager)
    celery_app.conf.broker_url = url
    celery_app.conf.task_always_eager = False
    celery_app.conf.broker_connection_retry = False
    celery_app.conf.task_publish_retry = False
    celery_app._pool = None
    yield
    celery_app.conf.broker_url, celery_app.conf.task_always_eager = previous
    celery_app._pool = None
    channel_layers.backends.clear()


@pytest.mark.django_db(transaction=True)
def test_a_member_reads_and_posts_while_redis_stops(settings, private_redis, broker):
    url, stop_redis = private_redis
    _point_at(settings, url)
    membership = MembershipFactory()
    thread = ThreadFactory(group=membership.group)
    PostFactory(thread=thread, persona=membership.persona)
    member = Client(HTTP_ACCEPT_LANGUAGE="en", raise_request_exception=False)
    member.force_login(membership.user)
    pages = [
        "/",
        thread.get_absolute_url(),
        f"/groups/{membership.group.slug}/",
        "/notifications/",
        "/groups/",
        "/waiting/",
    ]
    statuses = []

    timings = {"read": [], "post": []}

    def read_and_post(round_: str, number: int = 0):
        for path in pages:
            started = time.monotonic()
            statuses.append((round_, path, member.get(path).status_code))
            timings["read"].append(time.monotonic() - started)
        body = f"Reply number {number} while {round_}."
        started = time.monotonic()
        response = member.post(thread.get_absolute_url(), {"body": body})
        timings["post"].append(time.monotonic() - started)
        statuses.append((round_, "reply", response.status_code))

    read_and_post("redis up")
    stop_redis()
    timings = {"read": [], "post": []}
    for number in range(3):
        read_and_post("redis down", number)

    failures = [entry for entry in statuses if entry[2] >= 500]
    assert failures == []
    # Nobody waits on Redis: a refused connection is tried once, then not for a while;
    # only the first post may wait for the broker's refusal.
    assert max(timings["read"]) < 2, timings
    assert max(timings["post"][1:]) < 2, timings
    assert all(status in {200, 302} for _, _, status in statuses), statuses
    assert Post.objects.filter(thread=thread, body__endswith="while redis down.").count() == 3
    # Still signed in: the session came from the database.
    page = member.get(thread.get_absolute_url())
    assert page.status_code == 200
    assert "Live updates are paused" in page.content.decode()
    assert page.wsgi_request.user == membership.user

    health = member.get("/healthz")
    assert health.status_code == 503
    checks = health.json()["checks"]
    assert checks["database"] == "ok"
    assert checks["cache"] == "down"
    assert checks["channel_layer"] == "down"
    assert checks["broker"] == "down"


@pytest.mark.django_db(transaction=True)
async def test_live_sockets_close_with_4503_while_redis_is_down(settings):
    from asgiref.sync import sync_to_async
    from channels.auth import AuthMiddlewareStack

    _point_at(settings, f"redis://127.0.0.1:{free_port()}/0")  # nothing listens there
    membership = await sync_to_async(MembershipFactory)()
    thread = await sync_to_async(ThreadFactory)(group=membership.group)
    client = Client()
    await sync_to_async(client.force_login)(membership.user)
    cookie = f"sessionid={client.cookies['sessionid'].value}".encode()
    application = AuthMiddlewareStack(URLRouter(websocket_urlpatterns))

    for path in (f"/ws/threads/{thread.public_id}/", "/ws/notifications/"):
        communicator = WebsocketCommunicator(application, path, headers=[(b"cookie", cookie)])
        await communicator.connect(timeout=10)
        closed = await communicator.receive_output(timeout=10)
        while closed["type"] != "websocket.close":
            closed = await communicator.receive_output(timeout=10)
        assert closed["code"] == 4503, path
        await communicator.disconnect()
    channel_layers.backends.clear()
