"""The queue page: lanes, timers, filters, collapsed content, duty and wellbeing, and a
query count that does not grow with the queue."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from moderation import services
from moderation.models import ModeratorPresence, ReviewItem
from tests.factories import (
    MembershipFactory,
    PostFactory,
    SupportGroupFactory,
    ThreadFactory,
    UserFactory,
    give_mfa,
    give_training,
    trained_moderator,
)

pytestmark = pytest.mark.django_db


def _item(group, *, reason="spam", body="A reported post.", **post_fields):
    post = PostFactory(thread=ThreadFactory(group=group), body=body, **post_fields)
    reporter = MembershipFactory(group=group).user
    return services.report_create(reporter=reporter, post=post, reason=reason).item


def _queue(client, **params):
    return client.get(reverse("moderation:queue"), params).content.decode()


def test_lanes_come_in_order_with_the_oldest_first(client, open_group, moderator):
    _item(open_group, reason="spam", body="normal, older")
    _item(open_group, reason="harassment", body="high, older")
    _item(open_group, reason="hate", body="high, newer")
    _item(open_group, reason="crisis", body="crisis item")
    client.force_login(moderator)

    page = _queue(client)

    order = [
        page.index(text) for text in ("crisis item", "high, older", "high, newer", "normal, older")
    ]
    assert order == sorted(order)
    assert (
        page.index('id="lane-crisis"')
        < page.index('id="lane-high"')
        < page.index('id="lane-normal"')
    )


def test_each_item_shows_a_timer_and_the_overdue_ones_say_so(client, open_group, moderator):
    fresh = _item(open_group, reason="crisis", body="fresh crisis")
    late = _item(open_group, reason="harassment", body="late one")
    ReviewItem.objects.filter(pk=late.pk).update(created_at=timezone.now() - timedelta(hours=2))
    client.force_login(moderator)

    page = _queue(client)

    fresh_part = page[page.index(f'id="queue-item-{fresh.pk}"') :]
    late_part = page[page.index(f'id="queue-item-{late.pk}"') :]
    assert "14 minutes left" in fresh_part[:1500] or "15 minutes left" in fresh_part[:1500]
    assert "overdue by 60 minutes" in late_part[:1500]
    assert "1 overdue" in page
    assert "Response target: 15 minutes" in page


def test_a_claimed_item_has_no_running_timer(client, open_group, moderator):
    item = _item(open_group, reason="crisis", body="claimed crisis")
    services.item_claim(moderator=moderator, item_id=item.pk)
    client.force_login(moderator)

    page = _queue(client)

    part = page[page.index(f'id="queue-item-{item.pk}"') :][:2000]
    assert "Claimed by you" in part
    assert 'role="timer"' not in part


def test_filters_narrow_the_queue(client, open_group, moderator):
    other_group = SupportGroupFactory()
    MembershipFactory(group=other_group, user=moderator, role="moderator")
    _item(open_group, reason="crisis", body="crisis here")
    _item(other_group, reason="spam", body="spam there")
    mine = _item(open_group, reason="hate", body="claimed by me")
    services.item_claim(moderator=moderator, item_id=mine.pk)
    client.force_login(moderator)

    by_group = _queue(client, group=other_group.pk)
    by_lane = _queue(client, lane=0)
    claimed = _queue(client, claim="mine")
    unclaimed = _queue(client, claim="unclaimed")

    assert "spam there" in by_group and "crisis here" not in by_group
    assert "crisis here" in by_lane and "spam there" not in by_lane
    assert "claimed by me" in claimed and "crisis here" not in claimed
    assert "claimed by me" not in unclaimed and "crisis here" in unclaimed


def test_a_filter_for_a_group_you_do_not_moderate_shows_your_own_queue(
    client, open_group, moderator
):
    elsewhere = SupportGroupFactory()
    _item(elsewhere, body="not yours to see")
    _item(open_group, body="yours")
    client.force_login(moderator)

    page = _queue(client, group=elsewhere.pk)

    assert "not yours to see" not in page
    assert "yours" in page


def test_content_warnings_stay_collapsed_until_opened(client, open_group, moderator):
    _item(open_group, body="Graphic words.", content_warning="mentions self-harm")
    client.force_login(moderator)

    page = _queue(client)

    details = page.index('<details class="content-warning">')
    assert details < page.index("Graphic words.")
    assert "Content warning: <bdi>mentions self-harm</bdi>" in page


def test_crisis_detected_items_are_collapsed_too(client, open_group, moderator, author, thread):
    from posts.services import post_create

    post_create(author=author, thread=thread, body="I want to die tonight.")
    client.force_login(moderator)

    page = _queue(client)

    assert page.index('<details class="content-warning">') < page.index("I want to die tonight.")
    assert "Content warning: may mention suicide or self-harm" in page


def test_reporter_accuracy_shows_without_naming_the_reporter(client, open_group, moderator):
    reporter = MembershipFactory(group=open_group).user
    for n in range(3):
        post = PostFactory(thread=ThreadFactory(group=open_group), body=f"old {n}")
        item = services.report_create(reporter=reporter, post=post, reason="spam").item
        if n == 0:
            services.item_remove(moderator=moderator, item_id=item.pk, reason="spam")
        else:
            services.item_dismiss(moderator=moderator, item_id=item.pk)
    fresh = PostFactory(thread=ThreadFactory(group=open_group), body="the new report")
    services.report_create(reporter=reporter, post=fresh, reason="spam")
    client.force_login(moderator)

    page = _queue(client)

    assert "reporter: 1 of 3 upheld" in page
    assert reporter.username not in page
    assert reporter.personas.get().name not in page


def test_a_moderator_goes_off_duty_and_back(client, open_group, moderator):
    client.force_login(moderator)

    client.post(reverse("moderation:duty"), {})
    off = _queue(client)
    client.post(reverse("moderation:duty"), {"on_duty": "on"})
    on = _queue(client)

    assert "Off duty" in off and "Go back on duty" in off
    assert "On duty" in on and "Go off duty" in on
    assert ModeratorPresence.objects.get(user=moderator).on_duty


def test_the_duty_switch_is_404_for_members(client, author):
    client.force_login(author)

    assert client.post(reverse("moderation:duty"), {}).status_code == 404
    assert not ModeratorPresence.objects.exists()


def test_each_moderator_sees_the_crisis_items_handled_today(client, open_group, moderator):
    colleague = trained_moderator(open_group)
    for who in (moderator, moderator, colleague):
        item = _item(open_group, reason="crisis")
        services.item_dismiss(moderator=who, item_id=item.pk, note="Checked in.", confirmed=True)
    yesterday = _item(open_group, reason="crisis")
    services.item_dismiss(
        moderator=colleague, item_id=yesterday.pk, note="Checked in.", confirmed=True
    )
    ReviewItem.objects.filter(pk=yesterday.pk).update(
        resolved_at=timezone.now() - timedelta(days=2)
    )
    client.force_login(moderator)

    page = _queue(client)

    assert "You handled 2 crisis items today." in page
    table = page[page.index("Crisis items handled today, by moderator") :]
    assert colleague.personas.get().name in table
    assert "<td>1</td>" in table
    assert colleague.username not in page


def test_many_crisis_items_suggest_a_break(client, open_group, moderator, settings):
    settings.SANAD_CRISIS_ITEMS_BEFORE_BREAK = 2
    for _ in range(2):
        services.item_dismiss(
            moderator=moderator,
            item_id=_item(open_group, reason="crisis").pk,
            note="Checked in.",
            confirmed=True,
        )
    client.force_login(moderator)

    assert "Consider a break" in _queue(client)


def test_the_queue_records_that_the_moderator_was_here(client, moderator):
    client.force_login(moderator)

    _queue(client)

    assert ModeratorPresence.objects.get(user=moderator).last_seen_at is not None


def _count_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("moderation:queue"))
    assert response.status_code == 200
    return len(queries)


def test_the_queue_runs_the_same_number_of_queries_however_full(client, open_group, moderator):
    client.force_login(moderator)
    colleague = trained_moderator(open_group)

    def add_items():
        crisis = _item(open_group, reason="crisis")
        services.item_claim(moderator=colleague, item_id=crisis.pk)
        _item(open_group, reason="harassment", content_warning="rough")
        done = _item(open_group, reason="crisis")
        services.item_dismiss(
            moderator=colleague, item_id=done.pk, note="Checked in.", confirmed=True
        )

    add_items()
    with_few = _count_queries(client)
    for _ in range(8):
        add_items()
    with_many = _count_queries(client)

    assert with_many == with_few
    assert with_many <= 15


def test_staff_see_every_group_in_one_queue(client, open_group):
    staff = UserFactory(is_staff=True)
    give_mfa(staff)
    give_training(staff)
    _item(open_group, body="in the first group")
    _item(SupportGroupFactory(), body="in another group")
    client.force_login(staff)

    page = _queue(client)

    assert "in the first group" in page
    assert "in another group" in page


def test_a_long_lane_shows_its_oldest_items_and_counts_the_rest(
    client, open_group, moderator, settings
):
    settings.SANAD_QUEUE_LANE_SIZE = 2
    for n in range(4):
        _item(open_group, reason="spam", body=f"normal number {n}")
    _item(open_group, reason="crisis", body="the crisis one")
    client.force_login(moderator)

    page = _queue(client)

    assert "normal number 0" in page and "normal number 1" in page
    assert "normal number 2" not in page
    assert "2 more items wait in this lane" in page
    assert "the crisis one" in page
    assert 'data-lane-count="2">4<' in page


def test_every_moderation_page_renders_right_to_left_in_arabic(client, open_group, moderator):
    from moderation.models import TrainingModule

    item = _item(open_group, reason="crisis", body="نص عربي للمراجعة")
    client.force_login(moderator)
    client.cookies["django_language"] = "ar"

    for url in (
        reverse("moderation:queue"),
        reverse("moderation:item", args=[item.pk]),
        item.post.url("moderation:post"),
        reverse("moderation:training"),
        TrainingModule.objects.get(slug="crisis-response").get_absolute_url(),
        reverse("moderation:help"),
    ):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert 'dir="rtl"' in response.content.decode(), url
