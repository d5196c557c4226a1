"""Training: a moderator's answers to a module's check, marked."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from moderation.models import TrainingCompletion, TrainingModule


@transaction.atomic
def training_attempt_record(
    *, user: User, module: TrainingModule, answers: dict[int, int]
) -> TrainingCompletion:
    """Mark a module's check. A pass is valid for the module's number of days."""
    questions = list(module.questions.prefetch_related("choices"))
    if not questions:
        raise ValidationError(_("This module has no questions yet."), code="empty")
    correct = 0
    for question in questions:
        right = {choice.pk for choice in question.choices.all() if choice.is_correct}
        if answers.get(question.pk) in right:
            correct += 1
    score = round(100 * correct / len(questions))
    passed = score >= module.pass_mark
    now = timezone.now()
    return TrainingCompletion.objects.create(
        user=user,
        module=module,
        score=score,
        passed=passed,
        completed_at=now,
        expires_at=now + timedelta(days=module.validity_days) if passed else now,
    )
