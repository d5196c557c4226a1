from django.db.models import Q, QuerySet

from accounts.models import User
from posts.models import Post, Thread


def thread_posts_for_viewer(thread: Thread, viewer: User) -> QuerySet[Post]:
    """Posts in reading order: visible ones, and the viewer's own held ones."""
    return (
        thread.posts.filter(Q(state=Post.State.VISIBLE) | Q(state=Post.State.HELD, author=viewer))
        .select_related("persona")
        .order_by("created_at", "pk")
    )


def group_threads(group) -> QuerySet[Thread]:
    return group.threads.order_by("-last_posted_at")
