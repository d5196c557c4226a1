from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class PersonaNameForm(forms.Form):
    # Length and content are checked by accounts.names.validate_persona_name in the
    # service, so the rules live in one place; the form only bounds what it accepts.
    name = forms.CharField(
        label=_("Name"),
        max_length=settings.SANAD_PERSONA_NAME_MAX_LENGTH * 2,
        strip=False,
        help_text=_("Letters and digits in one alphabet, up to 40 characters."),
        widget=forms.TextInput(attrs={"dir": "auto", "autocomplete": "off"}),
    )
