"""Alerts for moderators: once per item, on duty and qualified only; overdue items; the
sweep that catches what a broker outage lost; staff email out of hours; lapsed claims."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from moderation import services
from moderation.models import ModeratorPresence, ReviewItem
from notifications.models import Notification
from posts.services import post_create
from tests.factories import (
    MembershipFactory,
    PostFactory,
    ThreadFactory,
    UserFactory,
    give_mfa,
    trained_moderator,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db):
    user = UserFactory(is_staff=True, email="on-call@example.org")
    give_mfa(user)
    return user


def _crisis_item(author, thread):
    post = post_create(author=author, thread=thread, body="I want to die.")
    return ReviewItem.objects.get(post=post)


def test_the_alert_is_sent_once_however_often_the_task_runs(moderator, author, thread):
    item = _crisis_item(author, thread)

    first = services.item_alert_moderators(item_id=item.pk)
    second = services.item_alert_moderators(item_id=item.pk)

    assert (first, second) == (1, 0)
    assert Notification.objects.filter(kind="queue_new_item").count() == 1


def test_the_sweep_alerts_for_items_whose_task_was_lost(moderator, author, thread):
    item = _crisis_item(author, thread)
    ReviewItem.objects.filter(pk=item.pk).update(created_at=timezone.now() - timedelta(minutes=5))

    counts = services.queue_sweep()

    assert counts["alerted"] == 1
    assert Notification.objects.filter(recipient=moderator, kind="queue_new_item").exists()


def test_overdue_items_alert_the_qualified_moderators_once(open_group, moderator, author, thread):
    item = _crisis_item(author, thread)
    services.item_alert_moderators(item_id=item.pk)
    ReviewItem.objects.filter(pk=item.pk).update(created_at=timezone.now() - timedelta(minutes=20))

    services.queue_sweep()
    services.queue_sweep()

    overdue = Notification.objects.filter(kind=Notification.Kind.QUEUE_OVERDUE)
    assert list(overdue.values_list("recipient_id", flat=True)) == [moderator.pk]


def test_an_item_acted_on_in_time_is_not_overdue(open_group, moderator, author, thread):
    item = _crisis_item(author, thread)
    services.item_claim(moderator=moderator, item_id=item.pk)
    ReviewItem.objects.filter(pk=item.pk).update(created_at=timezone.now() - timedelta(minutes=20))

    services.queue_sweep()

    assert not Notification.objects.filter(kind=Notification.Kind.QUEUE_OVERDUE).exists()


def test_lapsed_claims_are_cleared_by_the_sweep(open_group, moderator, settings):
    post = PostFactory(thread=ThreadFactory(group=open_group))
    item = services.report_create(
        reporter=MembershipFactory(group=open_group).user, post=post, reason="spam"
    ).item
    services.item_claim(moderator=moderator, item_id=item.pk)
    ReviewItem.objects.filter(pk=item.pk).update(
        claim_touched_at=timezone.now() - timedelta(minutes=settings.SANAD_CLAIM_IDLE_MINUTES + 1)
    )

    counts = services.queue_sweep()

    assert counts["lapsed"] == 1
    assert ReviewItem.objects.get(pk=item.pk).claimed_by is None


def test_out_of_hours_a_crisis_item_emails_staff(
    staff, author, thread, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        item = _crisis_item(author, thread)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["on-call@example.org"]
    assert f"/moderation/items/{item.pk}/" in message.body
    # Inboxes are read over shoulders: no group, no post, no name.
    for secret in (thread.group.name, "I want to die", author.personas.get().name):
        assert secret not in message.body
        assert secret not in message.subject
    assert ReviewItem.objects.get(pk=item.pk).staff_emailed_at is not None


def test_staff_are_emailed_only_once(staff, author, thread):
    item = _crisis_item(author, thread)

    services.item_email_staff(item_id=item.pk)
    services.item_email_staff(item_id=item.pk)

    assert len(mail.outbox) == 1


def test_no_email_while_a_qualified_moderator_is_at_work(
    staff, moderator, author, thread, django_capture_on_commit_callbacks
):
    services.moderator_seen(user=moderator)

    with django_capture_on_commit_callbacks(execute=True):
        _crisis_item(author, thread)

    assert mail.outbox == []


def test_an_off_duty_moderator_does_not_count_as_at_work(
    staff, moderator, author, thread, django_capture_on_commit_callbacks
):
    services.moderator_seen(user=moderator)
    ModeratorPresence.objects.filter(user=moderator).update(on_duty=False)

    with django_capture_on_commit_callbacks(execute=True):
        _crisis_item(author, thread)

    assert len(mail.outbox) == 1


def test_the_author_of_the_item_is_never_alerted_about_it(open_group, thread):
    moderator_author = trained_moderator(open_group)

    item = _crisis_item(moderator_author, thread)
    services.item_alert_moderators(item_id=item.pk)

    assert not Notification.objects.filter(
        recipient=moderator_author, kind="queue_new_item"
    ).exists()
