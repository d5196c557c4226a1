"""The critical journeys in a real browser.

In Arabic: sign up, join, start a thread; another member replies; the first member sees
the reply arrive without reloading, reports it, and the moderator finds it.
In English and Arabic: a member posts anonymously under a second persona; another member
sees only the label; staff with two-factor reveal the author with a reason, and the
author is told.
"""

import pytest

from groups.models import Membership
from moderation.models import ReviewItem
from posts.models import Post
from tests.browser.base import PASSWORD, BrowserTestCase
from tests.factories import MembershipFactory, SupportGroupFactory, UserFactory, give_mfa


@pytest.mark.needs_browser
@pytest.mark.needs_postgres
class LiveReplyJourneyTests(BrowserTestCase):
    def test_a_reply_arrives_live_for_the_threads_author(self):
        group = SupportGroupFactory(name="ليالي طويلة", slug="long-nights", language="ar")
        moderator = MembershipFactory(group=group, role=Membership.Role.MODERATOR).user
        moderator_secret = give_mfa(moderator)
        replier = MembershipFactory(group=group).user

        author_page = self._page("ar")
        author_page.goto(f"{self.live_server_url}/accounts/signup/")
        assert author_page.locator("html").get_attribute("dir") == "rtl"
        author_page.fill("input[name=username]", "first-member")
        author_page.fill("input[name=password1]", PASSWORD)
        author_page.fill("input[name=password2]", PASSWORD)
        author_page.click("main button[type=submit]")
        # Signed up without an email address: the recovery codes come first.
        author_page.wait_for_url("**/accounts/recovery/**")
        author_page.click("form[action='/accounts/recovery/saved/'] button[type=submit]")
        author_page.wait_for_url(f"{self.live_server_url}/")

        author_page.goto(f"{self.live_server_url}/groups/long-nights/join/")
        author_page.click("main button[type=submit]")
        author_page.wait_for_url(f"{self.live_server_url}/groups/long-nights/")
        author_page.click("text=ابدأ محادثة")
        author_page.fill("input[name=title]", "لا أستطيع النوم")
        author_page.fill("textarea[name=body]", "منذ أسابيع وأنا أستيقظ في الثالثة فجراً.")
        author_page.click("main button[type=submit]")
        author_page.wait_for_url("**/threads/*/")
        thread_url = author_page.url
        # The live socket is open once the page has loaded its script.
        author_page.wait_for_load_state("networkidle")
        author_page.evaluate("window.sanadMarker = 'still the same page'")

        replier_page = self._page("ar")
        self._sign_in(replier_page, replier.username)
        replier_page.goto(thread_url)
        replier_page.fill("textarea[name=body]", "أنا أيضاً. الكتابة قبل النوم تساعدني قليلاً.")
        replier_page.click("section.composer button[type=submit]")
        replier_page.wait_for_url("**/threads/*/**")

        reply = author_page.locator(".post", has_text="الكتابة قبل النوم تساعدني")
        reply.wait_for()
        assert author_page.evaluate("window.sanadMarker") == "still the same page"
        assert replier.personas.get().name in reply.inner_text()
        assert replier.username not in author_page.content()

        # The author reports the reply; the group's moderator finds it in the queue.
        reply.locator("a", has_text="إبلاغ").click()
        author_page.check("input[name=reason][value=harassment]")
        author_page.click("main button[type=submit]")
        author_page.wait_for_url("**/threads/*/**")
        assert ReviewItem.objects.filter(group=group).count() == 1

        moderator_page = self._page("ar")
        self._sign_in(moderator_page, moderator.username, totp_secret=moderator_secret)
        moderator_page.goto(f"{self.live_server_url}/moderation/")
        assert "الكتابة قبل النوم تساعدني" in moderator_page.content()
        assert "first-member" not in moderator_page.content()

    def test_an_anonymous_thread_keeps_its_author_hidden_in_both_languages(self):
        from django.contrib.auth.models import Permission

        group = SupportGroupFactory(name="Quiet Evenings", slug="quiet-evenings")
        author = UserFactory(username="hidden-author")
        reader = MembershipFactory(group=group).user
        staff = UserFactory(username="staff-reviewer", is_staff=True)
        staff.user_permissions.add(Permission.objects.get(codename="reveal_identity"))
        staff_secret = give_mfa(staff)

        # In English, the author adds a second persona and joins under it.
        author_page = self._page("en")
        self._sign_in(author_page, author.username)
        author_page.goto(f"{self.live_server_url}/accounts/personas/")
        author_page.fill("input[name=new-name]", "Harbour Light 77")
        author_page.click("main section button[type=submit]")
        author_page.wait_for_url("**/accounts/personas/")
        author_page.goto(f"{self.live_server_url}/groups/quiet-evenings/join/")
        author_page.get_by_label("Harbour Light 77").check()
        author_page.click("main button[type=submit]")
        author_page.wait_for_url("**/groups/quiet-evenings/")
        assert "You appear here as <bdi>Harbour Light 77</bdi>." in author_page.content()

        # ...and starts a thread anonymously.
        author_page.goto(f"{self.live_server_url}/groups/quiet-evenings/threads/new/")
        author_page.fill("input[name=title]", "Something I have never said")
        author_page.fill("textarea[name=body]", "I am not sure how to put this into words.")
        author_page.check("input[name=anonymous]")
        author_page.click("main button[type=submit]")
        author_page.wait_for_url("**/threads/*/")
        assert "only you see that this is yours" in author_page.content()
        author_page.wait_for_load_state("networkidle")
        thread_url = author_page.url

        # In Arabic, another member sees only the label, and replies.
        reader_page = self._page("ar")
        self._sign_in(reader_page, reader.username)
        reader_page.goto(thread_url)
        seen = reader_page.content()
        assert "عضو مجهول الاسم (صاحب المحادثة)" in seen
        for secret in (
            "Harbour Light 77",
            author.username,
            author.personas.get(is_default=True).name,
        ):
            assert secret not in seen
        reader_page.fill("textarea[name=body]", "شكراً لأنك كتبت. نحن هنا.")
        reader_page.click("section.composer button[type=submit]")
        reader_page.wait_for_url("**/threads/*/**")
        author_page.locator(".post", has_text="نحن هنا").wait_for()

        # Staff with the permission and two-factor can reveal the author, with a reason.
        staff_page = self._page("en")
        self._sign_in(staff_page, staff.username, totp_secret=staff_secret)
        opening_post = Post.objects.get(
            thread__title="Something I have never said", is_opening=True
        )
        staff_page.goto(f"{self.live_server_url}/moderation/posts/{opening_post.pk}/reveal/")
        staff_page.fill("textarea[name=reason]", "A member reported a risk to life in this thread.")
        staff_page.click("main button[type=submit]")
        assert author.username in staff_page.content()

        # The author is told that staff looked, and why.
        author_page.goto(f"{self.live_server_url}/notifications/")
        assert "A member reported a risk to life in this thread." in author_page.content()
