"""Fixtures for the moderation tests: a group with a trained moderator (two-factor and
current training), an author, and a reporter."""

import pytest

from tests.factories import MembershipFactory, ThreadFactory, trained_moderator


@pytest.fixture
def moderator(open_group):
    return trained_moderator(open_group)


@pytest.fixture
def author(open_group):
    return MembershipFactory(group=open_group).user


@pytest.fixture
def thread(open_group):
    starter = MembershipFactory(group=open_group).user
    return ThreadFactory(group=open_group, author=starter)


@pytest.fixture
def reporter(open_group):
    return MembershipFactory(group=open_group).user
