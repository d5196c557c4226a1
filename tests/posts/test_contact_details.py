"""Contact details, both sides: ordinary sentences in both languages pass untouched, real
contact details are caught, and the composer warns about exactly what screening holds.

The sentences live in tests/posts/data: contact_details_ordinary.txt (must pass) and
contact_details_shared.tsv (must be caught, with the kind).
"""

import time
from pathlib import Path

import pytest
from django.urls import reverse

from moderation.models import ReviewItem
from posts.contact_details import contact_details, post_contact_details
from posts.forms import ReplyForm
from posts.models import Post

DATA = Path(__file__).parent / "data"


def _lines(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


ORDINARY = _lines("contact_details_ordinary.txt")
SHARED = [tuple(line.split("\t", 1)) for line in _lines("contact_details_shared.tsv")]


def _arabic(text: str) -> bool:
    return any("\u0600" <= char <= "\u06ff" for char in text)


def test_the_data_covers_both_languages_and_every_kind():
    assert len(ORDINARY) >= 200
    assert sum(_arabic(line) for line in ORDINARY) >= 100
    assert sum(not _arabic(line) for line in ORDINARY) >= 100
    for kind in ("phone", "email", "handle"):
        shared = [text for found, text in SHARED if found == kind]
        assert sum(_arabic(text) for text in shared) >= 5, kind
        assert sum(not _arabic(text) for text in shared) >= 5, kind


@pytest.mark.parametrize("sentence", ORDINARY)
def test_an_ordinary_sentence_passes_untouched(sentence):
    assert contact_details(sentence) == []


@pytest.mark.parametrize(("kind", "text"), SHARED)
def test_shared_contact_details_are_caught(kind, text):
    assert kind in contact_details(text)


@pytest.mark.parametrize(
    "text",
    [
        "رقمي ٠٥٥٥\u200b١٢٣\u200b٤٥٦",  # zero-width spaces between the digits
        "my number 0555\u2066123\u2069456",  # bidi isolates
        "０５５５ １２３ ４５６ call me",  # fullwidth digits
        "sara\u200b@gmail.com",
    ],
)
def test_hidden_characters_do_not_hide_contact_details(text):
    assert contact_details(text) != []


def test_a_long_post_is_read_in_bounded_time():
    text = ("I was at home at 10:30, @sara, on 2024-01-15; ٠١٢٣ insta: it " * 1000)[:50_000]

    begin = time.perf_counter()
    found = contact_details(text)
    elapsed = time.perf_counter() - begin

    assert found == []
    assert elapsed < 1.0


def test_the_title_and_the_content_warning_are_read_too():
    assert post_contact_details(title="Call me 0555 123 456", body="Hard week.") == ["phone"]
    assert post_contact_details(body="Hard week.", content_warning="insta: laylaa_92") == ["handle"]
    assert post_contact_details(body="Hard week.", content_warning="mentions self-harm") == []


# --- Through the composer and screening: warned about exactly what would be held ---------

SAMPLE_ORDINARY = ORDINARY[::8]
SAMPLE_SHARED = SHARED[::4]


@pytest.fixture
def writer(client, starter, settings):
    settings.SANAD_RATE_LIMITS = {**settings.SANAD_RATE_LIMITS, "post": "1000/300"}
    client.force_login(starter)
    return starter


@pytest.fixture
def thread(open_group, start, member_of):
    return start(member_of(open_group), open_group)


@pytest.mark.django_db
@pytest.mark.parametrize("sentence", SAMPLE_ORDINARY)
def test_an_ordinary_reply_is_posted_without_a_warning_or_a_hold(client, writer, thread, sentence):
    response = client.post(thread.get_absolute_url(), {"body": sentence})

    assert response.status_code == 302
    post = Post.objects.get(thread=thread, author=writer)
    assert post.state == Post.State.VISIBLE
    assert not ReviewItem.objects.filter(
        post=post, source=ReviewItem.Source.SELF_DISCLOSURE
    ).exists()
    assert not any(
        flag.get("source") == ReviewItem.Source.SELF_DISCLOSURE
        for item in ReviewItem.objects.filter(post=post)
        for flag in item.flags
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("kind", "text"), SAMPLE_SHARED)
def test_contact_details_are_warned_about_then_held_when_posted_anyway(
    client, writer, thread, kind, text
):
    messages = {
        "phone": "It looks like a phone number.",
        "email": "It looks like an email address.",
        "handle": "It looks like a social media handle or profile link.",
    }

    warned = client.post(thread.get_absolute_url(), {"body": text})

    assert warned.status_code == 400
    assert messages[kind] in warned.content.decode()
    assert not Post.objects.filter(thread=thread, author=writer).exists()

    posted = client.post(thread.get_absolute_url(), {"body": text, "share_anyway": "on"})

    assert posted.status_code == 302
    post = Post.objects.get(thread=thread, author=writer)
    assert post.state == Post.State.HELD
    item = ReviewItem.objects.get(post=post)
    disclosure = [f for f in item.flags if f["source"] == ReviewItem.Source.SELF_DISCLOSURE]
    assert kind in disclosure[0]["kinds"]


@pytest.mark.django_db
def test_the_composer_and_screening_read_every_sentence_alike(open_group):
    for text in [*ORDINARY, *(text for _kind, text in SHARED)]:
        form = ReplyForm(data={"body": text}, group=open_group)
        assert form.contact_details == contact_details(text), text


@pytest.mark.django_db
def test_contact_details_in_a_content_warning_are_warned_about_and_held(client, writer, thread):
    data = {"body": "Hard week.", "content_warning": "snap: laylaa_92"}

    assert client.post(thread.get_absolute_url(), data).status_code == 400
    assert client.post(thread.get_absolute_url(), {**data, "share_anyway": "on"}).status_code == 302

    assert Post.objects.get(thread=thread, author=writer).state == Post.State.HELD


@pytest.mark.django_db
def test_the_warning_reads_in_arabic(client, writer, thread):
    client.cookies["django_language"] = "ar"

    page = client.post(thread.get_absolute_url(), {"body": "سنابي: laylaa_92"}).content.decode()

    assert "قبل النشر" in page
    assert "سنابي: laylaa_92" in page


@pytest.mark.django_db
def test_a_new_thread_with_an_ordinary_at_is_published_for_the_whole_group(
    client, writer, open_group, member_of
):
    """The defect of issue 11: "I was at home. Mum..." read as an email held the
    opening post, and the whole thread disappeared for the group."""
    response = client.post(
        reverse("posts:thread_create", args=[open_group.slug]),
        {"title": "A long night", "body": "I was at home. Mum was asleep and I could not."},
    )

    assert response.status_code == 302
    opening = Post.objects.get(author=writer, is_opening=True)
    assert opening.state == Post.State.VISIBLE
    other = member_of(open_group)
    client.force_login(other)
    assert "A long night" in client.get(open_group.get_absolute_url()).content.decode()
