"""The reply notification goes through a real Celery worker and a Redis broker."""

import time

import pytest
from celery.contrib.testing.worker import start_worker

from config.celery import app
from notifications.models import Notification
from posts import services
from tests.factories import MembershipFactory, ThreadFactory

pytestmark = [
    pytest.mark.needs_postgres,
    pytest.mark.needs_redis,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def celery_worker():
    app.conf.task_always_eager = False
    with app.connection_for_write() as connection:
        # Leftovers from an earlier run would only be retried against missing rows.
        connection.default_channel.queue_purge(app.conf.task_default_queue)
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10) as worker:
        yield worker
    app.conf.task_always_eager = True


def _wait_for(predicate, seconds=15):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def test_a_reply_notifies_the_author_through_a_real_worker(celery_worker):
    membership = MembershipFactory()
    thread = ThreadFactory(group=membership.group, author=membership.user)
    replier = MembershipFactory(group=membership.group).user

    services.post_create(author=replier, thread=thread, body="Thinking of you tonight.")

    assert _wait_for(lambda: Notification.objects.filter(recipient=membership.user).exists())
    assert Notification.objects.count() == 1
