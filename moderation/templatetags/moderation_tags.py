from django import template
from django.template.loader import render_to_string
from django.utils.translation import get_language

from groups.selectors import works_review_queue
from moderation import helplines
from moderation.attempts import refusal_label as _refusal_label
from moderation.crisis_signals import signal_labels as _signal_labels
from moderation.screening import pop_crisis_support

register = template.Library()


@register.simple_tag(takes_context=True)
def crisis_support_panel(context) -> str:
    """Crisis resources for a member whose words just carried crisis language: on the
    first page after their post (remembered in the session), or in the very response
    that refused or returned it (request.crisis_support).

    Shown once per page whichever template asks first; costs nothing on other pages.
    """
    request = context.get("request")
    if request is None or getattr(request, "crisis_panel_shown", False):
        return ""
    support = getattr(request, "crisis_support", None) or pop_crisis_support(request)
    if support is None:
        return ""
    request.crisis_panel_shown = True
    country, _known_from = helplines.chosen_country(request)
    form = context.get("form")
    return render_to_string(
        "moderation/_crisis_panel.html",
        {
            "support": support,
            "held": support.get("held", False),
            # Which panel: resources (urgent, hold, a refusal), gentler ones (possible
            # risk), or how to help someone else (someone else at risk).
            "tier": support.get("tier") or "urgent",
            "resources": helplines.panel_lines(language=get_language(), country=country),
            # Where "back to your message" leads: the form the member is looking at.
            "has_form": form is not None and getattr(form, "is_bound", False),
        },
        request=request,
    )


@register.filter
def refusal_label(code: str) -> str:
    return _refusal_label(code)


@register.filter
def signal_labels(codes) -> list[dict]:
    """The crisis detector's signal codes with their translated names."""
    return _signal_labels(codes)


@register.simple_tag(takes_context=True)
def review_queue_link_shown(context) -> bool:
    """Whether the header offers the review queue: to staff, and to the moderators and
    facilitators of any group. A cached flag, so ordinary pages run no query for it;
    asked once per request (the header shows its links twice: wide and in the menu)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None:
        return False
    known = getattr(request, "sanad_review_queue_link", None)
    if known is None:
        known = request.sanad_review_queue_link = works_review_queue(user)
    return known
