"""The only road to a protected group, membership, invite or join request.

Every function answers 404 for anything the viewer may not see, whether it exists or
not, so that nobody can learn that a private group or a thread exists by probing ids.
Views, consumers and tasks go through here and nowhere else. Threads and posts have
their own road, built on this one: posts/access.py.
"""

from django.db import connection
from django.http import Http404

from accounts.models import Persona, User
from config import rows
from groups.models import Invite, JoinRequest, Membership, SupportGroup


def active_membership(user: User, group: SupportGroup) -> Membership | None:
    if not user.is_authenticated:
        return None
    return (
        Membership.objects.filter(group=group, user=user, state=Membership.State.ACTIVE)
        .select_related("persona")
        .first()
    )


def group_for_viewer(
    user: User, slug: str, *, welcome_since=None
) -> tuple[SupportGroup, Membership | None]:
    """The group as this viewer may see it: its card if listed, everything if a member.

    Unlisted groups exist only for their members: everyone else gets 404.

    One query (config.rows): the group, the viewer's active membership and its persona,
    and, given welcome_since, the note the moderators wrote when they let the viewer in
    since then (membership.welcome_note, "" when none). Every group page asks, and
    composing these as ORM queries cost more than PostgreSQL took to answer them.
    """
    quote = connection.ops.quote_name
    group_table, membership_table, persona_table, request_table = (
        quote(model._meta.db_table) for model in (SupportGroup, Membership, Persona, JoinRequest)
    )
    welcome = "NULL"
    params: list = []
    if welcome_since is not None:
        welcome = f"""(SELECT jr.note FROM {request_table} jr
            WHERE jr.group_id = g.id AND jr.user_id = %s AND jr.state = %s
              AND jr.decided_at >= %s AND jr.note <> ''
            ORDER BY jr.decided_at DESC LIMIT 1)"""  # noqa: S608 (names from the models)
        params += [user.pk or 0, JoinRequest.State.APPROVED, welcome_since]
    sql = f"""
        SELECT {rows.columns(SupportGroup, "g")}, {rows.columns(Membership, "m")},
               {rows.columns(Persona, "pe")}, {welcome}
        FROM {group_table} g
        LEFT JOIN {membership_table} m ON m.group_id = g.id AND m.user_id = %s AND m.state = %s
        LEFT JOIN {persona_table} pe ON pe.id = m.persona_id
        WHERE g.slug = %s AND NOT g.is_archived
    """  # noqa: S608 (names from the models, every value a parameter)
    user_id = user.pk if user.is_authenticated else 0
    params += [user_id or 0, Membership.State.ACTIVE, slug]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        raise Http404
    split = rows.width(SupportGroup)
    after_membership = split + rows.width(Membership)
    group = rows.instance(SupportGroup, row[:split])
    membership = rows.instance(Membership, row[split:after_membership])
    if membership is None and group.listing == SupportGroup.Listing.UNLISTED:
        raise Http404
    if membership is not None:
        membership.group = group
        membership.persona = rows.instance(Persona, row[after_membership:-1])
        membership.welcome_note = row[-1] or ""
    return group, membership


def membership_of_account(user: User, slug: str) -> tuple[SupportGroup, Membership]:
    """The account's own membership in any state, so a sanctioned member can be told
    why they are refused; 404 for an account that was never in the group."""
    if not user.is_authenticated:
        raise Http404
    membership = (
        Membership.objects.filter(group__slug=slug, group__is_archived=False, user=user)
        .select_related("group", "persona", "user")
        .first()
    )
    if membership is None:
        raise Http404
    return membership.group, membership


def group_for_joining(
    user: User, slug: str, invite_token: str = ""
) -> tuple[SupportGroup, Membership | None, Invite | None]:
    """The group an account is trying to join, its membership in any state, and the
    invite it holds (in any state, so that its holder learns why it no longer works).

    A listed group's join page is open to anyone signed in. An unlisted one exists only
    for whoever holds one of its invite links or is already connected to it (a
    membership in any state, or a request to join); anyone else gets 404.
    """
    if not user.is_authenticated:
        raise Http404
    group = SupportGroup.objects.filter(slug=slug, is_archived=False).first()
    if group is None:
        raise Http404
    invite = None
    if invite_token:
        invite = Invite.objects.filter(group=group, token=invite_token).first()
        if invite is not None:
            invite.group = group
    membership = Membership.objects.filter(group=group, user=user).select_related("persona").first()
    if (
        group.listing == SupportGroup.Listing.UNLISTED
        and invite is None
        and membership is None
        and not JoinRequest.objects.filter(group=group, user=user).exists()
    ):
        raise Http404
    return group, membership, invite


def own_pending_join_request(user: User, slug: str) -> tuple[SupportGroup, JoinRequest]:
    """The account's own request to join that is still waiting, or 404."""
    if not user.is_authenticated:
        raise Http404
    join_request = (
        JoinRequest.objects.filter(
            group__slug=slug,
            group__is_archived=False,
            user=user,
            state=JoinRequest.State.PENDING,
        )
        .select_related("group")
        .first()
    )
    if join_request is None:
        raise Http404
    return join_request.group, join_request


def persona_connected_to_group(user: User, group: SupportGroup) -> Persona | None:
    """The persona an account is known by in a group it has any tie to (a membership in
    any state: active, muted, banned, left; or a request to join), else None.

    For help before limits only: when a rule refuses a post that carries crisis language,
    the group's moderators hear of it if the account is tied to that group, whatever
    its state, and nobody hears of it otherwise. It opens nothing to the account.
    """
    if not user.is_authenticated:
        return None
    membership = Membership.objects.filter(group=group, user=user).select_related("persona").first()
    if membership is not None:
        return membership.persona
    join_request = (
        JoinRequest.objects.filter(group=group, user=user)
        .select_related("persona")
        .order_by("-created_at", "-pk")
        .first()
    )
    return join_request.persona if join_request is not None else None


def group_for_moderator(user: User, slug: str) -> tuple[SupportGroup, Membership | None]:
    """A group its moderators and facilitators (and staff) may manage; 404 for anyone
    else, members included, so that the page's existence says nothing."""
    if not user.is_authenticated:
        raise Http404
    group = SupportGroup.objects.filter(slug=slug, is_archived=False).first()
    if group is None:
        raise Http404
    membership = active_membership(user, group)
    if not user.is_staff and (membership is None or not membership.can_moderate):
        raise Http404
    return group, membership


def join_request_for_moderator(
    user: User, slug: str, request_id: int
) -> tuple[SupportGroup, JoinRequest]:
    group, _membership = group_for_moderator(user, slug)
    join_request = (
        JoinRequest.objects.filter(pk=request_id, group=group).select_related("persona").first()
    )
    if join_request is None:
        raise Http404
    return group, join_request


def invite_for_moderator(user: User, slug: str, invite_id: int) -> tuple[SupportGroup, Invite]:
    group, _membership = group_for_moderator(user, slug)
    invite = Invite.objects.filter(pk=invite_id, group=group).first()
    if invite is None:
        raise Http404
    return group, invite


def group_for_member(user: User, slug: str) -> tuple[SupportGroup, Membership]:
    group, membership = group_for_viewer(user, slug)
    if membership is None:
        raise Http404
    return group, membership


def moderated_groups(user: User):
    """Groups whose review queue this account may work: its own as moderator, all for staff."""
    if not user.is_authenticated:
        return SupportGroup.objects.none()
    if user.is_staff:
        return SupportGroup.objects.all()
    return SupportGroup.objects.filter(
        memberships__user=user,
        memberships__state=Membership.State.ACTIVE,
        memberships__role__in=[Membership.Role.MODERATOR, Membership.Role.FACILITATOR],
    )
