from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from accounts.mfa import account_has_mfa
from config.resilience import ClosesWhenLayerDown
from groups.access import moderated_groups
from moderation import selectors
from moderation.realtime import ALL_GROUPS, queue_group_name

# Closed for good: not (or no longer) a moderator, or no second factor. The page's
# script does not reconnect after these.
CLOSE_NO_ACCESS = 4404


class QueueConsumer(ClosesWhenLayerDown, AsyncJsonWebsocketConsumer):
    """Pushes queue changes (new items, claims, resolutions) to moderators watching it.

    It never writes. Access, and the second factor moderators must have, are checked
    on connect and again before every message: a moderator who lost the role stops
    receiving at once, and each watcher gets the item rendered for them alone.
    """

    async def connect(self):
        self.user = self.scope["user"]
        self.language = self._requested_language()
        group_ids = await database_sync_to_async(self._allowed_group_ids)()
        if group_ids is None:
            await self.close(code=CLOSE_NO_ACCESS)
            return
        # Staff watch every group on one channel, so a staff member who also moderates
        # a group does not get each message twice.
        self.channel_groups = (
            [ALL_GROUPS] if self.user.is_staff else [queue_group_name(i) for i in group_ids]
        )
        for name in self.channel_groups:
            await self.channel_layer.group_add(name, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        for name in getattr(self, "channel_groups", []):
            await self.channel_layer.group_discard(name, self.channel_name)

    async def receive_json(self, content, **kwargs):
        # Moderators act through the ordinary forms; the socket only listens.
        return

    async def queue_item_changed(self, event):
        message = await database_sync_to_async(self._render)(event["item_id"], event["group_id"])
        if message is None:
            await self.close(code=CLOSE_NO_ACCESS)
            return
        if message:
            await self.send_json(message)

    def _allowed_group_ids(self) -> list[int] | None:
        if not self.user.is_authenticated or not self.user.is_active:
            return None
        if settings.SANAD_REQUIRE_MFA_FOR_MODERATION and not account_has_mfa(self.user):
            return None
        group_ids = list(moderated_groups(self.user).values_list("pk", flat=True))
        return group_ids or None

    def _render(self, item_id: int, group_id: int) -> dict | None:
        """The message for this watcher; {} when there is nothing for them; None when
        they should no longer be watching at all."""
        try:
            # A role or account taken away since connecting counts from this message on.
            self.user.refresh_from_db(fields=["is_active", "is_staff"])
        except self.user.DoesNotExist:
            return None
        allowed = self._allowed_group_ids()
        if allowed is None:
            return None
        if group_id not in allowed:
            return {}
        # Decorating writes words (the timer, refusals) in the active language, so it
        # happens in the watcher's language, as the rendering does.
        with translation.override(self.language):
            context = selectors.moderator_context(self.user)
            items = selectors.queue_items(self.user, item_ids=[item_id], context=context)
            if not items:
                # Resolved, or gone: take it off the watcher's screen.
                return {"type": "queue.item_removed", "item_id": item_id}
            item = items[0]
            html = render_to_string(
                "moderation/_queue_item.html", {"item": item, "user": self.user, "live": True}
            )
        return {
            "type": "queue.item_changed",
            "item_id": item.pk,
            "lane": item.priority,
            "group_id": item.group_id,
            "kind": item.kind,
            "html": html,
        }

    def _requested_language(self) -> str:
        from urllib.parse import parse_qs

        query = parse_qs(self.scope.get("query_string", b"").decode())
        language = (query.get("lang") or [""])[0]
        available = {code for code, _name in settings.LANGUAGES}
        return language if language in available else settings.LANGUAGE_CODE
