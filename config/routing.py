from channels.generic.websocket import AsyncWebsocketConsumer
from django.urls import re_path

from delivery.routing import websocket_urlpatterns as notifications_websockets
from moderation.routing import websocket_urlpatterns as moderation_websockets
from posts.routing import websocket_urlpatterns as posts_websockets


class NoSuchSocket(AsyncWebsocketConsumer):
    """Any other socket path is refused like a missing page, not answered with a 500."""

    async def connect(self):
        await self.close(code=4404)


websocket_urlpatterns = [
    *moderation_websockets,
    *notifications_websockets,
    *posts_websockets,
    re_path(r"", NoSuchSocket.as_asgi()),
]
