"""What a member asks for about their own data: a copy of everything Sanad holds about
them, and deleting their account. Views call these; the work runs in a Celery task
(privacy.tasks, privacy.jobs).
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import AccountDeletion, DataExport, User
from config.oncommit import after_commit
from privacy.jobs import EXPORT_IN_PROGRESS
from privacy.tasks import build_data_export, delete_account

# --- Export --------------------------------------------------------------------------------


def data_export_current(*, user: User) -> DataExport | None:
    """The export the privacy page talks about: the newest one still worth showing."""
    export = user.data_exports.order_by("-created_at", "-pk").first()
    if export is None:
        return None
    if export.status == DataExport.Status.READY and not _is_downloadable(export):
        return None
    return export


def data_export_downloadable(*, user: User, export_id: int) -> DataExport | None:
    """The export, if this member may download it now; None for anyone else's or later."""
    export = DataExport.objects.filter(pk=export_id, user=user).first()
    if export is None or not _is_downloadable(export):
        return None
    return export


def _is_downloadable(export: DataExport) -> bool:
    return (
        export.status == DataExport.Status.READY
        and export.payload is not None
        and export.expires_at is not None
        and export.expires_at > timezone.now()
    )


@transaction.atomic
def data_export_request(*, user: User) -> DataExport:
    """Start preparing the member's data, or return the export already on its way."""
    export = user.data_exports.filter(status__in=EXPORT_IN_PROGRESS).first()
    if export is not None:
        return export
    try:
        with transaction.atomic():
            export = DataExport.objects.create(user=user)
    except IntegrityError:
        # A second click (or a second tab) created it a moment ago: one job, not two.
        export = user.data_exports.filter(status__in=EXPORT_IN_PROGRESS).first()
        if export is None:
            # ...and that job already finished in between; show the newest.
            return user.data_exports.order_by("-created_at", "-pk").first()
        return export
    after_commit(build_data_export.delay, export.pk)
    return export


# --- Deletion ------------------------------------------------------------------------------


@transaction.atomic
def account_deletion_request(*, user: User, mode: str) -> AccountDeletion:
    """Close the account at once and delete it in the background.

    The caller has checked the password. The account is deactivated in this transaction
    so that it can never sign in again, even if the deletion itself waits for a worker.
    """
    if mode not in AccountDeletion.Mode.values:
        raise ValueError("Unknown deletion mode")
    # get_or_create handles the race on the unique user_id_at_request: one job, not two.
    deletion, _created = AccountDeletion.objects.get_or_create(
        user_id_at_request=user.pk, defaults={"mode": mode}
    )
    User.objects.filter(pk=user.pk).update(is_active=False)
    user.is_active = False
    if deletion.status == AccountDeletion.Status.PENDING:
        after_commit(delete_account.delay, deletion.pk)
    return deletion
