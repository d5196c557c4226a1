"""Issue 12, item 3: no client address in anything Sanad's servers write.

The production server command (read from docker-compose.yml) and the development server
are started for real; a client connecting from 127.0.0.2 reads pages, asks for missing
ones, and opens WebSockets that are accepted and refused. Their output must hold no IP
address at all, apart from the development server's own "listening at" banner.
"""

import contextlib
import http.client
import ipaddress
import logging
import re
import socket

import pytest

from config.logs import RedactAddresses
from tests.factories import UserFactory
from tests.servers import Server, development_command, free_port, production_command, server_env

CLIENT = "127.0.0.2"
pytestmark = [pytest.mark.needs_postgres, pytest.mark.django_db(transaction=True)]

_CANDIDATES = re.compile(r"[0-9A-Fa-f:.\[\]]{3,}")


def addresses_in(text: str) -> list[str]:
    """Every IPv4 or IPv6 address in text (with or without a port or brackets)."""
    found = []
    for match in _CANDIDATES.finditer(text):
        token = match.group().strip("[]:.")
        for candidate in (token, token.rsplit(":", 1)[0], token.split("]")[0]):
            try:
                ipaddress.ip_address(candidate.strip("[]"))
            except ValueError:
                continue
            found.append(candidate)
            break
    return found


def _request(port: int, path: str, cookie: str = "") -> int:
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=20, source_address=(CLIENT, 0)
    )
    headers = {"Accept-Language": "en"}
    if cookie:
        headers["Cookie"] = cookie
    connection.request("GET", path, headers=headers)
    status = connection.getresponse().status
    connection.close()
    return status


def _websocket(port: int, path: str, cookie: str = "", origin: str | None = None) -> bytes:
    """Opens a WebSocket by hand (so the client address is ours) and returns the status
    line; an accepted socket is dropped without a close frame, as a lost phone would."""
    origin = f"http://127.0.0.1:{port}" if origin is None else origin
    lines = [
        f"GET {path} HTTP/1.1",
        f"Host: 127.0.0.1:{port}",
        "Upgrade: websocket",
        "Connection: Upgrade",
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
        "Sec-WebSocket-Version: 13",
        f"Origin: {origin}",
    ]
    if cookie:
        lines.append(f"Cookie: {cookie}")
    sock = socket.create_connection(("127.0.0.1", port), timeout=20, source_address=(CLIENT, 0))
    try:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        answer = sock.recv(4096)
        if answer.startswith(b"HTTP/1.1 101"):
            sock.settimeout(3)
            with contextlib.suppress(TimeoutError):
                sock.recv(4096)  # the bell's first count
        return answer.split(b"\r\n", 1)[0]
    finally:
        sock.close()


def _exercise(pages: Server, sockets: Server, cookie: str) -> None:
    pages.wait_ready()
    sockets.wait_ready()
    port = pages.port
    assert _request(port, "/") in {200, 302}
    assert _request(port, "/no-such-page/") == 404
    assert _request(port, "/groups/a-hidden-group/") == 404
    assert _request(port, "/notifications/", cookie) == 200
    port = sockets.port
    assert b"101" in _websocket(port, "/ws/notifications/?lang=en", cookie)
    # Refused: not signed in; another site's origin; no such thread.
    assert b"101" not in _websocket(port, "/ws/notifications/")
    assert b"101" not in _websocket(port, "/ws/notifications/", cookie, "https://evil.example")
    assert b"101" not in _websocket(port, "/ws/threads/999999/", cookie)
    assert b"101" not in _websocket(port, "/ws/no-such-socket/", cookie)


def _signed_in_cookie(client) -> str:
    user = UserFactory()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}"


@pytest.mark.parametrize("which", ["production", "development"])
def test_servers_write_no_client_address(which, client, tmp_path):
    cookie = _signed_in_cookie(client)
    if which == "production":
        # As compose deploys it: gunicorn for the pages, uvicorn for /ws/.
        servers = [
            Server(
                production_command(port, service), port, server_env(), tmp_path / f"{service}.log"
            )
            for service, port in (("web", free_port()), ("ws", free_port()))
        ]
    else:
        port = free_port()
        servers = [Server(development_command(port), port, server_env(), tmp_path / "dev.log")] * 2
    try:
        _exercise(servers[0], servers[1], cookie)
    finally:
        for server in set(servers):
            server.stop()
    output = "\n".join(server.output for server in dict.fromkeys(servers))
    (tmp_path.parent / f"last-{which}.log").write_text(output)
    assert "Traceback" not in output, output
    assert "WebSocket" in output or which == "development", output
    assert CLIENT not in output, output
    lines = [
        line
        for line in output.splitlines()
        # runserver prints where it listens (the server's address, not a client's).
        if not line.startswith("Starting ASGI/Daphne")
    ]
    leaked = [line for line in lines if addresses_in(line)]
    assert leaked == [], output


def test_the_filter_redacts_every_server_line_format():
    records = [
        ('%s - "WebSocket %s" [accepted]', ("127.0.0.1:57602", "/ws/threads/18/")),
        ("HTTP %(method)s %(path)s %(status)s [%(client)s]", None),
        ("%s:%d - %s", ("::1", 50000, "connection rejected (403 Forbidden)")),
        ("peer %s", ("[2001:db8::7]:443",)),
        ("Connection from %s", ("::ffff:10.1.2.3",)),
        ("Error 111 connecting to %s. Connection refused.", ("127.0.0.1:44115",)),
    ]
    for message, args in records:
        record = logging.LogRecord("uvicorn.error", logging.INFO, __file__, 1, message, (), None)
        record.args = args or {
            "method": "GET",
            "path": "/groups/hidden/",
            "status": 404,
            "client": "10.0.0.5:40000",
        }
        RedactAddresses().filter(record)
        assert addresses_in(record.getMessage()) == [], record.getMessage()
        assert "[address]" in record.getMessage()
    kept = "at 09:48:04,123 Daphne 4.2.3 took 0.01s, hash e3b0c442:98fc"
    record = logging.LogRecord("x", logging.INFO, __file__, 1, kept, (), None)
    RedactAddresses().filter(record)
    assert record.getMessage() == kept
