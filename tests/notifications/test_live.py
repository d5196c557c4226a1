"""The bell over a WebSocket: the member's own count and new notifications, nobody else's."""

import pytest
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.test import Client

from delivery.realtime import member_group_name
from notifications.models import Notification
from posts import services as post_services
from tests.factories import MembershipFactory, SupportGroupFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@database_sync_to_async
def _cookie(user):
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}".encode()


async def _socket(user=None):
    # Imported here: the origin check reads ALLOWED_HOSTS when the application is built,
    # and the test setup adds "testserver" to it only once tests start.
    from config.asgi import application

    headers = [(b"origin", b"http://testserver")]
    if user is not None:
        headers.append((b"cookie", await _cookie(user)))
    communicator = WebsocketCommunicator(application, "/ws/notifications/?lang=en", headers=headers)
    connected, code = await communicator.connect()
    return communicator, connected, code


@database_sync_to_async
def _thread_with_author():
    group = SupportGroupFactory()
    author = MembershipFactory(group=group).user
    thread = post_services.thread_create(
        author=author, group=group, title="Nights are long", body="I cannot sleep."
    )
    replier = MembershipFactory(group=group).user
    return thread, author, replier


async def test_a_visitor_cannot_open_the_bell():
    _communicator, connected, code = await _socket()

    assert not connected
    assert code == 4401


async def test_the_member_sees_the_count_at_once_and_a_reply_arrives_live():
    thread, author, replier = await _thread_with_author()
    communicator, connected, _code = await _socket(author)
    assert connected
    assert await communicator.receive_json_from(timeout=5) == {"type": "count", "count": 0}

    await database_sync_to_async(post_services.post_create)(
        author=replier, thread=thread, body="Here with you tonight."
    )

    message = await communicator.receive_json_from(timeout=5)
    await communicator.disconnect()
    assert message["type"] == "notification"
    assert message["count"] == 1
    assert (
        f"<bdi>{await database_sync_to_async(lambda: replier.personas.get().name)()}</bdi> replied"
        in (message["html"])
    )
    assert replier.username not in str(message)


async def test_someone_elses_notification_is_never_forwarded():
    thread, author, replier = await _thread_with_author()
    stranger = await database_sync_to_async(UserFactory)()
    communicator, _connected, _code = await _socket(stranger)
    await communicator.receive_json_from(timeout=5)

    await database_sync_to_async(post_services.post_create)(
        author=replier, thread=thread, body="Here with you tonight."
    )
    notification = await database_sync_to_async(Notification.objects.get)(recipient=author)
    # Even if an event for another member's notification reached this socket's group.
    await get_channel_layer().group_send(
        member_group_name(stranger.pk),
        {"type": "notification.created", "notification_id": notification.pk},
    )

    assert await communicator.receive_nothing(timeout=0.5)
    await communicator.disconnect()


async def test_reading_elsewhere_updates_the_count():
    thread, author, replier = await _thread_with_author()
    await database_sync_to_async(post_services.post_create)(
        author=replier, thread=thread, body="Here with you tonight."
    )
    communicator, _connected, _code = await _socket(author)
    assert (await communicator.receive_json_from(timeout=5))["count"] == 1

    from delivery import services

    await database_sync_to_async(services.notifications_mark_all_read)(user=author)

    assert await communicator.receive_json_from(timeout=5) == {"type": "count", "count": 0}
    await communicator.disconnect()
