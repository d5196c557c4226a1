"""Fixtures for the groups tests: a request group with entry questions, an invite-only
unlisted group, and their moderators (with the second factor moderators must have)."""

import pytest

from groups.models import EntryQuestion, Membership, SupportGroup
from tests.factories import (
    EntryQuestionFactory,
    InviteFactory,
    MembershipFactory,
    SupportGroupFactory,
    give_mfa,
)


@pytest.fixture
def request_group(db):
    group = SupportGroupFactory(
        name="مساحة الأمل",
        slug="مساحة-الأمل",
        summary="لمن فقد عزيزاً ويبحث عن من يسمعه.",
        language=SupportGroup.Language.ARABIC,
        access=SupportGroup.Access.REQUEST,
        rules="- نستمع قبل أن ننصح.",
    )
    EntryQuestionFactory(group=group, kind=EntryQuestion.Kind.SHORT, prompt="What brings you here?")
    EntryQuestionFactory(
        group=group,
        kind=EntryQuestion.Kind.CHOICE,
        prompt="How long ago was your loss?",
        options="Less than a year\nMore than a year",
    )
    EntryQuestionFactory(
        group=group, kind=EntryQuestion.Kind.LONG, prompt="Anything else?", is_required=False
    )
    EntryQuestionFactory(group=group, kind=EntryQuestion.Kind.RULES, prompt="I have read the rules")
    return group


@pytest.fixture
def invite_group(db):
    return SupportGroupFactory(
        name="Carers behind closed doors",
        slug="carers-closed",
        access=SupportGroup.Access.INVITE,
        listing=SupportGroup.Listing.UNLISTED,
    )


@pytest.fixture
def invite(invite_group):
    return InviteFactory(group=invite_group)


@pytest.fixture
def make_moderator():
    def _make(group, role=Membership.Role.MODERATOR):
        user = MembershipFactory(group=group, role=role).user
        give_mfa(user)
        return user

    return _make


@pytest.fixture
def request_moderator(request_group, make_moderator):
    return make_moderator(request_group)


def answers_for(group, **overrides):
    """A complete, valid POST for a request group's join form."""
    data = {}
    for question in group.entry_questions.all():
        key = f"question_{question.pk}"
        if question.kind == EntryQuestion.Kind.RULES:
            data[key] = "on"
        elif question.kind == EntryQuestion.Kind.CHOICE:
            data[key] = question.option_list[0]
        else:
            data[key] = "I lost my father in the spring."
    data.update(overrides)
    return data
