"""Times that leave the server, to the minute.

A timestamp to the second (or microsecond) lets a reader of two groups line up two
personas of one account: post 87 at 03:23:26.130 in one group, post 89 at 03:23:26.490
in another. Every time a member, a moderator, an email or an export receives is rounded
down to the minute through this one module, so the rule lives in one place and the
i18n formats, templates, JSON and WebSocket messages all call the same thing.

Templates get it as a builtin filter, no {% load %} needed:
    {{ post.created_at|minute|date:"c" }}   {{ thread.created_at|minute|timesince }}
"""

from datetime import date, datetime

from django import template

register = template.Library()


def to_minute(moment):
    """The moment with its seconds and microseconds dropped (None and dates pass as
    they are: a date carries no time to leak)."""
    if isinstance(moment, datetime):
        return moment.replace(second=0, microsecond=0)
    return moment


def iso_minute(moment: datetime | date | None) -> str | None:
    """ISO 8601 for JSON (exports, audit details shown to people): to the minute."""
    if moment is None:
        return None
    return to_minute(moment).isoformat()


@register.filter(name="minute", is_safe=False)
def minute_filter(moment):
    return to_minute(moment)
