"""A crisis post while the Celery worker is down: the author still sees resources and
the item is still queued; the moderators' alert goes out when the worker returns."""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.test import Client

from config.celery import app
from groups.models import Membership
from moderation.models import CrisisPhrase, CrisisResource, ReviewItem
from notifications.models import Notification
from tests.factories import (
    MembershipFactory,
    SupportGroupFactory,
    ThreadFactory,
    give_mfa,
    give_training,
)

pytestmark = [
    pytest.mark.needs_postgres,
    pytest.mark.needs_redis,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def worker_down():
    """A real broker and no worker: tasks wait on the queue."""
    app.conf.task_always_eager = False
    with app.connection_for_write() as connection:
        connection.default_channel.queue_purge(app.conf.task_default_queue)
    yield
    app.conf.task_always_eager = True


def _wait_for(predicate, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def test_the_author_is_answered_at_once_and_the_alert_follows_the_worker(worker_down):
    # The flush between transactional tests empties the seeded lists: set up what this
    # test relies on.
    CrisisPhrase.objects.get_or_create(phrase="end my life", kind="crisis", language="en")
    CrisisResource.objects.create(name="Night Line", language="en", phone="0800 000 000", order=1)
    group = SupportGroupFactory()
    moderator = MembershipFactory(group=group, role=Membership.Role.MODERATOR).user
    give_mfa(moderator)
    give_training(moderator)
    author = MembershipFactory(group=group).user
    thread = ThreadFactory(group=group)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(author)

    response = client.post(
        thread.get_absolute_url(), {"body": "Tonight I want to end my life."}, follow=True
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="crisis-panel"' in page
    assert "Night Line" in page
    item = ReviewItem.objects.get(post__thread=thread)
    assert item.priority == ReviewItem.Priority.CRISIS
    assert item.is_open
    time.sleep(0.5)
    assert not Notification.objects.filter(kind="queue_new_item").exists()

    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        assert _wait_for(
            lambda: Notification.objects.filter(recipient=moderator, kind="queue_new_item").exists()
        )
    item.refresh_from_db()
    assert item.alerted_at is not None
    assert Notification.objects.filter(kind="queue_new_item").count() == 1
