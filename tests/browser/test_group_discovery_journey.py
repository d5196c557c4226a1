"""Finding a group and getting in, in a real browser.

Staff create a group of each access kind in Django admin (an open one, a request group
with entry questions and a moderator, an unlisted invite-only one with an invite link).
A newcomer reading in Arabic finds the request group by searching with a different
spelling than its name, answers the entry questions; the moderator approves with a
note; the newcomer reads the note and posts in the group.
"""

import pytest

from audit.models import AuditEntry
from groups.models import Invite, JoinRequest, Membership, SupportGroup
from posts.models import Thread
from tests.browser.base import BrowserTestCase
from tests.factories import UserFactory, give_mfa

REQUEST_GROUP_NAME = "مساحة الأمل"
# No hamza on the alef, haa for the taa marbuta: how many people type it.
SEARCHED_AS = "مساحه الامل"


@pytest.mark.needs_browser
@pytest.mark.needs_postgres
class GroupDiscoveryJourneyTests(BrowserTestCase):
    def _admin_group(self, page, *, name, slug, access, listing="listed", fill_inlines=None):
        page.goto(f"{self.live_server_url}/admin/groups/supportgroup/add/")
        page.fill("input[name=name]", name)
        page.fill("input[name=slug]", slug)
        page.fill("input[name=summary]", f"{name}: a place to be heard.")
        page.fill(
            "textarea[name=rules]", "- Listen before advising.\n- What is said here stays here."
        )
        page.select_option("select[name=language]", "ar")
        page.select_option("select[name=access]", access)
        page.select_option("select[name=listing]", listing)
        if fill_inlines:
            fill_inlines(page)
        page.click("input[name=_save]")
        page.wait_for_url("**/admin/groups/supportgroup/")

    def test_a_newcomer_finds_a_request_group_asks_to_join_is_approved_and_posts(self):
        staff = UserFactory(username="staff-admin", is_staff=True, is_superuser=True)
        staff_secret = give_mfa(staff)
        moderator = UserFactory(username="circle-moderator")
        moderator_secret = give_mfa(moderator)
        newcomer = UserFactory(username="newcomer-private")

        # --- Staff create one group of each access kind in Django admin.
        admin = self._page("en")
        self._sign_in(admin, staff.username, totp_secret=staff_secret)
        self._admin_group(admin, name="الدائرة المفتوحة", slug="open-circle", access="open")

        def questions_and_moderator(page):
            page.click("#memberships-group .add-row a")
            # The row takes its account from the persona: admin never shows the pair.
            page.fill("input[name=memberships-0-persona]", str(moderator.personas.get().pk))
            page.select_option("select[name=memberships-0-role]", "moderator")
            page.click("#entry_questions-group .add-row a")
            page.fill("input[name=entry_questions-0-prompt]", "ما الذي أتى بك إلى هنا؟")
            page.click("#entry_questions-group .add-row a")
            page.select_option("select[name=entry_questions-1-kind]", "choice")
            page.fill("input[name=entry_questions-1-prompt]", "منذ متى كان الفقد؟")
            page.fill("textarea[name=entry_questions-1-options]", "أقل من سنة\nأكثر من سنة")
            page.fill("input[name=entry_questions-1-position]", "1")
            page.click("#entry_questions-group .add-row a")
            page.select_option("select[name=entry_questions-2-kind]", "rules")
            page.fill("input[name=entry_questions-2-prompt]", "قرأت قواعد المجموعة")
            page.fill("input[name=entry_questions-2-position]", "2")

        self._admin_group(
            admin,
            name=REQUEST_GROUP_NAME,
            slug="مساحة-الأمل",
            access="request",
            fill_inlines=questions_and_moderator,
        )

        def invite(page):
            page.click("#invites-group .add-row a")
            page.fill("input[name=invites-0-label]", "First circle")
            page.fill("input[name=invites-0-expires_at_0]", "2099-01-01")
            page.fill("input[name=invites-0-expires_at_1]", "12:00:00")
            page.fill("input[name=invites-0-max_uses]", "5")

        self._admin_group(
            admin,
            name="دائرة الأهل",
            slug="carers-circle",
            access="invite",
            listing="unlisted",
            fill_inlines=invite,
        )
        groups = {group.access: group for group in SupportGroup.objects.all()}
        assert set(groups) == {"open", "request", "invite"}
        request_group = groups["request"]
        assert request_group.entry_questions.count() == 3
        assert Invite.objects.get().group == groups["invite"]
        assert Membership.objects.get(group=request_group).user == moderator
        assert AuditEntry.objects.filter(action="group.created", actor=staff).count() == 3

        # --- A newcomer searches in Arabic with another spelling, live, and finds it.
        page = self._page("ar")
        self._sign_in(page, newcomer.username)
        page.goto(f"{self.live_server_url}/groups/")
        page.fill("input[name=q]", SEARCHED_AS)
        results = page.locator("#directory-results")
        results.locator("a", has_text="الدائرة المفتوحة").wait_for(state="detached")
        results.locator("a", has_text=REQUEST_GROUP_NAME).click()
        page.wait_for_url(f"**{request_group.get_absolute_url()}")
        assert "Listen before advising." in page.content()

        # --- ...answers the entry questions and asks to join.
        page.click(f"main a[href='{request_group.get_absolute_url()}join/']")
        short, choice, rules = request_group.entry_questions.all()
        page.fill(f"input[name=question_{short.pk}]", "فقدت أمي في الربيع الماضي.")
        page.check(f"input[name=question_{choice.pk}][value='أقل من سنة']")
        page.check(f"input[name=question_{rules.pk}]")
        page.click("main form button[type=submit]")
        page.locator(".join-request-status").wait_for()
        assert JoinRequest.objects.get().state == JoinRequest.State.PENDING

        # --- The moderator reads the answers and approves with a note.
        moderation = self._page("ar")
        self._sign_in(moderation, moderator.username, totp_secret=moderator_secret)
        moderation.goto(f"{self.live_server_url}{request_group.get_absolute_url()}manage/")
        assert "فقدت أمي في الربيع الماضي." in moderation.content()
        assert newcomer.username not in moderation.content()
        join_request = JoinRequest.objects.get()
        moderation.fill(
            f"textarea[name=request-{join_request.pk}-note]", "أهلاً بك بيننا. نحن هنا لنسمعك."
        )
        with moderation.expect_navigation():
            moderation.click("button[value=approve]")
        assert Membership.objects.get(group=request_group, user=newcomer).is_active

        # --- The newcomer reads the note and posts in the group.
        page.goto(f"{self.live_server_url}{request_group.get_absolute_url()}")
        assert "أهلاً بك بيننا. نحن هنا لنسمعك." in page.locator(".welcome-note").inner_text()
        page.click(f"main a[href='{request_group.get_absolute_url()}threads/new/']")
        page.fill("input[name=title]", "شكراً لقبولي")
        page.fill("textarea[name=body]", "لم أتوقع أن أجد من يفهمني بهذه السرعة.")
        page.click("main button[type=submit]")
        page.wait_for_url("**/threads/*/")
        assert Thread.objects.get(group=request_group).title == "شكراً لقبولي"
