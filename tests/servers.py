"""Starting Sanad's real servers as subprocesses, for tests that look at what they
print or how they behave when a service fails."""

import os
import shlex
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import yaml
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def compose() -> dict:
    return yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())


def production_command(port: int, service: str = "web") -> list[str]:
    """A server command from docker-compose.yml, as compose runs it (through sh, `$$`
    being compose's escape for `$`), on 127.0.0.1:port and without the migration step
    (the test database is migrated): `web` is gunicorn serving the pages, `ws` uvicorn
    serving the WebSockets."""
    script = compose()["services"][service]["command"][-1].replace("$$", "$")
    server = script.split("&&")[-1].strip()
    python = shlex.quote(sys.executable)
    if service == "web":
        assert server.startswith("exec gunicorn "), server
        assert "--bind 0.0.0.0:8000" in server, server
        server = server.replace("--bind 0.0.0.0:8000", f"--bind 127.0.0.1:{port}")
        server = server.replace("exec gunicorn ", f"exec {python} -m gunicorn ", 1)
    else:
        assert server.startswith("exec uvicorn "), server
        assert "--host 0.0.0.0 --port 8000" in server, server
        server = server.replace("--host 0.0.0.0 --port 8000", f"--host 127.0.0.1 --port {port}")
        server = server.replace("exec uvicorn ", f"exec {python} -m uvicorn ", 1)
    return ["sh", "-c", server]


def development_command(port: int) -> list[str]:
    return [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"]


def server_env(**overrides: str) -> dict[str, str]:
    """The environment of a server over the test database (committed rows only)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    database = settings.DATABASES["default"]
    env.update(
        DATABASE_URL=(
            f"postgres://{database['USER']}:{database.get('PASSWORD') or ''}"
            f"@{database['HOST']}:{database['PORT']}/{database['NAME']}"
        ),
        DEBUG="true",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        FORWARDED_ALLOW_IPS="127.0.0.1",
        LOG_LEVEL="INFO",
        PYTHONUNBUFFERED="1",
    )
    env.pop("REDIS_URL", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update(overrides)
    return env


class Server:
    """A server subprocess; its stdout and stderr are collected in `output`."""

    def __init__(self, command: list[str], port: int, env: dict[str, str], log: Path):
        self.port = port
        self.log = log
        self._file = log.open("wb")
        self.process = subprocess.Popen(  # noqa: S603 - our own commands
            command,
            cwd=BASE_DIR,
            env=env,
            stdout=self._file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_ready(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"server exited:\n{self.output}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.3)
        raise AssertionError(f"server did not start:\n{self.output}")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self._file.close()

    @property
    def output(self) -> str:
        if not self._file.closed:
            self._file.flush()
        return self.log.read_text(errors="replace")
