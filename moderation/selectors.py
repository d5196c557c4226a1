from django.db.models import Count, QuerySet

from accounts.models import User
from groups.access import moderated_groups
from moderation.models import CrisisResource, ReviewItem


def review_queue(user: User) -> QuerySet[ReviewItem]:
    """Open items in the groups this account moderates: most urgent first, then oldest."""
    return (
        ReviewItem.objects.filter(status=ReviewItem.Status.OPEN, group__in=moderated_groups(user))
        .select_related("group", "post__persona", "post__thread")
        .annotate(report_count=Count("reports"))
        .prefetch_related("reports")
        .order_by("priority", "created_at")
    )


def crisis_resources(language: str) -> QuerySet[CrisisResource]:
    return CrisisResource.objects.filter(is_active=True, language__in=["", language])
