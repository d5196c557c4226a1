"""Every groups view, asked by someone who may not use it: a visitor is sent to sign in,
anyone else gets 404 (never 403), so that an unlisted group or a moderation page gives
nothing away. Next to each refusal, the success case for whoever may."""

import pytest
from django.urls import reverse

from groups.models import Membership, SupportGroup
from tests.factories import (
    InviteFactory,
    JoinRequestFactory,
    MembershipFactory,
    SupportGroupFactory,
    UserFactory,
    give_mfa,
)

pytestmark = pytest.mark.django_db

MODERATION_VIEWS = ["manage", "members", "settings", "questions", "invite_create"]


class World:
    def __init__(self, listing=SupportGroup.Listing.LISTED):
        self.group = SupportGroupFactory(access=SupportGroup.Access.REQUEST, listing=listing)
        self.moderator = MembershipFactory(group=self.group, role=Membership.Role.MODERATOR).user
        give_mfa(self.moderator)
        self.member = MembershipFactory(group=self.group).user
        self.stranger = UserFactory()
        self.staff = UserFactory(is_staff=True)
        give_mfa(self.staff)
        self.join_request = JoinRequestFactory(group=self.group)
        self.invite = InviteFactory(group=self.group)

    def url(self, name: str) -> str:
        slug = self.group.slug
        if name == "decide":
            return reverse("groups:decide", args=[slug, self.join_request.pk])
        if name == "invite_revoke":
            return reverse("groups:invite_revoke", args=[slug, self.invite.pk])
        return reverse(f"groups:{name}", args=[slug])


@pytest.fixture
def world(db):
    return World()


@pytest.fixture
def hidden_world(db):
    return World(listing=SupportGroup.Listing.UNLISTED)


@pytest.mark.parametrize("name", [*MODERATION_VIEWS, "decide"])
def test_the_groups_moderators_and_staff_open_the_moderation_pages(client, world, name):
    for user in (world.moderator, world.staff):
        client.force_login(user)
        assert client.get(world.url(name)).status_code == 200, name


@pytest.mark.parametrize("name", [*MODERATION_VIEWS, "decide", "invite_revoke"])
def test_members_and_strangers_get_404_at_every_moderation_page(client, world, name):
    for user in (world.member, world.stranger, world.join_request.user):
        client.force_login(user)
        assert client.get(world.url(name)).status_code in (404, 405), name
        assert client.post(world.url(name), {"anything": "x"}).status_code == 404, name


@pytest.mark.parametrize("name", [*MODERATION_VIEWS, "decide", "invite_revoke", "leave", "join"])
def test_visitors_are_sent_to_sign_in(client, world, name):
    response = client.post(world.url(name))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


GROUP_ENDPOINTS = [
    "detail",
    "join",
    "withdraw",
    "leave",
    "persona",
    *MODERATION_VIEWS,
    "decide",
    "invite_revoke",
]


@pytest.mark.parametrize("name", GROUP_ENDPOINTS)
def test_a_non_member_posting_to_any_endpoint_of_an_unlisted_group_gets_404(
    client, hidden_world, name
):
    client.force_login(hidden_world.stranger)

    response = client.post(hidden_world.url(name), {"persona": 1, "note": "x"})

    assert response.status_code == 404


@pytest.mark.parametrize("name", GROUP_ENDPOINTS)
def test_an_unknown_group_answers_exactly_like_an_unlisted_one(client, hidden_world, name):
    client.force_login(hidden_world.stranger)
    unknown = hidden_world.url(name).replace(hidden_world.group.slug, "no-such-group")

    hidden = client.post(hidden_world.url(name), {"persona": 1})
    missing = client.post(unknown, {"persona": 1})

    assert hidden.status_code == missing.status_code == 404
    assert hidden.content == missing.content


def test_moderators_without_a_second_factor_are_sent_to_set_one_up(client, world):
    moderator = MembershipFactory(group=world.group, role=Membership.Role.MODERATOR).user
    client.force_login(moderator)

    response = client.get(world.url("manage"))

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_only_members_reach_the_leave_page(client, world):
    client.force_login(world.stranger)
    assert client.get(world.url("leave")).status_code == 404

    client.force_login(world.member)
    assert client.get(world.url("leave")).status_code == 200


def test_only_the_applicant_withdraws_their_request(client, world):
    client.force_login(world.stranger)
    assert client.post(world.url("withdraw")).status_code == 404

    client.force_login(world.join_request.user)
    assert client.post(world.url("withdraw")).status_code == 302


def test_the_moderation_pages_are_never_indexed(client, world):
    client.force_login(world.moderator)
    for name in MODERATION_VIEWS:
        assert client.get(world.url(name)).headers["X-Robots-Tag"] == "noindex, nofollow"
