"""axe-core on the pages members, visitors and moderators meet, in both languages.

Arabic on a 390×844 phone, English on a 1280×800 desktop. axe-core is vendored under
tests/browser/vendor (MPL-2.0; nothing is fetched while tests run) and checks the WCAG
2.0–2.2 A and AA rules it can decide by itself. Screenshots of each page are written to
test-output/screenshots/ for people to look at: the remaining problems are the ones only
a person sees.
"""

import json
from pathlib import Path

import pytest
from django.urls import reverse

from posts import services as post_services
from tests.browser.base import BrowserTestCase
from tests.factories import (
    MembershipFactory,
    SupportGroupFactory,
    UserFactory,
    give_mfa,
    give_training,
)

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
VIEWPORTS = {"ar": {"width": 390, "height": 844}, "en": {"width": 1280, "height": 800}}


def _violations(page) -> list[dict]:
    page.add_script_tag(content=AXE.read_text())
    found = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact,"
        " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))",
        WCAG_TAGS,
    )
    return found


def _sideways_overflow(page, width: int, zoom: int) -> list[str]:
    """What sticks out sideways at this width and zoom (200% zoom on a 390 px phone lays
    the page out in 195 CSS px): nothing may, or the reader must scroll sideways."""
    page.set_viewport_size({"width": width // zoom, "height": 800})
    return page.evaluate(
        """() => {
          const limit = document.documentElement.clientWidth;
          if (document.documentElement.scrollWidth <= limit) return [];
          const scrolls = e => { for (let p = e.parentElement; p; p = p.parentElement) {
              if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)) return true;
            } return false; };
          return [...document.querySelectorAll('body *')]
            .filter(e => { const r = e.getBoundingClientRect();
                           return r.width && (r.right > limit + 1 || r.left < -1) && !scrolls(e); })
            .slice(0, 5)
            .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''));
        }"""
    )


@pytest.mark.needs_browser
@pytest.mark.needs_postgres
class AccessibilityTests(BrowserTestCase):
    def _world(self):
        group = SupportGroupFactory(name="دائرة الفقد", slug="loss-circle", language="ar")
        member = UserFactory(username="axe-member")
        MembershipFactory(user=member, group=group)
        other = MembershipFactory(group=group).user
        thread = post_services.thread_create(
            author=other, group=group, title="Evenings are the hardest", body="Since March."
        )
        post_services.post_create(
            author=member, thread=thread, body="عندي نفس الإحساس، المساء طويل.", anonymous=True
        )
        post_services.post_create(author=other, thread=thread, body="Thank you for writing.")
        moderator = MembershipFactory(group=group, role="moderator").user
        secret = give_mfa(moderator)
        give_training(moderator)
        return group, thread, member, moderator, secret

    def _pages(self, group, thread) -> dict[str, dict[str, str]]:
        visitor = {
            "home (visitor)": "/",
            "sign in": reverse("account_login"),
            "join Sanad": reverse("account_signup"),
            "help": reverse("moderation:help"),
            "directory": reverse("groups:directory"),
            "not found": "/no-such-page/",
        }
        member = {
            "home": "/",
            "group": group.get_absolute_url(),
            "thread": thread.get_absolute_url(),
            "new thread": reverse("posts:thread_create", args=[group.slug]),
            "search": reverse("posts:search") + "?q=evening",
            "notifications": reverse("notifications:list"),
            "notification settings": reverse("notifications:preferences"),
            "personas": reverse("personas:list"),
            "privacy": reverse("privacy:index"),
        }
        moderator = {"review queue": reverse("moderation:queue")}
        return {"visitor": visitor, "member": member, "moderator": moderator}

    def test_no_axe_violations_on_the_main_pages_in_both_languages(self):
        group, thread, member, moderator, secret = self._world()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        problems = {}
        for language, viewport in VIEWPORTS.items():
            for who, urls in self._pages(group, thread).items():
                context = self.browser.new_context(
                    locale=language,
                    viewport=viewport,
                    extra_http_headers={"Accept-Language": language},
                    bypass_csp=True,  # to inject axe; the pages' own scripts stay as served
                )
                context.set_default_timeout(15_000)
                page = context.new_page()
                if who == "member":
                    self._sign_in(page, member.username)
                elif who == "moderator":
                    self._sign_in(page, moderator.username, totp_secret=secret)
                for name, url in urls.items():
                    page.goto(f"{self.live_server_url}{url}")
                    shot = SCREENSHOTS / f"{language}-{name.replace(' ', '-')}.png"
                    page.screenshot(path=str(shot), full_page=True)
                    found = _violations(page)
                    if found:
                        problems[f"{language} {who}: {name} ({url})"] = found
                    if language == "ar":
                        for width, zoom in ((320, 1), (390, 2)):
                            overflow = _sideways_overflow(page, width, zoom)
                            if overflow:
                                problems[f"ar {who}: {name} at {width}px x{zoom}"] = overflow
                        page.set_viewport_size(viewport)
                context.close()

        assert not problems, json.dumps(problems, indent=1, ensure_ascii=False)

    def test_the_header_is_one_row_on_a_phone_and_its_safety_links_stay_in_reach(self):
        _group, thread, member, _moderator, _secret = self._world()
        context = self.browser.new_context(
            locale="ar", viewport=VIEWPORTS["ar"], extra_http_headers={"Accept-Language": "ar"}
        )
        page = context.new_page()
        self._sign_in(page, member.username)
        page.goto(f"{self.live_server_url}{thread.get_absolute_url()}")

        header = page.locator(".site-header").bounding_box()
        assert header["height"] <= 64  # one row, not a third of the screen
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        for link in (".help-link", ".quick-exit"):
            box = page.locator(link).bounding_box()
            assert box["y"] >= 0 and box["y"] + box["height"] <= VIEWPORTS["ar"]["height"]
        # The rest of the navigation is one tap away, without JavaScript too.
        assert not page.locator(".site-menu nav").is_visible()
        page.click(".site-menu-button")
        assert page.locator(".site-menu nav a[href='/groups/']").is_visible()
        context.close()
