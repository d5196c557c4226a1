"""Oracle tests: no list, count, badge, order or mark tells who is behind an anonymous post.

Part of the leak suite (tests/test_leak_suite.py looks for strings that must never
appear; these look for differences that must never appear). Each test builds the same
group twice, in two situations that differ only in who wrote the anonymous posts: the
member S who also writes under the persona "Harbour Lantern 301", or another member C.
Everything else is identical, down to the database ids and the timestamps. Every page,
fragment and email that another member (V), the group's moderator (M) and a staff
member without the reveal permission (T) can open must then read the same in both
situations, once ids, times and CSRF tokens are masked: any difference is something a
reader could use to tell whether the anonymous author is S.

The old "waiting for a reply" list was such an oracle: a named thread of S whose only
reply was anonymous stayed on it exactly when the reply was S's own.
"""

import difflib
import re
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.core import mail
from django.db import connection, models, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Persona
from audit.models import AuditEntry
from delivery import services as notifications
from groups.models import Membership
from moderation import services as moderation
from moderation.models import ReviewItem
from posts import services as posts
from tests.factories import (
    MembershipFactory,
    SupportGroupFactory,
    UserFactory,
    give_mfa,
    give_verified_email,
    trained_moderator,
    want_emails,
)

pytestmark = pytest.mark.django_db


def _named(user, name: str):
    persona = user.personas.get(is_default=True)
    Persona.objects.filter(pk=persona.pk).update(name=name, name_key=name.lower())
    persona.refresh_from_db()
    return persona


@dataclass
class World:
    """What both situations share: the group, its members, their names."""

    group: object
    s: object
    c: object
    v: object
    moderator: object
    staff: object

    @classmethod
    def build(cls) -> "World":
        group = SupportGroupFactory(name="Oracle Circle", slug="oracle-circle")
        s, c, v = UserFactory(), UserFactory(), UserFactory()
        for user, name in ((s, "Harbour Lantern 301"), (c, "Willow Sparrow 302")):
            _named(user, name)
            MembershipFactory(user=user, group=group)
        _named(v, "Calm Reader 303")
        MembershipFactory(user=v, group=group)
        moderator = trained_moderator(group)
        _named(moderator, "Steady Keeper 304")
        Membership.objects.filter(user=moderator).update(
            persona=moderator.personas.get(is_default=True)
        )
        # S and C each had a signed post removed before, on different days: their records
        # count the same, and nothing on a moderator's screen may say which one it was.
        for user, days_ago in ((s, 3), (c, 9)):
            thread = posts.thread_create(
                author=user, group=group, title=f"Earlier, {days_ago} days ago", body="Advice."
            )
            opening = thread.posts.get()
            item = moderation.report_create(reporter=v, post=opening, reason="medical").item
            moderation.item_remove(moderator=moderator, item_id=item.pk, reason="medical")
            when = timezone.now() - timezone.timedelta(days=days_ago)
            ReviewItem.objects.filter(pk=item.pk).update(created_at=when, resolved_at=when)
            AuditEntry.objects.filter(details__item_id=item.pk).update(created_at=when)
        staff = UserFactory(is_staff=True)
        give_mfa(staff)
        give_verified_email(v)
        want_emails(v, "reply", email_style="detailed", digest="daily")
        return cls(group=group, s=s, c=c, v=v, moderator=moderator, staff=staff)


def _anonymous_life_of_a_group(world: World, who) -> dict:
    """The story both situations tell; `who` writes every anonymous post, S every named
    one. V follows, reacts, bookmarks and reports; the moderator warns and mutes the
    anonymous author."""
    s, v = world.s, world.v
    named = posts.thread_create(
        author=s, group=world.group, title="Is anyone else awake", body="Lying here again."
    )
    posts.subscription_set(user=v, thread=named, level="watch")
    quiet = posts.post_create(
        author=who, thread=named, body="Quietly awake too, every night.", anonymous=True
    )
    unsigned = posts.thread_create(
        author=who,
        group=world.group,
        title="Nobody knows I am here",
        body="Writing this quietly.",
        anonymous=True,
    )
    posts.post_create(author=s, thread=unsigned, body="I read you, quietly.")
    posts.reaction_set(user=v, post=quiet, kind="support", active=True)
    posts.bookmark_set(user=v, post=quiet, active=True)
    report = moderation.report_create(reporter=v, post=quiet, reason="harassment")
    moderation.member_warn(moderator=world.moderator, item_id=report.item_id, note="Be gentle.")
    moderation.member_mute(
        moderator=world.moderator, item_id=report.item_id, duration="24h", reason="Cool down."
    )
    return {"named": named, "unsigned": unsigned, "quiet": quiet, "item": report.item}


# --- Making the two situations comparable ---------------------------------------------------


def _sequences() -> list[tuple]:
    if connection.vendor != "postgresql":
        # SQLite's AUTOINCREMENT counters roll back with the savepoint.
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT schemaname, sequencename, last_value FROM pg_sequences "
            "WHERE schemaname = current_schema()"
        )
        return cursor.fetchall()


def _restore_sequences(snapshot: list[tuple]) -> None:
    """PostgreSQL sequences do not roll back: put them where they were, so the second
    situation hands out the very ids the first one did."""
    with connection.cursor() as cursor:
        for schema, name, last_value in snapshot:
            qualified = f'"{schema}"."{name}"'
            if last_value is None:
                cursor.execute("SELECT setval(%s, 1, false)", [qualified])
            else:
                cursor.execute("SELECT setval(%s, %s, true)", [qualified, last_value])


def _pin_times(moment, since) -> None:
    """Every timestamp written during the situation becomes the same moment, so dates,
    "3 minutes ago" and orderings by time cannot differ between the two.

    Deadlines still to come (a mute's end, a training's expiry) keep their distance from
    now, to the hour, measured from the pinned moment: pinned to the moment itself they
    would lapse while the pages render, sooner or later depending on the machine's speed.
    """
    now = timezone.now()
    hour = timezone.timedelta(hours=1)
    for model in apps.get_models():
        fields = [
            f.name for f in model._meta.concrete_fields if isinstance(f, models.DateTimeField)
        ]
        manager = model._default_manager
        for name in fields:
            manager.filter(**{f"{name}__gte": since, f"{name}__lte": now}).update(**{name: moment})
            for pk, value in manager.filter(**{f"{name}__gt": now}).values_list("pk", name):
                ahead = round((value - now) / hour) * hour
                manager.filter(pk=pk).update(**{name: moment + ahead})


_ATTRIBUTE = re.compile(r'="([^"]*)"')
# Django's CSRF tokens: 64 letters and digits, in a form field or a data attribute.
_CSRF = re.compile(r'="[A-Za-z0-9]{64}"')
# The queue's countdowns run with the clock between the two renderings.
_TIMER = re.compile(r'(class="timer-value"[^>]*>)[^<]*')
_UNSUBSCRIBE = re.compile(r"/unsubscribe/[^\s\"'<>]+")
_URL = re.compile(r"https?://[^\s\"'<>]+")


# Threads' and notifications' public ids (config.public_ids), ids like any other.
_PUBLIC_ID = re.compile(r"(?<![a-z0-9])[a-z2-7]{13}(?![a-z0-9])")


def _masked_ids(text: str) -> str:
    return re.sub(r"\d+", "#", _PUBLIC_ID.sub("~", text))


def normalised(text: str) -> str:
    """The page as a reader compares it: ids in attributes and links, countdowns and
    tokens masked, nothing else. Dates stay: the situations pin every time they write,
    and a date is exactly what ties one item to another."""
    text = _CSRF.sub('="-"', text)
    text = _UNSUBSCRIBE.sub("/unsubscribe/-", text)
    # Addresses in an email's text carry ids, like the attributes of a page.
    text = _URL.sub(lambda m: _masked_ids(m.group(0)), text)
    text = _ATTRIBUTE.sub(lambda m: '="' + _masked_ids(m.group(1)) + '"', text)
    text = _TIMER.sub(r"\1#:##", text)
    return re.sub(r"\s+", " ", text)


def _client(user, language: str = "en") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.cookies["django_language"] = language
    client.force_login(user)
    return client


def _pages(world: World, story: dict, language: str) -> dict[str, str]:
    """Every list, count and mark another member, the moderator and staff can read."""
    g = world.group.slug
    member = {
        "home": "/",
        "waiting": reverse("posts:waiting"),
        "group waiting": reverse("posts:group_waiting", args=[g]),
        "group page": reverse("groups:detail", args=[g]),
        "named thread": story["named"].get_absolute_url(),
        "anonymous thread": story["unsigned"].get_absolute_url(),
        "search": reverse("posts:search") + "?q=quietly",
        "search in group": reverse("posts:search") + f"?q=awake&group={g}",
        "bookmarks": reverse("posts:bookmarks"),
        "notifications": reverse("notifications:list"),
        "directory": reverse("groups:directory"),
        "own persona in the group": reverse("groups:persona", args=[g]),
        "personas": reverse("personas:list"),
    }
    moderator = {
        "queue": reverse("moderation:queue"),
        "item": reverse("moderation:item", args=[story["item"].pk]),
        "members": reverse("groups:members", args=[g]),
        "manage": reverse("groups:manage", args=[g]),
        "group page": reverse("groups:detail", args=[g]),
        "named thread": story["named"].get_absolute_url(),
        "revisions": story["quiet"].url("posts:post_revisions"),
        "notifications": reverse("notifications:list"),
    }
    staff = {
        "audit log": reverse("moderation:audit"),
        "audit log of the item": reverse("moderation:audit") + f"?item={story['item'].pk}",
        "queue": reverse("moderation:queue"),
        "item": reverse("moderation:item", args=[story["item"].pk]),
        "health": reverse("moderation:health"),
        "reveal form": reverse("moderation:reveal", args=[story["quiet"].pk]),
    }
    rendered = {}
    for viewer, user, urls in (
        ("member V", world.v, member),
        ("moderator M", world.moderator, moderator),
        ("staff T", world.staff, staff),
    ):
        client = _client(user, language)
        for name, url in urls.items():
            response = client.get(url)
            rendered[f"{viewer}: {name} ({url})"] = (
                f"{response.status_code}\n{normalised(response.content.decode())}"
            )
    return rendered


def _emails(world: World) -> dict[str, str]:
    """The reply email V asked for, and V's digest."""
    from notifications.models import Notification

    ids = list(Notification.objects.filter(recipient=world.v).values_list("pk", flat=True))
    # Sent already if the worker ran (idempotent if so); then the day's digest.
    notifications.deliveries_send(notification_ids=ids)
    notifications.digest_send(user_id=world.v.pk)
    return {
        f"email {number} to V": normalised(
            "\n".join([message.subject, message.body, *[c for c, _t in message.alternatives]])
        )
        for number, message in enumerate(mail.outbox)
    }


def _situation(world: World, who, *, sequences, since, moment, django_capture, language) -> dict:
    from django.core.cache import cache

    cache.clear()
    mail.outbox = []
    _restore_sequences(sequences)
    with transaction.atomic():
        with django_capture(execute=True):
            story = _anonymous_life_of_a_group(world, who)
        _pin_times(moment, since)
        rendered = {**_pages(world, story, language), **_emails(world)}
        transaction.set_rollback(True)
    return rendered


def _assert_same(first: dict, second: dict) -> None:
    assert first.keys() == second.keys()
    problems = []
    for key in first:
        if first[key] != second[key]:
            diff = difflib.unified_diff(
                first[key].replace("> <", ">\n<").splitlines(),
                second[key].replace("> <", ">\n<").splitlines(),
                "anonymous posts by S",
                "anonymous posts by C",
                lineterm="",
                n=1,
            )
            problems.append(f"{key} tells who wrote the anonymous posts:\n" + "\n".join(diff))
    if problems:
        pytest.fail("\n\n".join(problems))


@pytest.fixture
def world(settings, monkeypatch):
    # The name a join page suggests is random by design: the same one in both situations.
    monkeypatch.setattr("groups.views.persona_name_suggestion", lambda **_: "Fresh Name 300")
    settings.SANAD_RATE_LIMITS = {scope: "1000/60" for scope in settings.SANAD_RATE_LIMITS}
    settings.SANAD_DIGEST_LOCAL_HOUR = 0
    settings.SANAD_DIGEST_WEEKDAY = timezone.now().weekday()
    return World.build()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_no_page_or_email_tells_whether_the_anonymous_author_also_writes_under_a_name(
    world, django_capture_on_commit_callbacks, language
):
    sequences = _sequences()
    since = timezone.now()
    moment = since + timezone.timedelta(seconds=1)
    common = {
        "sequences": sequences,
        "since": since,
        "moment": moment,
        "django_capture": django_capture_on_commit_callbacks,
        "language": language,
    }

    by_s = _situation(world, world.s, **common)
    by_c = _situation(world, world.c, **common)

    assert any("waiting" in key for key in by_s)
    assert len([key for key in by_s if key.startswith("email")]) >= 2
    _assert_same(by_s, by_c)


def test_the_comparison_notices_a_difference_a_reader_can_see(
    world, django_capture_on_commit_callbacks
):
    """The masks hide ids and times only: a reply under S's name and one under C's name
    (which every member can tell apart) must come out different."""

    def named_reply(author) -> dict:
        cache_clear_and_restore()
        with transaction.atomic():
            thread = posts.thread_create(
                author=world.v, group=world.group, title="Checking in", body="Hello."
            )
            posts.post_create(author=author, thread=thread, body="Hello back.")
            page = normalised(_client(world.v).get(thread.get_absolute_url()).content.decode())
            transaction.set_rollback(True)
        return {"thread": page}

    sequences = _sequences()

    def cache_clear_and_restore():
        from django.core.cache import cache

        cache.clear()
        _restore_sequences(sequences)

    by_s, by_c = named_reply(world.s), named_reply(world.c)

    assert by_s["thread"] != by_c["thread"]
    assert "Harbour Lantern 301" in by_s["thread"] and "Willow Sparrow 302" in by_c["thread"]
