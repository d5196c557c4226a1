from django.db.models import Q, QuerySet

from accounts.models import User
from posts.models import Post, Thread


def thread_posts_for_viewer(thread: Thread, viewer: User) -> QuerySet[Post]:
    """Posts in reading order: visible ones, the viewer's own held ones, and placeholders
    for erased ones, so that the replies around them keep their context."""
    return (
        thread.posts.filter(
            Q(state__in=[Post.State.VISIBLE, Post.State.ERASED])
            | Q(state=Post.State.HELD, author=viewer)
        )
        .select_related("persona")
        .order_by("created_at", "pk")
    )


def group_threads(group) -> QuerySet[Thread]:
    return group.threads.order_by("-last_posted_at")
