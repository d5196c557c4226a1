"""Times and counts in words, agreeing with their number in both languages.

Arabic has six plural forms (zero, one, two, a few, many, other), so every phrase with
a number goes through ngettext with the whole phrase as its message: "قبل دقيقتين",
"قبل ٣ ساعات", "قبل ١١ ساعة" are three different sentences, not one word with a count
in front. Counts in these phrases are written in Arabic-Indic digits on Arabic pages
(locale/GLOSSARY.md); dates keep Western digits through the format files.

The site's one place for relative times: templates use the `ago` and `time_left`
filters (config/templatetags/sanad_text.py), which call these.
"""

from datetime import datetime, timedelta

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")

# Past this, a relative time stops helping and the date is shown instead.
RELATIVE_FOR = timedelta(days=7)


def digits(number: int) -> str:
    """A count as the reader writes it: Arabic-Indic digits on Arabic pages."""
    text = str(number)
    if translation.get_language() == "ar":
        return text.translate(_ARABIC_INDIC)
    return text


def _minutes_ago(count: int) -> str:
    return ngettext("%(count)s minute ago", "%(count)s minutes ago", count) % {
        "count": digits(count)
    }


def _hours_ago(count: int) -> str:
    return ngettext("%(count)s hour ago", "%(count)s hours ago", count) % {"count": digits(count)}


def _days_ago(count: int) -> str:
    return ngettext("%(count)s day ago", "%(count)s days ago", count) % {"count": digits(count)}


def relative_time(moment: datetime | None, now: datetime | None = None) -> str:
    """ "2 minutes ago", "قبل ٣ ساعات"; a week or more back, the date in the reader's zone."""
    if moment is None:
        return ""
    now = now or timezone.now()
    seconds = int((now - moment).total_seconds())
    if seconds < 60:
        # A moment in the future (clocks a little apart) also reads as "just now".
        return _("just now")
    minutes = seconds // 60
    if minutes < 60:
        return _minutes_ago(minutes)
    hours = minutes // 60
    if hours < 24:
        return _hours_ago(hours)
    if now - moment < RELATIVE_FOR:
        return _days_ago(hours // 24)
    return formats.date_format(timezone.localtime(moment), "DATE_FORMAT")


def duration(minutes: int) -> str:
    """A length of time as words: "15 minutes", "24 hours", "3 days" (whole units)."""
    minutes = max(int(minutes), 0)
    if minutes < 1:
        return _("less than a minute")
    if minutes < 120:
        return ngettext("%(count)s minute", "%(count)s minutes", minutes) % {
            "count": digits(minutes)
        }
    hours = minutes // 60
    if hours < 48:
        return ngettext("%(count)s hour", "%(count)s hours", hours) % {"count": digits(hours)}
    days = hours // 24
    return ngettext("%(count)s day", "%(count)s days", days) % {"count": digits(days)}


def time_left(seconds: int) -> str:
    """A response timer in words: "14 minutes left", "overdue by 3 minutes".

    Whole minutes, counted so that a timer never claims more time than there is: 14
    minutes 50 seconds left reads "14 minutes left"; 10 seconds overdue is overdue.
    """
    seconds = int(seconds)
    if seconds >= 0:
        minutes = seconds // 60
        if minutes < 1:
            return _("less than a minute left")
        if minutes < 120:
            return ngettext("%(count)s minute left", "%(count)s minutes left", minutes) % {
                "count": digits(minutes)
            }
        hours = minutes // 60
        if hours < 48:
            return ngettext("%(count)s hour left", "%(count)s hours left", hours) % {
                "count": digits(hours)
            }
        return ngettext("%(count)s day left", "%(count)s days left", hours // 24) % {
            "count": digits(hours // 24)
        }
    minutes = -seconds // 60
    if minutes < 1:
        return _("overdue by less than a minute")
    if minutes < 120:
        return ngettext("overdue by %(count)s minute", "overdue by %(count)s minutes", minutes) % {
            "count": digits(minutes)
        }
    hours = minutes // 60
    if hours < 48:
        return ngettext("overdue by %(count)s hour", "overdue by %(count)s hours", hours) % {
            "count": digits(hours)
        }
    return ngettext("overdue by %(count)s day", "overdue by %(count)s days", hours // 24) % {
        "count": digits(hours // 24)
    }


def zoned_datetime(moment: datetime, zone=None) -> str:
    """A date and time with its zone named: "2 ديسمبر 2026، 3:11 م (بتوقيت Asia/Riyadh)".

    For deadlines a member acts on (a mute's end, a request's cooldown). `zone` is the
    reader's when the text is written for someone else (a notice); otherwise the zone
    active for this request.
    """
    zone = zone or timezone.get_current_timezone()
    return _("%(when)s (%(zone)s time)") % {
        "when": formats.date_format(timezone.localtime(moment, zone), "DATETIME_FORMAT"),
        "zone": getattr(zone, "key", str(zone)),
    }


# A number of each plural category (CLDR's names, in the order of Arabic's msgstr[0..5]),
# for handing the timer's phrases to the browser, which picks the category with
# Intl.PluralRules and so keeps counting down in words (static/js/moderation.js).
_CATEGORY_SAMPLES = {"zero": 0, "one": 1, "two": 2, "few": 3, "many": 11, "other": 100}
_PLACEHOLDER = "{n}"


def _forms(singular: str, plural: str) -> dict[str, str]:
    return {
        category: ngettext(singular, plural, sample) % {"count": _PLACEHOLDER}
        for category, sample in _CATEGORY_SAMPLES.items()
    }


def timer_phrases() -> dict:
    """The words of `time_left` for every plural category, for the live countdown."""
    return {
        "arabic_digits": translation.get_language() == "ar",
        "left_less": _("less than a minute left"),
        "left_minutes": _forms("%(count)s minute left", "%(count)s minutes left"),
        "left_hours": _forms("%(count)s hour left", "%(count)s hours left"),
        "left_days": _forms("%(count)s day left", "%(count)s days left"),
        "overdue_less": _("overdue by less than a minute"),
        "overdue_minutes": _forms("overdue by %(count)s minute", "overdue by %(count)s minutes"),
        "overdue_hours": _forms("overdue by %(count)s hour", "overdue by %(count)s hours"),
        "overdue_days": _forms("overdue by %(count)s day", "overdue by %(count)s days"),
    }


def isolated(text: str) -> str:
    """Text a member typed (a reason, a group's name) inside a sentence written in
    Python: wrapped in Unicode isolates (U+2068 … U+2069), the plain-text `<bdi>`, so
    it keeps its own direction in the notice that quotes it."""
    return f"\u2068{text}\u2069" if text else text
