"""`python manage.py benchmark --only posts.serving`: which servers should serve Sanad.

Three arrangements, each with two server processes for pages, all started at once on
free ports of 127.0.0.1 and measured in turn, page by page, in two rounds (so that all
three see the same busy machine):

- uvicorn: `uvicorn config.asgi:application --workers 2` serves everything;
- gunicorn sync: `gunicorn config.wsgi --workers 2` serves pages, uvicorn serves /ws/;
- gunicorn gthread: the same with 2 workers of 4 threads each;
- sync, no cache: production's (gunicorn sync) with the post cache off.

When nginx is installed, every arrangement is measured through it, configured from the
committed deploy/nginx.conf (production's proxy) with the addresses replaced; otherwise
the page servers are measured directly, and the figures say so. Before measuring, each
arrangement must open a WebSocket through its front door and answer pages from its
page server. Data: the site benchmark's seeding (benchmarks.site.seed) at 200 members,
200 threads, 10,000 posts and one 520-reply thread, in a database of its own:

    createdb sanad_serve_bench   # once
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sanad_serve_bench \\
        REDIS_URL=redis://127.0.0.1:6379/10 python manage.py benchmark --only posts.serving

Sixteen keep-alive connections as signed-in members ask for one page for ten seconds;
requests per second, p50 and p99 latency are reported per page and arrangement, with
the CPU time per request of the servers (and nginx) and of the PostgreSQL backends
serving them, read from /proc, and the resident memory (VmRSS) of every server process,
sampled under that load. On a machine shared with other work, requests per second
measure how much of the CPU each arrangement got as much as what it costs; the CPU time
per request does not depend on the neighbours, and two CPU seconds a second over it
estimates what two cores of its own would serve.
"""

import asyncio
import base64
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test.utils import override_settings

from benchmarks.site import (
    SEARCHES,
    SESSION_MEMBERS,
    _database_url,
    _ensure_own_database,
    _free_port,
    _percentile,
    _read_response,
    _request,
    _sessions,
    seed,
)

FULL = {"threads": 200, "posts": 10_000, "members": 200, "big": [520]}
TINY = {"threads": 12, "posts": 120, "members": SESSION_MEMBERS + 4, "big": [40]}
NGINX_CONF = Path(settings.BASE_DIR) / "deploy" / "nginx.conf"
# The last one is production's (gunicorn sync) with the post cache off: what the pages
# cost without posts.post_cache, measured in the same run as with it.
NO_POST_CACHE = "sync, no cache"
PRODUCTION = "gunicorn sync"
ARRANGEMENTS = ("uvicorn", "gunicorn sync", "gunicorn gthread", NO_POST_CACHE)
PAGES = ("thread, first page", "thread, last page", "group page", "home", "search")
# The thread page rendered from memory (benchmarks.ceiling), served by each arrangement:
# with the post cache off, it is the ceiling as it was before the cache.
CEILING = "thread ceiling"


def _plan(scale: float) -> dict:
    """The data, the load and the time: full size, or tiny for the smoke test."""
    if scale < 0.1:
        return {
            "counts": TINY, "rounds": 1, "seconds": 0.2, "connections": 2, "warmup": 0,
            "workers": 1,
        }  # fmt: skip
    return {
        "counts": FULL, "rounds": 2, "seconds": 10.0, "connections": 16, "warmup": 32,
        "workers": 2,
    }  # fmt: skip


def server_commands(port: int, workers: int = 2) -> dict[str, list[str]]:
    """The command line of each kind of server process, as production runs them."""
    python = sys.executable
    uvicorn = [python, "-m", "uvicorn", "config.asgi:application", "--host", "127.0.0.1"]
    uvicorn += ["--port", str(port), "--no-access-log", "--proxy-headers", "--lifespan", "off"]
    gunicorn = [python, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}"]
    gunicorn += ["--workers", str(workers)]
    return {
        "uvicorn": [*uvicorn, "--workers", str(workers)],
        "uvicorn /ws/": [*uvicorn, "--workers", "1"],
        "gunicorn sync": gunicorn,
        "gunicorn gthread": [*gunicorn, "--worker-class", "gthread", "--threads", "4"],
    }


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def _rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


class ServerProcess:
    """One server (a master and its workers) on a free port, its output in a file."""

    def __init__(self, kind: str, environment: dict, workers: int = 2):
        self.kind = kind
        self.workers_wanted = workers
        self.port = _free_port()
        self.environment = environment
        self.log = tempfile.NamedTemporaryFile(prefix="sanad-serve-", suffix=".log")  # noqa: SIM115
        self.process = None

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
            server_commands(self.port, self.workers_wanted)[self.kind],
            cwd=settings.BASE_DIR,
            env=self.environment,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def workers(self) -> list[int]:
        """The processes that serve requests: the master's children (not the
        multiprocessing resource tracker uvicorn may start)."""
        if self.process is None:
            return []
        pids = _children(self.process.pid)
        pids = [pid for pid in pids if "resource_tracker" not in _cmdline(pid)]
        # uvicorn with one worker serves from the process it started as.
        return pids or [self.process.pid]

    def log_tail(self, size: int = 3000) -> str:
        self.log.flush()
        return Path(self.log.name).read_text(errors="replace")[-size:]

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def proxy_config(front: int, web: int, ws: int) -> str:
    """deploy/nginx.conf, production's proxy, with this machine's addresses."""
    text = NGINX_CONF.read_text()
    for old, new in (
        ("server web:8000;", f"server 127.0.0.1:{web};"),
        ("server ws:8000;", f"server 127.0.0.1:{ws};"),
        ("listen 80;", f"listen 127.0.0.1:{front};"),
    ):
        if text.count(old) != 1:
            raise CommandError(f"deploy/nginx.conf no longer has exactly one {old!r}.")
        text = text.replace(old, new)
    return text


class Proxy:
    """nginx in the foreground with production's configuration, in a folder of its own."""

    def __init__(self, web: int, ws: int):
        self.port = _free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="sanad-serve-nginx-"))
        # Its workers drop root for `nobody`, who must reach the temporary folders.
        self.folder.chmod(0o755)
        (self.folder / "sanad.conf").write_text(proxy_config(self.port, web, ws))
        (self.folder / "nginx.conf").write_text(
            "worker_processes 1;\n"
            "daemon off;\n"
            f"pid {self.folder}/nginx.pid;\n"
            f"error_log {self.folder}/error.log emerg;\n"
            "events { worker_connections 1024; }\n"
            "http {\n"
            f"    client_body_temp_path {self.folder}/body;\n"
            f"    proxy_temp_path {self.folder}/proxy;\n"
            f"    include {self.folder}/sanad.conf;\n"
            "}\n"
        )
        self.process = None

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603
            [
                shutil.which("nginx"),
                "-p", str(self.folder),
                "-e", str(self.folder / "error.log"),
                "-c", str(self.folder / "nginx.conf"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip

    def processes(self) -> list[int]:
        if self.process is None:
            return []
        return [self.process.pid, *_children(self.process.pid)]

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


# --- The load: keep-alive HTTP/1.1 over asyncio streams, reconnecting when told to close -


@dataclass
class Load:
    latencies: list[float] = field(default_factory=list)
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)
    answered_by: set = field(default_factory=set)
    # CPU time the arrangement's server processes (and proxy) used meanwhile.
    cpu_seconds: float = 0.0
    # And the PostgreSQL processes serving their connections.
    database_cpu_seconds: float = 0.0

    @property
    def cpu_ms(self) -> float:
        return self.cpu_seconds * 1000 / len(self.latencies) if self.latencies else 0.0

    @property
    def database_cpu_ms(self) -> float:
        return self.database_cpu_seconds * 1000 / len(self.latencies) if self.latencies else 0.0

    @property
    def cores_used(self) -> float:
        """How much of the machine the servers had: CPU seconds per second."""
        return self.cpu_seconds / self.seconds if self.seconds else 0.0

    @property
    def dedicated_rps(self) -> float:
        """Requests per second if two cores did nothing but this: the servers' and
        PostgreSQL's CPU time per request into two CPU seconds per second."""
        spent = self.cpu_ms + self.database_cpu_ms
        return 2000 / spent if spent else 0.0

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0


async def _load(port, paths, cookies, expect, *, connections, seconds, requests=None) -> Load:
    """`connections` clients, each asking in turn until `seconds` pass (or, when
    `requests` is given, until that many have been answered between them)."""
    load = Load()
    counter = {"sent": 0}
    began = time.monotonic()
    deadline = began + seconds

    def more() -> bool:
        if requests is not None:
            return counter["sent"] < requests and time.monotonic() < deadline + 60
        return time.monotonic() < deadline

    async def client(number: int):
        cookie = cookies[number % len(cookies)]
        reader = writer = None
        fresh = True
        while more():
            path = paths[counter["sent"] % len(paths)]
            counter["sent"] += 1
            if writer is None:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
                fresh = True
            started = time.perf_counter()
            headers: dict = {}
            try:
                writer.write(_request(port, path, cookie))
                await writer.drain()
                status, body = await _read_response(reader, headers)
            except (ConnectionError, asyncio.IncompleteReadError) as error:
                # A server may close a kept-alive connection between two requests; on a
                # new connection that is a failure.
                if fresh:
                    load.failures.append(f"{path}: {error!r}")
                writer.close()
                writer = None
                continue
            fresh = False
            load.latencies.append((time.perf_counter() - started) * 1000)
            load.answered_by.add(headers.get(b"x-benchmark-worker", b"").decode())
            if status != 200 or expect.encode() not in body:
                load.failures.append(f"{path}: {status}")
            if headers.get(b"connection", b"").lower() == b"close":
                writer.close()
                writer = None
        if writer is not None:
            writer.close()

    await asyncio.gather(*(client(number) for number in range(connections)))
    load.seconds = time.monotonic() - began
    return load


async def _websocket_opens(port: int, path: str, cookie: str) -> int:
    """The status of a WebSocket handshake through `port` (101 when it opened)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(
            (
                f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                f"Sec-WebSocket-Key: {base64.b64encode(os.urandom(16)).decode()}\r\n"
                "Sec-WebSocket-Version: 13\r\nOrigin: https://127.0.0.1\r\n"
                f"X-Forwarded-Proto: https\r\nCookie: sessionid={cookie}\r\n\r\n"
            ).encode()
        )
        await writer.drain()
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 20)
        return int(head.split(b" ", 2)[1])
    finally:
        writer.close()


# --- The arrangements ----------------------------------------------------------------------


@dataclass
class Arrangement:
    name: str
    pages: ServerProcess
    ws: ServerProcess
    proxy: Proxy | None = None

    @property
    def front(self) -> int:
        return self.proxy.port if self.proxy else self.pages.port

    def processes(self) -> dict[str, list[int]]:
        """Every process serving this arrangement, by role."""
        roles = {f"{self.pages.kind} worker": self.pages.workers()}
        if self.pages.process.pid not in roles[f"{self.pages.kind} worker"]:
            roles[f"{self.pages.kind} master"] = [self.pages.process.pid]
        if self.ws is not self.pages:
            roles["uvicorn /ws/ (1 process)"] = self.ws.workers()
        if self.proxy:
            roles["nginx"] = self.proxy.processes()
        return roles


def _cpu_seconds(pid: int) -> float:
    """User and system CPU time a process has used so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _database_backends() -> list[int]:
    """The PostgreSQL processes serving the servers' connections (when PostgreSQL runs
    on this machine, their CPU time is read like the servers')."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return [pid for (pid,) in cursor.fetchall()]


class ProcessSampler:
    """While a load runs: the largest VmRSS each serving process reached (sampled in a
    thread), and the CPU time the arrangement's processes used between them."""

    def __init__(self):
        self.peaks: dict[tuple[str, str], dict[int, int]] = {}
        self.cpu_seconds = 0.0
        self.database_cpu_seconds = 0.0
        self._stop = threading.Event()
        self._thread = None

    def sample(self, arrangement: Arrangement):
        sampler = self
        pids = sorted({pid for pids in arrangement.processes().values() for pid in pids})

        class Running:
            def __enter__(self):
                self.cpu = sum(_cpu_seconds(pid) for pid in pids)
                self.database = {pid: _cpu_seconds(pid) for pid in _database_backends()}
                sampler._stop.clear()
                sampler._thread = threading.Thread(
                    target=sampler._run, args=(arrangement,), daemon=True
                )
                sampler._thread.start()

            def __exit__(self, *exc):
                sampler._stop.set()
                sampler._thread.join()
                sampler.cpu_seconds = sum(_cpu_seconds(pid) for pid in pids) - self.cpu
                sampler.database_cpu_seconds = sum(
                    _cpu_seconds(pid) - self.database.get(pid, 0.0) for pid in _database_backends()
                )

        return Running()

    def _run(self, arrangement: Arrangement):
        roles = arrangement.processes()
        while True:
            for role, pids in roles.items():
                peaks = self.peaks.setdefault((arrangement.name, role), {})
                for pid in pids:
                    peaks[pid] = max(peaks.get(pid, 0), _rss_kib(pid))
            if self._stop.wait(0.25):
                return


def _environment(secret_key: str, static_root: str) -> dict:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "SANAD_BENCH_STATIC_ROOT": static_root,
        "DATABASE_URL": _database_url(),
        "DEBUG": "false",
        "SECRET_KEY": secret_key,
        "ALLOWED_HOSTS": "127.0.0.1",
        "BEHIND_TLS_PROXY": "true",
        "LOG_LEVEL": "WARNING",
        "CONN_MAX_AGE": "0",
        "DATABASE_POOL": "true",
    }
    if settings.REDIS_URL:
        environment["REDIS_URL"] = settings.REDIS_URL
    return environment


def _wait_until_healthy(servers: list[ServerProcess], seconds: float = 300) -> None:
    waiting = list(servers)
    deadline = time.monotonic() + seconds
    while waiting and time.monotonic() < deadline:
        for server in list(waiting):
            if server.process.poll() is not None:
                raise CommandError(f"{server.kind} stopped:\n{server.log_tail()}")
            try:
                load = asyncio.run(
                    _load(server.port, ["/healthz"], [""], "", connections=1, seconds=5, requests=1)
                )
            except OSError:
                continue
            if load.latencies and not load.failures:
                waiting.remove(server)
        time.sleep(0.3)
    if waiting:
        names = ", ".join(server.kind for server in waiting)
        raise CommandError(f"{names} did not answer /healthz within {seconds:.0f} s.")


# --- The benchmark -----------------------------------------------------------------------


def _scenarios(big_thread, group, secret_key: str, reader) -> dict[str, tuple[list[str], str]]:
    # Thread addresses are keyed (config.public_ids): written with the servers' key.
    with override_settings(SECRET_KEY=secret_key):
        thread_url = big_thread.get_absolute_url()
    return {
        "thread, first page": ([thread_url], big_thread.title),
        "thread, last page": ([f"{thread_url}?page=last"], big_thread.title),
        "group page": ([group.get_absolute_url()], group.name),
        "home": (["/"], group.name),
        "search": ([f"/search/?q={quote(word)}" for word in SEARCHES], "search-form"),
        CEILING: (
            [f"/__benchmark__/ceiling/threads/{big_thread.pk}/?as={reader.pk}"],
            big_thread.title,
        ),
    }


def _start(secret_key, static_root, use_proxy, workers) -> list[Arrangement]:
    environment = _environment(secret_key, static_root)
    servers = {kind: ServerProcess(kind, environment, workers) for kind in server_commands(0)}
    no_cache = {**environment, "SANAD_POST_BLOCK_CACHE": "false"}
    servers[NO_POST_CACHE] = ServerProcess(PRODUCTION, no_cache, workers)
    arrangements = [
        Arrangement("uvicorn", servers["uvicorn"], servers["uvicorn"]),
        Arrangement("gunicorn sync", servers["gunicorn sync"], servers["uvicorn /ws/"]),
        Arrangement("gunicorn gthread", servers["gunicorn gthread"], servers["uvicorn /ws/"]),
        Arrangement(NO_POST_CACHE, servers[NO_POST_CACHE], servers["uvicorn /ws/"]),
    ]
    try:
        for server in servers.values():
            server.start()
        _wait_until_healthy(list(servers.values()))
        if use_proxy:
            for arrangement in arrangements:
                arrangement.proxy = Proxy(arrangement.pages.port, arrangement.ws.port)
                arrangement.proxy.start()
    except BaseException:
        _stop(arrangements)
        raise
    return arrangements


def _stop(arrangements: list[Arrangement]) -> None:
    stopped = set()
    for arrangement in arrangements:
        for part in (arrangement.proxy, arrangement.pages, arrangement.ws):
            if part is not None and id(part) not in stopped:
                stopped.add(id(part))
                part.stop()


def _check(arrangement: Arrangement, cookie: str, scenarios: dict) -> None:
    """Before any figure: the front door opens a WebSocket (so /ws/ reaches an ASGI
    server) and its pages come from the page server's workers."""
    deadline = time.monotonic() + 20
    while True:
        try:
            status = asyncio.run(_websocket_opens(arrangement.front, "/ws/notifications/", cookie))
            break
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)
    if status != 101:
        raise CommandError(f"{arrangement.name}: a WebSocket through the front got {status}.")
    paths, expect = scenarios["home"]
    load = asyncio.run(
        _load(arrangement.front, paths, [cookie], expect, connections=1, seconds=10, requests=2)
    )
    workers = {str(pid) for pid in arrangement.pages.workers()}
    if load.failures or not load.answered_by <= workers:
        raise CommandError(
            f"{arrangement.name}: pages not answered by {arrangement.pages.kind}: "
            f"{load.failures[:3]} {load.answered_by} not in {workers}"
        )


def _mib(kib: int) -> str:
    return f"{kib / 1024:.0f}"


def run_serving(command, options) -> dict:
    from accounts.models import User
    from groups.models import SupportGroup
    from posts.models import Thread

    write = command.stdout.write
    plan = _plan(options.get("scale", 1.0))
    _ensure_own_database(str(settings.DATABASES["default"]["NAME"]))
    _database_url()
    call_command("migrate", verbosity=0)
    seed(dict(plan["counts"]), write)
    members = list(User.objects.filter(username__startswith="bench-member-").order_by("pk"))
    big_thread = (
        Thread.objects.filter(group__slug="bench-circle").order_by("-reply_count", "pk").first()
    )
    secret_key = secrets.token_urlsafe(64)
    group = SupportGroup.objects.get(slug="bench-circle")
    scenarios = _scenarios(big_thread, group, secret_key, members[0])
    cookies = _sessions(secret_key, members[:SESSION_MEMBERS])
    use_proxy = shutil.which("nginx") is not None
    write(
        f"Data: {plan['counts']['threads']} threads, {plan['counts']['posts']} posts, "
        f"{plan['counts']['members']} members; the thread has {big_thread.reply_count} "
        f"replies. {plan['connections']} keep-alive connections as signed-in members, "
        f"{plan['seconds']} s per page and arrangement, {plan['rounds']} round(s), taken "
        "in turn. "
        + (
            "Through nginx configured from deploy/nginx.conf."
            if use_proxy
            else "nginx is not installed: the page servers are measured directly."
        )
    )
    static_root = tempfile.mkdtemp(prefix="sanad-serve-static-")
    environment = _environment(secret_key, static_root)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
        cwd=settings.BASE_DIR,
        env=environment,
        check=True,
    )
    sampler = ProcessSampler()
    results: dict[tuple[str, str], list[Load]] = {}
    started = time.monotonic()
    arrangements = _start(secret_key, static_root, use_proxy, plan["workers"])
    write(f"  Servers answering in {time.monotonic() - started:.1f} s.")
    try:
        for arrangement in arrangements:
            _check(arrangement, cookies[0], scenarios)
        # Every worker compiles, fills its caches and opens its pool before any figure.
        for arrangement in arrangements if plan["warmup"] else []:
            for paths, expect in scenarios.values():
                asyncio.run(
                    _load(
                        arrangement.front, paths, cookies, expect,
                        connections=plan["connections"], seconds=30, requests=plan["warmup"],
                    )
                )  # fmt: skip
        for number in range(plan["rounds"]):
            # Taken in turn, in the opposite order each round, so that a machine that
            # grows busier or quieter favours none of them.
            order = arrangements if number % 2 == 0 else arrangements[::-1]
            for page, (paths, expect) in scenarios.items():
                for arrangement in order:
                    with sampler.sample(arrangement):
                        load = asyncio.run(
                            _load(
                                arrangement.front, paths, cookies, expect,
                                connections=plan["connections"], seconds=plan["seconds"],
                            )
                        )  # fmt: skip
                    if load.failures or not load.latencies:
                        raise CommandError(
                            f"{arrangement.name}, {page}: {len(load.failures)} bad responses, "
                            f"e.g. {load.failures[:3]}\n{arrangement.pages.log_tail()}"
                        )
                    load.cpu_seconds = sampler.cpu_seconds
                    load.database_cpu_seconds = sampler.database_cpu_seconds
                    results.setdefault((page, arrangement.name), []).append(load)
    finally:
        _stop(arrangements)
        shutil.rmtree(static_root, ignore_errors=True)
    return _report(write, results, sampler, use_proxy)


def _report(write, results: dict, sampler: ProcessSampler, use_proxy: bool) -> dict:
    def joined(values, form):
        return " / ".join(form.format(value) for value in values)

    write(
        "  req/s, p50 and p99 as measured; cores: the servers' CPU seconds per second; "
        "CPU ms per request of the servers (with nginx) and of PostgreSQL; 2-core est.: "
        "requests per second if two cores served only this (2,000 ms over the two)."
    )
    write(
        f"  {'page':<20} {'arrangement':<17} {'req/s':>13} {'p50 ms':>13} {'p99 ms':>13}"
        f" {'cores':>11} {'server CPU':>13} {'PG CPU':>11} {'2-core est.':>13}"
    )
    figures: dict = {"through_nginx": use_proxy, "pages": {}, "memory_mib": {}}
    for (page, name), loads in results.items():
        rps = [load.rps for load in loads]
        p50 = [_percentile(load.latencies, 0.5) for load in loads]
        p99 = [_percentile(load.latencies, 0.99) for load in loads]
        cpu = [load.cpu_ms for load in loads]
        database = [load.database_cpu_ms for load in loads]
        cores = [load.cores_used for load in loads]
        dedicated = [load.dedicated_rps for load in loads]
        write(
            f"  {page:<20} {name:<17} {joined(rps, '{:.1f}'):>13} "
            f"{joined(p50, '{:.0f}'):>13} {joined(p99, '{:.0f}'):>13}"
            f" {joined(cores, '{:.2f}'):>11} {joined(cpu, '{:.1f}'):>13}"
            f" {joined(database, '{:.1f}'):>11} {joined(dedicated, '{:.1f}'):>13}"
        )
        figures["pages"].setdefault(page, {})[name] = {
            "rps": [round(value, 1) for value in rps],
            "p50_ms": [round(value, 1) for value in p50],
            "p99_ms": [round(value, 1) for value in p99],
            "cpu_ms_per_request": [round(value, 1) for value in cpu],
            "postgres_cpu_ms_per_request": [round(value, 1) for value in database],
            "cores_used": [round(value, 2) for value in cores],
            "two_core_estimate_rps": [round(value, 1) for value in dedicated],
        }
    write("  Memory per server process under load (largest VmRSS seen, MiB):")
    for (name, role), peaks in sampler.peaks.items():
        if not peaks:
            continue
        values = [peaks[pid] for pid in sorted(peaks)]
        figures["memory_mib"].setdefault(name, {})[role] = [round(v / 1024, 1) for v in values]
        write(f"    {name:<17} {role:<24} {', '.join(_mib(v) for v in values)}")
    # Each arrangement against uvicorn, page by page and round by round: the mean ratio
    # of requests per second as measured, and of the two-core estimate.
    measured, estimated = {}, {}
    for name in ARRANGEMENTS:
        pairs = [
            (load, base)
            for page in PAGES
            for load, base in zip(
                results.get((page, name), []), results.get((page, "uvicorn"), []), strict=False
            )
            if base.rps and base.dedicated_rps
        ]
        count = len(pairs) or 1
        measured[name] = sum(mine.rps / base.rps for mine, base in pairs) / count
        estimated[name] = sum(mine.dedicated_rps / base.dedicated_rps for mine, base in pairs)
        estimated[name] /= count
    figures["vs_uvicorn"] = {name: round(ratio, 3) for name, ratio in measured.items()}
    figures["two_core_estimate_vs_uvicorn"] = {
        name: round(ratio, 3) for name, ratio in estimated.items()
    }
    figures["post_cache"] = _post_cache_summary(write, results)
    figures["fastest"] = max(measured, key=measured.get)
    figures["fastest_two_core_estimate"] = max(estimated, key=estimated.get)
    write(
        "  Against uvicorn for everything (mean over pages and rounds): requests per second "
        + ", ".join(f"{name} {ratio:.2f}x" for name, ratio in measured.items())
        + "; two-core estimate "
        + ", ".join(f"{name} {ratio:.2f}x" for name, ratio in estimated.items())
        + f". Fastest as measured: {figures['fastest']}; on two cores of its own: "
        f"{figures['fastest_two_core_estimate']}."
    )
    return figures


def _post_cache_summary(write, results: dict) -> dict:
    """Production's arrangement against itself with the post cache off, round by round:
    each page, and each page against the thread ceiling as it was (rendered from memory
    with the post cache off). Measured rates, and the two-core estimates, which do not
    depend on what else the machine was doing."""
    on, off = PRODUCTION, NO_POST_CACHE
    ceiling = results.get((CEILING, off), [])
    summary = {}
    write(f"  Post cache ({PRODUCTION} against itself with it off), per round:")
    for page in (*PAGES[:4], CEILING):
        after, before = results.get((page, on), []), results.get((page, off), [])
        row = {
            "vs_cache_off": [
                round(a.rps / b.rps, 2) for a, b in zip(after, before, strict=False) if b.rps
            ],
            "two_core_vs_cache_off": [
                round(a.dedicated_rps / b.dedicated_rps, 2)
                for a, b in zip(after, before, strict=False)
                if b.dedicated_rps
            ],
            "vs_ceiling_cache_off": [
                round(a.rps / c.rps, 2) for a, c in zip(after, ceiling, strict=False) if c.rps
            ],
            "two_core_vs_ceiling_cache_off": [
                round(a.dedicated_rps / c.dedicated_rps, 2)
                for a, c in zip(after, ceiling, strict=False)
                if c.dedicated_rps
            ],
        }
        summary[page] = row
        write(
            f"    {page:<20} vs cache off {' / '.join(map(str, row['vs_cache_off']))}x"
            f" (2-core est. {' / '.join(map(str, row['two_core_vs_cache_off']))}x);"
            f" vs the ceiling with it off {' / '.join(map(str, row['vs_ceiling_cache_off']))}x"
            f" (2-core est. {' / '.join(map(str, row['two_core_vs_ceiling_cache_off']))}x)"
        )
    return summary
