"""Queue health for staff: waiting items, time to first action, targets missed, drawn as
server-rendered SVG with the same figures in a table."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from moderation import selectors
from moderation.models import ReviewItem
from tests.factories import PostFactory, ThreadFactory, UserFactory, give_mfa, trained_moderator

pytestmark = pytest.mark.django_db


def _item(group, *, priority, age, acted_after=None):
    now = timezone.now()
    item = ReviewItem.objects.create(
        group=group,
        post=PostFactory(thread=ThreadFactory(group=group)),
        priority=priority,
        source="report",
    )
    created = now - age
    first = created + acted_after if acted_after is not None else None
    ReviewItem.objects.filter(pk=item.pk).update(created_at=created, first_action_at=first)
    return item


@pytest.fixture
def history(open_group):
    # Crisis: acted on after 5, 10 and 40 minutes (the last misses the 15-minute target).
    for minutes in (5, 10, 40):
        _item(open_group, priority=0, age=timedelta(days=1), acted_after=timedelta(minutes=minutes))
    # High: one still waiting for two hours (missed), one from 20 days ago.
    _item(open_group, priority=1, age=timedelta(hours=2))
    _item(open_group, priority=1, age=timedelta(days=20), acted_after=timedelta(minutes=30))
    # Too old to count.
    _item(open_group, priority=2, age=timedelta(days=40), acted_after=timedelta(days=2))


def test_it_computes_median_p90_and_missed_targets_by_lane(history):
    health = selectors.queue_health()

    crisis7, high7, _normal7 = health["windows"][7]
    assert (crisis7.total, crisis7.handled, crisis7.missed) == (3, 3, 1)
    assert round(crisis7.median_minutes) == 10
    assert round(crisis7.p90_minutes) == 40
    assert (high7.total, high7.missed, high7.median_minutes) == (1, 1, None)
    assert high7.waiting == 2
    high30 = health["windows"][30][1]
    assert (high30.total, high30.handled, round(high30.median_minutes)) == (2, 1, 30)
    assert health["windows"][30][2].total == 0


def test_staff_see_the_charts_with_text_alternatives(client, history):
    staff = UserFactory(is_staff=True)
    give_mfa(staff)
    client.force_login(staff)

    response = client.get(reverse("moderation:health"))

    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('class="bar-chart"') == 5
    assert 'role="img"' in page
    assert "<title" in page and "<desc" in page
    assert "Time to first action over the last 7 days" in page
    assert "Response targets missed over the last 30 days" in page
    assert "1 of 3" in page
    assert "<table" in page
    assert "<script" not in page.split("<main", 1)[1]


def test_the_charts_mirror_for_arabic_and_keep_numbers_parseable(client, history):
    staff = UserFactory(is_staff=True)
    give_mfa(staff)
    client.force_login(staff)
    client.cookies["django_language"] = "ar"

    page = client.get(reverse("moderation:health")).content.decode()

    charts = re.findall(r'<svg role="img".*?</svg>', page, re.S)
    coordinates = re.findall(r' (?:x|y|width)="([^"]*)"', "".join(charts))
    assert 'dir="rtl"' in page
    assert coordinates
    assert all(re.fullmatch(r"-?[0-9.]+", value) for value in coordinates)
    assert 'direction="rtl"' in page
    assert 'text-anchor="end" class="chart-label"' in page


def test_the_health_page_is_for_staff_only(client, open_group):
    moderator = trained_moderator(open_group)
    client.force_login(moderator)
    assert client.get(reverse("moderation:health")).status_code == 404
    client.logout()
    assert client.get(reverse("moderation:health"))["Location"].startswith(reverse("account_login"))
