"""Revealing the account behind a post: the one deliberate exception to anonymity.

Only staff holding accounts.reveal_identity may do it, only with a written reason, and
every reveal leaves an audit row other staff can read. The member is told, unless an
emergency defers the notice for a while (someone's safety may depend on them not
being warned at once).
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from audit.models import AuditEntry
from notifications.models import Notification
from notifications.records import notification_create
from posts.models import Post

REVEAL_PERMISSION = "accounts.reveal_identity"
REASON_MIN_LENGTH = 10
REASON_MAX_LENGTH = 1000
REASON_TOO_SHORT = _(
    "Write why you need to know who wrote this post, in at least 10 characters. "
    "Other staff will read it in the audit log."
)
REASON_TOO_LONG = _("Keep the reason under 1000 characters.")


def can_reveal_identity(user: User) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm(REVEAL_PERMISSION)
    )


@transaction.atomic
def identity_reveal(*, staff: User, post: Post, reason: str, emergency: bool = False) -> dict:
    """Who wrote this post, for this staff member's eyes only.

    The audit row and the member's notice commit together with the lookup, so a
    reveal can never happen without its trace.
    """
    if not can_reveal_identity(staff):
        raise PermissionDenied
    reason = (reason or "").strip()
    if len(reason) < REASON_MIN_LENGTH:
        raise ValidationError(REASON_TOO_SHORT, code="reason_required")
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(REASON_TOO_LONG, code="reason_too_long")
    author = post.author
    if author is None:
        # A deleted account left its posts as "former member": nobody is behind them now.
        raise ValidationError(
            _("The author of this post deleted their account. There is no one to reveal."),
            code="no_author",
        )

    AuditEntry.objects.create(
        actor=staff,
        action="identity.revealed",
        group=post.thread.group,
        post_id_at_action=post.pk,
        subject_account_id=author.pk,
        reason=reason,
        details={"emergency": emergency},
    )
    if settings.SANAD_NOTIFY_ON_IDENTITY_REVEAL:
        visible_from = None
        if emergency:
            visible_from = timezone.now() + timedelta(
                hours=settings.SANAD_IDENTITY_REVEAL_DEFERRAL_HOURS
            )
        # Through the notifications service, so the notice is also delivered (live,
        # by email if wanted) and a deferred one stays silent until its moment.
        notification_create(
            recipient_id=author.pk,
            kind=Notification.Kind.IDENTITY_REVEALED,
            post_id=post.pk,
            thread_id=post.thread_id,
            message=reason,
            visible_from=visible_from,
        )
    return {
        "username": author.username,
        "email": author.email,
        "account_id": author.pk,
        "personas": list(author.personas.order_by("created_at").values_list("name", flat=True)),
    }
