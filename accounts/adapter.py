from allauth.account.adapter import DefaultAccountAdapter
from django.db import transaction
from django.utils.translation import get_language

from accounts import services
from accounts.ratelimit import address_fingerprint


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request):
        # allauth keys its login and sign-up rate limits on this value, in the cache.
        # Handing it a keyed hash instead of the address means no IP address is ever
        # written anywhere, not even in a cache key.
        return address_fingerprint(super().get_client_ip(request))

    def save_user(self, request, user, form, commit=True):
        with transaction.atomic():
            user = super().save_user(request, user, form, commit=commit)
            if commit:
                services.account_set_up(user=user, language=get_language() or "ar")
        return user


def user_display(user) -> str:
    """How allauth names the signed-in member in its messages: by persona, never by the
    private username (a message on screen can be read over a shoulder)."""
    persona = user.personas.filter(is_default=True).only("name").first()
    return persona.name if persona else ""
