"""Help before limits: a post refused by any rule (a rate limit, a repeat, a lock, a
removed thread, a mute, a ban, a suspension, a request to join still waiting, an
archived group) is screened for crisis language first. With crisis language, the member
sees the crisis resources in the same response, the refusal stays and the text is kept;
the group's moderators get an urgent item with the words, published nowhere."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from groups.models import JoinRequest, Membership
from moderation import attempts, services
from moderation.models import PostAttempt, ReviewItem, WatchedWord
from moderation.screening import CrisisAssessment
from notifications.models import Notification
from posts import services as posts
from posts.models import Post, Thread
from tests.factories import (
    JoinRequestFactory,
    MembershipFactory,
    SupportGroupFactory,
    UserFactory,
    give_mfa,
    trained_moderator,
)

pytestmark = pytest.mark.django_db

PANEL = 'id="crisis-panel"'
CRISIS_EN = "I can't do this any more. I want to die tonight."
CRISIS_AR = "أنا تعبت ومش قادر أكمل، نفسي أموت وأرتاح"  # Egyptian
ORDINARY = "Thank you all, today was a little easier."
TOO_OFTEN = "You are doing this a little too often."


@pytest.fixture
def tight_limits(settings):
    settings.SANAD_RATE_LIMITS = {**settings.SANAD_RATE_LIMITS, "post": "1/300", "thread": "1/600"}


def _item(member) -> ReviewItem:
    return ReviewItem.objects.get(kind=ReviewItem.Kind.ATTEMPT, subject=member)


def _reply(client, thread, body, **data):
    return client.post(thread.get_absolute_url(), {"body": body, **data})


# --- A rate limit ----------------------------------------------------------------------


def test_a_rate_limited_crisis_reply_gets_help_and_reaches_the_moderators(
    client, author, thread, moderator, tight_limits, django_capture_on_commit_callbacks
):
    client.force_login(author)
    _reply(client, thread, "First reply of the day.")

    with django_capture_on_commit_callbacks(execute=True):
        response = _reply(client, thread, CRISIS_EN)

    page = response.content.decode()
    assert response.status_code == 429
    assert response["Retry-After"] == "300"
    assert TOO_OFTEN in page  # the refusal stays
    assert PANEL in page  # and help comes with it
    assert "Your message could not be posted:" in page
    assert "tel:" in page
    assert CRISIS_EN.replace("'", "&#x27;") in page  # the form keeps the text
    assert not Post.objects.filter(author=author, body=CRISIS_EN).exists()
    item = _item(author)
    assert item.priority == ReviewItem.Priority.CRISIS
    assert item.crisis_detected
    assert item.post_id is None
    assert item.group_id == thread.group_id
    attempt = item.attempts.get()
    assert (attempt.body, attempt.refusal, attempt.where) == (CRISIS_EN, "rate_limited", "reply")
    assert attempt.thread_id == thread.pk
    # The on-duty moderators trained for crisis items are alerted, as for a crisis post.
    assert Notification.objects.filter(
        recipient=moderator, kind=Notification.Kind.QUEUE_NEW_ITEM
    ).exists()


def test_the_same_in_arabic_for_a_new_thread(client, author, open_group, tight_limits):
    client.cookies["django_language"] = "ar"
    client.force_login(author)
    url = reverse("posts:thread_create", args=[open_group.slug])
    client.post(url, {"title": "يوم طويل", "body": "كان يوماً طويلاً."})

    response = client.post(url, {"title": "ما عاد فيني", "body": CRISIS_AR})

    page = response.content.decode()
    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    assert "لست وحدك" in page
    assert "تعذّر نشر رسالتك:" in page
    assert "أنت تكرر هذا كثيراً." in page
    assert CRISIS_AR in page
    attempt = _item(author).attempts.get()
    assert (attempt.where, attempt.title, attempt.body) == ("thread", "ما عاد فيني", CRISIS_AR)
    assert Thread.objects.filter(author=author).count() == 1


def test_an_ordinary_rate_limited_reply_opens_nothing(client, author, thread, tight_limits):
    client.force_login(author)
    _reply(client, thread, "First reply of the day.")

    response = _reply(client, thread, ORDINARY)

    assert response.status_code == 429
    assert response["Retry-After"] == "300"
    assert TOO_OFTEN in response.content.decode()
    assert PANEL not in response.content.decode()
    assert not ReviewItem.objects.filter(kind=ReviewItem.Kind.ATTEMPT).exists()


def test_retrying_the_same_words_adds_to_one_item(client, author, thread, tight_limits):
    client.force_login(author)
    _reply(client, thread, "First reply of the day.")

    for body in (CRISIS_EN, CRISIS_EN, f"  {CRISIS_EN.upper()} "):
        assert PANEL in _reply(client, thread, body).content.decode()

    item = _item(author)
    assert item.attempts.get().times == 3


def test_other_words_from_a_named_member_join_the_same_open_item(
    client, author, thread, tight_limits
):
    client.force_login(author)
    _reply(client, thread, "First reply of the day.")
    _reply(client, thread, CRISIS_EN)

    _reply(client, thread, "Please, I really want to die.")

    assert [a.body for a in _item(author).attempts.order_by("pk")] == [
        CRISIS_EN,
        "Please, I really want to die.",
    ]


def test_anonymous_attempts_never_gather_under_one_item(author, open_group, thread):
    open_group.allow_anonymous_posts = True
    open_group.save()
    assessment = CrisisAssessment(tier="urgent", score=1.0, signals=("phrase.crisis",))
    for body in ("I want to die.", "I want to die, still."):
        attempts.post_attempt_record(
            author=author,
            group=open_group,
            thread=thread,
            where="reply",
            title="",
            body=body,
            content_warning="",
            anonymous=True,
            refusal="rate_limited",
            assessment=assessment,
        )

    items = ReviewItem.objects.filter(kind=ReviewItem.Kind.ATTEMPT, subject=author)
    assert items.count() == 2
    assert not PostAttempt.objects.filter(persona__isnull=False).exists()


def test_a_new_item_opens_once_the_earlier_one_is_closed(
    client, author, thread, moderator, tight_limits
):
    client.force_login(author)
    _reply(client, thread, "First reply of the day.")
    _reply(client, thread, CRISIS_EN)
    services.item_dismiss(
        moderator=moderator, item_id=_item(author).pk, note="Checked in.", confirmed=True
    )

    _reply(client, thread, CRISIS_EN)

    assert ReviewItem.objects.filter(kind="attempt", subject=author, status="open").count() == 1
    assert ReviewItem.objects.filter(kind="attempt", subject=author).count() == 2


# --- Repeats, locks, removed threads, blocked words ------------------------------------


def test_a_repeated_crisis_post_shows_help_without_a_second_item(client, author, thread):
    client.force_login(author)
    _reply(client, thread, CRISIS_EN)

    response = _reply(client, thread, CRISIS_EN)

    page = response.content.decode()
    assert "You already posted this." in page
    assert PANEL in page
    # The first one was published and screened: its item is the one moderators need.
    assert ReviewItem.objects.filter(post__author=author, crisis_detected=True).count() == 1
    assert not ReviewItem.objects.filter(kind=ReviewItem.Kind.ATTEMPT).exists()


@pytest.mark.parametrize("how", ["locked", "removed"])
def test_a_crisis_reply_to_a_closed_thread_gets_help_and_keeps_its_words(
    client, author, thread, moderator, how
):
    if how == "locked":
        thread.is_locked = True
        thread.save()
    else:
        Post.objects.create(
            thread=thread,
            author=thread.author,
            is_opening=True,
            number=1,
            body="Hi",
            state="removed",
        )
    client.force_login(author)

    response = _reply(client, thread, CRISIS_EN)

    page = response.content.decode()
    assert response.status_code == 400
    assert PANEL in page
    assert "no new replies can be added" in page
    assert 'id="id_body" readonly' in page  # nowhere to post, but the words come back
    assert _item(author).attempts.get().refusal == how


def test_a_blocked_word_with_crisis_language_still_brings_help(client, author, thread):
    WatchedWord.objects.create(pattern="idiots", action=WatchedWord.Action.BLOCK)
    client.force_login(author)

    response = _reply(client, thread, "You are all idiots and I want to die.")

    assert PANEL in response.content.decode()
    assert _item(author).attempts.get().refusal == "blocked"


def test_something_to_correct_shows_help_but_is_not_a_refusal(client, author, thread):
    """Contact details in a crisis post: the composer asks first. The member sees help
    now; what they send next is screened like any post, so no item yet."""
    client.force_login(author)

    response = _reply(client, thread, "I want to die. Call me on 0555 123 456.")

    page = response.content.decode()
    assert response.status_code == 400
    assert "your text may include contact details" in page
    assert PANEL in page
    assert "Your message is not posted yet" in page
    assert not ReviewItem.objects.filter(kind=ReviewItem.Kind.ATTEMPT).exists()


def test_on_a_refused_reply_the_panel_sits_by_the_composer_once(client, author, thread):
    thread.is_locked = True
    thread.save()
    client.force_login(author)

    page = _reply(client, thread, CRISIS_EN).content.decode()

    assert page.count(PANEL) == 1
    # The reply form posts to #reply-heading: the panel is right under it.
    assert page.index('id="reply-heading"') < page.index(PANEL)


# --- Sanctions -------------------------------------------------------------------------


def _mute(member, group):
    Membership.objects.filter(user=member, group=group).update(
        muted_until=timezone.now() + timedelta(days=1), sanction_reason="A pause."
    )


def test_a_muted_member_in_crisis_gets_help_on_a_reply_a_thread_and_an_edit(
    client, author, thread, open_group
):
    own = posts.post_create(author=author, thread=thread, body="Earlier words.")
    _mute(author, open_group)
    client.force_login(author)

    replied = _reply(client, thread, CRISIS_EN)
    started = client.post(
        reverse("posts:thread_create", args=[open_group.slug]),
        {"title": "Tonight", "body": "I want to die, I mean it."},
    )
    edited = client.post(own.url("posts:post_edit"), {"body": "I want to die."})

    for response in (replied, started, edited):
        assert response.status_code == 400
        page = response.content.decode()
        assert "You are muted in this group until" in page
        assert PANEL in page
    wheres = sorted(_item(author).attempts.values_list("where", flat=True))
    assert wheres == ["edit", "reply", "thread"]
    assert Post.objects.get(pk=own.pk).body == "Earlier words."


def test_a_banned_member_in_crisis_gets_help_from_the_404(client, author, thread, open_group):
    Membership.objects.filter(user=author, group=open_group).update(state="banned")
    client.force_login(author)

    response = _reply(client, thread, CRISIS_EN)

    page = response.content.decode()
    assert response.status_code == 404
    assert PANEL in page
    assert "Your message, so it is not lost" in page
    assert CRISIS_EN.replace("'", "&#x27;") in page
    assert _item(author).attempts.get().refusal == "unavailable"


def test_a_404_says_the_same_whether_or_not_the_thread_exists(client, thread):
    stranger = UserFactory()
    client.force_login(stranger)

    there = _reply(client, thread, CRISIS_EN)
    nowhere = client.post(reverse("posts:thread", args=[thread.pk + 1000]), {"body": CRISIS_EN})
    ordinary = _reply(client, thread, ORDINARY)

    assert there.status_code == nowhere.status_code == 404
    assert PANEL in there.content.decode() and PANEL in nowhere.content.decode()
    assert thread.title not in there.content.decode()
    assert PANEL not in ordinary.content.decode()
    # A stranger to the group: help for them, nothing for its moderators.
    assert not ReviewItem.objects.filter(kind=ReviewItem.Kind.ATTEMPT).exists()


def test_a_request_to_join_still_waiting_counts_as_a_tie_to_the_group(client):
    group = SupportGroupFactory(access="request")
    join_request = JoinRequestFactory(group=group)
    client.force_login(join_request.user)

    response = client.post(
        reverse("posts:thread_create", args=[group.slug]), {"title": "Hi", "body": CRISIS_EN}
    )

    assert response.status_code == 404
    assert PANEL in response.content.decode()
    attempt = _item(join_request.user).attempts.get()
    assert attempt.persona == join_request.persona
    assert JoinRequest.objects.get(pk=join_request.pk).state == "pending"


def test_a_member_of_an_archived_group_in_crisis_gets_help(client, author, thread, open_group):
    open_group.is_archived = True
    open_group.save()
    client.force_login(author)

    response = _reply(client, thread, CRISIS_EN)

    assert response.status_code == 404
    assert PANEL in response.content.decode()
    assert _item(author).group_id == open_group.pk


def _suspend(user):
    user.suspended_at = timezone.now()
    user.suspension_reason = "Repeated harassment."
    user.save()


def test_a_suspended_member_in_crisis_gets_help_on_the_suspension_page(client, author, thread):
    _suspend(author)
    client.force_login(author)

    response = _reply(client, thread, CRISIS_EN)

    page = response.content.decode()
    assert response.status_code == 403
    assert "Your account is suspended" in page
    assert PANEL in page
    assert "Your message, so it is not lost" in page
    assert _item(author).attempts.get().refusal == "suspended"


def test_a_suspended_members_ordinary_post_is_refused_as_before(client, author, thread):
    _suspend(author)
    client.force_login(author)

    response = _reply(client, thread, ORDINARY)

    assert response.status_code == 403
    assert PANEL not in response.content.decode()


def test_a_forged_request_opens_nothing_for_a_suspended_account(author, thread):
    _suspend(author)
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(author)

    response = client.post(thread.get_absolute_url(), {"body": CRISIS_EN})

    assert response.status_code == 403
    assert not ReviewItem.objects.filter(kind=ReviewItem.Kind.ATTEMPT).exists()


def test_an_edit_of_an_anonymous_post_stays_anonymous(client, author, thread, open_group):
    open_group.allow_anonymous_posts = True
    open_group.save()
    own = posts.post_create(author=author, thread=thread, body="Quiet words.", anonymous=True)
    thread.is_locked = True
    thread.save()
    client.force_login(author)

    client.post(own.url("posts:post_edit"), {"body": CRISIS_EN})

    attempt = _item(author).attempts.get()
    assert attempt.is_anonymous
    assert attempt.persona is None
    assert attempt.post_id == own.pk


# --- What moderators see and do ---------------------------------------------------------


@pytest.fixture
def attempt_item(client, author, thread, tight_limits):
    client.force_login(author)
    _reply(client, thread, "First reply of the day.")
    _reply(client, thread, CRISIS_EN)
    client.logout()
    return _item(author)


def test_the_moderator_sees_the_attempt_at_the_top_of_the_crisis_lane(
    client, moderator, thread, attempt_item, open_group
):
    older = posts.post_create(author=MembershipFactory(group=open_group).user, thread=thread,
                              body="A hard night, I want to die.")  # fmt: skip
    ReviewItem.objects.filter(post=older).update(created_at=timezone.now() + timedelta(minutes=1))
    client.force_login(moderator)

    page = client.get(reverse("moderation:queue")).content.decode()

    crisis_lane = page[page.index("lane-crisis") :]
    assert crisis_lane.index(f'queue-item-{attempt_item.pk}"') < crisis_lane.index("A hard night")
    assert "Not published: words" in page
    assert "Posting too often (rate limit)" in page
    assert CRISIS_EN.replace("'", "&#x27;") in page


def test_the_item_page_shows_the_words_and_offers_a_check_in(
    client, moderator, author, attempt_item
):
    client.force_login(moderator)

    page = client.get(attempt_item.get_absolute_url()).content.decode()

    assert CRISIS_EN.replace("'", "&#x27;") in page
    assert "Only the group's moderators and staff see them." in page
    assert "Send the check-in" in page
    assert "Remove the post" not in page
    assert author.personas.get().name in page  # a named attempt, under the group persona


def test_a_check_in_reaches_the_member_and_the_item_can_be_closed(moderator, author, attempt_item):
    services.member_check_in(moderator=moderator, item_id=attempt_item.pk, message="We're here.")
    services.item_dismiss(
        moderator=moderator, item_id=attempt_item.pk, note="Spoke with them.", confirmed=True
    )

    assert Notification.objects.filter(recipient=author, kind="check_in").exists()
    assert ReviewItem.objects.get(pk=attempt_item.pk).status == ReviewItem.Status.RESOLVED


@pytest.mark.parametrize("act", [services.item_approve, services.item_hide])
def test_post_actions_do_not_apply_to_words_never_published(moderator, attempt_item, act):
    with pytest.raises(ValidationError, match="does not apply"):
        act(moderator=moderator, item_id=attempt_item.pk)


def test_only_the_groups_moderators_and_staff_see_the_attempt(client, author, attempt_item):
    other_moderator = MembershipFactory(role=Membership.Role.MODERATOR).user
    give_mfa(other_moderator)
    member = MembershipFactory(group=attempt_item.group).user
    staff = UserFactory(is_staff=True)
    give_mfa(staff)

    for viewer, status in ((other_moderator, 404), (member, 404), (author, 404), (staff, 200)):
        client.force_login(viewer)
        assert client.get(attempt_item.get_absolute_url()).status_code == status, viewer
    # Published nowhere: not in the thread, not for its members.
    client.force_login(member)
    thread = attempt_item.attempts.get().thread
    assert "I want to die tonight" not in client.get(thread.get_absolute_url()).content.decode()


def test_an_anonymous_attempt_names_nobody_to_moderators(
    client, author, open_group, thread, moderator, tight_limits
):
    open_group.allow_anonymous_posts = True
    open_group.save()
    client.force_login(author)
    _reply(client, thread, "First reply of the day.", anonymous="on")
    _reply(client, thread, CRISIS_EN, anonymous="on")
    item = _item(author)
    client.force_login(moderator)

    for url in (reverse("moderation:queue"), item.get_absolute_url()):
        page = client.get(url).content.decode()
        assert "an anonymous member" in page
        assert author.personas.get().name not in page
        assert author.username not in page


def test_a_second_moderator_group_sees_nothing_of_the_first(client, attempt_item):
    elsewhere = trained_moderator(SupportGroupFactory())
    client.force_login(elsewhere)

    page = client.get(reverse("moderation:queue")).content.decode()

    assert "I want to die tonight" not in page
