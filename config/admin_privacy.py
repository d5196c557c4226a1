"""Django admin behind the reveal rule.

Admin shows personas without their account and accounts without their personas, to
every staff member: the only road from one to the other is the reveal page
(moderation:reveal), which asks for the reveal permission and a reason and writes an
audit row. Two of admin's own screens would otherwise join them without anyone
choosing to: the delete confirmation, which lists every related row by name (deleting
an account would list its personas and their posts), and the change history, whose
messages name the inline rows that were edited (an account's personas).
"""

import json

from django.contrib import admin
from django.utils.translation import gettext_lazy, ngettext


class NoRelatedNamesOnDeleteMixin:
    """The delete confirmation names what is deleted, and only counts what goes with it."""

    def get_deleted_objects(self, objs, request):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        # The top level is what staff chose; nested lists are the related rows.
        chosen = [entry for entry in deleted if not isinstance(entry, list)]
        if protected:
            protected = [
                ngettext(
                    "%(count)d related record that must be removed first (not listed: it could "
                    "show who is behind a persona).",
                    "%(count)d related records that must be removed first (not listed: they "
                    "could show who is behind a persona).",
                    len(protected),
                )
                % {"count": len(protected)}
            ]
        return chosen, model_count, perms_needed, protected


def _without_inline_names(change_message: str) -> str:
    """A logged change with the names of inline rows left out ("Changed name for
    persona “…”.")."""
    try:
        messages = json.loads(change_message)
    except (TypeError, ValueError):
        return change_message
    if not isinstance(messages, list):
        return change_message
    for message in messages:
        for detail in message.values() if isinstance(message, dict) else ():
            if isinstance(detail, dict) and "object" in detail:
                detail["object"] = "…"
    return json.dumps(messages)


class HistoryWithoutInlineNamesMixin:
    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        page = getattr(response, "context_data", {}).get("action_list")
        if page is not None:
            entries = list(page.object_list)
            for entry in entries:
                entry.change_message = _without_inline_names(entry.change_message)
            page.object_list = entries
        return response


class PrivateModelAdmin(NoRelatedNamesOnDeleteMixin, admin.ModelAdmin):
    """The base for admin screens of rows that belong to a member."""


REVEAL_NOTE = gettext_lazy(
    "Admin never shows which account holds a persona or wrote a post. Staff with the "
    "reveal permission can see the account behind one post from its review item "
    "(“Reveal who wrote this”), with a reason that the audit log keeps."
)


class ReadOnlyAdmin(PrivateModelAdmin):
    """Records that services write; admin shows them and never edits them, so nothing
    slips past the audit trail."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
