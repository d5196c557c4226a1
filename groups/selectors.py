from datetime import timedelta

from django.db.models import (
    Case,
    Count,
    Exists,
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

from accounts.models import User
from groups.models import Invite, JoinRequest, Membership, SupportGroup, Topic
from groups.search import search_groups

ACTIVE_WINDOW = timedelta(days=7)
# How long a member sees the note the moderators wrote when they let them in.
WELCOME_NOTE_DAYS = 14


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


def _active_this_week() -> Exists:
    from posts.models import Thread

    return Exists(
        Thread.objects.filter(
            group=OuterRef("pk"), last_posted_at__gte=timezone.now() - ACTIVE_WINDOW
        )
    )


def with_card_details(groups: QuerySet[SupportGroup]) -> QuerySet[SupportGroup]:
    """What a group card shows beyond the group's own fields, in the same query (plus
    one for all the cards' topics)."""
    return groups.annotate(
        active_members=_active_member_count(), active_this_week=_active_this_week()
    ).prefetch_related(Prefetch("topics", queryset=Topic.objects.order_by("slug")))


def directory_groups(
    *,
    query: str = "",
    topic: str = "",
    language: str = "",
    access: str = "",
    leadership: str = "",
) -> QuerySet[SupportGroup]:
    """Listed, open-for-business groups matching the directory's search and filters."""
    groups = SupportGroup.objects.filter(
        listing=SupportGroup.Listing.LISTED, is_archived=False
    ).order_by("name", "pk")
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


def memberships_of(user: User) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(
            user=user, state=Membership.State.ACTIVE, group__is_archived=False
        )
        .select_related("group", "persona")
        .order_by("group__name")
    )


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


def welcome_note(user: User, group: SupportGroup) -> JoinRequest | None:
    """The approval of this member's request, if recent and the moderators wrote a note."""
    return (
        JoinRequest.objects.filter(
            group=group,
            user=user,
            state=JoinRequest.State.APPROVED,
            decided_at__gte=timezone.now() - timedelta(days=WELCOME_NOTE_DAYS),
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
