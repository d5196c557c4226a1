from allauth.account import forms as allauth_forms
from allauth.account.fields import EmailField
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts import emails
from notifications.timing import time_zone_names


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


class TimeZoneForm(forms.Form):
    time_zone = forms.ChoiceField(
        label=_("Your time zone"),
        help_text=_("Dates and times on Sanad are shown on this clock."),
        error_messages={
            "invalid_choice": _("That is not a time zone we know. Choose one from the list.")
        },
        widget=forms.Select(attrs={"data-browser-time-zone": ""}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = [("", "—")] + [
            (name, name.replace("_", " ")) for name in time_zone_names()
        ]


class NormalizedEmailField(EmailField):
    """allauth's email field, with look-alike characters folded before validation
    (accounts.emails.normalize_email), so that a full-width copy of an address is
    validated, compared and stored as the address itself."""

    def to_python(self, value):
        return emails.normalize_email(super().to_python(value))


class SignupForm(allauth_forms.SignupForm):
    """allauth's sign-up form, answering the same whether an address is taken.

    With ACCOUNT_PREVENT_ENUMERATION = "strict" a taken address is no error (the
    adapter tells its owner). A taken username cannot be hidden, because the person
    must choose another; so it is said only once everything else in the form is
    right, and never alongside another error. Probing usernames then costs a complete,
    valid form each time, counted by the sign-up rate limit.
    """

    email = NormalizedEmailField(required=False)

    def clean(self):
        cleaned_data = super().clean()
        errors = self.errors.as_data()
        username_errors = errors.get("username", [])
        if (
            username_errors
            and all(error.code == "username_taken" for error in username_errors)
            and any(field != "username" for field in errors)
        ):
            del self._errors["username"]
        return cleaned_data


class ResetPasswordForm(allauth_forms.ResetPasswordForm):
    """allauth's form, without looking the address up: the task that sends the email
    does (accounts.emails.password_reset_schedule), so the request does the same work
    whether an account uses the address."""

    email = NormalizedEmailField(required=True)

    def clean_email(self) -> str:
        self.users = []
        return self.cleaned_data["email"]

    def save(self, request, **kwargs) -> str:
        email = self.cleaned_data["email"]
        emails.password_reset_schedule(address=email)
        return email


class AddEmailForm(allauth_forms.AddEmailForm):
    email = NormalizedEmailField(required=True)


class RecoveryCodesForm(forms.Form):
    """Make a new set of recovery codes. Replacing a set asks first: the old codes stop
    working, and a member who saved them only on paper should know."""

    confirm = forms.BooleanField(
        label=_("I understand that my old recovery codes will stop working."),
        required=True,
    )

    def __init__(self, *args, replacing: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not replacing:
            del self.fields["confirm"]


class RecoveryResetForm(forms.Form):
    """A new password for the account, with the username and one recovery code.

    The password is checked against the same rules as at sign-up, with the username
    typed standing in for the account (known or not), so this form answers the same
    for every username.
    """

    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "dir": "auto"}),
    )
    code = forms.CharField(
        label=_("Recovery code"),
        max_length=80,
        strip=True,
        help_text=_("One of the codes you saved. Spaces and dashes do not matter."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "dir": "ltr", "inputmode": "numeric"}
        ),
    )
    password1 = forms.CharField(
        label=_("New password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("New password (again)"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        cleaned_data = super().clean()
        password1 = cleaned_data.get("password1")
        password2 = cleaned_data.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("You must type the same password each time."))
        if password1 and "password1" not in self.errors:
            stand_in = get_user_model()(username=cleaned_data.get("username", ""))
            try:
                password_validation.validate_password(password1, user=stand_in)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned_data
