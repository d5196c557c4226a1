"""Everything posts send to the channel layer, with the shape of each message."""

from typing import Literal, TypedDict

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer


class PostCreatedEvent(TypedDict):
    # The consumer renders the post itself, per reader, after re-checking access:
    # the message carries an id and nothing a reader should not see.
    type: Literal["post.created"]
    post_id: int


class PostChangedEvent(TypedDict):
    # An edit, a deletion by the author, a hold or a removal by a moderator: each reader
    # gets the post as they may now see it (or learns it is gone from their view).
    type: Literal["post.changed"]
    post_id: int


def thread_group_name(thread_id: int) -> str:
    return f"thread.{thread_id}"


def _send(post_id: int, event: PostCreatedEvent | PostChangedEvent) -> int:
    from posts.models import Post

    thread_id = Post.objects.values_list("thread_id", flat=True).get(pk=post_id)
    async_to_sync(get_channel_layer().group_send)(thread_group_name(thread_id), event)
    return thread_id


def post_created(*, post_id: int) -> None:
    _send(post_id, {"type": "post.created", "post_id": post_id})


def post_changed(*, post_id: int) -> None:
    """Call after commit whenever a post's text or state changes (moderation too)."""
    from posts import post_cache

    # Its shared block goes first: readers the message sends back to the page render anew.
    post_cache.forget([post_id])
    thread_id = _send(post_id, {"type": "post.changed", "post_id": post_id})
    # And its thread's row in the group's list (an opening post carries the title).
    post_cache.forget_threads([thread_id])
