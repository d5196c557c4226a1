"""Moderators and staff need a second factor before any moderation page or the admin."""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.urls import reverse

from accounts.mfa import account_has_mfa
from groups.models import Membership
from tests.factories import MembershipFactory, UserFactory, give_mfa

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
MFA_MESSAGE = (
    "Moderators and staff must turn on two-factor authentication before they can moderate."
)


@pytest.fixture
def moderator(open_group):
    return MembershipFactory(group=open_group, role=Membership.Role.MODERATOR).user


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True, is_superuser=True)


def _current_code(secret: str) -> str:
    if time.time() % 30 > 28:
        time.sleep(3)  # a code about to expire could be refused a moment later
    counters = list(yield_hotp_counters_from_time())
    counter = counters[len(counters) // 2]
    return format_hotp_value(hotp_value(secret, counter))


def _sign_in(client, user):
    response = client.post(reverse("account_login"), {"login": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return response


def _confirm_password(client):
    """allauth asks for the password again before a second factor is added."""
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302


@pytest.mark.parametrize("path", ["/moderation/", "/admin/", "/moderation/audit/"])
def test_it_sends_a_moderator_without_mfa_to_set_it_up(client, moderator, path):
    client.force_login(moderator)

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


@pytest.mark.parametrize("path", ["/moderation/", "/admin/", "/admin/audit/auditentry/"])
def test_it_sends_staff_without_mfa_to_set_it_up(client, staff, path):
    client.force_login(staff)

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_it_tells_the_moderator_why(client, moderator):
    client.force_login(moderator)

    page = client.get("/moderation/", follow=True).content.decode()

    assert MFA_MESSAGE in page


def test_it_lets_a_moderator_with_mfa_into_the_queue(client, moderator):
    give_mfa(moderator)
    client.force_login(moderator)

    assert client.get("/moderation/").status_code == 200


def test_it_lets_staff_with_mfa_into_the_queue_and_the_admin(client, staff, open_group):
    give_mfa(staff)
    client.force_login(staff)

    assert client.get("/moderation/").status_code == 200
    assert client.get("/admin/").status_code == 200


def test_recovery_codes_alone_are_not_a_second_factor(client, moderator):
    Authenticator.objects.create(
        user=moderator, type=Authenticator.Type.RECOVERY_CODES, data={"seed": "x"}
    )
    client.force_login(moderator)

    assert not account_has_mfa(moderator)
    assert client.get("/moderation/").status_code == 302


def test_a_security_key_counts_as_a_second_factor(moderator):
    Authenticator.objects.create(user=moderator, type=Authenticator.Type.WEBAUTHN, data={})

    assert account_has_mfa(moderator)


def test_a_former_moderator_is_no_longer_asked(client, open_group):
    membership = MembershipFactory(
        group=open_group, role=Membership.Role.MODERATOR, state=Membership.State.LEFT
    )
    client.force_login(membership.user)

    assert client.get("/moderation/").status_code == 404


def test_plain_members_still_get_404_at_the_queue(client, member, open_group, join):
    join(member, open_group)
    client.force_login(member)

    assert client.get("/moderation/").status_code == 404


def test_plain_members_at_the_admin_are_sent_to_its_login_not_to_mfa(client, member):
    client.force_login(member)

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_visitors_get_the_login_page_not_mfa(client, db):
    queue = client.get("/moderation/")
    admin = client.get("/admin/")

    assert queue.status_code == 302
    assert queue["Location"].startswith(reverse("account_login"))
    assert admin.status_code == 302
    assert admin["Location"].startswith("/admin/login/")


def test_the_admin_login_goes_through_the_login_that_asks_for_the_second_factor(client, db):
    response = client.get("/admin/login/?next=/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_moderators_without_mfa_can_still_read_and_report_as_members(client, moderator, open_group):
    client.force_login(moderator)

    assert client.get(open_group.get_absolute_url()).status_code == 200
    assert client.get(reverse("moderation:help")).status_code == 200


def test_the_demo_can_turn_the_requirement_off(client, moderator, settings):
    settings.SANAD_REQUIRE_MFA_FOR_MODERATION = False
    client.force_login(moderator)

    assert client.get("/moderation/").status_code == 200


def test_a_moderator_with_mfa_must_give_a_code_to_sign_in(client, moderator):
    secret = give_mfa(moderator)

    response = _sign_in(client, moderator)

    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get("/moderation/").status_code == 302  # not signed in yet
    response = client.post(reverse("mfa_authenticate"), {"code": _current_code(secret)})
    assert response.status_code == 302
    assert client.get("/moderation/").status_code == 200


def test_a_member_can_open_the_two_factor_page_inside_sanads_layout(client, member):
    client.force_login(member)

    response = client.get(reverse("mfa_index"))

    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="site-header"' in page
    assert "Two-Factor Authentication" in page
    assert reverse("mfa_activate_totp") in page


def test_the_two_factor_pages_render_in_arabic(client, member):
    client.cookies["django_language"] = "ar"
    _sign_in(client, member)
    _confirm_password(client)

    index = client.get(reverse("mfa_index")).content.decode()
    setup = client.get(reverse("mfa_activate_totp"))

    assert 'dir="rtl"' in index
    assert "توثيق ذو عاملين" in index
    assert "Two-Factor Authentication" not in index
    assert setup.status_code == 200
    assert "تفعيل تطبيق المصادقة" in setup.content.decode()
    assert 'name="code"' in setup.content.decode()


def test_a_moderator_turns_on_an_authenticator_app_and_then_gets_in(client, moderator):
    _sign_in(client, moderator)

    redirected = client.get("/moderation/")
    confirm = client.get(redirected["Location"], follow=True)
    assert confirm.status_code == 200
    assert MFA_MESSAGE in confirm.content.decode()
    _confirm_password(client)
    setup = client.get(redirected["Location"])

    page = setup.content.decode()
    assert setup.status_code == 200
    assert 'class="site-header"' in page
    assert 'name="code"' in page
    assert '<img src="data:image/svg+xml;base64,' in page
    secret = client.session["mfa.totp.secret"]
    response = client.post(reverse("mfa_activate_totp"), {"code": _current_code(secret)})
    assert response.status_code == 302
    assert account_has_mfa(moderator)
    assert client.get("/moderation/").status_code == 200


def test_a_wrong_code_is_refused_and_the_page_still_renders(client, member):
    _sign_in(client, member)
    _confirm_password(client)
    client.get(reverse("mfa_activate_totp"))

    response = client.post(reverse("mfa_activate_totp"), {"code": "000000"})

    assert response.status_code in (200, 400)
    assert 'name="code"' in response.content.decode()
    assert not account_has_mfa(member)
