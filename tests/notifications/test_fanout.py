"""A reply tells everyone watching its thread: in batches, once each, never the muted."""

from datetime import timedelta

import pytest
from django.utils import timezone

from delivery import services
from delivery.tasks import notify_reply
from groups.models import Membership
from notifications.models import FanOut, Notification
from posts import services as post_services
from posts.models import Post, Subscription
from tests.factories import MembershipFactory, ThreadFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(open_group, member, join):
    join(member, open_group)
    thread = ThreadFactory(group=open_group, author=member, title="Nights are long")
    Subscription.objects.get_or_create(
        thread=thread, user=member, defaults={"level": Subscription.Level.WATCH}
    )
    return thread


def _watcher(group, thread, level=Subscription.Level.WATCH):
    user = MembershipFactory(group=group).user
    Subscription.objects.update_or_create(thread=thread, user=user, defaults={"level": level})
    return user


def _reply(thread, capture, body="Sending you strength."):
    author = MembershipFactory(group=thread.group).user
    with capture(execute=True):
        return post_services.post_create(author=author, thread=thread, body=body)


def _recipients(post):
    return sorted(
        Notification.objects.filter(post=post, kind=Notification.Kind.REPLY).values_list(
            "recipient_id", flat=True
        )
    )


def test_it_tells_everyone_watching_the_thread_once(
    thread, open_group, member, django_capture_on_commit_callbacks
):
    watchers = [_watcher(open_group, thread) for _ in range(3)]

    post = _reply(thread, django_capture_on_commit_callbacks)

    assert _recipients(post) == sorted([member.pk, *(w.pk for w in watchers)])


def test_it_never_tells_muted_or_normal_followers(
    thread, open_group, member, django_capture_on_commit_callbacks
):
    _watcher(open_group, thread, level=Subscription.Level.MUTE)
    _watcher(open_group, thread, level=Subscription.Level.NORMAL)

    post = _reply(thread, django_capture_on_commit_callbacks)

    assert _recipients(post) == [member.pk]


def test_it_does_not_tell_the_replier_about_their_own_reply(
    thread, open_group, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post = post_services.post_create(author=member, thread=thread, body="An update from me.")

    assert _recipients(post) == []


def test_it_leaves_out_watchers_who_left_or_were_banned(
    thread, open_group, member, django_capture_on_commit_callbacks
):
    left = _watcher(open_group, thread)
    banned = _watcher(open_group, thread)
    Membership.objects.filter(user=left).update(state=Membership.State.LEFT)
    Membership.objects.filter(user=banned).update(state=Membership.State.BANNED)

    post = _reply(thread, django_capture_on_commit_callbacks)

    assert _recipients(post) == [member.pk]


def test_it_tells_a_thread_author_who_never_chose_a_level(
    open_group, member, join, django_capture_on_commit_callbacks
):
    join(member, open_group)
    thread = ThreadFactory(group=open_group, author=member)

    post = _reply(thread, django_capture_on_commit_callbacks)

    assert _recipients(post) == [member.pk]


def test_it_respects_a_thread_author_who_muted_their_thread(
    thread, member, django_capture_on_commit_callbacks
):
    Subscription.objects.filter(thread=thread, user=member).update(level=Subscription.Level.MUTE)

    post = _reply(thread, django_capture_on_commit_callbacks)

    assert _recipients(post) == []


def test_it_goes_in_batches_chained_one_task_at_a_time(
    thread, open_group, settings, django_capture_on_commit_callbacks, monkeypatch
):
    settings.SANAD_NOTIFICATION_FANOUT_BATCH = 2
    for _ in range(5):
        _watcher(open_group, thread)
    batches = []
    original = services.notification_create_for_reply

    def counting(**kwargs):
        step = original(**kwargs)
        batches.append(len(step.notification_ids))
        return step

    # Patched on the package: the task looks it up there (delivery.tasks calls services.x).
    monkeypatch.setattr(services, "notification_create_for_reply", counting)

    post = _reply(thread, django_capture_on_commit_callbacks)

    assert len(_recipients(post)) == 6
    assert len(batches) == 3
    assert FanOut.objects.get(post=post).finished_at is not None


def test_the_members_request_schedules_one_task_whatever_the_number_of_watchers(
    thread, open_group, django_capture_on_commit_callbacks, monkeypatch
):
    for _ in range(20):
        _watcher(open_group, thread)
    scheduled = []
    monkeypatch.setattr(notify_reply, "delay", lambda *args: scheduled.append(args))
    author = MembershipFactory(group=open_group).user

    with django_capture_on_commit_callbacks(execute=True):
        post = post_services.post_create(author=author, thread=thread, body="Here with you.")

    assert scheduled == [(post.pk,)]
    assert not Notification.objects.exists()


def test_running_a_finished_fan_out_again_records_nothing(
    thread, open_group, django_capture_on_commit_callbacks
):
    _watcher(open_group, thread)
    post = _reply(thread, django_capture_on_commit_callbacks)
    before = Notification.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        notify_reply(post.pk)
        notify_reply(post.pk)

    assert Notification.objects.count() == before == 2


def test_an_interrupted_fan_out_resumes_where_it_stopped(
    thread, open_group, settings, django_capture_on_commit_callbacks
):
    settings.SANAD_NOTIFICATION_FANOUT_BATCH = 2
    for _ in range(5):
        _watcher(open_group, thread)
    author = MembershipFactory(group=open_group).user
    with django_capture_on_commit_callbacks(execute=False):
        post = post_services.post_create(author=author, thread=thread, body="Still here.")
        # One batch is recorded, then the worker dies: the next batch is never queued.
        services.notification_create_for_reply(post_id=post.pk)
    assert len(_recipients(post)) == 2

    later = timezone.now() + timedelta(seconds=settings.SANAD_NOTIFICATION_SWEEP_AFTER_SECONDS + 5)
    with django_capture_on_commit_callbacks(execute=True):
        services.notifications_sweep(now=later)

    assert len(_recipients(post)) == 6
    assert len(set(_recipients(post))) == 6


def test_the_sweeper_starts_a_fan_out_the_broker_never_received(
    thread, open_group, member, settings, django_capture_on_commit_callbacks, monkeypatch
):
    watcher = _watcher(open_group, thread)
    author = MembershipFactory(group=open_group).user

    def broker_down(*args, **kwargs):
        raise ConnectionError("Redis is not answering")

    with monkeypatch.context() as patch:
        patch.setattr(notify_reply, "delay", broker_down)
        with django_capture_on_commit_callbacks(execute=True):
            post = post_services.post_create(author=author, thread=thread, body="Are you ok?")
    assert not Notification.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        services.notifications_sweep(now=timezone.now())
    assert not Notification.objects.exists(), "too fresh: its own task may still be on its way"

    later = timezone.now() + timedelta(seconds=settings.SANAD_NOTIFICATION_SWEEP_AFTER_SECONDS + 5)
    with django_capture_on_commit_callbacks(execute=True):
        services.notifications_sweep(now=later)

    assert _recipients(post) == sorted([member.pk, watcher.pk])


def test_a_held_reply_is_told_about_once_it_is_approved(
    thread, open_group, member, settings, django_capture_on_commit_callbacks
):
    post = _reply(thread, django_capture_on_commit_callbacks)
    Notification.objects.all().delete()
    FanOut.objects.all().delete()
    Post.objects.filter(pk=post.pk).update(state=Post.State.HELD)
    with django_capture_on_commit_callbacks(execute=True):
        notify_reply(post.pk)
    assert not Notification.objects.exists()

    Post.objects.filter(pk=post.pk).update(state=Post.State.VISIBLE)
    later = timezone.now() + timedelta(seconds=settings.SANAD_NOTIFICATION_SWEEP_AFTER_SECONDS + 5)
    with django_capture_on_commit_callbacks(execute=True):
        services.notifications_sweep(now=later)

    assert _recipients(post) == [member.pk]


def test_members_who_turned_replies_off_everywhere_get_no_row(
    thread, open_group, member, django_capture_on_commit_callbacks
):
    from notifications.models import KindPreference

    quiet = _watcher(open_group, thread)
    KindPreference.objects.create(
        user=quiet, kind=Notification.Kind.REPLY, in_app=False, email=False
    )

    post = _reply(thread, django_capture_on_commit_callbacks)

    assert _recipients(post) == [member.pk]
