from datetime import timedelta

from django import forms
from django.forms import modelformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.selectors import personas_of
from groups.models import EntryQuestion, Invite, SupportGroup, Topic


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


def _question_field(question: EntryQuestion) -> forms.Field:
    common = {
        "label": question.prompt,
        "help_text": question.help_text,
        "required": question.is_required,
    }
    if question.kind == EntryQuestion.Kind.RULES:
        return forms.BooleanField(
            **common,
            error_messages={"required": _("Please confirm that you have read the rules.")},
        )
    required = {"required": _("Please answer this question.")}
    if question.kind == EntryQuestion.Kind.CHOICE:
        return forms.ChoiceField(
            **common,
            choices=[(option, option) for option in question.option_list],
            widget=forms.RadioSelect,
            error_messages=required,
        )
    if question.kind == EntryQuestion.Kind.LONG:
        return forms.CharField(
            **common, max_length=3000, widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}),
            error_messages=required,
        )  # fmt: skip
    return forms.CharField(
        **common, max_length=300, widget=forms.TextInput(attrs={"dir": "auto"}),
        error_messages=required,
    )  # fmt: skip


class JoinRequestForm(PersonaChoiceForm):
    """The persona the group will see, and the group's entry questions."""

    def __init__(self, *args, user, questions, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[f"question_{question.pk}"] = _question_field(question)

    def answers(self) -> dict[int, object]:
        return {
            question.pk: self.cleaned_data.get(f"question_{question.pk}")
            for question in self.questions
        }


class DecisionForm(forms.Form):
    DECISIONS = [("approve", _("Approve")), ("decline", _("Decline"))]

    decision = forms.ChoiceField(choices=DECISIONS, widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("A note for the applicant"),
        help_text=_(
            "The applicant reads this with the decision. When you decline, tell them why, kindly."
        ),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )


class InviteForm(forms.Form):
    label = forms.CharField(
        label=_("Label"),
        help_text=_("For the moderators only, for example “March intake”."),
        required=False,
        max_length=80,
    )
    valid_days = forms.IntegerField(
        label=_("Valid for (days)"), min_value=1, max_value=90, initial=7
    )
    max_uses = forms.IntegerField(
        label=_("How many people may use it"), min_value=1, max_value=1000, initial=10
    )

    def expires_at(self):
        return timezone.now() + timedelta(days=self.cleaned_data["valid_days"])


class GroupSettingsForm(forms.ModelForm):
    """What a group's moderators may change; the view hands the changes to a service."""

    class Meta:
        model = SupportGroup
        fields = [
            "summary",
            "description",
            "rules",
            "topics",
            "allow_anonymous_posts",
            "hold_first_posts",
            "join_cooldown_days",
        ]
        widgets = {
            "summary": forms.TextInput(attrs={"dir": "auto"}),
            "description": forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
            "rules": forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
            "topics": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = Topic.objects.all()

    def changes(self) -> dict:
        return {field: self.cleaned_data[field] for field in self.changed_data}


EntryQuestionFormSet = modelformset_factory(
    EntryQuestion,
    fields=["position", "kind", "prompt", "help_text", "options", "is_required"],
    extra=1,
    can_delete=True,
    widgets={
        "prompt": forms.TextInput(attrs={"dir": "auto"}),
        "help_text": forms.TextInput(attrs={"dir": "auto"}),
        "options": forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    },
)


class DirectoryFilterForm(forms.Form):
    """The directory's search and filters. Invalid values are ignored, not refused:
    they come from crafted links, never from someone typing."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "dir": "auto", "autocomplete": "off"}),
    )
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("Any language")), *SupportGroup.Language.choices],
    )
    access = forms.ChoiceField(
        label=_("How to join"),
        required=False,
        choices=[
            ("", _("Any way of joining")),
            (SupportGroup.Access.OPEN, _("Open to anyone")),
            (SupportGroup.Access.REQUEST, _("By request")),
            (SupportGroup.Access.INVITE, _("By invitation")),
        ],
    )
    leadership = forms.ChoiceField(
        label=_("Led by"),
        required=False,
        choices=[("", _("Any leadership")), *SupportGroup.Leadership.choices],
    )

    def __init__(self, *args, topics: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", _("Any topic")), *topics]

    def filters(self) -> dict[str, str]:
        if not self.is_bound:
            return {}
        self.is_valid()
        cleaned = self.cleaned_data
        return {
            "query": (cleaned.get("q") or "")[:200],
            "topic": cleaned.get("topic") or "",
            "language": cleaned.get("language") or "",
            "access": cleaned.get("access") or "",
            "leadership": cleaned.get("leadership") or "",
        }


class InviteAdminForm(forms.ModelForm):
    """Admin's invite row: new links get their token from the service; existing ones
    can be revoked there."""

    revoke = forms.BooleanField(label=_("Revoke"), required=False)

    class Meta:
        model = Invite
        fields = ["label", "expires_at", "max_uses"]

    def clean(self):
        cleaned = super().clean()
        expires_at, max_uses = cleaned.get("expires_at"), cleaned.get("max_uses")
        if self.instance.pk is None and expires_at and expires_at <= timezone.now():
            self.add_error("expires_at", _("Choose a moment in the future."))
        if self.instance.pk and max_uses is not None and max_uses < self.instance.use_count:
            self.add_error("max_uses", _("This invite has already been used more times than that."))
        return cleaned
