"""Professionally led groups show their facilitators by group persona, with a verified
badge that only staff can grant."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.services import persona_create
from groups import services
from groups.models import Membership, SupportGroup
from tests.factories import MembershipFactory, SupportGroupFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def led(db):
    return SupportGroupFactory(
        name="Living with loss", leadership=SupportGroup.Leadership.PROFESSIONAL
    )


@pytest.fixture
def facilitator(led):
    user = UserFactory(username="dr-private-login")
    persona_create(user=user, name="Other Life Name 3")
    return MembershipFactory(
        group=led,
        user=user,
        persona=user.personas.get(is_default=True),
        role=Membership.Role.FACILITATOR,
        is_verified_facilitator=True,
    )


def test_the_card_shows_a_verified_facilitator_by_group_persona_only(client, led, facilitator):
    page = client.get(led.get_absolute_url()).content.decode()

    assert facilitator.persona.name in page
    assert "Verified facilitator" in page
    assert "dr-private-login" not in page
    assert "Other Life Name 3" not in page


def test_members_see_the_facilitators_too(client, member, led, facilitator, join):
    join(member, led)
    client.force_login(member)

    page = client.get(led.get_absolute_url()).content.decode()

    assert facilitator.persona.name in page
    assert "Verified facilitator" in page


def test_an_unverified_facilitator_carries_no_badge(client, led):
    unverified = MembershipFactory(group=led, role=Membership.Role.FACILITATOR)

    page = client.get(led.get_absolute_url()).content.decode()

    assert unverified.persona.name in page
    assert "Verified facilitator" not in page


def test_a_peer_led_group_lists_no_facilitators(client, open_group):
    MembershipFactory(group=open_group, role=Membership.Role.FACILITATOR)

    page = client.get(open_group.get_absolute_url()).content.decode()

    assert "Led by" not in page


def test_only_staff_can_grant_the_badge(led, facilitator):
    moderator = MembershipFactory(group=led, role=Membership.Role.MODERATOR).user
    other = MembershipFactory(group=led, role=Membership.Role.FACILITATOR)

    with pytest.raises(PermissionDenied):
        services.membership_update_by_staff(
            actor=moderator,
            membership=other,
            persona=other.persona,
            role=other.role,
            state=other.state,
            is_verified_facilitator=True,
        )
    with pytest.raises(PermissionDenied):
        services.group_update(
            actor=moderator, group=led, changes={"leadership": SupportGroup.Leadership.PEER}
        )
    other.refresh_from_db()
    assert other.is_verified_facilitator is False


def test_the_moderators_settings_page_offers_no_badge_or_leadership(client, led, facilitator):
    from tests.factories import give_mfa

    give_mfa(facilitator.user)
    client.force_login(facilitator.user)

    page = client.get(reverse("groups:settings", args=[led.slug])).content.decode()

    assert "is_verified_facilitator" not in page
    assert 'name="leadership"' not in page
