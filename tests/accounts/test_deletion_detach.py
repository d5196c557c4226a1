"""A deleted account that kept its posts: each persona turns into "Former member" at its
own time within a day, so readers of two groups cannot watch two personas change
together and know them for one person (issue 16)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Persona
from accounts.services import persona_create
from posts import services as post_services
from posts.models import Post
from privacy import jobs as privacy_jobs
from privacy import services as privacy_services
from privacy import tasks
from tests.factories import MembershipFactory, SupportGroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_lives(member, other_member, join, open_group, django_capture_on_commit_callbacks):
    """The member speaks in two groups under two personas; a reader belongs to both."""
    second_group = SupportGroupFactory()
    second = persona_create(user=member, name="Quiet River 12")
    join(member, open_group)
    MembershipFactory(group=second_group, user=member, persona=second)
    join(other_member, open_group)
    MembershipFactory(group=second_group, user=other_member)
    with django_capture_on_commit_callbacks(execute=True):
        first_thread = post_services.thread_create(
            author=member, group=open_group, title="Nights", body="Said in the first group."
        )
        second_thread = post_services.thread_create(
            author=member, group=second_group, title="Mornings", body="Said in the second."
        )
    return {
        "first": (member.personas.get(is_default=True), first_thread),
        "second": (second, second_thread),
    }


def _delete_keeping_posts(member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        privacy_services.account_deletion_request(user=member, mode="keep")


def _shown_name(client, thread) -> str:
    page = client.get(thread.get_absolute_url()).content.decode()
    return "Former member" if "Former member" in page else "named"


def test_each_persona_draws_its_own_time_within_a_day(
    member, two_lives, django_capture_on_commit_callbacks
):
    before = timezone.now()

    _delete_keeping_posts(member, django_capture_on_commit_callbacks)

    times = [Persona.objects.get(pk=p.pk).detach_posts_at for p, _thread in two_lives.values()]
    assert all(before < at <= before + timedelta(hours=24, minutes=1) for at in times)
    assert times[0] != times[1]
    # The account link itself is gone at once.
    assert not Post.objects.filter(author_id=member.pk).exists()


def test_readers_see_one_persona_change_while_the_other_keeps_its_name(
    client, member, other_member, two_lives, django_capture_on_commit_callbacks
):
    _delete_keeping_posts(member, django_capture_on_commit_callbacks)
    client.force_login(other_member)
    (first, first_thread), (second, second_thread) = two_lives.values()
    first.refresh_from_db()
    second.refresh_from_db()
    earlier, later = sorted([first, second], key=lambda p: p.detach_posts_at)
    thread_of = {first.pk: first_thread, second.pk: second_thread}

    assert _shown_name(client, first_thread) == _shown_name(client, second_thread) == "named"

    assert privacy_jobs.personas_detach_due(now=earlier.detach_posts_at) == 1
    assert _shown_name(client, thread_of[earlier.pk]) == "Former member"
    assert _shown_name(client, thread_of[later.pk]) == "named"
    assert later.name in client.get(thread_of[later.pk].get_absolute_url()).content.decode()

    assert privacy_jobs.personas_detach_due(now=later.detach_posts_at) == 1
    assert _shown_name(client, thread_of[later.pk]) == "Former member"
    assert not Post.objects.filter(persona__in=[first, second]).exists()


def test_anonymous_posts_let_go_of_their_persona_at_once(
    member, other_member, two_lives, django_capture_on_commit_callbacks
):
    _persona, thread = two_lives["first"]
    anonymous = post_services.post_create(
        author=member, thread=thread, body="Only a label here.", anonymous=True
    )

    _delete_keeping_posts(member, django_capture_on_commit_callbacks)

    anonymous.refresh_from_db()
    assert anonymous.persona is None
    assert anonymous.public_author_name == "Anonymous member 2"


def test_a_sweep_that_comes_late_draws_new_times_instead_of_flipping_them_together(
    member, two_lives, django_capture_on_commit_callbacks
):
    _delete_keeping_posts(member, django_capture_on_commit_callbacks)
    # The worker was down for two days: both times passed long ago.
    long_ago = timezone.now() - timedelta(days=2)
    Persona.objects.filter(detach_posts_at__isnull=False).update(detach_posts_at=long_ago)
    now = timezone.now()

    assert privacy_jobs.personas_detach_due(now=now) == 0

    redrawn = list(Persona.objects.filter(detach_posts_at__isnull=False))
    assert len(redrawn) == 2
    assert all(now < p.detach_posts_at <= now + timedelta(hours=24) for p in redrawn)
    assert Post.objects.filter(persona__in=redrawn).count() == 2


def test_the_periodic_task_detaches_what_is_due(
    member, two_lives, django_capture_on_commit_callbacks, settings
):
    _delete_keeping_posts(member, django_capture_on_commit_callbacks)
    first, _thread = two_lives["first"]
    Persona.objects.filter(pk=first.pk).update(
        detach_posts_at=timezone.now() - timedelta(minutes=1)
    )

    tasks.detach_kept_posts()

    assert not Post.objects.filter(persona=first).exists()
    assert Post.objects.filter(persona=two_lives["second"][0]).exists()
    schedule = settings.CELERY_BEAT_SCHEDULE.values()
    assert {"task": "accounts.tasks.detach_kept_posts", "schedule": 60} in schedule
