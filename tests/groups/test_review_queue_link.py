"""The "Review queue" link: in the header for everyone who works a queue (staff, and the
moderators and facilitators of any group), on the group and manage pages for the
group's own moderators, and for nobody else."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from groups import services
from groups.models import Membership
from tests.factories import MembershipFactory, ThreadFactory, UserFactory, trained_moderator

pytestmark = pytest.mark.django_db

QUEUE_URL = reverse("moderation:queue")


def _header(client, url=None) -> str:
    page = client.get(url or reverse("groups:directory")).content.decode()
    return re.search(r'<header class="site-header">.*?</header>', page, re.DOTALL).group(0)


def _offers_queue(client, url=None) -> bool:
    return f'href="{QUEUE_URL}"' in _header(client, url)


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True)


@pytest.mark.parametrize("role", [Membership.Role.MODERATOR, Membership.Role.FACILITATOR])
def test_it_offers_the_queue_in_the_header_to_a_groups_moderators(client, open_group, role):
    client.force_login(MembershipFactory(group=open_group, role=role).user)

    assert _offers_queue(client)
    assert _offers_queue(client, reverse("groups:home"))


def test_it_offers_the_queue_to_staff(client, staff):
    client.force_login(staff)

    assert _offers_queue(client)


def test_it_offers_no_queue_to_an_ordinary_member(client, member, open_group, join):
    join(member, open_group)
    client.force_login(member)

    assert not _offers_queue(client)
    assert not _offers_queue(client, open_group.get_absolute_url())
    assert client.get(QUEUE_URL).status_code == 404


def test_it_offers_no_queue_to_visitors(client):
    assert not _offers_queue(client)


def test_a_newly_appointed_moderator_sees_the_link_at_once(client, staff, member, open_group, join):
    membership = join(member, open_group)
    client.force_login(member)
    assert not _offers_queue(client)

    services.membership_set_role(actor=staff, membership=membership, role=Membership.Role.MODERATOR)

    assert _offers_queue(client)


def test_a_moderator_added_by_staff_sees_the_link_at_once(client, staff, member, open_group):
    client.force_login(member)
    assert not _offers_queue(client)

    services.membership_add_by_staff(
        actor=staff,
        group=open_group,
        user=member,
        persona=member.personas.get(is_default=True),
        role=Membership.Role.FACILITATOR,
    )

    assert _offers_queue(client)


def test_a_demoted_moderator_loses_the_link(client, staff, open_group):
    membership = MembershipFactory(group=open_group, role=Membership.Role.MODERATOR)
    client.force_login(membership.user)
    assert _offers_queue(client)

    services.membership_set_role(actor=staff, membership=membership, role=Membership.Role.MEMBER)

    assert not _offers_queue(client)
    assert client.get(QUEUE_URL).status_code == 404


def test_a_moderator_who_leaves_the_group_loses_the_link(client, open_group):
    membership = MembershipFactory(group=open_group, role=Membership.Role.MODERATOR)
    client.force_login(membership.user)
    assert _offers_queue(client)

    services.membership_leave(membership=membership)

    assert not _offers_queue(client)


def test_a_moderator_removed_by_staff_loses_the_link(client, staff, open_group):
    membership = MembershipFactory(group=open_group, role=Membership.Role.MODERATOR)
    client.force_login(membership.user)
    assert _offers_queue(client)

    services.membership_remove_by_staff(actor=staff, membership=membership)

    assert not _offers_queue(client)


def test_a_moderator_of_two_groups_keeps_the_link_when_demoted_in_one(client, staff, open_group):
    membership = MembershipFactory(group=open_group, role=Membership.Role.MODERATOR)
    MembershipFactory(user=membership.user, role=Membership.Role.MODERATOR)
    client.force_login(membership.user)
    assert _offers_queue(client)

    services.membership_set_role(actor=staff, membership=membership, role=Membership.Role.MEMBER)

    assert _offers_queue(client)


def test_a_banned_moderator_loses_the_link(client, staff, open_group):
    from moderation import services as moderation
    from tests.factories import PostFactory, give_mfa, give_training

    membership = MembershipFactory(group=open_group, role=Membership.Role.MODERATOR)
    post = PostFactory(thread=ThreadFactory(group=open_group), author=membership.user)
    reporter = MembershipFactory(group=open_group).user
    item = moderation.report_create(reporter=reporter, post=post, reason="harassment").item
    give_mfa(staff)
    give_training(staff)
    client.force_login(membership.user)
    assert _offers_queue(client)

    moderation.member_ban(moderator=staff, item_id=item.pk, reason="Repeated harassment.")

    assert not _offers_queue(client)


def test_pages_read_the_answer_from_the_cache_not_the_database(client, member, open_group, join):
    join(member, open_group)
    thread = ThreadFactory(group=open_group)

    def queue_lookups() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(thread.get_absolute_url()).status_code == 200
        # The only query that asks for a role among several: "moderator or facilitator?"
        return sum('"groups_membership"."role" IN' in q["sql"] for q in queries)

    client.force_login(member)  # signing in works the answer out
    assert queue_lookups() == 0
    cache.clear()  # as when the cached answer expires
    assert queue_lookups() == 1
    assert queue_lookups() == 0


class _CacheDown:
    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise ConnectionError("Redis is not answering")

        return fail


def test_pages_and_role_changes_still_work_while_the_cache_is_down(
    client, staff, open_group, monkeypatch
):
    from groups import selectors

    membership = MembershipFactory(group=open_group, role=Membership.Role.MODERATOR)
    client.force_login(membership.user)
    monkeypatch.setattr(selectors, "cache", _CacheDown())

    assert _offers_queue(client, reverse("moderation:help"))
    services.membership_set_role(actor=staff, membership=membership, role=Membership.Role.MEMBER)
    assert not _offers_queue(client, reverse("moderation:help"))


# --- The group's own pages ---------------------------------------------------------------


def test_the_group_page_links_its_moderators_to_the_groups_queue(client, open_group):
    moderator = trained_moderator(open_group)
    client.force_login(moderator)

    page = client.get(open_group.get_absolute_url()).content.decode()

    assert f'href="{QUEUE_URL}?group={open_group.pk}"' in page


def test_the_group_page_has_no_queue_link_for_members(client, member, open_group, join):
    join(member, open_group)
    client.force_login(member)

    page = client.get(open_group.get_absolute_url()).content.decode()

    assert QUEUE_URL not in page


def test_the_manage_page_links_to_the_groups_queue(client, open_group):
    moderator = trained_moderator(open_group)
    client.force_login(moderator)

    page = client.get(reverse("groups:manage", args=[open_group.slug])).content.decode()

    assert f'href="{QUEUE_URL}?group={open_group.pk}"' in page


def test_the_groups_queue_link_opens_the_queue_for_that_group(client, open_group):
    moderator = trained_moderator(open_group)
    client.force_login(moderator)

    response = client.get(QUEUE_URL, {"group": open_group.pk})

    assert response.status_code == 200
