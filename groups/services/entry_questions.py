"""Entry questions: what a group asks those who ask to join, kept by its moderators."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from accounts.models import User
from groups.models import EntryQuestion, SupportGroup
from groups.services._common import _audit, _ensure_moderator

_QUESTION_FIELDS = ("kind", "prompt", "help_text", "options", "is_required", "position")


@transaction.atomic
def entry_question_create(
    *,
    actor: User,
    group: SupportGroup,
    kind: str,
    prompt: str,
    help_text: str = "",
    options: str = "",
    is_required: bool = True,
    position: int = 0,
) -> EntryQuestion:
    _ensure_moderator(actor, group)
    question = EntryQuestion(
        group=group,
        kind=kind,
        prompt=prompt,
        help_text=help_text,
        options=options,
        is_required=is_required,
        position=position,
    )
    question.full_clean()
    question.save()
    _audit(
        actor=actor,
        action="entry_question.created",
        group=group,
        details={"question_id": question.pk, "kind": kind},
    )
    return question


@transaction.atomic
def entry_question_update(
    *, actor: User, question: EntryQuestion, changes: Mapping[str, Any]
) -> EntryQuestion:
    if set(changes) - set(_QUESTION_FIELDS):
        raise PermissionDenied
    locked = EntryQuestion.objects.select_for_update().select_related("group").get(pk=question.pk)
    _ensure_moderator(actor, locked.group)
    changed = [field for field, value in changes.items() if getattr(locked, field) != value]
    if not changed:
        return locked
    for field in changed:
        setattr(locked, field, changes[field])
    locked.full_clean()
    locked.save(update_fields=changed)
    _audit(
        actor=actor,
        action="entry_question.updated",
        group=locked.group,
        details={"question_id": locked.pk, "fields": sorted(changed)},
    )
    return locked


@transaction.atomic
def entry_question_delete(*, actor: User, question: EntryQuestion) -> None:
    """Remove a question. Requests already made keep their own copy of it."""
    _ensure_moderator(actor, question.group)
    _audit(
        actor=actor,
        action="entry_question.deleted",
        group=question.group,
        details={"question_id": question.pk},
    )
    EntryQuestion.objects.filter(pk=question.pk).delete()
