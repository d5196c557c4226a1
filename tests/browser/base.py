"""What every browser journey shares: a live Daphne server over the test database,
Debian's Chromium driven by Playwright, and signing in as a person would."""

import os
import shutil
import time
from concurrent.futures import ThreadPoolExecutor

from asgiref.sync import SyncToAsync
from channels.layers import channel_layers
from channels.testing import ChannelsLiveServerTestCase
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections

from tests.conftest import CHROMIUM

PASSWORD = "correct horse battery staple"

# allauth refuses a TOTP code that has been used once, so a second sign-in with the same
# secret inside one 30-second window must wait for the next code, as a person would.
_USED_TOTP_STEPS: dict[str, int] = {}


def _fresh_totp_code(secret: str) -> str:
    """The code an authenticator app would show now, never one already spent."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    if time.time() % 30 > 25:
        time.sleep(30 - time.time() % 30 + 0.5)  # a code about to expire could be refused
    step = int(time.time()) // 30
    if _USED_TOTP_STEPS.get(secret, -1) >= step:
        time.sleep((step + 1) * 30 - time.time() + 0.5)
        step = int(time.time()) // 30
    _USED_TOTP_STEPS[secret] = step
    return format_hotp_value(hotp_value(secret, step))


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class BrowserTestCase(ChannelsLiveServerTestCase):
    # The flush after each test class must restore data migrations (crisis resources,
    # training modules) for the tests that run after it.
    serialized_rollback = True

    @classmethod
    def setUpClass(cls):
        # An async test that ran earlier in this process left asgiref's one sync thread
        # and the channel layer's connections behind; the forked live server inherits
        # neither thread nor loop and would hang on its first WebSocket. Fresh ones.
        SyncToAsync.single_thread_executor = ThreadPoolExecutor(max_workers=1)
        channel_layers.backends.clear()
        # serialized_rollback reloads the migrated rows at setup and fails on any already
        # there, which an earlier live-server class may have left: start empty.
        # Sequences keep counting: the restored rows take their old ids, and a sequence
        # reset to 1 would hand those ids out again.
        call_command(
            "flush",
            verbosity=0,
            interactive=False,
            reset_sequences=False,
            inhibit_post_migrate=True,
        )
        super().setUpClass()
        # Playwright's sync API runs an event loop in this thread; the ORM calls the test
        # makes between browser steps are still plain synchronous code.
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
        from playwright.sync_api import sync_playwright

        serialized = getattr(connections[DEFAULT_DB_ALIAS], "_test_serialized_contents", None)
        cls.playwright = sync_playwright().start()
        # With Playwright's loop running, Django hands this thread a fresh connection
        # wrapper that lacks the serialized database. The flush after the test would then
        # re-run post_migrate, and the next browser class would fail to restore its data
        # over the recreated content types.
        if serialized is not None:
            connections[DEFAULT_DB_ALIAS]._test_serialized_contents = serialized
        executable = str(CHROMIUM) if CHROMIUM.exists() else shutil.which("chromium")
        cls.browser = cls.playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )

    @classmethod
    def tearDownClass(cls):
        cls.browser.close()
        cls.playwright.stop()
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        super().tearDownClass()

    def _fixture_teardown(self):
        # Playwright's loop gives this thread connection objects without the serialized
        # contents Django checks for, so its own flush would re-create content types.
        # Flush the way Django means to for serialized_rollback.
        for db_name in self._databases_names(include_mirrors=False):
            call_command(
                "flush",
                verbosity=0,
                interactive=False,
                database=db_name,
                reset_sequences=False,
                inhibit_post_migrate=True,
            )

    def _page(self, language: str = "ar"):
        context = self.browser.new_context(
            locale=language, extra_http_headers={"Accept-Language": language}
        )
        context.set_default_timeout(15_000)
        return context.new_page()

    def _sign_in(self, page, user, totp_secret: str | None = None) -> None:
        """Sign in through the login page; `user` is a User or a username."""
        page.goto(f"{self.live_server_url}/accounts/login/")
        page.fill("input[name=login]", getattr(user, "username", user))
        page.fill("input[name=password]", PASSWORD)
        page.click("main button[type=submit]")
        if totp_secret:
            page.wait_for_url("**/accounts/2fa/authenticate/")
            page.fill("input[name=code]", _fresh_totp_code(totp_secret))
            page.press("input[name=code]", "Enter")
        page.wait_for_url(f"{self.live_server_url}/")
