from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts import reveal
from moderation.models import Report


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong?"), choices=Report.Reason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Anything the moderators should know (optional)"),
        required=False,
        max_length=settings.SANAD_REPORT_NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )


class RevealIdentityForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you need to know who wrote this post?"),
        help_text=_(
            "Other staff will read this in the audit log, and the member will read it "
            "when they are told."
        ),
        min_length=reveal.REASON_MIN_LENGTH,
        max_length=reveal.REASON_MAX_LENGTH,
        error_messages={
            "required": reveal.REASON_TOO_SHORT,
            "min_length": reveal.REASON_TOO_SHORT,
            "max_length": reveal.REASON_TOO_LONG,
        },
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
    )
    emergency = forms.BooleanField(label=_("Emergency: defer telling the member"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Built per request so the sentence is in the reader's language.
        hours = settings.SANAD_IDENTITY_REVEAL_DEFERRAL_HOURS
        self.fields["emergency"].help_text = ngettext(
            "Only when telling them now could put someone at risk. They are told "
            "after %(hours)s hour instead.",
            "Only when telling them now could put someone at risk. They are told "
            "after %(hours)s hours instead.",
            hours,
        ) % {"hours": hours}
