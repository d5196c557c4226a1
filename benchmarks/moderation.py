"""Benchmarks for moderation, run by `python manage.py benchmark --only moderation.<name>`.

queue: the review queue page for a moderator with 2,000 open items (times --scale)
across 20 groups, reports and audit history behind them, timed as full requests through
Django's test client; plus the query count, which must not grow with the queue.

screening: the automatic checks every new post passes through (watched words, crisis
phrases in both languages, contact details), per post of a realistic length, so that
posting never waits on them.

crisis_eval: the crisis detector on its development split (recall, false alarms,
holds, time per post), as `python manage.py crisis_eval` prints it.

claims: claiming and releasing items one after another, the path a moderator's "Claim"
button takes, with its row lock.

Data is created inside a transaction that is rolled back at the end, so each benchmark
leaves the database as it found it.
"""

import random
import statistics
import time
from datetime import timedelta

from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

ITEMS_AT_SCALE_1 = 2_000
GROUPS = 20
ROUNDS = 15
SCREEN_POSTS = 400


class _Rollback(Exception):
    pass


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _qualify(user) -> None:
    """Two-factor and every training module, as a working moderator has."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.utils import timezone

    from moderation.models import TrainingCompletion, TrainingModule

    TOTP.activate(user, generate_totp_secret())
    now = timezone.now()
    TrainingCompletion.objects.bulk_create(
        TrainingCompletion(
            user=user,
            module=module,
            score=100,
            passed=True,
            completed_at=now,
            expires_at=now + timedelta(days=365),
        )
        for module in TrainingModule.objects.all()
    )


def _seed_queue(items: int):
    from accounts.models import User
    from accounts.services import account_set_up
    from audit.models import AuditEntry
    from groups.models import Membership, SupportGroup
    from moderation.models import Report, ReviewItem
    from posts.models import Post, Thread

    rng = random.Random(6)
    moderator = User.objects.create_user(username="bench-moderator", password=None)
    account_set_up(user=moderator, language="en")
    _qualify(moderator)
    staff_persona = moderator.personas.get()
    groups = [
        SupportGroup.objects.create(
            name=f"Bench group {n}", slug=f"bench-group-{n}", summary="Bench", language="en"
        )
        for n in range(GROUPS)
    ]
    for group in groups:
        Membership.objects.create(
            group=group, user=moderator, persona=staff_persona, role=Membership.Role.MODERATOR
        )
    authors = []
    for n in range(max(4, min(50, items // 4))):
        user = User.objects.create_user(username=f"bench-author-{n}", password=None)
        account_set_up(user=user, language="en")
        authors.append(user)
    reporters = authors[len(authors) // 2 :]
    posts, review_items = [], []
    for n in range(items):
        group = groups[n % GROUPS]
        author = authors[rng.randrange(len(authors) // 2)]
        thread = Thread.objects.create(group=group, author=author, title=f"Thread {n}")
        posts.append(
            Post(
                thread=thread,
                author=author,
                persona=author.personas.first(),
                number=1,
                body=f"Benchmark post {n}. " * 20,
                body_html=f"<p>Benchmark post {n}.</p>",
                is_opening=True,
            )
        )
    Post.objects.bulk_create(posts)
    for post in posts:
        review_items.append(
            ReviewItem(
                group_id=post.thread.group_id,
                post=post,
                subject_id=post.author_id,
                priority=rng.choice([0, 1, 2, 2, 2]),
                source="report",
            )
        )
    ReviewItem.objects.bulk_create(review_items)
    Report.objects.bulk_create(
        Report(item=item, reporter=reporter, reason="spam")
        for item in review_items
        for reporter in rng.sample(reporters, 2)
    )
    AuditEntry.objects.bulk_create(
        AuditEntry(
            action=rng.choice(["member.warned", "post.hidden", "post.approved"]),
            group=groups[n % GROUPS],
            subject_account_id=authors[n % (len(authors) // 2)].pk,
        )
        for n in range(items)
    )
    return moderator, [item.pk for item in review_items]


def queue(command, options) -> dict:
    items = max(int(ITEMS_AT_SCALE_1 * options.get("scale", 1.0)), 10)
    figures = {}
    try:
        with transaction.atomic():
            started = time.perf_counter()
            moderator, _item_ids = _seed_queue(items)
            seeded = time.perf_counter() - started
            client = Client(HTTP_HOST="localhost", HTTP_ACCEPT_LANGUAGE="en")
            client.force_login(moderator)
            url = reverse("moderation:queue")
            client.get(url)  # warm the caches, as a long-running server would be
            timings = []
            for _ in range(ROUNDS if items >= 200 else 3):
                begin = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - begin) * 1000)
                assert response.status_code == 200
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            figures = {
                "open_items": items,
                "seconds_to_seed": round(seeded, 1),
                "queue_p50_ms": round(statistics.median(timings), 1),
                "queue_p99_ms": round(_percentile(timings, 0.99), 1),
                "queue_queries": len(queries),
                "page_kb": round(len(response.content) / 1024, 1),
            }
            raise _Rollback
    except _Rollback:
        pass
    for key, value in figures.items():
        command.stdout.write(f"{key}: {value}")
    return figures


SAMPLES = (
    "Some evenings are harder than others. I sat by the window for hours and thought about "
    "calling my sister, but I did not know what to say. Writing here helps a little. ",
    "أحياناً أشعر أن الأيام تتشابه، وأن لا أحد يلاحظ غيابي. أكتب هنا لأنني أريد أن يسمعني "
    "أحد، ولو قليلاً. شكراً لمن يقرأ. ",
    "I keep thinking I want to end my life, and I am scared of that thought. ",
    "رقمي للتواصل 0555 123 456 إذا أحب أحد أن يتكلم. ",
)


def screening(command, options) -> dict:
    from moderation import text
    from moderation.models import CrisisPhrase, WatchedWord

    posts = max(int(SCREEN_POSTS * options.get("scale", 1.0)), 20)
    figures = {}
    try:
        with transaction.atomic():
            WatchedWord.objects.bulk_create(
                WatchedWord(pattern=f"watchedword{n}", action="flag") for n in range(50)
            )
            crisis = list(CrisisPhrase.objects.values_list("phrase", flat=True))
            words = list(WatchedWord.objects.all())
            rng = random.Random(6)
            timings = []
            for _ in range(posts):
                body = "".join(rng.choice(SAMPLES) for _ in range(8))  # about 1,000 characters
                begin = time.perf_counter()
                folded = text.normalise(body)
                for word in words:
                    text.compile_watched_pattern(word.pattern, is_regex=word.is_regex).search(
                        folded
                    )
                text.matching_phrases(body, crisis)
                text.contact_details(body)
                timings.append((time.perf_counter() - begin) * 1000)
            figures = {
                "posts": posts,
                "crisis_phrases": len(crisis),
                "watched_words": len(words),
                "screen_p50_ms": round(statistics.median(timings), 2),
                "screen_p99_ms": round(_percentile(timings, 0.99), 2),
                "posts_per_second": round(1000 / statistics.mean(timings)),
            }
            raise _Rollback
    except _Rollback:
        pass
    for key, value in figures.items():
        command.stdout.write(f"{key}: {value}")
    return figures


def claims(command, options) -> dict:
    from moderation import services

    items = max(int(200 * options.get("scale", 1.0)), 10)
    figures = {}
    try:
        with transaction.atomic():
            moderator, ids = _seed_queue(items)
            timings = []
            for item_id in ids:
                begin = time.perf_counter()
                services.item_claim(moderator=moderator, item_id=item_id)
                services.item_release(moderator=moderator, item_id=item_id)
                timings.append((time.perf_counter() - begin) * 1000)
            figures = {
                "items": len(ids),
                "claim_and_release_p50_ms": round(statistics.median(timings), 2),
                "claim_and_release_p99_ms": round(_percentile(timings, 0.99), 2),
            }
            raise _Rollback
    except _Rollback:
        pass
    for key, value in figures.items():
        command.stdout.write(f"{key}: {value}")
    return figures


def crisis_eval(command, options) -> dict:
    """The crisis detector on its development split (moderation.crisis.evaluation): the
    figures of `manage.py crisis_eval`, returned as numbers too."""
    from moderation.crisis import evaluation

    if not evaluation.DEV.exists():
        command.stdout.write(f"No development split at {evaluation.DEV}.")
        return {}
    figures = evaluation.evaluate(evaluation.DEV)
    missed = evaluation.report(figures, command.stdout.write)
    shares = {
        key: round(hits / total, 4) for key, (hits, total) in figures["counts"].items() if total
    }
    return {
        **shares,
        "silenced": figures["silenced"],
        "p50_ms": round(figures["p50_ms"], 2),
        "p99_ms": round(figures["p99_ms"], 2),
        "p99_ms_2000": round(figures["p99_ms_2000"], 2),
        "targets_missed": missed,
    }


BENCHMARKS = {
    "queue": queue,
    "screening": screening,
    "claims": claims,
    "crisis_eval": crisis_eval,
}
