"""What a member may do in one group. Sanctions sit on the membership, that is on the
account: switching persona or posting anonymously does not escape them."""

from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.policies import ensure_account_can_act
from groups.models import Membership


def _with_reason(message: str, membership: Membership) -> str:
    if not membership.sanction_reason:
        return message
    reason = _("Reason: %(reason)s") % {"reason": membership.sanction_reason}
    return f"{message} {reason}"


def ensure_member_can_post(membership: Membership | None) -> None:
    """Refuse posting for a non-member, a banned or muted member, or a suspended account."""
    if membership is None or membership.state == Membership.State.LEFT:
        raise ValidationError(_("Only members of this group can post here."), code="not_member")
    ensure_account_can_act(membership.user)
    if membership.state == Membership.State.BANNED:
        raise ValidationError(
            _with_reason(_("You have been removed from this group."), membership), code="banned"
        )
    if membership.muted_until and membership.muted_until > timezone.now():
        until = formats.date_format(timezone.localtime(membership.muted_until), "DATETIME_FORMAT")
        raise ValidationError(
            _with_reason(
                _("You are muted in this group until %(until)s.") % {"until": until}, membership
            ),
            code="muted",
        )
