from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from config import public_ids
from config.resilience import ClosesWhenLayerDown
from delivery import realtime
from delivery.realtime import member_group_name
from delivery.selectors import notification_for_member, unread_count


class NotificationConsumer(ClosesWhenLayerDown, AsyncJsonWebsocketConsumer):
    """The member's own bell: unread count and new notifications. It never writes.

    It joins only the signed-in member's own group, and before forwarding anything it
    loads the notification as that member may see it now, so a notice about a thread
    they can no longer read, or someone else's, is never sent.
    """

    async def connect(self):
        self.user = self.scope["user"]
        if not self.user.is_authenticated:
            # 4401: not signed in. The page's script does not retry on it.
            await self.close(code=4401)
            return
        self.language = self._requested_language()
        self.group_name = member_group_name(self.user.pk)
        await self.channel_layer.group_add(self.group_name, self.channel_name)
        await self.accept()
        await realtime.member_seen(self.user.pk)
        # After a dropped connection the count may have moved: say it at once.
        await self.notification_count({})

    async def disconnect(self, code):
        if hasattr(self, "group_name"):
            await self.channel_layer.group_discard(self.group_name, self.channel_name)

    async def receive_json(self, content, **kwargs):
        # The page only ever says "still here", which keeps its pushes coming.
        if isinstance(content, dict) and content.get("type") == "ping":
            await realtime.member_seen(self.user.pk)

    async def notification_created(self, event):
        message = await database_sync_to_async(self._render)(event["notification_id"])
        if message is not None:
            await self.send_json(message)

    async def notification_count(self, event):
        count = await database_sync_to_async(self._count)()
        if count is not None:
            await self.send_json({"type": "count", "count": count})

    def _count(self) -> int | None:
        if not self._still_active():
            return None
        return unread_count(self.user)

    def _render(self, notification_id: int) -> dict | None:
        if not self._still_active():
            return None
        notification = notification_for_member(self.user, notification_id)
        if notification is None:
            return None
        with translation.override(self.language):
            html = render_to_string(
                "notifications/_notification.html", {"notification": notification}
            )
        return {
            "type": "notification",
            # Public ids: the primary keys count up across the site (issue 16).
            "id": notification.public_id,
            "thread_id": (
                public_ids.encode(notification.thread_id, "thread")
                if notification.thread_id
                else None
            ),
            "count": unread_count(self.user),
            "html": html,
        }

    def _still_active(self) -> bool:
        from accounts.models import User

        return User.objects.filter(pk=self.user.pk, is_active=True).exists()

    def _requested_language(self) -> str:
        query = parse_qs(self.scope.get("query_string", b"").decode())
        language = (query.get("lang") or [""])[0]
        available = {code for code, _name in settings.LANGUAGES}
        return language if language in available else settings.LANGUAGE_CODE
