from django.urls import path

from posts.consumers import ThreadConsumer

websocket_urlpatterns = [
    path("ws/threads/<thread:thread_id>/", ThreadConsumer.as_asgi()),
]
