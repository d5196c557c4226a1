"""Notifications in a real browser.

A member watching a thread turns on reply emails, sees the bell count rise live when
someone replies, reads the neutral email (the file email backend stands in for the
console), follows its link, changes their settings to a daily digest and receives it.
"""

import shutil
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.test.utils import override_settings
from django.utils import timezone

from config.celery import app
from delivery import tasks
from posts import services as post_services
from posts.models import Subscription
from tests.browser.base import BrowserTestCase
from tests.factories import MembershipFactory, SupportGroupFactory, give_verified_email


def _emails(folder: Path) -> list[str]:
    messages = []
    for path in sorted(folder.glob("*.log")):
        # The file backend separates messages with a line of dashes.
        messages += [part for part in path.read_text().split("-" * 79) if part.strip()]
    return messages


def _wait_for(predicate, seconds=15):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(0.1)
    return None


@pytest.mark.needs_browser
@pytest.mark.needs_postgres
class NotificationJourneyTests(BrowserTestCase):
    @classmethod
    def setUpClass(cls):
        # Set before the live server's process is forked, so it inherits them: tasks
        # run in that process after commit (the embedded way), and email goes to files
        # both processes can write and this test can read.
        cls.mail_dir = Path(tempfile.mkdtemp(prefix="sanad-mail-"))
        cls._mail_settings = override_settings(
            EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
            EMAIL_FILE_PATH=str(cls.mail_dir),
        )
        cls._mail_settings.enable()
        app.conf.task_always_eager = True
        try:
            super().setUpClass()
        except Exception:
            cls._mail_settings.disable()
            raise

    @classmethod
    def tearDownClass(cls):
        try:
            super().tearDownClass()
        finally:
            cls._mail_settings.disable()
            shutil.rmtree(cls.mail_dir, ignore_errors=True)

    def test_a_watcher_is_told_live_by_neutral_email_and_in_a_digest(self):
        group = SupportGroupFactory(name="Quiet Evenings", slug="quiet-evenings")
        author = MembershipFactory(group=group).user
        watcher = MembershipFactory(group=group).user
        replier = MembershipFactory(group=group).user
        give_verified_email(watcher, "watcher@example.org")
        thread = post_services.thread_create(
            author=author, group=group, title="The first winter alone", body="How do you cope?"
        )
        Subscription.objects.create(thread=thread, user=watcher, level=Subscription.Level.WATCH)

        # The watcher turns on reply emails; they stay neutral unless asked otherwise.
        page = self._page("en")
        self._sign_in(page, watcher.username)
        page.goto(f"{self.live_server_url}/notifications/preferences/")
        page.get_by_label("By email: Reply in a thread you follow").check()
        page.click("main button[type=submit]")
        page.wait_for_url("**/notifications/preferences/")
        assert "Your notification settings are saved." in page.content()

        # Somewhere else on the site, the bell listens.
        page.goto(f"{self.live_server_url}/")
        bell = page.locator("[data-notification-bell]")
        page.wait_for_selector("[data-notification-bell][data-live=open]")
        assert page.locator("[data-bell-count]").is_hidden()
        page.evaluate("window.sanadMarker = 'still the same page'")

        replier_page = self._page("en")
        self._sign_in(replier_page, replier.username)
        replier_page.goto(f"{self.live_server_url}{thread.get_absolute_url()}")
        replier_page.fill("textarea[name=body]", "The evenings were hardest for me too.")
        replier_page.click("section.composer button[type=submit]")
        replier_page.wait_for_url("**/threads/*/**")

        page.wait_for_function(
            "document.querySelector('[data-bell-count]').textContent.trim().endsWith('1')"
        )
        assert page.locator("[data-bell-count]").is_visible()
        assert page.evaluate("window.sanadMarker") == "still the same page"
        assert "1" in bell.inner_text()

        # The email says that something is waiting, and nothing else.
        (email,) = _wait_for(lambda: _emails(self.mail_dir))
        assert "Subject: You have new activity on Sanad" in email
        assert "To: watcher@example.org" in email
        for secret in ("The first winter alone", "Quiet Evenings", "evenings were hardest"):
            assert secret not in email
        assert replier.personas.get().name not in email
        assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in email
        link = next(
            line.strip() for line in email.splitlines() if line.strip().endswith("/notifications/")
        )
        page.goto(link.replace("http://127.0.0.1:8000", self.live_server_url))
        assert (
            f"<bdi>{replier.personas.get().name}</bdi> replied to "
            "“<bdi>The first winter alone</bdi>”" in page.content()
        )

        # A daily digest instead, and quiet hours on the member's own clock (set a little
        # ahead of now, so they hold nothing during the test).
        local_now = timezone.now().astimezone(ZoneInfo("Asia/Amman"))
        page.goto(f"{self.live_server_url}/notifications/preferences/")
        page.select_option("select[name=digest]", "daily")
        page.select_option("select[name=time_zone]", "Asia/Amman")
        page.fill("input[name=quiet_start]", (local_now + timedelta(hours=2)).strftime("%H:%M"))
        page.fill("input[name=quiet_end]", (local_now + timedelta(hours=4)).strftime("%H:%M"))
        page.click("main button[type=submit]")
        page.wait_for_url("**/notifications/preferences/")
        assert "Your notification settings are saved." in page.content()

        # Beat's digest task, run as if at the member's local digest hour.
        with override_settings(SANAD_DIGEST_LOCAL_HOUR=0, SANAD_DIGEST_WEEKDAY=local_now.weekday()):
            tasks.send_due_digests()
        emails = _wait_for(lambda: len(_emails(self.mail_dir)) == 2 and _emails(self.mail_dir))
        # File names order messages by the second only: find the new one by content.
        (digest,) = [message for message in emails if message != email]
        assert "To: watcher@example.org" in digest
        assert "You have 1 new notification on Sanad." in digest
        assert "The first winter alone" not in digest
