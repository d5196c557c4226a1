"""An author may appeal a removal once; a different moderator decides."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AuditEntry
from moderation import services
from moderation.models import Appeal, ReviewItem
from notifications.models import Notification
from posts.models import Post
from tests.factories import MembershipFactory, PostFactory, ThreadFactory, trained_moderator

pytestmark = pytest.mark.django_db


@pytest.fixture
def removed(open_group, author, moderator):
    post = PostFactory(thread=ThreadFactory(group=open_group), author=author, body="My view.")
    item = services.report_create(
        reporter=MembershipFactory(group=open_group).user, post=post, reason="medical"
    ).item
    services.item_remove(moderator=moderator, item_id=item.pk, reason="medical", note="Dosing.")
    return Post.objects.get(pk=post.pk)


def _appeal(client, post, note="I was sharing my own experience, not advice."):
    return client.post(post.url("moderation:appeal"), {"note": note})


def test_the_author_appeals_a_removal(client, removed, author, moderator):
    client.force_login(author)

    page = client.get(removed.url("moderation:appeal")).content.decode()
    response = _appeal(client, removed)

    assert "Dosing." in page
    assert response.status_code == 302
    appeal = Appeal.objects.get(post=removed)
    item = appeal.item
    assert item.kind == ReviewItem.Kind.APPEAL
    assert item.is_open
    assert item.excluded_moderator == moderator
    assert item.subject == author


def test_the_thread_page_offers_the_author_an_appeal(client, removed, author):
    client.force_login(author)

    page = client.get(removed.thread.get_absolute_url()).content.decode()

    assert removed.url("moderation:appeal") in page


def test_a_removal_can_be_appealed_once(client, removed, author):
    client.force_login(author)
    _appeal(client, removed)

    page = client.get(removed.url("moderation:appeal")).content.decode()
    second = _appeal(client, removed, note="Please, again.")

    assert "A removal can be appealed once." in page
    assert 'name="note"' not in page
    assert second.status_code == 200
    assert Appeal.objects.count() == 1
    with pytest.raises(ValidationError):
        services.appeal_create(author=author, post=removed, note="Once more")


def test_an_empty_or_oversized_appeal_keeps_the_text(client, removed, author):
    client.force_login(author)

    empty = _appeal(client, removed, note="")
    oversized = _appeal(client, removed, note="x" * 2001)

    assert empty.status_code == 400
    assert oversized.status_code == 400
    assert not Appeal.objects.exists()


def test_only_the_author_of_a_removed_post_can_appeal(client, open_group, removed, moderator):
    other = MembershipFactory(group=open_group).user
    visible = PostFactory(thread=removed.thread, author=other)
    client.force_login(other)

    assert client.get(removed.url("moderation:appeal")).status_code == 404
    assert _appeal(client, removed).status_code == 404
    assert client.get(visible.url("moderation:appeal")).status_code == 404
    client.logout()
    assert _appeal(client, removed)["Location"].startswith(reverse("account_login"))
    assert not Appeal.objects.exists()


def test_the_moderator_who_removed_the_post_cannot_decide(client, removed, author, moderator):
    appeal = services.appeal_create(author=author, post=removed, note="Please look again.")
    client.force_login(moderator)

    page = client.get(reverse("moderation:item", args=[appeal.item_id])).content.decode()
    response = client.post(
        reverse("moderation:act", args=[appeal.item_id, "decide_appeal"]),
        {"decide_appeal-decision": "grant"},
    )

    assert "another moderator decides the appeal" in page
    assert response.status_code == 400
    assert Post.objects.get(pk=removed.pk).state == Post.State.REMOVED
    with pytest.raises(ValidationError):
        services.item_claim(moderator=moderator, item_id=appeal.item_id)
    assert services.item_claim_next(moderator=moderator) is None


def test_a_second_moderator_grants_the_appeal(client, open_group, removed, author):
    appeal = services.appeal_create(author=author, post=removed, note="Please look again.")
    second = trained_moderator(open_group)
    client.force_login(second)

    client.post(
        reverse("moderation:act", args=[appeal.item_id, "decide_appeal"]),
        {"decide_appeal-decision": "grant", "decide_appeal-note": "Fair point."},
    )

    appeal.refresh_from_db()
    post = Post.objects.get(pk=removed.pk)
    assert appeal.status == Appeal.Status.GRANTED
    assert post.state == Post.State.VISIBLE
    assert post.removal_reason == ""
    entry = AuditEntry.objects.get(action="appeal.decided")
    assert entry.actor == second
    assert entry.details["granted"] is True
    notice = Notification.objects.get(kind=Notification.Kind.APPEAL_DECIDED)
    assert notice.recipient == author
    assert "your post is visible again" in notice.message
    assert "Fair point." in notice.message
    assert ReviewItem.objects.get(pk=appeal.item_id).decision == "appeal_granted"


def test_a_second_moderator_refuses_the_appeal(open_group, removed, author):
    appeal = services.appeal_create(author=author, post=removed, note="Please look again.")
    second = trained_moderator(open_group)

    services.appeal_decide(moderator=second, item_id=appeal.item_id, grant=False)

    assert Post.objects.get(pk=removed.pk).state == Post.State.REMOVED
    assert "the removal stands" in Notification.objects.get(kind="appeal_decided").message


def test_other_actions_do_not_apply_to_an_appeal(open_group, removed, author):
    appeal = services.appeal_create(author=author, post=removed, note="Please look again.")
    second = trained_moderator(open_group)

    with pytest.raises(ValidationError) as refused:
        services.item_approve(moderator=second, item_id=appeal.item_id)

    assert refused.value.code == "wrong_kind"


# --- Reporters hear when an appeal undoes the removal they asked for ---------------------


@pytest.fixture
def reported_and_removed(open_group, author, moderator):
    """A post two members reported, removed; a third member's earlier report on it had
    been closed with no action."""
    post = PostFactory(thread=ThreadFactory(group=open_group), author=author, body="My view.")
    earlier = MembershipFactory(group=open_group).user
    first = services.report_create(reporter=earlier, post=post, reason="spam").item
    services.item_dismiss(moderator=moderator, item_id=first.pk)
    reporters = [MembershipFactory(group=open_group).user for _ in range(2)]
    for reporter in reporters:
        item = services.report_create(reporter=reporter, post=post, reason="medical").item
    services.item_remove(moderator=moderator, item_id=item.pk, reason="medical")
    appeal = services.appeal_create(author=author, post=post, note="It was my own story.")
    return {"post": post, "reporters": reporters, "earlier": earlier, "appeal": appeal}


def _reversal_notices(user):
    return Notification.objects.filter(
        recipient=user, kind=Notification.Kind.REPORT_OUTCOME, message__contains="looked again"
    )


def test_reporters_are_told_when_an_appeal_reverses_the_removal(
    client, open_group, reported_and_removed, author
):
    second = trained_moderator(open_group)
    client.force_login(second)

    client.post(
        reverse("moderation:act", args=[reported_and_removed["appeal"].item_id, "decide_appeal"]),
        {"decide_appeal-decision": "grant", "decide_appeal-note": "Personal experience."},
    )

    for reporter in reported_and_removed["reporters"]:
        assert _reversal_notices(reporter).count() == 1
        client.force_login(reporter)
        page = client.get(reverse("notifications:list")).content.decode()
        assert "changed their earlier decision" in page
        # General words only: not the moderator's note, not who wrote or decided.
        assert "Personal experience." not in page
        assert author.personas.get().name not in page
    assert not _reversal_notices(reported_and_removed["earlier"]).exists()
    assert not _reversal_notices(author).exists()


def test_reporters_hear_nothing_more_when_the_removal_stands(open_group, reported_and_removed):
    second = trained_moderator(open_group)

    services.appeal_decide(
        moderator=second, item_id=reported_and_removed["appeal"].item_id, grant=False
    )

    for reporter in reported_and_removed["reporters"]:
        assert not _reversal_notices(reporter).exists()
        # The one notice they had: the removal itself.
        assert Notification.objects.filter(recipient=reporter, kind="report_outcome").count() == 1


def test_a_reporter_reads_the_reversal_in_their_own_language(open_group, reported_and_removed):
    from notifications.models import NotificationPreference

    reporter = reported_and_removed["reporters"][0]
    NotificationPreference.objects.create(user=reporter, language="ar")
    second = trained_moderator(open_group)

    services.appeal_decide(
        moderator=second, item_id=reported_and_removed["appeal"].item_id, grant=True
    )

    notice = (
        Notification.objects.filter(recipient=reporter, kind="report_outcome").order_by("pk").last()
    )
    assert "غيّروا قرارهم" in notice.message
