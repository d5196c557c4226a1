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


def notification_create(
    *,
    recipient_id: int,
    kind: str,
    thread_id: int | None = None,
    post_id: int | None = None,
    message: str = "",
    visible_from=None,
) -> Notification:
    """Record one in-app notification, in the caller's transaction.

    Every app tells members things through here, so delivery (live push, email,
    digests) hangs off one place. `message` holds words that belong to the event, such
    as a reason a moderator gave; it must never name another member.
    """
    return Notification.objects.create(
        recipient_id=recipient_id,
        kind=kind,
        thread_id=thread_id,
        post_id=post_id,
        message=message,
        visible_from=visible_from,
    )
