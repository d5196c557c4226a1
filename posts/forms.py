from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from groups.models import SupportGroup


def _anonymous_field() -> forms.BooleanField:
    return forms.BooleanField(
        label=_("Post anonymously"),
        required=False,
        help_text=_(
            "Other members will see “Anonymous member” instead of your persona. "
            "Moderators still see your history in this group."
        ),
    )


class _ComposerForm(forms.Form):
    """A composer that offers anonymity only where the group allows it."""

    def __init__(self, *args, group: SupportGroup, **kwargs):
        super().__init__(*args, **kwargs)
        if group.allow_anonymous_posts:
            self.fields["anonymous"] = _anonymous_field()

    def clean(self):
        cleaned_data = super().clean()
        # The group may have turned anonymity off while the member was writing: posting
        # what they meant to say anonymously under their persona would unmask them.
        if "anonymous" not in self.fields and self.data.get("anonymous"):
            raise forms.ValidationError(
                _("This group does not allow anonymous posts."), code="anonymous_not_allowed"
            )
        return cleaned_data


class ThreadForm(_ComposerForm):
    title = forms.CharField(
        label=_("Title"),
        max_length=settings.SANAD_THREAD_TITLE_MAX_LENGTH,
        help_text=_("A few words on what you would like to talk about."),
    )
    body = forms.CharField(
        label=_("Your message"),
        max_length=settings.SANAD_POST_BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8, "dir": "auto"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].widget.attrs["dir"] = "auto"


class ReplyForm(_ComposerForm):
    body = forms.CharField(
        label=_("Your reply"),
        max_length=settings.SANAD_POST_BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}),
    )


class PostEditForm(forms.Form):
    """The author's own post; an opening post also carries the thread's title."""

    title = forms.CharField(
        label=_("Title"),
        max_length=settings.SANAD_THREAD_TITLE_MAX_LENGTH,
    )
    body = forms.CharField(
        label=_("Your message"),
        max_length=settings.SANAD_POST_BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8, "dir": "auto"}),
    )

    def __init__(self, *args, is_opening: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if is_opening:
            self.fields["title"].widget.attrs["dir"] = "auto"
        else:
            del self.fields["title"]
