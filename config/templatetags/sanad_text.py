"""Sanad's text filters, loaded as `{% load sanad_text %}` from any app's templates.

`isolate` is the one way a name or any text a member typed goes into a sentence;
`ago` and `time_left` are the one way times are put into words (config/humanize.py).
"""

from django import template
from django.utils import timezone
from django.utils.html import format_html, json_script

from config import humanize

register = template.Library()


# First-strong isolate and pop directional isolate: what <bdi> does, for plain text.
FSI, PDI = "\u2068", "\u2069"


@register.filter(needs_autoescape=True)
def isolate(value, autoescape=True) -> str:
    """Wrap a persona, title, group name or label in <bdi>, escaped.

    Without it a Latin name inside an Arabic sentence (or the reverse) takes the
    sentence's punctuation and neighbouring words into its own direction, and the
    sentence reads in the wrong order. <bdi> also keeps a name made only of digits,
    emoji or direction marks from reordering what follows it. In plain text (emails'
    text part, where autoescaping is off) the Unicode isolate characters do the same.
    """
    if value is None or value == "":
        return ""
    if not autoescape:
        return f"{FSI}{value}{PDI}"
    return format_html("<bdi>{}</bdi>", value)


@register.filter
def isolate_text(value) -> str:
    """`isolate` for places that cannot hold markup: <title>, attributes, subjects."""
    if value is None or value == "":
        return ""
    return f"{FSI}{value}{PDI}"


@register.filter
def ago(moment) -> str:
    """ "2 minutes ago" / "قبل دقيقتين"; the date once it is a week old."""
    return humanize.relative_time(moment)


@register.filter
def time_left(seconds) -> str:
    """ "14 minutes left" / "overdue by 3 minutes", from seconds until the deadline."""
    if seconds is None or seconds == "":
        return ""
    return humanize.time_left(int(seconds))


@register.filter
def duration(minutes) -> str:
    """ "15 minutes", "24 hours", in words that agree with the number."""
    if minutes is None or minutes == "":
        return ""
    return humanize.duration(int(minutes))


@register.filter
def zoned(moment) -> str:
    """A date and time with the reader's time zone named, for deadlines that matter:
    "2 ديسمبر 2026، 3:11 م (Asia/Riyadh)"."""
    if moment is None:
        return ""
    return humanize.zoned_datetime(moment)


@register.filter
def elapsed(moment) -> str:
    """How long since a moment, as a duration: "3 minutes", "٣ ساعات" (for "waiting …")."""
    if moment is None:
        return ""
    return humanize.duration(int((timezone.now() - moment).total_seconds()) // 60)


@register.simple_tag
def timer_phrases() -> str:
    """The countdown's words for the browser, as inert JSON (no inline script runs)."""
    return json_script(humanize.timer_phrases(), "timer-phrases")


class _CaptureNode(template.Node):
    def __init__(self, nodelist, name: str):
        self.nodelist, self.name = nodelist, name

    def render(self, context) -> str:
        context[self.name] = self.nodelist.render(context)
        return ""


@register.tag
def capture(parser, token):
    """{% capture as name %}...{% endcapture %}: render a part once and show it as
    {{ name }} wherever the page needs it again (the header's links, in the wide bar and
    in the phone menu, are the same links: rendering them twice cost every page)."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("usage: {% capture as name %}...{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return _CaptureNode(nodelist, bits[2])
