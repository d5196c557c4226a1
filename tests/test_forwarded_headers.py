"""Issue 16, item 5: uvicorn believes X-Forwarded-Proto only from the proxy.

The compose server command runs with FORWARDED_ALLOW_IPS=127.0.0.1 and HTTPS redirects
on: the same forged header is ignored from 127.0.0.2 (redirected to HTTPS) and believed
from 127.0.0.1 (the page itself)."""

import http.client

import pytest

from tests.servers import Server, free_port, production_command, server_env

pytestmark = [pytest.mark.needs_postgres, pytest.mark.django_db(transaction=True)]


def _get(port: int, source: str) -> int:
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=20, source_address=(source, 0)
    )
    connection.request("GET", "/help/", headers={"X-Forwarded-Proto": "https"})
    status = connection.getresponse().status
    connection.close()
    return status


def test_a_forged_forwarded_proto_from_elsewhere_is_ignored(tmp_path):
    port = free_port()
    env = server_env(SECURE_SSL_REDIRECT="true", FORWARDED_ALLOW_IPS="127.0.0.1")
    server = Server(production_command(port), port, env, tmp_path / "server.log")
    try:
        server.wait_ready()
        assert _get(port, "127.0.0.2") == 301
        assert _get(port, "127.0.0.1") == 200
    finally:
        server.stop()
