"""Everything notifications send to the channel layer, with the shape of each message."""

import asyncio
from collections.abc import Iterable
from typing import Literal, TypedDict

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core.cache import cache


class NotificationCreatedEvent(TypedDict):
    # An id only: the member's consumer loads and renders it after checking it is theirs.
    type: Literal["notification.created"]
    notification_id: int


class NotificationCountEvent(TypedDict):
    # Something was read elsewhere (another tab): the consumer sends the fresh count.
    type: Literal["notification.count"]


def member_group_name(user_id: int) -> str:
    # Internal to the channel layer; never sent to a browser.
    return f"notifications.{user_id}"


# Presence: a member with the bell open somewhere. Pushes go only to them, so a reply
# in a thread 10,000 members watch costs a channel-layer round trip per member who is
# actually looking, not per watcher; everyone else sees the count on their next page.
# The page's script pings well within this time; a closed tab simply expires.
PRESENCE_SECONDS = 90


def _presence_key(user_id: int) -> str:
    return f"notifications:online:{user_id}"


async def member_seen(user_id: int) -> None:
    await cache.aset(_presence_key(user_id), 1, PRESENCE_SECONDS)


def members_online(user_ids) -> set[int]:
    user_ids = list(user_ids)
    if not user_ids:
        return set()
    found = cache.get_many([_presence_key(uid) for uid in user_ids])
    return {uid for uid in user_ids if _presence_key(uid) in found}


# Enough to keep the channel layer busy without opening thousands of sends at once.
_CONCURRENCY = 100


async def _send_all(messages: list[tuple[str, dict]]) -> None:
    layer = get_channel_layer()
    for start in range(0, len(messages), _CONCURRENCY):
        batch = messages[start : start + _CONCURRENCY]
        await asyncio.gather(*(layer.group_send(group, event) for group, event in batch))


def notifications_created(pairs: Iterable[tuple[int, int]]) -> None:
    """Push (recipient id, notification id) pairs, a whole batch in one event loop."""
    messages = []
    for user_id, notification_id in pairs:
        event: NotificationCreatedEvent = {
            "type": "notification.created",
            "notification_id": notification_id,
        }
        messages.append((member_group_name(user_id), event))
    if messages:
        async_to_sync(_send_all)(messages)


def count_changed(*, user_id: int) -> None:
    event: NotificationCountEvent = {"type": "notification.count"}
    async_to_sync(_send_all)([(member_group_name(user_id), event)])
