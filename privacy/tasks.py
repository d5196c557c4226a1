"""The privacy jobs' Celery tasks. Each keeps the name it had when it lived in
accounts.tasks: jobs already queued under that name, and the beat schedule
(config/settings.py), still find it.
"""

from datetime import timedelta

from celery import Task, shared_task

from privacy import jobs

_RETRY = {
    "autoretry_for": (Exception,),
    "retry_backoff": True,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 8,
}
# A job older than this and still unfinished lost its task on the way to the worker.
_STALLED_AFTER = timedelta(minutes=30)


class _ExportTask(Task):
    def on_failure(self, exc, task_id, args, kwargs, einfo):
        # Every retry is spent: tell the member instead of leaving "being prepared" up.
        export_id = args[0] if args else kwargs["export_id"]
        jobs.data_export_mark_failed(export_id=export_id)


@shared_task(base=_ExportTask, **_RETRY, name="accounts.tasks.build_data_export")
def build_data_export(export_id: int) -> None:
    jobs.data_export_build(export_id=export_id)


@shared_task(**_RETRY, name="accounts.tasks.delete_account")
def delete_account(deletion_id: int) -> None:
    jobs.account_delete(deletion_id=deletion_id)


@shared_task(name="accounts.tasks.purge_expired_data_exports")
def purge_expired_data_exports() -> None:
    jobs.data_export_purge_expired()


@shared_task(name="accounts.tasks.purge_retired_personas")
def purge_retired_personas() -> None:
    jobs.persona_purge_retired()


@shared_task(name="accounts.tasks.detach_kept_posts")
def detach_kept_posts() -> None:
    jobs.personas_detach_due()


@shared_task(name="accounts.tasks.resume_stalled_privacy_jobs")
def resume_stalled_privacy_jobs() -> None:
    for export_id in jobs.data_exports_stalled(older_than=_STALLED_AFTER):
        build_data_export.delay(export_id)
    for deletion_id in jobs.account_deletions_stalled(older_than=_STALLED_AFTER):
        delete_account.delay(deletion_id)
