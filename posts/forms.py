from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from config.markdown import refused_links
from groups.models import SupportGroup
from posts.contact_details import post_contact_details
from posts.models import Reaction, Subscription
from posts.search import QUERY_MAX_LENGTH
from posts.text import strip_disguising_characters

CONTENT_WARNING_MAX_LENGTH = 100
MUTED_WORDS_MAX = 50

_CONTACT_DETAIL_MESSAGES = {
    "email": _("It looks like an email address."),
    "phone": _("It looks like a phone number."),
    "handle": _("It looks like a social media handle or profile link."),
}


def _anonymous_field() -> forms.BooleanField:
    return forms.BooleanField(
        label=_("Post anonymously"),
        required=False,
        help_text=_(
            "Other members will see “Anonymous member” instead of your persona. "
            "Moderators still see your history in this group."
        ),
    )


def _content_warning_field() -> forms.CharField:
    return forms.CharField(
        label=_("Content warning (optional)"),
        max_length=CONTENT_WARNING_MAX_LENGTH,
        required=False,
        help_text=_(
            "For example “mentions self-harm”. Others see this first and open your post "
            "only if they choose to."
        ),
        widget=forms.TextInput(attrs={"dir": "auto", "list": "content-warning-suggestions"}),
    )


def _body_field(label) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=settings.SANAD_POST_BODY_MAX_LENGTH,
        help_text=_("You can use **bold**, *italics*, lists, > quotes and links."),
        widget=forms.Textarea(attrs={"rows": 8, "dir": "auto"}),
    )


class _TextRulesMixin:
    """What every composer refuses or asks about before anything is saved."""

    def _setup_text_rules(self) -> None:
        self.contact_details: list[str] = []
        if self.is_bound:
            # Read exactly as screening reads the post (posts.contact_details), so the
            # member is warned about exactly what a moderator would hold.
            self.contact_details = post_contact_details(
                title=str(self.data.get("title", "")) if "title" in self.fields else "",
                body=str(self.data.get("body", "")),
                content_warning=str(self.data.get("content_warning", "")),
            )
        if self.contact_details:
            self.fields["share_anyway"] = forms.BooleanField(
                label=_("Post it anyway"),
                required=False,
                help_text=_(
                    "Only if you are sure: a moderator reads it first, then anyone in the "
                    "group will be able to read it."
                ),
            )

    def _clean_text(self, name: str) -> str:
        value = self.cleaned_data.get(name, "")
        cleaned, changed = strip_disguising_characters(value)
        if changed:
            # The member sees the text as it will be posted, and sends it again.
            self.data = self.data.copy()
            self.data[name] = cleaned
            raise forms.ValidationError(
                _(
                    "We removed invisible characters that can disguise how text reads. "
                    "Please check the text and send it again."
                ),
                code="disguising_characters",
            )
        return cleaned

    def clean_title(self):
        return self._clean_text("title")

    def clean_content_warning(self):
        return self._clean_text("content_warning")

    def clean_body(self):
        body = self._clean_text("body")
        if refused_links(body):
            raise forms.ValidationError(
                _("Links must start with http:// or https://. Other kinds are refused."),
                code="unsafe_link",
            )
        return body

    def _check_contact_details(self) -> None:
        if self.contact_details and not self.cleaned_data.get("share_anyway"):
            messages = [
                _(
                    "Before you post: your text may include contact details. Sharing them "
                    "can let people find you outside Sanad."
                )
            ]
            messages += [_CONTACT_DETAIL_MESSAGES[kind] for kind in self.contact_details]
            messages.append(_("You can remove them, or tick “Post it anyway”."))
            self.add_error(None, forms.ValidationError(messages, code="personal_details"))


class _ComposerForm(_TextRulesMixin, forms.Form):
    """A composer that offers anonymity only where the group allows it."""

    def __init__(self, *args, group: SupportGroup, **kwargs):
        super().__init__(*args, **kwargs)
        if group.allow_anonymous_posts:
            self.fields["anonymous"] = _anonymous_field()
        self._setup_text_rules()

    def clean(self):
        cleaned_data = super().clean()
        # The group may have turned anonymity off while the member was writing: posting
        # what they meant to say anonymously under their persona would unmask them.
        if "anonymous" not in self.fields and self.data.get("anonymous"):
            raise forms.ValidationError(
                _("This group does not allow anonymous posts."), code="anonymous_not_allowed"
            )
        self._check_contact_details()
        return cleaned_data

    def service_arguments(self) -> dict:
        """What the service takes: the composer's own checkboxes stay here."""
        arguments = {
            "body": self.cleaned_data["body"],
            "content_warning": self.cleaned_data.get("content_warning", ""),
            "anonymous": self.cleaned_data.get("anonymous", False),
        }
        if "title" in self.cleaned_data:
            arguments["title"] = self.cleaned_data["title"]
        return arguments


class ThreadForm(_ComposerForm):
    title = forms.CharField(
        label=_("Title"),
        max_length=settings.SANAD_THREAD_TITLE_MAX_LENGTH,
        help_text=_("A few words on what you would like to talk about."),
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
    content_warning = _content_warning_field()
    body = _body_field(_("Your message"))

    # What the member came to say first; the options after it (the warning, anonymity).
    field_order = ["title", "body", "content_warning"]


class ReplyForm(_ComposerForm):
    content_warning = _content_warning_field()
    body = _body_field(_("Your reply"))

    field_order = ["body", "content_warning"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].widget.attrs["rows"] = 5


class PostEditForm(_TextRulesMixin, forms.Form):
    """The author's own post; an opening post also carries the thread's title."""

    title = forms.CharField(
        label=_("Title"),
        max_length=settings.SANAD_THREAD_TITLE_MAX_LENGTH,
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
    content_warning = _content_warning_field()
    body = _body_field(_("Your message"))

    def __init__(self, *args, is_opening: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not is_opening:
            del self.fields["title"]
        self._setup_text_rules()

    def clean(self):
        cleaned_data = super().clean()
        self._check_contact_details()
        return cleaned_data


class PreviewForm(forms.Form):
    body = forms.CharField(max_length=settings.SANAD_POST_BODY_MAX_LENGTH, required=False)


class ReactionForm(forms.Form):
    # "support:on": the state the member asks for, not a toggle, so a reaction sent
    # twice (a double click, a retried request) is still one reaction.
    reaction = forms.ChoiceField(
        choices=[
            (f"{kind}:{state}", kind) for kind in Reaction.Kind.values for state in ("on", "off")
        ]
    )

    @property
    def kind(self) -> str:
        return self.cleaned_data["reaction"].split(":")[0]

    @property
    def active(self) -> bool:
        return self.cleaned_data["reaction"].endswith(":on")


class BookmarkForm(forms.Form):
    active = forms.ChoiceField(choices=[("on", "on"), ("off", "off")])


class SubscriptionForm(forms.Form):
    level = forms.ChoiceField(
        label=_("Notifications for this conversation"),
        choices=Subscription.Level.choices,
        widget=forms.RadioSelect,
    )


class ThreadModerationForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("pin", "pin"), ("unpin", "unpin"), ("lock", "lock"), ("unlock", "unlock")]
    )


class ReaderPreferenceForm(forms.Form):
    content_warnings = forms.ChoiceField(
        label=_("Posts with a content warning"),
        choices=[
            ("collapse", _("Keep them closed until I open them")),
            ("expand", _("Always show them open")),
        ],
        widget=forms.RadioSelect,
    )
    muted_words = forms.CharField(
        label=_("Muted words"),
        required=False,
        max_length=2000,
        help_text=_(
            "One word or phrase per line. Posts that mention them arrive closed, so you "
            "can choose whether to read them. Only you see this list."
        ),
        widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}),
    )

    def clean_muted_words(self):
        value = self.cleaned_data["muted_words"]
        words = [line.strip() for line in value.splitlines() if line.strip()]
        if len(words) > MUTED_WORDS_MAX:
            raise forms.ValidationError(
                ngettext(
                    "You can mute up to %(max)s word or phrase.",
                    "You can mute up to %(max)s words or phrases.",
                    MUTED_WORDS_MAX,
                )
                % {"max": MUTED_WORDS_MAX},
                code="too_many",
            )
        return "\n".join(words)


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        max_length=QUERY_MAX_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "dir": "auto"}),
    )
    group = forms.SlugField(required=False, allow_unicode=True, widget=forms.HiddenInput)
    order = forms.ChoiceField(
        label=_("Order"),
        choices=[("relevance", _("Best match")), ("newest", _("Newest first"))],
        required=False,
    )

    def clean_order(self):
        return self.cleaned_data["order"] or "relevance"
