"""Clock arithmetic in the member's own time zone: quiet hours and digest times.

Pure functions of a preference and a moment, so they are easy to test at the edges
(quiet hours across midnight, daylight-saving changes, unknown zones).
"""

from datetime import datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django.conf import settings

UTC = ZoneInfo("UTC")


@lru_cache(maxsize=1)
def time_zone_names() -> tuple[str, ...]:
    # "Factory" and the like are placeholders, not places a member lives in.
    return tuple(sorted(name for name in available_timezones() if "/" in name or name == "UTC"))


def zone_of(name: str) -> ZoneInfo:
    """The zone by name; an unknown or malformed one counts as UTC rather than failing."""
    if name not in time_zone_names():
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def _at(day, moment: time, zone: ZoneInfo) -> datetime:
    # A wall-clock time skipped by a daylight-saving jump still maps to one instant:
    # zoneinfo resolves it with fold=0, which lands just after the gap.
    return datetime.combine(day, moment, tzinfo=zone)


def in_quiet_hours(preference, moment: datetime) -> bool:
    start, end = preference.quiet_start, preference.quiet_end
    if start is None or end is None or start == end:
        return False
    local = moment.astimezone(zone_of(preference.time_zone)).time()
    if start < end:
        return start <= local < end
    # Wraps midnight, for example 22:00 to 07:00.
    return local >= start or local < end


def quiet_hours_end(preference, moment: datetime) -> datetime:
    """When the quiet hours that hold `moment` end (as an aware UTC moment)."""
    zone = zone_of(preference.time_zone)
    local = moment.astimezone(zone)
    end = _at(local.date(), preference.quiet_end, zone)
    if end <= local:
        end = _at(local.date() + timedelta(days=1), preference.quiet_end, zone)
    return end.astimezone(UTC)


def hold_until(preference, moment: datetime) -> datetime | None:
    """The moment an email may go out, if quiet hours hold it now; None if it may go now."""
    if in_quiet_hours(preference, moment):
        return quiet_hours_end(preference, moment)
    return None


def digest_period(preference, moment: datetime) -> datetime | None:
    """The scheduled send time of the digest due at `moment`, or None if none is due.

    Daily digests go at the local digest hour; weekly ones on the digest weekday. One
    that quiet hours hold goes when they end, as long as it is still the same local day.
    """
    frequency = preference.digest
    if frequency not in ("daily", "weekly") or preference.paused:
        return None
    zone = zone_of(preference.time_zone)
    local = moment.astimezone(zone)
    if frequency == "weekly" and local.weekday() != settings.SANAD_DIGEST_WEEKDAY:
        return None
    scheduled = _at(local.date(), time(settings.SANAD_DIGEST_LOCAL_HOUR), zone)
    if local < scheduled or in_quiet_hours(preference, moment):
        return None
    return scheduled.astimezone(UTC)


def digest_length(frequency: str) -> timedelta:
    return timedelta(days=7 if frequency == "weekly" else 1)
