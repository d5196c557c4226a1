"""What an account may do at all, whichever persona it acts under."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from accounts.models import User


def ensure_account_can_act(user: User) -> None:
    """Refuse anything a suspended account tries, naming the reason it was given."""
    if user.is_suspended:
        message = _("Your account is suspended, so you cannot post, report or join groups.")
        if user.suspension_reason:
            message = "{} {}".format(
                message, _("Reason: %(reason)s") % {"reason": user.suspension_reason}
            )
        raise ValidationError(message, code="suspended")
