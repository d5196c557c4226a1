"""The thread page: thirty posts a page, posts in their states, unread markers, quoting,
and a fixed number of queries however long the conversation."""

import re

import pytest
from django.urls import reverse

from posts.models import Post
from tests.factories import SupportGroupFactory

pytestmark = pytest.mark.django_db


def _article(page: str, post: Post) -> str:
    match = re.search(rf'<article[^>]*id="{post.anchor}".*?</article>', page, re.DOTALL)
    assert match, f"post {post.pk} is not on the page"
    return match.group(0)


def _articles(page: str) -> list[str]:
    return re.findall(r'<article[^>]*id="p(\d+)"', page)


@pytest.fixture
def thread(starter, open_group, start):
    return start(starter, open_group)


# Pages


def test_it_shows_thirty_posts_a_page_and_links_the_others(
    client, reader, thread, starter, many_replies
):
    many_replies(thread, [starter, reader], 64)

    first = client.get(thread.get_absolute_url()).content.decode()
    last = client.get(thread.get_absolute_url() + "?page=last").content.decode()

    assert len(_articles(first)) == 30
    assert "Page 1 of 3" in first
    assert 'href="?page=2" rel="next"' in first
    assert 'href="?page=last" rel="last"' in first
    assert len(_articles(last)) == 5
    assert "Reply number 64" in last
    assert "Page 3 of 3" in last


@pytest.mark.parametrize("page", ["0", "-3", "99", "abc", "1e9"])
def test_an_odd_page_number_never_fails(client, reader, thread, page):
    assert client.get(f"{thread.get_absolute_url()}?page={page}").status_code == 200


def test_a_post_link_finds_its_page(client, reader, thread, starter, many_replies):
    posts = many_replies(thread, [starter], 40)

    response = client.get(posts[35].get_absolute_url())

    assert response.status_code == 302
    assert response["Location"] == f"{thread.get_absolute_url()}?page=2#{posts[35].anchor}"


def test_a_post_link_is_404_for_someone_outside_the_group(client, member, thread):
    outsider = SupportGroupFactory()
    from tests.factories import MembershipFactory

    client.force_login(MembershipFactory(group=outsider).user)

    assert client.get(thread.posts.get().get_absolute_url()).status_code == 404


def test_a_visitor_is_asked_to_sign_in_for_a_post_link(client, thread):
    response = client.get(thread.posts.get().get_absolute_url())

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


# Posts in their states


def test_a_held_reply_shows_only_to_its_author_as_awaiting_review(
    client, reader, thread, reply, member_of
):
    author = member_of(thread.group)
    held = reply(author, thread, "Something that waits for a moderator.")
    Post.objects.filter(pk=held.pk).update(state=Post.State.HELD)

    as_reader = client.get(thread.get_absolute_url()).content.decode()
    client.force_login(author)
    as_author = client.get(thread.get_absolute_url()).content.decode()

    assert "Something that waits for a moderator." not in as_reader
    assert f'id="{held.anchor}"' not in as_reader
    assert "Awaiting review: only you can see this for now." in _article(as_author, held)


def test_a_removed_reply_leaves_a_placeholder_and_tells_only_its_author_why(
    client, reader, thread, reply, member_of
):
    author = member_of(thread.group)
    removed = reply(author, thread, "Something a moderator removed.")
    Post.objects.filter(pk=removed.pk).update(
        state=Post.State.REMOVED, removal_reason="It shared another member's address."
    )

    as_reader = _article(client.get(thread.get_absolute_url()).content.decode(), removed)
    client.force_login(author)
    as_author = _article(client.get(thread.get_absolute_url()).content.decode(), removed)

    for article in (as_reader, as_author):
        assert "This post was removed by a moderator." in article
        assert "Something a moderator removed." not in article
        assert author.personas.get().name not in article
    assert "It shared another member&#x27;s address." not in as_reader
    assert (
        "The reason you were given: <bdi>It shared another member&#x27;s address.</bdi>"
        in as_author
    )


def test_a_thread_whose_opening_post_awaits_review_exists_only_for_its_author(
    client, reader, thread, starter
):
    thread.posts.update(state=Post.State.HELD)

    assert client.get(thread.get_absolute_url()).status_code == 404
    client.force_login(starter)
    assert client.get(thread.get_absolute_url()).status_code == 200


def test_a_removed_conversation_keeps_its_replies_but_not_its_title_or_new_replies(
    client, reader, thread, reply, member_of
):
    earlier = reply(member_of(thread.group), thread, "Context that stays.")
    thread.posts.filter(is_opening=True).update(state=Post.State.REMOVED)

    response = client.get(thread.get_absolute_url())
    refused = client.post(thread.get_absolute_url(), {"body": "Can I still reply?"})

    page = response.content.decode()
    assert "Removed conversation" in page
    assert thread.title not in page
    assert "Context that stays." in _article(page, earlier)
    assert refused.status_code == 400
    assert not Post.objects.filter(body="Can I still reply?").exists()


def test_every_post_is_marked_to_read_in_its_own_direction(client, reader, thread, reply):
    reply(reader, thread, "أشعر بالوحدة أحياناً")

    page = client.get(thread.get_absolute_url()).content.decode()

    assert page.count('class="post-body prose" dir="auto"') == 2


# Reading state


def test_it_marks_what_is_new_since_the_last_visit_and_jumps_to_it(
    client, reader, thread, starter, many_replies
):
    many_replies(thread, [starter], 40)
    client.get(thread.get_absolute_url())  # reads page 1: the opening post and 29 replies
    newer = many_replies(thread, [starter], 3)

    page = client.get(thread.get_absolute_url()).content.decode()
    jump = client.get(reverse("posts:thread_unread", args=[thread.pk]))

    assert "Jump to first unread" in page
    assert jump.status_code == 302
    first_unread = thread.posts.order_by("pk")[30]
    assert jump["Location"] == first_unread.get_absolute_url()
    later = client.get(f"{thread.get_absolute_url()}?page=2").content.decode()
    assert later.count("New since your last visit") == 1
    assert f'id="{newer[0].anchor}"' in later


def test_it_does_not_offer_to_jump_when_everything_is_read(client, reader, thread):
    client.get(thread.get_absolute_url())

    page = client.get(thread.get_absolute_url()).content.decode()

    assert "Jump to first unread" not in page
    assert "New since your last visit" not in page


def test_a_first_visit_marks_nothing_as_new(client, reader, thread, reply, member_of):
    reply(member_of(thread.group), thread)

    page = client.get(thread.get_absolute_url()).content.decode()

    assert "New since your last visit" not in page


def test_the_unread_jump_is_404_outside_the_group(client, member, thread):
    from tests.factories import MembershipFactory

    client.force_login(MembershipFactory().user)

    assert client.get(reverse("posts:thread_unread", args=[thread.pk])).status_code == 404


# Quoting


def test_quoting_an_anonymous_post_names_its_label_never_the_persona(
    client, reader, thread, reply, member_of
):
    author = member_of(thread.group)
    quoted = reply(author, thread, "I lost my job last month.\n\nIt still hurts.", anonymous=True)

    page = client.get(f"{thread.get_absolute_url()}?quote={quoted.number}").content.decode()

    assert "&gt; **Anonymous member 2 wrote:**\n&gt; I lost my job last month.\n&gt;\n" in page
    assert author.personas.get().name not in page


def test_quoting_a_named_post_uses_the_persona_and_carries_its_warning(
    client, reader, thread, reply, member_of
):
    author = member_of(thread.group)
    quoted = reply(author, thread, "The night it happened.", content_warning="mentions violence")

    page = client.get(f"{thread.get_absolute_url()}?quote={quoted.number}").content.decode()

    assert f"**{author.personas.get().name} wrote:**" in page
    assert 'value="mentions violence"' in page


@pytest.mark.parametrize("quote", ["abc", "999999"])
def test_quoting_something_that_is_not_there_leaves_the_form_empty(client, reader, thread, quote):
    response = client.get(f"{thread.get_absolute_url()}?quote={quote}")

    assert response.status_code == 200
    assert "wrote:**" not in response.content.decode()


def test_a_post_of_another_thread_or_a_held_one_cannot_be_quoted(
    client, reader, thread, start, reply, member_of
):
    elsewhere = start(member_of(thread.group), thread.group, body="Another conversation.")
    held = reply(member_of(thread.group), thread, "Waiting for review.")
    Post.objects.filter(pk=held.pk).update(state=Post.State.HELD)

    for post in (elsewhere.posts.get(), held):
        page = client.get(f"{thread.get_absolute_url()}?quote={post.number}").content.decode()
        assert post.body not in page


# Speed


@pytest.mark.parametrize("replies", [5, 120])
def test_the_thread_page_runs_at_most_ten_queries_however_long_the_thread(
    client, reader, thread, starter, many_replies, django_assert_max_num_queries, replies
):
    from posts import services

    posts = many_replies(thread, [starter, reader], replies)
    services.reaction_set(user=reader, post=posts[0], kind="support", active=True)
    client.get(thread.get_absolute_url())

    for url in (thread.get_absolute_url(), f"{thread.get_absolute_url()}?page=last"):
        with django_assert_max_num_queries(10):
            response = client.get(url)
        assert response.status_code == 200


def test_a_page_holds_exactly_the_posts_the_reading_rule_gives(
    reader, thread, starter, member_of, many_replies
):
    """The page's posts are SQL of their own (posts.selectors._page_posts): they must
    follow posts_seen_by() to the letter, in thread order, with the same values."""
    from posts.selectors import POSTS_PER_PAGE, thread_page, thread_posts_for_viewer

    other = member_of(thread.group)
    replies = many_replies(thread, [starter, reader, other], POSTS_PER_PAGE + 8)
    states = {
        replies[0]: Post.State.HELD,  # the starter's: not the reader's to see
        replies[1]: Post.State.HELD,  # the reader's own: shown to them as awaiting review
        replies[4]: Post.State.REMOVED,
        replies[5]: Post.State.ERASED,
    }
    for post, state in states.items():
        Post.objects.filter(pk=post.pk).update(state=state)
    Post.objects.filter(pk=replies[3].pk).update(persona=None, author=None)  # a former member
    Post.objects.filter(pk=replies[6].pk).update(is_anonymous=True, anonymous_number=2)

    for page in ("1", "2"):
        shown = thread_page(thread, reader, page).posts
        offset = (int(page) - 1) * POSTS_PER_PAGE
        expected = list(
            thread_posts_for_viewer(thread, reader).order_by("created_at", "pk")[
                offset : offset + POSTS_PER_PAGE
            ]
        )
        assert [p.pk for p in shown] == [p.pk for p in expected]
        for got, want in zip(shown, expected, strict=True):
            assert (got.state, got.body_html, got.created_at, got.is_anonymous) == (
                want.state,
                want.body_html,
                want.created_at,
                want.is_anonymous,
            )
            assert got.public_author_name == want.public_author_name
    first_page = [p.pk for p in thread_page(thread, reader, "1").posts]
    assert replies[0].pk not in first_page and replies[1].pk in first_page
