"""A member who edits crisis language into a post sees crisis resources next, as when
they write a new post."""

import pytest
from django.urls import reverse

from moderation.models import ReviewItem
from posts import services as posts

pytestmark = pytest.mark.django_db

PANEL = 'class="crisis-panel"'


def _edit(client, post, **data):
    return client.post(post.url("posts:post_edit"), data, follow=True)


@pytest.fixture
def own_reply(author, thread):
    return posts.post_create(author=author, thread=thread, body="An ordinary reply.")


def test_an_edit_that_brings_in_crisis_language_opens_the_next_page_with_help(
    client, author, thread, own_reply
):
    client.force_login(author)

    response = _edit(client, own_reply, body="Honestly, I want to end my life.")

    page = response.content.decode()
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith(thread.get_absolute_url())
    assert PANEL in page
    assert "Find A Helpline" in page
    assert reverse("moderation:help") in page
    assert ReviewItem.objects.get(post=own_reply).crisis_detected
    again = client.get(thread.get_absolute_url()).content.decode()
    assert PANEL not in again


def test_an_arabic_edit_of_an_opening_post_shows_the_help_in_arabic(client, author, open_group):
    thread = posts.thread_create(
        author=author, group=open_group, title="ليلة صعبة", body="لا أستطيع النوم."
    )
    opening = thread.posts.get(is_opening=True)
    client.force_login(author)
    client.cookies["django_language"] = "ar"

    page = _edit(client, opening, title="ليلة صعبة", body="أفكر في الانتحار").content.decode()

    assert PANEL in page
    assert "خدمات الطوارئ" in page


def test_crisis_language_edited_into_the_title_counts_too(client, author, open_group):
    thread = posts.thread_create(
        author=author, group=open_group, title="A hard night", body="I cannot sleep."
    )
    opening = thread.posts.get(is_opening=True)
    client.force_login(author)

    page = _edit(client, opening, title="I want to die", body="I cannot sleep.").content.decode()

    assert PANEL in page


def test_an_ordinary_edit_shows_no_panel(client, author, own_reply):
    client.force_login(author)

    page = _edit(client, own_reply, body="An ordinary reply, with a typo fixed.").content.decode()

    assert "Your post was updated." in page
    assert PANEL not in page


def test_an_edit_that_keeps_crisis_language_shows_the_help_again(client, author, thread):
    post = posts.post_create(author=author, thread=thread, body="I want to kill myself.")
    client.force_login(author)

    page = _edit(client, post, body="I want to kill myself. Nobody would notice.").content.decode()

    assert PANEL in page


def test_an_edit_that_takes_crisis_language_out_shows_no_panel(client, author, thread):
    post = posts.post_create(author=author, thread=thread, body="I want to kill myself.")
    client.force_login(author)

    # (The detector reads "I had a very bad night." as possible risk, which shows the
    # gentle panel: the words here say nothing of risk at all.)
    page = _edit(client, post, body="I slept better last night, thank you.").content.decode()

    assert PANEL not in page


def test_saving_an_edit_unchanged_shows_no_panel(client, author, thread):
    post = posts.post_create(author=author, thread=thread, body="I had a very bad night.")
    posts.post_edit(editor=author, post=post, body="I want to kill myself.")
    posts.post_edit(editor=author, post=post, body="I had a very bad night.")
    client.force_login(author)

    page = _edit(client, post, body="I had a very bad night.").content.decode()

    assert PANEL not in page


def test_an_edit_held_for_method_details_shows_the_waiting_panel(client, author, own_reply):
    client.force_login(author)

    page = _edit(client, own_reply, body="what is the lethal dose").content.decode()

    assert PANEL in page
    assert "Your post is waiting for a moderator" in page
