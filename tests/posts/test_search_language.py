"""Search that finds what members mean, on whichever database runs it: Arabic words with
their clitics and endings, English stems, "phrases", OR and -word, newest first; and
whatever a member types, a clear answer, never an error."""

import re

import pytest

from groups.models import SupportGroup
from posts import services
from posts.models import Post
from tests.factories import SupportGroupFactory
from tests.posts.searching import result_titles, results_html, search_page

pytestmark = pytest.mark.django_db


def test_a_possessive_finds_the_word_with_its_article_and_preposition(
    client, searcher, arabic_group, start, member_of
):
    start(member_of(arabic_group), arabic_group, title="ليالٍ طويلة", body="أشعر بالقلق كل ليلة")

    for query in ("قلقي", "القلق", "وقلقنا", "بقلق"):
        assert result_titles(search_page(client, query)) == ["ليالٍ طويلة"], query
    assert "<mark>بالقلق</mark>" in results_html(search_page(client, "قلقي"))


@pytest.mark.parametrize(
    ("written", "searched"),
    [
        ("لا أحب المدرسة", "مدرستي"),
        ("في مدرستي لا يكلمني أحد", "المدرسة"),
        ("اتصلت بي صديقة قديمة", "صديقاتي"),
        ("صديقاتي لا يفهمنني", "صديقة"),
        ("وصديقتي تقول إن الوقت يشفي", "صديقتي"),
        ("ذهبت بمدرستي إلى الرحلة", "مدرسة"),
        ("تحدثت مع والدي", "الوالد"),
    ],
)
def test_plural_possessive_and_clitic_forms_meet(
    client, searcher, arabic_group, start, member_of, written, searched
):
    start(member_of(arabic_group), arabic_group, title="موضوع", body=written)

    assert result_titles(search_page(client, searched)) == ["موضوع"]


def test_english_words_meet_by_their_stem(client, searcher, open_group, start, member_of):
    start(member_of(open_group), open_group, title="Nights", body="I keep waking at three.")

    results = results_html(search_page(client, "wakes"))

    assert "Nights" in results
    assert "<mark>waking</mark>" in results


def test_a_phrase_in_quotes_finds_the_words_in_that_order(
    client, searcher, open_group, start, member_of
):
    start(member_of(open_group), open_group, title="Work", body="Panic attacks at work.")
    start(member_of(open_group), open_group, title="Home", body="The attacks of panic at home.")

    assert result_titles(search_page(client, '"panic attacks"')) == ["Work"]
    assert sorted(result_titles(search_page(client, "panic attacks"))) == ["Home", "Work"]


def test_or_widens_and_a_minus_leaves_out(client, searcher, open_group, start, member_of):
    start(member_of(open_group), open_group, title="Grief", body="Grief comes in waves.")
    start(member_of(open_group), open_group, title="Sleep", body="I cannot sleep at home.")
    start(member_of(open_group), open_group, title="Both", body="Grief and no sleep at work.")

    assert sorted(result_titles(search_page(client, "grief OR sleep"))) == [
        "Both",
        "Grief",
        "Sleep",
    ]
    assert sorted(result_titles(search_page(client, "sleep -work"))) == ["Sleep"]


def test_newest_first_orders_by_time_and_is_offered_in_arabic(
    client, searcher, open_group, start, member_of
):
    start(member_of(open_group), open_group, title="Older", body="grief again")
    start(member_of(open_group), open_group, title="Grief", body="grief grief grief")
    start(member_of(open_group), open_group, title="Newest", body="a passing grief")

    assert result_titles(search_page(client, "grief"))[0] == "Grief"
    newest = search_page(client, "grief", order="newest")
    assert result_titles(newest) == ["Newest", "Grief", "Older"]
    client.cookies["django_language"] = "ar"
    page = search_page(client, "grief").content.decode()
    assert "الأحدث أولاً" in page
    assert "الأقرب إلى البحث" in page


def test_newest_first_keeps_its_order_across_pages(client, searcher, open_group, member_of):
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

        index_post(post_id=post.pk, title="", content_warning="", body=post.body)

    first = search_page(client, "insomnia", order="newest").content.decode()

    assert 'rel="next"' in first
    assert "order=newest" in re.search(r'href="([^"]*)" rel="next"', first).group(1)


@pytest.fixture
def corpus(searcher, open_group, start, member_of):
    start(member_of(open_group), open_group, title="Panic", body="Panic attacks near the sea.")
    start(
        member_of(open_group), open_group, title="Sleep", body="I cannot sleep; the night is long."
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Operators of either database are words or punctuation here, never syntax.
        ("NEAR", ["Panic"]),
        ("near*", ["Panic"]),
        ("panic NEAR(sea)", ["Panic"]),
        ("panic NEAR(sea, 2)", []),
        ("sea*", ["Panic"]),
        ('"panic', ["Panic"]),
        ('panic" attacks', ["Panic"]),
        ('"panic attacks', ["Panic"]),
        ("OR panic OR", ["Panic"]),
        ("- panic -", ["Panic"]),
        ("--sleep", []),
        ("-panic", []),
        ("panic) OR (sleep", ["Panic", "Sleep"]),
        ("'; DROP TABLE posts_post; --", []),
        ("panic & | <-> :* ^", ["Panic"]),
        ("panic & !sleep", []),
        ("!!! ??? ... ()", []),
        ("\ue000panic\ue001", ["Panic"]),
    ],
)
def test_typed_operators_and_punctuation_answer_sensibly(client, corpus, query, expected):
    response = search_page(client, query)

    assert response.status_code == 200
    assert sorted(result_titles(response)) == expected


def test_a_query_of_only_common_words_says_so(client, corpus):
    for query in ("the and of", "في من على", "I was"):
        response = search_page(client, query)

        assert response.status_code == 200
        assert result_titles(response) == []
        assert "too common to search for" in response.content.decode()


def test_a_thousand_character_query_is_refused_with_a_message(client, corpus):
    response = search_page(client, "panic " * 170)

    assert response.status_code == 400
    assert "at most 200 characters" in response.content.decode()
    assert "panic panic" in response.content.decode()  # the form comes back filled in


def test_a_thousand_character_word_finds_nothing_without_failing(searcher):
    from posts.search import search_posts

    assert search_posts(user=searcher, query="x" * 1000) == ([], False)
    assert search_posts(user=searcher, query="panic " * 1000) == ([], False)


# The index follows what happens to a post, on both databases


def test_an_edit_replaces_what_search_finds(client, searcher, open_group, start, member_of):
    author = member_of(open_group)
    post = start(author, open_group, title="Nights", body="insomnia").posts.get()

    services.post_edit(editor=author, post=post, body="nightmares now")

    assert result_titles(search_page(client, "nightmare")) == ["Nights"]
    assert result_titles(search_page(client, "insomnia")) == []


def test_an_erased_post_leaves_the_index(searcher, open_group, start, member_of):
    from django.db import connection

    author = member_of(open_group)
    post = start(author, open_group, title="Nights", body="insomnia").posts.get()

    services.post_delete(actor=author, post=post)

    post.refresh_from_db()
    assert post.search_text == ""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM posts_post_fts WHERE posts_post_fts MATCH 'insomnia'"
            )
            assert cursor.fetchone()[0] == 0


# Never more than the reader may see, whatever the order or the syntax


@pytest.mark.parametrize("state", [Post.State.HELD, Post.State.REMOVED])
@pytest.mark.parametrize("query", ["insomnia", '"insomnia tonight"', "insomnia OR tonight"])
def test_newest_first_and_phrases_never_show_held_or_removed_posts(
    client, searcher, open_group, start, reply, member_of, state, query
):
    thread = start(member_of(open_group), open_group, title="Thread", body="nothing to find")
    hidden = reply(member_of(open_group), thread, "insomnia tonight")
    Post.objects.filter(pk=hidden.pk).update(state=state)

    for order in ("relevance", "newest"):
        assert results_html(search_page(client, query, order=order)) == "", order


def test_newest_first_never_shows_groups_the_reader_cannot_read(client, searcher, start, member_of):
    elsewhere = SupportGroupFactory(listing=SupportGroup.Listing.UNLISTED)
    start(member_of(elsewhere), elsewhere, title="Secret", body="insomnia tonight")

    assert results_html(search_page(client, "insomnia", order="newest")) == ""
    assert results_html(search_page(client, '"insomnia tonight"', order="newest")) == ""


def test_an_unknown_order_is_refused_with_a_message(client, corpus):
    response = search_page(client, "panic", order="random()")

    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
