"""How Sanad is served: the compose file's proxy sends WebSockets to the ASGI server and
pages to the WSGI one, and the benchmark that chose that arrangement runs end to end."""

import json
import re
import shutil
import subprocess
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command

from benchmarks.serving import NGINX_CONF, Proxy, proxy_config

ROOT = Path(settings.BASE_DIR)


def _block(text: str, opening: str) -> str:
    """The body of the `opening { ... }` block in an nginx configuration."""
    start = text.index(opening)
    depth, position = 0, text.index("{", start)
    for index in range(position, len(text)):
        depth += {"{": 1, "}": -1}.get(text[index], 0)
        if depth == 0:
            return text[position + 1 : index]
    raise AssertionError(f"{opening} is not closed")


def _proxied_service(config: str, location: str) -> str:
    """The compose service a location's requests go to, through its upstream."""
    upstream = re.search(r"proxy_pass http://(\w+);", _block(config, f"location {location} "))[1]
    server = re.search(r"server ([\w.-]+):(\d+);", _block(config, f"upstream {upstream} "))
    return server[1]


def _command(service: dict) -> str:
    command = service.get("command", "")
    return " ".join(command) if isinstance(command, list) else command


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]


def test_the_proxy_sends_websockets_to_the_asgi_server_and_pages_to_gunicorn():
    services = _compose()
    proxy = services["proxy"]
    assert proxy["image"].startswith("nginx:")
    assert "./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro" in proxy["volumes"]
    # Published on the host's loopback only: a TLS terminator stands in front.
    assert proxy["ports"] == ["127.0.0.1:8000:80"]
    config = NGINX_CONF.read_text()

    websockets = _proxied_service(config, "/ws/")
    pages = _proxied_service(config, "/")

    assert "uvicorn config.asgi:application" in _command(services[websockets])
    assert "gunicorn config.wsgi" in _command(services[pages])
    assert websockets != pages
    # Neither application server is reachable except through the proxy.
    assert "ports" not in services[websockets]
    assert "ports" not in services[pages]


def test_the_proxy_passes_the_upgrade_and_the_scheme_but_no_address():
    config = NGINX_CONF.read_text()
    ws = _block(config, "location /ws/ ")
    pages = _block(config, "location / ")

    assert "proxy_http_version 1.1;" in ws
    assert "proxy_set_header Upgrade $http_upgrade;" in ws
    assert re.search(r"proxy_set_header Connection \$\w*upgrade\w*;", ws)
    for block in (ws, pages):
        assert re.search(r"proxy_set_header X-Forwarded-Proto \$\w+;", block)
        assert 'proxy_set_header X-Forwarded-For "";' in block
    assert "access_log off;" in config


def test_the_benchmark_serves_through_the_committed_proxy_configuration():
    committed = NGINX_CONF.read_text()
    local = proxy_config(8080, 9001, 9002)

    assert "server 127.0.0.1:9001;" in _block(local, "upstream sanad_web ")
    assert "server 127.0.0.1:9002;" in _block(local, "upstream sanad_ws ")
    assert "listen 127.0.0.1:8080;" in local
    # Everything else is production's, line for line.
    assert len(local.splitlines()) == len(committed.splitlines())
    changed = [a for a, b in zip(committed.splitlines(), local.splitlines(), strict=True) if a != b]
    assert len(changed) == 3


@pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is not installed")
def test_nginx_accepts_the_configuration():
    proxy = Proxy(9001, 9002)
    try:
        checked = subprocess.run(  # noqa: S603
            [
                shutil.which("nginx"), "-t", "-q",
                "-p", str(proxy.folder),
                "-e", str(proxy.folder / "error.log"),
                "-c", str(proxy.folder / "nginx.conf"),
            ],
            capture_output=True,
            text=True,
        )  # fmt: skip
    finally:
        proxy.stop()
    assert checked.returncode == 0, checked.stderr


@pytest.mark.needs_postgres
@pytest.mark.django_db(transaction=True)
def test_the_serving_benchmark_runs_at_a_tiny_scale():
    out = StringIO()

    call_command("benchmark", "--only", "posts.serving", "--scale", "0.01", "--json", stdout=out)

    printed = out.getvalue()
    figures = json.loads(printed[printed.index("{") :])["posts.serving"]
    for page in ("thread, first page", "thread, last page", "group page", "home", "search"):
        for arrangement in ("uvicorn", "gunicorn sync", "gunicorn gthread"):
            assert figures["pages"][page][arrangement]["rps"][0] > 0
    memory = figures["memory_mib"]
    assert memory["uvicorn"]["uvicorn worker"][0] > 20
    assert memory["gunicorn sync"]["gunicorn sync worker"][0] > 20
    assert memory["gunicorn sync"]["uvicorn /ws/ (1 process)"][0] > 20
    line = figures["pages"]["thread, first page"]["gunicorn gthread"]
    assert line["cpu_ms_per_request"][0] > 0
    assert line["two_core_estimate_rps"][0] > 0
    assert figures["fastest"] in ("uvicorn", "gunicorn sync", "gunicorn gthread")
    assert "Memory per server process under load" in printed
