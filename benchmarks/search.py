"""`python manage.py benchmark --only posts.search`: search at a million posts.

Seeds (once) 1,000,000 posts at --scale 1 into its own database (the name must contain
"bench"), written by PostgreSQL itself from generate_series so seeding takes minutes,
not hours: 50 posts a thread, four groups the searcher belongs to (two English, two
Arabic) and one they do not, a few held posts. Bodies are drawn from the site
benchmark's sentences, so a common word ("help", "النوم") is in a third of the posts and
a rare one ("lighthouse", "المنارة") in one of ten thousand.

Then it reports: how long the vectors and the GIN index take to build and how big they
are; the search service's own latency per kind of query; and through the server as the
site benchmark runs it, p50/p99 from one client for common and rare words, and
throughput with four connections.

    createdb sanad_search_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sanad_search_bench \\
        python manage.py benchmark --only posts.search
"""

import asyncio
import os
import random
import secrets
import time
from datetime import timedelta
from urllib.parse import quote

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.utils import timezone

from benchmarks.site import (
    ARABIC,
    ENGLISH,
    TITLES,
    Server,
    _figures,
    _line,
    _measure,
    _sessions,
)
from posts import analysis, search

FULL_POSTS = 1_000_000
POSTS_PER_THREAD = 50
AUTHORS = 200
PREFIX = "search-bench-"
GROUPS = [("en", "English one"), ("ar", "عربية أولى"), ("en", "English two"), ("ar", "عربية ثانية")]
RARE = {"en": "I saw the lighthouse from the train.", "ar": "رأيت المنارة من القطار."}
# One post in RARE_EVERY carries the rare sentence.
RARE_EVERY = 10_000
SENTENCES_PER_POST = 3
QUERIES = {
    "common word": ["help", "النوم"],
    "rare word": ["lighthouse", "المنارة"],
    "phrase": ['"panic attacks"', '"قبل النوم"'],
    "inflected Arabic": ["قلقي", "والدي"],
    "operators and noise": ["sleep OR panic -work", 'NEAR(* "unbalanced'],
}
SERVICE_ROUNDS = 25


def _ensure_own_database() -> None:
    name = str(settings.DATABASES["default"]["NAME"])
    if connection.vendor != "postgresql":
        raise CommandError("posts.search measures PostgreSQL: set DATABASE_URL.")
    if "bench" not in name and not name.startswith("test_"):
        raise CommandError(
            f"posts.search seeds a million posts: point DATABASE_URL at a database of its "
            f"own whose name contains 'bench' (e.g. sanad_search_bench), not {name!r}."
        )


def _share_of_posts(word: str, sentences: list[str]) -> float:
    """How many posts (of SENTENCES_PER_POST sentences) hold the word: for the report."""
    stem = analysis.analyse(word)[0]
    holding = sum(stem in analysis.analyse(sentence) for sentence in sentences)
    return 1 - (1 - holding / len(sentences)) ** SENTENCES_PER_POST


def _seeded(total: int) -> bool:
    from posts.models import Post

    return Post.objects.filter(thread__group__slug__startswith=PREFIX).count() == total


def _people_and_groups(write):
    from django.contrib.auth.hashers import make_password

    from accounts.models import Persona, User
    from groups.models import Membership, SupportGroup

    SupportGroup.objects.filter(slug__startswith=PREFIX).delete()
    User.objects.filter(username__startswith=PREFIX).delete()
    password = make_password("benchmark member")
    users = User.objects.bulk_create(
        [User(username=f"{PREFIX}{n}", password=password) for n in range(AUTHORS + 1)]
    )
    personas = Persona.objects.bulk_create(
        [
            Persona(user=u, name=f"Searcher {u.pk}", name_key=f"searcher{u.pk}", is_default=True)
            for u in users
        ]
    )
    groups = SupportGroup.objects.bulk_create(
        [
            SupportGroup(slug=f"{PREFIX}{n}", name=name, language=language, summary=name)
            for n, (language, name) in enumerate(GROUPS)
        ]
    )
    # The searcher (users[0]) is in the four groups; a fifth one, theirs not to read,
    # holds a share of the posts all the same, so access is part of every search's work.
    hidden = SupportGroup.objects.create(
        slug=f"{PREFIX}hidden", name="Hidden", language="en", summary="Hidden"
    )
    Membership.objects.bulk_create(
        [
            Membership(group=group, user=user, persona=persona)
            for group in groups
            for user, persona in zip(users, personas, strict=True)
        ]
        + [
            Membership(group=hidden, user=u, persona=p)
            for u, p in zip(users[1:], personas[1:], strict=True)
        ]
    )
    write(f"  {len(users)} members, {len(groups) + 1} groups")
    return users, personas, [*groups, hidden]


_POSTS_SQL = """
INSERT INTO posts_post (
    thread_id, author_id, persona_id, is_anonymous, anonymous_number, is_opening, number, body,
    body_html, state, content_warning, removal_reason, created_at, search_text, search_vector
)
SELECT thread_id, author_id, persona_id, anonymous, CASE WHEN anonymous THEN 2 END,
       i < %(threads)s, i / %(threads)s + 1, body, '<p>' || body || '</p>',
       CASE WHEN i %% 97 = 13 THEN 'held' ELSE 'visible' END, '', '',
       %(start)s::timestamptz + i * interval '3 seconds', search_text, {vector}
FROM (
    SELECT i, thread_id, author_id, persona_id, anonymous,
           CASE WHEN en THEN en_s[x] || ' ' || en_s[y] || ' ' || en_s[z] || rare_en
                ELSE ar_s[x] || ' ' || ar_s[y] || ' ' || ar_s[z] || rare_ar END AS body,
           CASE WHEN i < %(threads)s THEN title ELSE '' END || E'\\n\\n' ||
           CASE WHEN en THEN en_a[x] || ' ' || en_a[y] || ' ' || en_a[z] || rare_en_a
                ELSE ar_a[x] || ' ' || ar_a[y] || ' ' || ar_a[z] || rare_ar_a END AS search_text
    FROM (
        SELECT i,
               (%(thread_ids)s::bigint[])[1 + i %% %(threads)s] AS thread_id,
               (%(languages)s::text[])[1 + i %% %(threads)s] = 'en' AS en,
               (%(titles)s::text[])[1 + i %% %(threads)s] AS title,
               (%(author_ids)s::bigint[])[1 + a] AS author_id,
               (%(persona_ids)s::bigint[])[1 + a] AS persona_id,
               random() < 0.15 AS anonymous,
               1 + floor(random() * %(sentences)s)::int AS x,
               1 + floor(random() * %(sentences)s)::int AS y,
               1 + floor(random() * %(sentences)s)::int AS z,
               CASE WHEN rare < %(rare)s THEN ' ' || %(rare_en)s ELSE '' END AS rare_en,
               CASE WHEN rare < %(rare)s THEN ' ' || %(rare_ar)s ELSE '' END AS rare_ar,
               CASE WHEN rare < %(rare)s THEN ' ' || %(rare_en_a)s ELSE '' END AS rare_en_a,
               CASE WHEN rare < %(rare)s THEN ' ' || %(rare_ar_a)s ELSE '' END AS rare_ar_a,
               %(en_s)s::text[] AS en_s, %(ar_s)s::text[] AS ar_s,
               %(en_a)s::text[] AS en_a, %(ar_a)s::text[] AS ar_a
        FROM (
            SELECT i, floor(random() * %(authors)s)::int AS a, random() AS rare
            FROM generate_series(%(low)s::bigint, %(high)s::bigint - 1) AS i
        ) AS drawn
    ) AS chosen
) AS q
"""


def seed(total: int, write) -> dict:
    """The million posts, unless they are there already. Returns build figures."""
    from posts.models import Thread

    if _seeded(total):
        write("Search benchmark data already in place.")
        return {}
    started = time.monotonic()
    rng = random.Random(14)
    with transaction.atomic():
        users, personas, groups = _people_and_groups(write)
        thread_count = max(1, total // POSTS_PER_THREAD)
        threads = []
        for number in range(thread_count):
            group = groups[4] if number % 10 == 9 else groups[number % 4]
            title = rng.choice(TITLES[group.language])
            threads.append(Thread(group=group, author=rng.choice(users[1:]), title=title))
        Thread.objects.bulk_create(threads, batch_size=5000)
        now = timezone.now()
        params = {
            "threads": thread_count,
            "thread_ids": [t.pk for t in threads],
            "languages": [t.group.language for t in threads],
            "titles": [analysis.analysed_text(t.title) for t in threads],
            "author_ids": [u.pk for u in users[1:]],
            "persona_ids": [p.pk for p in personas[1:]],
            "authors": AUTHORS,
            "sentences": len(ENGLISH),
            "en_s": ENGLISH,
            "ar_s": ARABIC[: len(ENGLISH)],
            "en_a": [analysis.analysed_text(s) for s in ENGLISH],
            "ar_a": [analysis.analysed_text(s) for s in ARABIC[: len(ENGLISH)]],
            "rare": 1 / RARE_EVERY,
            "rare_en": RARE["en"],
            "rare_ar": RARE["ar"],
            "rare_en_a": analysis.analysed_text(RARE["en"]),
            "rare_ar_a": analysis.analysed_text(RARE["ar"]),
            "start": now - timedelta(seconds=3 * total),
        }
        sql = _POSTS_SQL.format(vector=search.VECTOR_SQL.format(text="q.search_text"))
        with connection.cursor() as cursor:
            # Built once at the end (and timed): a GIN index fed row by row is slower.
            cursor.execute("DROP INDEX IF EXISTS post_search_vector_gin")
            # Every id written here was just read from its table: checking a million
            # rows' three foreign keys one by one (queued to commit, since Django's are
            # deferred) would take longer than writing them. This transaction only.
            cursor.execute("SET LOCAL session_replication_role = replica")
            step = 100_000
            for low in range(0, total, step):
                cursor.execute(sql, {**params, "low": low, "high": min(total, low + step)})
                write(f"  {min(total, low + step):,} posts")
            cursor.execute(
                "UPDATE posts_thread SET reply_count = %s, last_posted_at = %s WHERE id = ANY(%s)",
                [POSTS_PER_THREAD - 1, now, params["thread_ids"]],
            )
    seeded = time.monotonic() - started
    write(f"Seeded {total:,} posts (text, analysed text and vectors) in {seeded:.1f} s.")
    with connection.cursor() as cursor:
        # Every table, threads and memberships too: without their statistics the planner
        # takes the twenty thousand threads for fifty and walks every post of each.
        cursor.execute("VACUUM ANALYZE")
    return {"seed_seconds": round(seeded, 1)}


def build_index(write) -> dict:
    """Time the vectors (a pass computing every one) and the GIN index; their sizes."""
    vector = search.VECTOR_SQL.format(text="search_text")
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM posts_post")
        rows = cursor.fetchone()[0]
        began = time.monotonic()
        cursor.execute(f"SELECT sum(length({vector})) FROM posts_post")  # noqa: S608
        vectors = time.monotonic() - began
        cursor.execute("DROP INDEX IF EXISTS post_search_vector_gin")
        began = time.monotonic()
        cursor.execute(
            "CREATE INDEX post_search_vector_gin ON posts_post USING gin (search_vector)"
        )
        gin = time.monotonic() - began
        cursor.execute(
            "SELECT pg_relation_size('post_search_vector_gin'),"
            " sum(pg_column_size(search_vector)), sum(pg_column_size(search_text)),"
            " pg_total_relation_size('posts_post') FROM posts_post"
        )
        index_size, vector_size, text_size, table_size = cursor.fetchone()
    megabytes = 1024 * 1024
    figures = {
        "posts": rows,
        "vectors_seconds": round(vectors, 1),
        "gin_build_seconds": round(gin, 1),
        "gin_mb": round(index_size / megabytes, 1),
        "vectors_mb": round(vector_size / megabytes, 1),
        "analysed_text_mb": round(text_size / megabytes, 1),
        "posts_table_total_mb": round(table_size / megabytes, 1),
    }
    write(
        f"  Index for {rows:,} posts: vectors computed in {figures['vectors_seconds']} s, GIN "
        f"built in {figures['gin_build_seconds']} s; GIN {figures['gin_mb']} MB, vectors "
        f"{figures['vectors_mb']} MB, analysed text {figures['analysed_text_mb']} MB "
        f"(posts table with indexes {figures['posts_table_total_mb']} MB)."
    )
    return figures


def _percentiles(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    p50 = ordered[len(ordered) // 2]
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return p50, p99


def measure_service(searcher, write, rounds: int = SERVICE_ROUNDS) -> dict:
    """The search service alone (the query and the snippets), per kind of query."""
    figures = {}
    for kind, queries in QUERIES.items():
        for order in search.ORDERS:
            timings, found = [], 0
            for _round in range(rounds):
                for query in queries:
                    began = time.perf_counter()
                    results, _more = search.search_posts(user=searcher, query=query, order=order)
                    timings.append((time.perf_counter() - began) * 1000)
                    found += len(results)
            p50, p99 = _percentiles(timings)
            figures[f"{kind}, {order}"] = {"p50_ms": round(p50, 1), "p99_ms": round(p99, 1)}
            write(
                f"  service  {kind + ', ' + order:<34} p50 {p50:7.1f} ms   p99 {p99:7.1f} ms"
                f"   ({len(timings)} searches, {found // rounds} results a round)"
            )
    return figures


def measure_http(users, write, requests: int = 300) -> dict:
    """Through the server as the site benchmark serves it: one client, then four."""
    secret_key = secrets.token_urlsafe(64)
    cookies = _sessions(secret_key, users[:4])

    def paths(*kinds):
        return [f"/search/?q={quote(q)}" for kind in kinds for q in QUERIES[kind]]

    everything = paths(*QUERIES)
    scenarios = [
        ("common word, one client", paths("common word"), cookies[:1], 1),
        ("rare word, one client", paths("rare word"), cookies[:1], 1),
        ("all queries, one client", everything, cookies[:1], 1),
        ("all queries, four connections", everything, cookies, 4),
    ]
    results = {}
    with Server(secret_key) as server:
        for name, scenario_paths, scenario_cookies, concurrency in scenarios:
            asyncio.run(
                _measure(
                    name, server.port, scenario_paths, scenario_cookies, "search-form",
                    requests=10, seconds=10, concurrency=concurrency,
                )
            )  # fmt: skip
        for name, scenario_paths, scenario_cookies, concurrency in scenarios:
            try:
                latencies, elapsed = asyncio.run(
                    _measure(
                        name, server.port, scenario_paths, scenario_cookies, "search-form",
                        requests=requests, seconds=20, concurrency=concurrency,
                    )
                )  # fmt: skip
            except (OSError, asyncio.IncompleteReadError, CommandError) as error:
                raise CommandError(f"{name}: {error}\n{server.log_tail()}") from error
            figures = _figures(name, latencies, elapsed)
            write(_line(f"http  {name}", figures))
            results[name] = figures.as_dict()
    return results


def run_search(command, options) -> dict:
    from accounts.models import User

    write = command.stdout.write
    total = max(500, int(FULL_POSTS * options.get("scale", 1.0)))
    _ensure_own_database()
    call_command("migrate", verbosity=0)
    figures = {"seed": seed(total, write)}
    figures["index"] = build_index(write)
    users = list(User.objects.filter(username__startswith=PREFIX).order_by("pk"))
    # The machine may be shared: the load around the measurements goes with them.
    loads = [os.getloadavg()[0]]
    small = total < 100_000  # the smoke test's size: enough to run every line once
    figures["service"] = measure_service(users[0], write, rounds=2 if small else SERVICE_ROUNDS)
    loads.append(os.getloadavg()[0])
    figures["http"] = measure_http(users, write, requests=12 if small else 300)
    loads.append(os.getloadavg()[0])
    figures["load_average"] = [round(load, 1) for load in loads]
    write(f"  Load average (1 min) before, between and after: {figures['load_average']}")
    one = figures["http"]["all queries, one client"]
    common = figures["http"]["common word, one client"]
    rare = figures["http"]["rare word, one client"]
    write(
        f"Search at {total:,} posts, one client: p50 {one['p50_ms']} ms, p99 {one['p99_ms']} ms "
        f"(target under 50 and 200); common word p50 {common['p50_ms']} ms vs rare word "
        f"{rare['p50_ms']} ms; four connections "
        f"{figures['http']['all queries, four connections']['rps']} req/s."
    )
    return figures
