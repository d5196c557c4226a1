from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Case, CharField, Count, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from groups.access import moderated_groups
from groups.models import Membership
from moderation.models import AuditEntry, CrisisResource, ReviewItem

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
    "account.suspended": _("Account suspended"),
}


def audit_action_label(action: str) -> str:
    return str(AUDIT_ACTION_LABELS.get(action, action))


@dataclass
class AuthorHistory:
    """What a group's moderators may know of an author: their record in that group only."""

    # The persona the group knows the account by now; None for an anonymous post, whose
    # author must stay unnamed even to moderators.
    persona_name: str | None
    earlier_items: int
    actions: list[tuple[str, int]] = field(default_factory=list)


def review_queue(user: User) -> list[ReviewItem]:
    """Open items in the groups this account moderates: most urgent first, then oldest.

    Each item carries its author's history in the item's group (item.author_history).
    The history follows the account, not the persona, so switching persona or posting
    anonymously does not wipe the slate; it never reaches into another group.
    """
    earlier_items = (
        ReviewItem.objects.filter(
            group=OuterRef("group"),
            post__author=OuterRef("post__author"),
            created_at__lt=OuterRef("created_at"),
        )
        .order_by()
        .values("group")
        .annotate(n=Count("pk"))
        .values("n")
    )
    group_persona = Membership.objects.filter(
        group=OuterRef("group"), user=OuterRef("post__author")
    ).values("persona__name")[:1]
    items = list(
        ReviewItem.objects.filter(status=ReviewItem.Status.OPEN, group__in=moderated_groups(user))
        .select_related("group", "post__persona", "post__thread")
        .annotate(
            report_count=Count("reports", distinct=True),
            author_earlier_items=Coalesce(Subquery(earlier_items), 0),
            # Decided in the database, so an anonymous author's persona never even
            # reaches the template.
            author_group_persona=Case(
                When(post__is_anonymous=True, then=Value(None)),
                default=Subquery(group_persona),
                output_field=CharField(),
            ),
        )
        .prefetch_related("reports")
        .order_by("priority", "created_at")
    )
    _attach_author_histories(items)
    return items


def _attach_author_histories(items: list[ReviewItem]) -> None:
    pairs = {(item.group_id, item.post.author_id) for item in items if item.post.author_id}
    actions: dict[tuple[int, int], Counter] = defaultdict(Counter)
    if pairs:
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
    for item in items:
        if item.post.author_id is None:
            # A former member: nobody is behind the post any more.
            item.author_history = None
            continue
        counted = actions.get((item.group_id, item.post.author_id), Counter())
        item.author_history = AuthorHistory(
            persona_name=item.author_group_persona,
            earlier_items=item.author_earlier_items,
            actions=[(audit_action_label(action), n) for action, n in sorted(counted.items())],
        )


def _staff_only_actions() -> Q:
    condition = Q()
    for prefix in STAFF_ONLY_ACTION_PREFIXES:
        condition |= Q(action__startswith=prefix)
    return condition


def audit_log() -> QuerySet[AuditEntry]:
    """Every entry, newest first, for staff only (the caller checks)."""
    return AuditEntry.objects.select_related("actor", "group").order_by("-created_at", "-pk")


def crisis_resources(language: str) -> QuerySet[CrisisResource]:
    return CrisisResource.objects.filter(is_active=True, language__in=["", language])
