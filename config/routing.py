from posts.routing import websocket_urlpatterns as posts_websockets

websocket_urlpatterns = [*posts_websockets]
