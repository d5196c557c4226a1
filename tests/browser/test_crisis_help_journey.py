"""Help that reaches a member in crisis, in a real browser on a phone-sized screen.

(a) In Arabic on a 390×844 screen, a member replies with an Egyptian crisis message in a
    long thread (the reply lands on page 2): the crisis detector rates it urgent, the
    page opens on the crisis panel, in view, with focus on its heading; it closes with
    and without JavaScript; the moderator finds the item at the top of the crisis lane,
    with the detector's tier, score and signals named in Arabic.
(b) A member who hit the reply rate limit writes a crisis message: the refusal stays,
    the text stays, the crisis lines come with them; the moderator sees an urgent item
    with the words the member tried to post.
(c) /help/ fits a 320 px screen, and 200% zoom of it, without sideways scrolling, with
    one call button per number.
(d) In Arabic on the same phone, a member worried about a friend (someone else at risk)
    lands on the panel that says how to help another person and where to point them:
    in view, focused, one call button per number, and no item for moderators.
"""

import time

import pytest
from django.test.utils import override_settings

from groups.models import Membership
from moderation import screening
from moderation import services as moderation_services
from moderation.models import CrisisPhrase, CrisisResource, ReviewItem
from moderation.screening import CrisisAssessment
from posts import services as post_services
from posts.models import Post
from tests.browser.base import BrowserTestCase
from tests.factories import MembershipFactory, SupportGroupFactory, give_mfa, give_training

EGYPTIAN = "أنا تعبت ومش قادر أكمل، نفسي أموت وأرتاح"
ABOUT_A_FRIEND = "صاحبي عم يحكي إنه بدو ينهي حياته، شو لازم أعمل؟"  # Levantine
PHONE = {"width": 390, "height": 844}


class _CrisisBrowserTestCase(BrowserTestCase):
    def _phone(self, language="ar", **options):
        context = self.browser.new_context(
            locale=language,
            viewport=PHONE,
            extra_http_headers={"Accept-Language": language},
            **options,
        )
        context.set_default_timeout(15_000)
        return context.new_page()

    def _seed(self):
        # What a fresh database holds after migrating, set here so that the test does not
        # depend on what earlier transactional tests left behind.
        for phrase, language in (("نفسي أموت", "ar"), ("want to die", "en")):
            CrisisPhrase.objects.get_or_create(
                phrase=phrase, kind="crisis", defaults={"language": language}
            )
        for language, name in (("ar", "رقم الطوارئ 112"), ("en", "Emergency number 112")):
            CrisisResource.objects.get_or_create(
                name=name, language=language, defaults={"phone": "112", "kind": "emergency"}
            )

    def _moderator(self, group):
        moderator = MembershipFactory(group=group, role=Membership.Role.MODERATOR).user
        secret = give_mfa(moderator)
        give_training(moderator)
        return moderator, secret

    @staticmethod
    def _focused(page) -> str:
        # Polled here: the Content Security Policy forbids the eval that
        # wait_for_function relies on.
        for _attempt in range(50):
            focused = page.evaluate("() => document.activeElement && document.activeElement.id")
            if focused:
                return focused
            time.sleep(0.1)
        return ""

    @staticmethod
    def _in_viewport(page, selector) -> bool:
        return page.evaluate(
            """selector => {
                const box = document.querySelector(selector).getBoundingClientRect();
                return box.top >= 0 && box.top < window.innerHeight && box.height > 0;
            }""",
            selector,
        )


@pytest.mark.needs_browser
@pytest.mark.needs_postgres
class CrisisReplyInALongThreadTests(_CrisisBrowserTestCase):
    def test_an_egyptian_crisis_reply_on_page_two_lands_on_the_panel(self):
        self._seed()
        group = SupportGroupFactory(name="ليالي القاهرة", slug="cairo-nights", language="ar")
        moderator, secret = self._moderator(group)
        member = MembershipFactory(group=group).user
        others = [MembershipFactory(group=group).user for _ in range(3)]
        thread = post_services.thread_create(
            author=others[0], group=group, title="الليل طويل", body="مين صاحي؟"
        )
        Post.objects.bulk_create(
            Post(
                thread=thread,
                number=n + 2,
                author=others[n % 3],
                persona=others[n % 3].personas.get(),
                body=f"رد رقم {n}",
                body_html=f"<p>رد رقم {n}</p>",
            )
            for n in range(44)
        )

        page = self._phone("ar")
        self._sign_in(page, member)
        page.goto(f"{self.live_server_url}{thread.get_absolute_url()}")
        page.fill("textarea[name=body]", EGYPTIAN)
        page.click("section.composer button[type=submit]")
        page.wait_for_url("**/threads/*/?page=2#crisis-panel-heading")

        panel = page.locator("#crisis-panel")
        panel.wait_for()
        assert self._in_viewport(page, "#crisis-panel")
        assert self._focused(page) == "crisis-panel-heading"
        assert "لست وحدك" in panel.inner_text()
        assert panel.get_attribute("data-tier") == "urgent"
        assert panel.locator("a.call-button[href='tel:112']").count() == 1
        reply = Post.objects.get(body=EGYPTIAN)
        assert reply.state == Post.State.VISIBLE
        assert page.locator("article.post, li.post").count() >= 2  # a page of the long thread
        assert page.locator(f"#{reply.anchor}").count() == 1  # on this page, below

        # Closing it puts the member on their post, panel gone.
        panel.locator("[data-crisis-dismiss]").click()
        assert page.locator("#crisis-panel").count() == 0
        assert page.evaluate("document.activeElement.id") == reply.anchor

        # Without JavaScript: it is still where the page opens, and "close" still closes.
        plain = self._phone("ar", java_script_enabled=False)
        self._sign_in(plain, member)
        plain.goto(f"{self.live_server_url}{thread.get_absolute_url()}?page=2")
        plain.fill("textarea[name=body]", "ما بقيتش قادر، نفسي أموت النهارده")
        plain.click("section.composer button[type=submit]")
        plain.wait_for_url("**#crisis-panel-heading")
        assert plain.locator("#crisis-panel").is_visible()
        assert self._in_viewport(plain, "#crisis-panel")
        # The address targets the panel's heading, which can take focus: the browser
        # moves focus there by itself, and screen readers announce it.
        assert self._focused(plain) == "crisis-panel-heading"
        plain.locator("[data-crisis-dismiss]").click()
        assert plain.locator("#crisis-panel").is_hidden()

        # A crisis post from someone else afterwards: ours stays first, oldest first.
        later = post_services.post_create(
            author=others[1], thread=thread, body="وأنا كمان نفسي أموت"
        )
        item = ReviewItem.objects.get(post=reply)
        moderator_page = self._phone("ar")
        self._sign_in(moderator_page, moderator, secret)
        moderator_page.goto(f"{self.live_server_url}/moderation/")
        first = moderator_page.locator("ol.queue[data-lane='0'] > li").first
        assert first.get_attribute("id") == f"queue-item-{item.pk}"
        # What the detector saw, in the moderator's language: the tier, the score, and
        # each signal by its name (whatever codes the detector reports).
        assert item.crisis_tier == "urgent" and item.crisis_signals
        verdict = first.locator(".crisis-verdict")
        assert "عاجل" in verdict.inner_text()
        assert "الدرجة" in verdict.inner_text()
        signals = verdict.locator(".crisis-signals li")
        assert signals.count() == len(item.crisis_signals)
        assert all(name.strip() for name in signals.all_inner_texts())
        assert ReviewItem.objects.get(post=later).priority == ReviewItem.Priority.CRISIS
        assert member.username not in moderator_page.content()


@pytest.mark.needs_browser
@pytest.mark.needs_postgres
class RateLimitedCrisisPostTests(_CrisisBrowserTestCase):
    @classmethod
    def setUpClass(cls):
        # Set before the live server's process is forked, so it inherits them.
        from django.conf import settings

        cls._limits = override_settings(
            SANAD_RATE_LIMITS={**settings.SANAD_RATE_LIMITS, "post": "1/300"}
        )
        cls._limits.enable()
        try:
            super().setUpClass()
        except Exception:
            cls._limits.disable()
            raise

    @classmethod
    def tearDownClass(cls):
        try:
            super().tearDownClass()
        finally:
            cls._limits.disable()

    def test_a_rate_limited_member_in_crisis_still_gets_help(self):
        self._seed()
        group = SupportGroupFactory(name="Long evenings", slug="long-evenings")
        moderator, secret = self._moderator(group)
        member = MembershipFactory(group=group).user
        thread = post_services.thread_create(
            author=MembershipFactory(group=group).user,
            group=group,
            title="Hard week",
            body="Anyone else?",
        )
        words = "Sorry for posting again. I want to die and I don't know who to tell."

        page = self._phone("en")
        self._sign_in(page, member)
        page.goto(f"{self.live_server_url}{thread.get_absolute_url()}")
        page.fill("textarea[name=body]", "Me too, it has been a long week.")
        page.click("section.composer button[type=submit]")
        page.wait_for_url("**#p*")
        page.fill("textarea[name=body]", words)
        page.click("section.composer button[type=submit]")
        page.wait_for_load_state("load")

        panel = page.locator("#crisis-panel")
        panel.wait_for()
        assert "You are doing this a little too often" in panel.inner_text()
        # The refusal is said by the form too (its general errors, below the summary).
        assert (
            "You are doing this a little too often"
            in page.locator("section.composer form").inner_text()
        )
        assert page.locator("textarea[name=body]").input_value() == words
        assert self._in_viewport(page, "#crisis-panel")
        assert self._focused(page) == "crisis-panel-heading"
        assert panel.locator("a.call-button[href='tel:112']").count() == 1
        assert not Post.objects.filter(body=words).exists()

        item = ReviewItem.objects.get(kind=ReviewItem.Kind.ATTEMPT, subject=member)
        assert item.priority == ReviewItem.Priority.CRISIS
        moderator_page = self._phone("en")
        self._sign_in(moderator_page, moderator, secret)
        moderator_page.goto(f"{self.live_server_url}/moderation/")
        card = moderator_page.locator(f"#queue-item-{item.pk}")
        assert "Not published" in card.inner_text()
        assert "Posting too often (rate limit)" in card.inner_text()
        card.locator("details.content-warning summary").first.click()
        assert words in card.locator(".attempt-text").inner_text()
        card.locator(f"a[href='/moderation/items/{item.pk}/']").click()
        moderator_page.wait_for_url(f"**/moderation/items/{item.pk}/")
        assert words in moderator_page.locator(".attempt-text").inner_text()
        moderation_services.member_check_in(
            moderator=moderator, item_id=item.pk, message="We're here with you."
        )


@pytest.mark.needs_browser
@pytest.mark.needs_postgres
class HelpPageFitsSmallScreensTests(_CrisisBrowserTestCase):
    def _no_sideways_scroll(self, page) -> bool:
        return page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        )

    def test_help_fits_320_pixels_and_200_percent_zoom(self):
        self._seed()
        CrisisResource.objects.get_or_create(
            name="السامريون (Samaritans)",
            language="ar",
            country="GB",
            defaults={"phone": "116 123", "url": "https://www.samaritans.org/"},
        )
        for language in ("ar", "en"):
            context = self.browser.new_context(
                locale=language,
                viewport={"width": 320, "height": 640},
                extra_http_headers={"Accept-Language": language},
            )
            page = context.new_page()
            page.goto(f"{self.live_server_url}/help/")
            page.select_option("select[name=country]", "GB")
            page.click("form.country-form button[type=submit]")
            page.wait_for_url("**/help/#crisis-lines")
            assert page.locator("a.call-button[href='tel:116123']").count() >= 1
            assert self._no_sideways_scroll(page), f"320 px, {language}"
            # 200% zoom of a 320 px screen: the same page laid out in 160 CSS pixels.
            page.set_viewport_size({"width": 160, "height": 320})
            assert self._no_sideways_scroll(page), f"200% zoom, {language}"
            button = page.locator("a.call-button").first.bounding_box()
            assert button["height"] >= 44  # a target a thumb can hit
            context.close()


@pytest.mark.needs_browser
@pytest.mark.needs_postgres
class SomeoneElseAtRiskTests(_CrisisBrowserTestCase):
    @classmethod
    def setUpClass(cls):
        # The phrase lists cannot tell a worried friend from a member at risk; the
        # detector of issue 11 can. Where it does not (yet), a stand-in answers for these
        # words, set before the live server's process is forked, so it inherits it.
        from unittest import mock

        real = screening.assess_crisis

        def assess(*, text, language=""):
            if ABOUT_A_FRIEND in text:
                return CrisisAssessment(tier="other_person", score=0.7, signals=("other.at_risk",))
            return real(text=text, language=language)

        cls._detector = mock.patch.object(screening, "assess_crisis", assess)
        cls._detector.start()
        try:
            super().setUpClass()
        except Exception:
            cls._detector.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        try:
            super().tearDownClass()
        finally:
            cls._detector.stop()

    def test_a_member_worried_about_a_friend_is_shown_how_to_help(self):
        self._seed()
        group = SupportGroupFactory(name="أصحاب الليل", slug="night-friends", language="ar")
        member = MembershipFactory(group=group).user
        thread = post_services.thread_create(
            author=MembershipFactory(group=group).user,
            group=group,
            title="كيف نساعد بعض",
            body="اكتبوا هون",
        )

        page = self._phone("ar")
        self._sign_in(page, member)
        page.goto(f"{self.live_server_url}{thread.get_absolute_url()}")
        page.fill("textarea[name=body]", ABOUT_A_FRIEND)
        page.click("section.composer button[type=submit]")
        page.wait_for_url("**#crisis-panel-heading")

        panel = page.locator("#crisis-panel")
        panel.wait_for()
        assert panel.get_attribute("data-tier") == "other_person"
        assert self._in_viewport(page, "#crisis-panel")
        assert self._focused(page) == "crisis-panel-heading"
        text = panel.inner_text()
        assert "مساعدة شخص قد يكون في خطر" in text
        assert "اسأله مباشرة إن كان يفكر في الانتحار" in text
        assert "إلى أين توجّهه" in text
        assert panel.locator("a.call-button[href='tel:112']").count() == 1
        assert page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        )
        assert Post.objects.get(body=ABOUT_A_FRIEND).state == Post.State.VISIBLE
        assert not ReviewItem.objects.exists()
