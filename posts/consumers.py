from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import translation

from groups.access import post_for_member, user_can_read_thread
from posts.realtime import thread_group_name


class ThreadConsumer(AsyncJsonWebsocketConsumer):
    """Pushes new replies to members reading a thread. It never writes anything.

    Access is checked on connect and again before every message is forwarded, so a
    member who left or was banned stops receiving the thread at once.
    """

    async def connect(self):
        self.thread_id = int(self.scope["url_route"]["kwargs"]["thread_id"])
        self.user = self.scope["user"]
        self.language = self._requested_language()
        if not await database_sync_to_async(user_can_read_thread)(self.user, self.thread_id):
            await self.close(code=4404)
            return
        self.group_name = thread_group_name(self.thread_id)
        await self.channel_layer.group_add(self.group_name, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        if hasattr(self, "group_name"):
            await self.channel_layer.group_discard(self.group_name, self.channel_name)

    async def receive_json(self, content, **kwargs):
        # Members post through the ordinary form; the socket only listens.
        return

    async def post_created(self, event):
        html = await database_sync_to_async(self._render_post)(event["post_id"])
        if html is None:
            return
        await self.send_json({"type": "post.created", "post_id": event["post_id"], "html": html})

    def _render_post(self, post_id: int) -> str | None:
        try:
            post, _membership = post_for_member(self.user, post_id)
        except Http404:
            return None
        if post.thread_id != self.thread_id:
            return None
        with translation.override(self.language):
            return render_to_string("posts/_post.html", {"post": post, "viewer": self.user})

    def _requested_language(self) -> str:
        from urllib.parse import parse_qs

        query = parse_qs(self.scope.get("query_string", b"").decode())
        language = (query.get("lang") or [""])[0]
        available = {code for code, _name in settings.LANGUAGES}
        return language if language in available else settings.LANGUAGE_CODE
