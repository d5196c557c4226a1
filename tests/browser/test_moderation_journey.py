"""Moderation that keeps people safe, in a real browser.

A member posts a crisis message in Arabic and sees crisis resources at once; a trained
moderator with two-factor sees it arrive at the top of the queue live, claims it and
sends a check-in. Another post is reported by two members (one item), removed with a
reason; its author appeals and a second moderator decides. Staff read every step in the
audit log and see it on the queue-health charts.
"""

import pytest

from audit.models import AuditEntry
from groups.models import Membership
from moderation import services
from moderation.models import CrisisPhrase, CrisisResource, ReviewItem
from notifications.models import Notification
from posts.models import Post
from tests.browser.base import BrowserTestCase
from tests.factories import (
    MembershipFactory,
    PostFactory,
    SupportGroupFactory,
    ThreadFactory,
    UserFactory,
    give_mfa,
    give_training,
)

CRISIS_TEXT = "أفكر في الانتحار كل ليلة ولا أعرف لمن أقول"


@pytest.mark.needs_browser
@pytest.mark.needs_postgres
class ModerationJourneyTests(BrowserTestCase):
    def _act(self, page, action, fields=None):
        """Open an action's panel on the item page, fill it in and send it."""
        form = page.locator(f"form[action$='/{action}/']")
        page.locator(f"details.action-form:has(form[action$='/{action}/']) summary").click()
        for name, value in (fields or {}).items():
            field = form.locator(f"[name='{action}-{name}']")
            if field.first.get_attribute("type") == "checkbox":
                field.check()
            elif field.first.get_attribute("type") == "radio":
                form.locator(f"[name='{action}-{name}'][value='{value}']").check()
            elif field.evaluate("element => element.tagName") == "SELECT":
                field.select_option(value)
            else:
                field.fill(value)
        form.locator("button[type=submit]").click()
        page.wait_for_load_state("load")

    def test_a_crisis_and_a_removal_from_report_to_appeal(self):
        # What a fresh database holds after migrating; set here so the test does not
        # depend on what earlier transactional tests left behind.
        CrisisPhrase.objects.get_or_create(
            phrase="أفكر في الانتحار", kind="crisis", defaults={"language": "ar"}
        )
        CrisisResource.objects.create(
            name="خط المساندة الليلي", language="ar", phone="0800 123 123", order=1
        )
        group = SupportGroupFactory(name="ليالي طويلة", slug="long-nights", language="ar")
        first_moderator = MembershipFactory(group=group, role=Membership.Role.MODERATOR).user
        second_moderator = MembershipFactory(group=group, role=Membership.Role.MODERATOR).user
        secrets = {}
        for moderator in (first_moderator, second_moderator):
            secrets[moderator.pk] = give_mfa(moderator)
            give_training(moderator)
        staff = UserFactory(is_staff=True, is_superuser=True)
        staff_secret = give_mfa(staff)
        member = MembershipFactory(group=group).user
        unkind = MembershipFactory(group=group).user
        reporters = [MembershipFactory(group=group).user for _ in range(2)]
        thread = ThreadFactory(group=group, author=member, title="لا أستطيع النوم")
        PostFactory(thread=thread, author=member, is_opening=True, body="منذ أسابيع لا أنام.")
        hurtful = PostFactory(
            thread=thread, author=unkind, body="توقف عن الشكوى، الجميع تعبوا منك."
        )

        # The first moderator watches the queue.
        moderator_page = self._page("ar")
        self._sign_in(moderator_page, first_moderator, secrets[first_moderator.pk])
        moderator_page.goto(f"{self.live_server_url}/moderation/")
        moderator_page.wait_for_load_state("networkidle")

        # The member writes about suicide in Arabic and sees resources at once.
        member_page = self._page("ar")
        self._sign_in(member_page, member)
        member_page.goto(f"{self.live_server_url}{thread.get_absolute_url()}")
        member_page.fill("textarea[name=body]", CRISIS_TEXT)
        member_page.click("section.composer button[type=submit]")
        member_page.wait_for_url("**/threads/*/**")
        panel = member_page.locator(".crisis-panel")
        panel.wait_for()
        assert "خط المساندة الليلي" in panel.inner_text()
        assert member_page.locator("a[href='/help/']").count() >= 1
        crisis_post = Post.objects.get(body=CRISIS_TEXT)
        assert crisis_post.state == Post.State.VISIBLE
        crisis_item = ReviewItem.objects.get(post=crisis_post)

        # It arrives live at the top of the crisis lane, without reloading.
        arrived = moderator_page.locator(
            f"ol.queue[data-lane='0'] > li#queue-item-{crisis_item.pk}"
        )
        arrived.wait_for()
        assert (
            moderator_page.locator("ol.queue[data-lane='0'] > li").first.get_attribute("id")
            == f"queue-item-{crisis_item.pk}"
        )
        assert member.username not in moderator_page.content()
        # Collapsed behind its content warning until opened.
        assert not arrived.locator("details.content-warning").get_attribute("open")
        arrived.locator("form[action$='/claim/'] button").click()
        moderator_page.wait_for_url(f"**/moderation/items/{crisis_item.pk}/")
        self._act(moderator_page, "check_in")
        assert Notification.objects.filter(recipient=member, kind="check_in").exists()
        crisis_item.refresh_from_db()
        assert crisis_item.claimed_by == first_moderator
        # A crisis item closes only with a note and a confirmation.
        self._act(
            moderator_page,
            "dismiss",
            {"note": "أرسلت رسالة اطمئنان وخطوط الأزمات.", "confirm": "on"},
        )

        # Another post is reported by two members: one item with two reports.
        reporter_page = self._page("ar")
        self._sign_in(reporter_page, reporters[0])
        reporter_page.goto(f"{self.live_server_url}{hurtful.url('moderation:report')}")
        reporter_page.check("input[name=reason][value=harassment]")
        reporter_page.click("main button[type=submit]")
        reporter_page.wait_for_url("**/threads/*/**")
        services.report_create(reporter=reporters[1], post=hurtful, reason="harassment")
        item = ReviewItem.objects.get(post=hurtful)
        assert item.reports.count() == 2

        # The first moderator removes it with a reason.
        moderator_page.goto(f"{self.live_server_url}/moderation/items/{item.pk}/")
        self._act(
            moderator_page, "remove", {"reason": "harassment", "note": "نحن هنا لنساند بعضنا."}
        )
        hurtful.refresh_from_db()
        assert hurtful.state == Post.State.REMOVED

        # Its author appeals, once.
        author_page = self._page("ar")
        self._sign_in(author_page, unkind)
        author_page.goto(f"{self.live_server_url}{thread.get_absolute_url()}")
        author_page.locator(f"a[href='{hurtful.url('moderation:appeal')}']").click()
        assert "نحن هنا لنساند بعضنا." in author_page.content()
        author_page.fill("textarea[name=note]", "كنت متعباً، ولم أقصد الإساءة.")
        author_page.click("main button[type=submit]")
        author_page.wait_for_url(f"**{hurtful.url('moderation:appeal')}")
        appeal_item = ReviewItem.objects.get(post=hurtful, kind="appeal")

        # The moderator who removed it cannot decide; a second moderator does.
        moderator_page.goto(f"{self.live_server_url}/moderation/items/{appeal_item.pk}/")
        assert moderator_page.locator("form[action$='/decide_appeal/']").count() == 0
        second_page = self._page("ar")
        self._sign_in(second_page, second_moderator, secrets[second_moderator.pk])
        second_page.goto(f"{self.live_server_url}/moderation/items/{appeal_item.pk}/")
        self._act(second_page, "decide_appeal", {"decision": "refuse", "note": "القرار باقٍ."})
        appeal_item.refresh_from_db()
        assert appeal_item.decision == ReviewItem.Decision.APPEAL_REFUSED
        assert Notification.objects.filter(recipient=unkind, kind="appeal_decided").exists()

        # Staff read every step in the audit log and on the health charts.
        staff_page = self._page("en")
        self._sign_in(staff_page, staff, staff_secret)
        staff_page.goto(f"{self.live_server_url}/moderation/audit/")
        log = staff_page.content()
        for label in (
            "Item claimed",
            "Check-in message sent",
            "Post removed",
            "Appeal decided",
            "Closed after action",
        ):
            assert label in log, label
        assert AuditEntry.objects.filter(action="appeal.decided", actor=second_moderator).exists()
        staff_page.goto(f"{self.live_server_url}/moderation/health/")
        assert staff_page.locator("svg.bar-chart").count() == 5
        crisis_row = staff_page.locator("table.health-table").first.locator("tbody tr").first
        cells = crisis_row.locator("td").all_inner_texts()
        # Crisis lane over 7 days: one item, acted on.
        assert cells[2] == "1" and cells[3] == "1"
