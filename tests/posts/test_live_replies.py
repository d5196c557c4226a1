"""Readers of a thread see new replies arrive over a WebSocket, and only readers do."""

import pytest
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.test import Client

from groups.models import Membership
from posts import services
from tests.factories import MembershipFactory, ThreadFactory

pytestmark = pytest.mark.django_db(transaction=True)


@database_sync_to_async
def _session_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}"


def _application():
    # Imported late: the origin check copies ALLOWED_HOSTS when the module loads, and
    # the test environment adds "testserver" only once the session has started.
    from config.asgi import application

    return application


async def _open_socket(user, thread, path=None):
    headers = [(b"origin", b"http://testserver")]
    if user is not None:
        headers.append((b"cookie", (await _session_cookie(user)).encode()))
    communicator = WebsocketCommunicator(
        _application(), path or f"/ws/threads/{thread.public_id}/?lang=en", headers=headers
    )
    connected, _code = await communicator.connect()
    return communicator, connected


@database_sync_to_async
def _thread_with_two_members():
    group_membership = MembershipFactory()
    thread = ThreadFactory(group=group_membership.group, author=group_membership.user)
    replier = MembershipFactory(group=group_membership.group).user
    return thread, group_membership.user, replier


@database_sync_to_async
def _reply(author, thread, body):
    return services.post_create(author=author, thread=thread, body=body)


async def _assert_reader_sees_reply_live():
    thread, reader, replier = await _thread_with_two_members()
    communicator, connected = await _open_socket(reader, thread)
    assert connected

    post = await _reply(replier, thread, "You are **not** alone.")

    message = await communicator.receive_json_from(timeout=5)
    assert message["type"] == "post.created"
    assert message["number"] == post.number
    assert "<strong>not</strong>" in message["html"]
    persona = await database_sync_to_async(lambda: replier.personas.get().name)()
    assert persona in message["html"]
    assert replier.username not in message["html"]
    await communicator.disconnect()


async def test_a_reader_sees_a_new_reply_without_reloading():
    await _assert_reader_sees_reply_live()


@pytest.mark.needs_redis
async def test_a_reply_travels_to_readers_through_the_redis_channel_layer():
    from channels_redis.core import RedisChannelLayer

    assert isinstance(get_channel_layer(), RedisChannelLayer)
    await _assert_reader_sees_reply_live()


async def test_a_visitor_cannot_listen_to_a_thread():
    thread, _reader, _replier = await _thread_with_two_members()

    _communicator, connected = await _open_socket(None, thread)

    assert not connected


async def test_a_non_member_cannot_listen_to_a_thread():
    thread, _reader, _replier = await _thread_with_two_members()
    outsider = await database_sync_to_async(MembershipFactory)()

    _communicator, connected = await _open_socket(outsider.user, thread)

    assert not connected


async def test_another_sites_page_cannot_open_a_members_socket():
    thread, reader, _replier = await _thread_with_two_members()
    communicator = WebsocketCommunicator(
        _application(),
        f"/ws/threads/{thread.public_id}/",
        headers=[
            (b"origin", b"https://evil.example"),
            (b"cookie", (await _session_cookie(reader)).encode()),
        ],
    )

    connected, _code = await communicator.connect()

    assert not connected


async def test_a_member_banned_while_listening_stops_receiving_replies():
    thread, reader, replier = await _thread_with_two_members()
    communicator, connected = await _open_socket(reader, thread)
    assert connected

    await database_sync_to_async(Membership.objects.filter(user=reader, group=thread.group).update)(
        state=Membership.State.BANNED
    )
    await _reply(replier, thread, "Anyone there?")

    assert await communicator.receive_nothing(timeout=0.5)
    await communicator.disconnect()
