from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import AccountDeletion


class AccountDeletionForm(forms.Form):
    password = forms.CharField(
        label=_("Your current password"),
        strip=False,
        # Never sent back into the page when the form is shown again.
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    mode = forms.ChoiceField(
        label=_("What should happen to your posts?"),
        choices=[
            (
                AccountDeletion.Mode.ERASE,
                _("Erase my posts: their text is replaced with a notice"),
            ),
            (
                AccountDeletion.Mode.KEEP,
                _("Keep my posts, shown as “former member”, detached from any account"),
            ),
        ],
        widget=forms.RadioSelect,
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account will be deleted and this cannot be undone."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(
                _("That is not your current password. Nothing has been changed."),
                code="wrong_password",
            )
        return password
