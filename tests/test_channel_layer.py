"""Issue 16, item 5: a quiet WebSocket does not die with "Timeout reading from redis"
(the error that was logged on WebSocket disconnects)."""

import asyncio

import pytest
from channels.layers import channel_layers

pytestmark = pytest.mark.needs_redis


async def test_a_socket_idle_past_the_blocking_read_still_gets_its_message():
    layer = channel_layers.make_backend("default")
    channel = await layer.new_channel("idle.")
    waiting = asyncio.ensure_future(layer.receive(channel))

    # Longer than channels_redis's 5-second BRPOP, and redis-py's default read timeout.
    await asyncio.sleep(6.5)
    assert not waiting.done() or waiting.exception() is None
    await layer.send(channel, {"type": "notification.count"})

    message = await asyncio.wait_for(waiting, 10)
    assert message["type"] == "notification.count"
    await layer.flush()


async def test_a_socket_closing_while_it_waits_raises_nothing_but_its_cancellation():
    layer = channel_layers.make_backend("default")
    channel = await layer.new_channel("closing.")
    await layer.group_add("closing-test", channel)
    waiting = asyncio.ensure_future(layer.receive(channel))
    await asyncio.sleep(5.5)

    waiting.cancel()  # what Channels does when the browser goes away
    with pytest.raises(asyncio.CancelledError):
        await waiting
    await layer.group_discard("closing-test", channel)
    await layer.flush()
