"""Readers see a content warning first and open the text on purpose, without JavaScript;
they may choose to always open them, and their muted words collapse matching posts."""

import re

import pytest
from django.urls import reverse

from posts.models import Post, ReaderPreference

pytestmark = pytest.mark.django_db


def _article(page: str, post: Post) -> str:
    match = re.search(rf'<article[^>]*id="{post.anchor}".*?</article>', page, re.DOTALL)
    assert match, f"post {post.pk} is not on the page"
    return match.group(0)


@pytest.fixture
def thread(starter, open_group, start):
    return start(starter, open_group)


@pytest.fixture
def warned(thread, reply, member_of):
    return reply(
        member_of(thread.group),
        thread,
        "The night I almost did it.",
        content_warning="mentions self-harm",
    )


def test_a_post_with_a_warning_arrives_closed_with_the_warning_in_sight(client, reader, warned):
    article = _article(client.get(warned.thread.get_absolute_url()).content.decode(), warned)

    closed = re.search(r"<details class=\"post-collapsed\">(.*?)</details>", article, re.DOTALL)
    assert closed, "the post is not inside a closed <details>"
    summary = re.search(r"<summary>(.*?)</summary>", closed.group(1), re.DOTALL).group(1)
    assert "Content warning:" in summary
    assert "mentions self-harm" in summary
    assert "Show post" in summary
    assert "The night I almost did it." not in summary
    assert "The night I almost did it." in closed.group(1)
    assert "<details open" not in article


def test_a_reader_who_chose_to_always_expand_sees_the_text_with_the_warning_above(
    client, reader, warned
):
    ReaderPreference.objects.create(user=reader, expand_content_warnings=True)

    article = _article(client.get(warned.thread.get_absolute_url()).content.decode(), warned)

    assert "<details" not in article
    assert "Content warning:" in article
    assert "The night I almost did it." in article


def test_a_post_mentioning_a_muted_word_arrives_closed(client, reader, thread, reply, member_of):
    ReaderPreference.objects.create(
        user=reader, expand_content_warnings=True, muted_words="Hospital\nانتحار"
    )
    english = reply(member_of(thread.group), thread, "Back in the hospital again.")
    arabic = reply(member_of(thread.group), thread, "أفكر في الانْتِحار أحياناً")
    other = reply(member_of(thread.group), thread, "A calm day at last.")

    page = client.get(thread.get_absolute_url()).content.decode()

    for post in (english, arabic):
        article = _article(page, post)
        assert '<details class="post-collapsed">' in article
        assert "This post mentions a word you muted." in article
    assert "<details" not in _article(page, other)


def test_muted_words_match_whole_english_words_only(client, reader, thread, reply, member_of):
    ReaderPreference.objects.create(user=reader, muted_words="sad")
    post = reply(member_of(thread.group), thread, "The ambassador visited.")

    article = _article(client.get(thread.get_absolute_url()).content.decode(), post)

    assert "<details" not in article


def test_authors_see_their_own_posts_open_even_with_their_muted_words(
    client, thread, reply, member_of
):
    author = member_of(thread.group)
    ReaderPreference.objects.create(user=author, muted_words="hospital")
    post = reply(author, thread, "Back in the hospital.")
    client.force_login(author)

    article = _article(client.get(thread.get_absolute_url()).content.decode(), post)

    assert "This post mentions a word you muted." not in article


def test_the_group_list_marks_a_conversation_that_opens_with_a_warning(
    client, reader, open_group, start, member_of
):
    start(member_of(open_group), open_group, title="Hard things", content_warning="abuse")

    page = client.get(open_group.get_absolute_url()).content.decode()

    assert "Content warning" in page
    assert "abuse" in page


# Preferences


def test_a_member_sets_their_reading_preferences(client, reader):
    url = reverse("posts:preferences")
    assert "Keep them closed until I open them" in client.get(url).content.decode()

    response = client.post(
        url, {"content_warnings": "expand", "muted_words": "  hospital \n\n الانتحار "}
    )

    assert response.status_code == 302
    preference = ReaderPreference.objects.get(user=reader)
    assert preference.expand_content_warnings
    assert preference.muted_words == "hospital\nالانتحار"
    page = client.get(url).content.decode()
    assert re.search(r'<input[^>]*value="expand"[^>]*checked>', page)


def test_too_many_muted_words_are_refused_with_the_list_kept(client, reader):
    words = "\n".join(f"word{number}" for number in range(51))

    response = client.post(
        reverse("posts:preferences"), {"content_warnings": "collapse", "muted_words": words}
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "You can mute up to 50 words or phrases." in page
    assert "word50" in page
    assert not ReaderPreference.objects.exists()


def test_a_nonsense_choice_is_refused_not_a_500(client, reader):
    response = client.post(reverse("posts:preferences"), {"content_warnings": "sometimes"})

    assert response.status_code == 400


def test_reading_preferences_are_for_signed_in_members(client):
    response = client.get(reverse("posts:preferences"))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_reading_preferences_are_private_to_the_member(client, reader, other_member):
    ReaderPreference.objects.create(user=reader, muted_words="something personal")
    from tests.factories import UserFactory

    client.force_login(UserFactory())

    assert "something personal" not in client.get(reverse("posts:preferences")).content.decode()
