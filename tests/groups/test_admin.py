"""Django admin for groups: creating and configuring groups with their moderators,
facilitators, entry questions and invites inline, through the same services as the
site and with the same audit rows."""

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from groups.models import EntryQuestion, Invite, Membership, SupportGroup
from tests.factories import InviteFactory, MembershipFactory, UserFactory, give_mfa

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/groups/supportgroup/add/"


@pytest.fixture
def staff(db):
    staff = UserFactory(is_staff=True, is_superuser=True)
    give_mfa(staff)
    return staff


@pytest.fixture
def admin_client(client, staff):
    client.force_login(staff)
    return client


def _inline(prefix: str, rows: list[dict], initial: int = 0) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
    return data


def _group_form(*, memberships=(), questions=(), invites=(), initial=(0, 0, 0), **fields) -> dict:
    data = {
        "name": "مساحة للحزن",
        "slug": "مساحة-للحزن",
        "summary": "للذين فقدوا أحداً يحبونه.",
        "description": "",
        "rules": "- نستمع قبل أن ننصح.",
        "language": "ar",
        "access": "open",
        "listing": "listed",
        "leadership": "peer",
        "allow_anonymous_posts": "on",
        "hold_first_posts": "0",
        "join_cooldown_days": "14",
    }
    data.update(fields)
    data.update(_inline("memberships", list(memberships), initial[0]))
    data.update(_inline("entry_questions", list(questions), initial[1]))
    data.update(_inline("invites", list(invites), initial[2]))
    return {key: value for key, value in data.items() if value is not None}


def _change_url(group) -> str:
    return f"/admin/groups/supportgroup/{group.pk}/change/"


def _form_of(group, **fields) -> dict:
    """The change form as admin shows it for an existing group, plus changes."""
    memberships = [
        {
            "id": m.pk,
            "group": group.pk,
            "persona": m.persona_id,
            "role": m.role,
            "state": m.state,
            **({"is_verified_facilitator": "on"} if m.is_verified_facilitator else {}),
        }
        for m in group.memberships.order_by("pk")
    ]
    invites = [
        {
            "id": i.pk,
            "group": group.pk,
            "label": i.label,
            "expires_at_0": i.expires_at.strftime("%Y-%m-%d"),
            "expires_at_1": i.expires_at.strftime("%H:%M:%S"),
            "max_uses": i.max_uses,
        }
        for i in group.invites.order_by("-created_at", "-pk")
    ]
    base = {
        "name": group.name,
        "slug": group.slug,
        "summary": group.summary,
        "description": group.description,
        "rules": group.rules,
        "language": group.language,
        "access": group.access,
        "listing": group.listing,
        "leadership": group.leadership,
        "allow_anonymous_posts": "on" if group.allow_anonymous_posts else None,
        "hold_first_posts": str(group.hold_first_posts),
        "join_cooldown_days": str(group.join_cooldown_days),
    }
    base.update(fields.pop("base", {}))
    overrides = fields
    if "memberships" in overrides:
        memberships = overrides.pop("memberships")
    if "invites" in overrides:
        invites = overrides.pop("invites")
    return _group_form(
        memberships=memberships,
        invites=invites,
        initial=(group.memberships.count(), 0, group.invites.count()),
        **base,
    )


def test_an_admin_creates_an_open_group_with_a_moderator(admin_client, staff):
    moderator = UserFactory()

    response = admin_client.post(
        ADD_URL,
        _group_form(
            memberships=[
                {
                    "persona": moderator.personas.get().pk,
                    "role": "moderator",
                    "state": "active",
                }
            ]
        ),
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    group = SupportGroup.objects.get(slug="مساحة-للحزن")
    assert group.access == SupportGroup.Access.OPEN
    assert Membership.objects.get(group=group).role == Membership.Role.MODERATOR
    assert admin_client.get(group.get_absolute_url()).status_code == 200
    actions = set(AuditEntry.objects.filter(group=group).values_list("action", flat=True))
    assert actions == {"group.created", "membership.added", "membership.role_changed"}
    assert AuditEntry.objects.filter(actor=staff).count() == 3


def test_an_admin_creates_a_request_group_with_entry_questions(admin_client):
    response = admin_client.post(
        ADD_URL,
        _group_form(
            access="request",
            questions=[
                {"position": "1", "kind": "short", "prompt": "What brings you here?",
                 "is_required": "on"},
                {"position": "2", "kind": "choice", "prompt": "Who are you caring for?",
                 "options": "A parent\nA child", "is_required": "on"},
                {"position": "3", "kind": "rules", "prompt": "I have read the rules",
                 "is_required": "on"},
            ],
        ),
    )  # fmt: skip

    assert response.status_code == 302, response.content.decode()[:3000]
    group = SupportGroup.objects.get()
    assert [q.kind for q in group.entry_questions.all()] == ["short", "choice", "rules"]
    assert AuditEntry.objects.filter(action="entry_question.created").count() == 3


def test_an_admin_creates_an_unlisted_invite_group_with_an_invite(admin_client):
    response = admin_client.post(
        ADD_URL,
        _group_form(
            access="invite",
            listing="unlisted",
            invites=[
                {"label": "First circle", "expires_at_0": "2099-01-01",
                 "expires_at_1": "12:00:00", "max_uses": "8"},
            ],
        ),
    )  # fmt: skip

    assert response.status_code == 302, response.content.decode()[:3000]
    invite = Invite.objects.get()
    assert invite.max_uses == 8
    assert len(invite.token) >= 32
    assert AuditEntry.objects.get(action="invite.created").details["invite_id"] == invite.pk


def test_a_taken_address_is_refused_with_a_clear_message_and_the_form_kept(
    admin_client, open_group
):
    response = admin_client.post(ADD_URL, _group_form(slug=open_group.slug, name="A new name"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Another group already uses this address. Choose another." in page
    assert "A new name" in page
    assert SupportGroup.objects.count() == 1


def test_an_invite_expiring_in_the_past_is_refused(admin_client):
    response = admin_client.post(
        ADD_URL,
        _group_form(
            invites=[{"expires_at_0": "2001-01-01", "expires_at_1": "12:00:00", "max_uses": "3"}]
        ),
    )

    assert response.status_code == 200
    assert "Choose a moment in the future." in response.content.decode()
    assert not SupportGroup.objects.exists()


def test_admin_adds_a_member_by_persona_and_the_account_follows_it(admin_client, open_group):
    member = UserFactory()
    persona = member.personas.get()

    response = admin_client.post(
        _change_url(open_group),
        _form_of(
            open_group,
            memberships=[
                {"group": open_group.pk, "persona": persona.pk, "role": "member", "state": "active"}
            ],
        ),
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    assert Membership.objects.get(group=open_group).user == member
    assert (
        'name="memberships-0-user"'
        not in admin_client.get(_change_url(open_group)).content.decode()
    )


def test_admin_refuses_a_retired_persona(admin_client, open_group):
    persona = UserFactory().personas.get()
    persona.user = None
    persona.save(update_fields=["user"])

    response = admin_client.post(
        _change_url(open_group),
        _form_of(
            open_group,
            memberships=[
                {"group": open_group.pk, "persona": persona.pk, "role": "member", "state": "active"}
            ],
        ),
    )

    assert response.status_code == 200
    assert "This persona is no longer in use." in response.content.decode()
    assert not Membership.objects.filter(group=open_group).exists()


def test_an_existing_rows_persona_cannot_be_swapped_to_probe_whose_it_is(admin_client, open_group):
    membership = MembershipFactory(group=open_group)
    stranger_persona = UserFactory().personas.get()
    form = _form_of(open_group)
    form["memberships-0-persona"] = stranger_persona.pk

    response = admin_client.post(_change_url(open_group), form)

    assert response.status_code == 302, response.content.decode()[:3000]
    membership.refresh_from_db()
    assert membership.persona_id != stranger_persona.pk


def test_staff_verify_a_facilitator_and_change_a_role_with_audit_rows(admin_client, staff):
    group = SupportGroup.objects.create(
        name="Led by a psychologist", slug="led", summary="s", language="en",
        leadership=SupportGroup.Leadership.PROFESSIONAL,
    )  # fmt: skip
    facilitator = MembershipFactory(group=group, role=Membership.Role.FACILITATOR)
    member = MembershipFactory(group=group)
    form = _form_of(group)
    form["memberships-0-is_verified_facilitator"] = "on"
    form["memberships-1-role"] = "moderator"

    response = admin_client.post(_change_url(group), form)

    assert response.status_code == 302, response.content.decode()[:3000]
    facilitator.refresh_from_db()
    member.refresh_from_db()
    assert facilitator.is_verified_facilitator
    assert member.role == Membership.Role.MODERATOR
    verified = AuditEntry.objects.get(action="membership.facilitator_verified")
    assert verified.subject_account_id == facilitator.user_id
    role = AuditEntry.objects.get(action="membership.role_changed")
    assert role.details == {"membership_id": member.pk, "from": "member", "to": "moderator"}


def test_staff_revoke_an_invite_in_admin_with_the_sites_audit_row(admin_client, open_group):
    invite = InviteFactory(group=open_group)
    form = _form_of(open_group)
    form["invites-0-revoke"] = "on"

    response = admin_client.post(_change_url(open_group), form)

    assert response.status_code == 302, response.content.decode()[:3000]
    invite.refresh_from_db()
    assert invite.revoked_at is not None
    assert list(AuditEntry.objects.values_list("action", flat=True)) == ["invite.revoked"]


def test_changing_settings_in_admin_leaves_the_sites_audit_row(admin_client, open_group):
    response = admin_client.post(
        _change_url(open_group), _form_of(open_group, base={"summary": "Changed in admin."})
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    audit = AuditEntry.objects.get()
    assert audit.action == "group.updated"
    assert audit.details == {"fields": ["summary"]}


def test_archiving_is_an_admin_action_that_closes_the_group(admin_client, open_group):
    response = admin_client.post(
        "/admin/groups/supportgroup/",
        {"action": "archive_groups", "_selected_action": [open_group.pk]},
    )

    assert response.status_code == 302
    open_group.refresh_from_db()
    assert open_group.is_archived
    assert AuditEntry.objects.get().action == "group.archived"
    assert admin_client.get(open_group.get_absolute_url()).status_code == 404


def test_the_admin_lists_filters_and_searches_groups(admin_client, open_group):
    listing = admin_client.get("/admin/groups/supportgroup/?access__exact=open&q=Evening")

    assert listing.status_code == 200
    assert open_group.name in listing.content.decode()


def test_the_admin_speaks_arabic(admin_client, open_group):
    admin_client.cookies["django_language"] = "ar"

    response = admin_client.get(_change_url(open_group))

    assert response.status_code == 200
    assert 'dir="rtl"' in response.content.decode()


def test_members_cannot_open_the_admin(client, member):
    client.force_login(member)

    response = client.get(ADD_URL)

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_admin_add_page_renders_every_inline(admin_client):
    page = admin_client.get(ADD_URL).content.decode()

    assert reverse("admin:groups_supportgroup_add") == ADD_URL
    for prefix in ("memberships", "entry_questions", "invites"):
        assert f'name="{prefix}-TOTAL_FORMS"' in page
    assert str(EntryQuestion.Kind.RULES.label) in page
