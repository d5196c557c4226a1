import pytest
from django.urls import reverse

from notifications.models import Notification
from posts import services
from tests.factories import MembershipFactory, ThreadFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(open_group, member, join):
    join(member, open_group)
    return ThreadFactory(group=open_group, author=member, title="Nights are long")


@pytest.fixture
def replier(open_group):
    return MembershipFactory(group=open_group).user


def test_a_reply_tells_the_threads_author_after_commit(
    thread, replier, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.post_create(author=replier, thread=thread, body="Sending you strength.")
    assert not Notification.objects.exists()

    for callback in callbacks:
        callback()

    notification = Notification.objects.get()
    assert notification.recipient == thread.author
    assert notification.kind == Notification.Kind.REPLY


def test_delivering_the_same_reply_twice_notifies_once(
    thread, replier, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.post_create(author=replier, thread=thread, body="Sending you strength.")

    for callback in callbacks + callbacks:
        callback()

    assert Notification.objects.count() == 1


def test_replying_to_your_own_thread_notifies_nobody(
    thread, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.post_create(author=member, thread=thread, body="An update from me.")

    assert not Notification.objects.exists()


def test_the_notification_list_names_the_replier_by_persona_only(
    client, thread, replier, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.post_create(author=replier, thread=thread, body="Sending you strength.")
    client.force_login(member)

    page = client.get(reverse("notifications:list")).content.decode()

    assert (
        f"<bdi>{replier.personas.get().name}</bdi> replied to “<bdi>Nights are long</bdi>”" in page
    )
    assert replier.username not in page


def test_nobody_sees_another_members_notifications(
    client, thread, replier, other_member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.post_create(author=replier, thread=thread, body="Sending you strength.")
    client.force_login(other_member)

    page = client.get(reverse("notifications:list")).content.decode()

    assert "Nights are long" not in page


def test_notifications_need_an_account(client):
    response = client.get(reverse("notifications:list"))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_the_notification_list_runs_a_fixed_number_of_queries(
    client,
    thread,
    member,
    open_group,
    django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
):
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(10):
            replier = MembershipFactory(group=open_group).user
            services.post_create(author=replier, thread=thread, body="Here with you.")
    client.force_login(member)

    with django_assert_max_num_queries(6):
        client.get(reverse("notifications:list"))
