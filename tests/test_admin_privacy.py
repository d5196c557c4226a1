"""Django admin behind the reveal rule (issue 16, item 4).

A staff member holding every model permission except `accounts.reveal_identity` walks
every admin screen of the leak suite's world: each changelist, each search (with A's
username and email), each change form, history and delete confirmation. Accounts
appear without their personas and personas without their account: no page carries A's
username, email or account id together with P1 or P2, and searching persona-bearing
records by A's username or email finds nothing. The link is for the reveal page alone.
"""

import re

import pytest
from django.contrib import admin
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from accounts.models import User
from groups.models import Membership
from tests.factories import UserFactory, give_mfa
from tests.test_leak_suite import A_ACCOUNT_ID, Scenario

# Models whose rows are accounts (or an account's own login records): they may show A's
# username and email, and so never a persona.
ACCOUNT_SIDE = {"accounts.user", "account.emailaddress", "mfa.authenticator"}
MAX_ROWS_PER_MODEL = 25


@pytest.fixture
def world(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return Scenario()


@pytest.fixture
def staff_client(db):
    """Staff with full model permissions, but not the permission to reveal."""
    staff = UserFactory(is_staff=True)
    staff.user_permissions.set(Permission.objects.exclude(codename="reveal_identity"))
    give_mfa(staff)
    staff = User.objects.get(pk=staff.pk)
    assert staff.has_perm("accounts.change_user")
    assert not staff.has_perm("accounts.reveal_identity")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(staff)
    return client


def _account_side(world) -> dict[str, str]:
    return {"A's username": world.a.username, "A's email": world.a.email}


def _persona_side(world) -> dict[str, str]:
    return {"P1": world.p1.name, "P2": world.p2.name}


def _shows(text: str, values: dict[str, str]) -> list[str]:
    return [what for what, value in values.items() if value in text]


def _assert_no_link(response, world, where: str) -> None:
    text = response.content.decode(errors="replace")
    account = _shows(text, _account_side(world))
    if re.search(rf"\b{A_ACCOUNT_ID}\b", text):
        account.append("A's account id")
    personas = _shows(text, _persona_side(world))
    assert not (account and personas), f"{where} shows {account} together with {personas}"


def _admin_pages(world):
    """Every admin screen of every registered model, for its first rows."""
    for model in admin.site._registry:
        info = (model._meta.app_label, model._meta.model_name)
        changelist = reverse("admin:{}_{}_changelist".format(*info))
        yield changelist
        for query in (world.a.username, world.a.email, world.p1.name):
            yield f"{changelist}?q={query}"
        for pk in model._default_manager.values_list("pk", flat=True)[:MAX_ROWS_PER_MODEL]:
            for view in ("change", "history", "delete"):
                yield reverse("admin:{}_{}_{}".format(*info, view), args=[pk])


def test_no_admin_page_joins_an_account_to_its_personas(world, staff_client):
    visited = 0
    for url in _admin_pages(world):
        response = staff_client.get(url)
        assert response.status_code < 500, f"{url}: {response.status_code}"
        _assert_no_link(response, world, f"GET {url}")
        visited += 1
    assert visited > 100


def test_account_pages_show_no_persona(world, staff_client):
    user_url = reverse("admin:accounts_user_change", args=[world.a.pk])
    for url in (
        reverse("admin:accounts_user_changelist") + f"?q={world.a.username}",
        user_url,
        reverse("admin:accounts_user_history", args=[world.a.pk]),
    ):
        response = staff_client.get(url)
        page = response.content.decode()
        assert response.status_code == 200
        assert world.a.username in page
        assert not _shows(page, _persona_side(world)), url
    assert 'name="personas-TOTAL_FORMS"' not in staff_client.get(user_url).content.decode()
    assert "Reveal who wrote this" in staff_client.get(user_url).content.decode()


def test_searching_persona_bearing_records_by_username_or_email_finds_nothing(world, staff_client):
    for model, model_admin in admin.site._registry.items():
        label = f"{model._meta.app_label}.{model._meta.model_name}"
        if label in ACCOUNT_SIDE or not model_admin.search_fields:
            continue
        changelist = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for query in (world.a.username, world.a.email, str(A_ACCOUNT_ID)):
            response = staff_client.get(changelist, {"q": query})
            assert response.status_code == 200
            assert response.context["cl"].result_count == 0, f"{label} found by {query}"
        assert not any("user__" in field for field in model_admin.search_fields), label


def test_no_admin_joins_accounts_and_personas_by_fields(world):
    for model, model_admin in admin.site._registry.items():
        label = f"{model._meta.app_label}.{model._meta.model_name}"
        if label in ACCOUNT_SIDE:
            for inline in model_admin.inlines:
                assert inline.model._meta.model_name not in ("persona", "membership"), label
            continue
        names = {"user", "author", "recipient", "reporter", "subject", "subject_account_id"}
        shown = set(model_admin.list_display) | set(model_admin.list_filter or ())
        shown |= set(model_admin.raw_id_fields) | set(model_admin.autocomplete_fields)
        if any(f.name == "persona" for f in model._meta.get_fields()):
            assert not names & shown, f"{label} shows {names & shown}"


def test_deleting_an_account_is_not_offered_in_admin(world, staff_client):
    url = reverse("admin:accounts_user_delete", args=[world.a.pk])

    assert staff_client.get(url).status_code == 403
    assert staff_client.post(url, {"post": "yes"}).status_code == 403
    assert User.objects.filter(pk=world.a.pk).exists()
    changelist = staff_client.get(reverse("admin:accounts_user_changelist")).content.decode()
    assert "delete_selected" not in changelist


def test_deleting_a_group_names_no_member_and_no_account(world, staff_client):
    # G2 (G1 holds review items, which admin never deletes): A is in it as P2.
    response = staff_client.get(reverse("admin:groups_supportgroup_delete", args=[world.g2.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert world.g2.name in page
    assert not _shows(page, {**_account_side(world), **_persona_side(world)})
    assert not re.search(rf"\b{A_ACCOUNT_ID}\b", page)
    assert "Memberships: 1" in page, page[page.find("<main") :][:3000]  # counted, not named


def test_an_accounts_history_does_not_name_its_personas(world, staff_client):
    # An entry written while admin still had a persona inline on the account page.
    LogEntry.objects.create(
        user=User.objects.filter(is_staff=True).first(),
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(world.a.pk),
        object_repr=world.a.username,
        action_flag=CHANGE,
        change_message=(
            f'[{{"changed": {{"name": "persona", "object": "{world.p2.name}", '
            '"fields": ["name"]}}]'
        ),
    )

    page = staff_client.get(reverse("admin:accounts_user_history", args=[world.a.pk]))

    text = page.content.decode()
    assert "Changed name for persona" in text
    assert world.p2.name not in text


def test_the_review_item_points_to_the_audited_reveal_page(world, staff_client):
    page = staff_client.get(
        reverse("admin:moderation_reviewitem_change", args=[world.a_item.pk])
    ).content.decode()

    assert reverse("moderation:reveal", args=[world.a_item.post_id]) in page
    assert world.a.username not in page
    # Without the permission the reveal page itself stays shut.
    assert (
        staff_client.get(reverse("moderation:reveal", args=[world.a_item.post_id])).status_code
        == 404
    )


def test_a_membership_row_names_a_persona_and_never_an_account(world, staff_client):
    page = staff_client.get(
        reverse("admin:groups_supportgroup_change", args=[world.g1.pk])
    ).content.decode()

    assert world.p1.name in page
    assert 'name="memberships-0-user"' not in page
    assert world.a.username not in page
    assert Membership.objects.filter(group=world.g1, user=world.a).exists()
