"""The notification pages: the list grouped by thread, marking read, following a
notification, the bell, and who may reach each of them."""

import pytest
from django.urls import reverse

from delivery import selectors
from groups.models import Membership
from notifications import records
from notifications.models import Notification
from posts import services as post_services
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

Kind = Notification.Kind


@pytest.fixture
def threads(open_group, member, join):
    join(member, open_group)
    return [
        post_services.thread_create(
            author=member, group=open_group, title=title, body=f"About {title.lower()}."
        )
        for title in ("Nights are long", "Mornings too")
    ]


def _reply(thread, capture, body):
    author = MembershipFactory(group=thread.group).user
    with capture(execute=True):
        return post_services.post_create(author=author, thread=thread, body=body)


@pytest.fixture
def notified(threads, django_capture_on_commit_callbacks):
    _reply(threads[0], django_capture_on_commit_callbacks, "First reply.")
    _reply(threads[1], django_capture_on_commit_callbacks, "Second reply.")
    _reply(threads[0], django_capture_on_commit_callbacks, "Third reply.")
    return Notification.objects.order_by("pk")


def test_the_list_gathers_notifications_under_their_thread(client, member, notified, open_group):
    client.force_login(member)

    page = client.get(reverse("notifications:list")).content.decode()

    assert page.count('class="notification-thread-title"') == 2
    assert page.index("Nights are long") < page.index("Mornings too")
    assert page.count("replied to “<bdi>Nights are long</bdi>”") == 2
    assert open_group.name in page


def test_the_bell_shows_the_unread_count_on_every_page(client, member, notified):
    client.force_login(member)

    page = client.get("/").content.decode()

    assert "data-notification-bell" in page
    assert 'data-bell-count><span class="visually-hidden">unread: </span>3</span>' in page


def test_visitors_have_no_bell(client):
    assert "data-notification-bell" not in client.get("/").content.decode()


def test_marking_one_read_lowers_the_count(client, member, notified):
    client.force_login(member)
    notification = notified.first()

    response = client.post(reverse("notifications:mark_read", args=[notification.pk]))

    assert response.status_code == 302
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert selectors.unread_count(member) == 2


def test_marking_one_read_with_htmx_returns_the_item(client, member, notified):
    client.force_login(member)
    notification = notified.first()

    response = client.post(
        reverse("notifications:mark_read", args=[notification.pk]), headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    assert f'id="notification-{notification.public_id}"' in response.content.decode()
    assert "Mark as read" not in response.content.decode()


def test_marking_all_read(client, member, notified):
    client.force_login(member)

    client.post(reverse("notifications:mark_all_read"))

    assert not Notification.objects.filter(recipient=member, read_at__isnull=True).exists()


def test_nobody_can_mark_or_open_another_members_notification(client, other_member, notified):
    client.force_login(other_member)
    notification = notified.first()

    assert (
        client.post(reverse("notifications:mark_read", args=[notification.pk])).status_code == 404
    )
    assert client.get(reverse("notifications:open", args=[notification.pk])).status_code == 404
    assert client.post(reverse("notifications:open", args=[notification.pk])).status_code == 404
    client.post(reverse("notifications:mark_all_read"))
    notification.refresh_from_db()
    assert notification.read_at is None


def test_an_unknown_notification_is_the_same_404(client, member):
    client.force_login(member)

    assert client.get(reverse("notifications:open", args=[999_999])).status_code == 404


def test_marking_read_needs_a_post(client, member, notified):
    client.force_login(member)

    response = client.get(reverse("notifications:mark_read", args=[notified.first().pk]))

    assert response.status_code == 405


@pytest.mark.parametrize(
    "name, args",
    [("list", []), ("open", [1]), ("mark_read", [1]), ("mark_all_read", []), ("preferences", [])],
)
def test_visitors_are_sent_to_sign_in(client, name, args):
    response = client.post(reverse(f"notifications:{name}", args=args))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_opening_a_notification_shows_it_and_marks_nothing(client, member, notified):
    """Link previews and prefetchers fetch links: a GET must not mark anything read."""
    client.force_login(member)
    notification = notified.first()

    response = client.get(reverse("notifications:open", args=[notification.pk]))

    assert response.status_code == 200
    assert "replied to" in response.content.decode()
    assert "Open and mark as read" in response.content.decode()
    notification.refresh_from_db()
    assert notification.read_at is None
    assert not notified.filter(read_at__isnull=False).exists()


def test_following_a_notification_marks_it_read_and_opens_the_reply(client, member, notified):
    client.force_login(member)
    notification = notified.first()

    response = client.post(reverse("notifications:open", args=[notification.pk]))

    assert response.status_code == 302
    assert response["Location"] == notification.post.get_absolute_url()
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_a_member_who_left_the_group_no_longer_sees_its_threads(client, member, notified):
    Membership.objects.filter(user=member).update(state=Membership.State.LEFT)
    client.force_login(member)

    page = client.get(reverse("notifications:list")).content.decode()

    assert "Nights are long" not in page
    assert selectors.unread_count(member) == 0


def test_the_bell_counts_exactly_the_unread_notices_the_list_shows(
    member, notified, open_group, join
):
    """The bell's count is SQL of its own: it must follow the list's rules to the letter."""
    from datetime import timedelta

    from django.utils import timezone

    from delivery.selectors import notifications_for, unread_count
    from tests.factories import SupportGroupFactory

    other_group = SupportGroupFactory()
    join(member, other_group)
    elsewhere = post_services.thread_create(
        author=MembershipFactory(group=other_group).user, group=other_group, title="Away", body="x"
    )
    make = Notification.objects.create
    make(recipient=member, kind=Kind.WARNING, message="A general notice.")
    make(recipient=member, kind=Kind.REPLY, thread=elsewhere, event_key="left-group")
    make(recipient=member, kind=Kind.WARNING, message="Hidden", shown_in_app=False)
    make(recipient=member, kind=Kind.WARNING, event_key="read", read_at=timezone.now())
    later = timezone.now() + timedelta(hours=1)
    make(recipient=member, kind=Kind.IDENTITY_REVEALED, event_key="later", visible_from=later)
    Membership.objects.filter(user=member, group=other_group).update(state=Membership.State.LEFT)

    expected = notifications_for(member).filter(read_at__isnull=True).count()

    assert expected == 4  # three replies and the general notice
    assert unread_count(member) == expected


def test_moderation_notices_show_their_message_and_name_no_moderator(client, member, threads):
    post = threads[0].posts.get()
    records.notification_create(
        recipient_id=member.pk,
        kind=Kind.POST_REMOVED,
        thread_id=threads[0].pk,
        post_id=post.pk,
        message="It shared someone's phone number.",
    )
    records.notification_create(
        recipient_id=member.pk, kind=Kind.CHECK_IN, message="We are here if you need us."
    )
    client.force_login(member)

    page = client.get(reverse("notifications:list")).content.decode()

    assert "A moderator removed your post in “<bdi>Nights are long</bdi>”." in page
    assert "It shared someone&#x27;s phone number." in page
    assert "We are here if you need us." in page


def test_the_list_page_runs_a_fixed_number_of_queries(
    client, member, threads, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    for number in range(8):
        _reply(threads[number % 2], django_capture_on_commit_callbacks, f"Reply {number}.")
    client.force_login(member)

    with django_assert_max_num_queries(7):
        client.get(reverse("notifications:list"))
