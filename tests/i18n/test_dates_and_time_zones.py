"""Dates read as a native speaker writes them, on the member's own clock; relative
times and counts agree with their number in Arabic."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from config import humanize
from notifications.models import Notification
from posts import services as post_services

pytestmark = pytest.mark.django_db

ARABIC = {"django_language": "ar"}


def _arabic(client):
    client.cookies["django_language"] = "ar"
    return client


@pytest.fixture
def post(open_group, member, join):
    join(member, open_group)
    thread = post_services.thread_create(
        author=member, group=open_group, title="Nights are long", body="I cannot sleep."
    )
    first = thread.posts.get()
    type(first).objects.filter(pk=first.pk).update(
        created_at=datetime(2026, 12, 2, 12, 11, tzinfo=UTC)
    )
    return first


def test_it_writes_arabic_dates_in_arabic_order(client, member, post):
    client.force_login(member)

    page = _arabic(client).get(post.thread.get_absolute_url()).content.decode()

    assert "2 ديسمبر 2026، 12:11 م" in page
    assert "ديسمبر 2, 2026" not in page


def test_it_shows_times_on_the_members_chosen_clock(client, member, post):
    client.force_login(member)

    response = client.post(reverse("account_time_zone"), {"time_zone": "Asia/Riyadh"})
    page = client.get(post.thread.get_absolute_url()).content.decode()

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.time_zone == "Asia/Riyadh"
    assert "2 December 2026, 3:11 p.m." in page


def test_it_follows_the_browsers_zone_until_the_member_chooses(client, member, post):
    client.force_login(member)
    client.cookies["sanad_tz"] = "America/New_York"

    page = client.get(post.thread.get_absolute_url()).content.decode()

    assert "2 December 2026, 7:11 a.m." in page


def test_a_zone_that_does_not_exist_is_refused_politely(client, member, post):
    client.force_login(member)
    client.cookies["sanad_tz"] = "Mars/Olympus_Mons"

    thread_page = client.get(post.thread.get_absolute_url())
    response = _arabic(client).post(
        reverse("account_time_zone"), {"time_zone": "Mars/Olympus_Mons"}
    )

    assert thread_page.status_code == 200
    assert "2 December 2026, 12:11 p.m." in thread_page.content.decode()
    assert response.status_code == 400
    assert "هذه ليست منطقة زمنية نعرفها" in response.content.decode()
    member.refresh_from_db()
    assert member.time_zone == ""


def test_signing_up_keeps_the_browsers_zone(client):
    client.cookies["sanad_tz"] = "Africa/Cairo"

    client.post(
        reverse("account_signup"),
        {
            "username": "quiet-river",
            "password1": "a long quiet river",
            "password2": "a long quiet river",
        },
    )

    from accounts.models import User

    assert User.objects.get(username="quiet-river").time_zone == "Africa/Cairo"


def test_the_time_zone_page_names_the_zone_in_use(client, member):
    client.force_login(member)
    client.cookies["sanad_tz"] = "Asia/Amman"

    page = client.get(reverse("account_time_zone")).content.decode()

    assert "<bdi>Asia/Amman</bdi>" in page


def test_the_time_zone_page_needs_a_signed_in_member(client):
    response = client.get(reverse("account_time_zone"))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_notifications_say_how_long_ago_in_words_that_agree(client, member, open_group):
    now = timezone.now()
    for minutes in (2, 3 * 60):
        note = Notification.objects.create(recipient=member, kind="report_outcome")
        Notification.objects.filter(pk=note.pk).update(created_at=now - timedelta(minutes=minutes))
    client.force_login(member)

    arabic = _arabic(client).get(reverse("notifications:list")).content.decode()
    client.cookies["django_language"] = "en"
    english = client.get(reverse("notifications:list")).content.decode()

    assert "قبل دقيقتين" in arabic
    assert "قبل ٣ ساعات" in arabic
    assert "2 minutes ago" in english
    assert "3 hours ago" in english


@pytest.mark.parametrize(
    ("count", "arabic"),
    [(1, "قبل دقيقة"), (2, "قبل دقيقتين"), (3, "قبل ٣ دقائق"), (11, "قبل ١١ دقيقة")],
)
def test_relative_minutes_take_each_arabic_plural_form(count, arabic):
    now = timezone.now()

    with translation.override("ar"):
        assert humanize.relative_time(now - timedelta(minutes=count), now) == arabic


def test_djangos_password_rules_speak_arabic_on_the_arabic_sign_up(client):
    response = _arabic(client).post(
        reverse("account_signup"), {"username": "quiet-river", "password1": "x1", "password2": "x1"}
    )

    page = response.content.decode()
    assert "كلمة المرور هذه قصيرة جدًا" in page
    assert "This password is too short" not in page
