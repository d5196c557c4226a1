"""No page a member can open carries another member's username or email."""

import pytest
from django.test import Client
from django.urls import reverse

from groups.models import Membership
from moderation import services as moderation_services
from posts import services as post_services
from tests.factories import MembershipFactory, UserFactory, give_mfa

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy_group(open_group, django_capture_on_commit_callbacks):
    """A group where the author, a replier and a reporter have all left traces."""
    author = MembershipFactory(group=open_group, user=UserFactory(username="secret-author")).user
    replier = MembershipFactory(group=open_group, user=UserFactory(username="secret-replier")).user
    thread = post_services.thread_create(
        author=author, group=open_group, title="Nobody at home knows", body="Hard week."
    )
    with django_capture_on_commit_callbacks(execute=True):
        reply = post_services.post_create(author=replier, thread=thread, body="Same here.")
    moderation_services.report_create(reporter=author, post=reply, reason="other")
    return thread, [author, replier]


def _pages(thread, reply, group):
    return [
        "/",
        reverse("groups:directory"),
        group.get_absolute_url(),
        reverse("groups:join", args=[group.slug]),
        thread.get_absolute_url(),
        reverse("posts:thread_create", args=[group.slug]),
        reply.url("moderation:report"),
        reverse("moderation:queue"),
        reverse("notifications:list"),
        reverse("moderation:help"),
    ]


@pytest.mark.parametrize("viewer_role", [Membership.Role.MEMBER, Membership.Role.MODERATOR])
def test_no_page_shows_another_members_username_or_email(
    client, open_group, busy_group, viewer_role
):
    thread, others = busy_group
    viewer = MembershipFactory(group=open_group, role=viewer_role).user
    give_mfa(viewer)
    client.force_login(viewer)
    reply = thread.posts.get(is_opening=False)
    # The cache warm first: each page read by the author and the replier themselves.
    for other in others:
        warm = Client()
        warm.force_login(other)
        for path in _pages(thread, reply, open_group):
            warm.get(path)

    for path in _pages(thread, reply, open_group):
        response = client.get(path)
        assert response.status_code in (200, 302, 404), path
        page = response.content.decode()
        for other in others:
            assert other.username not in page, path
            assert other.email not in page, path


def test_the_threads_author_sees_the_replier_only_by_persona(client, open_group, busy_group):
    thread, (author, replier) = busy_group
    client.force_login(author)

    for path in ["/", thread.get_absolute_url(), reverse("notifications:list")]:
        page = client.get(path).content.decode()
        assert replier.username not in page
        assert replier.email not in page
    assert replier.personas.get().name in client.get(reverse("notifications:list")).content.decode()
