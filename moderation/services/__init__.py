"""Every change moderation makes: reports, claims, actions, appeals, alerts, training.

Each service is one transaction. Every act on a member, a post or a thread writes its
audit row in the same transaction, so an act never happens without its trace. Members
are told through notifications in that transaction too; Celery alerts and live queue
updates go out after commit.

One module per concern, and every public name is importable from here:

- reports: a member reports a post, or its author's conduct;
- items: the items the automatic checks open, and acts that keep an item open
  (hide the post, lock the thread, escalate);
- claims: a moderator takes an item, or lets it go;
- decisions: the decisions that close an item (approve, dismiss, remove);
- sanctions: acts on the member behind an item (warn, mute, ban, check in, suspend);
- appeals: the author of a removed post asks for another look, once;
- duty: who is working the queue now, and who is on duty;
- training: a moderator's answers to a module's check, marked;
- alerts: telling the moderators on duty, emailing staff out of hours, the sweeper.

_common holds the small steps they share: the audit row, telling a member, taking
an item (locked and claimed) and resolving it. Three of them are public, for screening
and help-before-limits, which open items and tell members outside these services:
tell_member, queue_changed and schedule_alert.
"""

from moderation.services._common import queue_changed, schedule_alert, tell_member
from moderation.services.alerts import (
    alert_recipient_ids,
    item_alert_moderators,
    item_alert_overdue,
    item_email_staff,
    queue_sweep,
)
from moderation.services.appeals import appeal_create, appeal_decide
from moderation.services.claims import item_claim, item_claim_next, item_open_for_post, item_release
from moderation.services.decisions import (
    RemovalReason,
    item_approve,
    item_dismiss,
    item_remove,
    removal_message,
)
from moderation.services.duty import moderator_seen, moderator_set_duty
from moderation.services.items import (
    item_escalate,
    item_hide,
    item_lock_thread,
    item_open_automatic,
)
from moderation.services.reports import REPORT_ABOUT_CONDUCT, REPORT_ABOUT_POST, report_create
from moderation.services.sanctions import (
    MUTE_PERIODS,
    MuteDuration,
    account_suspend,
    member_ban,
    member_check_in,
    member_mute,
    member_warn,
)
from moderation.services.training import training_attempt_record

__all__ = [
    "MUTE_PERIODS",
    "REPORT_ABOUT_CONDUCT",
    "REPORT_ABOUT_POST",
    "MuteDuration",
    "RemovalReason",
    "account_suspend",
    "alert_recipient_ids",
    "appeal_create",
    "appeal_decide",
    "item_alert_moderators",
    "item_alert_overdue",
    "item_approve",
    "item_claim",
    "item_claim_next",
    "item_dismiss",
    "item_email_staff",
    "item_escalate",
    "item_hide",
    "item_lock_thread",
    "item_open_automatic",
    "item_open_for_post",
    "item_release",
    "item_remove",
    "member_ban",
    "member_check_in",
    "member_mute",
    "member_warn",
    "moderator_seen",
    "moderator_set_duty",
    "queue_changed",
    "queue_sweep",
    "removal_message",
    "report_create",
    "schedule_alert",
    "tell_member",
    "training_attempt_record",
]
