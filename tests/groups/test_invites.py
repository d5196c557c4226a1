"""Invite links: created by a group's moderators with an expiry and a use limit,
revoked, and redeemed after seeing the group's card and rules."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from groups.models import Invite, Membership, SupportGroup
from tests.factories import InviteFactory, SupportGroupFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(invite_group, make_moderator):
    return make_moderator(invite_group)


def _redeem(client, user, invite):
    client.force_login(user)
    return client.post(invite.get_absolute_url(), {"persona": user.personas.get().pk})


def test_a_moderator_creates_an_invite_link_with_an_expiry_and_a_use_limit(
    client, invite_group, moderator
):
    client.force_login(moderator)

    response = client.post(
        reverse("groups:invite_create", args=[invite_group.slug]),
        {"label": "March intake", "valid_days": "3", "max_uses": "4"},
    )

    assert response.status_code == 302
    invite = Invite.objects.get(group=invite_group)
    assert invite.max_uses == 4
    assert invite.label == "March intake"
    assert timedelta(days=2, hours=23) < invite.expires_at - timezone.now() <= timedelta(days=3)
    assert len(invite.token) >= 32
    assert AuditEntry.objects.get(action="invite.created").actor == moderator
    page = client.get(reverse("groups:manage", args=[invite_group.slug])).content.decode()
    assert invite.token in page
    assert "March intake" in page


def test_a_bad_invite_form_is_refused_and_keeps_what_was_typed(client, invite_group, moderator):
    client.force_login(moderator)

    response = client.post(
        reverse("groups:invite_create", args=[invite_group.slug]),
        {"label": "For the Tuesday circle", "valid_days": "0", "max_uses": "5"},
    )

    assert response.status_code == 400
    assert "For the Tuesday circle" in response.content.decode()
    assert not Invite.objects.exists()


def test_opening_an_invite_shows_the_card_and_rules_before_joining(client, member, invite):
    client.force_login(member)

    response = client.get(invite.get_absolute_url())

    page = response.content.decode()
    assert response.status_code == 200
    assert invite.group.summary in page
    assert "Be kind. What is shared here stays here." in page
    assert "You have been invited to join this group." in page
    assert member.personas.get().name in page
    assert not Membership.objects.filter(user=member).exists()


def test_redeeming_an_invite_joins_under_the_chosen_persona_and_uses_it_once(
    client, member, invite
):
    response = _redeem(client, member, invite)

    assert response.status_code == 302
    membership = Membership.objects.get(user=member, group=invite.group)
    assert membership.state == Membership.State.ACTIVE
    assert membership.persona == member.personas.get()
    invite.refresh_from_db()
    assert invite.use_count == 1
    # A member following the link again is simply taken to the group.
    again = client.get(invite.get_absolute_url())
    assert again.status_code == 302
    invite.refresh_from_db()
    assert invite.use_count == 1


def test_an_invite_admits_into_a_request_group_without_its_questions(client, member):
    group = SupportGroupFactory(access=SupportGroup.Access.REQUEST)
    invite = InviteFactory(group=group)

    assert _redeem(client, member, invite).status_code == 302
    assert Membership.objects.get(user=member, group=group).is_active


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"expires_at": timezone.now() - timedelta(minutes=1)}, "This invite link has expired."),
        ({"revoked_at": timezone.now()}, "have withdrawn this invite link"),
        ({"use_count": 5, "max_uses": 5}, "has been used as many times as it allows"),
    ],
    ids=["expired", "revoked", "used up"],
)
def test_an_unusable_invite_explains_itself_and_admits_nobody(
    client, member, invite, change, message
):
    Invite.objects.filter(pk=invite.pk).update(**change)
    client.force_login(member)

    shown = client.get(invite.get_absolute_url())
    refused = _redeem(client, member, invite)

    assert shown.status_code == refused.status_code == 410
    assert message in shown.content.decode()
    assert message in refused.content.decode()
    assert not Membership.objects.filter(user=member).exists()


def test_an_unknown_token_for_a_listed_group_says_the_link_is_not_valid(client, member):
    group = SupportGroupFactory(access=SupportGroup.Access.INVITE)
    client.force_login(member)

    response = client.get(reverse("groups:join", args=[group.slug]) + "?invite=made-up")

    assert response.status_code == 404
    assert "This invite link is not valid." in response.content.decode()


def test_the_use_limit_holds(client, invite):
    Invite.objects.filter(pk=invite.pk).update(max_uses=1)
    first, second = UserFactory(), UserFactory()

    assert _redeem(client, first, invite).status_code == 302
    assert _redeem(client, second, invite).status_code == 410
    assert not Membership.objects.filter(user=second).exists()


def test_a_banned_account_cannot_come_back_through_an_invite(client, member, invite, join):
    join(member, invite.group, state=Membership.State.BANNED, sanction_reason="Threats.")

    response = _redeem(client, member, invite)

    assert response.status_code == 400
    assert "Threats." in response.content.decode()
    invite.refresh_from_db()
    assert invite.use_count == 0


def test_a_moderator_revokes_an_invite_and_it_stops_working(client, member, invite, moderator):
    client.force_login(moderator)

    response = client.post(reverse("groups:invite_revoke", args=[invite.group.slug, invite.pk]))

    assert response.status_code == 302
    invite.refresh_from_db()
    assert invite.status == Invite.Status.REVOKED
    assert AuditEntry.objects.get(action="invite.revoked").details["invite_id"] == invite.pk
    assert _redeem(client, member, invite).status_code == 410


def test_a_visitor_following_an_invite_signs_in_and_comes_back_to_it(client, invite):
    response = client.get(invite.get_absolute_url())

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert invite.token in response["Location"]


def test_an_invite_only_group_cannot_be_joined_without_a_link(client, member):
    group = SupportGroupFactory(access=SupportGroup.Access.INVITE)
    client.force_login(member)

    response = client.post(
        reverse("groups:join", args=[group.slug]), {"persona": member.personas.get().pk}
    )

    assert response.status_code == 400
    assert not Membership.objects.filter(user=member).exists()
