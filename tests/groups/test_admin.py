import pytest

from groups.models import Membership, SupportGroup
from tests.factories import UserFactory, give_mfa

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    give_mfa(staff)
    client.force_login(staff)
    return client


def test_an_admin_creates_an_open_group_with_a_moderator_in_django_admin(admin_client):
    moderator = UserFactory()
    persona = moderator.personas.get()

    response = admin_client.post(
        "/admin/groups/supportgroup/add/",
        {
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
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-MIN_NUM_FORMS": "0",
            "memberships-MAX_NUM_FORMS": "1000",
            "memberships-0-user": str(moderator.pk),
            "memberships-0-persona": str(persona.pk),
            "memberships-0-role": "moderator",
            "memberships-0-state": "active",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    group = SupportGroup.objects.get(slug="مساحة-للحزن")
    assert group.access == SupportGroup.Access.OPEN
    assert Membership.objects.get(group=group).role == Membership.Role.MODERATOR
    assert admin_client.get(group.get_absolute_url()).status_code == 200


def test_members_cannot_open_the_admin(client, member):
    client.force_login(member)

    response = client.get("/admin/groups/supportgroup/add/")

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_admin_refuses_a_persona_that_belongs_to_another_account(admin_client, open_group):
    member, someone_else = UserFactory(), UserFactory()

    response = admin_client.post(
        f"/admin/groups/supportgroup/{open_group.pk}/change/",
        {
            "name": open_group.name,
            "slug": open_group.slug,
            "summary": open_group.summary,
            "rules": open_group.rules,
            "language": "en",
            "access": "open",
            "listing": "listed",
            "leadership": "peer",
            "hold_first_posts": "0",
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-MIN_NUM_FORMS": "0",
            "memberships-MAX_NUM_FORMS": "1000",
            "memberships-0-user": str(member.pk),
            "memberships-0-persona": str(someone_else.personas.get().pk),
            "memberships-0-role": "member",
            "memberships-0-state": "active",
        },
    )

    assert response.status_code == 200
    assert "This persona belongs to another account." in response.content.decode()
    assert not Membership.objects.filter(group=open_group).exists()
