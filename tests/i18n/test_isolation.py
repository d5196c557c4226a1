"""A persona, title or group name in one script inside a sentence in the other is
isolated (<bdi> in pages and HTML emails, Unicode isolates in plain text), in both
languages, on pages, notifications and live replies."""

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.core import mail
from django.test import Client
from django.urls import reverse

from notifications.models import NotificationPreference
from posts import services as post_services
from tests.factories import MembershipFactory, SupportGroupFactory, give_verified_email, want_emails

ARABIC_PERSONA = "نجمة الصباح"
LATIN_TITLE = "Nights are long"
ARABIC_TITLE = "الليالي طويلة"
LATIN_PERSONA = "Lantern Keeper"


def _rename(user, name):
    persona = user.personas.get(is_default=True)
    persona.name = name
    persona.save(update_fields=["name"])
    return persona


@pytest.fixture
def conversation(db, django_capture_on_commit_callbacks):
    """An English group where an Arabic-named persona replies to an English title, and
    an Arabic group where a Latin-named persona replies to an Arabic title."""
    english = SupportGroupFactory(name="Evening circle")
    arabic = SupportGroupFactory(name="دائرة المساء", language="ar", slug="evening-ar")
    reader = MembershipFactory(group=english).user
    MembershipFactory(group=arabic, user=reader)
    arabic_replier = MembershipFactory(group=english).user
    latin_replier = MembershipFactory(group=arabic).user
    _rename(arabic_replier, ARABIC_PERSONA)
    _rename(latin_replier, LATIN_PERSONA)
    english_thread = post_services.thread_create(
        author=reader, group=english, title=LATIN_TITLE, body="I cannot sleep."
    )
    arabic_thread = post_services.thread_create(
        author=reader, group=arabic, title=ARABIC_TITLE, body="لا أستطيع النوم."
    )
    with django_capture_on_commit_callbacks(execute=True):
        post_services.post_create(author=arabic_replier, thread=english_thread, body="Same here.")
        post_services.post_create(author=latin_replier, thread=arabic_thread, body="أنا أيضًا.")
    return reader, english_thread, arabic_thread


def _client(user, language):
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.cookies["django_language"] = language
    client.force_login(user)
    return client


@pytest.mark.parametrize("language", ["ar", "en"])
def test_notifications_isolate_personas_and_titles_in_both_languages(conversation, language):
    reader, _english_thread, _arabic_thread = conversation

    page = _client(reader, language).get(reverse("notifications:list")).content.decode()

    assert f"<bdi>{ARABIC_PERSONA}</bdi>" in page
    assert f"<bdi>{LATIN_TITLE}</bdi>" in page
    assert f"<bdi>{LATIN_PERSONA}</bdi>" in page
    assert f"<bdi>{ARABIC_TITLE}</bdi>" in page


@pytest.mark.parametrize("language", ["ar", "en"])
def test_thread_pages_isolate_each_author(conversation, language):
    reader, english_thread, arabic_thread = conversation
    client = _client(reader, language)

    english = client.get(english_thread.get_absolute_url()).content.decode()
    arabic = client.get(arabic_thread.get_absolute_url()).content.decode()

    assert f'<span class="post-author"><bdi>{ARABIC_PERSONA}</bdi></span>' in english
    assert f'<span class="post-author"><bdi>{LATIN_PERSONA}</bdi></span>' in arabic


def test_a_group_name_is_isolated_in_headings_and_plain_in_the_title(conversation):
    reader, _english_thread, _arabic_thread = conversation
    client = _client(reader, "en")

    page = client.get(reverse("groups:leave", args=["evening-ar"])).content.decode()

    assert "<bdi>دائرة المساء</bdi>" in page
    assert "<title>Leave \u2068دائرة المساء\u2069" in page


def test_markup_in_a_name_is_escaped_inside_the_isolation(db, django_capture_on_commit_callbacks):
    group = SupportGroupFactory()
    reader = MembershipFactory(group=group).user
    replier = MembershipFactory(group=group).user
    _rename(replier, "<b>x</b>")
    thread = post_services.thread_create(
        author=reader, group=group, title="\u200f\u200f123", body="."
    )
    with django_capture_on_commit_callbacks(execute=True):
        post_services.post_create(author=replier, thread=thread, body="Hi")

    page = _client(reader, "ar").get(reverse("notifications:list")).content.decode()

    assert "<bdi>&lt;b&gt;x&lt;/b&gt;</bdi>" in page
    assert "<bdi>\u200f\u200f123</bdi>" in page


def test_emails_isolate_names_as_markup_and_as_plain_text(
    conversation, django_capture_on_commit_callbacks
):
    reader, english_thread, _arabic_thread = conversation
    give_verified_email(reader)
    want_emails(reader, "reply", email_style=NotificationPreference.EmailStyle.DETAILED)
    mail.outbox.clear()
    replier = MembershipFactory(group=english_thread.group).user
    _rename(replier, "قمر")

    with django_capture_on_commit_callbacks(execute=True):
        post_services.post_create(author=replier, thread=english_thread, body="Again.")

    sent = [m for m in mail.outbox if "قمر" in m.body]
    html = sent[0].alternatives[0][0]
    assert "<bdi>قمر</bdi>" in html
    assert "\u2068قمر\u2069" in sent[0].body
    assert "<bdi>" not in sent[0].body


@pytest.mark.django_db(transaction=True)
async def test_a_live_reply_speaks_the_readers_language_and_isolates_its_author():
    from config.asgi import application

    @database_sync_to_async
    def setup():
        group = SupportGroupFactory()
        reader = MembershipFactory(group=group).user
        replier = MembershipFactory(group=group).user
        _rename(replier, ARABIC_PERSONA)
        thread = post_services.thread_create(author=reader, group=group, title="T", body=".")
        client = Client()
        client.force_login(reader)
        return thread, replier, f"sessionid={client.cookies['sessionid'].value}"

    thread, replier, cookie = await setup()
    communicator = WebsocketCommunicator(
        application,
        f"/ws/threads/{thread.public_id}/?lang=en",
        headers=[(b"origin", b"http://testserver"), (b"cookie", cookie.encode())],
    )
    connected, _code = await communicator.connect()
    assert connected
    await database_sync_to_async(post_services.post_create)(
        author=replier, thread=thread, body="Same here."
    )

    message = await communicator.receive_json_from(timeout=5)
    await communicator.disconnect()
    assert "Sending support" in message["html"]
    assert "Me too" in message["html"]
    assert f"<bdi>{ARABIC_PERSONA}</bdi>" in message["html"]
