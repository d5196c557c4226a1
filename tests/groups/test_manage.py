"""The group's moderation page: members by group persona, settings the moderators may
change, entry questions; every change audited."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.services import persona_create
from audit.models import AuditEntry
from groups import services
from groups.models import EntryQuestion, Membership, SupportGroup
from tests.factories import EntryQuestionFactory, MembershipFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(open_group, make_moderator):
    return make_moderator(open_group)


def _settings_data(group, **changes):
    data = {
        "summary": group.summary,
        "description": group.description,
        "rules": group.rules,
        "hold_first_posts": group.hold_first_posts,
        "join_cooldown_days": group.join_cooldown_days,
    }
    if group.allow_anonymous_posts:
        data["allow_anonymous_posts"] = "on"
    data.update(changes)
    return data


def test_the_members_list_shows_group_personas_only(client, open_group, moderator, member):
    other_name = persona_create(user=member, name="Elsewhere Voice 9")
    MembershipFactory(group=open_group, user=member)
    client.force_login(moderator)

    page = client.get(reverse("groups:members", args=[open_group.slug])).content.decode()

    assert member.personas.get(is_default=True).name in page
    assert other_name.name not in page
    assert member.username not in page
    assert member.email not in page


def test_the_members_list_runs_a_fixed_number_of_queries(client, open_group, moderator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(moderator)
    url = reverse("groups:members", args=[open_group.slug])
    MembershipFactory.create_batch(2, group=open_group)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    MembershipFactory.create_batch(20, group=open_group)
    with CaptureQueriesContext(connection) as many:
        client.get(url)

    assert len(few) == len(many)


def test_a_moderator_changes_the_settings_moderators_may_change(client, open_group, moderator):
    grief = TopicFactory(slug="grief", name_en="Grief", name_ar="الحزن")
    client.force_login(moderator)

    response = client.post(
        reverse("groups:settings", args=[open_group.slug]),
        _settings_data(
            open_group,
            summary="A new summary.",
            topics=[grief.pk],
            hold_first_posts="2",
            allow_anonymous_posts="",
        ),
    )

    assert response.status_code == 302
    open_group.refresh_from_db()
    assert open_group.summary == "A new summary."
    assert list(open_group.topics.all()) == [grief]
    assert open_group.hold_first_posts == 2
    assert open_group.allow_anonymous_posts is False
    audit = AuditEntry.objects.get(action="group.updated")
    assert audit.details["fields"] == [
        "allow_anonymous_posts",
        "hold_first_posts",
        "summary",
        "topics",
    ]
    assert audit.actor == moderator


def test_a_moderator_cannot_change_access_listing_or_name(client, open_group, moderator):
    client.force_login(moderator)

    client.post(
        reverse("groups:settings", args=[open_group.slug]),
        _settings_data(open_group, access="invite", listing="unlisted", name="Renamed"),
    )

    open_group.refresh_from_db()
    assert open_group.access == SupportGroup.Access.OPEN
    assert open_group.listing == SupportGroup.Listing.LISTED
    with pytest.raises(PermissionDenied):
        services.group_update(actor=moderator, group=open_group, changes={"access": "invite"})


def test_a_bad_setting_is_refused_and_nothing_typed_is_lost(client, open_group, moderator):
    client.force_login(moderator)

    response = client.post(
        reverse("groups:settings", args=[open_group.slug]),
        _settings_data(
            open_group, summary="", rules="Our careful new rules.", hold_first_posts="x"
        ),
    )

    assert response.status_code == 400
    assert "Our careful new rules." in response.content.decode()
    assert not AuditEntry.objects.exists()


def test_a_moderator_adds_edits_and_removes_entry_questions(client, open_group, moderator):
    kept = EntryQuestionFactory(group=open_group, prompt="Old wording", position=1)
    dropped = EntryQuestionFactory(group=open_group, prompt="Not needed", position=2)
    client.force_login(moderator)
    url = reverse("groups:questions", args=[open_group.slug])
    data = {
        "form-TOTAL_FORMS": "3",
        "form-INITIAL_FORMS": "2",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "form-0-id": kept.pk,
        "form-0-position": "1",
        "form-0-kind": "short",
        "form-0-prompt": "New wording",
        "form-0-is_required": "on",
        "form-1-id": dropped.pk,
        "form-1-position": "2",
        "form-1-kind": "short",
        "form-1-prompt": "Not needed",
        "form-1-DELETE": "on",
        "form-2-position": "3",
        "form-2-kind": "choice",
        "form-2-prompt": "Who are you caring for?",
        "form-2-options": "A parent\nA child\nA partner",
        "form-2-is_required": "on",
    }

    response = client.post(url, data)

    assert response.status_code == 302
    questions = list(EntryQuestion.objects.filter(group=open_group))
    assert [q.prompt for q in questions] == ["New wording", "Who are you caring for?"]
    assert questions[1].option_list == ["A parent", "A child", "A partner"]
    assert sorted(AuditEntry.objects.values_list("action", flat=True)) == [
        "entry_question.created",
        "entry_question.deleted",
        "entry_question.updated",
    ]


def test_a_single_choice_needs_two_options(client, open_group, moderator):
    client.force_login(moderator)

    response = client.post(
        reverse("groups:questions", args=[open_group.slug]),
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "0",
            "form-MIN_NUM_FORMS": "0",
            "form-MAX_NUM_FORMS": "1000",
            "form-0-position": "1",
            "form-0-kind": "choice",
            "form-0-prompt": "Pick one, carefully",
            "form-0-options": "Only one",
        },
    )

    assert response.status_code == 400
    assert "A single choice needs at least two options." in response.content.decode()
    assert "Pick one, carefully" in response.content.decode()
    assert not EntryQuestion.objects.exists()


def test_a_moderator_of_one_group_cannot_edit_another_groups_questions(
    client, open_group, moderator
):
    from tests.factories import SupportGroupFactory

    elsewhere = EntryQuestionFactory(group=SupportGroupFactory(), prompt="Theirs")
    client.force_login(moderator)

    response = client.post(
        reverse("groups:questions", args=[open_group.slug]),
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-MIN_NUM_FORMS": "0",
            "form-MAX_NUM_FORMS": "1000",
            "form-0-id": elsewhere.pk,
            "form-0-position": "1",
            "form-0-kind": "short",
            "form-0-prompt": "Hijacked",
        },
    )

    assert response.status_code == 400
    elsewhere.refresh_from_db()
    assert elsewhere.prompt == "Theirs"
    assert not EntryQuestion.objects.filter(group=open_group).exists()


def test_the_moderation_page_is_linked_from_the_group_for_its_moderators_only(
    client, open_group, moderator, member, join
):
    join(member, open_group)
    manage = reverse("groups:manage", args=[open_group.slug])

    client.force_login(moderator)
    assert manage in client.get(open_group.get_absolute_url()).content.decode()
    client.force_login(member)
    assert manage not in client.get(open_group.get_absolute_url()).content.decode()


def test_the_moderation_page_works_in_arabic(client, open_group, moderator):
    client.cookies["django_language"] = "ar"
    client.force_login(moderator)

    response = client.get(reverse("groups:manage", args=[open_group.slug]))

    assert response.status_code == 200
    assert 'dir="rtl"' in response.content.decode()


def test_leaving_a_group_drops_any_role_so_rejoining_comes_back_as_a_member(
    client, open_group, moderator
):
    client.force_login(moderator)

    response = client.post(reverse("groups:leave", args=[open_group.slug]))

    assert response.status_code == 302
    membership = Membership.objects.get(user=moderator, group=open_group)
    assert membership.state == Membership.State.LEFT
    assert membership.role == Membership.Role.MEMBER
    services.membership_join(user=moderator, group=open_group)
    membership.refresh_from_db()
    assert (membership.state, membership.role) == ("active", "member")
    assert client.get(reverse("groups:manage", args=[open_group.slug])).status_code == 404
