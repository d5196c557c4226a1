import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from groups.models import JoinRequest, Membership, SupportGroup
from groups.services import membership_join
from tests.factories import (
    JoinRequestFactory,
    MembershipFactory,
    SupportGroupFactory,
    ThreadFactory,
)

pytestmark = pytest.mark.django_db


def test_the_directory_lists_listed_groups_and_hides_unlisted_ones(client):
    SupportGroupFactory(name="Grief and loss")
    SupportGroupFactory(name="Hidden carers", listing=SupportGroup.Listing.UNLISTED)

    page = client.get(reverse("groups:directory")).content.decode()

    assert "Grief and loss" in page
    assert "Hidden carers" not in page


def test_the_directory_shows_small_member_counts_as_a_band(client, open_group):
    MembershipFactory.create_batch(3, group=open_group)

    page = client.get(reverse("groups:directory")).content.decode()

    assert "fewer than 10 members" in page


def test_the_directory_may_be_indexed_but_member_pages_may_not(client, member, open_group, join):
    directory = client.get(reverse("groups:directory"))
    assert "X-Robots-Tag" not in directory.headers

    join(member, open_group)
    client.force_login(member)
    group_page = client.get(open_group.get_absolute_url())
    assert group_page.headers["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in group_page.content.decode()


def test_a_visitor_sees_the_card_and_rules_but_no_threads(client, open_group):
    ThreadFactory(group=open_group, title="A private conversation")

    response = client.get(open_group.get_absolute_url())

    page = response.content.decode()
    assert response.status_code == 200
    assert open_group.summary in page
    assert "Be kind." in page
    assert "A private conversation" not in page


def test_a_member_sees_the_threads(client, member, open_group, join):
    join(member, open_group)
    ThreadFactory(group=open_group, title="A private conversation")
    client.force_login(member)

    page = client.get(open_group.get_absolute_url()).content.decode()

    assert "A private conversation" in page


# Middleware and the site header (session, account, notification bell) are not the
# group page's own: their queries are counted elsewhere.
_NOT_THE_PAGES_OWN = ('FROM "django_session"', 'FROM "accounts_user"', 'FROM "notifications_')


def _page_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len([q for q in queries if not any(table in q["sql"] for table in _NOT_THE_PAGES_OWN)])


@pytest.mark.parametrize(("leadership", "expected"), [("peer", 3), ("professional", 4)])
def test_the_group_page_runs_a_fixed_number_of_queries(
    client, member, join, request_group_approved_for, leadership, expected
):
    group = SupportGroupFactory(leadership=leadership)
    join(member, group)
    request_group_approved_for(member, group)
    MembershipFactory(group=group, role=Membership.Role.FACILITATOR, is_verified_facilitator=True)
    ThreadFactory.create_batch(2, group=group)
    client.force_login(member)
    few = _page_queries(client, group.get_absolute_url())

    ThreadFactory.create_batch(25, group=group)
    MembershipFactory.create_batch(3, group=group, role=Membership.Role.FACILITATOR)
    many = _page_queries(client, group.get_absolute_url())

    # the group with the membership, its persona and the welcome note (one query),
    # [facilitators], thread count, one page of threads
    assert few == many == expected


@pytest.mark.parametrize(("leadership", "expected"), [("peer", 4), ("professional", 5)])
def test_the_group_card_runs_a_fixed_number_of_queries(client, member, leadership, expected):
    group = SupportGroupFactory(leadership=leadership)
    client.force_login(member)
    few = _page_queries(client, group.get_absolute_url())

    MembershipFactory.create_batch(5, group=group, role=Membership.Role.FACILITATOR)
    ThreadFactory.create_batch(5, group=group)
    many = _page_queries(client, group.get_absolute_url())

    # group with membership (one query), card, its topics, [facilitators], the visitor's
    # join request
    assert few == many == expected


def test_an_unlisted_group_does_not_exist_for_non_members(client, member):
    hidden = SupportGroupFactory(listing=SupportGroup.Listing.UNLISTED)
    client.force_login(member)

    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(reverse("groups:join", args=[hidden.slug])).status_code == 404


def test_an_unlisted_group_is_open_to_its_members(client, member, join):
    hidden = SupportGroupFactory(listing=SupportGroup.Listing.UNLISTED)
    join(member, hidden)
    client.force_login(member)

    assert client.get(hidden.get_absolute_url()).status_code == 200


def test_a_member_joins_an_open_group_in_one_click(client, member, open_group, persona_of):
    client.force_login(member)

    response = client.post(
        reverse("groups:join", args=[open_group.slug]), {"persona": persona_of(member).pk}
    )

    assert response.status_code == 302
    membership = Membership.objects.get(user=member, group=open_group)
    assert membership.state == Membership.State.ACTIVE
    assert membership.persona == persona_of(member)


def test_joining_twice_keeps_one_membership(client, member, open_group, persona_of):
    client.force_login(member)
    client.post(reverse("groups:join", args=[open_group.slug]), {"persona": persona_of(member).pk})
    client.post(reverse("groups:join", args=[open_group.slug]), {"persona": persona_of(member).pk})

    assert Membership.objects.filter(user=member, group=open_group).count() == 1


def test_a_request_group_is_not_joined_in_one_click(client, member, persona_of):
    gated = SupportGroupFactory(access=SupportGroup.Access.REQUEST)
    client.force_login(member)

    response = client.post(
        reverse("groups:join", args=[gated.slug]), {"persona": persona_of(member).pk}
    )

    assert response.status_code == 302
    assert not Membership.objects.filter(user=member, group=gated).exists()
    assert JoinRequest.objects.get(user=member, group=gated).state == JoinRequest.State.PENDING


def test_joining_an_open_group_through_the_service_refuses_other_groups(member):
    gated = SupportGroupFactory(access=SupportGroup.Access.REQUEST)

    with pytest.raises(ValidationError, match="not open to join directly"):
        membership_join(user=member, group=gated)


def test_a_banned_member_cannot_rejoin(client, member, open_group, join, persona_of):
    join(member, open_group, state=Membership.State.BANNED)
    client.force_login(member)

    response = client.post(
        reverse("groups:join", args=[open_group.slug]), {"persona": persona_of(member).pk}
    )

    assert response.status_code == 400
    assert Membership.objects.get(user=member, group=open_group).state == "banned"


def test_joining_needs_an_account(client, open_group):
    response = client.post(reverse("groups:join", args=[open_group.slug]))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_the_home_page_lists_my_groups_under_the_persona_they_see(
    client, member, open_group, join, persona_of
):
    join(member, open_group)
    client.force_login(member)

    page = client.get("/").content.decode()

    assert open_group.name in page
    assert persona_of(member).name in page
    assert member.username not in page


@pytest.fixture
def request_group_approved_for():
    def _approved(user, group):
        return JoinRequestFactory(
            user=user,
            group=group,
            state=JoinRequest.State.APPROVED,
            note="Welcome aboard.",
            decided_at=timezone.now(),
        )

    return _approved


@pytest.mark.parametrize(
    ("days_ago", "note", "same_group", "shown"),
    [
        (0, "Welcome aboard.", True, True),
        (13, "Welcome aboard.", True, True),
        (15, "Welcome aboard.", True, False),
        (0, "", True, False),
        (0, "Welcome aboard.", False, False),
    ],
)
def test_the_welcome_note_shows_for_two_weeks_in_its_own_group_only(
    client, member, join, days_ago, note, same_group, shown
):
    """The group page's one query finds the note exactly as welcome_note() does."""
    from datetime import timedelta

    from groups.selectors import welcome_note

    group, other = SupportGroupFactory(), SupportGroupFactory()
    join(member, group)
    JoinRequestFactory(
        user=member,
        group=group if same_group else other,
        state=JoinRequest.State.APPROVED,
        note=note,
        decided_at=timezone.now() - timedelta(days=days_ago),
    )
    client.force_login(member)

    page = client.get(group.get_absolute_url()).content.decode()

    assert ("Welcome aboard." in page) is shown
    assert (welcome_note(member, group) is not None) is shown


def test_home_lists_the_members_open_groups_by_name(client, member, join):
    """The home page's SQL keeps the ORM's rule: active memberships of open groups."""
    from groups.selectors import memberships_of

    # Persona names are made of words like these ("Gentle Cedar 749"): the group names
    # carry a word no persona name has.
    names = ["Birch Circle", "Alder Circle", "Cedar Circle", "Dogwood Circle"]
    groups = {name: SupportGroupFactory(name=name) for name in names}
    for group in groups.values():
        join(member, group)
    SupportGroup.objects.filter(pk=groups["Cedar Circle"].pk).update(is_archived=True)
    Membership.objects.filter(group=groups["Dogwood Circle"], user=member).update(
        state=Membership.State.LEFT
    )
    expected = list(
        Membership.objects.filter(
            user=member, state=Membership.State.ACTIVE, group__is_archived=False
        ).order_by("group__name", "pk")
    )

    found = memberships_of(member)

    assert found == expected
    assert [m.group.name for m in found] == ["Alder Circle", "Birch Circle"]
    assert all(m.persona_id is None or m.persona.pk == m.persona_id for m in found)
    client.force_login(member)
    page = client.get("/").content.decode()
    assert "Alder Circle" in page and "Birch Circle" in page
    assert "Cedar Circle" not in page and "Dogwood Circle" not in page
