"""Following and reading: watch, normal or mute per thread (authors and repliers watch),
bookmarks, unread counts in the group's list and what is new since joining."""

import re

import pytest
from django.urls import reverse

from posts import services
from posts.models import Bookmark, Post, ReadState, Subscription, Thread
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(starter, open_group, start):
    return start(starter, open_group)


def _level(thread, user):
    return Subscription.objects.get(thread=thread, user=user).level


def test_authors_watch_their_own_threads(thread, starter):
    assert _level(thread, starter) == Subscription.Level.WATCH


def test_replying_watches_the_thread_unless_the_member_muted_it(thread, reply, member_of):
    replier, quiet, casual = (member_of(thread.group) for _ in range(3))
    Subscription.objects.create(thread=thread, user=quiet, level=Subscription.Level.MUTE)
    Subscription.objects.create(thread=thread, user=casual, level=Subscription.Level.NORMAL)

    for someone in (replier, quiet, casual):
        reply(someone, thread, f"Here for you, from {someone.pk}.")

    assert _level(thread, replier) == Subscription.Level.WATCH
    assert _level(thread, quiet) == Subscription.Level.MUTE
    assert _level(thread, casual) == Subscription.Level.WATCH


def test_a_member_chooses_how_closely_to_follow(client, reader, thread):
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Notifications for this conversation" in page

    response = client.post(
        reverse("posts:thread_subscription", args=[thread.pk]), {"level": "mute"}
    )

    assert response.status_code == 302
    assert _level(thread, reader) == Subscription.Level.MUTE
    page = client.get(thread.get_absolute_url()).content.decode()
    assert re.search(r'<input type="radio" name="level" value="mute" checked>', page)


def test_a_nonsense_level_changes_nothing(client, reader, thread):
    client.post(reverse("posts:thread_subscription", args=[thread.pk]), {"level": "loud"})

    assert not Subscription.objects.filter(user=reader).exists()


def test_following_a_thread_is_404_outside_the_group(client, thread):
    client.force_login(MembershipFactory().user)

    response = client.post(
        reverse("posts:thread_subscription", args=[thread.pk]), {"level": "watch"}
    )

    assert response.status_code == 404


# Bookmarks


def test_a_member_bookmarks_a_post_and_finds_it_later(client, reader, thread):
    post = thread.posts.get()

    response = client.post(
        post.url("posts:post_bookmark"), {"active": "on"}, HTTP_HX_REQUEST="true"
    )
    client.post(post.url("posts:post_bookmark"), {"active": "on"})

    assert response.status_code == 200
    assert "Bookmarked" in response.content.decode()
    assert f'formaction="{post.url("posts:post_bookmark")}"' in response.content.decode()
    assert Bookmark.objects.filter(user=reader).count() == 1
    page = client.get(reverse("posts:bookmarks")).content.decode()
    assert thread.title in page
    assert post.get_absolute_url() in page


def test_a_bookmark_is_removed(client, reader, thread):
    post = thread.posts.get()
    services.bookmark_set(user=reader, post=post, active=True)

    client.post(post.url("posts:post_bookmark"), {"active": "off"})

    assert not Bookmark.objects.exists()


def test_bookmarks_of_a_group_left_or_a_post_removed_drop_out(client, reader, thread, open_group):
    post = thread.posts.get()
    services.bookmark_set(user=reader, post=post, active=True)
    Post.objects.filter(pk=post.pk).update(state=Post.State.REMOVED)

    assert thread.title not in client.get(reverse("posts:bookmarks")).content.decode()


def test_bookmarks_are_private_and_404_outside_the_group(client, reader, thread):
    post = thread.posts.get()
    services.bookmark_set(user=reader, post=post, active=True)
    client.force_login(MembershipFactory().user)

    assert thread.title not in client.get(reverse("posts:bookmarks")).content.decode()
    response = client.post(post.url("posts:post_bookmark"), {"active": "on"})
    assert response.status_code == 404


def test_bookmarks_need_a_signed_in_member(client):
    response = client.get(reverse("posts:bookmarks"))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


# Reading state and the group's list


def test_reading_a_thread_remembers_how_far_and_never_goes_back(
    client, reader, thread, starter, many_replies
):
    posts = many_replies(thread, [starter], 40)

    client.get(f"{thread.get_absolute_url()}?page=2")
    client.get(thread.get_absolute_url())

    assert ReadState.objects.get(user=reader, thread=thread).last_read_post_id == posts[-1].pk


def test_the_group_list_shows_unread_counts_and_new_conversations(
    client, reader, thread, open_group, start, reply, member_of
):
    client.get(thread.get_absolute_url())
    for number in range(3):
        reply(member_of(open_group), thread, f"Another reply {number}")
    start(member_of(open_group), open_group, title="A brand new conversation")

    page = client.get(open_group.get_absolute_url()).content.decode()

    assert "3 unread" in page
    row = re.search(r"<li[^>]*>(?:(?!</li>).)*A brand new conversation.*?</li>", page, re.DOTALL)
    assert "New" in row.group(0)


def test_the_group_list_puts_pinned_first_then_the_latest_activity(
    client, reader, thread, open_group, start, reply, member_of
):
    older = start(member_of(open_group), open_group, title="Older but pinned")
    Thread.objects.filter(pk=older.pk).update(is_pinned=True)
    start(member_of(open_group), open_group, title="Quiet since")
    reply(member_of(open_group), thread, "A new reply brings it up.")

    page = client.get(open_group.get_absolute_url()).content.decode()

    order = [page.index(title) for title in ("Older but pinned", thread.title, "Quiet since")]
    assert order == sorted(order)


def test_the_group_list_hides_removed_and_others_held_conversations(
    client, reader, open_group, start, member_of
):
    removed = start(member_of(open_group), open_group, title="Removed one")
    held = start(member_of(open_group), open_group, title="Held one")
    removed.posts.update(state=Post.State.REMOVED)
    held.posts.update(state=Post.State.HELD)

    page = client.get(open_group.get_absolute_url()).content.decode()

    assert "Removed one" not in page
    assert "Held one" not in page


def test_the_group_page_runs_the_same_queries_however_many_threads(
    client, reader, open_group, start, reply, member_of, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(open_group.get_absolute_url()).status_code == 200
        return len(queries)

    author = member_of(open_group)
    thread = start(author, open_group, title="First")
    client.get(thread.get_absolute_url())
    few = count()
    for number in range(12):
        other = Thread.objects.create(group=open_group, author=author, title=f"T{number}")
        Post.objects.create(
            thread=other, author=author, is_opening=True, number=1, body="x", body_html="x"
        )
        ReadState.objects.create(thread=other, user=reader, last_read_post_id=0)

    assert count() == few
