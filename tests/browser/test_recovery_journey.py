"""Recovery without email, in a real browser.

A member signs up in Arabic without an email address, saves the recovery codes the
next page shows (reading the downloaded file), signs out, forgets the password,
resets it from the sign-in page with the username and one code, and signs in with
the new password. The code used no longer works.
"""

import re
from pathlib import Path

import pytest

from accounts.models import RecoveryCode
from audit.models import AuditEntry
from tests.browser.base import BrowserTestCase

USERNAME = "quiet-evening-login"
FIRST_PASSWORD = "a first long private passphrase"
NEW_PASSWORD = "a second long private passphrase"
CODE = re.compile(r"\d{5}-\d{5}-\d{5}-\d{5}")


@pytest.mark.needs_browser
@pytest.mark.needs_postgres
class RecoveryJourneyTests(BrowserTestCase):
    def _sign_out(self, page) -> None:
        # The header has the sign-out twice (the wide menu and the phone's): the one shown.
        page.click("form[action='/accounts/logout/'] button[type=submit] >> visible=true")
        page.wait_for_url(f"{self.live_server_url}/")

    def _reset(self, page, code: str) -> None:
        page.goto(f"{self.live_server_url}/accounts/login/")
        page.click("a[href='/accounts/recovery/reset/']")
        page.wait_for_url("**/accounts/recovery/reset/")
        page.fill("input[name=username]", USERNAME)
        page.fill("input[name=code]", code)
        page.fill("input[name=password1]", NEW_PASSWORD)
        page.fill("input[name=password2]", NEW_PASSWORD)
        page.click("main button[type=submit]")

    def test_a_member_without_email_gets_back_in_with_a_recovery_code(self):
        page = self._page("ar")

        # Sign up with a username and a password only.
        page.goto(f"{self.live_server_url}/accounts/signup/")
        page.fill("input[name=username]", USERNAME)
        page.fill("input[name=password1]", FIRST_PASSWORD)
        page.fill("input[name=password2]", FIRST_PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_url("**/accounts/recovery/**")

        # The codes, once, and the same codes in the downloaded file.
        shown = [text.strip() for text in page.locator(".recovery-codes code").all_inner_texts()]
        assert len(shown) == 10 and all(CODE.fullmatch(code) for code in shown)
        assert "رموز الاسترداد" in page.content()
        with page.expect_download() as download:
            page.click("a[href='/accounts/recovery/download/']")
        saved = Path(download.value.path()).read_text(encoding="utf-8")
        assert CODE.findall(saved) == shown
        page.click("form[action='/accounts/recovery/saved/'] button[type=submit]")
        page.wait_for_url(f"{self.live_server_url}/")
        page.goto(f"{self.live_server_url}/accounts/recovery/")
        assert not CODE.search(page.content()), "the codes are shown once"
        self._sign_out(page)

        # Forgot the password: a code from the file, from the sign-in page.
        from_file = CODE.findall(saved)[-1]
        self._reset(page, from_file)
        page.wait_for_url("**/accounts/login/")
        page.fill("input[name=login]", USERNAME)
        page.fill("input[name=password]", NEW_PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_url(f"{self.live_server_url}/")
        assert page.locator("form[action='/accounts/logout/']").count() >= 1
        self._sign_out(page)

        # The code used is spent.
        self._reset(page, from_file)
        page.wait_for_selector("#form-errors")
        assert page.url.endswith("/accounts/recovery/reset/")
        assert "استُخدم" in page.locator("#form-errors").inner_text()
        assert page.input_value("input[name=username]") == USERNAME
        assert page.input_value("input[name=code]") == ""

        assert RecoveryCode.objects.filter(used_at__isnull=False).count() == 1
        assert AuditEntry.objects.filter(action="account.recovered_with_code").count() == 1
