"""Quiet hours and digest times on the member's own clock, including the awkward edges."""

from datetime import UTC, datetime, time

from notifications import timing
from notifications.models import NotificationPreference


def _preference(**fields):
    return NotificationPreference(**{"time_zone": "UTC", **fields})


def test_quiet_hours_that_wrap_midnight_cover_both_sides_of_it():
    preference = _preference(quiet_start=time(22, 0), quiet_end=time(7, 0))

    assert timing.in_quiet_hours(preference, datetime(2026, 5, 1, 23, 30, tzinfo=UTC))
    assert timing.in_quiet_hours(preference, datetime(2026, 5, 2, 6, 59, tzinfo=UTC))
    assert not timing.in_quiet_hours(preference, datetime(2026, 5, 2, 7, 0, tzinfo=UTC))
    assert not timing.in_quiet_hours(preference, datetime(2026, 5, 1, 21, 59, tzinfo=UTC))


def test_quiet_hours_within_one_day_cover_only_that_span():
    preference = _preference(quiet_start=time(13, 0), quiet_end=time(15, 0))

    assert timing.in_quiet_hours(preference, datetime(2026, 5, 1, 14, 0, tzinfo=UTC))
    assert not timing.in_quiet_hours(preference, datetime(2026, 5, 1, 15, 0, tzinfo=UTC))


def test_quiet_hours_follow_the_members_time_zone():
    preference = _preference(time_zone="Asia/Riyadh", quiet_start=time(22), quiet_end=time(6))

    # 20:00 UTC is 23:00 in Riyadh.
    assert timing.in_quiet_hours(preference, datetime(2026, 5, 1, 20, 0, tzinfo=UTC))
    assert not timing.in_quiet_hours(preference, datetime(2026, 5, 1, 18, 0, tzinfo=UTC))


def test_the_end_of_wrapped_quiet_hours_is_the_next_morning():
    preference = _preference(time_zone="Asia/Riyadh", quiet_start=time(22), quiet_end=time(6))

    end = timing.quiet_hours_end(preference, datetime(2026, 5, 1, 20, 0, tzinfo=UTC))

    assert end == datetime(2026, 5, 2, 3, 0, tzinfo=UTC)


def test_the_end_of_quiet_hours_after_midnight_is_the_same_morning():
    preference = _preference(quiet_start=time(22), quiet_end=time(6))

    end = timing.quiet_hours_end(preference, datetime(2026, 5, 2, 2, 0, tzinfo=UTC))

    assert end == datetime(2026, 5, 2, 6, 0, tzinfo=UTC)


def test_an_unknown_time_zone_counts_as_utc():
    preference = _preference(time_zone="Mars/Olympus_Mons", quiet_start=time(1), quiet_end=time(2))

    assert timing.zone_of("Mars/Olympus_Mons") == timing.UTC
    assert timing.zone_of("../../etc/passwd") == timing.UTC
    assert timing.in_quiet_hours(preference, datetime(2026, 5, 1, 1, 30, tzinfo=UTC))


def test_no_quiet_hours_when_unset_or_empty():
    assert not timing.in_quiet_hours(_preference(), datetime(2026, 5, 1, 3, tzinfo=UTC))
    same = _preference(quiet_start=time(3), quiet_end=time(3))
    assert not timing.in_quiet_hours(same, datetime(2026, 5, 1, 3, tzinfo=UTC))
    assert timing.hold_until(same, datetime(2026, 5, 1, 3, tzinfo=UTC)) is None


def test_quiet_hours_ending_in_a_daylight_saving_gap_still_end():
    # London skips 01:00-02:00 on 29 March 2026; quiet hours end at 01:30, which
    # does not exist that night.
    preference = _preference(time_zone="Europe/London", quiet_start=time(23), quiet_end=time(1, 30))

    end = timing.quiet_hours_end(preference, datetime(2026, 3, 28, 23, 30, tzinfo=UTC))

    assert (
        datetime(2026, 3, 29, 0, 30, tzinfo=UTC) <= end <= datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    )


def test_a_daily_digest_is_due_from_the_local_hour(settings):
    settings.SANAD_DIGEST_LOCAL_HOUR = 8
    preference = _preference(time_zone="Africa/Cairo", digest="daily")

    # 05:30 UTC is 08:30 in Cairo in summer (UTC+3).
    before = timing.digest_period(preference, datetime(2026, 7, 1, 4, 30, tzinfo=UTC))
    after = timing.digest_period(preference, datetime(2026, 7, 1, 5, 30, tzinfo=UTC))

    assert before is None
    assert after == datetime(2026, 7, 1, 5, 0, tzinfo=UTC)


def test_a_weekly_digest_is_due_only_on_the_digest_weekday(settings):
    settings.SANAD_DIGEST_WEEKDAY = 0
    preference = _preference(digest="weekly")

    assert timing.digest_period(preference, datetime(2026, 6, 1, 9, tzinfo=UTC)) is not None
    assert timing.digest_period(preference, datetime(2026, 6, 2, 9, tzinfo=UTC)) is None


def test_quiet_hours_hold_a_digest_until_they_end(settings):
    settings.SANAD_DIGEST_LOCAL_HOUR = 8
    preference = _preference(digest="daily", quiet_start=time(22), quiet_end=time(9))

    assert timing.digest_period(preference, datetime(2026, 6, 1, 8, 30, tzinfo=UTC)) is None
    assert timing.digest_period(preference, datetime(2026, 6, 1, 9, 0, tzinfo=UTC)) == datetime(
        2026, 6, 1, 8, 0, tzinfo=UTC
    )


def test_no_digest_when_off_or_paused():
    moment = datetime(2026, 6, 1, 12, tzinfo=UTC)

    assert timing.digest_period(_preference(digest="off"), moment) is None
    assert timing.digest_period(_preference(digest="daily", paused=True), moment) is None
