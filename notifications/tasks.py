from celery import shared_task

from notifications import services


@shared_task(
    autoretry_for=(Exception,),
    retry_backoff=True,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=8,
)
def notify_reply(post_id: int) -> None:
    services.notification_create_for_reply(post_id=post_id)
