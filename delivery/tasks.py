"""Celery tasks: they take ids, look things up and call a service.

Each keeps the name it had in the notifications app, so that work already queued, the
beat schedule (config/settings.py) and delivery.queue still find it.

Every task is idempotent (unique rows decide), acknowledged late (settings), and
retried with exponential backoff, so a broker hiccup or a dying worker costs time,
never a notification.
"""

from celery import shared_task
from celery.signals import worker_ready

from delivery import services

RETRY = {
    "autoretry_for": (Exception,),
    "retry_backoff": True,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 8,
}

DIGEST_CHUNK = 200


@shared_task(**RETRY, name="notifications.tasks.notify_reply")
def notify_reply(post_id: int) -> None:
    """One batch of a reply's fan-out; the service schedules the next one."""
    services.notification_create_for_reply(post_id=post_id)


@shared_task(**RETRY, name="notifications.tasks.deliver_notifications")
def deliver_notifications(notification_ids: list[int]) -> None:
    services.deliveries_send(notification_ids=notification_ids)


@shared_task(**RETRY, name="notifications.tasks.sweep_notifications")
def sweep_notifications() -> None:
    services.notifications_sweep()


@shared_task(**RETRY, name="notifications.tasks.notify_reactions")
def notify_reactions() -> None:
    services.reaction_notices_create()


@shared_task(**RETRY, name="notifications.tasks.send_due_digests")
def send_due_digests() -> None:
    due = services.digests_due()
    for start in range(0, len(due), DIGEST_CHUNK):
        send_digests.delay(due[start : start + DIGEST_CHUNK])


@shared_task(**RETRY, name="notifications.tasks.send_digests")
def send_digests(user_ids: list[int]) -> None:
    for user_id in user_ids:
        services.digest_send(user_id=user_id)


@worker_ready.connect
def _sweep_when_a_worker_starts(sender=None, **kwargs) -> None:
    # A worker coming back after a crash or an outage picks up at once what was left,
    # rather than waiting for beat's next sweep.
    sweep_notifications.delay()
