"""A member's own data: downloading everything Sanad holds about them, and deleting it.

Services and selectors for both, so that views, Celery tasks and admin go through the
same rules.
"""

import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.db.models.functions import Greatest
from django.utils import timezone

from accounts.models import AccountDeletion, DataExport, Persona, User
from config.oncommit import after_commit
from groups.models import Invite, Membership
from moderation.models import (
    Appeal,
    AuditEntry,
    ModeratorPresence,
    Report,
    ReviewItem,
    TrainingCompletion,
)
from notifications.models import Notification
from posts.models import (
    AnonymousAuthor,
    Bookmark,
    Post,
    PostRevision,
    Reaction,
    ReaderPreference,
    ReadState,
    Subscription,
    Thread,
)

logger = logging.getLogger(__name__)

EXPORT_IN_PROGRESS = (DataExport.Status.PENDING, DataExport.Status.RUNNING)


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


# --- Export: selectors -------------------------------------------------------------------


def data_export_current(*, user: User) -> DataExport | None:
    """The export the privacy page talks about: the newest one still worth showing."""
    export = user.data_exports.order_by("-created_at", "-pk").first()
    if export is None:
        return None
    if export.status == DataExport.Status.READY and not _is_downloadable(export):
        return None
    return export


def data_export_downloadable(*, user: User, export_id: int) -> DataExport | None:
    """The export, if this member may download it now; None for anyone else's or later."""
    export = DataExport.objects.filter(pk=export_id, user=user).first()
    if export is None or not _is_downloadable(export):
        return None
    return export


def _is_downloadable(export: DataExport) -> bool:
    return (
        export.status == DataExport.Status.READY
        and export.payload is not None
        and export.expires_at is not None
        and export.expires_at > timezone.now()
    )


# --- Export: services --------------------------------------------------------------------


@transaction.atomic
def data_export_request(*, user: User) -> DataExport:
    """Start preparing the member's data, or return the export already on its way."""
    export = user.data_exports.filter(status__in=EXPORT_IN_PROGRESS).first()
    if export is not None:
        return export
    try:
        with transaction.atomic():
            export = DataExport.objects.create(user=user)
    except IntegrityError:
        # A second click (or a second tab) created it a moment ago: one job, not two.
        export = user.data_exports.filter(status__in=EXPORT_IN_PROGRESS).first()
        if export is None:
            # ...and that job already finished in between; show the newest.
            return user.data_exports.order_by("-created_at", "-pk").first()
        return export
    from accounts.tasks import build_data_export

    after_commit(build_data_export.delay, export.pk)
    return export


def data_export_build(*, export_id: int) -> DataExport | None:
    """Collect everything about the member into the export. Safe to run more than once."""
    with transaction.atomic():
        export = DataExport.objects.select_for_update().filter(pk=export_id).first()
        if export is None or export.status not in EXPORT_IN_PROGRESS:
            return export
        # Committed on its own, so the page can say "being prepared" while we work.
        export.status = DataExport.Status.RUNNING
        export.save(update_fields=["status"])

    with transaction.atomic():
        export = DataExport.objects.select_for_update().select_related("user").get(pk=export_id)
        if export.status != DataExport.Status.RUNNING:
            return export
        now = timezone.now()
        export.payload = _collect(export.user, now)
        export.status = DataExport.Status.READY
        export.finished_at = now
        export.expires_at = now + timedelta(hours=settings.SANAD_EXPORT_AVAILABLE_HOURS)
        export.save(update_fields=["payload", "status", "finished_at", "expires_at"])
    logger.info("Data export %s ready", export.pk)
    return export


def data_export_mark_failed(*, export_id: int) -> None:
    """After the last retry: say so on the page, and free the member to ask again."""
    DataExport.objects.filter(pk=export_id, status__in=EXPORT_IN_PROGRESS).update(
        status=DataExport.Status.FAILED, finished_at=timezone.now(), payload=None
    )
    logger.warning("Data export %s failed", export_id)


def data_exports_stalled(*, older_than: timedelta) -> list[int]:
    """Exports still unfinished after a while: their task was lost (a broker outage when
    it was scheduled), so a periodic task schedules them again."""
    cutoff = timezone.now() - older_than
    return list(
        DataExport.objects.filter(
            status__in=EXPORT_IN_PROGRESS, created_at__lte=cutoff
        ).values_list("pk", flat=True)
    )


def data_export_purge_expired() -> int:
    """Delete exports past their download window, and failed ones as old: a copy of a
    member's data should not sit in the database longer than they need it."""
    now = timezone.now()
    window = timedelta(hours=settings.SANAD_EXPORT_AVAILABLE_HOURS)
    deleted, _by_model = DataExport.objects.filter(
        status=DataExport.Status.READY, expires_at__lte=now
    ).delete()
    failed, _by_model = DataExport.objects.filter(
        status=DataExport.Status.FAILED, finished_at__lte=now - window
    ).delete()
    return deleted + failed


def _collect(user: User, now) -> dict[str, Any]:
    """Everything Sanad holds about this account, and nothing about anyone else.

    Other members appear only as what this member saw of them: thread titles and group
    names, never a username, an email or a persona; who else reacted, bookmarked or
    decided is never theirs to know. One query per section, however much there is.
    """
    personas = user.personas.order_by("created_at", "pk")
    memberships = (
        Membership.objects.filter(user=user).select_related("group", "persona").order_by("pk")
    )
    posts = (
        Post.objects.filter(author=user)
        .select_related("thread__group", "persona")
        .defer("search_vector", "body_html")
        .order_by("created_at", "pk")
    )
    reports = Report.objects.filter(reporter=user).select_related("item").order_by("pk")
    # A notice deferred by an emergency reveal must not surface early through the export.
    notifications = (
        Notification.objects.filter(recipient=user)
        .filter(Q(visible_from__isnull=True) | Q(visible_from__lte=now))
        .order_by("created_at", "pk")
    )
    return {
        "format": "sanad-export-2",
        "generated_at": _iso(now),
        "account": {
            "username": user.username,
            "email": user.email,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
            "suspended_at": _iso(user.suspended_at),
            "suspension_reason": user.suspension_reason,
        },
        "email_addresses": _email_addresses(user),
        "two_factor_methods": _two_factor_methods(user),
        "personas": [
            {
                "name": persona.name,
                "is_default": persona.is_default,
                "created_at": _iso(persona.created_at),
                "renamed_at": _iso(persona.renamed_at),
            }
            for persona in personas
        ],
        "memberships": [
            {
                "group": membership.group.name,
                "role": membership.role,
                "state": membership.state,
                "persona": membership.persona.name,
                "joined_at": _iso(membership.joined_at),
                "muted_until": _iso(membership.muted_until),
                "sanction_reason": membership.sanction_reason,
                "verified_facilitator": membership.is_verified_facilitator,
            }
            for membership in memberships
        ],
        "posts": [
            {
                "id": post.pk,
                "thread_id": post.thread_id,
                "thread_title": post.thread.title,
                "group": post.thread.group.name,
                "is_opening": post.is_opening,
                "anonymous": post.is_anonymous,
                "shown_as": post.public_author_name,
                "persona": post.persona.name if post.persona else None,
                "state": post.state,
                "created_at": _iso(post.created_at),
                "edited_at": _iso(post.edited_at),
                "content_warning": post.content_warning,
                "body": post.body,
                # What the member was told when moderators removed it; who removed it
                # stays with the moderators.
                "removal_reason": post.removal_reason,
            }
            for post in posts
        ],
        "post_revisions": _post_revisions(user),
        "reactions_given": [
            {"post_id": post_id, "kind": kind, "created_at": _iso(created_at)}
            for post_id, kind, created_at in Reaction.objects.filter(user=user)
            .order_by("created_at", "pk")
            .values_list("post_id", "kind", "created_at")
        ],
        "bookmarks": [
            {"post_id": post_id, "thread_id": thread_id, "created_at": _iso(created_at)}
            for post_id, thread_id, created_at in Bookmark.objects.filter(user=user)
            .order_by("created_at", "pk")
            .values_list("post_id", "post__thread_id", "created_at")
        ],
        "thread_subscriptions": [
            {"thread_id": thread_id, "level": level}
            for thread_id, level in Subscription.objects.filter(user=user)
            .order_by("thread_id")
            .values_list("thread_id", "level")
        ],
        "read_states": [
            {"thread_id": thread_id, "last_read_post_id": last_read, "at": _iso(at)}
            for thread_id, last_read, at in ReadState.objects.filter(user=user)
            .order_by("thread_id")
            .values_list("thread_id", "last_read_post_id", "last_read_at")
        ],
        "reader_preferences": _reader_preferences(user),
        "reports_made": [
            {
                "post_id": report.item.post_id,
                "reason": report.reason,
                "note": report.note,
                "created_at": _iso(report.created_at),
                "outcome": report.outcome,
            }
            for report in reports
        ],
        # The member's own words and the note the deciding moderator wrote to them;
        # which moderator decided is not theirs to know.
        "appeals": [
            {
                "post_id": appeal.post_id,
                "note": appeal.note,
                "status": appeal.status,
                "created_at": _iso(appeal.created_at),
                "decided_at": _iso(appeal.decided_at),
                "note_from_moderators": appeal.decision_note,
            }
            for appeal in Appeal.objects.filter(author=user).order_by("created_at", "pk")
        ],
        # Requests to join: the member's own answers, and the note the moderators wrote
        # to them. Who decided is not theirs to know.
        "join_requests": [
            {
                "group": join_request.group.name,
                "persona": join_request.persona.name,
                "state": join_request.state,
                "answers": join_request.answers,
                "note_from_moderators": join_request.note,
                "created_at": _iso(join_request.created_at),
                "decided_at": _iso(join_request.decided_at),
            }
            for join_request in user.join_requests.select_related("group", "persona").order_by("pk")
        ],
        # Links the member made as a moderator. The token is left out: it still lets
        # whoever holds it into the group, and an export file may travel further.
        "invites_created": [
            {
                "group": invite.group.name,
                "label": invite.label,
                "created_at": _iso(invite.created_at),
                "expires_at": _iso(invite.expires_at),
                "max_uses": invite.max_uses,
                "use_count": invite.use_count,
                "revoked_at": _iso(invite.revoked_at),
            }
            for invite in Invite.objects.filter(created_by=user)
            .select_related("group")
            .order_by("created_at", "pk")
        ],
        "moderation_training": [
            {
                "module": slug,
                "score": score,
                "passed": passed,
                "completed_at": _iso(completed_at),
                "expires_at": _iso(expires_at),
            }
            for slug, score, passed, completed_at, expires_at in TrainingCompletion.objects.filter(
                user=user
            )
            .order_by("completed_at", "pk")
            .values_list("module__slug", "score", "passed", "completed_at", "expires_at")
        ],
        "moderator_presence": _moderator_presence(user),
        # The words each notice carried are the member's: a moderator's message, the
        # reason staff gave. Counts say how many, never who.
        "notifications": [
            {
                "kind": notification.kind,
                "message": notification.message,
                "count": notification.count,
                "created_at": _iso(notification.created_at),
                "read_at": _iso(notification.read_at),
            }
            for notification in notifications
        ],
        "notification_settings": _notification_settings(user),
    }


def _post_revisions(user: User) -> list[dict[str, Any]]:
    """Earlier versions of the member's posts. A redacted one says only that it was and
    when: its text is gone from Sanad, and the export must not look as if it kept it."""
    revisions = PostRevision.objects.filter(post__author=user).order_by(
        "post_id", "created_at", "pk"
    )
    rows = []
    for revision in revisions:
        row = {
            "post_id": revision.post_id,
            "created_at": _iso(revision.created_at),
            "redacted": revision.redacted_at is not None,
        }
        if revision.redacted_at is not None:
            row["redacted_at"] = _iso(revision.redacted_at)
        else:
            row.update(
                title=revision.title, content_warning=revision.content_warning, body=revision.body
            )
        rows.append(row)
    return rows


def _reader_preferences(user: User) -> dict[str, Any]:
    preference = ReaderPreference.objects.filter(user=user).first()
    return {
        "expand_content_warnings": preference.expand_content_warnings if preference else False,
        "muted_words": preference.muted_words if preference else "",
    }


def _moderator_presence(user: User) -> dict[str, Any] | None:
    presence = ModeratorPresence.objects.filter(user=user).first()
    if presence is None:
        return None
    return {"on_duty": presence.on_duty, "last_seen_at": _iso(presence.last_seen_at)}


def _email_addresses(user: User) -> list[dict[str, Any]]:
    from allauth.account.models import EmailAddress

    return [
        {"email": email, "verified": verified, "primary": primary}
        for email, verified, primary in EmailAddress.objects.filter(user=user)
        .order_by("pk")
        .values_list("email", "verified", "primary")
    ]


def _two_factor_methods(user: User) -> list[dict[str, Any]]:
    """Which methods are on and when they were used; never their secrets or codes."""
    from allauth.mfa.models import Authenticator

    return [
        {"type": kind, "created_at": _iso(created_at), "last_used_at": _iso(last_used_at)}
        for kind, created_at, last_used_at in Authenticator.objects.filter(user=user)
        .order_by("pk")
        .values_list("type", "created_at", "last_used_at")
    ]


def _notification_settings(user: User) -> dict[str, Any]:
    from notifications.models import KindPreference, NotificationPreference

    preference = NotificationPreference.objects.filter(user=user).first()
    kinds = KindPreference.objects.filter(user=user).order_by("kind")
    return {
        "language": preference.language if preference else None,
        "email_style": preference.email_style if preference else None,
        "digest": preference.digest if preference else None,
        "time_zone": preference.time_zone if preference else None,
        "quiet_hours": [
            preference.quiet_start.isoformat() if preference and preference.quiet_start else None,
            preference.quiet_end.isoformat() if preference and preference.quiet_end else None,
        ],
        "paused": preference.paused if preference else False,
        "kinds": {k.kind: {"in_app": k.in_app, "email": k.email} for k in kinds},
    }


# --- Deletion ----------------------------------------------------------------------------


@transaction.atomic
def account_deletion_request(*, user: User, mode: str) -> AccountDeletion:
    """Close the account at once and delete it in the background.

    The caller has checked the password. The account is deactivated in this transaction
    so that it can never sign in again, even if the deletion itself waits for a worker.
    """
    if mode not in AccountDeletion.Mode.values:
        raise ValueError("Unknown deletion mode")
    # get_or_create handles the race on the unique user_id_at_request: one job, not two.
    deletion, _created = AccountDeletion.objects.get_or_create(
        user_id_at_request=user.pk, defaults={"mode": mode}
    )
    User.objects.filter(pk=user.pk).update(is_active=False)
    user.is_active = False
    if deletion.status == AccountDeletion.Status.PENDING:
        from accounts.tasks import delete_account

        after_commit(delete_account.delay, deletion.pk)
    return deletion


@transaction.atomic
def account_delete(*, deletion_id: int) -> AccountDeletion | None:
    """Detach or erase the member's posts, retire their personas, delete the account.

    One transaction, and a finished deletion is left alone: a retried or redelivered
    task gives the same result as the first run. Every step also finds nothing left to
    do on a second run, so even a deletion forced to run again from the start changes
    nothing but the audit log.

    What goes with the account row (on_delete=CASCADE): memberships, join requests,
    reactions, bookmarks, subscriptions, read states, reader and notification
    preferences, digests, exports, training, presence, email addresses, two-factor
    methods. What stays, with the account link emptied (SET_NULL): review items about
    the member or worked by them, invites they made, decisions they took, audit
    entries they wrote. tests/accounts/test_deletion.py checks no row still points here.
    """
    deletion = AccountDeletion.objects.select_for_update().filter(pk=deletion_id).first()
    if deletion is None or deletion.status == AccountDeletion.Status.DONE:
        return deletion
    user_id = deletion.user_id_at_request
    now = timezone.now()

    posts = Post.objects.filter(author_id=user_id)
    if deletion.mode == AccountDeletion.Mode.ERASE:
        # As when an author deletes a reply: readers no longer count it as one.
        counted_replies = (
            posts.filter(is_opening=False)
            .exclude(state__in=[Post.State.ERASED, Post.State.REMOVED])
            .values("thread_id")
            .annotate(erased=Count("pk"))
            .order_by()
        )
        for row in counted_replies:
            Thread.objects.filter(pk=row["thread_id"]).update(
                reply_count=Greatest(F("reply_count") - row["erased"], 0)
            )
        # A title is the first line of what the member wrote: it goes with their words,
        # while the thread stays for the replies of others. Found through the opening
        # post, before its author is emptied below, so a second run finds none.
        started = posts.filter(is_opening=True).values("thread_id")
        Thread.objects.filter(pk__in=started).update(title="")
        # Earlier versions (earlier titles too) and the search index hold the same
        # words: they go too. Only an opening post's vector carries its thread's title.
        PostRevision.objects.filter(post__in=posts).delete()
        posts.update(
            state=Post.State.ERASED,
            body="",
            body_html="",
            content_warning="",
            removal_reason="",
            search_vector=None,
            author=None,
            persona=None,
        )
    else:
        # Shown as "Former member"; anonymous posts keep their per-thread label.
        posts.update(author=None, persona=None)
    Thread.objects.filter(author_id=user_id).update(author=None)
    AnonymousAuthor.objects.filter(user_id=user_id).update(user=None)
    # The names stay taken (retired, unowned) for SANAD_PERSONA_HOLD_DAYS, so nobody can
    # pick one up and speak as the person who left.
    Persona.objects.filter(user_id=user_id).update(user=None, retired_at=now, is_default=False)
    # The review item stays for the moderators; only who reported disappears.
    Report.objects.filter(reporter_id=user_id).delete()
    _appeals_withdraw(user_id=user_id, now=now)
    Notification.objects.filter(recipient_id=user_id).delete()
    User.objects.filter(pk=user_id).delete()

    AuditEntry.objects.create(
        action="account.deleted", subject_account_id=user_id, details={"mode": deletion.mode}
    )
    deletion.status = AccountDeletion.Status.DONE
    deletion.finished_at = now
    deletion.save(update_fields=["status", "finished_at"])
    logger.info("Account deletion %s done", deletion.pk)
    return deletion


def _appeals_withdraw(*, user_id: int, now) -> None:
    """An appeal is its author's words and goes with them. Its review item stays in the
    record, closed: left open, it would ask moderators to decide an appeal nobody made."""
    from moderation import realtime as moderation_realtime

    appeals = Appeal.objects.filter(author_id=user_id)
    waiting = list(
        ReviewItem.objects.filter(
            pk__in=appeals.values("item_id"), status=ReviewItem.Status.OPEN
        ).values_list("pk", "group_id")
    )
    ReviewItem.objects.filter(pk__in=[pk for pk, _group in waiting]).update(
        status=ReviewItem.Status.RESOLVED,
        resolved_at=now,
        decision=ReviewItem.Decision.NO_ACTION,
        claimed_by=None,
        claim_touched_at=None,
    )
    appeals.delete()
    for item_id, group_id in waiting:
        after_commit(moderation_realtime.queue_item_changed, item_id=item_id, group_id=group_id)


def account_deletions_stalled(*, older_than: timedelta) -> list[int]:
    """Deletions still waiting after a while: their task was lost (a broker outage when
    it was scheduled), so a periodic task schedules them again."""
    cutoff = timezone.now() - older_than
    return list(
        AccountDeletion.objects.filter(
            status=AccountDeletion.Status.PENDING, requested_at__lte=cutoff
        ).values_list("pk", flat=True)
    )


def persona_purge_retired() -> int:
    """Free the names of deleted accounts' personas once the hold has passed."""
    cutoff = timezone.now() - timedelta(days=settings.SANAD_PERSONA_HOLD_DAYS)
    deleted, _by_model = Persona.objects.filter(
        user__isnull=True, retired_at__lte=cutoff, memberships__isnull=True
    ).delete()
    return deleted
