from moderation.routing import websocket_urlpatterns as moderation_websockets
from notifications.routing import websocket_urlpatterns as notifications_websockets
from posts.routing import websocket_urlpatterns as posts_websockets

websocket_urlpatterns = [*moderation_websockets, *notifications_websockets, *posts_websockets]
