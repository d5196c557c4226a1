"""Delivering notifications: in the app, live, by email, in digests.

Notifications are rows written in the same transaction as the event that causes them
(notifications.records, on the shared floor). Each one gets a Delivery row per channel
it should go out on (live push, email), also in that transaction; Celery tasks
scheduled after commit carry the ids and send. The unique Delivery row is what makes
sending idempotent, and a periodic sweeper finds rows left pending (the broker was
down at commit, a worker died), so nothing is lost and nothing goes twice.

One module per concern, and every public name is importable from here (the tasks
call them through this package):

- hooks: what config.hooks calls when an app records notifications or a reply is posted;
- replies: the fan-out of a reply to the thread's watchers, batch by batch;
- reactions: support reactions, counted into one notice per post per interval;
- sending: live pushes and emails for pending deliveries;
- sweeper: the periodic safety net for work that fell between the cracks;
- digests: who is due a digest, and sending it;
- reading: a member marks notifications read;
- preferences: a member's notification settings, and unsubscribing from a link.
"""

from delivery.services.digests import DIGEST_ITEMS, digest_send, digests_due
from delivery.services.hooks import on_notifications_recorded, on_reply_posted
from delivery.services.preferences import (
    kind_preferences_ensure,
    notification_unsubscribe,
    preferences_get_or_create,
    preferences_update,
)
from delivery.services.reactions import REACTION_LOOKBACK, REACTION_SETTLE, reaction_notices_create
from delivery.services.reading import notification_mark_read, notifications_mark_all_read
from delivery.services.replies import FanOutStep, notification_create_for_reply, reply_fanout_run
from delivery.services.sending import deliveries_send
from delivery.services.sweeper import DELIVERY_RECORDS_KEPT, SWEEP_LIMIT, notifications_sweep

__all__ = [
    "DELIVERY_RECORDS_KEPT",
    "DIGEST_ITEMS",
    "REACTION_LOOKBACK",
    "REACTION_SETTLE",
    "SWEEP_LIMIT",
    "FanOutStep",
    "deliveries_send",
    "digest_send",
    "digests_due",
    "kind_preferences_ensure",
    "notification_create_for_reply",
    "notification_mark_read",
    "notification_unsubscribe",
    "notifications_mark_all_read",
    "notifications_sweep",
    "on_notifications_recorded",
    "on_reply_posted",
    "preferences_get_or_create",
    "preferences_update",
    "reaction_notices_create",
    "reply_fanout_run",
]
