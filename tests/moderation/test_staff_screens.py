"""Staff and moderator screens under the anonymity rule: an anonymous author appears by
their label in that one thread, never by account, username or another persona; a
moderator acts on them (mute, ban) through the item, and reads their record as counts.
Only the audited reveal joins an anonymous post to the account behind it."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, timezone

from audit.models import AuditEntry
from groups import services as group_services
from groups.models import Membership
from moderation import services
from moderation.models import ReviewItem
from posts import services as posts
from tests.factories import MembershipFactory, UserFactory, give_mfa
from tests.test_oracles import normalised

pytestmark = pytest.mark.django_db


@pytest.fixture
def plain_staff(db):
    staff = UserFactory(is_staff=True)
    give_mfa(staff)
    return staff


@pytest.fixture
def writer(open_group):
    """A member who writes under a persona and anonymously in the same group."""
    user = UserFactory(id=876_543_210, username="writer-login")
    return MembershipFactory(group=open_group, user=user).user


@pytest.fixture
def acted_on(open_group, writer, moderator, reporter):
    """The moderator removed one of the writer's signed posts five days ago, and warns
    them now about each of two anonymous posts in two threads."""
    signed = posts.thread_create(author=writer, group=open_group, title="Signed", body="Mine.")
    signed_item = services.report_create(
        reporter=reporter, post=signed.posts.get(), reason="spam"
    ).item
    services.item_remove(moderator=moderator, item_id=signed_item.pk, reason="spam")
    five_days_ago = timezone.now() - timedelta(days=5)
    ReviewItem.objects.filter(pk=signed_item.pk).update(created_at=five_days_ago)
    AuditEntry.objects.filter(details__item_id=signed_item.pk).update(created_at=five_days_ago)

    unsigned = posts.thread_create(
        author=writer, group=open_group, title="Unsigned", body="Not mine.", anonymous=True
    )
    other = posts.thread_create(author=reporter, group=open_group, title="Other", body="Hello.")
    reply = posts.post_create(author=writer, thread=other, body="Also not mine.", anonymous=True)
    items = []
    for post in (unsigned.posts.get(), reply):
        item = services.report_create(reporter=reporter, post=post, reason="harassment").item
        services.member_warn(moderator=moderator, item_id=item.pk, note="Please be gentle.")
        items.append(item)
    return {
        "signed": signed,
        "unsigned": unsigned,
        "other": other,
        "reply": reply,
        "signed_item": signed_item,
        "items": items,
    }


def test_the_audit_log_names_anonymous_authors_by_label_in_that_thread_only(
    client, plain_staff, writer, acted_on
):
    client.force_login(plain_staff)

    page = client.get(reverse("moderation:audit")).content.decode()

    persona = writer.personas.get().name
    in_thread = '{} <span class="meta">in thread {}</span>'
    assert in_thread.format("Anonymous member (original poster)", acted_on["unsigned"].pk) in page
    assert in_thread.format("Anonymous member 2", acted_on["other"].pk) in page
    # The signed post's entries show the persona on it, and nothing joins the two.
    assert persona in page
    assert "writer-login" not in page
    assert not re.search(rf"<td>\s*{writer.pk}\s*</td>", page)


def test_the_audit_log_names_a_member_acted_on_outside_a_post_by_their_group_persona(
    client, plain_staff, open_group, writer
):
    membership = Membership.objects.get(user=writer, group=open_group)
    group_services.membership_set_role(
        actor=plain_staff, membership=membership, role=Membership.Role.MODERATOR
    )
    client.force_login(plain_staff)

    page = client.get(reverse("moderation:audit")).content.decode()

    assert "Role changed" in page
    assert writer.personas.get().name in page
    assert not re.search(rf"<td>\s*{writer.pk}\s*</td>", page)


def test_the_audit_log_runs_the_same_queries_however_many_entries(
    client, plain_staff, open_group, moderator, reporter
):
    client.force_login(plain_staff)

    def add_entries(number):
        for _ in range(number):
            author = MembershipFactory(group=open_group).user
            thread = posts.thread_create(
                author=author, group=open_group, title="T", body=f"b{author.pk}", anonymous=True
            )
            item = services.report_create(
                reporter=reporter, post=thread.posts.get(), reason="spam"
            ).item
            services.member_warn(moderator=moderator, item_id=item.pk, note="Gently.")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("moderation:audit")).status_code == 200
        return len(captured)

    add_entries(1)
    few = queries()
    add_entries(8)

    assert queries() == few


def test_the_item_page_counts_an_anonymous_authors_record_without_listing_it(
    client, moderator, writer, acted_on
):
    client.force_login(moderator)
    url = reverse("moderation:item", args=[acted_on["items"][1].pk])

    page = client.get(url).content.decode()

    assert "History of this anonymous author in this group" in page
    assert "Removed: 1" in page
    assert "Warned: 2" in page
    # Neither the signed post, nor its item, nor when it was: nothing to match up.
    signed_item = acted_on["signed_item"]
    assert reverse("moderation:item", args=[signed_item.pk]) not in page
    assert acted_on["signed"].get_absolute_url() not in page
    signed_item.refresh_from_db()
    shown = formats.date_format(timezone.localtime(signed_item.created_at), "SHORT_DATE_FORMAT")
    assert shown not in page
    assert writer.personas.get().name not in page
    assert "writer-login" not in page


def test_the_item_page_of_a_signed_post_counts_the_anonymous_ones_too_without_naming_them(
    client, moderator, writer, acted_on
):
    later = posts.post_create(author=writer, thread=acted_on["other"], body="Signed, later.")
    item = services.report_create(
        reporter=MembershipFactory(group=acted_on["other"].group).user, post=later, reason="spam"
    ).item
    client.force_login(moderator)

    page = client.get(reverse("moderation:item", args=[item.pk])).content.decode()

    assert f"History of <bdi>{writer.personas.get().name}</bdi> in this group" in page
    assert "Removed: 1" in page
    assert "Open: 2" in page
    for anonymous_item in acted_on["items"]:
        assert reverse("moderation:item", args=[anonymous_item.pk]) not in page
    assert acted_on["unsigned"].get_absolute_url() not in page


def test_a_moderator_mutes_the_author_of_an_anonymous_post_without_learning_who(
    client, moderator, open_group, writer, acted_on
):
    item = acted_on["items"][0]
    client.force_login(moderator)

    response = client.post(
        reverse("moderation:act", args=[item.pk, "mute"]),
        {"mute-duration": "24h", "mute-reason": "Cool down, please."},
    )

    assert response.status_code == 302
    item_page = client.get(reverse("moderation:item", args=[item.pk])).content.decode()
    assert "Muted in this group until" in item_page
    assert writer.personas.get().name not in item_page
    # The members page lists the writer's persona, as always, and says nothing of a mute.
    members = client.get(reverse("groups:members", args=[open_group.slug])).content.decode()
    assert writer.personas.get().name in members
    assert "muted until" not in members.lower()
    assert "Cool down, please." not in members + item_page
    # The mute holds on the account, whichever way it writes.
    for anonymous in (True, False):
        with pytest.raises(ValidationError):
            posts.post_create(
                author=writer, thread=acted_on["other"], body="Again.", anonymous=anonymous
            )


def test_a_moderator_bans_the_author_of_an_anonymous_post_and_the_members_page_keeps_quiet(
    client, moderator, open_group, writer, acted_on
):
    client.force_login(moderator)
    before = client.get(reverse("groups:members", args=[open_group.slug])).content.decode()

    client.post(
        reverse("moderation:act", args=[acted_on["items"][1].pk, "ban"]),
        {"ban-reason": "Repeated harassment."},
    )
    item_page = client.get(reverse("moderation:item", args=[acted_on["items"][1].pk]))

    after = client.get(reverse("groups:members", args=[open_group.slug])).content.decode()
    assert Membership.objects.get(user=writer, group=open_group).state == "banned"
    assert "Banned from this group" in item_page.content.decode()
    assert normalised(after) == normalised(before)


def test_the_queue_shows_sanctions_in_force_beside_the_history(
    client, moderator, open_group, writer, acted_on, reporter
):
    services.member_mute(
        moderator=moderator, item_id=acted_on["items"][0].pk, duration="7d", reason="Pause."
    )
    client.force_login(moderator)

    page = client.get(reverse("moderation:queue")).content.decode()

    assert "Muted in this group until" in page
    assert "Pause." not in page
