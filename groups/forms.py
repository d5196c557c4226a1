from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.selectors import personas_of


class PersonaChoiceForm(forms.Form):
    """Which of the member's own personas a group sees."""

    persona = forms.ModelChoiceField(
        label=_("The name this group will see"),
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        help_text=_("Other groups never learn this name, and this group never learns the others."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        personas = personas_of(user).prefetch_related(None)
        self.fields["persona"].queryset = personas
        default = next((persona for persona in personas if persona.is_default), None)
        if default is not None and "persona" not in self.initial:
            self.initial["persona"] = default.pk
