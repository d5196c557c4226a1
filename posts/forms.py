from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class ThreadForm(forms.Form):
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


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        max_length=settings.SANAD_POST_BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}),
    )
