from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import translation

from config.resilience import ClosesWhenLayerDown
from posts import selectors
from posts.access import thread_for_member, user_can_read_thread
from posts.models import Post
from posts.realtime import thread_group_name

# What _render answers besides the HTML of a post.
ACCESS_LOST = object()
NOT_SHOWN = object()


class ThreadConsumer(ClosesWhenLayerDown, AsyncJsonWebsocketConsumer):
    """Pushes new replies, edits and removals to members reading a thread. It never
    writes anything.

    Access is checked on connect and again before every message is forwarded, so a
    member who left or was banned stops receiving the thread at once. Each message is
    rendered for its reader: their language, their reading preferences, and the post as
    they may see it (a held post only for its author, a removed one as a placeholder).
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

    # Messages name a post by its number in the thread, never its global id: the id
    # would order this thread's posts against those of other groups.
    async def post_created(self, event):
        rendered = await database_sync_to_async(self._render)(event["post_id"])
        if isinstance(rendered, tuple):
            number, html = rendered
            await self.send_json({"type": "post.created", "number": number, "html": html})

    async def post_changed(self, event):
        rendered = await database_sync_to_async(self._render)(event["post_id"])
        if rendered is ACCESS_LOST:
            return
        if isinstance(rendered, tuple):
            number, html = rendered
            await self.send_json({"type": "post.changed", "number": number, "html": html})
            return
        # Held or otherwise out of this reader's view now: the page drops it.
        number = await database_sync_to_async(self._number)(event["post_id"])
        if number is not None:
            await self.send_json({"type": "post.withdrawn", "number": number})

    def _number(self, post_id: int) -> int | None:
        return (
            Post.objects.filter(pk=post_id, thread_id=self.thread_id)
            .values_list("number", flat=True)
            .first()
        )

    def _render(self, post_id: int):
        try:
            thread, membership = thread_for_member(self.user, self.thread_id)
        except Http404:
            return ACCESS_LOST
        post = selectors.thread_post(thread, self.user, post_id=post_id)
        if post is None:
            return NOT_SHOWN
        # Decorating reads labels (the reaction buttons' words) in the active language,
        # so it happens inside the reader's language, as the rendering does.
        with translation.override(self.language):
            selectors.decorate_posts([post], self.user, selectors.reader_settings(self.user))
            context = {
                "post": post,
                "thread": thread,
                "viewer": self.user,
                "can_moderate": membership.can_moderate,
            }
            return post.number, render_to_string("posts/_post.html", context)

    def _requested_language(self) -> str:
        query = parse_qs(self.scope.get("query_string", b"").decode())
        language = (query.get("lang") or [""])[0]
        available = {code for code, _name in settings.LANGUAGES}
        return language if language in available else settings.LANGUAGE_CODE
