"""Requests to join: entry questions answered, a moderator decides with a note the
applicant reads, a cooldown after a decline, and withdrawing."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.services import persona_create
from audit.models import AuditEntry
from groups import services
from groups.models import EntryQuestion, JoinRequest, Membership
from groups.services import join_requests as join_request_services
from notifications.models import Notification
from posts.services import thread_create
from tests.factories import JoinRequestFactory, UserFactory
from tests.groups.conftest import answers_for

pytestmark = pytest.mark.django_db


def _join_url(group):
    return reverse("groups:join", args=[group.slug])


def _ask(client, member, group, **overrides):
    client.force_login(member)
    data = {"persona": member.personas.get(is_default=True).pk, **answers_for(group, **overrides)}
    return client.post(_join_url(group), data)


def _decide(client, moderator, join_request, decision, note=""):
    client.force_login(moderator)
    prefix = f"request-{join_request.pk}"
    return client.post(
        reverse("groups:decide", args=[join_request.group.slug, join_request.pk]),
        {f"{prefix}-decision": decision, f"{prefix}-note": note},
    )


# --- Asking ------------------------------------------------------------------------------


def test_the_join_page_asks_the_groups_entry_questions_under_its_rules(
    client, member, request_group
):
    client.force_login(member)

    page = client.get(_join_url(request_group)).content.decode()

    for question in request_group.entry_questions.all():
        assert question.prompt in page
    assert "نستمع قبل أن ننصح" in page
    assert "Less than a year" in page
    assert member.personas.get().name in page


def test_an_applicant_answers_and_the_request_waits_for_a_moderator(client, member, request_group):
    second = persona_create(user=member, name="Quiet Harbour 77")
    client.force_login(member)
    data = {"persona": second.pk, **answers_for(request_group)}

    response = client.post(_join_url(request_group), data)

    assert response.status_code == 302
    join_request = JoinRequest.objects.get(group=request_group, user=member)
    assert join_request.state == JoinRequest.State.PENDING
    assert join_request.persona == second
    assert [item["answer"] for item in join_request.answers] == [
        "I lost my father in the spring.",
        "Less than a year",
        "I lost my father in the spring.",
        True,
    ]
    assert not Membership.objects.filter(group=request_group, user=member).exists()
    page = client.get(_join_url(request_group)).content.decode()
    assert "Your request is waiting for a moderator" in page
    assert "I lost my father in the spring." in page


def test_a_required_answer_left_empty_is_refused_and_nothing_typed_is_lost(
    client, member, request_group
):
    short, _choice, long, _rules = request_group.entry_questions.all()

    response = _ask(
        client,
        member,
        request_group,
        **{f"question_{short.pk}": "", f"question_{long.pk}": "Words I took time to write."},
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "Please answer this question." in page
    assert "Words I took time to write." in page
    assert not JoinRequest.objects.exists()


def test_the_rules_must_be_confirmed(client, member, request_group):
    rules = request_group.entry_questions.get(kind=EntryQuestion.Kind.RULES)
    data = answers_for(request_group)
    del data[f"question_{rules.pk}"]
    client.force_login(member)

    response = client.post(_join_url(request_group), {"persona": member.personas.get().pk, **data})

    assert response.status_code == 400
    assert "Please confirm that you have read the rules." in response.content.decode()


def test_an_answer_outside_the_choices_is_refused(client, member, request_group):
    choice = request_group.entry_questions.get(kind=EntryQuestion.Kind.CHOICE)

    response = _ask(client, member, request_group, **{f"question_{choice.pk}": "Forged"})

    assert response.status_code == 400
    assert not JoinRequest.objects.exists()


def test_the_refusal_is_in_arabic_for_an_arabic_reader(client, member, request_group):
    short = request_group.entry_questions.get(kind=EntryQuestion.Kind.SHORT)
    client.cookies["django_language"] = "ar"

    response = _ask(client, member, request_group, **{f"question_{short.pk}": ""})

    assert response.status_code == 400
    assert '<html lang="ar" dir="rtl">' in response.content.decode()


def test_the_service_checks_the_answers_too(member, request_group):
    with pytest.raises(ValidationError):
        services.join_request_submit(
            user=member, group=request_group, persona=member.personas.get(), answers={}
        )


def test_one_request_at_a_time(member, request_group):
    persona = member.personas.get()
    answers = {
        q.pk: answers_for(request_group)[f"question_{q.pk}"]
        for q in request_group.entry_questions.all()
    }
    answers = {pk: (True if value == "on" else value) for pk, value in answers.items()}
    services.join_request_submit(user=member, group=request_group, persona=persona, answers=answers)

    with pytest.raises(ValidationError, match="already asked"):
        services.join_request_submit(
            user=member, group=request_group, persona=persona, answers=answers
        )


def test_a_banned_account_cannot_ask_again_and_is_told_why(client, member, request_group, join):
    join(member, request_group, state=Membership.State.BANNED, sanction_reason="Repeated insults.")

    response = _ask(client, member, request_group)

    page = response.content.decode()
    assert response.status_code == 400
    assert "You cannot rejoin this group." in page
    assert "Repeated insults." in page


def test_someone_elses_persona_cannot_be_used_to_ask(client, member, request_group):
    someone = UserFactory()
    client.force_login(member)

    response = client.post(
        _join_url(request_group),
        {"persona": someone.personas.get().pk, **answers_for(request_group)},
    )

    assert response.status_code == 400
    assert not JoinRequest.objects.exists()


def test_asking_too_often_is_slowed_down(member, request_group, settings):
    settings.SANAD_RATE_LIMITS = {**settings.SANAD_RATE_LIMITS, "join_request": "1/3600"}
    persona = member.personas.get()
    answers = {
        q.pk: True if q.kind == "rules" else (q.option_list or ["An answer"])[0]
        for q in request_group.entry_questions.all()
    }
    first = services.join_request_submit(
        user=member, group=request_group, persona=persona, answers=answers
    )
    services.join_request_withdraw(user=member, join_request=first)

    with pytest.raises(ValidationError, match="a little too often"):
        services.join_request_submit(
            user=member, group=request_group, persona=persona, answers=answers
        )


# --- Withdrawing -------------------------------------------------------------------------


def test_an_applicant_withdraws_and_may_ask_again_at_once(client, member, request_group):
    _ask(client, member, request_group)

    response = client.post(reverse("groups:withdraw", args=[request_group.slug]))

    assert response.status_code == 302
    assert JoinRequest.objects.get().state == JoinRequest.State.WITHDRAWN
    assert _ask(client, member, request_group).status_code == 302
    assert JoinRequest.objects.filter(state=JoinRequest.State.PENDING).count() == 1


# --- Deciding ----------------------------------------------------------------------------


def test_the_moderator_sees_the_request_by_the_chosen_persona_with_the_answers(
    client, member, request_group, request_moderator
):
    _ask(client, member, request_group)
    client.force_login(request_moderator)

    page = client.get(reverse("groups:manage", args=[request_group.slug])).content.decode()

    assert member.personas.get().name in page
    assert "I lost my father in the spring." in page
    assert "Less than a year" in page
    assert member.username not in page
    assert member.email not in page


def test_approving_admits_the_applicant_tells_them_the_note_and_audits(
    client, member, request_group, request_moderator
):
    second = persona_create(user=member, name="Quiet Harbour 77")
    client.force_login(member)
    client.post(_join_url(request_group), {"persona": second.pk, **answers_for(request_group)})
    join_request = JoinRequest.objects.get()

    response = _decide(client, request_moderator, join_request, "approve", "Welcome, we are glad.")

    assert response.status_code == 302
    membership = Membership.objects.get(group=request_group, user=member)
    assert membership.state == Membership.State.ACTIVE
    assert membership.persona == second
    notification = Notification.objects.get(recipient=member)
    assert notification.kind == Notification.Kind.JOIN_REQUEST_DECIDED
    assert notification.message == "Welcome, we are glad."
    audit = AuditEntry.objects.get(action="join_request.approved")
    assert (audit.actor, audit.group, audit.subject_account_id) == (
        request_moderator,
        request_group,
        member.pk,
    )
    # The newcomer reads the note on the group's page, and can post.
    client.force_login(member)
    page = client.get(request_group.get_absolute_url()).content.decode()
    assert "Welcome, we are glad." in page
    assert thread_create(author=member, group=request_group, title="Hello", body="Hello all.")


def test_declining_needs_a_note_and_keeps_what_the_moderator_typed(
    client, member, request_group, request_moderator
):
    join_request = JoinRequestFactory(group=request_group, user=member)

    response = _decide(client, request_moderator, join_request, "decline", "   ")

    assert response.status_code == 400
    assert "Tell the applicant why, kindly" in response.content.decode()
    join_request.refresh_from_db()
    assert join_request.state == JoinRequest.State.PENDING


def test_a_declined_applicant_reads_the_note_and_waits_out_the_cooldown(
    client, member, request_group, request_moderator
):
    join_request = JoinRequestFactory(group=request_group, user=member)
    _decide(client, request_moderator, join_request, "decline", "This group is for carers only.")

    assert Notification.objects.get(recipient=member).message == "This group is for carers only."
    assert AuditEntry.objects.filter(action="join_request.declined").count() == 1
    client.force_login(member)
    page = client.get(_join_url(request_group)).content.decode()
    assert "This group is for carers only." in page
    assert "You can ask again after" in page
    refused = _ask(client, member, request_group)
    assert refused.status_code == 400
    assert "You can ask again after" in refused.content.decode()
    assert JoinRequest.objects.count() == 1

    JoinRequest.objects.filter(pk=join_request.pk).update(
        decided_at=timezone.now() - timedelta(days=request_group.join_cooldown_days + 1)
    )
    assert _ask(client, member, request_group).status_code == 302


def test_a_request_is_decided_once(client, request_group, request_moderator):
    join_request = JoinRequestFactory(group=request_group)
    _decide(client, request_moderator, join_request, "approve")

    response = _decide(client, request_moderator, join_request, "decline", "Changed my mind.")

    assert response.status_code == 400
    assert "already been decided" in response.content.decode()
    assert Notification.objects.count() == 1


def test_an_applicant_banned_meanwhile_is_not_admitted(client, member, request_group, join):
    moderator = UserFactory()
    join(moderator, request_group, role=Membership.Role.MODERATOR)
    join_request = JoinRequestFactory(group=request_group, user=member)
    join(member, request_group, state=Membership.State.BANNED)

    with pytest.raises(ValidationError):
        services.join_request_approve(actor=moderator, join_request=join_request)

    assert Membership.objects.get(user=member, group=request_group).state == "banned"


def test_the_decision_its_notification_and_its_audit_row_commit_together(
    request_group, request_moderator, monkeypatch
):
    join_request = JoinRequestFactory(group=request_group)

    def broken(**kwargs):
        raise RuntimeError("the notifications table is unavailable")

    # Patched where the decision looks it up: the join-requests module of groups.services.
    monkeypatch.setattr(join_request_services, "notification_create", broken)
    with pytest.raises(RuntimeError):
        services.join_request_approve(actor=request_moderator, join_request=join_request)

    join_request.refresh_from_db()
    assert join_request.state == JoinRequest.State.PENDING
    assert not Membership.objects.filter(user=join_request.user, group=request_group).exists()
    assert not AuditEntry.objects.exists()


def test_a_plain_member_cannot_decide_through_the_service(request_group, member, join):
    join(member, request_group)
    join_request = JoinRequestFactory(group=request_group)

    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.join_request_approve(actor=member, join_request=join_request)


def test_the_answers_keep_the_question_as_it_was_asked(client, member, request_group):
    _ask(client, member, request_group)
    question = request_group.entry_questions.get(kind=EntryQuestion.Kind.SHORT)
    question.prompt = "A different question now"
    question.save()

    answers = JoinRequest.objects.get().answers

    assert answers[0]["question"] == "What brings you here?"


def test_the_decision_page_shows_the_applicant_only_by_persona(
    client, member, request_group, request_moderator
):
    join_request = JoinRequestFactory(group=request_group, user=member)
    client.force_login(request_moderator)

    page = client.get(
        reverse("groups:decide", args=[request_group.slug, join_request.pk])
    ).content.decode()

    assert member.personas.get().name in page
    assert member.username not in page


def test_an_applicant_finds_their_requests_and_the_note_in_their_data_export(member, request_group):
    from privacy.jobs import _collect

    JoinRequestFactory(
        group=request_group,
        user=member,
        state=JoinRequest.State.DECLINED,
        note="For carers only.",
        decided_at=timezone.now(),
    )

    exported = _collect(member, timezone.now())["join_requests"]

    assert exported[0]["group"] == request_group.name
    assert exported[0]["note_from_moderators"] == "For carers only."
    assert exported[0]["answers"][0]["answer"] == "Loss."
