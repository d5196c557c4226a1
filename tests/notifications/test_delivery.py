"""Delivery: one push and at most one email per notification, neutral by default, only to
a verified address, held by quiet hours, stopped by a pause, and never lost."""

from datetime import UTC, datetime, time, timedelta

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core import mail
from django.utils import timezone, translation
from django.utils.translation import gettext

from delivery import realtime, services
from delivery.realtime import member_group_name
from delivery.selectors import unread_count
from notifications import records
from notifications.models import Delivery, Notification, NotificationPreference
from posts import services as post_services
from posts.models import Subscription
from tests.factories import MembershipFactory, give_verified_email, want_emails

pytestmark = pytest.mark.django_db

Kind = Notification.Kind


@pytest.fixture
def thread(open_group, member, join):
    join(member, open_group)
    return post_services.thread_create(
        author=member, group=open_group, title="Nights are long", body="I cannot sleep."
    )


@pytest.fixture
def replier(open_group):
    return MembershipFactory(group=open_group).user


def _reply(thread, replier, capture, body="Sending you strength.", anonymous=False):
    with capture(execute=True):
        return post_services.post_create(
            author=replier, thread=thread, body=body, anonymous=anonymous
        )


def _deliveries(channel):
    return Delivery.objects.filter(channel=channel)


def _online(user):
    async_to_sync(realtime.member_seen)(user.pk)


def test_a_notification_gets_a_push_and_no_email_unless_asked(
    thread, replier, member, django_capture_on_commit_callbacks
):
    _online(member)

    _reply(thread, replier, django_capture_on_commit_callbacks)

    assert _deliveries(Delivery.Channel.PUSH).get().status == Delivery.Status.SENT
    assert not _deliveries(Delivery.Channel.EMAIL).exists()
    assert mail.outbox == []


def test_no_push_goes_to_a_member_without_the_site_open(
    thread, replier, member, django_capture_on_commit_callbacks
):
    _reply(thread, replier, django_capture_on_commit_callbacks)

    push = _deliveries(Delivery.Channel.PUSH).get()
    assert (push.status, push.outcome) == (Delivery.Status.SKIPPED, "offline")
    assert unread_count(member) == 1


def test_an_opted_in_member_gets_one_neutral_email(
    thread, replier, member, settings, django_capture_on_commit_callbacks
):
    address = give_verified_email(member)
    want_emails(member, Kind.REPLY)

    _reply(thread, replier, django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [address]
    assert email.subject == "You have new activity on Sanad"
    assert email.from_email == settings.DEFAULT_FROM_EMAIL
    html = email.alternatives[0][0]
    for text in (email.subject, email.body, html, str(email.extra_headers)):
        assert "Nights are long" not in text
        assert thread.group.name not in text
        assert replier.personas.get().name not in text
        assert "Sending you strength" not in text
    assert "http://127.0.0.1:8000/notifications/" in email.body
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert email.extra_headers["List-Unsubscribe"].startswith(
        "<http://127.0.0.1:8000/notifications/unsubscribe/"
    )


def test_the_site_name_in_emails_is_a_setting(
    thread, replier, member, settings, django_capture_on_commit_callbacks
):
    settings.SANAD_SITE_NAME = "Weather Notes"
    give_verified_email(member)
    want_emails(member, Kind.REPLY)

    _reply(thread, replier, django_capture_on_commit_callbacks)

    assert mail.outbox[0].subject == "You have new activity on Weather Notes"


def test_a_detailed_email_says_what_happened_but_keeps_a_generic_subject(
    thread, replier, member, django_capture_on_commit_callbacks
):
    give_verified_email(member)
    want_emails(member, Kind.REPLY, email_style=NotificationPreference.EmailStyle.DETAILED)

    _reply(thread, replier, django_capture_on_commit_callbacks)

    email = mail.outbox[0]
    assert email.subject == "Sanad: Reply in a thread you follow"
    # Names and titles are isolated (U+2068 ... U+2069) so mixed scripts keep their order.
    name = replier.personas.get().name
    assert f"\u2068{name}\u2069 replied to “\u2068Nights are long\u2069”" in email.body
    assert "Sending you strength" not in email.body
    assert replier.username not in email.body + email.alternatives[0][0]


def test_an_email_is_written_in_the_members_language(
    thread, replier, member, django_capture_on_commit_callbacks
):
    give_verified_email(member)
    want_emails(member, Kind.REPLY, language="ar")

    _reply(thread, replier, django_capture_on_commit_callbacks)

    email = mail.outbox[0]
    with translation.override("ar"):
        expected = gettext("You have new activity on %(site)s") % {"site": "Sanad"}
    assert email.subject == expected
    assert '<html lang="ar" dir="rtl">' in email.alternatives[0][0]


def test_a_member_who_never_chose_a_language_is_written_to_in_their_groups(
    thread, replier, member, django_capture_on_commit_callbacks
):
    """The English group's member gets English, not the site's default (Arabic), and
    the remembered choice is what moderators' notices follow later."""
    from notifications.models import KindPreference

    give_verified_email(member)
    KindPreference.objects.create(user=member, kind=Kind.REPLY, email=True)
    assert not NotificationPreference.objects.filter(user=member).exists()

    _reply(thread, replier, django_capture_on_commit_callbacks)

    assert NotificationPreference.objects.get(user=member).language == "en"
    assert '<html lang="en" dir="ltr">' in mail.outbox[0].alternatives[0][0]


def test_nothing_is_emailed_to_an_unverified_address(
    thread, replier, member, django_capture_on_commit_callbacks
):
    # The factory gives every account an address, but nobody verified it.
    want_emails(member, Kind.REPLY)

    _reply(thread, replier, django_capture_on_commit_callbacks)

    assert mail.outbox == []
    delivery = _deliveries(Delivery.Channel.EMAIL).get()
    assert (delivery.status, delivery.outcome) == (Delivery.Status.SKIPPED, "no_verified_address")


def test_delivering_the_same_notifications_again_sends_nothing_more(
    thread, replier, member, django_capture_on_commit_callbacks
):
    give_verified_email(member)
    want_emails(member, Kind.REPLY)
    _reply(thread, replier, django_capture_on_commit_callbacks)
    ids = list(Notification.objects.values_list("pk", flat=True))

    result = services.deliveries_send(notification_ids=ids)

    assert len(mail.outbox) == 1
    assert result["pushed"] == 0 and result["emailed"] == 0


def test_quiet_hours_across_midnight_hold_an_email_until_they_end(
    thread, replier, member, django_capture_on_commit_callbacks
):
    give_verified_email(member)
    want_emails(
        member,
        Kind.REPLY,
        time_zone="Asia/Amman",
        quiet_start=time(22, 0),
        quiet_end=time(7, 0),
    )
    with django_capture_on_commit_callbacks(execute=False):
        post_services.post_create(author=replier, thread=thread, body="Late thoughts.")
        step = services.notification_create_for_reply(post_id=thread.posts.last().pk)
    # 23:30 in Amman (UTC+3).
    night = datetime(2026, 6, 10, 20, 30, tzinfo=UTC)

    services.deliveries_send(notification_ids=step.notification_ids, now=night)

    assert mail.outbox == []
    delivery = _deliveries(Delivery.Channel.EMAIL).get()
    assert delivery.status == Delivery.Status.PENDING
    assert delivery.not_before == datetime(2026, 6, 11, 4, 0, tzinfo=UTC)
    assert _deliveries(Delivery.Channel.PUSH).get().status != Delivery.Status.PENDING

    services.deliveries_send(notification_ids=step.notification_ids, now=night + timedelta(hours=1))
    assert mail.outbox == []
    services.deliveries_send(
        notification_ids=step.notification_ids, now=datetime(2026, 6, 11, 4, 1, tzinfo=UTC)
    )
    assert len(mail.outbox) == 1


def test_pausing_stops_pushes_and_emails_but_keeps_the_notification(
    thread, replier, member, django_capture_on_commit_callbacks
):
    give_verified_email(member)
    want_emails(member, Kind.REPLY, paused=True)

    _reply(thread, replier, django_capture_on_commit_callbacks)

    assert mail.outbox == []
    assert set(Delivery.objects.values_list("status", "outcome")) == {
        (Delivery.Status.SKIPPED, "paused")
    }
    assert unread_count(member) == 1


def test_a_deferred_notice_stays_invisible_and_silent_until_its_moment(
    thread, member, django_capture_on_commit_callbacks
):
    give_verified_email(member)
    want_emails(member, Kind.IDENTITY_REVEALED)
    _online(member)
    later = timezone.now() + timedelta(hours=72)
    with django_capture_on_commit_callbacks(execute=True):
        notification = records.notification_create(
            recipient_id=member.pk,
            kind=Kind.IDENTITY_REVEALED,
            thread_id=thread.pk,
            post_id=thread.posts.get().pk,
            message="A member reported a risk to life.",
            visible_from=later,
        )

    assert unread_count(member) == 0
    assert mail.outbox == []
    assert set(Delivery.objects.values_list("status", flat=True)) == {Delivery.Status.PENDING}

    # Time passes: the moment comes.
    past = timezone.now() - timedelta(minutes=1)
    Notification.objects.update(visible_from=past, created_at=past - timedelta(hours=72))
    Delivery.objects.update(not_before=past, created_at=past - timedelta(hours=72))
    services.notifications_sweep()

    assert unread_count(member) == 1
    assert len(mail.outbox) == 1
    assert notification.deliveries.filter(status=Delivery.Status.SENT).count() == 2


def test_the_sweeper_sends_deliveries_whose_task_was_lost(
    thread, replier, member, settings, django_capture_on_commit_callbacks, monkeypatch
):
    from delivery.tasks import deliver_notifications

    give_verified_email(member)
    want_emails(member, Kind.REPLY)

    def broker_down(*args, **kwargs):
        raise ConnectionError("Redis is not answering")

    with monkeypatch.context() as patch:
        patch.setattr(deliver_notifications, "delay", broker_down)
        _reply(thread, replier, django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert Delivery.objects.filter(status=Delivery.Status.PENDING).count() == 2

    later = timezone.now() + timedelta(seconds=settings.SANAD_NOTIFICATION_SWEEP_AFTER_SECONDS + 5)
    services.notifications_sweep(now=later)

    assert len(mail.outbox) == 1
    assert not Delivery.objects.filter(status=Delivery.Status.PENDING).exists()


def test_no_email_about_a_thread_the_member_can_no_longer_read(
    thread, replier, member, django_capture_on_commit_callbacks
):
    from groups.models import Membership

    give_verified_email(member)
    want_emails(member, Kind.REPLY)
    with django_capture_on_commit_callbacks(execute=False):
        post_services.post_create(author=replier, thread=thread, body="Are you there?")
        step = services.notification_create_for_reply(post_id=thread.posts.last().pk)
    Membership.objects.filter(user=member).update(state=Membership.State.LEFT)

    services.deliveries_send(notification_ids=step.notification_ids)

    assert mail.outbox == []
    assert _deliveries(Delivery.Channel.EMAIL).get().outcome == "no_longer_visible"


def test_an_email_turned_off_after_the_event_is_not_sent(
    thread, replier, member, django_capture_on_commit_callbacks
):
    from notifications.models import KindPreference

    give_verified_email(member)
    want_emails(member, Kind.REPLY)
    with django_capture_on_commit_callbacks(execute=False):
        post_services.post_create(author=replier, thread=thread, body="Are you there?")
        step = services.notification_create_for_reply(post_id=thread.posts.last().pk)
    KindPreference.objects.filter(user=member).update(email=False)

    services.deliveries_send(notification_ids=step.notification_ids)

    assert mail.outbox == []


def test_a_push_reaches_the_members_own_channel_group(
    thread, replier, member, django_capture_on_commit_callbacks
):
    _online(member)
    layer = get_channel_layer()
    channel = async_to_sync(layer.new_channel)()
    async_to_sync(layer.group_add)(member_group_name(member.pk), channel)

    _reply(thread, replier, django_capture_on_commit_callbacks)

    message = async_to_sync(layer.receive)(channel)
    notification = Notification.objects.get(recipient=member)
    assert message == {"type": "notification.created", "notification_id": notification.pk}


def test_an_event_key_records_one_notification_however_often_it_is_sent(member):
    first = records.notification_create(
        recipient_id=member.pk, kind=Kind.REPORT_OUTCOME, event_key="report-item:7"
    )
    again = records.notification_create(
        recipient_id=member.pk, kind=Kind.REPORT_OUTCOME, event_key="report-item:7"
    )

    assert first.pk == again.pk
    assert Notification.objects.count() == 1
    assert Delivery.objects.count() == 1


def test_many_moderators_are_told_in_bulk_once_each(thread, open_group):
    from groups.models import Membership

    moderators = [
        MembershipFactory(group=open_group, role=Membership.Role.MODERATOR).user for _ in range(3)
    ]
    ids = [m.pk for m in moderators]

    for _ in range(2):
        records.notification_create_many(
            recipient_ids=ids,
            kind=Kind.QUEUE_NEW_ITEM,
            thread_id=thread.pk,
            group_id=open_group.pk,
            event_key="review-item:1",
        )

    assert sorted(Notification.objects.values_list("recipient_id", flat=True)) == sorted(ids)
    assert Delivery.objects.filter(channel=Delivery.Channel.PUSH).count() == 3


def test_a_kind_turned_off_in_the_app_still_sends_its_email(
    thread, replier, member, django_capture_on_commit_callbacks
):
    from notifications.models import KindPreference

    give_verified_email(member)
    want_emails(member, Kind.REPLY)
    KindPreference.objects.filter(user=member, kind=Kind.REPLY).update(in_app=False)

    _reply(thread, replier, django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 1
    assert unread_count(member) == 0
    assert not _deliveries(Delivery.Channel.PUSH).exists()


def test_watching_members_each_get_their_own_email(
    thread, replier, member, open_group, django_capture_on_commit_callbacks
):
    watchers = [MembershipFactory(group=open_group).user for _ in range(3)]
    for user in [member, *watchers]:
        Subscription.objects.get_or_create(thread=thread, user=user)
        give_verified_email(user)
        want_emails(user, Kind.REPLY)

    _reply(thread, replier, django_capture_on_commit_callbacks)

    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        f"{u.username}@example.org" for u in [member, *watchers]
    )


def test_the_unsubscribe_link_works_for_a_member_who_never_opened_the_settings(
    thread, replier, member, client, django_capture_on_commit_callbacks
):
    from notifications.models import KindPreference

    give_verified_email(member)
    KindPreference.objects.create(user=member, kind=Kind.REPLY, email=True)

    _reply(thread, replier, django_capture_on_commit_callbacks)

    url = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")
    response = client.post(url.replace("http://127.0.0.1:8000", ""))
    assert response.status_code == 200
    assert not KindPreference.objects.get(user=member, kind=Kind.REPLY).email
