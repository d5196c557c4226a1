"""Claiming: exclusive, lapses when idle, can be released; "next item" takes the most
urgent one the moderator is qualified for; only trained moderators with two-factor."""

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from groups.models import Membership
from moderation import services
from moderation.models import ReviewItem, TrainingCompletion
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


def _item(group, *, reason="spam", reporter=None, body="A reported post."):
    post = PostFactory(thread=ThreadFactory(group=group), body=body)
    reporter = reporter or MembershipFactory(group=group).user
    return services.report_create(reporter=reporter, post=post, reason=reason).item


def test_a_moderator_claims_an_item(client, open_group, moderator):
    item = _item(open_group)
    client.force_login(moderator)

    response = client.post(reverse("moderation:claim", args=[item.pk]))

    item.refresh_from_db()
    assert response.status_code == 302
    assert item.claimed_by == moderator
    assert item.first_action_at is not None
    assert AuditEntry.objects.filter(action="item.claimed", actor=moderator).count() == 1


def test_a_claimed_item_cannot_be_taken_by_another_moderator(open_group, moderator):
    item = _item(open_group)
    other = trained_moderator(open_group)
    services.item_claim(moderator=moderator, item_id=item.pk)

    with pytest.raises(ValidationError) as refused:
        services.item_claim(moderator=other, item_id=item.pk)

    assert refused.value.code == "claimed"
    item.refresh_from_db()
    assert item.claimed_by == moderator


def test_the_other_moderator_is_told_clearly(client, open_group, moderator):
    item = _item(open_group)
    other = trained_moderator(open_group)
    services.item_claim(moderator=moderator, item_id=item.pk)
    client.force_login(other)

    page = client.post(reverse("moderation:claim", args=[item.pk]), follow=True)

    assert "Another moderator is working on this item." in page.content.decode()


def test_a_claim_lapses_after_the_idle_time(open_group, moderator, settings):
    settings.SANAD_CLAIM_IDLE_MINUTES = 20
    item = _item(open_group)
    other = trained_moderator(open_group)
    services.item_claim(moderator=moderator, item_id=item.pk)
    ReviewItem.objects.filter(pk=item.pk).update(
        claim_touched_at=timezone.now() - timedelta(minutes=21)
    )

    services.item_claim(moderator=other, item_id=item.pk)

    item.refresh_from_db()
    assert item.claimed_by == other


def test_acting_on_a_lapsed_claim_someone_else_took_is_refused(open_group, moderator):
    item = _item(open_group)
    other = trained_moderator(open_group)
    services.item_claim(moderator=moderator, item_id=item.pk)
    ReviewItem.objects.filter(pk=item.pk).update(
        claim_touched_at=timezone.now() - timedelta(hours=1)
    )
    services.item_claim(moderator=other, item_id=item.pk)

    with pytest.raises(ValidationError) as refused:
        services.item_dismiss(moderator=moderator, item_id=item.pk)

    assert "your claim lapsed" in refused.value.messages[0]
    item.refresh_from_db()
    assert item.is_open


def test_acting_renews_a_lapsed_claim_nobody_took(open_group, moderator):
    item = _item(open_group)
    services.item_claim(moderator=moderator, item_id=item.pk)
    ReviewItem.objects.filter(pk=item.pk).update(
        claim_touched_at=timezone.now() - timedelta(hours=1)
    )

    services.item_dismiss(moderator=moderator, item_id=item.pk)

    assert ReviewItem.objects.get(pk=item.pk).status == ReviewItem.Status.RESOLVED


def test_a_moderator_releases_their_claim(client, open_group, moderator):
    item = _item(open_group)
    services.item_claim(moderator=moderator, item_id=item.pk)
    client.force_login(moderator)

    response = client.post(reverse("moderation:release", args=[item.pk]))

    item.refresh_from_db()
    assert response.status_code == 302
    assert item.claimed_by is None
    assert AuditEntry.objects.filter(action="item.released").exists()


def test_releasing_someone_elses_claim_is_refused(client, open_group, moderator):
    item = _item(open_group)
    other = trained_moderator(open_group)
    services.item_claim(moderator=other, item_id=item.pk)
    client.force_login(moderator)

    page = client.post(reverse("moderation:release", args=[item.pk]), follow=True)

    assert "This item is not claimed by you." in page.content.decode()
    assert ReviewItem.objects.get(pk=item.pk).claimed_by == other


def test_next_item_takes_the_most_urgent_and_then_the_oldest(client, open_group, moderator):
    older_normal = _item(open_group, reason="spam")
    older_high = _item(open_group, reason="harassment")
    newer_high = _item(open_group, reason="hate")
    crisis = _item(open_group, reason="crisis")
    client.force_login(moderator)

    taken = []
    for _ in range(4):
        response = client.post(reverse("moderation:next"))
        item_id = int(response["Location"].rstrip("/").split("/")[-1])
        taken.append(item_id)

    assert taken == [crisis.pk, older_high.pk, newer_high.pk, older_normal.pk]
    assert (
        client.post(reverse("moderation:next"), follow=True)
        .content.decode()
        .count("Nothing is waiting that you can take right now.")
    )


def test_next_item_skips_crisis_items_without_the_crisis_module(open_group):
    moderator = trained_moderator(open_group, crisis=False)
    _item(open_group, reason="crisis")
    normal = _item(open_group, reason="spam")

    taken = services.item_claim_next(moderator=moderator)

    assert taken.pk == normal.pk


def test_next_item_skips_claimed_items_and_items_about_yourself(open_group, moderator):
    other = trained_moderator(open_group)
    claimed = _item(open_group, reason="crisis")
    services.item_claim(moderator=other, item_id=claimed.pk)
    own_post = PostFactory(thread=ThreadFactory(group=open_group), author=moderator)
    services.report_create(
        reporter=MembershipFactory(group=open_group).user, post=own_post, reason="hate"
    )
    left = _item(open_group, reason="spam")

    assert services.item_claim_next(moderator=moderator).pk == left.pk


def test_crisis_items_need_the_crisis_module(open_group):
    moderator = trained_moderator(open_group, crisis=False)
    item = _item(open_group, reason="crisis")

    with pytest.raises(ValidationError) as refused:
        services.item_claim(moderator=moderator, item_id=item.pk)

    assert refused.value.code == "crisis_training"


def test_an_untrained_moderator_can_read_but_not_act(client, open_group):
    moderator = MembershipFactory(group=open_group, role=Membership.Role.MODERATOR).user
    give_mfa(moderator)
    item = _item(open_group)
    client.force_login(moderator)

    queue = client.get(reverse("moderation:queue")).content.decode()
    response = client.post(reverse("moderation:claim", args=[item.pk]), follow=True)

    assert "you need current moderator training before you act" in queue
    assert "Complete your moderator training before you act on the queue." in (
        response.content.decode()
    )
    assert ReviewItem.objects.get(pk=item.pk).claimed_by is None


def test_expired_training_no_longer_qualifies(open_group, moderator):
    TrainingCompletion.objects.filter(user=moderator).update(
        expires_at=timezone.now() - timedelta(days=1)
    )
    item = _item(open_group)

    with pytest.raises(ValidationError) as refused:
        services.item_claim(moderator=moderator, item_id=item.pk)

    assert refused.value.code == "training"


def test_a_moderator_without_two_factor_cannot_act_even_through_the_service(open_group):
    moderator = MembershipFactory(group=open_group, role=Membership.Role.MODERATOR).user
    give_training(moderator)
    item = _item(open_group)

    with pytest.raises(ValidationError) as refused:
        services.item_claim(moderator=moderator, item_id=item.pk)

    assert refused.value.code == "mfa"


def test_a_moderator_of_another_group_gets_404(client, open_group):
    item = _item(open_group)
    outsider = trained_moderator(SupportGroupFactory())
    client.force_login(outsider)

    assert client.post(reverse("moderation:claim", args=[item.pk])).status_code == 404
    assert client.post(reverse("moderation:release", args=[item.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        services.item_claim(moderator=outsider, item_id=item.pk)


def test_members_and_visitors_cannot_claim(client, open_group, author):
    item = _item(open_group)

    visitor = client.post(reverse("moderation:claim", args=[item.pk]))
    client.force_login(author)
    member = client.post(reverse("moderation:claim", args=[item.pk]))
    next_item = client.post(reverse("moderation:next"))

    assert visitor.status_code == 302
    assert visitor["Location"].startswith(reverse("account_login"))
    assert member.status_code == 404
    assert next_item.status_code == 404


def test_claim_pages_refuse_get(client, open_group, moderator):
    item = _item(open_group)
    client.force_login(moderator)

    assert client.get(reverse("moderation:claim", args=[item.pk])).status_code == 405


@pytest.mark.needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_moderators_claiming_at_the_same_moment_exactly_one_wins():
    """100 rounds of two real threads on two connections racing for one item."""
    group = SupportGroupFactory()
    first = MembershipFactory(group=group, role=Membership.Role.MODERATOR).user
    second = MembershipFactory(group=group, role=Membership.Role.MODERATOR).user
    for user in (first, second):
        give_mfa(user)
        give_training(user)
    thread = ThreadFactory(group=group)
    item_ids = []
    for n in range(100):
        post = PostFactory(thread=thread, body=f"Post number {n}")
        item_ids.append(
            ReviewItem.objects.create(
                group=group, post=post, subject=post.author, priority=2, source="report"
            ).pk
        )

    def race(item_id):
        barrier = threading.Barrier(2)
        outcomes = {}

        def claim(user):
            try:
                barrier.wait()
                services.item_claim(moderator=user, item_id=item_id)
                outcomes[user.pk] = "won"
            except ValidationError:
                outcomes[user.pk] = "lost"
            finally:
                connection.close()

        threads = [threading.Thread(target=claim, args=(user,)) for user in (first, second)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return outcomes

    for item_id in item_ids:
        outcomes = race(item_id)
        assert sorted(outcomes.values()) == ["lost", "won"], outcomes
        winner = next(pk for pk, outcome in outcomes.items() if outcome == "won")
        assert ReviewItem.objects.get(pk=item_id).claimed_by_id == winner
    assert AuditEntry.objects.filter(action="item.claimed").count() == 100


def test_staff_can_claim_in_any_group(open_group):
    staff = UserFactory(is_staff=True)
    give_mfa(staff)
    give_training(staff)
    item = _item(open_group)

    services.item_claim(moderator=staff, item_id=item.pk)

    assert ReviewItem.objects.get(pk=item.pk).claimed_by == staff
