"""Training modules: seeded in both languages, taken with a short check, valid for a set
number of days; authored in admin."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from groups.models import Membership
from moderation.models import TrainingChoice, TrainingCompletion, TrainingModule
from moderation.policies import qualification_for
from tests.factories import MembershipFactory, UserFactory, give_mfa

pytestmark = pytest.mark.django_db


@pytest.fixture
def newcomer(open_group):
    """A moderator with two-factor but no training yet."""
    user = MembershipFactory(group=open_group, role=Membership.Role.MODERATOR).user
    give_mfa(user)
    return user


def _answers(module, *, correct=True):
    data = {}
    for question in module.questions.all():
        choice = question.choices.filter(is_correct=correct).first()
        data[f"q{question.pk}"] = choice.pk
    return data


def test_three_modules_are_seeded_in_both_languages():
    modules = {module.slug: module for module in TrainingModule.objects.all()}

    assert set(modules) == {"crisis-response", "de-escalation", "privacy"}
    assert modules["crisis-response"].requirement == TrainingModule.Requirement.CRISIS
    for module in modules.values():
        assert module.title_en and module.title_ar and module.body_en and module.body_ar
        assert module.questions.count() >= 3
        for question in module.questions.all():
            assert question.text_ar
            assert question.choices.filter(is_correct=True).exists()


def test_a_moderator_passes_a_module(client, newcomer):
    module = TrainingModule.objects.get(slug="privacy")
    client.force_login(newcomer)

    page = client.get(module.get_absolute_url()).content.decode()
    response = client.post(module.get_absolute_url(), _answers(module))

    assert "Members come to Sanad to be heard without being known." in page
    assert response.status_code == 200
    assert "Your score: 100%" in response.content.decode()
    completion = TrainingCompletion.objects.get(user=newcomer, module=module)
    assert completion.passed
    assert completion.expires_at > timezone.now() + timedelta(days=364)


def test_a_wrong_answer_below_the_pass_mark_fails(client, newcomer):
    module = TrainingModule.objects.get(slug="privacy")
    client.force_login(newcomer)

    response = client.post(module.get_absolute_url(), _answers(module, correct=False))

    assert "Not passed yet" in response.content.decode()
    assert not TrainingCompletion.objects.get(user=newcomer).passed
    assert not qualification_for(newcomer).general


def test_an_unanswered_check_is_refused_and_nothing_recorded(client, newcomer):
    module = TrainingModule.objects.get(slug="privacy")
    client.force_login(newcomer)

    response = client.post(module.get_absolute_url(), {})

    assert response.status_code == 400
    assert "Choose an answer." in response.content.decode()
    assert not TrainingCompletion.objects.exists()


def test_a_choice_from_another_question_is_refused(client, newcomer):
    module = TrainingModule.objects.get(slug="privacy")
    data = _answers(module)
    first = next(iter(data))
    data[first] = TrainingChoice.objects.exclude(question__module=module).first().pk
    client.force_login(newcomer)

    assert client.post(module.get_absolute_url(), data).status_code == 400


def test_passing_every_module_qualifies_for_every_lane(client, newcomer):
    client.force_login(newcomer)
    for module in TrainingModule.objects.all():
        client.post(module.get_absolute_url(), _answers(module))

    qualification = qualification_for(newcomer)

    assert qualification.can_act
    assert qualification.crisis
    page = client.get(reverse("moderation:training")).content.decode()
    assert "Your training is current for every lane of the queue." in page


def test_the_general_modules_alone_do_not_cover_the_crisis_lane(client, newcomer):
    client.force_login(newcomer)
    for module in TrainingModule.objects.exclude(requirement="crisis"):
        client.post(module.get_absolute_url(), _answers(module))

    qualification = qualification_for(newcomer)

    assert qualification.can_act
    assert not qualification.crisis


def test_the_training_page_lists_modules_in_arabic(client, newcomer):
    client.force_login(newcomer)
    client.cookies["django_language"] = "ar"

    page = client.get(reverse("moderation:training")).content.decode()

    assert "الاستجابة للأزمات والتواصل الآمن" in page
    assert "الخصوصية والسرية" in page


def test_training_pages_are_404_for_members_and_login_for_visitors(client, member):
    module = TrainingModule.objects.first()
    assert client.get(reverse("moderation:training"))["Location"].startswith(
        reverse("account_login")
    )
    client.force_login(member)
    assert client.get(reverse("moderation:training")).status_code == 404
    assert client.get(module.get_absolute_url()).status_code == 404
    assert client.get(reverse("moderation:training_module", args=["nope"])).status_code == 404


def test_staff_author_a_module_with_a_check_in_admin(client):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    give_mfa(superuser)
    client.force_login(superuser)

    response = client.post(
        "/admin/moderation/trainingmodule/add/",
        {
            "slug": "grief",
            "order": 40,
            "requirement": "optional",
            "is_active": "on",
            "pass_mark": 50,
            "validity_days": 180,
            "title_en": "Supporting grief",
            "title_ar": "دعم الحزن",
            "body_en": "Listen first.",
            "body_ar": "استمع أولاً.",
            "questions-TOTAL_FORMS": 1,
            "questions-INITIAL_FORMS": 0,
            "questions-0-order": 1,
            "questions-0-text_en": "What comes first?",
            "questions-0-text_ar": "ما الذي يأتي أولاً؟",
        },
    )

    assert response.status_code == 302
    module = TrainingModule.objects.get(slug="grief")
    question = module.questions.get()
    answers = client.post(
        f"/admin/moderation/trainingquestion/{question.pk}/change/",
        {
            "module": module.pk,
            "order": 1,
            "text_en": "What comes first?",
            "text_ar": "ما الذي يأتي أولاً؟",
            "choices-TOTAL_FORMS": 2,
            "choices-INITIAL_FORMS": 0,
            "choices-0-order": 1,
            "choices-0-text_en": "Listening",
            "choices-0-text_ar": "الاستماع",
            "choices-0-is_correct": "on",
            "choices-1-order": 2,
            "choices-1-text_en": "Advice",
            "choices-1-text_ar": "النصيحة",
        },
    )
    assert answers.status_code == 302
    assert question.choices.count() == 2


def test_admin_refuses_a_question_without_a_correct_answer(client):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    give_mfa(superuser)
    client.force_login(superuser)
    question = TrainingModule.objects.get(slug="privacy").questions.first()

    response = client.post(
        f"/admin/moderation/trainingquestion/{question.pk}/change/",
        {
            "module": question.module_id,
            "order": 1,
            "text_en": question.text_en,
            "text_ar": question.text_ar,
            "choices-TOTAL_FORMS": 2,
            "choices-INITIAL_FORMS": 0,
            "choices-0-text_en": "One",
            "choices-0-text_ar": "واحد",
            "choices-0-order": 1,
            "choices-1-text_en": "Two",
            "choices-1-text_ar": "اثنان",
            "choices-1-order": 2,
        },
    )

    assert response.status_code == 200
    assert "Mark at least one answer as correct." in response.content.decode()
