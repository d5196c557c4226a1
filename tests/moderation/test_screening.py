"""Automatic checks on every new post: crisis language, method details, contact details,
watched words and new members' first posts."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from groups.models import Membership
from moderation.models import CrisisPhrase, ModeratorPresence, ReviewItem, WatchedWord
from moderation.screening import screen_edited_post
from notifications.models import Notification
from posts import services as posts
from posts.models import Post
from tests.factories import MembershipFactory, SupportGroupFactory, trained_moderator

pytestmark = pytest.mark.django_db


def _reply(author, thread, body):
    return posts.post_create(author=author, thread=thread, body=body)


def _item(post):
    return ReviewItem.objects.get(post=post)


# --- Crisis language ---------------------------------------------------------------------


def test_a_crisis_post_is_published_and_goes_to_the_top_of_the_queue(author, thread):
    post = _reply(author, thread, "Some nights I just want to end my life.")

    post.refresh_from_db()
    item = _item(post)
    assert post.state == Post.State.VISIBLE
    assert item.priority == ReviewItem.Priority.CRISIS
    assert item.source == ReviewItem.Source.CRISIS
    assert item.crisis_detected
    assert item.subject_id == author.pk


@pytest.mark.parametrize(
    "body",
    [
        "أريد أن أموت",  # as listed
        "أُرِيدُ أَنْ أَمُوتَ",  # with diacritics
        "اريد ان اموت",  # without hamza
        "أريـــد أن أمـــوت",  # tatweel
        "أريييييد أن أمووووت",  # stretched letters
        "ا ن ت ح ر",  # spaced out
        "سأنتحر الليلة",  # with a prefix attached
        "لا أريد أن أعيش بعد اليوم",
        "أفكر في إنهاء حياتي",  # alef with hamza below, taa marbuta
    ],
)
def test_it_finds_arabic_crisis_language_however_it_is_written(author, thread, body):
    post = _reply(author, thread, body)

    assert _item(post).crisis_detected


@pytest.mark.parametrize(
    "body",
    [
        "I want to KILL MYSELF",
        "i want to kiiiill myself",
        "k i l l  m y s e l f",
        "thinking about sucide again",
        "I feel so su1c1dal tonight",
        "Honestly I'd be better off dead.",
    ],
)
def test_it_finds_english_crisis_language_with_capitals_stretching_and_misspellings(
    author, thread, body
):
    post = _reply(author, thread, body)

    assert _item(post).crisis_detected


@pytest.mark.parametrize(
    "body",
    [
        "I skilled myself up at the gym today.",
        "My grandmother died last spring and I miss her.",
        "سأذهب إلى الطبيب غداً",
        "The killer whale documentary was lovely.",
    ],
)
def test_ordinary_posts_pass_untouched(author, thread, body):
    post = _reply(author, thread, body)

    post.refresh_from_db()
    assert post.state == Post.State.VISIBLE
    assert not ReviewItem.objects.exists()
    assert not Notification.objects.filter(kind=Notification.Kind.POST_HELD).exists()


def test_a_post_with_method_details_is_held_and_its_author_told_why(author, thread):
    post = _reply(author, thread, "Does anyone know the lethal dose of these?")

    post.refresh_from_db()
    item = _item(post)
    assert post.state == Post.State.HELD
    assert item.priority == ReviewItem.Priority.CRISIS
    assert item.source == ReviewItem.Source.HARMFUL
    notice = Notification.objects.get(recipient=author, kind=Notification.Kind.POST_HELD)
    assert "You matter, and you are not alone" in notice.message
    assert "Need help now?" in notice.message


def test_encouraging_self_harm_is_held(author, thread):
    post = _reply(author, thread, "honestly just kys")

    post.refresh_from_db()
    assert post.state == Post.State.HELD


def test_a_new_phrase_added_in_admin_is_found(author, thread):
    CrisisPhrase.objects.create(phrase="walk into the sea", language="en")

    post = _reply(author, thread, "I keep thinking I should walk into the sea.")

    assert _item(post).crisis_detected


def test_a_crisis_thread_title_counts_too(author, open_group):
    thread = posts.thread_create(
        author=author, group=open_group, title="I want to die", body="That is all."
    )

    assert _item(thread.posts.get()).crisis_detected


# --- New members --------------------------------------------------------------------------


def test_a_new_members_first_posts_wait_for_a_moderator(open_group, author, thread):
    open_group.hold_first_posts = 2
    open_group.save()

    first = _reply(author, thread, "Hello, I am new here.")
    second = _reply(author, thread, "Still finding my feet.")
    third = _reply(author, thread, "Thank you all for the welcome.")

    states = [Post.objects.get(pk=p.pk).state for p in (first, second, third)]
    assert states == [Post.State.HELD, Post.State.HELD, Post.State.VISIBLE]
    assert _item(first).source == ReviewItem.Source.NEW_MEMBER
    assert _item(first).priority == ReviewItem.Priority.NORMAL
    notice = Notification.objects.filter(recipient=author, kind=Notification.Kind.POST_HELD)
    assert notice.count() == 2
    assert "first posts are read by a moderator" in notice.first().message


def test_a_moderators_posts_are_not_held_as_a_new_members(open_group, moderator, thread):
    open_group.hold_first_posts = 3
    open_group.save()

    post = _reply(moderator, thread, "Welcome, everyone.")

    assert Post.objects.get(pk=post.pk).state == Post.State.VISIBLE


def test_a_new_members_crisis_post_is_held_but_still_urgent(open_group, author, thread):
    open_group.hold_first_posts = 1
    open_group.save()

    post = _reply(author, thread, "I don't want to live anymore.")

    item = _item(post)
    assert Post.objects.get(pk=post.pk).state == Post.State.HELD
    assert item.priority == ReviewItem.Priority.CRISIS
    assert item.crisis_detected


# --- Contact details ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ("Call me any time on +44 7700 900123", "phone"),
        ("رقمي ٠٥٥٥ ١٢٣ ٤٥٦", "phone"),
        ("write to me: layla.k@example.com", "email"),
        ("my insta: layla.k22", "handle"),
        ("find me @quiet_harbour", "handle"),
        ("t.me/someone_here", "handle"),
    ],
)
def test_contact_details_are_held_for_the_authors_safety(author, thread, body, kind):
    post = _reply(author, thread, body)

    post.refresh_from_db()
    item = _item(post)
    assert post.state == Post.State.HELD
    assert item.source == ReviewItem.Source.SELF_DISCLOSURE
    assert item.priority == ReviewItem.Priority.HIGH
    assert kind in item.flags[0]["kinds"]
    notice = Notification.objects.get(recipient=author, kind=Notification.Kind.POST_HELD)
    assert "for your safety" in notice.message


@pytest.mark.parametrize(
    "body",
    [
        "It started on 2024-01-15 and lasted weeks.",
        "Between 2019 2020 everything changed.",
        "I slept 8 hours for the first time in 3 weeks.",
    ],
)
def test_dates_and_numbers_are_not_mistaken_for_phone_numbers(author, thread, body):
    post = _reply(author, thread, body)

    assert Post.objects.get(pk=post.pk).state == Post.State.VISIBLE


# --- Watched words ------------------------------------------------------------------------


def test_a_blocked_word_refuses_the_post_and_keeps_the_text(client, author, thread):
    WatchedWord.objects.create(pattern="buy cheap pills", action=WatchedWord.Action.BLOCK)
    client.force_login(author)

    response = client.post(thread.get_absolute_url(), {"body": "You can BUY CHEAP PILLS here"})

    page = response.content.decode()
    assert response.status_code == 400
    assert "Your post contains words this group does not allow." in page
    assert "You can BUY CHEAP PILLS here" in page
    assert not Post.objects.filter(thread=thread).exists()


def test_the_service_refuses_a_blocked_word_and_writes_nothing(author, open_group):
    WatchedWord.objects.create(pattern="spamword", action=WatchedWord.Action.BLOCK)

    with pytest.raises(ValidationError):
        posts.thread_create(author=author, group=open_group, title="Hi", body="spamword!")

    assert not Post.objects.exists()


def test_a_held_word_waits_for_review(author, thread):
    WatchedWord.objects.create(pattern="diet pills", action=WatchedWord.Action.HOLD)

    post = _reply(author, thread, "Has anyone tried diet pills?")

    assert Post.objects.get(pk=post.pk).state == Post.State.HELD
    assert _item(post).source == ReviewItem.Source.WATCHED_WORD


def test_a_flagged_word_stays_visible_with_an_item(author, thread):
    WatchedWord.objects.create(pattern="therapist", action=WatchedWord.Action.FLAG)

    post = _reply(author, thread, "My therapist says otherwise.")

    assert Post.objects.get(pk=post.pk).state == Post.State.VISIBLE
    assert _item(post).flags[0]["action"] == "flag"


def test_a_censored_word_is_blanked_out_for_readers_only(author, thread):
    WatchedWord.objects.create(pattern="idiot", action=WatchedWord.Action.CENSOR)

    post = _reply(author, thread, "Only an IDIOOOT would say that.")

    post.refresh_from_db()
    assert "IDIOOOT" not in post.body_html
    assert "•••" in post.body_html
    assert post.body == "Only an IDIOOOT would say that."
    assert post.state == Post.State.VISIBLE


def test_arabic_watched_words_match_with_prefixes_and_without_hamza(author):
    group = SupportGroupFactory(language="ar")
    member = MembershipFactory(group=group, user=author).user
    WatchedWord.objects.create(pattern="أحمق", language="ar", action=WatchedWord.Action.HOLD)

    thread = posts.thread_create(author=member, group=group, title="سؤال", body="يا احمقك")

    assert thread.posts.get().state == Post.State.HELD


def test_a_watched_word_for_one_language_leaves_other_groups_alone(author, thread):
    WatchedWord.objects.create(pattern="hello", language="ar", action=WatchedWord.Action.HOLD)

    post = _reply(author, thread, "hello there")

    assert Post.objects.get(pk=post.pk).state == Post.State.VISIBLE


def test_a_regular_expression_watched_word(author, thread):
    WatchedWord.objects.create(
        pattern=r"free\s+(money|cash)", is_regex=True, action=WatchedWord.Action.HOLD
    )

    post = _reply(author, thread, "Get FREE   cash now")

    assert Post.objects.get(pk=post.pk).state == Post.State.HELD


def test_an_edit_is_screened_as_a_new_post_would_be(author, thread):
    post = _reply(author, thread, "An ordinary reply.")
    post.body = "Does anyone know the lethal dose?"
    post.save(update_fields=["body"])
    membership = Membership.objects.get(user=author, group=thread.group)

    screening = screen_edited_post(post=post, membership=membership)

    assert screening.held
    assert Post.objects.get(pk=post.pk).state == Post.State.HELD


# --- The author sees resources, moderators are alerted --------------------------------------


def test_the_author_sees_crisis_resources_right_after_posting(client, author, thread):
    client.force_login(author)

    response = client.post(
        thread.get_absolute_url(), {"body": "I can't go on like this."}, follow=True
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="crisis-panel"' in page
    assert "Find A Helpline" in page
    assert reverse("moderation:help") in page
    assert "I can&#x27;t go on like this." in page or "go on like this" in page
    again = client.get(thread.get_absolute_url()).content.decode()
    assert 'class="crisis-panel"' not in again


def test_the_panel_comes_after_a_new_crisis_thread_in_arabic(client, author, open_group):
    client.force_login(author)
    client.cookies["django_language"] = "ar"

    response = client.post(
        reverse("posts:thread_create", args=[open_group.slug]),
        {"title": "ليلة صعبة", "body": "أفكر في الانتحار"},
        follow=True,
    )

    page = response.content.decode()
    assert 'class="crisis-panel"' in page
    assert "خدمات الطوارئ" in page


def test_a_held_crisis_post_shows_the_waiting_panel(client, author, thread):
    client.force_login(author)

    page = client.post(
        thread.get_absolute_url(), {"body": "what is the lethal dose"}, follow=True
    ).content.decode()

    assert "Your post is waiting for a moderator" in page


def test_no_panel_for_an_ordinary_post(client, author, thread):
    client.force_login(author)

    page = client.post(
        thread.get_absolute_url(), {"body": "Thinking of you all."}, follow=True
    ).content.decode()

    assert 'class="crisis-panel"' not in page


def test_on_duty_moderators_are_alerted_once_the_post_is_committed(
    open_group, author, thread, moderator, django_capture_on_commit_callbacks
):
    off_duty = trained_moderator(open_group)
    ModeratorPresence.objects.create(user=off_duty, on_duty=False)
    untrained = MembershipFactory(group=open_group, role=Membership.Role.MODERATOR).user

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _reply(author, thread, "I want to die.")
    assert not Notification.objects.filter(kind=Notification.Kind.QUEUE_NEW_ITEM).exists()
    for callback in callbacks:
        callback()

    alerted = Notification.objects.filter(kind=Notification.Kind.QUEUE_NEW_ITEM)
    assert list(alerted.values_list("recipient_id", flat=True)) == [moderator.pk]
    assert "crisis item" in alerted.get().message
    assert not alerted.filter(recipient__in=[off_duty, untrained, author]).exists()


def test_editing_contact_details_into_a_post_holds_it(author, thread):
    post = _reply(author, thread, "An ordinary reply.")

    posts.post_edit(editor=author, post=post, body="Call me on +44 7700 900123")

    assert Post.objects.get(pk=post.pk).state == Post.State.HELD
    assert _item(post).source == ReviewItem.Source.SELF_DISCLOSURE


def test_an_edit_cannot_bring_in_a_blocked_word(author, thread):
    WatchedWord.objects.create(pattern="spamword", action=WatchedWord.Action.BLOCK)
    post = _reply(author, thread, "An ordinary reply.")

    with pytest.raises(ValidationError):
        posts.post_edit(editor=author, post=post, body="now with spamword")

    assert Post.objects.get(pk=post.pk).body == "An ordinary reply."
