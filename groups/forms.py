from datetime import timedelta

from django import forms
from django.conf import settings
from django.forms import modelformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.services import persona_limit_reached
from groups.models import EntryQuestion, Invite, Membership, SupportGroup, Topic
from groups.selectors import personas_of

NEW_PERSONA = "new"


class PersonaChoiceForm(forms.Form):
    """Which name a group sees: by default a new persona made for this group alone, or
    one the member already holds.

    The new name is a suggestion (accounts.services.persona_name_suggestion) carried in
    a hidden field and made into a persona only by the service that joins; a member who
    edits the field gets their own name checked like any other.
    """

    persona = forms.ChoiceField(
        label=_("The name this group will see"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the name this group will see."),
            "invalid_choice": _("Choose one of your own personas."),
        },
    )
    new_name = forms.CharField(
        required=False,
        max_length=settings.SANAD_PERSONA_NAME_MAX_LENGTH * 2,
        strip=False,
        widget=forms.HiddenInput,
    )

    def __init__(self, *args, user, suggestion: str = "", offer_new: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.personas = list(personas_of(user))
        self.limit_reached = persona_limit_reached(user)
        self.can_create = offer_new and bool(suggestion) and not self.limit_reached
        self.suggestion = suggestion
        self.limit = settings.SANAD_MAX_PERSONAS
        choices = [(NEW_PERSONA, suggestion)] if self.can_create else []
        choices += [(str(persona.pk), persona.name) for persona in self.personas]
        self.fields["persona"].choices = choices
        self.initial.setdefault("new_name", suggestion)
        if "persona" in self.initial:
            self.initial["persona"] = str(self.initial["persona"])
        elif self.can_create:
            # A name of its own for each group: nobody in two groups can tell it is one
            # member. Using a name one already holds is the alternative, never the default.
            self.initial["persona"] = NEW_PERSONA
        else:
            default = next((persona for persona in self.personas if persona.is_default), None)
            if default is not None:
                self.initial["persona"] = str(default.pk)

    @property
    def chose_new(self) -> bool:
        return self["persona"].value() == NEW_PERSONA

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("persona") == NEW_PERSONA and not (cleaned.get("new_name") or "").strip():
            self.add_error("persona", _("Choose the name this group will see."))
        return cleaned

    def service_arguments(self) -> dict:
        """persona (one of the member's own) or new_persona_name, for groups.services."""
        choice = self.cleaned_data["persona"]
        if choice == NEW_PERSONA:
            return {"persona": None, "new_persona_name": self.cleaned_data["new_name"]}
        persona = next(p for p in self.personas if str(p.pk) == choice)
        return {"persona": persona, "new_persona_name": None}


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


class MembershipAdminForm(forms.ModelForm):
    """Admin's membership row names a persona, never an account.

    A new row takes its account from the persona, so staff never pick (nor see) which
    account holds it; an existing row's persona cannot be changed here, because trying
    another persona and seeing whether it is refused would tell whose it is.
    """

    class Meta:
        model = Membership
        fields = ["persona", "role", "state", "is_verified_facilitator"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["persona"].disabled = True

    def clean(self):
        cleaned = super().clean()
        persona = cleaned.get("persona")
        if self.instance.pk is None and persona is not None:
            if persona.user_id is None or persona.retired_at is not None:
                self.add_error("persona", _("This persona is no longer in use."))
            else:
                self.instance.user_id = persona.user_id
        return cleaned
