from allauth.account import app_settings
from allauth.account.adapter import DefaultAccountAdapter
from django.db import transaction
from django.utils.translation import get_language

from accounts import emails, recovery, services
from accounts.ratelimit import address_fingerprint


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request):
        # allauth keys its login and sign-up rate limits on this value, in the cache.
        # Handing it a keyed hash instead of the address means no IP address is ever
        # written anywhere, not even in a cache key.
        return address_fingerprint(super().get_client_ip(request))

    def clean_email(self, email: str) -> str:
        return emails.normalize_email(email)

    def save_user(self, request, user, form, commit=True):
        with transaction.atomic():
            user = super().save_user(request, user, form, commit=commit)
            if commit:
                services.account_set_up(user=user, language=get_language() or "ar")
                if not user.email:
                    # No address to reset a forgotten password with: recovery codes are
                    # the way back, shown once on the next page.
                    codes = recovery.recovery_codes_create(user=user, at_signup=True)
                    recovery.codes_stash(request, codes)
        return user

    # --- Emails: Sanad's wording, sent after commit (accounts/emails.py) ---------------

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        emails.account_email_schedule(
            template_prefix=template_prefix, address=email, context=context
        )

    def send_notification_mail(self, template_prefix, user, context=None, email=None):
        if not app_settings.EMAIL_NOTIFICATIONS:
            return
        # Security notices go to a verified address of this account only: an unverified
        # one may be anyone's. The IP address and browser allauth would add stay out.
        if email and not user.emailaddress_set.filter(email=email, verified=True).exists():
            email = None
        email = email or emails.verified_address_of(user)
        if email:
            emails.account_email_schedule(
                template_prefix=template_prefix, address=email, context={}, user_id=user.pk
            )

    def send_confirmation_mail(self, request, emailconfirmation, signup: bool) -> None:
        address = emailconfirmation.email_address
        owner_id = emails.verified_holder_id(address.email, other_than=address.user_id)
        if owner_id is not None:
            # Another account holds this address, verified: its owner is told that
            # someone tried to use it, and no link goes out that could move it. The
            # person signing up sees exactly what a new address shows (settings:
            # ACCOUNT_PREVENT_ENUMERATION = "strict").
            emails.account_email_schedule(
                template_prefix="account/email/account_already_exists",
                address=address.email,
                context={},
                user_id=owner_id,
            )
            return
        # allauth's own version loads the account to hand it to the template: a query
        # the branch above does not make, and a value no email may print.
        if app_settings.EMAIL_VERIFICATION_BY_CODE_ENABLED:
            context = {"code": emailconfirmation.key}
        else:
            context = {"activate_url": self.get_email_confirmation_url(request, emailconfirmation)}
        prefix = "email_confirmation_signup" if signup else "email_confirmation"
        emails.account_email_schedule(
            template_prefix=f"account/email/{prefix}",
            address=address.email,
            context=context,
            user_id=address.user_id,
        )


def user_display(user) -> str:
    """How allauth names the signed-in member in its messages: by persona, never by the
    private username (a message on screen can be read over a shoulder). Emails never
    receive it: their context is built in accounts/emails.py."""
    persona = user.personas.filter(is_default=True).only("name").first()
    return persona.name if persona else ""
