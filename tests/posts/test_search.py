"""Search: only groups the member can read and only visible posts, anonymous posts under
their labels, Arabic spelling folded on both sides, stems, ranking and highlighted
snippets (on SQLite too since FTS5: see test_search_language and test_search_backends)."""

import re

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from groups.models import SupportGroup
from posts import services
from posts.models import Post
from tests.factories import MembershipFactory, SupportGroupFactory
from tests.posts.searching import results_html, search_page

pytestmark = pytest.mark.django_db


def test_a_member_finds_a_post_in_their_group(client, searcher, open_group, start, member_of):
    thread = start(member_of(open_group), open_group, title="Evenings", body="I cannot sleep.")

    response = search_page(client, "sleep")

    assert response.status_code == 200
    results = results_html(response)
    assert "Evenings" in results
    assert thread.posts.get().get_absolute_url() in results


def test_it_folds_arabic_spelling_on_both_sides(client, searcher, arabic_group, start, member_of):
    start(member_of(arabic_group), arabic_group, title="ليل", body="أصدقائي لا يفهمون مَدْرَسَتي")

    for query in ("اصدقائي", "مدرستي", "مدرسـتى"):
        assert "ليل" in results_html(search_page(client, query)), query


def test_it_never_finds_posts_of_groups_the_member_cannot_read(client, searcher, start, member_of):
    elsewhere = SupportGroupFactory()
    start(member_of(elsewhere), elsewhere, title="Secret elsewhere", body="sleep troubles")
    left = SupportGroupFactory()
    MembershipFactory(group=left, user=searcher, state="left")
    start(member_of(left), left, title="Left group", body="sleep troubles")

    assert results_html(search_page(client, "sleep")) == ""


@pytest.mark.parametrize("state", [Post.State.HELD, Post.State.REMOVED, Post.State.ERASED])
def test_it_finds_only_visible_posts(client, searcher, open_group, start, reply, member_of, state):
    thread = start(member_of(open_group), open_group, title="Thread", body="nothing to find")
    hidden = reply(member_of(open_group), thread, "the word insomnia is here")
    Post.objects.filter(pk=hidden.pk).update(state=state)

    assert results_html(search_page(client, "insomnia")) == ""


def test_replies_of_a_held_conversation_are_not_found(
    client, searcher, open_group, start, reply, member_of
):
    thread = start(member_of(open_group), open_group, title="Held title", body="first")
    reply(member_of(open_group), thread, "insomnia reply")
    thread.posts.filter(is_opening=True).update(state=Post.State.HELD)

    assert results_html(search_page(client, "insomnia")) == ""


def test_anonymous_posts_appear_under_their_label(
    client, searcher, open_group, start, reply, member_of
):
    author = member_of(open_group)
    thread = start(member_of(open_group), open_group, title="Night", body="first")
    reply(author, thread, "insomnia again tonight", anonymous=True)

    results = results_html(search_page(client, "insomnia"))

    assert "Anonymous member 2" in results
    assert author.personas.get().name not in results
    assert author.username not in results


def test_snippets_never_carry_markup_from_posts(client, searcher, open_group, start, member_of):
    start(
        member_of(open_group),
        open_group,
        title="Night",
        body="insomnia <script>alert(1)</script> <img src=x onerror=alert(2)> \ue000 \ue001",
    )

    results = results_html(search_page(client, "insomnia"))

    assert "<script" not in results
    assert "<img" not in results
    assert "\ue000" not in results
    snippet = re.search(r'<p class="search-snippet" dir="auto">(.*?)</p>', results, re.S).group(1)
    assert "<" not in re.sub(r"</?mark>", "", snippet)


def test_a_post_behind_a_content_warning_shows_its_excerpt_collapsed(
    client, searcher, open_group, start, member_of
):
    start(
        member_of(open_group),
        open_group,
        title="Night",
        body="insomnia and worse",
        content_warning="mentions self-harm",
    )

    results = results_html(search_page(client, "insomnia"))

    assert '<details class="post-collapsed">' in results
    assert "mentions self-harm" in results


def test_a_search_within_one_group(client, searcher, open_group, start, member_of, join):
    other = SupportGroupFactory()
    join(searcher, other)
    start(member_of(open_group), open_group, title="Here", body="insomnia here")
    start(member_of(other), other, title="There", body="insomnia there")

    results = results_html(search_page(client, "insomnia", group=open_group.slug))

    assert "Here" in results
    assert "There" not in results


def test_searching_a_group_one_is_not_in_is_404(client, searcher):
    other = SupportGroupFactory(listing=SupportGroup.Listing.UNLISTED)

    assert search_page(client, "x", group=other.slug).status_code == 404
    assert search_page(client, "x", group="no-such-group").status_code == 404


def test_search_asks_visitors_to_sign_in(client):
    response = search_page(client, "sleep")

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


@pytest.mark.parametrize("query", ["", "   ", "!!! ??? ...", "&|!():*<>'\"", "\x00"])
def test_empty_or_odd_queries_find_nothing_and_never_fail(
    client, searcher, open_group, start, member_of, query
):
    start(member_of(open_group), open_group, title="Night", body="insomnia")

    response = search_page(client, query)

    assert response.status_code in (200, 400)


def test_an_oversized_query_is_refused_with_a_message(client, searcher):
    response = search_page(client, "sleep " * 50)

    assert response.status_code == 400
    assert "at most 200 characters" in response.content.decode()


def test_results_come_in_pages(client, searcher, open_group, member_of):
    author = member_of(open_group)
    thread = services.thread_create(author=author, group=open_group, title="Many", body="first")
    for number in range(25):
        post = Post.objects.create(
            thread=thread,
            author=author,
            number=number + 2,
            body=f"insomnia {number}",
            body_html="<p>x</p>",
        )
        from posts.search import index_post

        index_post(post_id=post.pk, title="", content_warning="", body=post.body, language="en")

    first = search_page(client, "insomnia").content.decode()
    second = search_page(client, "insomnia", page=2).content.decode()

    assert first.count('class="search-result"') == 20
    assert 'rel="next"' in first
    assert second.count('class="search-result"') == 5
    assert 'rel="prev"' in second


def test_search_runs_the_same_queries_however_manyresults_html(
    client, searcher, open_group, start, reply, member_of
):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert search_page(client, "insomnia").status_code == 200
        return len(queries)

    thread = start(member_of(open_group), open_group, title="T", body="insomnia one")
    few = count()
    for number in range(6):
        reply(member_of(open_group), thread, f"insomnia {number}", anonymous=number % 2 == 0)

    assert count() == few


# PostgreSQL: stems, ranking, highlights


@pytest.mark.needs_postgres
def test_an_inflected_arabic_word_finds_the_post(client, searcher, arabic_group, start, member_of):
    start(member_of(arabic_group), arabic_group, title="ليالٍ طويلة", body="أشعر بالقلق كل ليلة")

    for query in ("قلقي", "القلق", "وقلقنا"):
        results = results_html(search_page(client, query))
        assert "ليالٍ طويلة" in results, query
    assert "<mark>بالقلق</mark>" in results_html(search_page(client, "قلقي"))


@pytest.mark.needs_postgres
def test_english_words_are_found_by_their_stem(client, searcher, open_group, start, member_of):
    start(member_of(open_group), open_group, title="Nights", body="I keep waking at three.")

    results = results_html(search_page(client, "wakes"))

    assert "Nights" in results
    assert "<mark>waking</mark>" in results


@pytest.mark.needs_postgres
def test_a_title_match_ranks_above_a_passing_mention(
    client, searcher, open_group, start, member_of
):
    start(member_of(open_group), open_group, title="Work", body="Some grief about my job.")
    start(member_of(open_group), open_group, title="Grief", body="Since my father died.")

    results = results_html(search_page(client, "grief"))

    assert results.index("Grief") < results.index("Work")


@pytest.mark.needs_postgres
def test_the_vector_is_stored_and_indexed_and_follows_edits(open_group, start, member_of):
    author = member_of(open_group)
    thread = start(author, open_group, title="Nights", body="insomnia")
    post = thread.posts.get()
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'post_search_vector_gin'")
        assert "gin (search_vector)" in cursor.fetchone()[0]

    services.post_edit(editor=author, post=post, body="nightmares now")
    hits = Post.objects.filter(search_vector=SearchQuery("nightmar", config="simple")).count()
    gone = Post.objects.filter(search_vector=SearchQuery("insomnia", config="simple")).count()
    services.post_delete(actor=author, post=post)

    assert (hits, gone) == (1, 0)
    post.refresh_from_db()
    assert post.search_vector is None
