"""The only road to a protected group, thread or post.

Every function answers 404 for anything the viewer may not see, whether it exists or
not, so that nobody can learn that a private group or a thread exists by probing ids.
Views, consumers and tasks go through here and nowhere else.
"""

from django.http import Http404

from accounts.models import User
from groups.models import Membership, SupportGroup


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


def group_for_member(user: User, slug: str) -> tuple[SupportGroup, Membership]:
    group, membership = group_for_viewer(user, slug)
    if membership is None:
        raise Http404
    return group, membership


def thread_for_member(user: User, thread_id: int):
    """A thread and the viewer's membership of its group, or 404."""
    from posts.models import Thread

    thread = (
        Thread.objects.filter(pk=thread_id, group__is_archived=False)
        .select_related("group")
        .first()
    )
    if thread is None:
        raise Http404
    membership = active_membership(user, thread.group)
    if membership is None:
        raise Http404
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
