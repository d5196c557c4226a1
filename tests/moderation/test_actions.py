"""Actions from the item page: each goes through a service, writes its audit row, and
tells the member what they need to know; reporters hear the outcome in general words."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from groups.models import Membership
from groups.policies import ensure_member_can_post
from moderation import services
from moderation.models import Report, ReviewItem
from notifications.models import Notification
from posts.models import Post
from tests.factories import (
    MembershipFactory,
    PostFactory,
    SupportGroupFactory,
    ThreadFactory,
    UserFactory,
    give_mfa,
    give_training,
    trained_moderator,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def reported(open_group, author):
    post = PostFactory(
        thread=ThreadFactory(group=open_group), author=author, body="Just get over it."
    )
    reporters = [MembershipFactory(group=open_group).user for _ in range(2)]
    for reporter in reporters:
        item = services.report_create(reporter=reporter, post=post, reason="harassment").item
    item.reporters = reporters
    return item


def _act(client, item, action, **data):
    payload = {f"{action}-{key}": value for key, value in data.items()}
    return client.post(reverse("moderation:act", args=[item.pk, action]), payload)


def test_remove_with_a_reason_tells_the_author_and_the_reporters(
    client, moderator, reported, author
):
    client.force_login(moderator)

    response = _act(client, reported, "remove", reason="harassment", note="Please be kind.")

    assert response.status_code == 302
    post = Post.objects.get(pk=reported.post_id)
    assert post.state == Post.State.REMOVED
    assert "Harassment or personal attacks" in post.removal_reason
    assert "Please be kind." in post.removal_reason
    reported.refresh_from_db()
    assert reported.status == ReviewItem.Status.RESOLVED
    assert reported.decision == ReviewItem.Decision.REMOVED
    assert reported.resolved_by == moderator
    entry = AuditEntry.objects.get(action="post.removed")
    assert entry.actor == moderator
    assert entry.subject_account_id == author.pk
    assert entry.post_id_at_action == post.pk
    assert entry.reason == "Please be kind."
    assert entry.details["removal_reason"] == "harassment"
    removed = Notification.objects.get(kind=Notification.Kind.POST_REMOVED)
    assert removed.recipient == author
    assert "Please be kind." in removed.message
    outcomes = Notification.objects.filter(kind=Notification.Kind.REPORT_OUTCOME)
    assert sorted(outcomes.values_list("recipient_id", flat=True)) == sorted(
        u.pk for u in reported.reporters
    )
    for outcome in outcomes:
        # General words: neither who acted nor what was done.
        assert outcome.message == (
            "Thank you for your report. The moderators reviewed it and took action."
        )
        assert outcome.post_id is None
    assert set(Report.objects.values_list("outcome", flat=True)) == {Report.Outcome.UPHELD}


def test_no_action_tells_reporters_it_was_within_the_rules(client, moderator, reported):
    client.force_login(moderator)

    _act(client, reported, "dismiss", note="Blunt, but not a breach.")

    reported.refresh_from_db()
    assert reported.decision == ReviewItem.Decision.NO_ACTION
    assert Post.objects.get(pk=reported.post_id).state == Post.State.VISIBLE
    outcome = Notification.objects.filter(kind=Notification.Kind.REPORT_OUTCOME).first()
    assert "did not break the group's rules" in outcome.message
    assert set(Report.objects.values_list("outcome", flat=True)) == {Report.Outcome.NOT_UPHELD}
    assert AuditEntry.objects.filter(action="item.dismissed").exists()


def test_approving_a_held_post_publishes_it_and_tells_the_author(
    client, open_group, moderator, author
):
    open_group.hold_first_posts = 1
    open_group.save()
    from posts.services import post_create

    post = post_create(
        author=author, thread=ThreadFactory(group=open_group), body="Hello from a new member."
    )
    item = ReviewItem.objects.get(post=post)
    client.force_login(moderator)

    _act(client, item, "approve")

    assert Post.objects.get(pk=post.pk).state == Post.State.VISIBLE
    assert Notification.objects.filter(
        recipient=author, kind=Notification.Kind.POST_APPROVED
    ).exists()
    assert AuditEntry.objects.filter(action="post.approved", actor=moderator).exists()


def test_approving_a_held_reply_tells_the_threads_watchers_then(
    client, open_group, moderator, author, django_capture_on_commit_callbacks
):
    from posts.services import post_create, thread_create
    from tests.factories import MembershipFactory

    thread_author = MembershipFactory(group=open_group).user
    thread = thread_create(author=thread_author, group=open_group, title="Evenings", body="Hi")
    open_group.hold_first_posts = 1
    open_group.save()
    with django_capture_on_commit_callbacks(execute=True):
        reply = post_create(author=author, thread=thread, body="A first, held reply.")
    assert not Notification.objects.filter(recipient=thread_author, post=reply).exists()
    client.force_login(moderator)

    with django_capture_on_commit_callbacks(execute=True):
        _act(client, ReviewItem.objects.get(post=reply), "approve")

    assert Notification.objects.filter(
        recipient=thread_author, kind=Notification.Kind.REPLY, post=reply
    ).exists()


def test_a_held_post_cannot_be_closed_without_a_decision(client, open_group, moderator, author):
    post = PostFactory(thread=ThreadFactory(group=open_group), author=author, state="held")
    item = ReviewItem.objects.create(
        group=open_group, post=post, subject=author, priority=2, source="new_member"
    )
    client.force_login(moderator)

    response = _act(client, item, "dismiss")

    assert response.status_code == 400
    assert "approve it or remove it" in response.content.decode()
    assert ReviewItem.objects.get(pk=item.pk).is_open


def test_hide_keeps_the_item_open(client, moderator, reported, author):
    client.force_login(moderator)

    _act(client, reported, "hide", note="Looking into it.")

    reported.refresh_from_db()
    assert Post.objects.get(pk=reported.post_id).state == Post.State.HELD
    assert reported.is_open
    assert reported.action_taken
    assert AuditEntry.objects.filter(action="post.hidden").exists()
    assert Notification.objects.filter(recipient=author, kind=Notification.Kind.POST_HELD).exists()


def test_lock_thread(client, moderator, reported):
    client.force_login(moderator)

    _act(client, reported, "lock", note="Heated.")

    assert Post.objects.get(pk=reported.post_id).thread.is_locked
    assert AuditEntry.objects.filter(action="thread.locked", actor=moderator).exists()


def test_warn_sends_the_warning_privately(client, moderator, reported, author):
    client.force_login(moderator)

    _act(client, reported, "warn", note="Please keep to the rules about advice.")

    warning = Notification.objects.get(kind=Notification.Kind.WARNING)
    assert warning.recipient == author
    assert warning.message == "Please keep to the rules about advice."
    entry = AuditEntry.objects.get(action="member.warned")
    assert entry.subject_account_id == author.pk


def test_a_warning_needs_words(client, moderator, reported):
    client.force_login(moderator)

    response = _act(client, reported, "warn", note="")

    assert response.status_code == 400
    assert not AuditEntry.objects.filter(action="member.warned").exists()


def test_mute_for_a_period(client, open_group, moderator, reported, author):
    client.force_login(moderator)

    _act(client, reported, "mute", duration="24h", reason="Cooling off.")

    membership = Membership.objects.get(group=open_group, user=author)
    assert timezone.now() + timedelta(hours=23) < membership.muted_until
    assert membership.sanction_reason == "Cooling off."
    with pytest.raises(ValidationError):
        ensure_member_can_post(membership)
    assert AuditEntry.objects.filter(action="member.muted").exists()
    notice = Notification.objects.get(kind="sanction")
    assert "muted in this group" in notice.message
    assert "(UTC time)" in notice.message
    assert not Notification.objects.filter(kind="warning").exists()


def test_ban_from_the_group(client, open_group, moderator, reported, author):
    client.force_login(moderator)

    _act(client, reported, "ban", reason="Repeated harassment.")

    membership = Membership.objects.get(group=open_group, user=author)
    assert membership.state == Membership.State.BANNED
    assert AuditEntry.objects.get(action="member.banned").reason == "Repeated harassment."


def test_a_moderator_cannot_sanction_a_fellow_moderator(client, open_group, moderator):
    colleague = trained_moderator(open_group)
    post = PostFactory(thread=ThreadFactory(group=open_group), author=colleague)
    item = services.report_create(
        reporter=MembershipFactory(group=open_group).user, post=post, reason="hate"
    ).item
    client.force_login(moderator)

    response = _act(client, item, "ban", reason="No.")

    assert response.status_code == 400
    assert "Only staff can sanction a moderator" in response.content.decode()
    assert Membership.objects.get(user=colleague, group=open_group).state == "active"


def test_check_in_sends_a_supportive_message(client, moderator, open_group, author):
    from posts.services import post_create

    post = post_create(author=author, thread=ThreadFactory(group=open_group), body="I want to die.")
    item = ReviewItem.objects.get(post=post)
    client.force_login(moderator)
    page = client.get(reverse("moderation:item", args=[item.pk])).content.decode()
    assert "I read what you wrote and wanted to check in" in page

    _act(client, item, "check_in", message="We are here for you. Need help now? is one click away.")

    notice = Notification.objects.get(kind=Notification.Kind.CHECK_IN)
    assert notice.recipient == author
    entry = AuditEntry.objects.get(action="member.checked_in")
    # The words stay between moderator and member.
    assert entry.reason == ""


def test_escalate_to_staff_hands_the_item_over(
    client, open_group, moderator, reported, django_capture_on_commit_callbacks
):
    staff = UserFactory(is_staff=True)
    give_mfa(staff)
    give_training(staff)
    client.force_login(moderator)

    with django_capture_on_commit_callbacks(execute=True):
        _act(client, reported, "escalate", to="staff", note="Possible threat to someone offline.")

    reported.refresh_from_db()
    assert reported.escalated_to == ReviewItem.Escalation.STAFF
    assert reported.claimed_by is None
    with pytest.raises(ValidationError):
        services.item_claim(moderator=moderator, item_id=reported.pk)
    services.item_claim(moderator=staff, item_id=reported.pk)
    assert AuditEntry.objects.filter(action="item.escalated").exists()
    assert Notification.objects.filter(
        recipient=staff, kind=Notification.Kind.QUEUE_NEW_ITEM
    ).exists()


def test_escalate_to_the_facilitator(client, open_group, moderator, reported):
    facilitator = trained_moderator(open_group, role=Membership.Role.FACILITATOR)
    client.force_login(moderator)

    _act(client, reported, "escalate", to="facilitator", note="Needs a professional view.")

    services.item_claim(moderator=facilitator, item_id=reported.pk)
    assert ReviewItem.objects.get(pk=reported.pk).claimed_by == facilitator


def test_escalating_to_a_facilitator_the_group_does_not_have(client, moderator, reported):
    client.force_login(moderator)

    response = _act(client, reported, "escalate", to="facilitator", note="Please look.")

    assert response.status_code == 400
    assert "no professional facilitator" in response.content.decode()


def test_staff_suspend_the_account(client, reported, author):
    staff = UserFactory(is_staff=True)
    give_mfa(staff)
    give_training(staff)
    client.force_login(staff)

    _act(client, reported, "suspend", reason="Threats against members.")

    author.refresh_from_db()
    assert author.is_suspended
    assert author.suspension_reason == "Threats against members."
    assert AuditEntry.objects.get(action="account.suspended").actor == staff


def test_moderators_cannot_suspend(client, moderator, reported, author):
    client.force_login(moderator)

    assert _act(client, reported, "suspend", reason="x").status_code == 404
    author.refresh_from_db()
    assert not author.is_suspended


def test_resolving_an_item_already_resolved_changes_nothing(
    client, open_group, moderator, reported
):
    other = trained_moderator(open_group)
    services.item_dismiss(moderator=other, item_id=reported.pk)
    entries = AuditEntry.objects.count()
    client.force_login(moderator)

    response = _act(client, reported, "remove", reason="rules")

    assert response.status_code == 400
    assert "This item has already been resolved. Nothing was changed." in (
        response.content.decode()
    )
    assert Post.objects.get(pk=reported.post_id).state == Post.State.VISIBLE
    assert AuditEntry.objects.count() == entries


def test_an_unknown_action_is_404(client, moderator, reported):
    client.force_login(moderator)

    assert _act(client, reported, "explode").status_code == 404


@pytest.mark.parametrize("action", ["remove", "approve", "warn", "ban", "check_in", "escalate"])
def test_non_moderators_get_404_for_every_action(client, open_group, reported, action):
    member = MembershipFactory(group=open_group).user
    outsider = trained_moderator(SupportGroupFactory())
    for user in (member, outsider):
        client.force_login(user)
        assert _act(client, reported, action, note="x", reason="rules").status_code == 404
    assert not AuditEntry.objects.exclude(action="item.claimed").exists()
    assert ReviewItem.objects.get(pk=reported.pk).is_open


def test_visitors_are_sent_to_sign_in(client, reported):
    response = _act(client, reported, "remove", reason="rules")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_moderator_acts_from_a_posts_menu(client, open_group, moderator):
    post = PostFactory(thread=ThreadFactory(group=open_group), body="Unreported but unkind.")
    client.force_login(moderator)

    page = client.get(post.url("moderation:post"))
    response = client.post(post.url("moderation:post"))

    item = ReviewItem.objects.get(post=post)
    assert page.status_code == 200
    assert "Unreported but unkind." in page.content.decode()
    assert response["Location"] == reverse("moderation:item", args=[item.pk])
    assert item.source == ReviewItem.Source.MODERATOR
    assert item.claimed_by == moderator
    # With an item open, the menu goes straight to it.
    again = client.get(post.url("moderation:post"))
    assert again["Location"] == reverse("moderation:item", args=[item.pk])


def test_the_post_menu_is_404_for_members_and_other_groups_moderators(client, open_group):
    post = PostFactory(thread=ThreadFactory(group=open_group))
    for user in (
        MembershipFactory(group=open_group).user,
        trained_moderator(SupportGroupFactory()),
    ):
        client.force_login(user)
        assert client.get(post.url("moderation:post")).status_code == 404
        assert client.post(post.url("moderation:post")).status_code == 404
    assert not ReviewItem.objects.exists()


def test_the_thread_shows_moderators_a_moderate_link(client, open_group, moderator):
    from posts.services import thread_create

    member = MembershipFactory(group=open_group).user
    thread = thread_create(author=member, group=open_group, title="Hello", body="Hi all")
    post = thread.posts.get()
    client.force_login(moderator)
    moderator_page = client.get(thread.get_absolute_url()).content.decode()
    client.force_login(MembershipFactory(group=open_group).user)
    member_page = client.get(thread.get_absolute_url()).content.decode()

    assert post.url("moderation:post") in moderator_page
    assert post.url("moderation:post") not in member_page


def test_the_item_page_shows_the_post_in_its_thread_with_history_and_revisions(
    client, open_group, moderator, author
):
    from posts.models import PostRevision

    thread = ThreadFactory(group=open_group)
    before = PostFactory(thread=thread, body="A reply before it.")
    post = PostFactory(thread=thread, author=author, body="The current text.")
    PostRevision.objects.create(post=post, body="The text before the edit.")
    after = PostFactory(thread=thread, body="A reply after it.")
    earlier = PostFactory(thread=thread, author=author, body="An older post of theirs.")
    ReviewItem.objects.create(
        group=open_group,
        post=earlier,
        subject=author,
        priority=2,
        status="resolved",
        decision="no_action",
    )
    AuditEntry.objects.create(
        action="member.warned", group=open_group, subject_account_id=author.pk, reason="Advice."
    )
    item = services.report_create(
        reporter=MembershipFactory(group=open_group).user,
        post=post,
        reason="medical",
        note="Gives dosing advice.",
    ).item
    client.force_login(moderator)

    page = client.get(reverse("moderation:item", args=[item.pk])).content.decode()

    for text in (
        before.body,
        post.body,
        after.body,
        "The text before the edit.",
        "Gives dosing advice.",
        "Warned: 1",
        "No action needed: 1",
        f"History of <bdi>{post.persona.name}</bdi> in this group",
    ):
        assert text in page
    assert author.username not in page
    # The record is counted: what a moderator wrote about the other item stays out.
    assert "Advice." not in page


def test_the_item_page_is_404_to_others(client, open_group, reported, author):
    client.force_login(author)
    assert client.get(reverse("moderation:item", args=[reported.pk])).status_code == 404
    client.force_login(trained_moderator(SupportGroupFactory()))
    assert client.get(reverse("moderation:item", args=[reported.pk])).status_code == 404
    client.logout()
    response = client.get(reverse("moderation:item", args=[reported.pk]))
    assert response["Location"].startswith(reverse("account_login"))
