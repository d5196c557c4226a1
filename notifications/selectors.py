from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import User
from notifications.models import Notification


def notifications_for(user: User) -> QuerySet[Notification]:
    return (
        Notification.objects.filter(recipient=user)
        .filter(Q(visible_from__isnull=True) | Q(visible_from__lte=timezone.now()))
        .select_related("thread", "post__persona", "post__thread")
    )
