"""Edits keep revisions the group's moderators can read; the author can redact one that
said too much (logged without naming them); deleting a post takes its revisions along."""

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from posts import services
from posts.models import PostRevision
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(client, starter):
    client.force_login(starter)
    return starter


@pytest.fixture
def thread(author, open_group, start):
    return start(author, open_group, title="A bad week", body="My manager at Acme Ltd shouted.")


@pytest.fixture
def opening(thread):
    return thread.posts.get()


def _revisions_url(post):
    return post.url("posts:post_revisions")


def test_an_edit_keeps_the_earlier_text_warning_and_title(client, author, opening):
    response = client.post(
        opening.url("posts:post_edit"),
        {"title": "A hard week", "body": "My manager shouted.", "content_warning": "anger"},
    )

    assert response.status_code == 302
    revision = PostRevision.objects.get()
    assert revision.body == "My manager at Acme Ltd shouted."
    assert revision.title == "A bad week"
    assert revision.content_warning == ""
    opening.refresh_from_db()
    assert opening.edited_at is not None
    assert opening.content_warning == "anger"


def test_an_edit_that_changes_nothing_keeps_no_revision(client, author, opening):
    client.post(
        opening.url("posts:post_edit"),
        {"title": "A bad week", "body": "My manager at Acme Ltd shouted."},
    )

    assert not PostRevision.objects.exists()
    opening.refresh_from_db()
    assert opening.edited_at is None


def test_readers_see_that_a_post_was_edited_but_not_what_it_said(
    client, author, opening, open_group, reader
):
    services.post_edit(editor=author, post=opening, body="My manager shouted.")
    client.force_login(reader)

    page = client.get(opening.thread.get_absolute_url()).content.decode()

    assert "edited" in page
    assert "Acme Ltd" not in page
    assert _revisions_url(opening) not in page
    assert client.get(_revisions_url(opening)).status_code == 404


def test_a_moderator_reads_the_revisions(client, author, opening, moderator):
    services.post_edit(editor=author, post=opening, body="My manager shouted.", title="Hard")
    client.force_login(moderator)

    thread_page = client.get(opening.thread.get_absolute_url()).content.decode()
    page = client.get(_revisions_url(opening)).content.decode()

    assert _revisions_url(opening) in thread_page
    assert "My manager at Acme Ltd shouted." in page
    assert "Title:" in page
    assert "A bad week" in page
    assert "Redact this version" not in page
    assert author.username not in page


def test_a_moderator_without_two_factor_is_sent_to_set_it_up(client, author, opening, open_group):
    from groups.models import Membership

    services.post_edit(editor=author, post=opening, body="My manager shouted.")
    client.force_login(MembershipFactory(group=open_group, role=Membership.Role.MODERATOR).user)

    response = client.get(_revisions_url(opening))

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_a_moderator_of_another_group_gets_404(client, author, opening):
    from groups.models import Membership

    client.force_login(MembershipFactory(role=Membership.Role.MODERATOR).user)

    assert client.get(_revisions_url(opening)).status_code == 404


def test_a_visitor_is_sent_to_sign_in(client, opening):
    client.logout()

    response = client.get(_revisions_url(opening))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_revision_text_is_shown_as_written_never_as_markup(client, author, opening, moderator):
    services.post_edit(editor=author, post=opening, body="<script>alert(1)</script> **x**")
    services.post_edit(editor=author, post=opening, body="calmer now")
    client.force_login(moderator)

    page = client.get(_revisions_url(opening)).content.decode()

    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; **x**" in page


# Redaction


def test_the_author_redacts_a_revision_and_the_text_is_gone(client, author, opening, moderator):
    services.post_edit(editor=author, post=opening, body="My manager shouted.")
    revision = PostRevision.objects.get()

    page = client.get(_revisions_url(opening)).content.decode()
    assert "Redact this version" in page
    response = client.post(reverse("posts:revision_redact", args=[revision.pk]))

    assert response.status_code == 302
    revision.refresh_from_db()
    assert (revision.body, revision.title, revision.content_warning) == ("", "", "")
    assert revision.redacted_at is not None
    client.force_login(moderator)
    page = client.get(_revisions_url(opening)).content.decode()
    assert "Acme Ltd" not in page
    assert "Redacted by its author." in page


def test_a_redaction_is_logged_without_naming_the_author(client, author, opening):
    services.post_edit(editor=author, post=opening, body="My manager shouted.")
    revision = PostRevision.objects.get()

    client.post(reverse("posts:revision_redact", args=[revision.pk]))

    entry = AuditEntry.objects.get(action="revision.redacted")
    assert entry.actor is None
    assert entry.subject_account_id is None
    assert entry.post_id_at_action == opening.pk
    assert entry.group == opening.thread.group
    assert "Acme" not in str(entry.details)


def test_redacting_twice_changes_nothing_more(client, author, opening):
    services.post_edit(editor=author, post=opening, body="My manager shouted.")
    revision = PostRevision.objects.get()

    client.post(reverse("posts:revision_redact", args=[revision.pk]))
    client.post(reverse("posts:revision_redact", args=[revision.pk]))

    assert AuditEntry.objects.filter(action="revision.redacted").count() == 1


def test_nobody_but_the_author_can_redact(client, author, opening, moderator, open_group):
    services.post_edit(editor=author, post=opening, body="My manager shouted.")
    revision = PostRevision.objects.get()

    for someone in (moderator, MembershipFactory(group=open_group).user, UserFactory()):
        client.force_login(someone)
        assert client.post(reverse("posts:revision_redact", args=[revision.pk])).status_code == 404
    revision.refresh_from_db()
    assert revision.redacted_at is None


def test_deleting_a_post_deletes_its_revisions(client, author, opening):
    services.post_edit(editor=author, post=opening, body="My manager shouted.")

    client.post(opening.url("posts:post_delete"))

    assert not PostRevision.objects.exists()


def test_an_account_deleted_with_its_words_takes_its_revisions_along(author, opening):
    from accounts.models import AccountDeletion
    from privacy.jobs import account_delete
    from privacy.services import account_deletion_request

    services.post_edit(editor=author, post=opening, body="My manager shouted.")

    deletion = account_deletion_request(user=author, mode=AccountDeletion.Mode.ERASE)
    account_delete(deletion_id=deletion.pk)

    assert not PostRevision.objects.exists()
    opening.refresh_from_db()
    assert (opening.body, opening.search_vector) == ("", None)
