"""Reads for moderation: the queue, an item with its context, history, health, training."""

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from audit.models import AuditEntry
from config import humanize
from groups.access import moderated_groups
from groups.models import Membership, SupportGroup
from moderation.charts import minutes_display
from moderation.models import (
    ModeratorPresence,
    PostAttempt,
    Report,
    ReviewItem,
    TrainingCompletion,
    TrainingModule,
)
from moderation.policies import Qualification, qualification_for, qualified_user_ids, work_refusal
from posts.models import Post, PostRevision

# Acts on an account that belong to staff alone (a reveal, and the reason given for it)
# stay out of what a group's moderators see of a member's history.
STAFF_ONLY_ACTION_PREFIXES = ("identity.",)

AUDIT_ACTION_LABELS = {
    "identity.revealed": _("Identity revealed"),
    "post.approved": _("Post approved"),
    "post.hidden": _("Post hidden"),
    "post.removed": _("Post removed"),
    "thread.locked": _("Thread locked"),
    "member.warned": _("Warned"),
    "member.muted": _("Muted in the group"),
    "member.banned": _("Banned from the group"),
    "member.checked_in": _("Check-in message sent"),
    "account.suspended": _("Account suspended"),
    "item.claimed": _("Item claimed"),
    "item.released": _("Item released"),
    "item.escalated": _("Item escalated"),
    "item.dismissed": _("Closed with no action"),
    "item.closed": _("Closed after action"),
    "appeal.decided": _("Appeal decided"),
    "thread.unlocked": _("Thread unlocked"),
    "thread.pinned": _("Thread pinned"),
    "thread.unpinned": _("Thread unpinned"),
    "revision.redacted": _("Earlier version redacted"),
    "account.deleted": _("Account deleted"),
    "group.created": _("Group created"),
    "group.updated": _("Group settings changed"),
    "group.archived": _("Group archived"),
    "group.unarchived": _("Group restored from the archive"),
    "membership.added": _("Member added"),
    "membership.role_changed": _("Role changed"),
    "membership.state_changed": _("Membership changed"),
    "membership.removed": _("Member removed"),
    "join_request.approved": _("Request to join approved"),
    "join_request.declined": _("Request to join declined"),
    "invite.created": _("Invite created"),
    "invite.updated": _("Invite changed"),
    "invite.revoked": _("Invite revoked"),
    "entry_question.created": _("Entry question added"),
    "entry_question.updated": _("Entry question changed"),
    "entry_question.deleted": _("Entry question removed"),
}
LANES = (
    (ReviewItem.Priority.CRISIS, "crisis"),
    (ReviewItem.Priority.HIGH, "high"),
    (ReviewItem.Priority.NORMAL, "normal"),
)


def audit_action_label(action: str) -> str:
    return str(AUDIT_ACTION_LABELS.get(action, action))


@dataclass
class Sanctions:
    """What stands against an account in one group right now, so a moderator neither
    mutes twice nor misses a ban: never why, nor for which post."""

    muted_until: datetime | None = None
    banned: bool = False
    suspended: bool = False

    @property
    def any(self) -> bool:
        return bool(self.muted_until or self.banned or self.suspended)


@dataclass
class AuthorHistory:
    """What a group's moderators may know of an author: their record in that group only.

    Counts and outcomes, never a list of the other items: each listed item (its date,
    its post) would tie an anonymous post to the author's named ones, which only an
    audited reveal may do.
    """

    # The persona the group knows the account by now; None for an anonymous post, whose
    # author must stay unnamed even to moderators.
    persona_name: str | None
    earlier_items: int
    actions: list[tuple[str, int]] = field(default_factory=list)
    # Other review items about the account in this group, counted by outcome.
    outcomes: list[tuple[str, int]] = field(default_factory=list)
    sanctions: Sanctions = field(default_factory=Sanctions)


@dataclass
class QueueFilters:
    group_id: int | None = None
    lane: int | None = None
    kind: str = ""
    claim: str = ""  # "", "unclaimed", "mine"
    escalated: bool = False


@dataclass
class ModeratorContext:
    """What the queue needs to know about the moderator looking at it: loaded once."""

    user: User
    groups: list[SupportGroup]
    facilitated_group_ids: set[int]
    qualification: Qualification
    on_duty: bool = True


def moderator_context(user: User) -> ModeratorContext:
    """Three queries: the groups (with the moderator's role), the second factor, and
    the training record."""
    if user.is_staff:
        groups = list(SupportGroup.objects.order_by("name"))
        facilitated: set[int] = set()
    else:
        memberships = list(
            Membership.objects.filter(
                user=user,
                state=Membership.State.ACTIVE,
                role__in=[Membership.Role.MODERATOR, Membership.Role.FACILITATOR],
            )
            .select_related("group")
            .order_by("group__name")
        )
        groups = [membership.group for membership in memberships]
        facilitated = {m.group_id for m in memberships if m.role == Membership.Role.FACILITATOR}
    return ModeratorContext(
        user=user,
        groups=groups,
        facilitated_group_ids=facilitated,
        qualification=qualification_for(user),
    )


def _queue_queryset(user: User) -> QuerySet[ReviewItem]:
    earlier_items = (
        ReviewItem.objects.filter(
            group=OuterRef("group"),
            subject=OuterRef("subject"),
            created_at__lt=OuterRef("created_at"),
        )
        .order_by()
        .values("group")
        .annotate(n=Count("pk"))
        .values("n")
    )
    group_persona = Membership.objects.filter(
        group=OuterRef("group"), user=OuterRef("subject")
    ).values("persona__name")[:1]
    return (
        ReviewItem.objects.filter(group__in=moderated_groups(user))
        .select_related("group", "post__persona", "post__thread")
        .annotate(
            author_earlier_items=Coalesce(Subquery(earlier_items), 0),
            # Decided in the database, so an anonymous author's persona never even
            # reaches the template.
            author_group_persona=Case(
                When(post__is_anonymous=True, then=Value(None)),
                # Words refused before they were published, sent anonymously: as
                # unnamed as the post would have been.
                When(
                    Q(kind=ReviewItem.Kind.ATTEMPT)
                    & Exists(PostAttempt.objects.filter(item=OuterRef("pk"), is_anonymous=True)),
                    then=Value(None),
                ),
                default=Subquery(group_persona),
                output_field=CharField(),
            ),
        )
        .prefetch_related("reports")
        .order_by("priority", "created_at", "pk")
    )


def _apply_filters(items: QuerySet[ReviewItem], filters: QueueFilters, user: User):
    if filters.group_id:
        items = items.filter(group_id=filters.group_id)
    if filters.lane is not None:
        items = items.filter(priority=filters.lane)
    if filters.kind:
        items = items.filter(kind=filters.kind)
    if filters.claim == "mine":
        items = items.filter(claimed_by=user)
    elif filters.claim == "unclaimed":
        cutoff = timezone.now() - timedelta(minutes=settings.SANAD_CLAIM_IDLE_MINUTES)
        items = items.filter(Q(claimed_by__isnull=True) | Q(claim_touched_at__lt=cutoff))
    if filters.escalated:
        items = items.exclude(escalated_to="")
    return items


def queue_items(
    user: User,
    *,
    filters: QueueFilters | None = None,
    item_ids: list[int] | None = None,
    context: ModeratorContext | None = None,
    per_lane: int | None = None,
) -> list[ReviewItem]:
    """Open items in the groups this account moderates: most urgent first, then oldest.

    Each item carries its author's history in the item's group (item.author_history),
    the accuracy of each reporter's earlier reports (report.reporter_accuracy), its
    claim as this moderator sees it, and why this moderator may not work it, if so.
    The history follows the account, not the persona, so switching persona or posting
    anonymously does not wipe the slate; it never reaches into another group.

    per_lane keeps a backlog from turning the page into thousands of posts: the oldest
    items of each lane, counted in the database with a window function.
    """
    items = _queue_queryset(user).filter(status=ReviewItem.Status.OPEN)
    if filters is not None:
        items = _apply_filters(items, filters, user)
    if item_ids is not None:
        items = items.filter(pk__in=item_ids)
    if per_lane is not None:
        items = items.annotate(
            place_in_lane=Window(
                RowNumber(), partition_by=[F("priority")], order_by=[F("created_at"), F("pk")]
            )
        ).filter(place_in_lane__lte=per_lane)
    items = list(items)
    for item in items:
        item.report_count = len(item.reports.all())
    _attach_attempts(items)
    _attach_author_histories(items)
    _attach_reporter_accuracy(items)
    if context is not None:
        _attach_work_state(items, context)
    return items


def _attach_attempts(items: list[ReviewItem]) -> None:
    """What each "attempt" item's member tried to post (item.attempt_list). One query,
    and only when the page holds such an item."""
    ids = [item.pk for item in items if item.kind == ReviewItem.Kind.ATTEMPT]
    by_item: dict[int, list[PostAttempt]] = defaultdict(list)
    if ids:
        for attempt in PostAttempt.objects.filter(item_id__in=ids).select_related(
            "thread", "persona"
        ):
            by_item[attempt.item_id].append(attempt)
    for item in items:
        item.attempt_list = by_item.get(item.pk, [])
        item.attempt_anonymous = any(attempt.is_anonymous for attempt in item.attempt_list)
        named = [a.persona.name for a in item.attempt_list if a.persona and not a.is_anonymous]
        item.attempt_persona_name = named[-1] if named else None
        post = item.post if item.post_id else None
        item.author_is_anonymous = post.is_anonymous if post else item.attempt_anonymous


def lane_totals(user: User, filters: QueueFilters) -> dict[int, int]:
    """How many open items each lane holds, beyond what the page shows. One query."""
    items = _apply_filters(
        ReviewItem.objects.filter(status=ReviewItem.Status.OPEN, group__in=moderated_groups(user)),
        filters,
        user,
    )
    return dict(items.order_by().values_list("priority").annotate(n=Count("pk")))


def decorate_items(items: list[ReviewItem], context: ModeratorContext) -> None:
    for item in items:
        item.report_count = len(item.reports.all())
    _attach_attempts(items)
    _attach_author_histories(items)
    _attach_reporter_accuracy(items)
    _attach_work_state(items, context)


def review_queue(user: User) -> list[ReviewItem]:
    return queue_items(user)


def _action_counts(pairs: set[tuple[int, int]]) -> dict[tuple[int, int], Counter]:
    """Moderation acts on each (group, account) pair, counted by action. One query."""
    actions: dict[tuple[int, int], Counter] = defaultdict(Counter)
    if not pairs:
        return actions
    entries = (
        AuditEntry.objects.filter(
            group_id__in={group_id for group_id, _ in pairs},
            subject_account_id__in={account_id for _, account_id in pairs},
        )
        .exclude(_staff_only_actions())
        .order_by()
        .values_list("group_id", "subject_account_id", "action")
    )
    for group_id, account_id, action in entries:
        if (group_id, account_id) in pairs:
            actions[group_id, account_id][action] += 1
    return actions


def _labelled(counted: Counter) -> list[tuple[str, int]]:
    return [(audit_action_label(action), n) for action, n in sorted(counted.items())]


def sanctions_for(pairs: set[tuple[int, int]]) -> dict[tuple[int, int], Sanctions]:
    """Each (group, account) pair's sanctions in force now. One query."""
    if not pairs:
        return {}
    now = timezone.now()
    rows = Membership.objects.filter(
        group_id__in={group_id for group_id, _ in pairs},
        user_id__in={account_id for _, account_id in pairs},
    ).values_list("group_id", "user_id", "state", "muted_until", "user__suspended_at")
    found = {}
    for group_id, account_id, state, muted_until, suspended_at in rows:
        if (group_id, account_id) not in pairs:
            continue
        found[group_id, account_id] = Sanctions(
            muted_until=muted_until if muted_until and muted_until > now else None,
            banned=state == Membership.State.BANNED,
            suspended=suspended_at is not None,
        )
    return found


def _attach_author_histories(items: list[ReviewItem]) -> None:
    pairs = {(item.group_id, item.subject_id) for item in items if item.subject_id}
    actions = _action_counts(pairs)
    sanctions = sanctions_for(pairs)
    for item in items:
        if item.subject_id is None or (item.post is not None and item.post.author_id is None):
            # A former member: nobody is behind the post any more.
            item.author_history = None
            continue
        pair = (item.group_id, item.subject_id)
        item.author_history = AuthorHistory(
            persona_name=item.author_group_persona,
            earlier_items=item.author_earlier_items,
            actions=_labelled(actions.get(pair, Counter())),
            sanctions=sanctions.get(pair, Sanctions()),
        )


@dataclass
class ReporterAccuracy:
    upheld: int
    decided: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.upheld / self.decided) if self.decided else None


def reporter_accuracy(reporter_ids) -> dict[int, ReporterAccuracy]:
    """How often each reporter's decided reports led to action. One query."""
    rows = (
        Report.objects.filter(reporter_id__in=set(reporter_ids))
        .exclude(outcome="")
        .order_by()
        .values("reporter_id")
        .annotate(
            upheld=Count("pk", filter=Q(outcome=Report.Outcome.UPHELD)),
            decided=Count("pk"),
        )
    )
    return {row["reporter_id"]: ReporterAccuracy(row["upheld"], row["decided"]) for row in rows}


def _attach_reporter_accuracy(items: list[ReviewItem]) -> None:
    reports = [report for item in items for report in item.reports.all()]
    accuracy = reporter_accuracy(report.reporter_id for report in reports) if reports else {}
    for report in reports:
        report.reporter_accuracy = accuracy.get(report.reporter_id, ReporterAccuracy(0, 0))


def _attach_work_state(items: list[ReviewItem], context: ModeratorContext) -> None:
    now = timezone.now()
    user = context.user
    for item in items:
        item.claim_live = item.claim_is_live(now)
        item.claimed_by_viewer = item.claim_live and item.claimed_by_id == user.pk
        item.claimed_by_other = item.claim_live and item.claimed_by_id != user.pk
        refusal = work_refusal(
            user,
            item,
            context.qualification,
            facilitator=item.group_id in context.facilitated_group_ids,
        )
        item.refusal = " ".join(refusal.messages) if refusal is not None else None
        warning = item.post.content_warning if item.post is not None else ""
        item.collapsed = bool(warning) or item.crisis_detected
        item.overdue = item.is_overdue
        item.seconds_left = int((item.due_at - now).total_seconds())
        # In words, in the reader's language: "14 minutes left", "overdue by 3 minutes".
        item.timer = humanize.time_left(item.seconds_left)


def lanes(items: list[ReviewItem], totals: dict[int, int] | None = None) -> list[dict]:
    by_priority = defaultdict(list)
    for item in items:
        by_priority[item.priority].append(item)
    totals = totals or {}
    return [
        {
            "priority": int(priority),
            "key": key,
            "label": ReviewItem.Priority(priority).label,
            "items": by_priority[priority],
            "total": max(totals.get(priority, 0), len(by_priority[priority])),
            "hidden": max(totals.get(priority, 0) - len(by_priority[priority]), 0),
            "target_minutes": settings.SANAD_QUEUE_TARGET_MINUTES[key],
            "target_display": minutes_display(settings.SANAD_QUEUE_TARGET_MINUTES[key]),
            "overdue": sum(1 for item in by_priority[priority] if item.is_overdue),
        }
        for priority, key in LANES
    ]


def review_item_for_moderator(user: User, item_id: int) -> ReviewItem:
    """An item in any state, for someone who moderates its group; 404 for anyone else,
    whether or not the item exists."""
    item = (
        _queue_queryset(user)
        .select_related("post__thread__group", "resolved_by")
        .filter(pk=item_id)
        .first()
    )
    if item is None:
        raise Http404
    return item


def post_for_moderator(user: User, thread_id: int, number: int) -> Post:
    post = (
        Post.objects.filter(
            thread_id=thread_id,
            number=number,
            thread__group__in=moderated_groups(user),
            thread__group__is_archived=False,
        )
        .exclude(state=Post.State.ERASED)
        .select_related("thread__group", "persona")
        .first()
    )
    if post is None:
        raise Http404
    return post


@dataclass
class ItemContext:
    thread_posts: list[Post]
    revisions: list[PostRevision]
    # The author's record in this group, counted (see AuthorHistory); None for a
    # former member's post.
    history: AuthorHistory | None
    # For an "attempt" item: the thread the member was writing in, if any.
    thread: object = None


def _author_record(item: ReviewItem) -> AuthorHistory | None:
    """The item page's account of the author: how many other items there were in this
    group and how each ended, the acts on record and the sanctions in force, all as
    counts. Three queries."""
    if item.subject_id is None or (item.post is not None and item.post.author_id is None):
        return None
    pair = (item.group_id, item.subject_id)
    others = (
        ReviewItem.objects.filter(group_id=item.group_id, subject_id=item.subject_id)
        .exclude(pk=item.pk)
        .order_by()
        .values_list("status", "decision")
        .annotate(n=Count("pk"))
    )
    outcomes: Counter = Counter()
    for status, decision, n in others:
        if status == ReviewItem.Status.OPEN or not decision:
            outcomes[str(ReviewItem.Status.OPEN.label)] += n
        else:
            outcomes[str(ReviewItem.Decision(decision).label)] += n
    return AuthorHistory(
        persona_name=item.author_group_persona,
        earlier_items=sum(outcomes.values()),
        actions=_labelled(_action_counts({pair}).get(pair, Counter())),
        outcomes=sorted(outcomes.items()),
        sanctions=sanctions_for({pair}).get(pair, Sanctions()),
    )


def _attempt_context(item: ReviewItem) -> tuple[list[Post], object]:
    """The last few posts of the thread the member was replying in (what they were
    answering), for an "attempt" item."""
    attempts = getattr(item, "attempt_list", None) or list(item.attempts.select_related("thread"))
    thread = next((a.thread for a in reversed(attempts) if a.thread is not None), None)
    if thread is None:
        return [], None
    latest = list(
        Post.objects.filter(thread=thread)
        .select_related("persona")
        .order_by("-created_at", "-pk")[:3]
    )
    return list(reversed(latest)), thread


def item_context(item: ReviewItem) -> ItemContext:
    """The post in its thread, its revisions, and the author's record in this group."""
    post = item.post
    thread = None
    if post is None:
        thread_posts, thread = _attempt_context(item)
        revisions = []
    else:
        before = list(
            Post.objects.filter(thread_id=post.thread_id, created_at__lte=post.created_at)
            .exclude(pk=post.pk)
            .select_related("persona")
            .order_by("-created_at", "-pk")[:3]
        )
        after = list(
            Post.objects.filter(thread_id=post.thread_id, created_at__gte=post.created_at)
            .exclude(pk=post.pk)
            .select_related("persona")
            .order_by("created_at", "pk")[:3]
        )
        thread_posts = [*reversed(before), post, *after]
        revisions = list(PostRevision.objects.filter(post=post).order_by("-created_at", "-pk"))
    return ItemContext(
        thread_posts=thread_posts,
        revisions=revisions,
        history=_author_record(item),
        thread=thread,
    )


def _staff_only_actions() -> Q:
    condition = Q()
    for prefix in STAFF_ONLY_ACTION_PREFIXES:
        condition |= Q(action__startswith=prefix)
    return condition


def audit_log(*, action: str = "", item_id: int | None = None) -> QuerySet[AuditEntry]:
    """Every entry, newest first, for staff only (the caller checks)."""
    entries = AuditEntry.objects.select_related("actor", "group").order_by("-created_at", "-pk")
    if action:
        entries = entries.filter(action=action)
    if item_id is not None:
        entries = entries.filter(details__item_id=item_id)
    return entries


def audit_subjects(entries: list[AuditEntry]) -> None:
    """Name the member each entry is about the way the group itself knows them, never by
    account: the author of an anonymous post by its label in that thread, the author of
    a signed post by the persona on it, a member acted on outside any post by their
    persona in that group.

    Every staff member reads the audit log, and the account id it used to print tied an
    anonymous post to the same account's signed posts (and its personas in other
    groups) without any reveal. A thread's label is stable within that thread and
    connects nothing across threads: only the audited reveal joins them. Two queries
    for a page, whatever its length.
    """
    post_ids = {e.post_id_at_action for e in entries if e.post_id_at_action}
    posts = {
        post.pk: post
        for post in Post.objects.filter(pk__in=post_ids)
        .select_related("persona")
        .only("pk", "thread_id", "is_anonymous", "anonymous_number", "persona__name")
    }
    pairs = {
        (e.group_id, e.subject_account_id)
        for e in entries
        if e.subject_account_id and e.group_id and e.post_id_at_action not in posts
    }
    personas = {}
    if pairs:
        rows = Membership.objects.filter(
            group_id__in={group_id for group_id, _ in pairs},
            user_id__in={account_id for _, account_id in pairs},
        ).values_list("group_id", "user_id", "persona__name")
        personas = {(g, u): name for g, u, name in rows if (g, u) in pairs}
    for entry in entries:
        entry.subject_name, entry.subject_thread_id = None, None
        post = posts.get(entry.post_id_at_action)
        if entry.subject_account_id is None:
            continue
        if post is not None:
            entry.subject_name = post.public_author_name
            entry.subject_thread_id = post.thread_id if post.is_anonymous else None
        else:
            entry.subject_name = personas.get((entry.group_id, entry.subject_account_id))


# --- Presence, duty and wellbeing ---------------------------------------------------------


def moderator_on_duty(user: User) -> bool:
    on_duty = ModeratorPresence.objects.filter(user=user).values_list("on_duty", flat=True)
    return next(iter(on_duty), True)


def crisis_items_handled_today(context: ModeratorContext) -> list[dict]:
    """Per group the viewer moderates: each moderator's crisis items resolved today,
    shown under the persona that group knows them by. One query."""
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    persona = Membership.objects.filter(
        group=OuterRef("group"), user=OuterRef("resolved_by")
    ).values("persona__name")[:1]
    rows = (
        ReviewItem.objects.filter(
            group__in=[group.pk for group in context.groups],
            priority=ReviewItem.Priority.CRISIS,
            resolved_at__gte=start,
            resolved_by__isnull=False,
        )
        .order_by()
        .values("group_id", "group__name", "resolved_by_id")
        .annotate(n=Count("pk"), persona_name=Subquery(persona))
        .order_by("group__name", "-n")
    )
    return [
        {
            "group_name": row["group__name"],
            "is_viewer": row["resolved_by_id"] == context.user.pk,
            "name": row["persona_name"],
            "count": row["n"],
        }
        for row in rows
    ]


def qualified_moderator_active(*, group: SupportGroup, crisis: bool = False) -> bool:
    """Has anyone who could act on this group's items been at work recently?"""
    since = timezone.now() - timedelta(minutes=settings.SANAD_OUT_OF_HOURS_AFTER_MINUTES)
    moderates = Membership.objects.filter(
        user=OuterRef("user"),
        group=group,
        state=Membership.State.ACTIVE,
        role__in=[Membership.Role.MODERATOR, Membership.Role.FACILITATOR],
    )
    candidates = (
        ModeratorPresence.objects.filter(on_duty=True, last_seen_at__gte=since)
        .filter(Q(user__is_staff=True) | Exists(moderates))
        .values_list("user_id", flat=True)
    )
    return bool(qualified_user_ids(list(candidates), crisis=crisis))


# --- Queue health -------------------------------------------------------------------------


def _percentile(values: list[float], share: float) -> float | None:
    """Nearest-rank percentile: a value that actually occurred."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


@dataclass
class LaneHealth:
    priority: int
    key: str
    label: str
    target_minutes: int
    waiting: int = 0
    handled: int = 0
    median_minutes: float | None = None
    p90_minutes: float | None = None
    missed: int = 0
    total: int = 0


def queue_health(*, now: datetime | None = None) -> dict:
    """Waiting items by lane now; time to first action (median, 90th percentile) and
    targets missed by lane over 7 and 30 days. Two queries."""
    now = now or timezone.now()
    waiting = dict(
        ReviewItem.objects.filter(status=ReviewItem.Status.OPEN)
        .order_by()
        .values_list("priority")
        .annotate(n=Count("pk"))
    )
    rows = list(
        ReviewItem.objects.filter(created_at__gte=now - timedelta(days=30))
        .order_by()
        .values_list("priority", "created_at", "first_action_at")
    )
    windows = {}
    for days in (7, 30):
        since = now - timedelta(days=days)
        lanes_health = []
        for priority, key in LANES:
            target = settings.SANAD_QUEUE_TARGET_MINUTES[key]
            lane = LaneHealth(
                priority=int(priority),
                key=key,
                label=str(ReviewItem.Priority(priority).label),
                target_minutes=target,
                waiting=waiting.get(priority, 0),
            )
            minutes = []
            for row_priority, created_at, first_action_at in rows:
                if row_priority != priority or created_at < since:
                    continue
                lane.total += 1
                if first_action_at is not None:
                    waited = (first_action_at - created_at).total_seconds() / 60
                    minutes.append(waited)
                    if waited > target:
                        lane.missed += 1
                elif (now - created_at).total_seconds() / 60 > target:
                    lane.missed += 1
            lane.handled = len(minutes)
            lane.median_minutes = _percentile(minutes, 0.5)
            lane.p90_minutes = _percentile(minutes, 0.9)
            lanes_health.append(lane)
        windows[days] = lanes_health
    return {"waiting": windows[7], "windows": windows, "now": now}


# --- Training -----------------------------------------------------------------------------


def training_overview(user: User) -> list[TrainingModule]:
    """Active modules, each with this account's latest attempt and current pass."""
    modules = list(TrainingModule.objects.filter(is_active=True).order_by("order", "slug"))
    attempts = list(
        TrainingCompletion.objects.filter(user=user, module__in=modules).order_by("-completed_at")
    )
    now = timezone.now()
    for module in modules:
        mine = [attempt for attempt in attempts if attempt.module_id == module.pk]
        module.latest_attempt = mine[0] if mine else None
        module.current_pass = next((a for a in mine if a.passed and a.expires_at > now), None)
    return modules


# --- Appeals ---------------------------------------------------------------------


def removed_post_of_author(user: User, thread_id: int, number: int) -> Post:
    """The author's own removed post, for an appeal; 404 for anything else."""
    if not user.is_authenticated:
        raise Http404
    post = (
        Post.objects.filter(
            thread_id=thread_id,
            number=number,
            author=user,
            state=Post.State.REMOVED,
            thread__group__is_archived=False,
        )
        .select_related("thread__group")
        .first()
    )
    if post is None:
        raise Http404
    return post
