from django import forms
from django.conf import settings
from django.forms import modelformset_factory
from django.utils.translation import gettext_lazy as _

from notifications.models import KindPreference, NotificationPreference
from notifications.timing import time_zone_names


class PreferenceForm(forms.Form):
    email_style = forms.ChoiceField(
        label=_("What emails say"),
        choices=NotificationPreference.EmailStyle.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Anyone who can read your inbox sees your emails. Neutral emails never name "
            "a group, a topic or a member."
        ),
    )
    language = forms.ChoiceField(label=_("Language of emails"), choices=settings.LANGUAGES)
    digest = forms.ChoiceField(
        label=_("Digest by email"),
        choices=NotificationPreference.Digest.choices,
        help_text=_("A summary of what you have not read yet, sent in the morning."),
    )
    time_zone = forms.ChoiceField(
        label=_("Your time zone"),
        widget=forms.Select(attrs={"data-suggest-time-zone": ""}),
        help_text=_("Quiet hours and digests follow your own clock."),
    )
    quiet_start = forms.TimeField(
        label=_("Quiet hours from"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    quiet_end = forms.TimeField(
        label=_("Quiet hours until"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("Emails wait until your quiet hours end. They may cross midnight."),
    )
    paused = forms.BooleanField(
        label=_("Pause everything"),
        required=False,
        help_text=_(
            "No emails, digests or live alerts until you turn this off. Notifications "
            "still wait for you here."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = [(name, name) for name in time_zone_names()]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("quiet_start"), cleaned.get("quiet_end")
        if (start is None) != (end is None):
            raise forms.ValidationError(
                _("Give both a start and an end for quiet hours, or leave both empty."),
                code="quiet_hours_incomplete",
            )
        if start is not None and start == end:
            raise forms.ValidationError(
                _("Quiet hours must start and end at different times."),
                code="quiet_hours_empty",
            )
        return cleaned


class KindPreferenceForm(forms.ModelForm):
    class Meta:
        model = KindPreference
        fields = ["in_app", "email"]


KindPreferenceFormSet = modelformset_factory(
    KindPreference, form=KindPreferenceForm, extra=0, edit_only=True, max_num=50, absolute_max=50
)
