"""Authors edit and delete their own posts, and nobody else's; anonymity survives both."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from groups.models import Membership
from posts import services
from posts.models import Post
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

PLACEHOLDER = "This post was deleted by its author."


@pytest.fixture
def author(client, member, open_group, join):
    join(member, open_group)
    client.force_login(member)
    return member


@pytest.fixture
def thread(author, open_group):
    return services.thread_create(
        author=author, group=open_group, title="Sleepless again", body="Third night in a row."
    )


@pytest.fixture
def reply(thread, open_group):
    """A reply by someone else, so the thread has context around the author's posts."""
    return services.post_create(
        author=MembershipFactory(group=open_group).user, thread=thread, body="Same here."
    )


@pytest.fixture
def own_reply(author, thread, reply):
    return services.post_create(author=author, thread=thread, body="Thank you for writing.")


def _edit_url(post):
    return post.url("posts:post_edit")


def _delete_url(post):
    return post.url("posts:post_delete")


def _article(page: str, post: Post) -> str:
    match = re.search(rf'<article[^>]*id="{post.anchor}".*?</article>', page, re.DOTALL)
    assert match, f"post {post.pk} is not on the page"
    return match.group(0)


# Editing


def test_the_edit_page_shows_what_the_author_wrote(client, own_reply):
    response = client.get(_edit_url(own_reply))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Thank you for writing." in page
    assert 'name="title"' not in page


def test_an_author_edits_their_reply(client, own_reply):
    response = client.post(_edit_url(own_reply), {"body": "Thank you for **writing**."})

    assert response.status_code == 302
    assert response["Location"] == own_reply.get_absolute_url()
    own_reply.refresh_from_db()
    assert own_reply.body == "Thank you for **writing**."
    assert own_reply.body_html == "<p>Thank you for <strong>writing</strong>.</p>\n"
    page = client.get(own_reply.thread.get_absolute_url()).content.decode()
    assert "Your post was updated." in page
    assert "<strong>writing</strong>" in page


def test_an_author_edits_the_opening_post_and_the_title(client, thread):
    opening = thread.posts.get(is_opening=True)

    page = client.get(_edit_url(opening)).content.decode()
    assert 'value="Sleepless again"' in page

    response = client.post(
        _edit_url(opening), {"title": "Sleepless, but better", "body": "Fourth night now."}
    )

    assert response.status_code == 302
    thread.refresh_from_db()
    opening.refresh_from_db()
    assert thread.title == "Sleepless, but better"
    assert opening.body == "Fourth night now."


def test_editing_keeps_an_anonymous_post_anonymous(client, author, thread, reply, persona_of):
    anonymous = services.post_create(
        author=author, thread=thread, body="Harder to say.", anonymous=True
    )

    page = client.get(_edit_url(anonymous)).content.decode()
    assert "Your post stays anonymous: others still see “<bdi>Anonymous member 2</bdi>”." in page
    assert persona_of(author).name not in page

    client.post(_edit_url(anonymous), {"body": "Harder to say than I thought."})

    anonymous.refresh_from_db()
    assert anonymous.is_anonymous
    assert anonymous.public_author_name == "Anonymous member 2"
    assert anonymous.body == "Harder to say than I thought."


def test_a_rejected_edit_comes_back_with_what_was_typed(client, own_reply):
    response = client.post(_edit_url(own_reply), {"body": "x" * 20_001})

    assert response.status_code == 400
    page = response.content.decode()
    assert "at most 20000 characters" in page
    assert "x" * 100 in page
    own_reply.refresh_from_db()
    assert own_reply.body == "Thank you for writing."


def test_a_muted_author_cannot_edit_and_is_told_why(client, author, open_group, own_reply):
    Membership.objects.filter(user=author, group=open_group).update(
        muted_until=timezone.now() + timedelta(hours=2), sanction_reason="Heated exchange."
    )

    response = client.post(_edit_url(own_reply), {"body": "Something new."})

    assert response.status_code == 400
    page = response.content.decode()
    assert "You are muted in this group until" in page
    assert "Heated exchange." in page
    assert "Something new." in page


def test_only_the_author_may_edit_through_the_service(own_reply, reply):
    with pytest.raises(PermissionDenied):
        services.post_edit(editor=reply.author, post=own_reply, body="Not mine to change.")


# Deleting


def test_the_delete_page_asks_before_deleting(client, own_reply):
    response = client.get(_delete_url(own_reply))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Delete your post?" in page
    assert "Thank you for writing." in page
    own_reply.refresh_from_db()
    assert own_reply.state == Post.State.VISIBLE


def test_an_author_deletes_their_reply_and_the_replies_around_it_stay(
    client, own_reply, reply, persona_of, author
):
    response = client.post(_delete_url(own_reply))

    assert response.status_code == 302
    own_reply.refresh_from_db()
    assert own_reply.state == Post.State.ERASED
    assert own_reply.body == ""
    assert own_reply.body_html == ""
    own_reply.thread.refresh_from_db()
    assert own_reply.thread.reply_count == 1
    page = client.get(own_reply.thread.get_absolute_url()).content.decode()
    assert "Your post was deleted." in page
    assert "Same here." in page
    erased = _article(page, own_reply)
    assert PLACEHOLDER in erased
    assert "Thank you for writing." not in page
    assert persona_of(author).name not in erased
    assert "Edit" not in erased


def test_a_deleted_anonymous_post_shows_no_label_either(
    client, author, thread, reply, other_member
):
    anonymous = services.post_create(author=author, thread=thread, body="Too much.", anonymous=True)
    client.post(_delete_url(anonymous))
    MembershipFactory(group=thread.group, user=other_member)
    client.force_login(other_member)

    page = client.get(thread.get_absolute_url()).content.decode()

    erased = _article(page, anonymous)
    assert PLACEHOLDER in erased
    assert "Anonymous member" not in erased
    assert "Report" not in erased


def test_deleting_the_opening_post_keeps_the_thread_for_its_replies(client, thread, reply):
    opening = thread.posts.get(is_opening=True)

    page = client.get(_delete_url(opening)).content.decode()
    assert "the thread and its title stay" in page

    client.post(_delete_url(opening))

    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Sleepless again" in page
    assert PLACEHOLDER in _article(page, opening)
    assert "Third night in a row." not in page
    assert "Same here." in page


def test_a_deleted_post_cannot_be_edited_or_deleted_again(client, own_reply):
    client.post(_delete_url(own_reply))

    assert client.get(_edit_url(own_reply)).status_code == 404
    assert client.post(_delete_url(own_reply)).status_code == 404


def test_only_the_author_may_delete_through_the_service(own_reply, reply):
    with pytest.raises(PermissionDenied):
        services.post_delete(actor=reply.author, post=own_reply)


# Who sees the links, and who gets 404


def test_only_the_author_sees_edit_and_delete_links(client, own_reply, reply):
    page = client.get(own_reply.thread.get_absolute_url()).content.decode()
    assert _edit_url(own_reply) in page
    assert _delete_url(own_reply) in page
    assert _edit_url(reply) not in page
    assert _delete_url(reply) not in page

    client.force_login(reply.author)
    page = client.get(own_reply.thread.get_absolute_url()).content.decode()
    assert _edit_url(own_reply) not in page
    assert _delete_url(own_reply) not in page
    assert _edit_url(reply) in page


@pytest.mark.parametrize("url_of", [_edit_url, _delete_url])
def test_another_member_gets_404_for_someone_elses_post(client, own_reply, reply, url_of):
    client.force_login(reply.author)

    assert client.get(url_of(own_reply)).status_code == 404
    assert client.post(url_of(own_reply), {"body": "Changed by someone else"}).status_code == 404

    own_reply.refresh_from_db()
    assert own_reply.state == Post.State.VISIBLE
    assert own_reply.body == "Thank you for writing."


@pytest.mark.parametrize("url_of", [_edit_url, _delete_url])
def test_a_non_member_gets_404(client, own_reply, other_member, url_of):
    client.force_login(other_member)

    assert client.get(url_of(own_reply)).status_code == 404
    assert client.post(url_of(own_reply)).status_code == 404


@pytest.mark.parametrize("url_of", [_edit_url, _delete_url])
def test_an_author_who_left_the_group_gets_404(client, author, open_group, own_reply, url_of):
    Membership.objects.filter(user=author, group=open_group).update(state=Membership.State.LEFT)

    assert client.get(url_of(own_reply)).status_code == 404


@pytest.mark.parametrize("url_of", [_edit_url, _delete_url])
def test_a_visitor_is_sent_to_log_in(client, own_reply, url_of):
    client.logout()

    response = client.get(url_of(own_reply))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


@pytest.mark.parametrize("url_name", ["posts:post_edit", "posts:post_delete"])
def test_a_post_that_does_not_exist_is_404(client, own_reply, url_name):
    # A number past the thread's last post, and a thread that does not exist.
    for args in ([own_reply.thread_id, 987654], [987654, 1]):
        assert client.get(reverse(url_name, args=args)).status_code == 404


def test_a_removed_post_cannot_be_edited_back(client, own_reply):
    Post.objects.filter(pk=own_reply.pk).update(state=Post.State.REMOVED)

    assert client.get(_edit_url(own_reply)).status_code == 404
    assert client.post(_edit_url(own_reply), {"body": "Back again"}).status_code == 404
