from celery import shared_task

from accounts import emails

_RETRY = {
    "autoretry_for": (Exception,),
    "retry_backoff": True,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 8,
}


@shared_task(**_RETRY)
def send_account_email(
    *,
    template: str,
    notice: str,
    address: str,
    user_id: int | None,
    fallback_language: str,
    link: str = "",
    code: str = "",
) -> None:
    # A retry after a lost acknowledgement may send an email twice; for a link or a
    # notice that is better than never sending it.
    emails.account_email_send(
        template=template,
        notice=notice,
        address=address,
        user_id=user_id,
        fallback_language=fallback_language,
        link=link,
        code=code,
    )


@shared_task(**_RETRY)
def send_password_reset_email(*, address: str, fallback_language: str) -> None:
    emails.password_reset_email_send(address=address, fallback_language=fallback_language)
