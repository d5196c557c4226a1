from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from groups.access import active_membership
from groups.models import SupportGroup
from posts import realtime
from posts.models import Post, Thread
from posts.rendering import render_markdown


def _membership_for_posting(*, author: User, group: SupportGroup):
    membership = active_membership(author, group)
    if membership is None:
        raise ValidationError(_("Only members of this group can post here."))
    return membership


@transaction.atomic
def thread_create(*, author: User, group: SupportGroup, title: str, body: str) -> Thread:
    membership = _membership_for_posting(author=author, group=group)
    thread = Thread.objects.create(group=group, author=author, title=title.strip())
    Post.objects.create(
        thread=thread,
        author=author,
        persona=membership.persona,
        is_opening=True,
        body=body,
        body_html=render_markdown(body),
    )
    return thread


@transaction.atomic
def post_create(*, author: User, thread: Thread, body: str) -> Post:
    """A reply. Readers of the thread see it live; the thread's author is told."""
    # Lock the thread row so the reply count and a concurrent lock stay consistent.
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    membership = _membership_for_posting(author=author, group=thread.group)
    if thread.is_locked:
        raise ValidationError(_("This thread is locked: no new replies can be added."))
    post = Post.objects.create(
        thread=thread,
        author=author,
        persona=membership.persona,
        body=body,
        body_html=render_markdown(body),
    )
    Thread.objects.filter(pk=thread.pk).update(
        reply_count=F("reply_count") + 1, last_posted_at=timezone.now()
    )
    # After commit, never inside the transaction: a broadcast or a task must not see a
    # reply that might still roll back. robust: a broker hiccup must not fail the post.
    transaction.on_commit(partial(realtime.post_created, post_id=post.pk), robust=True)
    from notifications.tasks import notify_reply

    transaction.on_commit(partial(notify_reply.delay, post.pk), robust=True)
    return post
