"""Members' time zones: named by the IANA database ("Asia/Riyadh"), checked here."""

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from notifications.timing import time_zone_names

# Set by static/js/sanad.js from the browser's own zone; read until the member chooses.
TIME_ZONE_COOKIE = "sanad_tz"


def zone_named(name: str) -> ZoneInfo | None:
    """The zone, or None for a name that is not one (never an error: the name may come
    from any browser, or be typed)."""
    if not name or len(name) > 64 or name not in time_zone_names():
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
