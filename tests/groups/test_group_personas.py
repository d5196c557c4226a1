import pytest
from django.urls import reverse

from accounts.services import persona_create
from groups.models import Membership
from tests.factories import MembershipFactory, SupportGroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_personas(member):
    first = member.personas.get()
    second = persona_create(user=member, name="Second Voice 42")
    return first, second


def test_a_member_chooses_which_persona_a_group_sees_when_joining(
    client, member, open_group, two_personas
):
    _first, second = two_personas
    client.force_login(member)

    client.post(reverse("groups:join", args=[open_group.slug]), {"persona": second.pk})

    assert Membership.objects.get(user=member, group=open_group).persona == second


def test_the_join_page_offers_only_the_members_own_personas(
    client, member, other_member, open_group, two_personas
):
    client.force_login(member)

    page = client.get(reverse("groups:join", args=[open_group.slug])).content.decode()

    assert all(persona.name in page for persona in two_personas)
    assert other_member.personas.get().name not in page


def test_joining_under_someone_elses_persona_is_refused(client, member, other_member, open_group):
    client.force_login(member)

    response = client.post(
        reverse("groups:join", args=[open_group.slug]),
        {"persona": other_member.personas.get().pk},
    )

    assert response.status_code == 400
    assert not Membership.objects.filter(user=member, group=open_group).exists()


def test_two_groups_know_one_member_by_two_names_that_never_meet(
    client, member, other_member, two_personas
):
    first, second = two_personas
    group_one, group_two = SupportGroupFactory(), SupportGroupFactory()
    MembershipFactory(user=member, group=group_one, persona=first)
    MembershipFactory(user=member, group=group_two, persona=second)
    from posts.services import thread_create

    thread_one = thread_create(author=member, group=group_one, title="In group one", body="a")
    thread_two = thread_create(author=member, group=group_two, title="In group two", body="b")
    for group in (group_one, group_two):
        MembershipFactory(user=other_member, group=group)
    client.force_login(other_member)

    page_one = client.get(thread_one.get_absolute_url()).content.decode()
    page_two = client.get(thread_two.get_absolute_url()).content.decode()

    assert first.name in page_one and second.name not in page_one
    assert second.name in page_two and first.name not in page_two


def test_a_member_switches_the_persona_a_group_sees_for_future_posts(
    client, member, open_group, two_personas
):
    first, second = two_personas
    MembershipFactory(user=member, group=open_group, persona=first)
    client.force_login(member)

    response = client.post(
        reverse("groups:persona", args=[open_group.slug]), {"persona": second.pk}
    )

    assert response.status_code == 302
    assert Membership.objects.get(user=member, group=open_group).persona == second
    page = client.get(open_group.get_absolute_url()).content.decode()
    assert f"You appear here as <bdi>{second.name}</bdi>." in page


def test_a_banned_member_cannot_switch_persona_and_is_told_why(
    client, member, open_group, two_personas
):
    first, second = two_personas
    MembershipFactory(
        user=member,
        group=open_group,
        persona=first,
        state=Membership.State.BANNED,
        sanction_reason="Sharing another member's address.",
    )
    client.force_login(member)

    response = client.post(
        reverse("groups:persona", args=[open_group.slug]), {"persona": second.pk}
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "You have been removed from this group." in page
    assert "Sharing another member&#x27;s address." in page
    assert Membership.objects.get(user=member, group=open_group).persona == first


def test_switching_persona_in_a_group_you_are_not_in_is_404(client, member, open_group):
    client.force_login(member)

    response = client.get(reverse("groups:persona", args=[open_group.slug]))

    assert response.status_code == 404


def test_a_banned_member_who_rejoins_is_told_the_reason(client, member, open_group, join):
    join(member, open_group, state=Membership.State.BANNED, sanction_reason="Hostile messages.")
    client.force_login(member)

    response = client.post(
        reverse("groups:join", args=[open_group.slug]), {"persona": member.personas.get().pk}
    )

    assert response.status_code == 400
    assert "Hostile messages." in response.content.decode()
