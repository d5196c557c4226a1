"""Waiting for a reply: conversations nobody has answered yet, oldest first, on the home
page and per group, leaving out held, removed and locked ones.

"Answered" is judged by what every reader sees: a reply under another name or label
than the opening post's. Who is behind an anonymous post never decides it (the pages
themselves are compared pairwise in tests/test_oracles.py)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from posts.models import Post, Thread
from posts.selectors import waiting_for_reply, waiting_for_reply_first
from tests.factories import MembershipFactory, SupportGroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def helper(client, other_member, open_group, join):
    join(other_member, open_group)
    client.force_login(other_member)
    return other_member


def _waiting(user):
    """waiting_for_reply(), checked against the home page's SQL of the same rule."""
    found = list(waiting_for_reply(user))
    assert waiting_for_reply_first(user, 100) == found
    assert waiting_for_reply_first(user, 1) == found[:1]
    return found


def _aged(thread, days):
    Thread.objects.filter(pk=thread.pk).update(created_at=timezone.now() - timedelta(days=days))
    return thread


def test_it_lists_unanswered_conversations_oldest_first(
    helper, open_group, start, reply, member_of
):
    author = member_of(open_group)
    newer = _aged(start(author, open_group, title="Newer", body="b1"), 1)
    older = _aged(start(member_of(open_group), open_group, title="Older", body="b2"), 3)
    self_answered = _aged(start(author, open_group, title="Only me", body="b3"), 2)
    reply(author, self_answered, "Adding more myself.")
    answered = start(member_of(open_group), open_group, title="Answered", body="b4")
    reply(member_of(open_group), answered, "I hear you.")

    assert _waiting(helper) == [older, self_answered, newer]


def test_it_leaves_out_held_removed_locked_and_ones_own(helper, open_group, start, member_of):
    kept = start(member_of(open_group), open_group, title="Kept", body="k")
    held = start(member_of(open_group), open_group, title="Held", body="h")
    held.posts.update(state=Post.State.HELD)
    removed = start(member_of(open_group), open_group, title="Removed", body="r")
    removed.posts.update(state=Post.State.REMOVED)
    locked = start(member_of(open_group), open_group, title="Locked", body="l")
    Thread.objects.filter(pk=locked.pk).update(is_locked=True)
    start(helper, open_group, title="Mine", body="m")

    assert _waiting(helper) == [kept]


def test_a_reply_waiting_for_review_is_no_answer_yet(helper, open_group, start, reply, member_of):
    thread = start(member_of(open_group), open_group)
    held = reply(member_of(open_group), thread, "Held reply.")
    Post.objects.filter(pk=held.pk).update(state=Post.State.HELD)

    assert _waiting(helper) == [thread]


def test_it_covers_only_groups_the_member_is_in(helper, open_group, start, member_of):
    elsewhere = SupportGroupFactory()
    start(member_of(elsewhere), elsewhere, title="Elsewhere")

    assert _waiting(helper) == []


def test_the_home_page_shows_what_is_waiting(client, helper, open_group, start, member_of):
    thread = start(member_of(open_group), open_group, title="Nobody answered me yet")

    page = client.get("/").content.decode()

    assert "Waiting for a reply" in page
    assert "Nobody answered me yet" in page
    assert thread.get_absolute_url() in page


def test_the_group_waiting_page_lists_that_group_only(
    client, helper, open_group, start, member_of, join
):
    other_group = SupportGroupFactory()
    join(helper, other_group)
    start(member_of(open_group), open_group, title="In this group")
    start(member_of(other_group), other_group, title="In the other group")

    page = client.get(reverse("posts:group_waiting", args=[open_group.slug])).content.decode()
    everywhere = client.get(reverse("posts:waiting")).content.decode()

    assert "In this group" in page
    assert "In the other group" not in page
    assert "In the other group" in everywhere


def test_the_group_waiting_page_is_404_for_non_members(client, open_group):
    client.force_login(MembershipFactory().user)

    assert client.get(reverse("posts:group_waiting", args=[open_group.slug])).status_code == 404


@pytest.mark.parametrize("name", ["posts:waiting", "posts:group_waiting"])
def test_waiting_pages_ask_visitors_to_sign_in(client, open_group, name):
    args = [open_group.slug] if name == "posts:group_waiting" else []

    response = client.get(reverse(name, args=args))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_the_waiting_list_runs_the_same_queries_however_long(
    client, helper, open_group, start, member_of
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("posts:waiting"))
        return len(queries)

    start(member_of(open_group), open_group, title="One")
    few = count()
    for number in range(8):
        start(member_of(open_group), open_group, title=f"More {number}", body=f"b{number}")

    assert count() == few


@pytest.mark.parametrize("replier", ["the starter", "someone else"])
def test_an_anonymous_reply_answers_a_named_thread_whoever_wrote_it(
    helper, open_group, start, reply, member_of, replier
):
    starter = member_of(open_group)
    thread = start(starter, open_group, title="Named")
    author = starter if replier == "the starter" else member_of(open_group)
    reply(author, thread, "Quietly, anonymously.", anonymous=True)

    assert _waiting(helper) == []


@pytest.mark.parametrize("replier", ["the starter", "someone else"])
def test_a_named_reply_answers_an_anonymous_thread_whoever_wrote_it(
    helper, open_group, start, reply, member_of, replier
):
    starter = member_of(open_group)
    thread = start(starter, open_group, title="Unsigned", anonymous=True)
    author = starter if replier == "the starter" else member_of(open_group)
    reply(author, thread, "Under my name.")

    assert _waiting(helper) == []


def test_the_original_poster_adding_more_anonymously_is_no_answer(
    helper, open_group, start, reply, member_of
):
    starter = member_of(open_group)
    thread = start(starter, open_group, title="Unsigned", anonymous=True)
    reply(starter, thread, "And another thing.", anonymous=True)

    assert _waiting(helper) == [thread]


def test_a_reply_under_another_persona_of_the_starter_answers_as_readers_see_it(
    helper, open_group, start, reply
):
    from accounts.services import persona_create
    from groups.models import Membership

    membership = MembershipFactory(group=open_group)
    starter = membership.user
    thread = start(starter, open_group, title="Named")
    membership.persona = persona_create(user=starter, name="Second Name 12")
    membership.save(update_fields=["persona"])
    reply(starter, thread, "Under my other name.")

    # Readers see two names: holding it back would tell them the two are one account.
    assert Membership.objects.get(pk=membership.pk).persona.name == "Second Name 12"
    assert _waiting(helper) == []


def test_a_former_members_named_thread_leaves_the_list_and_an_anonymous_one_stays(
    helper, open_group, start, member_of
):
    named = start(member_of(open_group), open_group, title="Named")
    unsigned = start(member_of(open_group), open_group, title="Unsigned", anonymous=True)
    for thread in (named, unsigned):
        Thread.objects.filter(pk=thread.pk).update(author=None)
        thread.posts.update(author=None, persona=None)

    assert _waiting(helper) == [unsigned]


def test_home_runs_a_fixed_number_of_queries(client, helper, start, member_of):
    """Home's own queries, however many groups and waiting conversations: the
    memberships, and the first conversations waiting for a reply (the session, the
    account and the bell's count are every page's, counted elsewhere)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    everyones = ('FROM "django_session"', '"accounts_user"', 'FROM "notifications_')

    def own_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        return len([q for q in queries if not any(t in q["sql"] for t in everyones)])

    group = SupportGroupFactory()
    MembershipFactory(group=group, user=helper)
    start(member_of(group), group, title="Waiting one", body="b")
    few = own_queries()
    for number in range(4):
        other = SupportGroupFactory()
        MembershipFactory(group=other, user=helper)
        start(member_of(other), other, title=f"Waiting {number}", body="b")
    many = own_queries()

    assert few == many == 2
    assert "Waiting 3" in client.get("/").content.decode()
