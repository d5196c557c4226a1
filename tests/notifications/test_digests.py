"""Digests: daily or weekly at the member's local hour, once, counts only when neutral."""

import pytest
from django.core import mail
from django.utils import timezone

from delivery import services, tasks
from notifications import records
from notifications.models import Digest, Notification, NotificationPreference
from posts import services as post_services
from tests.factories import MembershipFactory, give_verified_email, want_emails

pytestmark = pytest.mark.django_db

Kind = Notification.Kind


@pytest.fixture(autouse=True)
def _digest_due_all_day(settings):
    # Hour 0 of today, on today's weekday: whenever the test runs, a digest is due.
    settings.SANAD_DIGEST_LOCAL_HOUR = 0
    settings.SANAD_DIGEST_WEEKDAY = timezone.now().weekday()


@pytest.fixture
def thread(open_group, member, join):
    join(member, open_group)
    return post_services.thread_create(
        author=member, group=open_group, title="Nights are long", body="I cannot sleep."
    )


@pytest.fixture
def two_replies(thread, open_group, django_capture_on_commit_callbacks):
    for body in ("I hear you.", "Same here, every night."):
        author = MembershipFactory(group=open_group).user
        with django_capture_on_commit_callbacks(execute=True):
            post_services.post_create(author=author, thread=thread, body=body)


@pytest.fixture
def subscriber(member):
    give_verified_email(member)
    want_emails(member, digest=NotificationPreference.Digest.DAILY)
    return member


def test_a_daily_digest_is_sent_once_per_period(two_replies, subscriber):
    first = services.digest_send(user_id=subscriber.pk)
    again = services.digest_send(user_id=subscriber.pk)

    assert first.pk == again.pk
    assert first.status == Digest.Status.SENT
    assert len(mail.outbox) == 1


def test_a_neutral_digest_gives_the_count_and_nothing_else(two_replies, subscriber, open_group):
    services.digest_send(user_id=subscriber.pk)

    email = mail.outbox[0]
    assert email.subject == "You have new activity on Sanad"
    assert "You have 2 new notifications on Sanad." in email.body
    text = email.body + email.alternatives[0][0]
    assert "Nights are long" not in text
    assert open_group.name not in text
    assert "replied" not in text


def test_a_detailed_digest_lists_what_happened(two_replies, subscriber):
    NotificationPreference.objects.filter(user=subscriber).update(
        email_style=NotificationPreference.EmailStyle.DETAILED
    )

    services.digest_send(user_id=subscriber.pk)

    assert mail.outbox[0].body.count("replied to “\u2068Nights are long\u2069”") == 2


def test_no_digest_when_nothing_is_new(thread, subscriber):
    digest = services.digest_send(user_id=subscriber.pk)

    assert (digest.status, digest.outcome) == (Digest.Status.SKIPPED, "nothing_new")
    assert mail.outbox == []


def test_read_notifications_are_not_in_the_digest(two_replies, subscriber):
    services.notifications_mark_all_read(user=subscriber)

    services.digest_send(user_id=subscriber.pk)

    assert mail.outbox == []


def test_a_paused_member_gets_no_digest(two_replies, subscriber):
    NotificationPreference.objects.filter(user=subscriber).update(paused=True)

    assert services.digest_send(user_id=subscriber.pk) is None
    assert services.digests_due() == []
    assert mail.outbox == []


def test_no_digest_without_a_verified_address(two_replies, member):
    want_emails(member, digest=NotificationPreference.Digest.DAILY)

    digest = services.digest_send(user_id=member.pk)

    assert digest.outcome == "no_verified_address"
    assert mail.outbox == []


def test_beat_sends_each_due_digest_once(two_replies, subscriber, open_group):
    other = MembershipFactory(group=open_group).user
    want_emails(other, digest=NotificationPreference.Digest.WEEKLY)

    tasks.send_due_digests()
    tasks.send_due_digests()

    assert [m.to for m in mail.outbox] == [[f"{subscriber.username}@example.org"]]
    assert set(Digest.objects.values_list("user_id", "status")) == {
        (subscriber.pk, Digest.Status.SENT),
        (other.pk, Digest.Status.SKIPPED),
    }
    assert services.digests_due() == []


def test_a_deferred_notice_waits_for_its_moment_in_digests_too(thread, subscriber):
    from datetime import timedelta

    records.notification_create(
        recipient_id=subscriber.pk,
        kind=Kind.IDENTITY_REVEALED,
        thread_id=thread.pk,
        message="A member reported a risk to life.",
        visible_from=timezone.now() + timedelta(hours=72),
    )

    digest = services.digest_send(user_id=subscriber.pk)

    assert digest.outcome == "nothing_new"
    assert mail.outbox == []
