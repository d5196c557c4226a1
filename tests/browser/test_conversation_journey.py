"""A conversation that supports, in a real browser, in Arabic and English.

A member writes in Arabic with a content warning; another member, reading in English,
finds it collapsed, opens it on purpose and sends support; the author edits it and a
moderator reads the earlier version; the reader finds it by searching an inflected Arabic
word; and the author watches the reader's reply arrive live.
"""

import re

import pytest

from groups.models import Membership
from posts.models import Post, Reaction
from tests.browser.base import BrowserTestCase
from tests.factories import MembershipFactory, SupportGroupFactory, give_mfa


@pytest.mark.needs_browser
@pytest.mark.needs_postgres
class ConversationJourneyTests(BrowserTestCase):
    def test_a_warned_post_is_opened_on_purpose_supported_edited_found_and_answered(self):
        group = SupportGroupFactory(name="ليالي القلق", slug="anxious-nights", language="ar")
        author = MembershipFactory(group=group).user
        reader = MembershipFactory(group=group).user
        moderator = MembershipFactory(group=group, role=Membership.Role.MODERATOR).user
        moderator_secret = give_mfa(moderator)

        # In Arabic, the author writes with a content warning.
        author_page = self._page("ar")
        self._sign_in(author_page, author.username)
        author_page.goto(f"{self.live_server_url}/groups/anxious-nights/threads/new/")
        assert author_page.locator("html").get_attribute("dir") == "rtl"
        author_page.fill("input[name=title]", "ليلة طويلة أخرى")
        author_page.fill("input[name=content_warning]", "يذكر إيذاء النفس")
        author_page.fill("textarea[name=body]", "أشعر بالقلق كل ليلة قبل النوم.")
        author_page.click("main form button.button-primary")
        author_page.wait_for_url("**/threads/**")
        thread_url = author_page.url
        opening = Post.objects.get(thread__group=group, is_opening=True)
        assert opening.content_warning == "يذكر إيذاء النفس"

        # In English, another member sees only the warning until they open the post.
        reader_page = self._page("en")
        self._sign_in(reader_page, reader.username)
        reader_page.goto(thread_url)
        post = reader_page.locator(f"#{opening.anchor}")
        assert "يذكر إيذاء النفس" in post.locator("summary").inner_text()
        assert not post.locator(".post-body").is_visible()
        post.locator("summary").click()
        assert post.locator(".post-body").is_visible()

        # ...and sends support, counted without a reload.
        reader_page.evaluate("window.sanadMarker = 'same page'")
        post.locator("button.reaction[value='support:on']").click()
        post.locator("button.reaction[value='support:off'][aria-pressed='true']").wait_for()
        assert "1" in post.locator("button.reaction-mine").inner_text()
        assert reader_page.evaluate("window.sanadMarker") == "same page"
        assert Reaction.objects.filter(post=opening, user=reader, kind="support").exists()

        # The author edits the post; the group's moderator reads the earlier version.
        author_page.goto(f"{self.live_server_url}{opening.url('posts:post_edit')}")
        author_page.fill("textarea[name=body]", "أشعر بالقلق كل ليلة، لكن الكتابة تساعدني.")
        author_page.click("main form button.button-primary")
        author_page.wait_for_url("**/threads/*/**")
        moderator_page = self._page("en")
        self._sign_in(moderator_page, moderator.username, totp_secret=moderator_secret)
        moderator_page.goto(thread_url)
        moderator_page.locator(f"#{opening.anchor} a", has_text="Earlier versions").click()
        moderator_page.wait_for_url("**/revisions/")
        assert "أشعر بالقلق كل ليلة قبل النوم." in moderator_page.locator("main").inner_text()
        assert author.username not in moderator_page.content()

        # The reader finds the post by searching an inflected form of one of its words.
        reader_page.goto(f"{self.live_server_url}/search/")
        reader_page.fill("input[name=q]", "قلقي")
        reader_page.click("main form.search-form button[type=submit]")
        reader_page.wait_for_url("**/search/?**")
        result = reader_page.locator(".search-result").first
        assert "ليلة طويلة أخرى" in result.inner_text()
        assert re.search(r"<mark>[^<]*قلق", result.inner_html())

        # The author, with the thread open, watches the reader's reply arrive live.
        author_page.goto(thread_url)
        author_page.wait_for_load_state("networkidle")
        author_page.evaluate("window.sanadMarker = 'still here'")
        reader_page.goto(thread_url)
        reader_page.fill("textarea[name=body]", "أنت لست وحدك. أنا أكتب أيضاً قبل النوم.")
        reader_page.click("section.composer form button.button-primary")
        reader_page.wait_for_url("**/threads/*/**")
        author_page.locator(".post", has_text="أنت لست وحدك").wait_for()
        assert author_page.evaluate("window.sanadMarker") == "still here"
        assert reader.username not in author_page.content()
