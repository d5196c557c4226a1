from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.ratelimit import rate_limit_account
from config.oncommit import after_commit
from groups.models import Membership, SupportGroup
from groups.policies import ensure_member_can_post
from moderation.screening import screen_new_post
from posts import realtime
from posts.models import AnonymousAuthor, Post, Thread
from posts.rendering import render_markdown

# A double-clicked button or a script repeating itself, not a member saying it again later.
REPEAT_WINDOW = timedelta(minutes=10)


def _membership_for_posting(*, author: User, group: SupportGroup) -> Membership:
    # Loaded in any state: a ban or a mute sits on the membership, that is on the
    # account, so neither another persona nor anonymity gets around it.
    membership = (
        Membership.objects.filter(group=group, user=author)
        .select_related("persona", "user")
        .first()
    )
    ensure_member_can_post(membership)
    if membership.state != Membership.State.ACTIVE:
        # A join request still waiting for a moderator is not a membership yet.
        raise ValidationError(_("Only members of this group can post here."), code="not_member")
    return membership


def _ensure_anonymity_allowed(*, group: SupportGroup, anonymous: bool) -> None:
    if anonymous and not group.allow_anonymous_posts:
        raise ValidationError(
            _("This group does not allow anonymous posts."), code="anonymous_not_allowed"
        )


def _ensure_not_repeated(*, previous: Post | None, body: str) -> None:
    if previous is None or previous.created_at < timezone.now() - REPEAT_WINDOW:
        return
    if previous.body.strip() == body.strip():
        raise ValidationError(_("You already posted this."), code="repeated")


def _anonymous_number(*, thread: Thread, author: User) -> int:
    """The author's label number in this thread; the caller holds the thread row lock.

    Number 1 is taken only by thread_create, for a thread started anonymously. A starter
    who started the thread under their persona and later posts anonymously gets an
    ordinary number like anyone else: a label "original poster" in a named thread would
    tie the anonymous post to the persona shown on the opening post.
    """
    known = AnonymousAuthor.objects.filter(thread=thread, user=author).first()
    if known is not None:
        return known.number
    highest = AnonymousAuthor.objects.filter(thread=thread).aggregate(highest=Max("number"))
    number = (highest["highest"] or 1) + 1
    AnonymousAuthor.objects.create(thread=thread, user=author, number=number)
    return number


@transaction.atomic
def thread_create(
    *, author: User, group: SupportGroup, title: str, body: str, anonymous: bool = False
) -> Thread:
    membership = _membership_for_posting(author=author, group=group)
    _ensure_anonymity_allowed(group=group, anonymous=anonymous)
    _ensure_not_repeated(
        previous=Post.objects.filter(thread__group=group, author=author, is_opening=True)
        .order_by("-created_at", "-pk")
        .first(),
        body=body,
    )
    # Counted last, so a refused attempt does not use up the member's allowance.
    rate_limit_account(scope="thread", user=author)
    thread = Thread.objects.create(group=group, author=author, title=title.strip())
    if anonymous:
        # The thread is new and nobody else can see it yet: no lock needed for number 1.
        AnonymousAuthor.objects.create(thread=thread, user=author, number=1)
    opening = Post.objects.create(
        thread=thread,
        author=author,
        # Kept for anonymous posts too: only staff tools read it there.
        persona=membership.persona,
        is_anonymous=anonymous,
        anonymous_number=1 if anonymous else None,
        is_opening=True,
        body=body,
        body_html=render_markdown(body),
    )
    screen_new_post(post=opening, membership=membership)
    return thread


@transaction.atomic
def post_create(*, author: User, thread: Thread, body: str, anonymous: bool = False) -> Post:
    """A reply. Readers of the thread see it live; the thread's author is told."""
    # Lock the thread row so the reply count, a concurrent lock and the anonymous
    # numbering stay consistent: two new anonymous authors never get the same number.
    thread = Thread.objects.select_for_update().select_related("group").get(pk=thread.pk)
    membership = _membership_for_posting(author=author, group=thread.group)
    if thread.is_locked:
        raise ValidationError(_("This thread is locked: no new replies can be added."))
    _ensure_anonymity_allowed(group=thread.group, anonymous=anonymous)
    # Anonymous or named alike: the same account repeating itself is refused either way.
    _ensure_not_repeated(
        previous=thread.posts.filter(author=author).order_by("-created_at", "-pk").first(),
        body=body,
    )
    rate_limit_account(scope="post", user=author)
    post = Post.objects.create(
        thread=thread,
        author=author,
        persona=membership.persona,
        is_anonymous=anonymous,
        anonymous_number=_anonymous_number(thread=thread, author=author) if anonymous else None,
        body=body,
        body_html=render_markdown(body),
    )
    screen_new_post(post=post, membership=membership)
    Thread.objects.filter(pk=thread.pk).update(
        reply_count=F("reply_count") + 1, last_posted_at=timezone.now()
    )
    # After commit, never inside the transaction: a broadcast or a task must not see a
    # reply that might still roll back. robust: a broker hiccup must not fail the post.
    after_commit(realtime.post_created, post_id=post.pk)
    from notifications.tasks import notify_reply

    after_commit(notify_reply.delay, post.pk)
    return post


def _ensure_author(*, user: User, post: Post) -> None:
    # Views answer 404 before getting here; this guards tasks and admin code paths.
    if post.author_id is None or post.author_id != user.pk:
        raise PermissionDenied


def _ensure_still_there(post: Post) -> None:
    if post.state == Post.State.ERASED:
        raise ValidationError(_("This post was deleted."), code="erased")
    if post.state == Post.State.REMOVED:
        # Editing must not bring back what a moderator removed.
        raise ValidationError(_("This post was removed by a moderator."), code="removed")


@transaction.atomic
def post_edit(*, editor: User, post: Post, body: str, title: str | None = None) -> Post:
    """The author changes their post; an opening post may change the thread's title too.

    Anonymity is untouched: an anonymous post stays anonymous with the same label.
    """
    thread = Thread.objects.select_for_update().select_related("group").get(pk=post.thread_id)
    post = Post.objects.select_for_update().get(pk=post.pk)
    _ensure_author(user=editor, post=post)
    _ensure_still_there(post)
    # An edit can say something new, so it is posting: a mute or a ban stops it too.
    _membership_for_posting(author=editor, group=thread.group)
    if thread.is_locked:
        raise ValidationError(
            _("This thread is locked: its posts can no longer be edited."), code="locked"
        )
    # Revisions hook in here: save the text being replaced (post.body, and the title
    # of an opening post) as a revision moderators can read, before overwriting it.
    post.body = body
    post.body_html = render_markdown(body)
    post.save(update_fields=["body", "body_html"])
    if title is not None and post.is_opening:
        thread.title = title.strip()
        thread.save(update_fields=["title"])
    post.thread = thread
    return post


@transaction.atomic
def post_delete(*, actor: User, post: Post) -> Post:
    """The author erases their post. The row stays so replies keep their place.

    No sanction check here: a mute stops a member saying more, never taking back what
    they said.
    """
    thread = Thread.objects.select_for_update().get(pk=post.thread_id)
    post = Post.objects.select_for_update().get(pk=post.pk)
    _ensure_author(user=actor, post=post)
    _ensure_still_there(post)
    # Revisions (a later issue) hook in here too: the author asked for their words to
    # be gone, so whatever revisions keep of them has to be decided at this point.
    post.state = Post.State.ERASED
    post.body = ""
    post.body_html = ""
    post.save(update_fields=["state", "body", "body_html"])
    if not post.is_opening:
        # post_create counted this reply; readers no longer see it as one.
        Thread.objects.filter(pk=thread.pk).update(reply_count=Greatest(F("reply_count") - 1, 0))
    post.thread = thread
    return post
