"""Everything moderation sends to the channel layer, with the shape of each message.

The live queue (moderation.consumers.QueueConsumer) listens per group, and staff on a
site-wide channel. Messages carry ids only: each watcher's consumer re-checks access
and renders the item for that watcher, so nothing reaches someone who may not see it.
"""

from typing import Literal, TypedDict

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

ALL_GROUPS = "moderation.queue.all"


class QueueItemChangedEvent(TypedDict):
    # New, claimed, released, escalated or resolved: the consumer re-reads the item.
    type: Literal["queue.item_changed"]
    item_id: int
    group_id: int


def queue_group_name(group_id: int) -> str:
    return f"moderation.queue.{group_id}"


def queue_item_changed(*, item_id: int, group_id: int) -> None:
    event: QueueItemChangedEvent = {
        "type": "queue.item_changed",
        "item_id": item_id,
        "group_id": group_id,
    }
    layer = get_channel_layer()
    async_to_sync(layer.group_send)(queue_group_name(group_id), event)
    async_to_sync(layer.group_send)(ALL_GROUPS, event)
