"""In the review queue a moderator sees the author's record in that group: it follows
the account across personas and anonymous posts, and never reaches another group."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.services import persona_create_generated
from audit.models import AuditEntry
from groups.models import Membership
from moderation import selectors
from moderation.services import report_create
from tests.factories import (
    MembershipFactory,
    PostFactory,
    SupportGroupFactory,
    ThreadFactory,
    UserFactory,
    give_mfa,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(open_group):
    user = MembershipFactory(group=open_group, role=Membership.Role.MODERATOR).user
    give_mfa(user)
    return user


@pytest.fixture
def reporter(db):
    return UserFactory()


def _reported_post(group, author, reporter, **kwargs):
    post = PostFactory(thread=ThreadFactory(group=group), author=author, **kwargs)
    report_create(reporter=reporter, post=post, reason="harassment")
    return post


def _item_for(items, post):
    return next(item for item in items if item.post_id == post.pk)


@pytest.fixture
def two_faced(open_group, reporter):
    """An account that posted in the group under one persona, switched, and posted again;
    and that also belongs to another group under a third persona."""
    membership = MembershipFactory(group=open_group)
    author = membership.user
    first_persona = membership.persona
    first = _reported_post(open_group, author, reporter, body="said as the first persona")
    second_persona = persona_create_generated(user=author, language="en")
    membership.persona = second_persona
    membership.save(update_fields=["persona"])
    second = _reported_post(
        open_group, author, reporter, persona=second_persona, body="said as the second persona"
    )
    AuditEntry.objects.create(action="post.hidden", group=open_group, subject_account_id=author.pk)

    elsewhere = SupportGroupFactory()
    elsewhere_persona = persona_create_generated(user=author, language="en")
    MembershipFactory(group=elsewhere, user=author, persona=elsewhere_persona)
    _reported_post(elsewhere, author, reporter, persona=elsewhere_persona, body="said elsewhere")
    _reported_post(elsewhere, author, reporter, persona=elsewhere_persona, body="said again")
    AuditEntry.objects.create(action="member.banned", group=elsewhere, subject_account_id=author.pk)
    return {
        "author": author,
        "first": first,
        "second": second,
        "first_persona": first_persona,
        "second_persona": second_persona,
        "elsewhere": elsewhere,
        "elsewhere_persona": elsewhere_persona,
    }


def test_two_personas_of_one_account_share_one_history(moderator, two_faced):
    items = selectors.review_queue(moderator)

    first = _item_for(items, two_faced["first"]).author_history
    second = _item_for(items, two_faced["second"]).author_history
    assert first.earlier_items == 0
    assert second.earlier_items == 1
    assert first.actions == second.actions == [("Post hidden", 1)]
    # Both are shown under the name the group knows the account by now.
    assert first.persona_name == second.persona_name == two_faced["second_persona"].name


def test_the_history_never_shows_another_groups_items(client, moderator, two_faced):
    client.force_login(moderator)

    page = client.get(reverse("moderation:queue")).content.decode()

    assert f"History of <bdi>{two_faced['second_persona'].name}</bdi> in this group" in page
    assert "1 earlier review item on their posts" in page
    assert "Post hidden: 1" in page
    assert "Banned from the group" not in page
    assert "said elsewhere" not in page
    assert two_faced["elsewhere_persona"].name not in page
    assert "2 earlier review items" not in page


def test_staff_see_each_items_history_counted_in_its_own_group(two_faced, open_group):
    staff = UserFactory(is_staff=True)

    items = selectors.review_queue(staff)

    elsewhere_items = [item for item in items if item.group_id == two_faced["elsewhere"].pk]
    assert sorted(item.author_history.earlier_items for item in elsewhere_items) == [0, 1]
    for item in elsewhere_items:
        assert item.author_history.actions == [("Banned from the group", 1)]
        assert item.author_history.persona_name == two_faced["elsewhere_persona"].name
    second = _item_for(items, two_faced["second"]).author_history
    assert second.earlier_items == 1
    assert second.actions == [("Post hidden", 1)]


def test_an_anonymous_post_shows_no_persona_but_keeps_the_history(
    client, moderator, open_group, reporter
):
    membership = MembershipFactory(group=open_group)
    author = membership.user
    older = PostFactory(thread=ThreadFactory(group=open_group), author=author, body="named post")
    report_create(reporter=reporter, post=older, reason="spam")
    older.review_items.update(status="resolved")
    AuditEntry.objects.create(
        action="member.warned", group=open_group, subject_account_id=author.pk
    )
    anonymous = _reported_post(
        open_group, author, reporter, is_anonymous=True, anonymous_number=2, body="said anonymously"
    )
    client.force_login(moderator)

    history = _item_for(selectors.review_queue(moderator), anonymous).author_history
    page = client.get(reverse("moderation:queue")).content.decode()

    assert history.persona_name is None
    assert history.earlier_items == 1
    assert history.actions == [("Warned", 1)]
    assert "History of this anonymous author in this group" in page
    assert "said anonymously" in page
    assert membership.persona.name not in page
    assert author.username not in page


def test_staff_only_acts_stay_out_of_the_moderators_view(moderator, open_group, reporter):
    author = MembershipFactory(group=open_group).user
    post = _reported_post(open_group, author, reporter)
    AuditEntry.objects.create(
        action="identity.revealed",
        group=open_group,
        subject_account_id=author.pk,
        reason="A staff reason moderators must not read.",
    )

    history = _item_for(selectors.review_queue(moderator), post).author_history

    assert history.actions == []


def test_a_former_members_post_has_no_history(client, moderator, open_group, reporter):
    post = _reported_post(open_group, UserFactory(), reporter, body="left behind")
    post.author = None
    post.persona = None
    post.save(update_fields=["author", "persona"])
    client.force_login(moderator)

    page = client.get(reverse("moderation:queue")).content.decode()

    assert _item_for(selectors.review_queue(moderator), post).author_history is None
    assert "left behind" in page


def _queue_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("moderation:queue"))
    assert response.status_code == 200
    return len(queries)


def test_the_queue_with_histories_runs_a_fixed_number_of_queries(
    client, moderator, open_group, reporter
):
    client.force_login(moderator)

    def add_item():
        author = MembershipFactory(group=open_group).user
        _reported_post(open_group, author, reporter)
        AuditEntry.objects.create(
            action="post.hidden", group=open_group, subject_account_id=author.pk
        )

    add_item()
    with_one = _queue_queries(client)
    for _ in range(9):
        add_item()
    with_ten = _queue_queries(client)

    assert with_ten == with_one
    assert with_ten <= 15
