from django import template
from django.template.loader import render_to_string
from django.utils.translation import get_language

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
