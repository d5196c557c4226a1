"""Queueing delivery work by the task's name.

The tasks (delivery.tasks) call the services, and the services queue more of the same
work (the next batch of a reply's fan-out, deliveries for what they recorded, what the
sweeper found). Naming the task here, as Celery's registry knows it, rather than
importing delivery.tasks keeps the imports one-way: tasks → services → queue. A
broker that cannot be reached fails the same way as task.delay(): the sweeper picks up
what was not queued.
"""

from config.celery import app
from config.oncommit import task_after_commit
from notifications.records import chunks

DELIVER_NOTIFICATIONS = "notifications.tasks.deliver_notifications"
NOTIFY_REPLY = "notifications.tasks.notify_reply"


def _task(name: str):
    return app.tasks[name]


def deliveries_after_commit(notification_ids: list[int]) -> None:
    for chunk in chunks(list(notification_ids)):
        task_after_commit(DELIVER_NOTIFICATIONS, chunk)


def reply_fanout_after_commit(post_id: int) -> None:
    task_after_commit(NOTIFY_REPLY, post_id)


def deliveries_now(notification_ids: list[int]) -> None:
    for chunk in chunks(list(notification_ids)):
        _task(DELIVER_NOTIFICATIONS).delay(chunk)


def reply_fanout_now(post_id: int) -> None:
    _task(NOTIFY_REPLY).delay(post_id)
