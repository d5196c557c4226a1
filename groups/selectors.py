from django.db.models import QuerySet

from accounts.models import User
from groups.models import Membership, SupportGroup


def directory_groups() -> QuerySet[SupportGroup]:
    return SupportGroup.objects.filter(
        listing=SupportGroup.Listing.LISTED, is_archived=False
    ).order_by("name")


def memberships_of(user: User) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(
            user=user, state=Membership.State.ACTIVE, group__is_archived=False
        )
        .select_related("group", "persona")
        .order_by("group__name")
    )


def member_count_band(count: int) -> str:
    """Small groups show a band, not a number: an exact count of three can identify."""
    from django.utils.translation import gettext as _

    if count < 10:
        return _("fewer than 10 members")
    if count < 50:
        return _("10 to 50 members")
    if count < 200:
        return _("50 to 200 members")
    return _("more than 200 members")
