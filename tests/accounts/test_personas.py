import pytest
from django.urls import reverse

from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, member):
    client.force_login(member)
    return member


def _errors(response) -> list[str]:
    import re

    return re.findall(r"errorlist[^>]*>(?:<li>)?([^<]*)", response.content.decode())


def _add(client, name):
    return client.post(reverse("personas:list"), {"new-name": name})


def _rename(client, persona, name):
    return client.post(reverse("personas:rename", args=[persona.pk]), {"name": name})


def test_a_member_adds_a_second_persona(client, signed_in):
    response = _add(client, "Night Owl 7")

    assert response.status_code == 302
    assert signed_in.personas.filter(name="Night Owl 7").exists()


def test_a_member_holds_at_most_the_configured_number_of_personas(client, signed_in, settings):
    settings.SANAD_MAX_PERSONAS = 3
    _add(client, "Night Owl 7")
    _add(client, "Morning Lark 8")

    response = _add(client, "Evening Dove 9")

    assert response.status_code == 400
    assert "at most 3 personas" in response.content.decode()
    assert signed_in.personas.count() == 3


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("", "This field is required."),
        ("     ", "Choose a name."),
        ("x" * 41, "at most 40 characters"),
        ("\u200b\u200b\u200b", "invisible or direction-changing characters"),
        ("Quiet\u202eCedar", "invisible or direction-changing characters"),
        ("ab", "at least three letters or digits"),
        ("Admin", "This name is reserved"),
        ("The Moderator", "This name is reserved"),
        ("Sanad Team", "This name is reserved"),
        ("anonymous member", "This name is reserved"),
        ("مشرف الموقع", "This name is reserved"),
        ("Cedar<script>", "only letters, digits, spaces"),
        ("Cedarшка", "mixes letters from different alphabets"),
    ],
)
def test_a_bad_name_is_refused_with_the_problem_named(client, signed_in, name, problem):
    response = _add(client, name)

    assert response.status_code == 400
    assert problem in response.content.decode()
    assert signed_in.personas.count() == 1


def test_a_name_that_only_looks_like_another_members_is_refused(client, signed_in):
    other = UserFactory()
    taken = other.personas.get()
    taken.name, taken.name_key = "Quiet Cedar", "quletcedar"
    taken.save()

    for disguise in ["quiet cedar", "QUIET-CEDAR", "Qu1et Cedar", "Quiet  Cedar", "QuIet CeDar"]:
        response = _add(client, disguise)
        assert response.status_code == 400, disguise
        assert "This name is taken" in response.content.decode(), (disguise, _errors(response))
    # A Cyrillic і among Latin letters is refused before the comparison even runs.
    assert _add(client, "Quіet Cedar").status_code == 400
    assert signed_in.personas.count() == 1


def test_arabic_spelling_variants_of_a_taken_name_are_refused(client, signed_in):
    _add(client, "زيتونة هادئة")
    other = UserFactory()
    client.force_login(other)

    for variant in ["زيتونه هادئه", "زَيتونة هادئة", "زيتـــونة هادئة"]:
        assert _add(client, variant).status_code == 400, variant


def test_the_refused_name_stays_in_the_form(client, signed_in):
    response = _add(client, "Admin Helper")

    assert 'value="Admin Helper"' in response.content.decode()


def test_the_reason_is_given_in_arabic(client, signed_in):
    client.cookies["django_language"] = "ar"

    response = _add(client, "Admin")

    assert response.status_code == 400
    assert "هذا الاسم محجوز" in response.content.decode()


def test_a_member_renames_a_persona_and_waits_before_renaming_again(client, signed_in):
    persona = signed_in.personas.get()

    first = _rename(client, persona, "Steady Harbour 12")
    second = _rename(client, persona, "Steady Harbour 13")

    assert first.status_code == 302
    assert second.status_code == 400
    assert "rename this persona again after" in second.content.decode()
    persona.refresh_from_db()
    assert persona.name == "Steady Harbour 12"


def test_nobody_can_rename_or_see_another_members_persona(client, signed_in):
    others = UserFactory().personas.get()

    assert client.get(reverse("personas:rename", args=[others.pk])).status_code == 404
    assert _rename(client, others, "Taken Over 1").status_code == 404
    others.refresh_from_db()
    assert others.name != "Taken Over 1"


def test_the_persona_page_lists_the_groups_that_know_each_name_only_to_its_owner(client, signed_in):
    membership = MembershipFactory(user=signed_in)

    page = client.get(reverse("personas:list")).content.decode()

    assert membership.group.name in page
    assert signed_in.personas.get().name in page


def test_personas_need_an_account(client):
    response = client.get(reverse("personas:list"))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_a_suspended_account_cannot_add_personas(client, signed_in):
    from django.utils import timezone

    signed_in.suspended_at = timezone.now()
    signed_in.suspension_reason = "Repeated harassment."
    signed_in.save()

    response = _add(client, "Fresh Start 1")

    assert response.status_code in (400, 403)
    assert "Repeated harassment." in response.content.decode()
    assert signed_in.personas.count() == 1
