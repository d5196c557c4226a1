"""No client address in any log line.

Sanad's logging configuration (config/logging.json: Django's LOGGING, uvicorn's
``--log-config``, Celery through ``setup_logging``) has one handler, on the root logger,
and every server's loggers (uvicorn, Daphne, Django, Channels, Celery) lose their own
handlers and propagate to it. That handler carries ``RedactAddresses``: it formats each
record once, replaces every IPv4 and IPv6 address (with its port, if any) by
``[address]`` in the message, the traceback and the stack, and hands the handler the
redacted text. So neither uvicorn's WebSocket lines
(``127.0.0.1:57602 - "WebSocket /ws/threads/18/" [accepted]``), nor Daphne's access
lines on 4xx, nor any exception that quotes a peer, can write who connected.
"""

import ipaddress
import json
import logging
import re
from pathlib import Path

REDACTED = "[address]"
CONFIG_FILE = Path(__file__).resolve().parent / "logging.json"

# Candidates only: each is confirmed by the ipaddress module, so times ("09:48:04"),
# versions ("4.2.3") and hashes are left alone.
_CANDIDATE = re.compile(
    r"(?<![\w.:])"
    r"(?:"
    r"\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?"  # IPv4, maybe with a port
    r"|\[[0-9A-Fa-f:.%\w]+\](?::\d{1,5})?"  # [IPv6]:port
    r"|[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:\.\d{1,3}){0,3}(?::\d{1,5})?"  # IPv6
    r")"
    r"(?![\w:]|\.\d)"
)


def _is_address(text: str) -> bool:
    if text.startswith("["):
        text = text[1:].split("]", 1)[0]
    candidates = [text]
    head, _, tail = text.rpartition(":")
    if head and tail.isdigit():
        candidates.append(head)
    for candidate in candidates:
        try:
            ipaddress.ip_address(candidate.split("%", 1)[0])
        except ValueError:
            continue
        return True
    return False


def redact(text: str) -> str:
    """``text`` with every IP address (and its port) replaced by ``[address]``."""
    if not text:
        return text
    return _CANDIDATE.sub(
        lambda match: REDACTED if _is_address(match.group()) else match.group(), text
    )


class RedactAddresses(logging.Filter):
    """Rewrites each record so that its message, traceback and stack hold no address.

    The record keeps no arguments afterwards (the message is already formatted), which
    every plain formatter handles.
    """

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed call: keep what can be kept, redacted
            message = f"{record.msg!s} {record.args!r}"
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def logging_config(level: str = "INFO") -> dict:
    """Sanad's logging configuration (config/logging.json) with the root at ``level``."""
    config = json.loads(CONFIG_FILE.read_text())
    config["root"]["level"] = level
    return config
