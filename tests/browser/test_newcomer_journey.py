"""A newcomer's whole first visit, as issue 13 describes it, in a real browser.

In Arabic on a 390×844 phone, and in English on a desktop: from the home page to a
group's card, "Join this group" as a visitor, sign-up (recovery codes first, since no
email was given), back on the group's join step, joining, starting a conversation,
sending support by keyboard on someone else's post, reading the notification of a
reply, and a page that does not exist. At every step: the header's two safety links in
view, nothing scrolling sideways, dates in the reader's language, names in the other
script isolated, focus where the member is working.
"""

import re

import pytest

from posts import services as post_services
from posts.models import Thread
from tests.browser.base import PASSWORD, BrowserTestCase
from tests.factories import MembershipFactory, SupportGroupFactory

JOURNEYS = {
    "ar": {
        "viewport": {"width": 390, "height": 844},
        "group": "دائرة المساء",
        "their_name": "Evening Harbour 412",
        "their_title": "Nights are long",
        "my_title": "أول مرة أكتب هنا",
        "join": "انضم إلى هذه المجموعة",
        "saved": "حفظتُ رموزي",
        "month": re.compile(
            r"(يناير|فبراير|مارس|أبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر)"
        ),
    },
    "en": {
        "viewport": {"width": 1280, "height": 800},
        "group": "Evening Circle",
        "their_name": "ميناء المساء ٤١٢",
        "their_title": "الليل طويل",
        "my_title": "My first time writing here",
        "join": "Join this group",
        "saved": "I have saved my codes",
        "month": re.compile(
            r"(January|February|March|April|May|June|July|August|September|October|November|December)"
        ),
    },
}


@pytest.mark.needs_browser
@pytest.mark.needs_postgres
class NewcomerJourneyTests(BrowserTestCase):
    def _assert_calm(self, page, viewport):
        """The two safety links in view, and nothing to scroll sideways."""
        for link in (".help-link", ".quick-exit"):
            box = page.locator(link).bounding_box()
            assert box is not None and box["y"] >= 0
            assert box["y"] + box["height"] <= viewport["height"]
        assert page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        ), f"{page.url} scrolls sideways"

    def _journey(self, language):
        j = JOURNEYS[language]
        group = SupportGroupFactory(name=j["group"], slug="evening", language=language)
        regular = MembershipFactory(group=group).user
        persona = regular.personas.get(is_default=True)
        persona.name, persona.name_key = j["their_name"], j["their_name"].lower()
        persona.save()
        theirs = post_services.thread_create(
            author=regular, group=group, title=j["their_title"], body="…"
        )
        context = self.browser.new_context(
            locale=language,
            viewport=j["viewport"],
            extra_http_headers={"Accept-Language": language},
        )
        context.set_default_timeout(15_000)
        page = context.new_page()
        base = self.live_server_url

        # A visitor finds the group and asks to join: sign-up, then straight back.
        page.goto(f"{base}/")
        self._assert_calm(page, j["viewport"])
        page.goto(f"{base}{group.get_absolute_url()}")
        self._assert_calm(page, j["viewport"])
        page.click(f"main a:has-text('{j['join']}')")
        page.fill("input[name=username]", f"newcomer-{language}")
        page.fill("input[name=password1]", PASSWORD)
        if page.locator("input[name=password2]").count():
            page.fill("input[name=password2]", PASSWORD)
        page.click("main button[type=submit]")
        page.click(f"main button:has-text('{j['saved']}')")
        page.wait_for_url(f"**/groups/{group.slug}/join/")
        self._assert_calm(page, j["viewport"])
        page.click(f"main button:has-text('{j['join']}')")
        page.wait_for_url(f"**{group.get_absolute_url()}")

        # Starting a conversation: the message before the options; dates in the language.
        page.goto(f"{base}/groups/{group.slug}/threads/new/")
        page.fill("input[name=title]", j["my_title"])
        page.fill("textarea[name=body]", "Hello, everyone / مرحبًا بالجميع.")
        page.click("main button.button-primary[type=submit]")
        page.wait_for_selector("article.post")
        self._assert_calm(page, j["viewport"])
        shown = page.locator("article.post time").first.inner_text()
        assert j["month"].search(shown), shown

        # Support on someone else's post, by keyboard: focus stays on the button.
        page.goto(f"{base}{theirs.get_absolute_url()}")
        assert page.locator(f".post-author bdi:has-text('{j['their_name']}')").count()
        button = page.locator("button.reaction").first
        button.focus()
        page.keyboard.press("Enter")
        page.wait_for_selector("button.reaction[aria-pressed=true]")
        assert page.evaluate("document.activeElement.matches('button.reaction[aria-pressed=true]')")
        self._assert_calm(page, j["viewport"])

        # A reply from someone writing in the other script: the notice isolates the name.
        mine = Thread.objects.get(title=j["my_title"])
        post_services.post_create(author=regular, thread=mine, body="Welcome. / أهلًا بك.")
        page.goto(f"{base}/notifications/")
        self._assert_calm(page, j["viewport"])
        assert page.locator(f"bdi:has-text('{j['their_name']}')").count()

        # A page that does not exist: Sanad's own, in the language, with the way out.
        response = page.goto(f"{base}/no-such-page/")
        assert response.status == 404
        assert page.locator("html").get_attribute("lang") == language
        assert page.locator(".quick-exit, [data-quick-exit]").count()
        context.close()

    def test_an_arabic_newcomer_on_a_phone(self):
        self._journey("ar")

    def test_an_english_newcomer_on_a_desktop(self):
        self._journey("en")
