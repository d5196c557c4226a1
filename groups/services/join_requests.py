"""Join requests: a member asks to join (answering the entry questions) or withdraws;
the group's moderators approve or decline.
"""

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.models import Persona, User
from accounts.policies import ensure_account_can_act
from accounts.ratelimit import rate_limit_account
from accounts.selectors import default_persona
from groups.models import EntryQuestion, JoinRequest, Membership, SupportGroup
from groups.services._common import (
    _admit,
    _audit,
    _chosen_persona,
    _ensure_moderator,
    _ensure_own_persona,
    _with_reason,
)
from notifications.models import Notification
from notifications.records import notification_create


def _answer_for(question: EntryQuestion, value: Any) -> str | bool:
    """The applicant's answer to one question, checked; raises for a missing required one."""
    if question.kind == EntryQuestion.Kind.RULES:
        if question.is_required and value is not True:
            raise ValidationError(
                _("Please confirm that you have read the rules."), code="rules_not_read"
            )
        return bool(value)
    text = (value or "").strip() if isinstance(value, str) else ""
    if question.is_required and not text:
        raise ValidationError(
            _("Please answer “%(question)s”.") % {"question": question.prompt}, code="required"
        )
    if question.kind == EntryQuestion.Kind.CHOICE and text and text not in question.option_list:
        raise ValidationError(
            _("Choose one of the options for “%(question)s”.") % {"question": question.prompt},
            code="invalid_choice",
        )
    limit = 3000 if question.kind == EntryQuestion.Kind.LONG else 300
    return text[:limit]


def join_request_cooldown_ends(*, user: User, group: SupportGroup) -> datetime | None:
    """When a declined applicant may ask again, or None if they may ask now."""
    declined = (
        JoinRequest.objects.filter(group=group, user=user, state=JoinRequest.State.DECLINED)
        .order_by("-decided_at")
        .first()
    )
    if declined is None or declined.decided_at is None:
        return None
    ends = declined.decided_at + timedelta(days=group.join_cooldown_days)
    return ends if ends > timezone.now() else None


@transaction.atomic
def join_request_submit(
    *,
    user: User,
    group: SupportGroup,
    persona: Persona | None = None,
    answers: Mapping[int, Any],
    new_persona_name: str | None = None,
) -> JoinRequest:
    """Ask to join a request group, answering its entry questions, under one of the
    member's personas or a new one made for this group from new_persona_name.

    `answers` maps question ids to what the applicant gave: text for short, long and
    single-choice questions, True for "I have read the rules".
    """
    ensure_account_can_act(user)
    if group.access != SupportGroup.Access.REQUEST or group.is_archived:
        raise ValidationError(_("This group does not take requests to join."), code="not_request")
    if new_persona_name is None:
        _ensure_own_persona(user, persona or default_persona(user))
    # Lock the account's membership row (if any) so a decision and a new request on
    # the same account are taken one after the other.
    membership = Membership.objects.select_for_update().filter(group=group, user=user).first()
    if membership is not None and membership.state == Membership.State.BANNED:
        raise ValidationError(
            _with_reason(_("You cannot rejoin this group."), membership), code="banned"
        )
    if membership is not None and membership.state == Membership.State.ACTIVE:
        raise ValidationError(_("You are already a member of this group."), code="member")
    if JoinRequest.objects.filter(group=group, user=user, state=JoinRequest.State.PENDING).exists():
        raise ValidationError(
            _("You have already asked to join. The moderators will answer soon."),
            code="pending",
        )
    cooldown_ends = join_request_cooldown_ends(user=user, group=group)
    if cooldown_ends is not None:
        when = formats.date_format(timezone.localtime(cooldown_ends), "DATETIME_FORMAT")
        raise ValidationError(
            _("You can ask to join this group again after %(date)s.") % {"date": when},
            code="cooldown",
        )
    snapshot = [
        {
            "question": question.prompt,
            "kind": question.kind,
            "answer": _answer_for(question, answers.get(question.pk)),
        }
        for question in group.entry_questions.all()
    ]
    rate_limit_account(scope="join_request", user=user)
    # Made last, once every check passed: a refused request leaves no new persona behind.
    persona = _chosen_persona(user=user, persona=persona, new_persona_name=new_persona_name)
    try:
        with transaction.atomic():
            return JoinRequest.objects.create(
                group=group, user=user, persona=persona, answers=snapshot
            )
    except IntegrityError:
        raise ValidationError(
            _("You have already asked to join. The moderators will answer soon."),
            code="pending",
        ) from None


@transaction.atomic
def join_request_withdraw(*, user: User, join_request: JoinRequest) -> JoinRequest:
    locked = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    if locked.user_id != user.pk or locked.state != JoinRequest.State.PENDING:
        raise ValidationError(_("This request is no longer waiting."), code="not_pending")
    locked.state = JoinRequest.State.WITHDRAWN
    locked.decided_at = timezone.now()
    locked.save(update_fields=["state", "decided_at"])
    return locked


def _decide(*, actor: User, join_request: JoinRequest, note: str, approve: bool) -> JoinRequest:
    locked = (
        JoinRequest.objects.select_for_update()
        .select_related("group", "persona", "user")
        .get(pk=join_request.pk)
    )
    _ensure_moderator(actor, locked.group)
    if locked.state != JoinRequest.State.PENDING:
        raise ValidationError(
            _("This request has already been decided or withdrawn."), code="decided"
        )
    note = note.strip()
    if approve:
        persona = locked.persona
        if persona.user_id != locked.user_id or persona.retired_at is not None:
            persona = default_persona(locked.user)
        try:
            _admit(user=locked.user, group=locked.group, persona=persona)
        except ValidationError:
            raise ValidationError(
                _("This applicant has been removed from the group and cannot be admitted."),
                code="banned",
            ) from None
    locked.state = JoinRequest.State.APPROVED if approve else JoinRequest.State.DECLINED
    locked.note = note
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    locked.save(update_fields=["state", "note", "decided_by", "decided_at"])
    notification_create(
        recipient_id=locked.user_id,
        kind=Notification.Kind.JOIN_REQUEST_DECIDED,
        message=note,
        group_id=locked.group_id,
    )
    _audit(
        actor=actor,
        action="join_request.approved" if approve else "join_request.declined",
        group=locked.group,
        subject_account_id=locked.user_id,
        reason=note,
        details={"join_request_id": locked.pk},
    )
    return locked


@transaction.atomic
def join_request_approve(*, actor: User, join_request: JoinRequest, note: str = "") -> JoinRequest:
    """Admit the applicant under the persona they chose, and tell them, with the note."""
    return _decide(actor=actor, join_request=join_request, note=note, approve=True)


@transaction.atomic
def join_request_decline(*, actor: User, join_request: JoinRequest, note: str) -> JoinRequest:
    """Decline, telling the applicant why: they may ask again after the group's cooldown."""
    if not note.strip():
        raise ValidationError(
            _("Tell the applicant why, kindly: they will read this note."), code="note_required"
        )
    return _decide(actor=actor, join_request=join_request, note=note, approve=False)
