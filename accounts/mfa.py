"""Two-factor authentication: any member may turn it on; moderators and staff must.

A moderator's password alone opens the review queue, members' reported posts and, for
staff, the admin and identity reveal. A leaked password must not be enough for that.
Who must have one is a question about groups: groups/mfa.py asks it.
"""

from allauth.mfa.models import Authenticator

from accounts.models import User

# Recovery codes alone do not count: they are a fallback for a lost second factor,
# never the second factor itself.
SECOND_FACTOR_TYPES = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def account_has_mfa(user: User) -> bool:
    if not user.is_authenticated:
        return False
    return Authenticator.objects.filter(user_id=user.pk, type__in=SECOND_FACTOR_TYPES).exists()
