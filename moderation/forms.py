from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from moderation import reveal
from moderation.countries import COUNTRY_CHOICES
from moderation.models import Report, ReviewItem, TrainingModule
from moderation.services import (
    REPORT_ABOUT_CONDUCT,
    REPORT_ABOUT_POST,
    MuteDuration,
    RemovalReason,
)

NOTE_MAX = settings.SANAD_MODERATION_NOTE_MAX_LENGTH


def _note(label, *, required=False, help_text="", rows=3):
    return forms.CharField(
        label=label,
        required=required,
        max_length=NOTE_MAX,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows, "dir": "auto"}),
    )


class ReportForm(forms.Form):
    about = forms.ChoiceField(
        label=_("What are you reporting?"),
        choices=[
            (REPORT_ABOUT_POST, _("This post")),
            (REPORT_ABOUT_CONDUCT, _("This member's behaviour in the group")),
        ],
        initial=REPORT_ABOUT_POST,
        required=False,
        widget=forms.RadioSelect,
    )
    reason = forms.ChoiceField(
        label=_("What is wrong?"), choices=Report.Reason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Anything the moderators should know (optional)"),
        required=False,
        max_length=settings.SANAD_REPORT_NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )

    def clean_about(self) -> str:
        return self.cleaned_data.get("about") or REPORT_ABOUT_POST


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


class QueueFilterForm(forms.Form):
    group = forms.TypedChoiceField(label=_("Group"), required=False, coerce=int, empty_value=None)
    lane = forms.TypedChoiceField(
        label=_("Lane"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("All lanes")), *ReviewItem.Priority.choices],
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *ReviewItem.Kind.choices]
    )
    claim = forms.ChoiceField(
        label=_("Claimed"),
        required=False,
        choices=[
            ("", _("Everything")),
            ("unclaimed", _("Not claimed")),
            ("mine", _("Claimed by me")),
        ],
    )
    escalated = forms.BooleanField(label=_("Escalated only"), required=False)

    def __init__(self, *args, groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = [
            ("", _("All my groups")),
            *[(group.pk, group.name) for group in groups],
        ]


# --- Actions on an item ----------------------------------------------------------------


class NoteForm(forms.Form):
    note = _note(_("Note for the audit log (optional)"))


class CrisisCloseForm(forms.Form):
    """Closing an item about someone who may be at risk: a note and a confirmation."""

    note = _note(
        _("What was done for the member (required)"),
        required=True,
        help_text=_(
            "For example: a check-in was sent, a crisis line was shared, or staff were told."
        ),
    )
    confirm = forms.BooleanField(
        label=_(
            "I confirm the member was offered help, or did not need it, and this item can close."
        ),
        required=True,
        error_messages={"required": _("Tick the box to confirm before closing this item.")},
    )


class RemoveForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=RemovalReason.choices)
    note = _note(
        _("A note for the author (optional)"),
        help_text=_("The author is told the reason and this note. Be kind and specific."),
    )


class WarnForm(forms.Form):
    note = _note(
        _("The warning"),
        required=True,
        help_text=_("Sent to the member privately. Say what was wrong and what the rules ask."),
    )


class MuteForm(forms.Form):
    duration = forms.ChoiceField(label=_("For how long"), choices=MuteDuration.choices)
    reason = _note(_("Reason, told to the member"), required=True)


class BanForm(forms.Form):
    reason = _note(_("Reason, told to the member"), required=True)


class CheckInForm(forms.Form):
    message = _note(
        _("Your message"),
        required=True,
        rows=6,
        help_text=_("Sent privately as a notification, with a link to crisis resources."),
    )


class EscalateForm(forms.Form):
    to = forms.ChoiceField(
        label=_("Escalate to"), choices=ReviewItem.Escalation.choices, widget=forms.RadioSelect
    )
    note = _note(_("What they need to know"), required=True)


class SuspendForm(forms.Form):
    reason = _note(_("Reason, told to the member"), required=True)


class AppealDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("grant", _("Grant the appeal: restore the post")),
            ("refuse", _("Refuse the appeal: the removal stands")),
        ],
        widget=forms.RadioSelect,
    )
    note = _note(_("A note for the author (optional)"))


class AppealForm(forms.Form):
    note = forms.CharField(
        label=_("Why should the post come back?"),
        max_length=settings.SANAD_APPEAL_NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}),
        help_text=_("A moderator other than the one who removed it will read this."),
    )


class DutyForm(forms.Form):
    on_duty = forms.BooleanField(required=False)


class TrainingCheckForm(forms.Form):
    """One radio question per question of the module; answers are choice ids."""

    def __init__(self, *args, module: TrainingModule, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(module.questions.prefetch_related("choices"))
        for question in self.questions:
            self.fields[f"q{question.pk}"] = forms.TypedChoiceField(
                label=question.text,
                choices=[(choice.pk, choice.text) for choice in question.choices.all()],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose an answer.")},
            )

    def answers(self) -> dict[int, int]:
        return {question.pk: self.cleaned_data[f"q{question.pk}"] for question in self.questions}


class HelpCountryForm(forms.Form):
    country = forms.ChoiceField(
        label=_("Your country"),
        required=False,
        choices=[("", _("Another country, or I'd rather not say")), *COUNTRY_CHOICES],
        help_text=_("Remembered on this device only, so the right numbers come first."),
    )
