"""The queue updates live for every moderator watching it, and only for them."""

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client

from groups.models import Membership
from moderation import services
from moderation.models import CrisisPhrase, ReviewItem
from posts import services as posts
from tests.factories import (
    MembershipFactory,
    PostFactory,
    SupportGroupFactory,
    ThreadFactory,
    UserFactory,
    give_mfa,
)

# Transactional: the flushes between these tests take the seeded training modules with
# them, so "trained" here means two-factor and no modules required.
pytestmark = pytest.mark.django_db(transaction=True)


def _application():
    from config.asgi import application

    return application


@database_sync_to_async
def _cookie(user) -> bytes:
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}".encode()


async def _open(user):
    headers = [(b"origin", b"http://testserver")]
    if user is not None:
        headers.append((b"cookie", await _cookie(user)))
    communicator = WebsocketCommunicator(
        _application(), "/ws/moderation/queue/?lang=en", headers=headers
    )
    connected, code = await communicator.connect()
    return communicator, connected, code


@database_sync_to_async
def _setup():
    group = SupportGroupFactory()
    moderator = MembershipFactory(group=group, role=Membership.Role.MODERATOR).user
    give_mfa(moderator)
    author = MembershipFactory(group=group).user
    thread = ThreadFactory(group=group)
    CrisisPhrase.objects.get_or_create(phrase="want to die", kind="crisis", language="en")
    return group, moderator, author, thread


async def test_a_crisis_post_appears_live_at_the_top_for_the_moderator():
    _group, moderator, author, thread = await _setup()
    communicator, connected, _code = await _open(moderator)
    assert connected

    post = await database_sync_to_async(posts.post_create)(
        author=author, thread=thread, body="I want to die."
    )

    message = await communicator.receive_json_from(timeout=5)
    item = await database_sync_to_async(ReviewItem.objects.get)(post=post)
    assert message["type"] == "queue.item_changed"
    assert message["item_id"] == item.pk
    assert message["lane"] == 0
    assert "I want to die." in message["html"]
    username = author.username
    assert username not in message["html"]
    await communicator.disconnect()


async def test_claims_and_resolutions_reach_other_watchers():
    group, moderator, author, thread = await _setup()
    other = await database_sync_to_async(
        lambda: MembershipFactory(group=group, role=Membership.Role.MODERATOR).user
    )()
    await database_sync_to_async(give_mfa)(other)

    @database_sync_to_async
    def report():
        post = PostFactory(thread=thread, author=author)
        return services.report_create(
            reporter=MembershipFactory(group=group).user, post=post, reason="spam"
        ).item

    item = await report()
    communicator, connected, _code = await _open(other)
    assert connected

    await database_sync_to_async(services.item_claim)(moderator=moderator, item_id=item.pk)
    claimed = await communicator.receive_json_from(timeout=5)
    await database_sync_to_async(services.item_dismiss)(moderator=moderator, item_id=item.pk)
    resolved = await communicator.receive_json_from(timeout=5)

    assert claimed["type"] == "queue.item_changed"
    assert "Claimed by another moderator" in claimed["html"]
    assert resolved == {"type": "queue.item_removed", "item_id": item.pk}
    await communicator.disconnect()


async def test_members_visitors_and_moderators_without_two_factor_are_refused():
    group, _moderator, author, _thread = await _setup()
    no_mfa = await database_sync_to_async(
        lambda: MembershipFactory(group=group, role=Membership.Role.MODERATOR).user
    )()

    for user in (None, author, no_mfa):
        _communicator, connected, code = await _open(user)
        assert not connected
        assert code == 4404


async def test_items_of_other_groups_never_reach_a_moderator():
    _group, moderator, _author, _thread = await _setup()
    communicator, connected, _code = await _open(moderator)
    assert connected

    @database_sync_to_async
    def elsewhere():
        other_group = SupportGroupFactory()
        post = PostFactory(thread=ThreadFactory(group=other_group), body="elsewhere")
        services.report_create(
            reporter=MembershipFactory(group=other_group).user, post=post, reason="crisis"
        )

    await elsewhere()

    assert await communicator.receive_nothing(timeout=0.5)
    await communicator.disconnect()


async def test_a_moderator_who_loses_the_role_stops_receiving_at_once():
    group, moderator, author, thread = await _setup()
    communicator, connected, _code = await _open(moderator)
    assert connected
    await database_sync_to_async(
        lambda: Membership.objects.filter(user=moderator, group=group).update(
            role=Membership.Role.MEMBER
        )
    )()

    await database_sync_to_async(posts.post_create)(
        author=author, thread=thread, body="I want to die."
    )

    output = await communicator.receive_output(timeout=5)
    assert output["type"] == "websocket.close"
    assert output["code"] == 4404


async def test_staff_watch_every_group():
    _group, _moderator, author, thread = await _setup()
    staff = await database_sync_to_async(lambda: UserFactory(is_staff=True))()
    await database_sync_to_async(give_mfa)(staff)
    communicator, connected, _code = await _open(staff)
    assert connected

    await database_sync_to_async(posts.post_create)(
        author=author, thread=thread, body="I want to die."
    )

    message = await communicator.receive_json_from(timeout=5)
    assert message["type"] == "queue.item_changed"
    assert await communicator.receive_nothing(timeout=0.3)
    await communicator.disconnect()
