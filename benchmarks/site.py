"""`python manage.py benchmark --only posts.site`: conversations under load.

It seeds (once, idempotently) 2,000 threads, 100,000 posts and 2,000 members with skew
(a few threads of 500+ replies, most short, some unanswered) into the database that
DATABASE_URL names, which must be the benchmark's own (its name contains "bench").
Then it serves Sanad the way production does: uvicorn with two workers, DEBUG off, a
random SECRET_KEY, static files collected and served by whitenoise, behind a TLS proxy
(the client sends X-Forwarded-Proto as the proxy would), bound to 127.0.0.1 only. An
asyncio client signed in as members (real session cookies) measures requests per second
and p50/p99 latency for the first and last page of a 500-reply thread, a group page and
a search, and for the ceiling: the same thread page rendered from memory with no
database (benchmarks.ceiling). Every loop is bounded in requests and seconds.

    createdb sanad_bench   # once
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sanad_bench \\
        REDIS_URL=redis://127.0.0.1:6379/5 python manage.py benchmark --only posts.site

--scale shrinks or grows the data (the smoke test runs it at a tiny scale).
"""

import asyncio
import os
import random
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.test.utils import override_settings
from django.utils import timezone

# --- The data ----------------------------------------------------------------------------

FULL = {"threads": 2_000, "posts": 100_000, "members": 2_000}
BIG_THREADS = [520, 760, 610, 540, 505]
SESSION_MEMBERS = 8
WORKERS = 2
GROUPS = [
    ("bench-circle", "Benchmark: evening circle", "en", 0.40),
    ("bench-arabic", "مقياس: دائرة المساء", "ar", 0.40),
    ("bench-grief", "Benchmark: grief", "en", 0.10),
    ("bench-carers", "مقياس: مقدمو الرعاية", "ar", 0.10),
]

ENGLISH = [
    "I could not sleep again last night and the thoughts kept coming back.",
    "Some mornings are heavier than others, and today was one of them.",
    "My father died in the spring and I still reach for the phone to call him.",
    "Panic attacks at work make me feel like everyone is watching me.",
    "Writing things down before bed has helped me a little.",
    "Thank you for saying this, it helps to know I am not the only one.",
    "The hospital appointments are exhausting but the nurses are kind.",
    "I feel lonely even when my family is around me.",
    "Grief comes in waves; some days I can breathe, some days I cannot.",
    "Has anyone tried talking to a counsellor about nightmares?",
    "Walking in the evening calms my anxiety more than anything else.",
    "I am proud that I got out of bed and made breakfast today.",
    "Caring for my mother leaves no time for myself.",
    "It has been three weeks since I talked to anyone about this.",
    "Breathing exercises help when the panic starts.",
]
ARABIC = [
    "لم أستطع النوم الليلة الماضية وعادت الأفكار من جديد.",
    "أشعر بالقلق كل ليلة قبل النوم ولا أعرف السبب.",
    "توفي والدي في الربيع وما زلت أمسك الهاتف لأتصل به.",
    "نوبات الهلع في العمل تجعلني أشعر أن الجميع يراقبني.",
    "الكتابة قبل النوم ساعدتني قليلاً.",
    "شكراً لأنك كتبت هذا، من المريح أن أعرف أنني لست وحدي.",
    "مواعيد المستشفى متعبة لكن الممرضات لطيفات.",
    "أشعر بالوحدة حتى عندما تكون عائلتي حولي.",
    "الحزن يأتي على شكل موجات، بعض الأيام أتنفس وبعضها لا.",
    "هل جرّب أحدكم التحدث مع مرشد نفسي عن الكوابيس؟",
    "المشي في المساء يهدّئ قلقي أكثر من أي شيء آخر.",
    "أنا فخور بأنني نهضت من السرير وأعددت الفطور اليوم.",
    "رعاية أمي لا تترك لي وقتاً لنفسي.",
    "مرّت ثلاثة أسابيع منذ تحدثت مع أحد عن هذا.",
    "تمارين التنفس تساعدني عندما يبدأ الهلع.",
]
TITLES = {
    "en": [
        "Another sleepless night",
        "Heavy mornings",
        "Missing my father",
        "Panic at work",
        "Small wins",
        "Lonely at home",
        "Caring and tired",
        "Grief that comes in waves",
    ],
    "ar": [
        "ليلة أخرى بلا نوم",
        "صباحات ثقيلة",
        "أشتاق إلى والدي",
        "الهلع في العمل",
        "انتصارات صغيرة",
        "الوحدة في البيت",
        "الرعاية والتعب",
        "حزن يأتي كالموج",
    ],
}
WARNINGS = {"en": "mentions self-harm", "ar": "يذكر إيذاء النفس"}
SEARCHES = [
    "sleep",
    "panic attacks",
    "grief",
    "hospital nurses",
    "breakfast",
    "قلقي",
    "النوم",
    "الوحدة",
    "مستشفى",
    "والدي",
]


def _scaled(scale: float) -> dict:
    counts = {name: max(1, int(value * scale)) for name, value in FULL.items()}
    counts["threads"] = max(counts["threads"], 12)
    counts["members"] = max(counts["members"], SESSION_MEMBERS + 4)
    big = [max(35, int(replies * min(scale * 4, 1))) for replies in BIG_THREADS]
    counts["big"] = big if scale >= 0.25 else big[:1]
    counts["posts"] = max(counts["posts"], counts["threads"] + sum(counts["big"]) + 10)
    return counts


def _body(rng: random.Random, language: str) -> str:
    sentences = ENGLISH if language == "en" else ARABIC
    text = " ".join(rng.sample(sentences, rng.randint(2, 5)))
    shape = rng.random()
    if shape < 0.08:
        return f"**{text}**"
    if shape < 0.14:
        return "\n".join(f"- {line}" for line in rng.sample(sentences, 3))
    if shape < 0.18:
        return f"> {rng.choice(sentences)}\n\n{text}"
    return text


def _reply_counts(rng: random.Random, counts: dict) -> list[int]:
    """Most threads short, a long tail, some unanswered, and the big ones first."""
    rest = counts["threads"] - len(counts["big"])
    budget = counts["posts"] - counts["threads"] - sum(counts["big"])
    weights = [0.0 if rng.random() < 0.05 else rng.paretovariate(1.6) for _ in range(rest)]
    total = sum(weights) or 1.0
    replies = [min(480, int(weight / total * budget)) for weight in weights]
    shortfall = budget - sum(replies)
    while shortfall > 0:
        index = rng.randrange(rest)
        if 0 < replies[index] < 480:
            step = min(shortfall, 480 - replies[index])
            replies[index] += step
            shortfall -= step
        elif all(r in (0, 480) for r in replies):
            break
    return counts["big"] + replies


def _seeded(counts: dict) -> bool:
    from posts.models import Post, Thread

    threads = Thread.objects.filter(group__slug__startswith="bench-").count()
    posts = Post.objects.filter(thread__group__slug__startswith="bench-").count()
    return threads == counts["threads"] and posts == counts["posts"]


def seed(counts: dict, write) -> None:
    """Bulk-insert the benchmark's data, unless it is already there in full."""
    from django.contrib.auth.hashers import make_password

    from accounts.models import Persona, User
    from config.markdown import render_markdown
    from groups.models import Membership, SupportGroup
    from posts.models import Post, Reaction, ReadState, Subscription, Thread
    from posts.search import index_posts

    if _seeded(counts):
        write("Benchmark data already in place.")
        return
    started = time.monotonic()
    rng = random.Random(2024)
    with transaction.atomic():
        SupportGroup.objects.filter(slug__startswith="bench-").delete()
        password = make_password("benchmark member")
        existing = set(
            User.objects.filter(username__startswith="bench-member-").values_list(
                "username", flat=True
            )
        )
        new_users = [
            User(username=f"bench-member-{n}", password=password)
            for n in range(counts["members"])
            if f"bench-member-{n}" not in existing
        ]
        User.objects.bulk_create(new_users, batch_size=2000)
        members = list(
            User.objects.filter(username__startswith="bench-member-").order_by("pk")[
                : counts["members"]
            ]
        )
        have_persona = set(
            Persona.objects.filter(user__in=members, is_default=True).values_list(
                "user_id", flat=True
            )
        )
        Persona.objects.bulk_create(
            [
                Persona(
                    user=u,
                    name=f"Bench Walker {u.pk}",
                    name_key=f"benchwalker{u.pk}",
                    is_default=True,
                )
                for u in members
                if u.pk not in have_persona
            ],
            batch_size=2000,
        )
        personas = dict(
            Persona.objects.filter(user__in=members, is_default=True).values_list("user_id", "pk")
        )
        groups = SupportGroup.objects.bulk_create(
            [
                SupportGroup(
                    slug=slug,
                    name=name,
                    language=language,
                    summary=name,
                    rules="Be kind. What is shared here stays here.",
                )
                for slug, name, language, _share in GROUPS
            ]
        )
        memberships = []
        for index, user in enumerate(members):
            for number, group in enumerate(groups):
                # Everyone is in the two big groups; the smaller ones take about half.
                if number < 2 or index < SESSION_MEMBERS or rng.random() < 0.5:
                    memberships.append(
                        Membership(group=group, user=user, persona_id=personas[user.pk])
                    )
        Membership.objects.bulk_create(memberships, batch_size=5000)
        write(f"  {len(members)} members, {len(memberships)} memberships")

        replies_per_thread = _reply_counts(rng, counts)
        # Posting is skewed too: a fifth of the members write most of the posts.
        weights = [5 if index % 5 == 0 else 1 for index in range(len(members))]
        now = timezone.now()
        shares = [share for *_rest, share in GROUPS]
        thread_groups = [groups[0]] * len(counts["big"]) + rng.choices(
            groups, weights=shares, k=counts["threads"] - len(counts["big"])
        )
        threads, plans = [], []
        for replies, group in zip(replies_per_thread, thread_groups, strict=True):
            author = rng.choices(members, weights=weights)[0]
            started_at = now - timedelta(days=rng.uniform(0, 180))
            threads.append(
                Thread(
                    group=group,
                    author=author,
                    title=rng.choice(TITLES[group.language]),
                    reply_count=replies,
                )
            )
            plans.append((author, started_at, replies))
        Thread.objects.bulk_create(threads, batch_size=2000)

        post_rows, stamps, index_rows = [], [], []
        for thread, (author, started_at, replies) in zip(threads, plans, strict=True):
            language = thread.group.language
            moment = started_at
            warned = rng.random() < 0.06
            for position in range(replies + 1):
                writer = author if position == 0 else rng.choices(members, weights=weights)[0]
                anonymous = rng.random() < 0.15
                body = _body(rng, language)
                warning = WARNINGS[language] if (warned and position == 0) else ""
                post_rows.append(
                    Post(
                        thread=thread,
                        author=writer,
                        persona_id=personas[writer.pk],
                        is_anonymous=anonymous,
                        anonymous_number=2 if anonymous else None,
                        is_opening=position == 0,
                        number=position + 1,
                        body=body,
                        body_html=render_markdown(body),
                        content_warning=warning,
                    )
                )
                stamps.append(moment)
                index_rows.append((thread.title if position == 0 else "", warning, body, language))
                moment += timedelta(minutes=rng.expovariate(1 / 90))
            thread.last_posted_at = moment
        Post.objects.bulk_create(post_rows, batch_size=5000)
        write(f"  {len(threads)} threads, {len(post_rows)} posts")

        ids = [post.pk for post in post_rows]
        with connection.cursor() as cursor:
            for start in range(0, len(ids), 10_000):
                cursor.execute(
                    "UPDATE posts_post SET created_at = v.at FROM (SELECT unnest(%s::bigint[])"
                    " AS id, unnest(%s::timestamptz[]) AS at) AS v WHERE posts_post.id = v.id",
                    [ids[start : start + 10_000], stamps[start : start + 10_000]],
                )
        for thread, (_author, started_at, _replies) in zip(threads, plans, strict=True):
            thread.created_at = started_at
        Thread.objects.bulk_update(threads, ["created_at", "last_posted_at"], batch_size=2000)
        for start in range(0, len(ids), 5_000):
            index_posts(
                (post_id, *row)
                for post_id, row in zip(
                    ids[start : start + 5_000], index_rows[start : start + 5_000], strict=True
                )
            )

        Subscription.objects.bulk_create(
            [
                Subscription(thread=t, user=author)
                for t, (author, *_r) in zip(threads, plans, strict=True)
            ],
            batch_size=5000,
            ignore_conflicts=True,
        )
        # Support on the big thread and here and there, and reading states for the
        # signed-in members, so counts and unread markers have work to do.
        reactions = []
        kinds = ["support", "me_too", "helped", "thanks"]
        big_posts = [p for p in post_rows if p.thread_id == threads[0].pk]
        for post in big_posts + rng.sample(post_rows, min(3000, len(post_rows))):
            for user in rng.sample(members, rng.randint(0, 4)):
                if user.pk != post.author_id:
                    reactions.append(Reaction(post=post, user=user, kind=rng.choice(kinds)))
        Reaction.objects.bulk_create(reactions, batch_size=5000, ignore_conflicts=True)
        read_states = [
            ReadState(thread=thread, user=user, last_read_post_id=0)
            for user in members[:SESSION_MEMBERS]
            for thread in rng.sample(threads, min(200, len(threads)))
        ]
        ReadState.objects.bulk_create(read_states, batch_size=5000, ignore_conflicts=True)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Seeding rewrote every post twice (timestamps, vectors): compact the table
            # as autovacuum would keep a long-lived one, and refresh the planner's view.
            cursor.execute("VACUUM (FULL, ANALYZE) posts_post")
            cursor.execute("VACUUM ANALYZE")
    write(f"Seeded in {time.monotonic() - started:.1f} s.")


# --- Serving it as production does -------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _database_url() -> str:
    database = settings.DATABASES["default"]
    if "postgresql" not in database["ENGINE"]:
        raise CommandError("The site benchmark needs PostgreSQL: set DATABASE_URL.")
    password = f":{database['PASSWORD']}" if database.get("PASSWORD") else ""
    host = database.get("HOST") or "127.0.0.1"
    port = database.get("PORT") or 5432
    return f"postgres://{database['USER']}{password}@{host}:{port}/{database['NAME']}"


class Server:
    """uvicorn with two workers on 127.0.0.1, configured like docker-compose's `web`."""

    def __init__(self, secret_key: str, *, pool: bool = True):
        self.port = _free_port()
        self.static_root = tempfile.mkdtemp(prefix="sanad-bench-static-")
        self.environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
            "SANAD_BENCH_STATIC_ROOT": self.static_root,
            "DATABASE_URL": _database_url(),
            "DEBUG": "false",
            "SECRET_KEY": secret_key,
            "ALLOWED_HOSTS": "127.0.0.1",
            "BEHIND_TLS_PROXY": "true",
            "LOG_LEVEL": "WARNING",
            "CONN_MAX_AGE": "0",
            "DATABASE_POOL": "true" if pool else "false",
        }
        if settings.REDIS_URL:
            self.environment["REDIS_URL"] = settings.REDIS_URL
        self.process = None
        # The server's own messages go to a file: a pipe nobody reads would fill up and
        # stall the server in the middle of a measurement.
        self.log = tempfile.NamedTemporaryFile(prefix="sanad-bench-server-", suffix=".log")  # noqa: SIM115

    def __enter__(self):
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
            cwd=settings.BASE_DIR,
            env=self.environment,
            check=True,
        )
        self.process = subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
            [
                sys.executable,
                "-m",
                "uvicorn",
                "config.asgi:application",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--workers",
                str(WORKERS),
                "--no-access-log",
                "--proxy-headers",
                "--lifespan",
                "off",
            ],
            cwd=settings.BASE_DIR,
            env=self.environment,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise CommandError(self.log_tail())
            try:
                status, _body = asyncio.run(_one_request(self.port, "/healthz", ""))
                if status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.3)
        raise CommandError("The benchmark server did not answer /healthz within a minute.")

    def log_tail(self, size: int = 3000) -> str:
        self.log.flush()
        return Path(self.log.name).read_text(errors="replace")[-size:]

    def __exit__(self, *exc):
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
        shutil.rmtree(self.static_root, ignore_errors=True)
        self.log.close()


def _sessions(secret_key: str, users) -> list[str]:
    """Real signed-in sessions, signed with the server's key, as a login would leave."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    keys = []
    with override_settings(SECRET_KEY=secret_key):
        for user in users:
            store = SessionStore()
            store[SESSION_KEY] = str(user.pk)
            store[BACKEND_SESSION_KEY] = "accounts.backends.AuthenticationBackend"
            store[HASH_SESSION_KEY] = user.get_session_auth_hash()
            store.create()
            keys.append(store.session_key)
    return keys


# --- The load generator: raw HTTP/1.1 over asyncio streams, keep-alive -----------------


def _request(port: int, path: str, cookie: str) -> bytes:
    lines = [
        f"GET {path} HTTP/1.1",
        f"Host: 127.0.0.1:{port}",
        "Accept-Language: en",
        "X-Forwarded-Proto: https",
        "Connection: keep-alive",
    ]
    if cookie:
        lines.append(f"Cookie: sessionid={cookie}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


async def _read_response(reader, headers: dict | None = None) -> tuple[int, bytes]:
    """One response off a keep-alive connection; its headers into `headers` if given."""
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    headers = {} if headers is None else headers
    for line in head.split(b"\r\n")[1:]:
        if b":" in line:
            name, value = line.split(b":", 1)
            headers[name.strip().lower()] = value.strip()
    if b"content-length" in headers:
        return status, await reader.readexactly(int(headers[b"content-length"]))
    body = b""
    if headers.get(b"transfer-encoding", b"").lower() == b"chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).strip().split(b";")[0], 16)
            chunk = await reader.readexactly(size + 2)
            if size == 0:
                break
            body += chunk[:-2]
    return status, body


async def _one_request(port: int, path: str, cookie: str) -> tuple[int, bytes]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(_request(port, path, cookie))
        await writer.drain()
        return await _read_response(reader)
    finally:
        writer.close()


@dataclass
class Figures:
    name: str
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict:
        return {
            "requests": self.requests,
            "rps": round(self.rps, 1),
            "p50_ms": round(self.p50_ms, 1),
            "p99_ms": round(self.p99_ms, 1),
        }


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


async def _measure(name, port, paths, cookies, expect, *, requests, seconds, concurrency):
    """Bounded: stops after `requests` responses or `seconds`, whichever comes first."""
    latencies: list[float] = []
    failures: list[str] = []
    counter = {"sent": 0}
    deadline = time.monotonic() + seconds

    per_worker: dict[bytes, int] = {}
    share = max(1, concurrency // WORKERS)

    async def balanced_connection(cookie: str, path: str):
        """A connection to a worker that has fewer than its share: the kernel hands a new
        connection to whichever worker accepts first, and four connections landing
        three and one would measure one busy worker, not the server."""
        for _attempt in range(30):
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            headers: dict = {}
            writer.write(_request(port, path, cookie))
            await _read_response(reader, headers)
            worker = headers.get(b"x-benchmark-worker", b"")
            if per_worker.get(worker, 0) < share or not worker:
                per_worker[worker] = per_worker.get(worker, 0) + 1
                return reader, writer
            writer.close()
        per_worker[worker] = per_worker.get(worker, 0) + 1
        return reader, writer

    async def connection_loop(number: int):
        cookie = cookies[number % len(cookies)] if cookies else ""
        reader, writer = await balanced_connection(cookie, paths[number % len(paths)])
        try:
            # Busy until every connection is open, so each worker is serving when the
            # next connection arrives, as with clients arriving at a busy site.
            warmup = 0
            while warmup < 2 or not ready.is_set():
                writer.write(_request(port, paths[(number + warmup) % len(paths)], cookie))
                await _read_response(reader)
                warmup += 1
            while counter["sent"] < requests and time.monotonic() < deadline:
                path = paths[counter["sent"] % len(paths)]
                counter["sent"] += 1
                began = time.perf_counter()
                writer.write(_request(port, path, cookie))
                status, body = await _read_response(reader)
                latencies.append((time.perf_counter() - began) * 1000)
                if status != 200 or expect.encode() not in body:
                    failures.append(f"{path}: {status}")
        finally:
            writer.close()

    ready = asyncio.Event()
    loops = []
    for number in range(concurrency):
        loops.append(asyncio.create_task(connection_loop(number)))
        await asyncio.sleep(0.15)
    await asyncio.sleep(0.3)
    began = time.monotonic()
    ready.set()
    await asyncio.gather(*loops)
    elapsed = time.monotonic() - began
    if failures:
        raise CommandError(f"{name}: {len(failures)} bad responses, e.g. {failures[:3]}")
    return latencies, elapsed


def _figures(name: str, latencies: list[float], elapsed: float) -> Figures:
    return Figures(
        name, len(latencies), elapsed, _percentile(latencies, 0.5), _percentile(latencies, 0.99)
    )


# --- The benchmark -----------------------------------------------------------------------


def _line(name: str, figures: Figures) -> str:
    return (
        f"  {name:<34} {figures.rps:8.1f} req/s   p50 {figures.p50_ms:7.1f} ms"
        f"   p99 {figures.p99_ms:7.1f} ms   ({figures.requests} requests)"
    )


def _ensure_own_database(name: str) -> None:
    if "bench" not in name and not name.startswith("test_"):
        raise CommandError(
            f"posts.site seeds 100,000 posts: point DATABASE_URL at a database of its own "
            f"whose name contains 'bench' (e.g. sanad_bench), not {name!r}."
        )


def run_site(command, options) -> dict:
    from accounts.models import User
    from groups.models import SupportGroup
    from posts.models import Thread

    write = command.stdout.write
    scale = options.get("scale", 1.0)
    counts = _scaled(scale)
    _ensure_own_database(str(settings.DATABASES["default"]["NAME"]))
    _database_url()
    call_command("migrate", verbosity=0)
    seed(counts, write)

    members = list(User.objects.filter(username__startswith="bench-member-").order_by("pk"))
    session_users = members[:SESSION_MEMBERS]
    big_thread = (
        Thread.objects.filter(group__slug="bench-circle").order_by("-reply_count", "pk").first()
    )
    group = SupportGroup.objects.get(slug="bench-circle")
    secret_key = secrets.token_urlsafe(64)
    cookies = _sessions(secret_key, session_users)
    requests = max(40, int(1200 * min(scale, 1)))
    seconds = 20 if scale >= 0.5 else 8
    concurrency = 4
    # Thread addresses are keyed (config.public_ids): written with the server's key.
    with override_settings(SECRET_KEY=secret_key):
        thread_url = big_thread.get_absolute_url()
    search_paths = [f"/search/?q={quote(word)}" for word in SEARCHES]
    scenarios = [
        ("thread, first page", [thread_url], cookies, big_thread.title),
        ("thread, last page", [f"{thread_url}?page=last"], cookies, big_thread.title),
        ("group page", [group.get_absolute_url()], cookies, group.name),
        ("search", search_paths, cookies, "search-form"),
        # The same searches from one client at a time: the time a search takes, without
        # the queueing four connections on two workers add.
        ("search, one client", search_paths, cookies[:1], "search-form"),
        (
            "ceiling: thread page from memory",
            [f"/__benchmark__/ceiling/threads/{big_thread.pk}/?as={session_users[0].pk}"],
            [],
            big_thread.title,
        ),
    ]
    write(
        f"Data: {Thread.objects.filter(group__slug__startswith='bench-').count()} threads; "
        f"the measured thread has {big_thread.reply_count} replies. "
        f"{concurrency} keep-alive connections (one for 'search, one client'), up to "
        f"{requests} requests or {seconds} s per line, in windows taken in turn."
    )
    # The machine may be busy with other work that comes and goes: rather than one long
    # run per line, every line is measured in short windows taken in turn, so the real
    # page and the ceiling see the same conditions; a line's figures pool its windows.
    windows = 6 if scale >= 0.5 else 1
    window_seconds = seconds / windows
    samples: dict[str, tuple[list[float], float]] = {name: ([], 0.0) for name, *_ in scenarios}
    one_client = {"search, one client"}
    with Server(secret_key) as server:
        # Both workers compile templates, fill caches and open pools before any figure.
        for name, paths, scenario_cookies, expect in scenarios:
            asyncio.run(
                _measure(
                    name, server.port, paths, scenario_cookies, expect,
                    requests=20, seconds=10, concurrency=concurrency,
                )
            )  # fmt: skip
        for _window in range(windows):
            for name, paths, scenario_cookies, expect in scenarios:
                try:
                    latencies, elapsed = asyncio.run(
                        _measure(
                            name, server.port, paths, scenario_cookies, expect,
                            requests=requests // windows, seconds=window_seconds,
                            concurrency=1 if name in one_client else concurrency,
                        )
                    )  # fmt: skip
                except (OSError, asyncio.IncompleteReadError, CommandError) as error:
                    raise CommandError(f"{name}: {error}\n{server.log_tail()}") from error
                pooled, total = samples[name]
                samples[name] = (pooled + latencies, total + elapsed)
    results = {name: _figures(name, *pooled) for name, pooled in samples.items()}
    for figures in results.values():
        write(_line(figures.name, figures))
    ceiling = results["ceiling: thread page from memory"].rps
    first = results["thread, first page"].rps
    last = results["thread, last page"].rps
    summary = {
        "thread_first_vs_ceiling": round(first / ceiling, 3) if ceiling else None,
        "thread_last_vs_ceiling": round(last / ceiling, 3) if ceiling else None,
        "search_p50_ms": round(results["search, one client"].p50_ms, 1),
        "search_p50_ms_four_connections": round(results["search"].p50_ms, 1),
    }
    write(
        f"Thread page vs ceiling: first page {summary['thread_first_vs_ceiling']:.0%}, "
        f"last page {summary['thread_last_vs_ceiling']:.0%} (target at least 60%). "
        f"Search p50 {summary['search_p50_ms']} ms one client at a time, "
        f"{summary['search_p50_ms_four_connections']} ms with four (target under 50 ms)."
    )
    return {
        "counts": {k: v for k, v in counts.items() if k != "big"} | {"big": counts["big"]},
        **{name: figures.as_dict() for name, figures in results.items()},
        **summary,
    }
