"""The group page's conversations come from SQL (posts.selectors.group_thread_page): the
same threads, order, unread counts and pages as the ORM rule group_threads() gives, for
every state of an opening post, and never another member's held conversation."""

from datetime import timedelta

import pytest
from django.utils import timezone

from posts.models import Post, ReadState, Thread
from posts.selectors import THREADS_PER_PAGE, group_thread_page, group_threads
from tests.factories import MembershipFactory, PostFactory, ThreadFactory

pytestmark = pytest.mark.django_db


def _thread(group, author, *, state=Post.State.VISIBLE, warning="", opening=True, age=0):
    thread = ThreadFactory(group=group, author=author)
    if opening:
        PostFactory(
            thread=thread, author=author, is_opening=True, state=state, content_warning=warning
        )
    Thread.objects.filter(pk=thread.pk).update(
        last_posted_at=timezone.now() - timedelta(minutes=age)
    )
    return thread


def _same(group, reader, page=None):
    found = group_thread_page(group, reader, page)
    expected = list(group_threads(group, reader))
    start = (found.number - 1) * THREADS_PER_PAGE
    expected = expected[start : start + THREADS_PER_PAGE]
    assert [t.pk for t in found] == [t.pk for t in expected]
    for mine, theirs in zip(found, expected, strict=True):
        assert (mine.unread_count, mine.last_read) == (theirs.unread_count, theirs.last_read)
        assert mine.opening_warning == theirs.opening_warning
        assert mine.created_at == theirs.created_at
    assert found.paginator.count == len(list(group_threads(group, reader)))
    return found


def test_the_page_lists_what_the_orm_rule_lists(open_group):
    reader = MembershipFactory(group=open_group).user
    other = MembershipFactory(group=open_group).user
    visible = _thread(open_group, other, warning="grief", age=5)
    mine_held = _thread(open_group, reader, state=Post.State.HELD, age=4)
    theirs_held = _thread(open_group, other, state=Post.State.HELD, age=3)
    removed = _thread(open_group, other, state=Post.State.REMOVED, age=2)
    erased = _thread(open_group, other, state=Post.State.ERASED, age=1)
    bare = _thread(open_group, other, opening=False, age=6)
    pinned = _thread(open_group, other, age=30)
    Thread.objects.filter(pk=pinned.pk).update(is_pinned=True)
    for _ in range(3):
        PostFactory(thread=visible, author=other)
    first = visible.posts.order_by("pk").first()
    ReadState.objects.create(thread=visible, user=reader, last_read_post_id=first.pk)
    ReadState.objects.create(thread=erased, user=reader, last_read_post_id=0)

    page = _same(open_group, reader)

    ids = [t.pk for t in page]
    assert ids[0] == pinned.pk
    assert {visible.pk, mine_held.pk, erased.pk, bare.pk} <= set(ids)
    assert theirs_held.pk not in ids and removed.pk not in ids
    assert next(t for t in page if t.pk == visible.pk).unread_count == 3
    # The other member never sees the reader's held conversation.
    assert mine_held.pk not in [t.pk for t in _same(open_group, other)]


def test_pages_split_as_the_paginator_splits(open_group):
    reader = MembershipFactory(group=open_group).user
    for age in range(THREADS_PER_PAGE + 5):
        _thread(open_group, reader, age=age)

    assert len(_same(open_group, reader)) == THREADS_PER_PAGE
    assert len(_same(open_group, reader, "2")) == 5
    assert _same(open_group, reader, "99").number == 2
    assert _same(open_group, reader, "nonsense").number == 1
