"""The leak suite, ordering and timing (issue 16): two personas of one account, in two
groups, cannot be ordered or timed against each other from anything another member
receives.

Member C belongs to both of A's groups (G1, where A posts anonymously as P1, and G2,
where A posts as P2) and watches A's threads in both. A writes in G1 and then in G2 a
moment later. Everything C receives is collected: every page and fragment the leak suite
visits, htmx answers, live thread and notification messages, emails and C's own export.
In all of it:

- no post, thread or notification carries its global id (posts are named by thread and
  number, threads and notifications by opaque public ids), so nothing says that A's
  post in G1 came just before A's post in G2;
- every time is to the minute, so two posts written seconds apart read as the same
  minute, and nothing finer lines them up.

Ids are pushed far from any count or number a page shows, so that finding one in
the text can only mean the id leaked.
"""

import json
import re

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from notifications.models import Notification
from posts import services as post_services
from posts.models import Post, Thread
from privacy import jobs as privacy_jobs
from tests.factories import MembershipFactory
from tests.test_leak_suite import Scenario, _urls

POST_ID_BASE = 7_340_000
THREAD_ID_BASE = 5_820_000
NOTE_ID_BASE = 6_190_000

# An ISO 8601 time, as in datetime attributes and JSON: seconds and fraction optional.
ISO_TIME = re.compile(r"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::(\d{2})(?:\.(\d+))?)?")
# A clock time with seconds, as some formats print it (10:15:42).
CLOCK_WITH_SECONDS = re.compile(r"(?<![\d:.])\d{1,2}:\d{2}:(\d{2})(?:\.\d+)?(?![\d])")
# Unix times in data attributes (live timers).
UNIX_TIME = re.compile(r'data-[\w-]+="(1\d{9})"')


def _distinct_ids() -> None:
    for model, base in (
        (Post, POST_ID_BASE),
        (Thread, THREAD_ID_BASE),
        (Notification, NOTE_ID_BASE),
    ):
        table = model._meta.db_table
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", [table, base])
            else:
                cursor.execute("DELETE FROM sqlite_sequence WHERE name = %s", [table])
                cursor.execute(
                    "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, base]
                )


def _world():
    """The leak suite's scenario, C in both groups watching A's threads in both, and A
    writing in G1 and then in G2 within seconds."""
    _distinct_ids()
    s = Scenario()
    s.c = MembershipFactory(group=s.g1).user
    MembershipFactory(group=s.g2, user=s.c)
    for thread in (s.a_thread, s.g2_thread):
        post_services.subscription_set(user=s.c, thread=thread, level="watch")
    return s


def _a_writes_in_both_groups(s):
    s.a_in_g1 = post_services.post_create(
        author=s.a, thread=s.a_thread, body="Later that night, in G1.", anonymous=True
    )
    s.a_in_g2 = post_services.post_create(
        author=s.a, thread=s.g2_thread, body="Moments after, in G2."
    )


def _assert_no_order_or_time_leaks(text: str, where: str) -> None:
    ids = {
        "post": Post.objects.filter(pk__gte=POST_ID_BASE).values_list("pk", flat=True),
        "thread": Thread.objects.filter(pk__gte=THREAD_ID_BASE).values_list("pk", flat=True),
        "notification": Notification.objects.filter(pk__gte=NOTE_ID_BASE).values_list(
            "pk", flat=True
        ),
    }
    assert len(ids["post"]) > 5 and len(ids["thread"]) > 2
    for kind, pks in ids.items():
        for pk in pks:
            assert not re.search(rf"(?<!\d){pk}(?!\d)", text), f"{where} carries {kind} id {pk}"
    for match in ISO_TIME.finditer(text):
        seconds, fraction = match.group(1), match.group(2)
        assert seconds in (None, "00") and fraction is None, f"{where}: {match.group(0)}"
    for clock in CLOCK_WITH_SECONDS.finditer(text):
        assert clock.group(0).endswith(":00"), f"{where} shows a time to the second: {clock[0]}"
    for value in UNIX_TIME.findall(text):
        assert int(value) % 60 == 0, f"{where}: unix time {value} is not to the minute"


# The response's own time (never_cache's Expires is "now"), about no post.
RESPONSE_TIME_HEADERS = {"Expires", "Date"}


def _text(response) -> str:
    headers = "\n".join(
        f"{name}: {value}"
        for name, value in response.headers.items()
        if name not in RESPONSE_TIME_HEADERS
    )
    return f"{response.content.decode(errors='replace')}\n{headers}"


@pytest.fixture
def world(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        s = _world()
        # The leak suite's URLs, named while G2's thread still has one post.
        s.urls = _urls(s)
        _a_writes_in_both_groups(s)
    return s


@pytest.mark.parametrize("language", ["en", "ar"])
def test_no_page_or_fragment_c_receives_orders_or_times_as_posts(world, language):
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(world.c)
    client.cookies["django_language"] = language
    for thread in (world.a_thread, world.g2_thread, world.b_thread):
        for post in thread.posts.all():
            _assert_no_order_or_time_leaks(
                _text(client.get(post.get_absolute_url(), follow=True)), f"link to {post}"
            )

    for name, urls in world.urls.items():
        for url in urls:
            response = client.get(url)
            assert response.status_code < 500, url
            _assert_no_order_or_time_leaks(_text(response), f"GET {url} ({name})")

    htmx = {"HTTP_HX_REQUEST": "true"}
    for post in (world.a_in_g1, world.a_in_g2):
        for url, data in [
            (post.url("posts:post_react"), {"reaction": "support:on"}),
            (post.url("posts:post_bookmark"), {"active": "on"}),
        ]:
            response = client.post(url, data, **htmx)
            assert response.status_code == 200, url
            _assert_no_order_or_time_leaks(_text(response), f"htmx POST {url}")
    for page in (reverse("notifications:list"), reverse("posts:bookmarks"), "/"):
        _assert_no_order_or_time_leaks(_text(client.get(page)), f"GET {page} after acting")


def test_the_notifications_and_emails_c_receives_name_no_post_and_no_second(
    world, django_capture_on_commit_callbacks
):
    from notifications.models import KindPreference

    KindPreference.objects.update_or_create(
        user=world.c, kind=Notification.Kind.REPLY, defaults={"email": True}
    )
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        post_services.post_create(author=world.a, thread=world.a_thread, body="Once more, G1.")
        post_services.post_create(author=world.a, thread=world.g2_thread, body="Once more, G2.")

    told = Notification.objects.filter(recipient=world.c)
    assert told.count() >= 2
    client = Client()
    client.force_login(world.c)
    for notification in told:
        address = reverse("notifications:open", args=[notification.pk])
        _assert_no_order_or_time_leaks(_text(client.get(address)), "a notification's page")
        followed = client.post(address)
        _assert_no_order_or_time_leaks(followed["Location"], "a notification's link")
        read = reverse("notifications:mark_read", args=[notification.pk])
        fragment = client.post(read, HTTP_HX_REQUEST="true")
        _assert_no_order_or_time_leaks(_text(fragment), "a notification fragment")
    for message in mail.outbox:
        bodies = [message.body] + [content for content, _type in message.alternatives]
        _assert_no_order_or_time_leaks(
            "\n".join([message.subject, *bodies]), f"email {message.subject}"
        )


def test_c_s_export_names_others_posts_by_thread_and_number_to_the_minute(world):
    post_services.reaction_set(user=world.c, post=world.a_in_g1, kind="support", active=True)
    post_services.bookmark_set(user=world.c, post=world.a_in_g2, active=True)

    export = json.dumps(privacy_jobs._collect(world.c, timezone.now()), ensure_ascii=False)

    _assert_no_order_or_time_leaks(export, "C's export")
    assert f'"number": {world.a_in_g1.number}' in export


@pytest.mark.django_db(transaction=True)
async def test_the_live_messages_c_receives_name_posts_by_number_only():
    from config.asgi import application

    world = await database_sync_to_async(_world)()

    @database_sync_to_async
    def cookie_of(user):
        client = Client()
        client.force_login(user)
        return f"sessionid={client.cookies['sessionid'].value}".encode()

    headers = [(b"origin", b"http://testserver"), (b"cookie", await cookie_of(world.c))]
    sockets = [
        WebsocketCommunicator(
            application, f"/ws/threads/{thread.public_id}/?lang=en", headers=headers
        )
        for thread in (world.a_thread, world.g2_thread)
    ]
    sockets.append(WebsocketCommunicator(application, "/ws/notifications/", headers=headers))
    for socket in sockets:
        connected, _code = await socket.connect()
        assert connected

    await database_sync_to_async(_a_writes_in_both_groups)(world)

    received = []
    for socket in sockets:
        while not await socket.receive_nothing(timeout=1):
            received.append(await socket.receive_from())
        await socket.disconnect()

    live = [json.loads(message) for message in received]
    assert {m.get("type") for m in live} >= {"post.created"}
    assert sorted(m["number"] for m in live if m.get("type") == "post.created") == sorted(
        [world.a_in_g1.number, world.a_in_g2.number]
    )
    await database_sync_to_async(_assert_no_order_or_time_leaks)(
        "\n".join(received), "the live messages"
    )
