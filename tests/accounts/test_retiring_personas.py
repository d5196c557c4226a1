"""A member retires personas no group knows them by: the place under the limit comes
back, the name stays reserved for the hold (and as long as posts show it)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts import services
from accounts.models import Persona
from groups import services as group_services
from groups.models import Membership
from privacy import jobs as privacy_jobs
from tests.factories import (
    JoinRequestFactory,
    MembershipFactory,
    PostFactory,
    SupportGroupFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, member):
    client.force_login(member)
    return member


def _retire(client, persona):
    return client.post(reverse("personas:retire", args=[persona.pk]))


def test_the_default_allowance_is_ten_personas(settings):
    assert settings.SANAD_MAX_PERSONAS == 10


def test_a_member_retires_a_persona_no_group_uses(client, signed_in):
    spare = services.persona_create(user=signed_in, name="Spare Name 11")

    page = client.get(reverse("personas:list")).content.decode()
    response = _retire(client, spare)

    assert reverse("personas:retire", args=[spare.pk]) in page
    assert response.status_code == 302
    spare.refresh_from_db()
    assert spare.retired_at is not None
    after = client.get(reverse("personas:list")).content.decode()
    assert "Spare Name 11" not in after
    assert "Its name stays reserved" in after


def test_a_retired_persona_frees_a_place_under_the_limit(signed_in, settings):
    settings.SANAD_MAX_PERSONAS = 2
    spare = services.persona_create(user=signed_in, name="Spare Name 11")
    with pytest.raises(ValidationError):
        services.persona_create(user=signed_in, name="Third Name 12")

    group_services.persona_retire(persona=spare)

    assert services.persona_create(user=signed_in, name="Third Name 12").name == "Third Name 12"


def test_a_retired_name_stays_taken(signed_in):
    spare = services.persona_create(user=signed_in, name="Spare Name 11")
    group_services.persona_retire(persona=spare)

    with pytest.raises(ValidationError) as refused:
        services.persona_create(user=UserFactory(), name="spare name 11")

    assert "taken" in str(refused.value)


@pytest.mark.parametrize(
    "in_use", ["active membership", "pending membership", "pending request", "default"]
)
def test_a_name_a_group_knows_or_will_know_cannot_be_retired(client, signed_in, in_use):
    persona = services.persona_create(user=signed_in, name="Known Name 13")
    if in_use == "active membership":
        MembershipFactory(user=signed_in, persona=persona)
    elif in_use == "pending membership":
        # The page once offered "Retire" here and the service then refused it.
        MembershipFactory(user=signed_in, persona=persona, state=Membership.State.PENDING)
    elif in_use == "pending request":
        JoinRequestFactory(user=signed_in, persona=persona)
    else:
        services.persona_make_default(persona=persona)

    page = client.get(reverse("personas:list")).content.decode()
    response = _retire(client, persona)

    assert reverse("personas:retire", args=[persona.pk]) not in page
    assert response.status_code == 302
    persona.refresh_from_db()
    assert persona.retired_at is None
    follow = client.get(response["Location"]).content.decode()
    assert "first, then retire" in follow or "first." in follow


def test_a_name_used_only_in_a_group_left_can_be_retired(signed_in):
    persona = services.persona_create(user=signed_in, name="Old Group Name 14")
    MembershipFactory(user=signed_in, persona=persona, state=Membership.State.LEFT)

    group_services.persona_retire(persona=persona)

    persona.refresh_from_db()
    assert persona.retired_at is not None


def test_nobody_retires_another_members_persona(client, signed_in):
    others = services.persona_create(user=UserFactory(), name="Not Yours 15")

    assert _retire(client, others).status_code == 404
    others.refresh_from_db()
    assert others.retired_at is None


def test_retiring_needs_a_post(client, signed_in):
    spare = services.persona_create(user=signed_in, name="Spare Name 11")

    assert client.get(reverse("personas:retire", args=[spare.pk])).status_code == 405


def test_retired_names_are_freed_after_the_hold_unless_something_still_shows_them(settings):
    owner = UserFactory()
    long_ago = timezone.now() - timedelta(days=settings.SANAD_PERSONA_HOLD_DAYS + 1)
    free = services.persona_create(user=owner, name="Free Again 16")
    on_a_post = services.persona_create(user=owner, name="Still Shown 17")
    PostFactory(author=owner, persona=on_a_post)
    in_left_group = services.persona_create(user=owner, name="Left Behind 18")
    MembershipFactory(user=owner, persona=in_left_group, group=SupportGroupFactory(), state="left")
    recent = services.persona_create(user=owner, name="Just Retired 19")
    Persona.objects.filter(pk__in=[free.pk, on_a_post.pk, in_left_group.pk]).update(
        retired_at=long_ago
    )
    Persona.objects.filter(pk=recent.pk).update(retired_at=timezone.now())

    privacy_jobs.persona_purge_retired()

    remaining = set(Persona.objects.filter(user=owner).values_list("name", flat=True))
    assert "Free Again 16" not in remaining
    assert {"Still Shown 17", "Left Behind 18", "Just Retired 19"} <= remaining
    assert services.persona_create(user=UserFactory(), name="Free Again 16")


def test_the_persona_page_says_how_many_a_member_holds_in_arabic_too(client, signed_in):
    services.persona_create(user=signed_in, name="Second Name 20")
    client.cookies["django_language"] = "ar"

    page = client.get(reverse("personas:list")).content.decode()

    assert "تحمل اسمين مستعارين من 10 على الأكثر." in page
    assert "يومًا على الأقل" in page


def test_the_export_keeps_a_retired_persona_with_when_it_was_retired(signed_in):
    from accounts.models import DataExport

    spare = services.persona_create(user=signed_in, name="Spare Name 11")
    group_services.persona_retire(persona=spare)
    export = DataExport.objects.create(user=signed_in)

    privacy_jobs.data_export_build(export_id=export.pk)

    export.refresh_from_db()
    retired = {p["name"]: p["retired_at"] for p in export.payload["personas"]}
    assert retired["Spare Name 11"] is not None
    assert retired[signed_in.personas.get(is_default=True).name] is None
