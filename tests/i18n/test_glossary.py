"""The glossary applied (locale/GLOSSARY.md): one Arabic word per thing, Arabic
punctuation, the site's own name in Arabic titles, a sanction told as what it is."""

import pytest
from django.urls import reverse

from moderation import services
from posts import services as post_services
from tests.factories import MembershipFactory, PostFactory, ThreadFactory, trained_moderator

pytestmark = pytest.mark.django_db


@pytest.fixture
def arabic(client, member):
    client.cookies["django_language"] = "ar"
    client.force_login(member)
    return client


@pytest.fixture
def thread(open_group, member, join):
    join(member, open_group)
    return post_services.thread_create(
        author=member,
        group=open_group,
        title="Nights are long",
        body="I cannot sleep.",
        content_warning="sleeplessness",
    )


def test_arabic_titles_name_sanad_in_arabic(arabic, thread):
    page = arabic.get(thread.get_absolute_url()).content.decode()

    title = page[page.index("<title>") : page.index("</title>")]
    assert title.endswith("· سند")
    assert "Sanad" not in title


def test_a_label_ending_in_an_arabic_question_mark_has_no_colon(arabic, thread):
    post = thread.posts.get()

    page = arabic.get(
        reverse("moderation:report", args=[post.thread.public_id, post.number])
    ).content.decode()

    assert "؟:" not in page
    assert "؟</legend>" in page or "؟</label>" in page


def test_bookmark_and_save_are_different_words(arabic, thread):
    page = arabic.get(thread.get_absolute_url()).content.decode()

    bookmark = page[page.index('id="bookmark-') :]
    bookmark = bookmark[: bookmark.index("</button>")]
    assert bookmark.endswith(">أضف إشارة مرجعية")
    # "احفظ" stays for saving settings (the thread's notification level here).
    assert ">احفظ</button>" in page


def test_one_arabic_term_for_a_content_warning(arabic, thread, open_group):
    page = arabic.get(open_group.get_absolute_url()).content.decode()

    assert "تحذير من المحتوى: <bdi>sleeplessness</bdi>" in page
    assert "تنبيه بشأن المحتوى" not in page


def test_a_mute_is_told_as_a_decision_not_a_warning(client, open_group):
    moderator = trained_moderator(open_group)
    author = MembershipFactory(group=open_group).user
    post = PostFactory(thread=ThreadFactory(group=open_group), author=author, body="Rude.")
    reporter = MembershipFactory(group=open_group).user
    item = services.report_create(reporter=reporter, post=post, reason="harassment").item
    services.member_mute(moderator=moderator, item_id=item.pk, duration="24h", reason="Calm down.")
    client.force_login(author)

    english = client.get(reverse("notifications:list")).content.decode()
    client.cookies["django_language"] = "ar"
    arabic = client.get(reverse("notifications:list")).content.decode()

    assert "made a decision about your membership" in english
    assert "sent you a warning" not in english
    assert "قرارًا بشأن عضويتك" in arabic
    assert "تنبيه" not in arabic.split("notification-link")[1][:400]
