"""The only road to a protected group, thread or post.

Every function answers 404 for anything the viewer may not see, whether it exists or
not, so that nobody can learn that a private group or a thread exists by probing ids.
Views, consumers and tasks go through here and nowhere else.
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


def group_for_viewer(user: User, slug: str) -> tuple[SupportGroup, Membership | None]:
    """The group as this viewer may see it: its card if listed, everything if a member.

    Unlisted groups exist only for their members: everyone else gets 404.
    """
    group = SupportGroup.objects.filter(slug=slug, is_archived=False).first()
    if group is None:
        raise Http404
    membership = active_membership(user, group)
    if membership is None and group.listing == SupportGroup.Listing.UNLISTED:
        raise Http404
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


def thread_for_member(user: User, thread_id: int):
    """A thread and the viewer's membership of its group, or 404.

    One query as SQL (config.rows): every thread page and every live message asks, and
    composing the two ORM queries this was cost more than running them.
    """
    from posts.models import Thread

    if not user.is_authenticated:
        raise Http404
    quote = connection.ops.quote_name
    sql = f"""
        SELECT {rows.columns(Thread, "t")}, {rows.columns(SupportGroup, "g")},
               {rows.columns(Membership, "m")}, {rows.columns(Persona, "p")}
        FROM {quote(Thread._meta.db_table)} t
        JOIN {quote(SupportGroup._meta.db_table)} g ON g.id = t.group_id
        LEFT JOIN {quote(Membership._meta.db_table)} m
            ON m.group_id = t.group_id AND m.user_id = %s AND m.state = %s
        LEFT JOIN {quote(Persona._meta.db_table)} p ON p.id = m.persona_id
        WHERE t.id = %s AND g.is_archived = %s
    """  # noqa: S608 (names from the models, every value a parameter)
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk, Membership.State.ACTIVE, thread_id, False])
        row = cursor.fetchone()
    if row is None:
        raise Http404
    parts, start = [], 0
    for model in (Thread, SupportGroup, Membership, Persona):
        end = start + rows.width(model)
        parts.append(rows.instance(model, row[start:end]))
        start = end
    thread, group, membership, persona = parts
    if membership is None:
        raise Http404
    thread.group = membership.group = group
    membership.persona = persona
    return thread, membership


def post_for_member(user: User, post_id: int):
    from posts.models import Post

    post = (
        Post.objects.filter(pk=post_id, thread__group__is_archived=False)
        .select_related("thread__group", "persona")
        .first()
    )
    if post is None or not post.is_visible_to(user):
        raise Http404
    membership = active_membership(user, post.thread.group)
    if membership is None:
        raise Http404
    return post, membership


def user_can_read_thread(user: User, thread_id: int) -> bool:
    """For consumers: the same rule as thread_for_member, as a yes or no."""
    try:
        thread_for_member(user, thread_id)
    except Http404:
        return False
    return True


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
