"""Timing of the account pages, run by `python manage.py benchmark --only accounts.timing`.

Whether an account exists must not show in how long Sanad takes to answer. This times,
50 tries each (times --scale), taken in turn so both sides see the same machine:

- sign-in: a known username with a wrong password, and an unknown username;
- asking for a password reset: an address with an account, and one without;
- sign-up: an address another account holds, and a new one;
- a password reset with a recovery code: a known username with a wrong code, and an
  unknown username;

through the whole stack (middleware, views, forms, the database), with the password
hasher production uses (Django's PBKDF2, not the tests' MD5), and prints the medians.
Rate limits are lifted for the run, since they would answer most tries early. Email
goes where production sends it: to Celery after commit (queued in Redis when REDIS_URL
is set; the queue is emptied afterwards), with nothing sent.

It writes accounts and audit rows, so it refuses a database whose name lacks "bench":

    createdb sanad_accounts_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sanad_accounts_bench \\
        python manage.py migrate
    DATABASE_URL=... REDIS_URL=... python manage.py benchmark --only accounts.timing
"""

import statistics
import time
from itertools import count

from django.conf import global_settings, settings
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse

TRIES = 50
WARM_UP = 3
PASSWORD = "a long benchmark passphrase"  # noqa: S105 (the accounts it makes are deleted)
KNOWN_ADDRESS = "bench-timing-known@example.org"


def _check_database() -> None:
    if connection.vendor != "postgresql":
        raise CommandError("The timing benchmark needs PostgreSQL: set DATABASE_URL.")
    if "bench" not in settings.DATABASES["default"]["NAME"]:
        raise CommandError(
            "The timing benchmark writes accounts and audit rows: point DATABASE_URL at a "
            'database of its own, whose name contains "bench".'
        )


def _client() -> Client:
    return Client(
        HTTP_ACCEPT_LANGUAGE="en",
        HTTP_HOST=settings.ALLOWED_HOSTS[0] if settings.ALLOWED_HOSTS else "localhost",
        REMOTE_ADDR="198.51.100.200",
    )


def _timed(post, expected: int) -> tuple[float, float]:
    """Wall-clock time, and the CPU time this process spent (which other work on a busy
    machine disturbs far less)."""
    started, started_cpu = time.perf_counter(), time.process_time()
    response = post()
    elapsed, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    if response.status_code != expected:
        # A refusal for another reason (a host, a rate limit) would time the wrong thing.
        raise CommandError(f"A benchmark request answered {response.status_code}, not {expected}")
    return elapsed, cpu


def _pairs(tries: int, first, second, *, expected: int) -> tuple[list, list]:
    """Time `first` and `second` in turn (alternating which goes first), after a few
    untimed warm-up rounds."""
    a, b = [], []
    for n in range(WARM_UP + tries):
        order = [(first, a), (second, b)] if n % 2 == 0 else [(second, b), (first, a)]
        for action, times in order:
            elapsed = _timed(action, expected)
            if n >= WARM_UP:
                times.append(elapsed)
    return a, b


def _seed():
    from allauth.account.models import EmailAddress

    from accounts import recovery
    from accounts.models import User
    from accounts.services import account_set_up

    User.objects.filter(username__startswith="bench-timing-").delete()
    known = User.objects.create_user(
        username="bench-timing-known", email=KNOWN_ADDRESS, password=PASSWORD
    )
    account_set_up(user=known, language="en")
    EmailAddress.objects.create(user=known, email=KNOWN_ADDRESS, verified=True, primary=True)
    recovery.recovery_codes_create(user=known, at_signup=True)
    return known


def _line(out, label: str, first: list, second: list, names: tuple[str, str]) -> dict:
    figures = {}
    for index, kind in ((0, "wall"), (1, "cpu")):
        a = statistics.median(times[index] for times in first) * 1000
        b = statistics.median(times[index] for times in second) * 1000
        out.write(
            f"{label} ({kind}): {names[0]} {a:.1f} ms, {names[1]} {b:.1f} ms "
            f"(median of {len(first)}), difference {a - b:+.1f} ms"
        )
        figures[kind] = {
            names[0]: round(a, 1),
            names[1]: round(b, 1),
            "difference": round(a - b, 1),
        }
    return figures


def run_timing(command, options) -> dict:
    _check_database()
    out = command.stdout
    tries = max(5, round(TRIES * options.get("scale", 1.0)))
    numbers = count()
    lifted = {scope: "1000000/1" for scope in settings.SANAD_RATE_LIMITS}
    with override_settings(
        PASSWORD_HASHERS=global_settings.PASSWORD_HASHERS,
        ACCOUNT_RATE_LIMITS=False,
        SANAD_RATE_LIMITS=lifted,
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    ):
        from django.contrib.auth.hashers import get_hasher

        hasher = get_hasher()
        out.write(
            f"hasher: {hasher.algorithm}, {getattr(hasher, 'iterations', '?')} iterations; "
            f"database: {connection.vendor}; email: "
            f"{'Celery via Redis' if settings.REDIS_URL else 'Celery in-process (eager)'}"
        )
        _seed()
        figures = {"tries": tries, "hasher": hasher.algorithm}

        def login(username):
            return lambda: _client().post(
                reverse("account_login"), {"login": username, "password": "not the password"}
            )

        known, unknown = _pairs(
            tries,
            login("bench-timing-known"),
            lambda: login(f"bench-nobody-{next(numbers)}")(),
            expected=400,
        )
        figures["login"] = _line(
            out, "sign-in, wrong password", known, unknown, ("known username", "unknown username")
        )

        def reset(address):
            return lambda: _client().post(reverse("account_reset_password"), {"email": address})

        known, unknown = _pairs(
            tries,
            reset(KNOWN_ADDRESS),
            lambda: reset(f"bench-nobody-{next(numbers)}@example.org")(),
            expected=302,
        )
        figures["password_reset"] = _line(
            out, "password reset request", known, unknown, ("known address", "unknown address")
        )

        def signup(address):
            return _client().post(
                reverse("account_signup"),
                {
                    "username": f"bench-timing-new-{next(numbers)}",
                    "email": address,
                    "password1": PASSWORD,
                    "password2": PASSWORD,
                },
            )

        taken, new = _pairs(
            tries,
            lambda: signup(KNOWN_ADDRESS.upper()),
            lambda: signup(f"bench-new-{next(numbers)}@example.org"),
            expected=302,
        )
        figures["signup"] = _line(out, "sign-up", taken, new, ("taken address", "new address"))

        def recover(username):
            return _client().post(
                reverse("recovery:reset"),
                {
                    "username": username,
                    "code": f"{next(numbers):020d}",
                    "password1": PASSWORD,
                    "password2": PASSWORD,
                },
            )

        known, unknown = _pairs(
            tries,
            lambda: recover("bench-timing-known"),
            lambda: recover(f"bench-nobody-{next(numbers)}"),
            expected=400,
        )
        figures["recovery_code_reset"] = _line(
            out,
            "reset with a recovery code, wrong code",
            known,
            unknown,
            ("known username", "unknown username"),
        )

        _clean_up()
    return figures


def _clean_up() -> None:
    from accounts.models import User

    User.objects.filter(username__startswith="bench-timing-").delete()
    if settings.REDIS_URL:
        from config.celery import app

        # The emails the run queued (confirmations, reset links) were never meant to
        # go out: nothing consumes the queue here.
        app.control.purge()


BENCHMARKS = {"timing": run_timing}
