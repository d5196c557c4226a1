"""Leaving quickly, in a real browser (issue 12, item 6).

A member reading a long thread, with a draft typed and page state in the tab's storage,
presses Escape twice. The tab is on the neutral site at once; Back does not bring Sanad
back; Sanad's drafts and page state are gone from the browser; the member is signed out
(the default for new members)."""

import pytest

from tests.browser.base import BrowserTestCase
from tests.factories import MembershipFactory, PostFactory, ThreadFactory

NEUTRAL = "https://www.bbc.com/weather"


@pytest.mark.needs_browser
@pytest.mark.needs_postgres
class QuickExitJourneyTests(BrowserTestCase):
    def _neutral_site(self, context) -> None:
        # No network in tests: the browser is handed a stand-in for the neutral site.
        context.route(
            "https://www.bbc.com/**",
            lambda route: route.fulfill(
                status=200, content_type="text/html", body="<html><body>Weather</body></html>"
            ),
        )

    def test_escape_twice_leaves_no_trace(self):
        membership = MembershipFactory()
        thread = ThreadFactory(group=membership.group)
        for number in range(25):
            PostFactory(thread=thread, body=f"A long evening, reply {number}. " * 8)
        page = self._page("en")
        self._neutral_site(page.context)
        self._sign_in(page, membership.user.username)

        # Two Sanad pages in this tab's history, a draft and some page state.
        page.goto(f"{self.live_server_url}/groups/")
        page.goto(f"{self.live_server_url}{thread.get_absolute_url()}")
        page.fill("textarea[name=body]", "Something I have not said to anyone yet.")
        for _ in range(50):  # posts.js keeps the draft a moment after typing stops
            keys = page.evaluate("() => Object.keys(localStorage)")
            if any(key.startswith("sanad-draft:") for key in keys):
                break
            page.wait_for_timeout(100)
        else:
            raise AssertionError(f"no draft kept: {keys}")
        page.evaluate("() => sessionStorage.setItem('sanad-page-state', 'scrolled')")

        # Always in reach: at the bottom of a long page the button is still on screen.
        page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
        box = page.locator("[data-quick-exit]").bounding_box()
        viewport = page.viewport_size
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"]

        page.locator("textarea[name=body]").focus()
        page.keyboard.press("Escape")
        page.keyboard.press("Escape")
        page.wait_for_url(f"{NEUTRAL}**")
        assert "Weather" in page.content()

        # Back does not return to Sanad in this tab, however far back.
        for _ in range(2):
            page.go_back()
            page.wait_for_url(f"{NEUTRAL}**")
            page.wait_for_timeout(300)
            assert page.url.startswith(NEUTRAL), page.url

        # Opening Sanad on purpose works again, signed out and with nothing kept.
        page.goto(f"{self.live_server_url}/")
        assert page.url.startswith(self.live_server_url)
        assert page.evaluate("() => localStorage.length") == 0
        assert page.evaluate("() => sessionStorage.getItem('sanad-page-state')") is None
        assert page.locator("form[action='/accounts/logout/']").count() == 0
        page.goto(f"{self.live_server_url}/accounts/privacy/")
        page.wait_for_url("**/accounts/login/**")

    def test_the_button_keeps_the_member_signed_in_when_they_chose_so(self):
        membership = MembershipFactory()
        membership.user.quick_exit_signs_out = False
        membership.user.save()
        page = self._page("ar")
        self._neutral_site(page.context)
        self._sign_in(page, membership.user.username)

        page.click("[data-quick-exit]")
        page.wait_for_url(f"{NEUTRAL}**")

        page.goto(f"{self.live_server_url}/accounts/privacy/")
        assert page.url.endswith("/accounts/privacy/")
        assert "المغادرة السريعة" in page.content()
