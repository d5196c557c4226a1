from django import template
from django.template.loader import render_to_string
from django.utils.translation import get_language

from groups.selectors import works_review_queue
from moderation.screening import pop_crisis_support
from moderation.selectors import crisis_resources

register = template.Library()

# Enough to call someone now without scrolling; the rest are one click away on /help/.
PANEL_RESOURCES = 4


@register.simple_tag(takes_context=True)
def crisis_support_panel(context) -> str:
    """Crisis resources for a member whose post the crisis detector just matched.

    Shown once, on the first full page after posting; costs nothing on other pages.
    """
    request = context.get("request")
    if request is None:
        return ""
    support = pop_crisis_support(request)
    if support is None:
        return ""
    resources = list(crisis_resources(get_language())[:PANEL_RESOURCES])
    return render_to_string(
        "moderation/_crisis_panel.html",
        {"held": support.get("held", False), "resources": resources},
        request=request,
    )


@register.simple_tag(takes_context=True)
def review_queue_link_shown(context) -> bool:
    """Whether the header offers the review queue: to staff, and to the moderators and
    facilitators of any group. A cached flag, so ordinary pages run no query for it."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None:
        return False
    return works_review_queue(user)
