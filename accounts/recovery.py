"""Recovery codes: the way back into an account for a member who gave no email address.

Sign-up asks for no email, and that is right for people who must not be found; but a
member who forgets their password would otherwise lose the account and every group
they found. So they hold a set of one-time codes, shown once (at sign-up without an
address, or whenever they make a new set), and reset their password with their
username and one code.

- Codes are 20 digits (about 66 bits), easy to type on an Arabic or a phone keyboard
  (Arabic-Indic digits count as the same digits). Only an HMAC-SHA256 of each is kept,
  with a salt of its own under a key derived from SECRET_KEY (and its fallbacks, so a
  key rotation does not lock anyone out); a code is compared in constant time.
- A reset attempt does the same work whatever the username: one query, the same
  number of HMACs (against stand-ins when the account has fewer codes or does not
  exist), one audit row, and the same answer. Attempts are counted per username tried
  and per keyed hash of the client's address, in the cache only.
- A used code stays used (a replay or a second use is refused like any wrong code);
  making a new set deletes the old one. Each use is audited (never the code) and told
  to the member in the app, and by email if they have a verified address.
"""

import hashlib
import hmac
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from accounts import emails
from accounts.models import RecoveryCode, User
from accounts.ratelimit import rate_limit_hit, seconds_left

CODE_DIGITS = 20
_GROUP = 5
_KEY_SALT = "sanad.accounts.recovery-code"
_SESSION_KEY = "sanad_recovery_codes"
# Arabic-Indic and Extended Arabic-Indic (Persian) digits read as the digits they are.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


class RecoveryRateLimited(Exception):
    """Too many attempts from this address or at this username: try again later."""

    def __init__(self, retry_after: int):
        super().__init__(retry_after)
        self.retry_after = retry_after


@dataclass(frozen=True)
class RecoveryStatus:
    unused: int
    total: int
    created_at: datetime | None


# --- Codes -------------------------------------------------------------------------------


def _new_code() -> str:
    digits = "".join(secrets.choice("0123456789") for _ in range(CODE_DIGITS))
    return "-".join(digits[i : i + _GROUP] for i in range(0, CODE_DIGITS, _GROUP))


def normalize_code(value: str) -> str:
    """Digits only: what a member types may carry spaces, dashes or Arabic digits."""
    value = unicodedata.normalize("NFKC", value or "").translate(_DIGITS)
    return "".join(char for char in value if "0" <= char <= "9")


def _digest(code: str, salt: str, secret: str | None = None) -> str:
    return salted_hmac(f"{_KEY_SALT}:{salt}", code, secret=secret, algorithm="sha256").hexdigest()


def _secrets() -> list[str]:
    return [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]


# A stand-in compared when an account has fewer than a full set, or none: the same
# number of HMACs for every username. Its digest matches nothing a code can produce.
_STAND_IN = (None, None, "0" * 32, "0" * 64)


def _matching(codes: list[tuple], code: str) -> tuple | None:
    """The unused code this is, if any, as (pk, user id, salt, digest).

    Always at least settings.SANAD_RECOVERY_CODE_COUNT comparisons per secret key, each
    in constant time, without stopping at a match.
    """
    count = max(settings.SANAD_RECOVERY_CODE_COUNT, len(codes))
    candidates = codes + [_STAND_IN] * (count - len(codes))
    found = None
    well_formed = len(code) == CODE_DIGITS
    for candidate in candidates:
        _pk, _user_id, salt, digest = candidate
        for secret in _secrets():
            same = hmac.compare_digest(_digest(code, salt, secret), digest)
            if same and well_formed and candidate is not _STAND_IN and found is None:
                found = candidate
    return found


@transaction.atomic
def recovery_codes_create(*, user: User, at_signup: bool = False) -> list[str]:
    """A new set of codes for the member, replacing the old set. Returns the codes
    themselves: the only moment they exist outside the member's hands."""
    # Lock the account row: two quick clicks make one set, not two half-replaced ones.
    User.objects.select_for_update().filter(pk=user.pk).first()
    RecoveryCode.objects.filter(user=user).delete()
    now = timezone.now()
    codes = [_new_code() for _ in range(settings.SANAD_RECOVERY_CODE_COUNT)]
    rows = []
    for code in codes:
        salt = secrets.token_hex(16)
        rows.append(
            RecoveryCode(
                user=user, salt=salt, digest=_digest(normalize_code(code), salt), created_at=now
            )
        )
    RecoveryCode.objects.bulk_create(rows)
    if not at_signup:
        # A new set made later is worth knowing about: if it was not the member (a
        # session left open), these codes would let someone take the account.
        _audit(action="account.recovery_codes_created", user_id=user.pk, actor=user)
        _security_email(user=user, template_prefix="accounts/recovery_codes_created")
    return codes


def recovery_codes_status(*, user: User) -> RecoveryStatus:
    codes = list(RecoveryCode.objects.filter(user=user).values_list("used_at", "created_at"))
    return RecoveryStatus(
        unused=sum(1 for used_at, _created in codes if used_at is None),
        total=len(codes),
        created_at=max((created for _used, created in codes), default=None),
    )


# --- Reset with a code -------------------------------------------------------------------


def _username_key(username: str) -> str:
    # The username tried, known or not, as a keyed hash: the cache learns no username
    # and an unknown one is counted exactly like a known one.
    folded = unicodedata.normalize("NFKC", username or "").casefold()
    key = hashlib.sha256(f"sanad-recovery-username:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, folded.encode(), hashlib.sha256).hexdigest()[:32]


def _audit_limit_once(*, scope: str, key: str, username: str) -> None:
    """The first refusal in a window is recorded; later ones would only repeat it."""
    _count, seconds = settings.SANAD_RATE_LIMITS[scope].split("/")
    if cache.add(f"ratelimit-audited:{scope}:{key}", 1, timeout=int(seconds)):
        user_id = (
            User.objects.filter(username__iexact=username, is_active=True)
            .values_list("pk", flat=True)
            .first()
        )
        _audit(
            action="account.recovery_rate_limited",
            user_id=user_id,
            details={"per": "account" if scope == "recovery_account" else "address"},
        )


def recovery_password_reset(
    *, username: str, code: str, password: str, fingerprint: str
) -> User | None:
    """Set a new password with a recovery code; the account if it was done.

    None for every other case alike: an unknown username, an account without codes, a
    wrong, used or malformed code. Raises RecoveryRateLimited when this username or
    this address has tried too often, known or not.
    """
    code = normalize_code(code)
    keys = [
        ("recovery_address", f"address:{fingerprint}"),
        ("recovery_account", f"username:{_username_key(username)}"),
    ]
    # Both counters count every attempt (a list, not a short-circuit).
    over = [(scope, key) for scope, key in keys if not rate_limit_hit(scope=scope, key=key)]
    if over:
        # Refused before any lookup or comparison: a flood of guesses costs the
        # database nothing, and the answer is the same for every username.
        for scope, key in over:
            _audit_limit_once(scope=scope, key=key, username=username)
        # Counted alike for known and unknown usernames, so the wait says nothing either.
        raise RecoveryRateLimited(max(seconds_left(scope=scope, key=key) for scope, key in over))
    with transaction.atomic():
        # One query whatever the username, returning plain rows (building objects for
        # a known account's codes would be work an unknown username does not cost).
        # An unknown username, an inactive account and one without codes all come
        # back empty.
        codes = list(
            RecoveryCode.objects.select_for_update(of=("self",))
            .filter(user__username__iexact=username, user__is_active=True, used_at__isnull=True)
            .values_list("pk", "user_id", "salt", "digest")
        )
        if len({user_id for _pk, user_id, _salt, _digest in codes}) > 1:
            # Two accounts whose usernames differ only in case: never guess which.
            codes = []
        match = _matching(codes, code)
        if match is None:
            _audit(
                action="account.recovery_code_refused",
                user_id=codes[0][1] if codes else None,
            )
            return None
        code_id, user_id, _salt, _digest = match
        RecoveryCode.objects.filter(pk=code_id).update(used_at=timezone.now())
        user = User.objects.get(pk=user_id)
        user.set_password(password)
        user.save(update_fields=["password"])
        _audit(action="account.recovered_with_code", user_id=user.pk, actor=user)
        _notify_recovered(user=user)
    return user


# --- Records and notices -----------------------------------------------------------------


def _audit(*, action: str, user_id: int | None, actor: User | None = None, details=None) -> None:
    # Ids and what happened only: never a code, a username typed or an address hash.
    from audit.models import AuditEntry

    AuditEntry.objects.create(
        actor=actor, action=action, subject_account_id=user_id, details=details or {}
    )


def _notify_recovered(*, user: User) -> None:
    from notifications.models import Notification
    from notifications.records import notification_create

    notification_create(recipient_id=user.pk, kind=Notification.Kind.ACCOUNT_RECOVERED)
    _security_email(user=user, template_prefix="accounts/account_recovered")


def _security_email(*, user: User, template_prefix: str) -> None:
    address = emails.verified_address_of(user)
    if address:
        emails.account_email_schedule(
            template_prefix=template_prefix, address=address, context={}, user_id=user.pk
        )


# --- Showing fresh codes once ------------------------------------------------------------


def codes_stash(request, codes: list[str]) -> None:
    """Keep fresh codes in the member's session for a few minutes, so the next pages
    can show them and offer them as a file; the database only ever has their hashes."""
    request.session[_SESSION_KEY] = {"codes": codes, "at": timezone.now().timestamp()}


def codes_stashed(request) -> list[str]:
    stash = request.session.get(_SESSION_KEY)
    if not stash:
        return []
    age = timezone.now().timestamp() - stash.get("at", 0)
    if age > settings.SANAD_RECOVERY_CODES_SHOWN_MINUTES * 60:
        codes_forget(request)
        return []
    return list(stash.get("codes", []))


def codes_forget(request) -> None:
    request.session.pop(_SESSION_KEY, None)
