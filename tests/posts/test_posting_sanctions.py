"""Sanctions and limits follow the account: neither another persona nor anonymity gets
around a mute, a ban, a suspension or a rate limit."""

from datetime import timedelta
from functools import partial

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.services import persona_create_generated
from groups.models import Membership
from posts import services
from posts.models import Post, Thread
from tests.factories import MembershipFactory, SupportGroupFactory, ThreadFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def membership(member, open_group, join):
    return join(member, open_group)


@pytest.fixture
def thread(open_group):
    return ThreadFactory(group=open_group, author=MembershipFactory(group=open_group).user)


def _mute(membership, reason="Please take a breather after that exchange."):
    membership.muted_until = timezone.now() + timedelta(days=1)
    membership.sanction_reason = reason
    membership.save()


def _suspend(user, reason="Repeated harassment."):
    user.suspended_at = timezone.now()
    user.suspension_reason = reason
    user.save()


def _refusal(call) -> str:
    with pytest.raises(ValidationError) as refused:
        call()
    return " ".join(refused.value.messages)


def _reply(member, thread, body="I am here.", anonymous=False):
    return services.post_create(author=member, thread=thread, body=body, anonymous=anonymous)


def _start(member, group, body="Hard week.", anonymous=False):
    return services.thread_create(
        author=member, group=group, title="A hard week", body=body, anonymous=anonymous
    )


# Mutes


@pytest.mark.parametrize("anonymous", [False, True])
def test_a_muted_member_cannot_post_and_is_told_the_reason(member, membership, thread, anonymous):
    _mute(membership)

    for attempt in (
        lambda: _reply(member, thread, anonymous=anonymous),
        lambda: _start(member, thread.group, anonymous=anonymous),
    ):
        message = _refusal(attempt)
        assert "You are muted in this group until" in message
        assert "Reason: Please take a breather after that exchange." in message
    assert not Post.objects.filter(author=member).exists()


def test_a_muted_member_sees_why_before_writing_and_keeps_their_text_if_they_try(
    client, member, membership, thread
):
    _mute(membership)
    client.force_login(member)

    page = client.get(thread.get_absolute_url()).content.decode()
    assert "You are muted in this group until" in page
    assert "Please take a breather after that exchange." in page
    assert "Post reply" not in page

    response = client.post(
        thread.get_absolute_url(), {"body": "Something I wanted to say.", "anonymous": "on"}
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Please take a breather after that exchange." in page
    assert "Something I wanted to say." in page


def test_a_mute_that_has_ended_no_longer_stops_posting(member, membership, thread):
    membership.muted_until = timezone.now() - timedelta(minutes=1)
    membership.save()

    assert _reply(member, thread).pk


# Bans and leaving


def test_a_banned_member_cannot_post_under_another_persona_nor_anonymously(
    member, membership, thread
):
    membership.state = Membership.State.BANNED
    membership.sanction_reason = "Threats against another member."
    membership.persona = persona_create_generated(user=member, language="en")
    membership.save()

    for anonymous in (False, True):
        message = _refusal(partial(_reply, member, thread, anonymous=anonymous))
        assert "You have been removed from this group." in message
        assert "Threats against another member." in message
    assert not Post.objects.filter(author=member).exists()


def test_a_banned_member_gets_404_for_the_thread_and_its_form(client, member, membership, thread):
    membership.state = Membership.State.BANNED
    membership.save()
    client.force_login(member)

    assert client.post(thread.get_absolute_url(), {"body": "Let me back"}).status_code == 404
    assert not Post.objects.filter(author=member).exists()


@pytest.mark.parametrize("state", [Membership.State.LEFT, Membership.State.PENDING])
def test_someone_who_left_or_still_waits_to_join_cannot_post(member, membership, thread, state):
    membership.state = state
    membership.save()

    assert "Only members of this group can post here." in _refusal(lambda: _reply(member, thread))


def test_a_non_member_cannot_post(member, thread):
    assert "Only members of this group can post here." in _refusal(lambda: _reply(member, thread))


# Suspension


def test_a_suspended_account_cannot_post_in_any_group(member, membership, thread, join):
    other_group = SupportGroupFactory()
    join(member, other_group)
    other_thread = ThreadFactory(group=other_group)
    _suspend(member)

    for attempt in (
        lambda: _reply(member, thread),
        lambda: _reply(member, other_thread, anonymous=True),
        lambda: _start(member, other_group),
    ):
        message = _refusal(attempt)
        assert "Your account is suspended" in message
        assert "Repeated harassment." in message
    assert not Post.objects.filter(author=member).exists()


def test_a_suspended_account_is_told_why_on_the_page(client, member, membership, thread):
    _suspend(member)
    client.force_login(member)

    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Your account is suspended" in page
    assert "Repeated harassment." in page
    assert "Post reply" not in page

    response = client.post(thread.get_absolute_url(), {"body": "Why can I not post?"})

    assert response.status_code in (400, 403)
    assert "Repeated harassment." in response.content.decode()
    assert not Post.objects.filter(author=member).exists()


# Rate limits


def test_the_eleventh_reply_in_five_minutes_is_refused_politely(client, member, membership, thread):
    client.force_login(member)
    for number in range(10):
        response = client.post(thread.get_absolute_url(), {"body": f"Reply number {number}"})
        assert response.status_code == 302

    response = client.post(thread.get_absolute_url(), {"body": "One more thought."})

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    page = response.content.decode()
    assert "You are doing this a little too often. Please wait a few minutes" in page
    assert "One more thought." in page
    assert Post.objects.filter(author=member).count() == 10


def test_the_limit_counts_per_account_across_anonymous_and_named_replies(
    member, membership, thread
):
    other_thread = ThreadFactory(group=thread.group)
    for number in range(10):
        _reply(member, (thread, other_thread)[number % 2], f"Reply {number}", number % 2 == 0)

    for anonymous in (False, True):
        message = _refusal(partial(_reply, member, thread, "And another", anonymous))
        assert "a little too often" in message


def test_another_member_is_not_slowed_by_someone_elses_limit(member, membership, thread):
    for number in range(10):
        _reply(member, thread, f"Reply {number}")

    assert _reply(MembershipFactory(group=thread.group).user, thread).pk


def test_the_fourth_thread_in_ten_minutes_is_refused(member, membership, open_group):
    for number in range(3):
        _start(member, open_group, body=f"Thread {number}", anonymous=number == 1)

    assert "a little too often" in _refusal(lambda: _start(member, open_group, body="Thread 3"))
    assert Thread.objects.filter(author=member).count() == 3


# Repeated posts


@pytest.mark.parametrize("anonymous_again", [False, True])
def test_the_same_reply_twice_is_refused_anonymous_or_not(
    member, membership, thread, anonymous_again
):
    _reply(member, thread, "Sending you strength.")

    message = _refusal(lambda: _reply(member, thread, "Sending you strength.", anonymous_again))

    assert message == "You already posted this."
    assert Post.objects.filter(author=member).count() == 1


def test_the_same_reply_is_welcome_again_after_ten_minutes(member, membership, thread):
    first = _reply(member, thread, "Sending you strength.")
    Post.objects.filter(pk=first.pk).update(created_at=timezone.now() - timedelta(minutes=11))

    assert _reply(member, thread, "Sending you strength.").pk


def test_two_members_may_say_the_same_thing(member, membership, thread):
    _reply(member, thread, "Sending you strength.")

    assert _reply(MembershipFactory(group=thread.group).user, thread, "Sending you strength.").pk


def test_the_same_thread_twice_is_refused(member, membership, open_group):
    _start(member, open_group, body="Nobody listens at home.")

    message = _refusal(lambda: _start(member, open_group, body="Nobody listens at home."))

    assert message == "You already posted this."


def test_a_repeated_reply_on_the_page_keeps_the_text(client, member, membership, thread):
    client.force_login(member)
    client.post(thread.get_absolute_url(), {"body": "Sending you strength."})

    response = client.post(thread.get_absolute_url(), {"body": "Sending you strength."})

    assert response.status_code == 400
    assert "You already posted this." in response.content.decode()


def test_a_refused_attempt_does_not_use_up_the_allowance(member, membership, thread):
    _reply(member, thread, "Sending you strength.")
    for _attempt in range(5):
        _refusal(lambda: _reply(member, thread, "Sending you strength."))

    for number in range(9):
        _reply(member, thread, f"Reply {number}")
