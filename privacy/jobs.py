"""The work behind a member's privacy requests, run by Celery workers (privacy.tasks):
collecting everything Sanad holds about them into an export, deleting an account, and
the sweeps that keep both on time.

What a member asks for (privacy.services) schedules these; they never schedule
themselves, so services import tasks and tasks import this, in one direction.
"""

import logging
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Q
from django.db.models.functions import Greatest
from django.utils import timezone

from accounts.models import AccountDeletion, DataExport, Persona, User
from audit.models import AuditEntry
from config import public_ids
from config.minutes import iso_minute
from config.oncommit import after_commit
from groups.models import Invite, JoinRequest, Membership
from moderation import realtime as moderation_realtime
from moderation.models import (
    Appeal,
    ModeratorPresence,
    PostAttempt,
    Report,
    ReviewItem,
    TrainingCompletion,
)
from notifications.models import Notification
from posts import post_cache
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


# To the minute, like every time that leaves the server (config.minutes): an export
# carries times of other members' posts too (what one reacted to, bookmarked, reported).
_iso = iso_minute


def _thread(thread_id: int | None) -> str | None:
    """A thread as members see it: its public id (config.public_ids), never the count."""
    return public_ids.encode(thread_id, "thread") if thread_id else None


# --- Export ------------------------------------------------------------------------------


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
        .defer("search_vector", "search_text", "body_html")
        .order_by("created_at", "pk")
    )
    reports = Report.objects.filter(reporter=user).select_related("item__post").order_by("pk")
    # A notice deferred by an emergency reveal must not surface early through the export.
    notifications = (
        Notification.objects.filter(recipient=user)
        .filter(Q(visible_from__isnull=True) | Q(visible_from__lte=now))
        .order_by("created_at", "pk")
    )
    return {
        "format": "sanad-export-3",
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
        "recovery_codes": _recovery_codes(user),
        "personas": [
            {
                "name": persona.name,
                "is_default": persona.is_default,
                "created_at": _iso(persona.created_at),
                "renamed_at": _iso(persona.renamed_at),
                # A retired persona is still the member's, and its name still reserved.
                "retired_at": _iso(persona.retired_at),
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
                # Posts are their thread and their number there: a global id would
                # order them against posts of other groups (issue 16).
                "thread_id": _thread(post.thread_id),
                "number": post.number,
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
        # Words a rule refused to publish (a limit, a lock, a mute...) that moderators
        # were shown because they carried crisis language: the member's own words.
        "attempted_posts": _post_attempts(user),
        "reactions_given": [
            {
                "thread_id": _thread(thread_id),
                "number": number,
                "kind": kind,
                "created_at": _iso(at),
            }
            for thread_id, number, kind, at in Reaction.objects.filter(user=user)
            .order_by("created_at", "pk")
            .values_list("post__thread_id", "post__number", "kind", "created_at")
        ],
        "bookmarks": [
            {"thread_id": _thread(thread_id), "number": number, "created_at": _iso(created_at)}
            for thread_id, number, created_at in Bookmark.objects.filter(user=user)
            .order_by("created_at", "pk")
            .values_list("post__thread_id", "post__number", "created_at")
        ],
        # Sorted by the public id: in the order of the real ones, they would count up.
        "thread_subscriptions": sorted(
            (
                {"thread_id": _thread(thread_id), "level": level}
                for thread_id, level in Subscription.objects.filter(user=user).values_list(
                    "thread_id", "level"
                )
            ),
            key=lambda row: row["thread_id"],
        ),
        "read_states": sorted(
            (
                {"thread_id": _thread(thread_id), "last_read_number": last_read, "at": _iso(at)}
                for thread_id, last_read, at in ReadState.objects.filter(user=user)
                .annotate(
                    last_read_number=Post.objects.filter(pk=OuterRef("last_read_post_id")).values(
                        "number"
                    )[:1]
                )
                .values_list("thread_id", "last_read_number", "last_read_at")
            ),
            key=lambda row: row["thread_id"],
        ),
        "reader_preferences": _reader_preferences(user),
        "reports_made": [
            {
                "thread_id": _thread(report.item.post.thread_id) if report.item.post else None,
                "number": report.item.post.number if report.item.post else None,
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
                "thread_id": _thread(appeal.post.thread_id),
                "number": appeal.post.number,
                "note": appeal.note,
                "status": appeal.status,
                "created_at": _iso(appeal.created_at),
                "decided_at": _iso(appeal.decided_at),
                "note_from_moderators": appeal.decision_note,
            }
            for appeal in Appeal.objects.filter(author=user)
            .select_related("post")
            .order_by("created_at", "pk")
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


def _post_attempts(user: User) -> list[dict[str, Any]]:
    attempts = (
        PostAttempt.objects.filter(author=user)
        .select_related("group", "thread")
        .order_by("created_at", "pk")
    )
    return [
        {
            "group": attempt.group.name,
            "where": attempt.where,
            "thread_id": _thread(attempt.thread_id),
            "thread_title": attempt.thread.title if attempt.thread else None,
            "anonymous": attempt.is_anonymous,
            "title": attempt.title,
            "body": attempt.body,
            "content_warning": attempt.content_warning,
            "refused_because": attempt.refusal,
            "times": attempt.times,
            "created_at": _iso(attempt.created_at),
            "last_tried_at": _iso(attempt.last_tried_at),
        }
        for attempt in attempts
    ]


def _post_revisions(user: User) -> list[dict[str, Any]]:
    """Earlier versions of the member's posts. A redacted one says only that it was and
    when: its text is gone from Sanad, and the export must not look as if it kept it."""
    revisions = (
        PostRevision.objects.filter(post__author=user)
        .select_related("post")
        .order_by("post_id", "created_at", "pk")
    )
    rows = []
    for revision in revisions:
        row = {
            "thread_id": _thread(revision.post.thread_id),
            "number": revision.post.number,
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


def _recovery_codes(user: User) -> dict[str, Any] | None:
    """That the member holds recovery codes, how many are left and when they were made
    and last used: never the codes, which Sanad does not have, nor their hashes."""
    rows = list(user.recovery_codes.values_list("created_at", "used_at"))
    if not rows:
        return None
    used = [used_at for _created, used_at in rows if used_at is not None]
    return {
        "created_at": _iso(max(created for created, _used in rows)),
        "unused": len(rows) - len(used),
        "used": len(used),
        "last_used_at": _iso(max(used, default=None)),
    }


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
def account_delete(*, deletion_id: int) -> AccountDeletion | None:
    """Detach or erase the member's posts, retire their personas, delete the account.

    One transaction, and a finished deletion is left alone: a retried or redelivered
    task gives the same result as the first run. Every step also finds nothing left to
    do on a second run, so even a deletion forced to run again from the start changes
    nothing but the audit log.

    What goes with the account row (on_delete=CASCADE): memberships, join requests,
    reactions, bookmarks, subscriptions, read states, reader and notification
    preferences, digests, exports, training, presence, email addresses, two-factor
    methods, recovery codes, and (after their items are closed) refused posts kept for
    moderators. What stays, with the account link emptied (SET_NULL): review items about
    the member or worked by them, invites they made, decisions they took, audit
    entries they wrote. tests/accounts/test_deletion.py checks no row still points here.
    """
    deletion = AccountDeletion.objects.select_for_update().filter(pk=deletion_id).first()
    if deletion is None or deletion.status == AccountDeletion.Status.DONE:
        return deletion
    user_id = deletion.user_id_at_request
    now = timezone.now()

    posts = Post.objects.filter(author_id=user_id)
    # Erased or detached, their cached blocks (text, persona name) go with them.
    post_cache.forget_after_commit(posts.values_list("pk", flat=True))
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
        post_cache.forget_threads_after_commit(started.values_list("thread_id", flat=True))
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
            search_text="",
            author=None,
            persona=None,
        )
    else:
        # The account link goes at once. Readers see an anonymous post's label either
        # way, so it lets go of its persona now too; named posts keep their persona's
        # name until that persona's own time comes (_detach_times_draw).
        posts.filter(is_anonymous=True).update(persona=None)
        posts.update(author=None)
        _detach_times_draw(user_id=user_id, now=now)
    Thread.objects.filter(author_id=user_id).update(author=None)
    AnonymousAuthor.objects.filter(user_id=user_id).update(user=None)
    # The names stay taken (retired, unowned) for SANAD_PERSONA_HOLD_DAYS, so nobody can
    # pick one up and speak as the person who left.
    Persona.objects.filter(user_id=user_id).update(user=None, retired_at=now, is_default=False)
    # The review item stays for the moderators; only who reported disappears.
    Report.objects.filter(reporter_id=user_id).delete()
    _appeals_withdraw(user_id=user_id, now=now)
    _attempts_erase(user_id=user_id, now=now)
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


# Posts kept by a deleted account turn into "Former member" one persona at a time, each
# at a moment drawn on its own within this window: all at once, readers of two groups
# would watch two personas flip together and know them for one person.
DETACH_WITHIN = timedelta(hours=24)
# A persona whose time passed this long ago missed its sweep (beat or the worker was
# down): it draws a new time rather than flip in one batch with the others that waited.
DETACH_OVERDUE_AFTER = timedelta(minutes=10)
_random = secrets.SystemRandom()


def _detach_at(now):
    return now + timedelta(seconds=_random.uniform(60, DETACH_WITHIN.total_seconds()))


def _detach_times_draw(*, user_id: int, now) -> None:
    named = Post.objects.filter(persona_id=OuterRef("pk"), is_anonymous=False)
    personas = Persona.objects.filter(Exists(named), user_id=user_id)
    for persona_id in personas.values_list("pk", flat=True):
        Persona.objects.filter(pk=persona_id).update(detach_posts_at=_detach_at(now))


def personas_detach_due(*, now=None) -> int:
    """Turn the kept posts of each persona whose time has come into "Former member",
    each persona in its own transaction. For the periodic task; returns how many."""
    now = now or timezone.now()
    due = Persona.objects.filter(detach_posts_at__lte=now, user__isnull=True)
    # Overdue ones were not swept on time: bunched together, they would flip as one.
    for persona_id in due.filter(detach_posts_at__lt=now - DETACH_OVERDUE_AFTER).values_list(
        "pk", flat=True
    ):
        Persona.objects.filter(pk=persona_id).update(detach_posts_at=_detach_at(now))
    detached = 0
    for persona_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            # Only posts whose account is gone: the persona is unowned, so they all are.
            detaching = Post.objects.filter(persona_id=persona_id, author__isnull=True)
            post_cache.forget_after_commit(detaching.values_list("pk", flat=True))
            detaching.update(persona=None)
            Persona.objects.filter(pk=persona_id).update(detach_posts_at=None)
        detached += 1
    if detached:
        logger.info("Detached the kept posts of %s persona(s)", detached)
    return detached


def _appeals_withdraw(*, user_id: int, now) -> None:
    """An appeal is its author's words and goes with them. Its review item stays in the
    record, closed: left open, it would ask moderators to decide an appeal nobody made."""
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


def _attempts_erase(*, user_id: int, now) -> None:
    """Words a member tried to post and a rule refused are theirs, and go with them. The
    review item stays in the record, closed: there is nobody left to check in with."""
    attempts = PostAttempt.objects.filter(author_id=user_id)
    waiting = list(
        ReviewItem.objects.filter(
            pk__in=attempts.values("item_id"), status=ReviewItem.Status.OPEN
        ).values_list("pk", "group_id")
    )
    ReviewItem.objects.filter(pk__in=[pk for pk, _group in waiting]).update(
        status=ReviewItem.Status.RESOLVED,
        resolved_at=now,
        decision=ReviewItem.Decision.NO_ACTION,
        claimed_by=None,
        claim_touched_at=None,
    )
    attempts.delete()
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
    """Free the names of retired personas (a deleted account's, or ones a member retired)
    once the hold has passed, unless something still shows the name: a post written
    under it, a membership or a join request. Freed too soon, such a name could be taken
    by someone else and read as its former holder."""
    cutoff = timezone.now() - timedelta(days=settings.SANAD_PERSONA_HOLD_DAYS)
    deleted, _by_model = (
        Persona.objects.filter(retired_at__lte=cutoff, memberships__isnull=True)
        .exclude(Exists(Post.objects.filter(persona=OuterRef("pk"))))
        .exclude(Exists(JoinRequest.objects.filter(persona=OuterRef("pk"))))
        .delete()
    )
    return deleted
