"""Support reactions reach the author as "3 members sent support": counts, never who,
at most one notice per post per hour."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from delivery import services
from notifications.models import Notification
from posts import services as post_services
from posts.models import Reaction
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(open_group, member, join):
    join(member, open_group)
    thread = post_services.thread_create(
        author=member, group=open_group, title="Nights are long", body="I cannot sleep."
    )
    return thread.posts.get()


def _react(post, user=None, kind=Reaction.Kind.SUPPORT, minutes_ago=5):
    user = user or MembershipFactory(group=post.thread.group).user
    reaction = Reaction.objects.create(post=post, user=user, kind=kind)
    Reaction.objects.filter(pk=reaction.pk).update(
        created_at=timezone.now() - timedelta(minutes=minutes_ago)
    )
    return user


def _notices(post):
    return list(Notification.objects.filter(post=post, kind=Notification.Kind.REACTIONS))


def test_three_members_reacting_make_one_notice_that_counts_them(
    post, member, client, django_capture_on_commit_callbacks
):
    reactors = [_react(post) for _ in range(3)]

    with django_capture_on_commit_callbacks(execute=True):
        assert services.reaction_notices_create() == 1

    (notice,) = _notices(post)
    assert (notice.recipient, notice.count) == (member, 3)
    client.force_login(member)
    page = client.get(reverse("notifications:list")).content.decode()
    assert "3 members sent support to your post in “<bdi>Nights are long</bdi>”" in page
    for reactor in reactors:
        assert reactor.personas.get().name not in page


def test_a_member_who_reacts_twice_counts_once(post):
    reactor = _react(post)
    _react(post, user=reactor, kind=Reaction.Kind.THANKS)

    services.reaction_notices_create()

    assert _notices(post)[0].count == 1


def test_at_most_one_notice_per_post_per_hour(post):
    _react(post)
    services.reaction_notices_create()
    _react(post, minutes_ago=0)

    # Settled, but within the hour of the first notice.
    assert services.reaction_notices_create(now=timezone.now() + timedelta(minutes=5)) == 0
    assert len(_notices(post)) == 1

    later = timezone.now() + timedelta(minutes=61)
    assert services.reaction_notices_create(now=later) == 1
    assert [n.count for n in _notices(post)] == [1, 1]


def test_the_authors_own_reaction_does_not_count(post, member):
    _react(post, user=member)

    assert services.reaction_notices_create() == 0
    assert _notices(post) == []


def test_a_reaction_not_yet_settled_waits_for_the_next_round(post):
    _react(post, minutes_ago=0)

    assert services.reaction_notices_create() == 0

    later = timezone.now() + timedelta(minutes=2)
    assert services.reaction_notices_create(now=later) == 1


def test_running_twice_at_once_tells_once(post):
    _react(post)
    now = timezone.now()

    services.reaction_notices_create(now=now)
    services.reaction_notices_create(now=now)

    assert len(_notices(post)) == 1
