"""Every change to groups, memberships, join requests and invites.

The site's views and Django admin both come through here, so the same rules hold and
the same audit rows are written whoever acts. Moderation and staff acts write an
AuditEntry with ids and a namespaced action, never what a member wrote.

One module per concern, and every public name is importable from here:

- groups: creating, configuring and archiving a group;
- memberships: joining, leaving, switching persona, and staff's changes to members;
- entry_questions: the questions a group asks those who ask to join;
- join_requests: asking to join, withdrawing, and the moderators' decision;
- invites: making, changing, revoking and redeeming an invite;
- personas: whether a persona can be retired, and retiring it.

_common holds what they share: the audit row, who may moderate, the persona a member
joins under, admitting a member.
"""

from groups.services._common import can_moderate_group
from groups.services.entry_questions import (
    entry_question_create,
    entry_question_delete,
    entry_question_update,
)
from groups.services.groups import (
    MODERATOR_SETTINGS,
    STAFF_SETTINGS,
    group_archive,
    group_create,
    group_update,
    unique_slug,
)
from groups.services.invites import (
    invite_create,
    invite_problem,
    invite_redeem,
    invite_revoke,
    invite_update,
)
from groups.services.join_requests import (
    join_request_approve,
    join_request_cooldown_ends,
    join_request_decline,
    join_request_submit,
    join_request_withdraw,
)
from groups.services.memberships import (
    membership_add_by_staff,
    membership_join,
    membership_leave,
    membership_remove_by_staff,
    membership_set_role,
    membership_switch_persona,
    membership_update_by_staff,
)
from groups.services.personas import persona_retire

__all__ = [
    "MODERATOR_SETTINGS",
    "STAFF_SETTINGS",
    "can_moderate_group",
    "entry_question_create",
    "entry_question_delete",
    "entry_question_update",
    "group_archive",
    "group_create",
    "group_update",
    "invite_create",
    "invite_problem",
    "invite_redeem",
    "invite_revoke",
    "invite_update",
    "join_request_approve",
    "join_request_cooldown_ends",
    "join_request_decline",
    "join_request_submit",
    "join_request_withdraw",
    "membership_add_by_staff",
    "membership_join",
    "membership_leave",
    "membership_remove_by_staff",
    "membership_set_role",
    "membership_switch_persona",
    "membership_update_by_staff",
    "persona_retire",
    "unique_slug",
]
