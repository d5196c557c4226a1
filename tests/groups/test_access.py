"""groups/access.py: the only road to a group, its join page and its moderation page.

Anything the viewer may not see answers 404, whether it exists or not.
"""

from datetime import timedelta

import pytest
from django.http import Http404
from django.utils import timezone

from groups import access
from groups.models import Invite, JoinRequest, Membership, SupportGroup
from posts import access as posts_access
from tests.factories import (
    InviteFactory,
    JoinRequestFactory,
    MembershipFactory,
    SupportGroupFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def unlisted(db):
    return SupportGroupFactory(listing=SupportGroup.Listing.UNLISTED)


@pytest.fixture
def visitor():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


# --- group_for_viewer --------------------------------------------------------------------


def test_it_shows_a_listed_group_to_anyone(visitor, open_group):
    group, membership = access.group_for_viewer(visitor, open_group.slug)

    assert group == open_group
    assert membership is None


def test_it_hides_an_unlisted_group_from_non_members(member, unlisted, visitor):
    for viewer in (member, visitor):
        with pytest.raises(Http404):
            access.group_for_viewer(viewer, unlisted.slug)


def test_it_hides_an_unlisted_group_from_a_member_who_left_or_was_banned(member, unlisted, join):
    membership = join(member, unlisted, state=Membership.State.LEFT)
    with pytest.raises(Http404):
        access.group_for_viewer(member, unlisted.slug)
    membership.state = Membership.State.BANNED
    membership.save()
    with pytest.raises(Http404):
        access.group_for_viewer(member, unlisted.slug)


def test_it_hides_an_archived_group_even_from_its_members(member, open_group, join):
    join(member, open_group)
    open_group.is_archived = True
    open_group.save()

    with pytest.raises(Http404):
        access.group_for_viewer(member, open_group.slug)


def test_it_answers_an_unknown_slug_like_a_hidden_group(member):
    with pytest.raises(Http404):
        access.group_for_viewer(member, "no-such-group")


# --- group_for_joining -------------------------------------------------------------------


def test_joining_needs_an_account(visitor, open_group):
    with pytest.raises(Http404):
        access.group_for_joining(visitor, open_group.slug)


def test_a_listed_group_can_be_joined_from_its_page(member, open_group):
    group, membership, invite = access.group_for_joining(member, open_group.slug)

    assert (group, membership, invite) == (open_group, None, None)


def test_an_unlisted_group_is_404_without_one_of_its_invites(member, unlisted):
    with pytest.raises(Http404):
        access.group_for_joining(member, unlisted.slug)
    with pytest.raises(Http404):
        access.group_for_joining(member, unlisted.slug, invite_token="guessed-token")


def test_an_invite_of_another_group_does_not_open_an_unlisted_one(member, unlisted):
    elsewhere = InviteFactory()

    with pytest.raises(Http404):
        access.group_for_joining(member, unlisted.slug, invite_token=elsewhere.token)


def test_an_invite_opens_its_unlisted_group(member, unlisted):
    invite = InviteFactory(group=unlisted)

    group, _membership, found = access.group_for_joining(
        member, unlisted.slug, invite_token=invite.token
    )

    assert group == unlisted
    assert found == invite


def test_an_expired_invite_still_reaches_its_group_so_the_holder_learns_why(member, unlisted):
    invite = InviteFactory(group=unlisted, expires_at=timezone.now() - timedelta(days=1))

    _group, _membership, found = access.group_for_joining(
        member, unlisted.slug, invite_token=invite.token
    )

    assert found.status == Invite.Status.EXPIRED


def test_an_applicant_keeps_seeing_the_unlisted_group_they_asked_to_join(member, unlisted):
    JoinRequestFactory(group=unlisted, user=member)

    group, _membership, _invite = access.group_for_joining(member, unlisted.slug)

    assert group == unlisted


def test_a_banned_member_reaches_the_join_page_to_be_told_why(member, unlisted, join):
    join(member, unlisted, state=Membership.State.BANNED)

    _group, membership, _invite = access.group_for_joining(member, unlisted.slug)

    assert membership.state == Membership.State.BANNED


def test_an_archived_group_cannot_be_joined_even_with_an_invite(member, unlisted):
    invite = InviteFactory(group=unlisted)
    unlisted.is_archived = True
    unlisted.save()

    with pytest.raises(Http404):
        access.group_for_joining(member, unlisted.slug, invite_token=invite.token)


# --- own_pending_join_request ------------------------------------------------------------


def test_an_applicant_reaches_only_their_own_waiting_request(member, other_member):
    mine = JoinRequestFactory(user=member)

    assert access.own_pending_join_request(member, mine.group.slug) == (mine.group, mine)
    with pytest.raises(Http404):
        access.own_pending_join_request(other_member, mine.group.slug)


@pytest.mark.parametrize(
    "state", [JoinRequest.State.APPROVED, JoinRequest.State.DECLINED, JoinRequest.State.WITHDRAWN]
)
def test_a_decided_request_is_no_longer_reachable_as_waiting(member, state):
    decided = JoinRequestFactory(user=member, state=state)

    with pytest.raises(Http404):
        access.own_pending_join_request(member, decided.group.slug)


def test_a_visitor_has_no_waiting_request(visitor):
    with pytest.raises(Http404):
        access.own_pending_join_request(visitor, "anything")


# --- group_for_moderator -----------------------------------------------------------------


@pytest.mark.parametrize("role", [Membership.Role.MODERATOR, Membership.Role.FACILITATOR])
def test_moderators_and_facilitators_manage_their_group(member, open_group, join, role):
    join(member, open_group, role=role)

    group, membership = access.group_for_moderator(member, open_group.slug)

    assert group == open_group
    assert membership.role == role


def test_staff_manage_any_group_without_being_members(open_group):
    staff = UserFactory(is_staff=True)

    group, membership = access.group_for_moderator(staff, open_group.slug)

    assert group == open_group
    assert membership is None


def test_plain_members_visitors_and_strangers_get_404_at_the_moderation_page(
    member, other_member, open_group, join, visitor
):
    join(member, open_group)
    for viewer in (member, other_member, visitor):
        with pytest.raises(Http404):
            access.group_for_moderator(viewer, open_group.slug)


@pytest.mark.parametrize("state", [Membership.State.BANNED, Membership.State.LEFT])
def test_a_moderator_who_left_or_was_banned_manages_nothing(member, open_group, join, state):
    join(member, open_group, role=Membership.Role.MODERATOR, state=state)

    with pytest.raises(Http404):
        access.group_for_moderator(member, open_group.slug)


def test_a_moderator_of_one_group_cannot_manage_another(member, open_group, join):
    join(member, open_group, role=Membership.Role.MODERATOR)
    other = SupportGroupFactory()

    with pytest.raises(Http404):
        access.group_for_moderator(member, other.slug)


def test_an_archived_group_has_no_moderation_page(member, open_group, join):
    join(member, open_group, role=Membership.Role.MODERATOR)
    open_group.is_archived = True
    open_group.save()

    with pytest.raises(Http404):
        access.group_for_moderator(member, open_group.slug)


# --- join_request_for_moderator and invite_for_moderator ---------------------------------


def test_a_moderator_reaches_requests_and_invites_of_their_own_group_only(member, join):
    mine, theirs = SupportGroupFactory(), SupportGroupFactory()
    join(member, mine, role=Membership.Role.MODERATOR)
    my_request, their_request = JoinRequestFactory(group=mine), JoinRequestFactory(group=theirs)
    my_invite, their_invite = InviteFactory(group=mine), InviteFactory(group=theirs)

    assert access.join_request_for_moderator(member, mine.slug, my_request.pk)[1] == my_request
    assert access.invite_for_moderator(member, mine.slug, my_invite.pk)[1] == my_invite
    # Another group's ids, whether asked under that group or under one's own: 404.
    for slug in (mine.slug, theirs.slug):
        with pytest.raises(Http404):
            access.join_request_for_moderator(member, slug, their_request.pk)
        with pytest.raises(Http404):
            access.invite_for_moderator(member, slug, their_invite.pk)


def test_an_unknown_request_or_invite_id_is_404(member, open_group, join):
    join(member, open_group, role=Membership.Role.MODERATOR)

    with pytest.raises(Http404):
        access.join_request_for_moderator(member, open_group.slug, 999_999)
    with pytest.raises(Http404):
        access.invite_for_moderator(member, open_group.slug, 999_999)


def test_the_applicant_cannot_reach_their_request_as_a_moderator(member):
    join_request = JoinRequestFactory(user=member)

    with pytest.raises(Http404):
        access.join_request_for_moderator(member, join_request.group.slug, join_request.pk)


# --- moderated_groups --------------------------------------------------------------------


def test_moderated_groups_are_those_moderated_actively(member, join):
    moderated, left, plain = SupportGroupFactory(), SupportGroupFactory(), SupportGroupFactory()
    join(member, moderated, role=Membership.Role.MODERATOR)
    join(member, left, role=Membership.Role.MODERATOR, state=Membership.State.LEFT)
    MembershipFactory(user=member, group=plain)

    assert list(access.moderated_groups(member)) == [moderated]


# --- thread_for_member ---------------------------------------------------------------------


@pytest.fixture
def thread(open_group):
    from tests.factories import ThreadFactory

    return ThreadFactory(group=open_group)


def test_a_thread_opens_for_an_active_member_with_the_persona_the_group_knows(member, thread, join):
    membership = join(member, thread.group)

    found, found_membership = posts_access.thread_for_member(member, thread.pk)

    assert found == thread and found.group == thread.group
    assert found_membership == membership
    assert found_membership.persona == membership.persona
    assert found_membership.group is found.group


@pytest.mark.parametrize(
    "state", [Membership.State.LEFT, Membership.State.BANNED, Membership.State.PENDING]
)
def test_a_thread_is_404_for_a_member_who_is_not_active(member, thread, join, state):
    join(member, thread.group, state=state)

    with pytest.raises(Http404):
        posts_access.thread_for_member(member, thread.pk)


def test_a_thread_is_404_for_strangers_visitors_and_unknown_ids(member, visitor, thread):
    for user, thread_id in ((member, thread.pk), (visitor, thread.pk), (member, 987654)):
        with pytest.raises(Http404):
            posts_access.thread_for_member(user, thread_id)


def test_a_thread_of_an_archived_group_is_404_even_for_its_members(member, thread, join):
    join(member, thread.group)
    SupportGroup.objects.filter(pk=thread.group_id).update(is_archived=True)

    with pytest.raises(Http404):
        posts_access.thread_for_member(member, thread.pk)


def test_membership_of_another_group_opens_no_thread(member, thread, join):
    join(member, SupportGroupFactory())

    with pytest.raises(Http404):
        posts_access.thread_for_member(member, thread.pk)
