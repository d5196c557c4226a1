from datetime import timedelta

from celery import Task, shared_task

from accounts import privacy

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
        privacy.data_export_mark_failed(export_id=export_id)


@shared_task(base=_ExportTask, **_RETRY)
def build_data_export(export_id: int) -> None:
    privacy.data_export_build(export_id=export_id)


@shared_task(**_RETRY)
def delete_account(deletion_id: int) -> None:
    privacy.account_delete(deletion_id=deletion_id)


@shared_task
def purge_expired_data_exports() -> None:
    privacy.data_export_purge_expired()


@shared_task
def purge_retired_personas() -> None:
    privacy.persona_purge_retired()


@shared_task
def resume_stalled_privacy_jobs() -> None:
    for export_id in privacy.data_exports_stalled(older_than=_STALLED_AFTER):
        build_data_export.delay(export_id)
    for deletion_id in privacy.account_deletions_stalled(older_than=_STALLED_AFTER):
        delete_account.delay(deletion_id)
