"""Moderators pin and lock conversations; every act is an audit row; nobody else can."""

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from groups.models import Membership
from posts.models import Post, Thread
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(starter, open_group, start):
    return start(starter, open_group)


def _moderate(client, thread, action):
    return client.post(reverse("posts:thread_moderate", args=[thread.pk]), {"action": action})


def test_a_moderator_sees_the_tools_and_pins_a_conversation(client, moderator, thread):
    client.force_login(moderator)
    assert "Pin to the top" in client.get(thread.get_absolute_url()).content.decode()

    response = _moderate(client, thread, "pin")

    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.is_pinned
    entry = AuditEntry.objects.get(action="thread.pinned")
    assert entry.actor == moderator
    assert entry.group == thread.group


def test_a_moderator_locks_and_replies_stop(client, moderator, thread, reader):
    client.force_login(moderator)
    _moderate(client, thread, "lock")
    client.force_login(reader)

    response = client.post(thread.get_absolute_url(), {"body": "Still here?"})

    thread.refresh_from_db()
    assert thread.is_locked
    assert response.status_code == 400
    assert "This thread is locked" in response.content.decode()
    assert not Post.objects.filter(body="Still here?").exists()
    assert AuditEntry.objects.filter(action="thread.locked").count() == 1


def test_unlocking_and_unpinning_are_logged_too(client, moderator, thread):
    Thread.objects.filter(pk=thread.pk).update(is_locked=True, is_pinned=True)
    client.force_login(moderator)

    _moderate(client, thread, "unlock")
    _moderate(client, thread, "unpin")
    _moderate(client, thread, "unpin")

    assert sorted(AuditEntry.objects.values_list("action", flat=True)) == [
        "thread.unlocked",
        "thread.unpinned",
    ]


def test_a_member_gets_404_and_no_tools(client, reader, thread):
    page = client.get(thread.get_absolute_url()).content.decode()

    assert "Moderator tools" not in page
    assert _moderate(client, thread, "pin").status_code == 404
    thread.refresh_from_db()
    assert not thread.is_pinned


def test_a_moderator_of_another_group_gets_404(client, thread):
    client.force_login(MembershipFactory(role=Membership.Role.MODERATOR).user)

    assert _moderate(client, thread, "lock").status_code == 404


def test_a_moderator_without_two_factor_is_refused_with_a_message(client, open_group, thread):
    client.force_login(MembershipFactory(group=open_group, role=Membership.Role.MODERATOR).user)

    response = _moderate(client, thread, "pin")
    page = client.get(thread.get_absolute_url()).content.decode()

    assert response.status_code == 302
    assert "Turn on two-factor authentication before you moderate." in page
    thread.refresh_from_db()
    assert not thread.is_pinned


def test_a_nonsense_action_changes_nothing(client, moderator, thread):
    client.force_login(moderator)

    assert _moderate(client, thread, "delete-everything").status_code == 302
    assert not AuditEntry.objects.exists()
