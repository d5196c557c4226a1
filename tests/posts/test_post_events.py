"""The post events' contract (config.hooks): handlers run inside the post's transaction,
in the order they were connected, and a refusal undoes the whole post."""

import pytest
from django.core.exceptions import ValidationError

from config import hooks
from posts import services
from posts.models import Post, Thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def connected():
    """Connect handlers for one test, after moderation's own screening."""
    added = []

    def _connect(signal, handler):
        signal.connect(handler, weak=False, dispatch_uid=f"test-{len(added)}")
        added.append((signal, f"test-{len(added)}"))

    yield _connect
    for signal, uid in added:
        signal.disconnect(dispatch_uid=uid)


def test_it_refuses_the_whole_thread_when_a_handler_refuses_its_opening_post(
    starter, open_group, connected
):
    def refuse(sender, *, post, membership, **kwargs):
        raise ValidationError("Not here.", code="refused_by_test")

    connected(hooks.post_created, refuse)
    with pytest.raises(ValidationError):
        services.thread_create(author=starter, group=open_group, title="Hello", body="Hi all")
    assert not Thread.objects.exists()
    assert not Post.objects.exists()


def test_it_runs_handlers_in_order_after_moderation_screened_the_post(
    starter, open_group, connected
):
    seen = []

    def first(sender, *, post, membership, **kwargs):
        # Moderation, connected at start-up, has already screened the post.
        seen.append(("first", post.pk is not None, hasattr(post, "screening")))

    def second(sender, *, post, membership, **kwargs):
        seen.append(("second", membership.user_id == starter.pk, True))

    connected(hooks.post_created, first)
    connected(hooks.post_created, second)
    services.thread_create(author=starter, group=open_group, title="Hello", body="Hi all")
    assert seen == [("first", True, True), ("second", True, True)]


def test_it_refuses_an_edit_and_keeps_the_post_as_it_was(starter, open_group, connected):
    thread = services.thread_create(author=starter, group=open_group, title="Hi", body="Before")
    post = thread.posts.get()

    def refuse(sender, *, post, membership, **kwargs):
        raise ValidationError("Not this edit.", code="refused_by_test")

    connected(hooks.post_edited, refuse)
    with pytest.raises(ValidationError):
        services.post_edit(editor=starter, post=post, body="After")
    post.refresh_from_db()
    assert post.body == "Before"
