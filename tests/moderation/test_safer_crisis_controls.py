"""Crisis items are never closed by one click: closing asks for a note and a
confirmation; the first action offered never closes silently; timers speak in words."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from moderation import services
from moderation.models import ReviewItem
from tests.factories import MembershipFactory, PostFactory, ThreadFactory

pytestmark = pytest.mark.django_db


def _item(group, *, reason, body="Just get over it."):
    post = PostFactory(thread=ThreadFactory(group=group), body=body)
    reporter = MembershipFactory(group=group).user
    return services.report_create(reporter=reporter, post=post, reason=reason).item


@pytest.fixture
def crisis_item(open_group):
    item = _item(open_group, reason="crisis")
    assert item.is_crisis
    return item


def _act(client, item, action, **data):
    payload = {f"{action}-{key}": value for key, value in data.items()}
    return client.post(reverse("moderation:act", args=[item.pk, action]), payload)


def _summaries(page: str) -> list[str]:
    actions = page[page.index('id="actions-heading"') :]
    return [part.split("</summary>")[0] for part in actions.split("<summary>")[1:]]


@pytest.mark.parametrize("action", ["dismiss", "approve"])
def test_closing_a_crisis_item_needs_a_note(client, moderator, crisis_item, action):
    client.force_login(moderator)

    response = _act(client, crisis_item, action, confirm="on")

    crisis_item.refresh_from_db()
    assert response.status_code == 400
    assert crisis_item.is_open
    assert "This field is required." in response.content.decode()


@pytest.mark.parametrize("action", ["dismiss", "approve"])
def test_closing_a_crisis_item_needs_a_confirmation(client, moderator, crisis_item, action):
    client.force_login(moderator)

    response = _act(client, crisis_item, action, note="Sent a check-in and the crisis lines.")

    page = response.content.decode()
    crisis_item.refresh_from_db()
    assert response.status_code == 400
    assert crisis_item.is_open
    assert "Tick the box to confirm before closing this item." in page
    # The note typed is kept.
    assert "Sent a check-in and the crisis lines." in page


def test_a_crisis_item_closes_with_a_note_and_a_confirmation(client, moderator, crisis_item):
    client.force_login(moderator)

    response = _act(
        client, crisis_item, "dismiss", note="Sent a check-in and the crisis lines.", confirm="on"
    )

    crisis_item.refresh_from_db()
    assert response.status_code == 302
    assert crisis_item.status == ReviewItem.Status.RESOLVED
    assert AuditEntry.objects.get(action="item.dismissed").reason == (
        "Sent a check-in and the crisis lines."
    )


def test_the_service_refuses_a_silent_close_of_a_crisis_item(moderator, crisis_item):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        services.item_dismiss(moderator=moderator, item_id=crisis_item.pk, note="Done.")

    assert refused.value.code == "crisis_confirmation_required"


def test_a_crisis_item_offers_reaching_out_first(client, moderator, crisis_item):
    client.force_login(moderator)

    page = client.get(crisis_item.get_absolute_url()).content.decode()

    summaries = _summaries(page)
    assert summaries[0] == "Send the check-in"
    assert 'name="dismiss-confirm"' in page
    assert 'name="approve-confirm"' in page


def test_the_first_action_on_any_item_never_closes_it(client, moderator, open_group):
    item = _item(open_group, reason="harassment")
    client.force_login(moderator)

    summaries = _summaries(client.get(item.get_absolute_url()).content.decode())

    assert summaries[0] == "Hide while reviewing"
    assert summaries.index("Approve") > summaries.index("Remove the post")
    assert 'name="dismiss-confirm"' not in client.get(item.get_absolute_url()).content.decode()


def test_timers_say_time_left_and_overdue_in_words_in_both_languages(
    client, moderator, open_group, crisis_item
):
    fresh = _item(open_group, reason="harassment")
    ReviewItem.objects.filter(pk=crisis_item.pk).update(
        created_at=timezone.now() - timedelta(minutes=18, seconds=10)
    )
    ReviewItem.objects.filter(pk=fresh.pk).update(
        created_at=timezone.now() - timedelta(minutes=45, seconds=30)
    )
    client.force_login(moderator)

    english = client.get(reverse("moderation:queue")).content.decode()
    client.cookies["django_language"] = "ar"
    arabic = client.get(reverse("moderation:queue")).content.decode()

    assert "overdue by 3 minutes" in english
    assert "14 minutes left" in english
    assert "بقيت ١٤ دقيقة" in arabic
    assert "متأخّر منذ ٣ دقائق" in arabic
    assert 'id="timer-phrases"' in arabic
    assert ">0:03<" not in english
