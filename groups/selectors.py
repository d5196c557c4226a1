import logging
from datetime import timedelta

from django.core.cache import cache
from django.db import connection
from django.db.models import (
    Case,
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Persona, User
from config import hooks, rows
from config.oncommit import after_commit
from groups.access import moderated_groups
from groups.models import Invite, JoinRequest, Membership, SupportGroup, Topic
from groups.search import search_groups

ACTIVE_WINDOW = timedelta(days=7)
# How long a member sees the note the moderators wrote when they let them in.
WELCOME_NOTE_DAYS = 14
# How long the header trusts its cached answer to "does this account work a review
# queue?". The services that change a role or a membership's state forget it at once;
# this only bounds what a missed path (an account deleted, a row edited by hand) costs.
REVIEW_QUEUE_FLAG_SECONDS = 5 * 60

logger = logging.getLogger(__name__)


def _active_member_count() -> Subquery:
    return Coalesce(
        Subquery(
            Membership.objects.filter(group=OuterRef("pk"), state=Membership.State.ACTIVE)
            .order_by()
            .values("group")
            .annotate(total=Count("pk"))
            .values("total")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


def with_card_details(groups: QuerySet[SupportGroup]) -> QuerySet[SupportGroup]:
    """What a group card shows beyond the group's own fields, in the same query (plus
    one for all the cards' topics)."""
    # What higher floors know about a group (posts: whether it was active this week),
    # in the same query.
    annotations = {}
    for _receiver, extra in hooks.group_card_annotations.send(sender=SupportGroup):
        annotations.update(extra)
    return groups.annotate(active_members=_active_member_count(), **annotations).prefetch_related(
        Prefetch("topics", queryset=Topic.objects.order_by("slug"))
    )


def directory_groups(
    *,
    query: str = "",
    topic: str = "",
    language: str = "",
    access: str = "",
    leadership: str = "",
    reader_language: str = "",
) -> QuerySet[SupportGroup]:
    """Listed, open-for-business groups matching the directory's search and filters.

    Groups in the reader's own language come first: an Arabic reader browsing should not
    scroll past every English group to find one they can speak in. A search keeps its
    best matches first.
    """
    groups = SupportGroup.objects.filter(listing=SupportGroup.Listing.LISTED, is_archived=False)
    if reader_language:
        own_language_first = Case(When(language=reader_language, then=0), default=1)
        groups = groups.order_by(own_language_first, "name", "pk")
    else:
        groups = groups.order_by("name", "pk")
    if topic:
        groups = groups.filter(topics__slug=topic)
    if language:
        groups = groups.filter(language=language)
    if access:
        groups = groups.filter(access=access)
    if leadership:
        groups = groups.filter(leadership=leadership)
    return with_card_details(search_groups(groups, query))


def topic_choices() -> list[tuple[str, str]]:
    """(slug, name in the current language) for every topic, sorted by that name."""
    topics = [(topic.slug, topic.name) for topic in Topic.objects.all()]
    return sorted(topics, key=lambda choice: choice[1])


def group_card(group: SupportGroup) -> SupportGroup:
    """The group with what its card shows, for its own page."""
    return with_card_details(SupportGroup.objects.filter(pk=group.pk)).get()


def facilitators_of(group: SupportGroup) -> list[Membership]:
    """A professionally led group's facilitators, by the persona the group knows them
    by: never an account name, whether or not staff have verified them."""
    if group.leadership != SupportGroup.Leadership.PROFESSIONAL:
        return []
    return list(
        Membership.objects.filter(
            group=group, state=Membership.State.ACTIVE, role=Membership.Role.FACILITATOR
        )
        .select_related("persona")
        .order_by("-is_verified_facilitator", "joined_at", "pk")
    )


def memberships_of(user: User) -> list[Membership]:
    """The account's active memberships of groups still open, by group name, each with
    its group and persona: one query written as SQL (config.rows), as the home page asks
    on every visit. The same rule as Membership.objects.filter(user=user,
    state=ACTIVE, group__is_archived=False); tests hold the two together."""
    quote = connection.ops.quote_name
    membership_table, group_table, persona_table = (
        quote(model._meta.db_table) for model in (Membership, SupportGroup, Persona)
    )
    sql = f"""
        SELECT {rows.columns(Membership, "m")}, {rows.columns(SupportGroup, "g")},
               {rows.columns(Persona, "pe")}
        FROM {membership_table} m
        JOIN {group_table} g ON g.id = m.group_id
        LEFT JOIN {persona_table} pe ON pe.id = m.persona_id
        WHERE m.user_id = %s AND m.state = %s AND NOT g.is_archived
        ORDER BY g.name, m.id
    """  # noqa: S608 (names from the models, every value a parameter)
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk, Membership.State.ACTIVE])
        found = cursor.fetchall()
    first = rows.width(Membership)
    second = first + rows.width(SupportGroup)
    memberships = []
    for row in found:
        membership = rows.instance(Membership, row[:first])
        membership.group = rows.instance(SupportGroup, row[first:second])
        membership.persona = rows.instance(Persona, row[second:])
        memberships.append(membership)
    return memberships


def group_members(group: SupportGroup) -> QuerySet[Membership]:
    """For the group's moderators: members by group persona, moderators first."""
    role_order = {Membership.Role.FACILITATOR: 0, Membership.Role.MODERATOR: 1}
    return (
        Membership.objects.filter(group=group)
        .exclude(state=Membership.State.LEFT)
        .select_related("persona")
        .annotate(
            role_order=Case(
                *[When(role=role, then=Value(order)) for role, order in role_order.items()],
                default=Value(2),
            )
        )
        .order_by("role_order", "persona__name", "pk")
    )


def pending_join_requests(group: SupportGroup) -> QuerySet[JoinRequest]:
    """Oldest first: whoever has waited longest is answered first."""
    return (
        JoinRequest.objects.filter(group=group, state=JoinRequest.State.PENDING)
        .select_related("persona")
        .order_by("created_at", "pk")
    )


def group_invites(group: SupportGroup) -> QuerySet[Invite]:
    return Invite.objects.filter(group=group).order_by("-created_at", "-pk")


def latest_join_request(user: User, group: SupportGroup) -> JoinRequest | None:
    if not user.is_authenticated:
        return None
    return JoinRequest.objects.filter(group=group, user=user).order_by("-created_at", "-pk").first()


def welcome_note_since():
    """The moment after which a moderators' welcome note still shows."""
    return timezone.now() - timedelta(days=WELCOME_NOTE_DAYS)


def welcome_note(user: User, group: SupportGroup) -> JoinRequest | None:
    """The approval of this member's request, if recent and the moderators wrote a note.

    The rule the group page's access query (groups.access.group_for_viewer, given
    welcome_since) applies in SQL; tests hold the two to each other."""
    return (
        JoinRequest.objects.filter(
            group=group,
            user=user,
            state=JoinRequest.State.APPROVED,
            decided_at__gte=welcome_note_since(),
        )
        .exclude(note="")
        .order_by("-decided_at")
        .first()
    )


def member_count_band(count: int) -> str:
    """Small groups show a band, not a number: an exact count of three can identify."""
    if count < 10:
        return _("fewer than 10 members")
    if count < 50:
        return _("10 to 50 members")
    if count < 200:
        return _("50 to 200 members")
    return _("more than 200 members")


# --- The header's "Review queue" link ------------------------------------------------------


def _review_queue_flag_key(user_id: int) -> str:
    # The account id only: a cache key never names a persona or a group.
    return f"groups:works-review-queue:{user_id}"


def works_review_queue(user: User) -> bool:
    """Whether the account may open the review queue: staff, or an active moderator or
    facilitator of any group.

    Every page's header asks, and nearly every reader is an ordinary member, so the
    answer is cached per account: a cache read, never a database query, on the pages
    themselves (the thread page's query count is pinned). Signing in fills it; after
    that it is worked out again at most once in REVIEW_QUEUE_FLAG_SECONDS.
    """
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    try:
        flag = cache.get(_review_queue_flag_key(user.pk))
    except Exception:
        # A cache outage must not take every page down with it, "Need help now?" included.
        logger.warning("review queue flag unreadable for account %s", user.pk, exc_info=True)
        flag = None
    if flag is None:
        flag = works_review_queue_refresh(user)
    return flag


def works_review_queue_refresh(user: User) -> bool:
    """Work the answer out from the memberships (one query) and cache it."""
    if user.is_staff:
        return True
    flag = moderated_groups(user).exists()
    try:
        cache.set(_review_queue_flag_key(user.pk), flag, REVIEW_QUEUE_FLAG_SECONDS)
    except Exception:
        logger.warning("review queue flag not cached for account %s", user.pk, exc_info=True)
    return flag


def works_review_queue_forget(user_id: int) -> None:
    """Called by every service that changes a membership's role or state.

    Forgotten now, so the rest of this request sees the change, and again after commit:
    a page rendered by another request before the change committed may have cached the
    old answer in between. A cache outage never undoes the change itself; the stale
    answer then lasts REVIEW_QUEUE_FLAG_SECONDS at most.
    """
    key = _review_queue_flag_key(user_id)
    try:
        cache.delete(key)
    except Exception:
        logger.warning("review queue flag not forgotten for account %s", user_id, exc_info=True)
    after_commit(cache.delete, key)


def personas_of(user: User) -> QuerySet[Persona]:
    """The account's own personas, each with the groups that know it by that name.

    Only ever shown to the account itself.
    """
    return (
        user.personas.filter(retired_at__isnull=True)
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(state=Membership.State.ACTIVE).select_related(
                    "group"
                ),
            )
        )
        .order_by("-is_default", "created_at")
    )


def personas_in_use(user: User) -> set[int]:
    """The account's personas a group knows it by, or will once a moderator says yes:
    only the others may be retired (services.persona_retire checks the same rule)."""
    in_groups = Membership.objects.filter(
        user=user, state__in=[Membership.State.ACTIVE, Membership.State.PENDING]
    ).values_list("persona_id", flat=True)
    asked = JoinRequest.objects.filter(user=user, state=JoinRequest.State.PENDING).values_list(
        "persona_id", flat=True
    )
    return set(in_groups) | set(asked)
