from django.db.models import QuerySet

from accounts.models import User
from notifications.models import Notification


def notifications_for(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).select_related(
        "thread", "post__persona", "post__thread"
    )
