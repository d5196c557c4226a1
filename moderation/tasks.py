"""Celery tasks for moderation: they take ids, look things up and call a service.

Each is idempotent (the item is locked and marked in the same transaction as the
notifications), acknowledged late, and retried with backoff. If the worker is down
the task waits on the broker; if the broker was down at commit, the periodic sweep
finds the item still unalerted and alerts then.
"""

from celery import shared_task

from moderation import services

RETRY = {
    "autoretry_for": (Exception,),
    "retry_backoff": True,
    "retry_backoff_max": 300,
    "retry_jitter": True,
    "max_retries": 10,
}


@shared_task(**RETRY)
def alert_new_item(item_id: int) -> None:
    services.item_alert_moderators(item_id=item_id)


@shared_task(**RETRY)
def email_staff_about_item(item_id: int) -> None:
    services.item_email_staff(item_id=item_id)


@shared_task(**RETRY)
def sweep_review_queue() -> None:
    services.queue_sweep()
