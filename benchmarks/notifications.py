"""Benchmarks for notifications, run by `python manage.py benchmark --only notifications.fanout`.

fanout: a reply in a thread watched by 10,000 members (times --scale), 1 in 10 of them
with the site open (the bell's presence key set) and 1 in 100 with reply emails turned
on. Timed: recording every notification and its deliveries, handling every push
delivery (sent live over the configured channel layer, Redis when REDIS_URL is set, to
the members online; marked skipped for the rest) and sending the emails (to an
in-memory mailbox), batch after batch through the same services the Celery tasks call.
The data is created inside a transaction that is rolled back at the end, so the
benchmark leaves the database as it found it; each batch runs in a savepoint there
instead of its own commit.
"""

import time

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.test.utils import override_settings

WATCHERS_AT_SCALE_1 = 10_000
ONLINE_ONE_IN = 10
EMAIL_ONE_IN = 100
TARGET_SECONDS = 10.0


def seed_watchers(*, group, thread, count: int, prefix: str, email_one_in: int = 0) -> list[int]:
    """`count` members of the group watching the thread, created in bulk.

    Every `email_one_in`-th one has a verified address and reply emails turned on.
    Shared with the fault tests, which need hundreds of watchers quickly.
    """
    from allauth.account.models import EmailAddress

    from accounts.models import Persona, User
    from groups.models import Membership
    from notifications.models import KindPreference, Notification
    from posts.models import Subscription

    # Nobody signs in as these members: an unusable password, made once.
    unusable = make_password(None)
    users = User.objects.bulk_create(
        [User(username=f"{prefix}-{number}", password=unusable) for number in range(count)],
        batch_size=2000,
    )
    personas = Persona.objects.bulk_create(
        [
            Persona(
                user=user,
                name=f"Watcher {prefix} {number}",
                name_key=f"watcher{prefix}{number}".lower().replace("-", ""),
                is_default=True,
            )
            for number, user in enumerate(users)
        ],
        batch_size=2000,
    )
    Membership.objects.bulk_create(
        [
            Membership(group=group, user=user, persona=persona)
            for user, persona in zip(users, personas, strict=True)
        ],
        batch_size=2000,
    )
    Subscription.objects.bulk_create(
        [Subscription(thread=thread, user=user, level=Subscription.Level.WATCH) for user in users],
        batch_size=2000,
    )
    if email_one_in:
        emailed = users[::email_one_in]
        EmailAddress.objects.bulk_create(
            [
                EmailAddress(
                    user=user, email=f"{user.username}@example.org", verified=True, primary=True
                )
                for user in emailed
            ],
            batch_size=2000,
        )
        KindPreference.objects.bulk_create(
            [
                KindPreference(user=user, kind=Notification.Kind.REPLY, email=True)
                for user in emailed
            ],
            batch_size=2000,
        )
    return [user.pk for user in users]


def _group_with_two_members():
    from accounts.models import User
    from accounts.services import account_set_up
    from groups.models import Membership, SupportGroup

    stamp = time.time_ns()
    group = SupportGroup.objects.create(
        name=f"Benchmark group {stamp}",
        slug=f"bench-notify-{stamp}",
        summary="Benchmark",
        language=SupportGroup.Language.ENGLISH,
    )
    members = []
    for role in ("author", "replier"):
        user = User.objects.create(username=f"bench-{role}-{stamp}", password=make_password(None))
        persona = account_set_up(user=user, language="en")
        Membership.objects.create(group=group, user=user, persona=persona)
        members.append(user)
    return group, members[0], members[1]


def _fanout(command, options) -> dict:
    from asgiref.sync import async_to_sync
    from channels.layers import get_channel_layer
    from django.core import mail

    from delivery import realtime, services
    from notifications.models import Delivery, Notification
    from posts import services as post_services

    watchers = max(10, int(WATCHERS_AT_SCALE_1 * options["scale"]))
    out = command.stdout
    figures: dict = {}
    with (
        override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
        transaction.atomic(),
    ):
        mail.outbox = []
        group, author, replier = _group_with_two_members()
        thread = post_services.thread_create(
            author=author, group=group, title="Benchmark thread", body="Is anyone there?"
        )
        started = time.perf_counter()
        watcher_ids = seed_watchers(
            group=group,
            thread=thread,
            count=watchers,
            prefix=f"bench{time.time_ns()}",
            email_one_in=EMAIL_ONE_IN,
        )
        online = watcher_ids[::ONLINE_ONE_IN]
        for user_id in online:
            async_to_sync(realtime.member_seen)(user_id)
        out.write(f"seeded {watchers} watchers in {time.perf_counter() - started:.1f} s")

        started = time.perf_counter()
        post = post_services.post_create(author=replier, thread=thread, body="I am here.")
        request_seconds = time.perf_counter() - started

        started = time.perf_counter()
        batches = recorded = pushed = push_skipped = emailed = 0
        while True:
            step = services.notification_create_for_reply(post_id=post.pk)
            result = services.deliveries_send(notification_ids=step.notification_ids)
            batches += 1
            recorded += len(step.notification_ids)
            pushed += result["pushed"]
            push_skipped += result["push_skipped"]
            emailed += result["emailed"]
            if step.finished:
                break
        seconds = time.perf_counter() - started

        assert Notification.objects.filter(post=post).count() == recorded
        assert not Delivery.objects.filter(
            notification__post=post, status=Delivery.Status.PENDING
        ).exists()
        figures = {
            "database": connection.vendor,
            "channel_layer": type(get_channel_layer()).__name__,
            "watchers": watchers,
            "batch_size": settings.SANAD_NOTIFICATION_FANOUT_BATCH,
            "batches": batches,
            "notifications_recorded": recorded,
            "members_online": len(online),
            "pushes_sent_live": pushed,
            "push_deliveries_handled": pushed + push_skipped,
            "emails_sent": emailed,
            "emails_in_outbox": len(mail.outbox),
            "reply_request_seconds": round(request_seconds, 3),
            "fanout_seconds": round(seconds, 3),
            "notifications_per_second": round(recorded / seconds) if seconds else None,
            "target_seconds": TARGET_SECONDS,
            # The target is for 10,000 watchers; smaller runs only show the rate.
            "target_met": seconds < TARGET_SECONDS if watchers >= WATCHERS_AT_SCALE_1 else None,
        }
        transaction.set_rollback(True)
    for name, value in figures.items():
        out.write(f"{name}: {value}")
    return figures


BENCHMARKS = {"fanout": _fanout}
