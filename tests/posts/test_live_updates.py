"""Readers see edits and removals arrive live, rendered for each of them; the socket keeps
checking access; and it works across ASGI processes sharing PostgreSQL and Redis."""

import asyncio
import json
import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
from channels.db import database_sync_to_async
from django.conf import settings
from django.test import Client

from posts import realtime, services
from posts.models import Post, ReaderPreference
from tests.factories import MembershipFactory, ThreadFactory
from tests.posts.test_live_replies import _open_socket

pytestmark = pytest.mark.django_db(transaction=True)


@database_sync_to_async
def _thread_with_a_reply():
    starter = MembershipFactory()
    thread = ThreadFactory(group=starter.group, author=starter.user)
    author = MembershipFactory(group=starter.group).user
    post = services.post_create(author=author, thread=thread, body="First words.")
    return thread, starter.user, author, post


async def test_an_edit_arrives_live_rendered_for_the_reader():
    thread, reader, author, post = await _thread_with_a_reply()
    await database_sync_to_async(ReaderPreference.objects.create)(user=reader)
    communicator, connected = await _open_socket(reader, thread)
    assert connected

    await database_sync_to_async(services.post_edit)(
        editor=author, post=post, body="Better words.", content_warning="grief"
    )

    message = await communicator.receive_json_from(timeout=5)
    assert message["type"] == "post.changed"
    assert message["number"] == post.number
    assert "Better words." in message["html"]
    assert '<details class="post-collapsed">' in message["html"]
    assert "edited" in message["html"]
    await communicator.disconnect()


async def test_a_deletion_arrives_live_as_a_placeholder():
    thread, reader, author, post = await _thread_with_a_reply()
    communicator, connected = await _open_socket(reader, thread)
    assert connected

    await database_sync_to_async(services.post_delete)(actor=author, post=post)

    message = await communicator.receive_json_from(timeout=5)
    assert message["type"] == "post.changed"
    assert "This post was deleted by its author." in message["html"]
    assert "First words." not in message["html"]
    await communicator.disconnect()


async def test_a_removal_reaches_readers_as_a_placeholder_and_its_author_with_the_reason():
    thread, reader, author, post = await _thread_with_a_reply()
    readers_socket, _ = await _open_socket(reader, thread)
    authors_socket, _ = await _open_socket(author, thread)

    @database_sync_to_async
    def remove():
        Post.objects.filter(pk=post.pk).update(
            state=Post.State.REMOVED, removal_reason="Names another member."
        )
        realtime.post_changed(post_id=post.pk)

    await remove()

    for_reader = await readers_socket.receive_json_from(timeout=5)
    for_author = await authors_socket.receive_json_from(timeout=5)
    assert "This post was removed by a moderator." in for_reader["html"]
    assert "Names another member." not in for_reader["html"]
    assert "Names another member." in for_author["html"]
    await readers_socket.disconnect()
    await authors_socket.disconnect()


async def test_a_post_held_after_the_fact_is_withdrawn_from_other_readers():
    thread, reader, _author, post = await _thread_with_a_reply()
    communicator, connected = await _open_socket(reader, thread)
    assert connected

    @database_sync_to_async
    def hold():
        Post.objects.filter(pk=post.pk).update(state=Post.State.HELD)
        realtime.post_changed(post_id=post.pk)

    await hold()

    message = await communicator.receive_json_from(timeout=5)
    assert message == {"type": "post.withdrawn", "number": post.number}
    await communicator.disconnect()


async def test_a_held_new_reply_is_never_sent_to_other_readers():
    thread, reader, author, _post = await _thread_with_a_reply()
    communicator, connected = await _open_socket(reader, thread)
    assert connected

    @database_sync_to_async
    def held_reply():
        post = Post.objects.create(
            thread=thread,
            author=author,
            number=thread.posts.count() + 1,
            body="Waiting for review.",
            state=Post.State.HELD,
        )
        realtime.post_created(post_id=post.pk)

    await held_reply()

    assert await communicator.receive_nothing(timeout=0.5)
    await communicator.disconnect()


async def test_a_member_who_left_gets_no_edits_either():
    from groups.models import Membership

    thread, reader, author, post = await _thread_with_a_reply()
    communicator, connected = await _open_socket(reader, thread)
    assert connected

    await database_sync_to_async(Membership.objects.filter(user=reader, group=thread.group).update)(
        state=Membership.State.LEFT
    )
    await database_sync_to_async(services.post_edit)(editor=author, post=post, body="Changed.")

    assert await communicator.receive_nothing(timeout=0.5)
    await communicator.disconnect()


# Two ASGI server processes on one PostgreSQL and Redis


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _serve(port: int) -> subprocess.Popen:
    database = settings.DATABASES["default"]
    url = (
        f"postgres://{database['USER']}:{urllib.parse.quote(database['PASSWORD'] or '')}"
        f"@{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/{database['NAME']}"
    )
    environment = {
        **os.environ,
        "DATABASE_URL": url,
        "REDIS_URL": settings.REDIS_URL,
        "DEBUG": "true",
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
    }
    command = [sys.executable, "-m", "uvicorn", "config.asgi:application"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--no-access-log", "--lifespan", "off"]
    return subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
        command,
        cwd=Path(settings.BASE_DIR),
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _wait_until_serving(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(process.stderr.read().decode(errors="replace"))
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"nothing answered on port {port}")


def _post_reply_through(port: int, session_cookie: str, thread_id: str, body: str) -> int:
    """A reply sent the way a browser sends it: read the page for its CSRF token, post."""
    base = f"http://127.0.0.1:{port}"
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.addheaders = [("Cookie", f"sessionid={session_cookie}")]
    page = opener.open(f"{base}/threads/{thread_id}/").read().decode()
    token = page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    csrf_cookie = next(cookie.value for cookie in jar if cookie.name == "csrftoken")
    request = urllib.request.Request(  # noqa: S310
        f"{base}/threads/{thread_id}/",
        data=urllib.parse.urlencode({"csrfmiddlewaretoken": token, "body": body}).encode(),
        headers={
            "Cookie": f"sessionid={session_cookie}; csrftoken={csrf_cookie}",
            "Referer": f"{base}/threads/{thread_id}/",
            "Origin": base,
        },
    )
    return opener.open(request).status


@pytest.mark.needs_postgres
@pytest.mark.needs_redis
def test_a_socket_on_one_server_receives_a_reply_posted_through_another():
    import websockets

    thread_starter = MembershipFactory()
    thread = ThreadFactory(group=thread_starter.group, author=thread_starter.user)
    replier = MembershipFactory(group=thread.group).user
    sessions = {}
    for name, user in (("reader", thread_starter.user), ("replier", replier)):
        client = Client()
        client.force_login(user)
        sessions[name] = client.cookies["sessionid"].value
    ports = [_free_port(), _free_port()]
    servers = [_serve(port) for port in ports]
    try:
        for port, server in zip(ports, servers, strict=True):
            _wait_until_serving(port, server)

        async def journey():
            async with websockets.connect(
                f"ws://127.0.0.1:{ports[0]}/ws/threads/{thread.public_id}/?lang=en",
                additional_headers={"Cookie": f"sessionid={sessions['reader']}"},
                origin=f"http://127.0.0.1:{ports[0]}",
            ) as listening:
                status = await asyncio.to_thread(
                    _post_reply_through, ports[1], sessions["replier"], thread.public_id,
                    "Across two servers, I am here.",
                )  # fmt: skip
                message = json.loads(await asyncio.wait_for(listening.recv(), timeout=10))
                return status, message

        status, message = asyncio.run(journey())
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=10)

    assert status == 200
    assert message["type"] == "post.created"
    assert "Across two servers, I am here." in message["html"]
    assert replier.username not in message["html"]
