"""Notifications through a real Celery worker and a real Redis broker, and what happens
when either goes away.

- A reply gives an opted-in watcher exactly one in-app notification and one email.
- A worker killed with SIGKILL in the middle of a fan-out and started again: every
  watcher ends up with exactly one notification and one email.
- Redis stopped while a member posts: the post succeeds, the page says nothing
  alarming, and the notifications arrive once Redis is back.

The last two run the worker as a separate `celery -A config worker` process against
the test database. The Redis test starts its own redis-server on a free port, so the
machine's Redis (other tests, other developers) is never stopped.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.core import mail

from benchmarks.notifications import seed_watchers
from config.celery import app
from notifications.models import Delivery, FanOut, Notification
from posts import services
from posts.models import Post
from tests.factories import MembershipFactory, ThreadFactory, give_verified_email, want_emails

pytestmark = [
    pytest.mark.needs_postgres,
    pytest.mark.needs_redis,
    pytest.mark.django_db(transaction=True),
]

BASE_DIR = Path(settings.BASE_DIR)


def _purge_queue():
    with app.connection_for_write() as connection:
        # Leftovers from an earlier run would only be retried against missing rows.
        connection.default_channel.queue_purge(app.conf.task_default_queue)


@pytest.fixture
def celery_worker():
    app.conf.task_always_eager = False
    _purge_queue()
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10) as worker:
        yield worker
    app.conf.task_always_eager = True


def _wait_for(predicate, seconds=15, every=0.1):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(every)
    return False


def test_a_reply_notifies_the_author_through_a_real_worker(celery_worker):
    membership = MembershipFactory()
    thread = ThreadFactory(group=membership.group, author=membership.user)
    replier = MembershipFactory(group=membership.group).user

    services.post_create(author=replier, thread=thread, body="Thinking of you tonight.")

    assert _wait_for(lambda: Notification.objects.filter(recipient=membership.user).exists())
    assert Notification.objects.filter(recipient=membership.user).count() == 1


def test_a_reply_gives_an_opted_in_watcher_one_notification_and_one_email(celery_worker):
    membership = MembershipFactory()
    watcher = membership.user
    thread = ThreadFactory(group=membership.group, author=watcher)
    give_verified_email(watcher)
    want_emails(watcher, Notification.Kind.REPLY)
    replier = MembershipFactory(group=membership.group).user

    services.post_create(author=replier, thread=thread, body="Thinking of you tonight.")

    assert _wait_for(lambda: len(mail.outbox) >= 1)
    time.sleep(0.5)  # anything doubled would have arrived by now
    assert Notification.objects.filter(recipient=watcher).count() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "You have new activity on Sanad"
    assert not Delivery.objects.filter(status=Delivery.Status.PENDING).exists()


# --- A worker in its own process ---------------------------------------------------------


def _database_url() -> str:
    database = settings.DATABASES["default"]
    credentials = quote(database["USER"] or "", safe="")
    if database.get("PASSWORD"):
        credentials += ":" + quote(database["PASSWORD"], safe="")
    host = database.get("HOST") or "127.0.0.1"
    port = database.get("PORT") or 5432
    # NAME is the test database's here: the worker works on the rows this test made.
    return f"postgres://{credentials}@{host}:{port}/{database['NAME']}"


class WorkerProcess:
    """`celery -A config worker` against the test database, killable at any moment."""

    def __init__(self, *, redis_url: str, mail_dir: Path, log: Path, **extra_env):
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DATABASE_URL": _database_url(),
            "REDIS_URL": redis_url,
            "CELERY_QUEUE": app.conf.task_default_queue,
            "EMAIL_URL": f"filemail:///{mail_dir}",
            "SANAD_REQUIRE_SERVICES": "0",
            **{key: str(value) for key, value in extra_env.items()},
        }
        self.log = log
        self.process = None

    def start(self):
        command = [
            sys.executable, "-m", "celery", "-A", "config", "worker", "--pool", "solo",
            "--queues", self.env["CELERY_QUEUE"], "--without-gossip", "--without-mingle",
            "--without-heartbeat", "--loglevel", "INFO", "--hostname", f"fault-{time.time_ns()}@%h",
        ]  # fmt: skip
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
                command,
                cwd=BASE_DIR,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return self

    def kill(self):
        # SIGKILL: no warm shutdown, no chance to finish or hand back the task.
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def workdir():
    path = Path(tempfile.mkdtemp(prefix="sanad-fault-"))
    (path / "mail").mkdir()
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def workers(workdir):
    started = []

    def _start(**kwargs):
        kwargs.setdefault("redis_url", settings.REDIS_URL)
        worker = WorkerProcess(mail_dir=workdir / "mail", log=workdir / "worker.log", **kwargs)
        started.append(worker)
        return worker.start()

    yield _start
    for worker in started:
        worker.stop()


def _emails_by_recipient(mail_dir: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    for path in mail_dir.glob("*"):
        for line in path.read_text(errors="replace").splitlines():
            if line.startswith("To: "):
                address = line[4:].strip()
                counts[address] = counts.get(address, 0) + 1
    return counts


def _forget_unacked_messages(redis_url: str) -> None:
    """The killed worker's task stays "unacked" in Redis until the visibility timeout
    and would then run again (harmlessly) in some later test; drop it now."""
    import redis

    client = redis.Redis.from_url(redis_url)
    client.delete("unacked", "unacked_index")


def test_a_worker_killed_mid_fan_out_and_restarted_tells_everyone_exactly_once(workers, workdir):
    app.conf.task_always_eager = False
    _purge_queue()
    membership = MembershipFactory()
    group, author = membership.group, membership.user
    thread = ThreadFactory(group=group, author=author)
    watcher_ids = seed_watchers(
        group=group, thread=thread, count=300, prefix="killed", email_one_in=1
    )
    replier = MembershipFactory(group=group).user
    # Small batches, so the fan-out takes many tasks and the kill lands in the middle.
    batching = {"SANAD_NOTIFICATION_FANOUT_BATCH": 10, "SANAD_NOTIFICATION_SWEEP_AFTER_SECONDS": 0}
    first = workers(**batching)
    try:
        post = services.post_create(author=replier, thread=thread, body="You are not alone.")

        assert _wait_for(
            lambda: Notification.objects.filter(post=post).count() >= 10, seconds=60, every=0.02
        ), (workdir / "worker.log").read_text()
        first.kill()
        fanout = FanOut.objects.get(post=post)
        assert fanout.finished_at is None, "the fan-out finished before the kill; slow it down"
        before = Notification.objects.filter(post=post).count()
        assert 0 < before < 300

        workers(**batching)
        assert _wait_for(
            lambda: (
                FanOut.objects.filter(post=post, finished_at__isnull=False).exists()
                and not Delivery.objects.filter(status=Delivery.Status.PENDING).exists()
            ),
            seconds=90,
        ), (workdir / "worker.log").read_text()

        recipients = list(
            Notification.objects.filter(post=post).values_list("recipient_id", flat=True)
        )
        assert sorted(recipients) == sorted([*watcher_ids, author.pk])
        emails = _emails_by_recipient(workdir / "mail")
        assert len(emails) == 300
        assert set(emails.values()) == {1}, "some watcher got an email twice"
    finally:
        app.conf.task_always_eager = True
        _forget_unacked_messages(settings.REDIS_URL)


# --- Redis going away ----------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """A private redis-server for one test: stopping it disturbs nobody else."""

    def __init__(self, port: int):
        self.port = port
        self.url = f"redis://127.0.0.1:{port}/0"
        self.process = None

    def start(self):
        executable = shutil.which("redis-server") or "/usr/bin/redis-server"
        self.process = subprocess.Popen(  # noqa: S603 - a fixed binary and our arguments
            [executable, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        import redis

        assert _wait_for(lambda: self._ping(redis), seconds=10), "redis-server did not start"
        return self

    def _ping(self, redis) -> bool:
        try:
            return bool(redis.Redis.from_url(self.url, socket_timeout=0.5).ping())
        except redis.RedisError:
            return False

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture
def private_redis():
    if shutil.which("redis-server") is None and not Path("/usr/bin/redis-server").exists():
        pytest.skip("needs the redis-server program")
    server = RedisServer(_free_port()).start()
    yield server
    server.stop()


@pytest.fixture
def broker_on(private_redis):
    """Point this process's Celery producer at the private Redis, and back afterwards."""

    # Celery keeps its connection and producer pools once made: set the ones for the
    # main broker aside (untouched, since other tests go on using them), and close the
    # private broker's afterwards.
    original = (app.conf.broker_url, app._pool, app.amqp._producer_pool)
    app.conf.task_always_eager = False
    app.conf.broker_url = private_redis.url
    app._pool = None
    app.amqp._producer_pool = None
    yield private_redis
    if app._pool is not None:
        app._pool.force_close_all()
    app.conf.broker_url, app._pool, app.amqp._producer_pool = original
    app.conf.task_always_eager = True


def test_redis_stopped_while_a_member_posts_then_notifications_arrive_when_it_is_back(
    client, broker_on, workers, workdir
):
    membership = MembershipFactory()
    author = membership.user
    thread = ThreadFactory(group=membership.group, author=author)
    give_verified_email(author)
    want_emails(author, Notification.Kind.REPLY)
    replier = MembershipFactory(group=membership.group).user
    client.force_login(replier)

    broker_on.stop()
    started = time.monotonic()
    response = client.post(thread.get_absolute_url(), {"body": "Still here for you."}, follow=True)

    assert response.status_code == 200
    assert time.monotonic() - started < 15
    post = Post.objects.get(thread=thread, body="Still here for you.")
    page = response.content.decode()
    assert "Still here for you." in page
    shown = page.split("</head>", 1)[1]  # what the member reads, not htmx's settings
    for alarming in ("error", "Error", "went wrong", "try again", "not sent"):
        assert alarming not in shown
    assert not Notification.objects.filter(post=post).exists()

    broker_on.start()
    workers(redis_url=broker_on.url, SANAD_NOTIFICATION_SWEEP_AFTER_SECONDS=0)

    assert _wait_for(lambda: _emails_by_recipient(workdir / "mail"), seconds=60), (
        workdir / "worker.log"
    ).read_text()
    time.sleep(0.5)
    assert Notification.objects.filter(post=post, recipient=author).count() == 1
    assert _emails_by_recipient(workdir / "mail") == {f"{author.username}@example.org": 1}
