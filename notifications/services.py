from django.db import transaction

from notifications.models import Notification
from posts.models import Post


@transaction.atomic
def notification_create_for_reply(*, post_id: int) -> Notification | None:
    """Tell the thread's author that someone replied. Safe to call more than once."""
    post = Post.objects.select_related("thread").filter(pk=post_id).first()
    if post is None or post.state != Post.State.VISIBLE or post.is_opening:
        return None
    if post.author_id == post.thread.author_id:
        return None
    notification, _created = Notification.objects.get_or_create(
        recipient_id=post.thread.author_id,
        kind=Notification.Kind.REPLY,
        post=post,
        defaults={"thread": post.thread},
    )
    return notification
