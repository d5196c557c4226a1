from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.ratelimit import rate_limit_account
from audit.models import AuditEntry
from config import hooks
from config.markdown import render_markdown
from config.oncommit import after_commit
from groups.models import Membership, SupportGroup
from groups.policies import ensure_member_can_post
from posts import post_cache, realtime, search
from posts.models import (
    AnonymousAuthor,
    Bookmark,
    Post,
    PostRevision,
    Reaction,
    ReaderPreference,
    ReadState,
    Subscription,
    Thread,
)

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


def _index(post: Post, *, thread: Thread, group: SupportGroup) -> None:
    search.index_post(
        post_id=post.pk,
        title=thread.title if post.is_opening else "",
        content_warning=post.content_warning,
        body=post.body,
        language=group.language,
    )


def _watch(*, thread: Thread, user: User) -> None:
    """Follow a thread one takes part in, unless one chose to mute it."""
    changed = Subscription.objects.filter(
        thread=thread, user=user, level=Subscription.Level.NORMAL
    ).update(level=Subscription.Level.WATCH)
    if not changed:
        Subscription.objects.get_or_create(
            thread=thread, user=user, defaults={"level": Subscription.Level.WATCH}
        )


@transaction.atomic
def thread_create(
    *,
    author: User,
    group: SupportGroup,
    title: str,
    body: str,
    anonymous: bool = False,
    content_warning: str = "",
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
        number=1,
        body=body,
        body_html=render_markdown(body),
        content_warning=content_warning.strip(),
    )
    hooks.post_created.send(sender=Post, post=opening, membership=membership)
    _index(opening, thread=thread, group=group)
    # Authors watch their own threads: a reply to someone who spoke up must reach them.
    Subscription.objects.create(thread=thread, user=author, level=Subscription.Level.WATCH)
    return thread


@transaction.atomic
def post_create(
    *,
    author: User,
    thread: Thread,
    body: str,
    anonymous: bool = False,
    content_warning: str = "",
) -> Post:
    """A reply. Readers of the thread see it live; those watching the thread are told."""
    # Lock the thread row so the reply count, a concurrent lock and the anonymous
    # numbering stay consistent: two new anonymous authors never get the same number.
    thread = Thread.objects.select_for_update().select_related("group").get(pk=thread.pk)
    membership = _membership_for_posting(author=author, group=thread.group)
    if thread.is_locked:
        raise ValidationError(
            _("This thread is locked: no new replies can be added."), code="locked"
        )
    opening_state = thread.posts.filter(is_opening=True).values_list("state", flat=True).first()
    if opening_state == Post.State.REMOVED:
        raise ValidationError(
            _("This conversation was removed by a moderator: no new replies can be added."),
            code="removed",
        )
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
        # Under the thread's row lock taken above: two replies never draw the same number
        # (and the unique constraint would refuse it if they did).
        number=(thread.posts.aggregate(last=Max("number"))["last"] or 0) + 1,
        body=body,
        body_html=render_markdown(body),
        content_warning=content_warning.strip(),
    )
    hooks.post_created.send(sender=Post, post=post, membership=membership)
    _index(post, thread=thread, group=thread.group)
    if post.state == Post.State.VISIBLE:
        # A held reply is no reply yet for anyone else: it neither counts nor moves the
        # thread up the list until a moderator approves it (thread_activity_refresh).
        Thread.objects.filter(pk=thread.pk).update(
            reply_count=F("reply_count") + 1, last_posted_at=timezone.now()
        )
    _watch(thread=thread, user=author)
    # After commit, never inside the transaction: a broadcast or a task must not see a
    # reply that might still roll back. robust: a broker hiccup must not fail the post.
    after_commit(realtime.post_created, post_id=post.pk)
    hooks.reply_posted.send(sender=Post, post_id=post.pk)
    return post


@transaction.atomic
def thread_activity_refresh(*, thread_id: int) -> None:
    """Recount a thread's replies and last activity from its visible posts.

    For moderation: after a held reply is approved, or a post hidden or removed.
    """
    thread = Thread.objects.select_for_update().get(pk=thread_id)
    visible = thread.posts.filter(state=Post.State.VISIBLE)
    latest = visible.aggregate(latest=Max("created_at"))["latest"]
    thread.reply_count = visible.filter(is_opening=False).count()
    thread.last_posted_at = latest or thread.created_at
    thread.save(update_fields=["reply_count", "last_posted_at"])


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
def post_edit(
    *,
    editor: User,
    post: Post,
    body: str,
    title: str | None = None,
    content_warning: str | None = None,
) -> Post:
    """The author changes their post; an opening post may change the thread's title too.

    The text being replaced is kept as a revision moderators can read. Anonymity is
    untouched: an anonymous post stays anonymous with the same label.
    """
    thread = Thread.objects.select_for_update().select_related("group").get(pk=post.thread_id)
    post = Post.objects.select_for_update().get(pk=post.pk)
    _ensure_author(user=editor, post=post)
    _ensure_still_there(post)
    # An edit can say something new, so it is posting: a mute or a ban stops it too.
    membership = _membership_for_posting(author=editor, group=thread.group)
    if thread.is_locked:
        raise ValidationError(
            _("This thread is locked: its posts can no longer be edited."), code="locked"
        )
    new_title = title.strip() if title is not None and post.is_opening else thread.title
    new_warning = post.content_warning if content_warning is None else content_warning.strip()
    if (body, new_title, new_warning) == (post.body, thread.title, post.content_warning):
        post.thread = thread
        return post
    PostRevision.objects.create(
        post=post,
        title=thread.title if new_title != thread.title else "",
        body=post.body,
        content_warning=post.content_warning,
    )
    post.body = body
    post.body_html = render_markdown(body)
    post.content_warning = new_warning
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "body_html", "content_warning", "edited_at"])
    if new_title != thread.title:
        thread.title = new_title
        thread.save(update_fields=["title"])
    post.thread = thread
    # An edit meets the checks a new post meets: crisis language, contact details and
    # watched words must not slip in afterwards.
    hooks.post_edited.send(sender=Post, post=post, membership=membership)
    _index(post, thread=thread, group=thread.group)
    after_commit(realtime.post_changed, post_id=post.pk)
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
    # The author asked for their words to be gone: the earlier versions go with them,
    # and so does what the search index holds of them.
    PostRevision.objects.filter(post=post).delete()
    was_visible = post.state == Post.State.VISIBLE
    post.state = Post.State.ERASED
    post.body = ""
    post.body_html = ""
    post.content_warning = ""
    post.save(update_fields=["state", "body", "body_html", "content_warning"])
    search.unindex_post(post_id=post.pk)
    if was_visible and not post.is_opening:
        # post_create counted this reply; readers no longer see it as one.
        Thread.objects.filter(pk=thread.pk).update(reply_count=Greatest(F("reply_count") - 1, 0))
    post.thread = thread
    after_commit(realtime.post_changed, post_id=post.pk)
    return post


@transaction.atomic
def revision_redact(*, actor: User, revision: PostRevision) -> PostRevision:
    """The author takes an earlier version out of the record: its text is gone for good.

    The redaction is logged without naming the account: only the author can redact, so
    an audit row carrying their account next to an anonymous post would tell staff who
    wrote it, which only a reveal with a reason may do.
    """
    revision = (
        PostRevision.objects.select_for_update().select_related("post__thread").get(pk=revision.pk)
    )
    _ensure_author(user=actor, post=revision.post)
    if revision.redacted_at is not None:
        return revision
    revision.title = ""
    revision.body = ""
    revision.content_warning = ""
    revision.redacted_at = timezone.now()
    revision.save(update_fields=["title", "body", "content_warning", "redacted_at"])
    AuditEntry.objects.create(
        actor=None,
        action="revision.redacted",
        group_id=revision.post.thread.group_id,
        post_id_at_action=revision.post_id,
        details={"revision_id": revision.pk, "by": "author"},
    )
    # The page never shows an earlier version, but a block of it may still be cached.
    post_cache.forget_after_commit([revision.post_id])
    return revision


def _ensure_moderator(*, user: User, group: SupportGroup) -> Membership:
    membership = Membership.objects.filter(group=group, user=user).first()
    if membership is None or not membership.can_moderate:
        raise PermissionDenied
    from accounts.mfa import account_has_mfa

    if settings.SANAD_REQUIRE_MFA_FOR_MODERATION and not account_has_mfa(user):
        raise ValidationError(
            _("Turn on two-factor authentication before you moderate."), code="mfa_required"
        )
    return membership


@transaction.atomic
def thread_set_pinned(*, moderator: User, thread: Thread, pinned: bool) -> Thread:
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    _ensure_moderator(user=moderator, group=thread.group)
    if thread.is_pinned != pinned:
        thread.is_pinned = pinned
        thread.save(update_fields=["is_pinned"])
        AuditEntry.objects.create(
            actor=moderator,
            action="thread.pinned" if pinned else "thread.unpinned",
            group_id=thread.group_id,
            details={"thread_id": thread.pk},
        )
    return thread


@transaction.atomic
def thread_set_locked(*, moderator: User, thread: Thread, locked: bool, reason: str = "") -> Thread:
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    _ensure_moderator(user=moderator, group=thread.group)
    if thread.is_locked != locked:
        thread.is_locked = locked
        thread.save(update_fields=["is_locked"])
        AuditEntry.objects.create(
            actor=moderator,
            action="thread.locked" if locked else "thread.unlocked",
            group_id=thread.group_id,
            reason=reason,
            details={"thread_id": thread.pk},
        )
    return thread


@transaction.atomic
def reaction_set(*, user: User, post: Post, kind: str, active: bool) -> None:
    """Send or take back one kind of support on a post. Sending twice is still one.

    Who reacted is never shown, only counts; the notification of support is batched by
    the notifications app from these rows.
    """
    if kind not in Reaction.Kind.values:
        raise ValidationError(_("Choose one of the support reactions."), code="invalid_kind")
    post = Post.objects.select_related("thread").get(pk=post.pk)
    if post.state != Post.State.VISIBLE:
        raise ValidationError(_("This post cannot receive reactions."), code="not_visible")
    if post.author_id == user.pk:
        raise ValidationError(_("Support reactions are for other members' posts."), code="own_post")
    _membership_for_posting(author=user, group=post.thread.group)
    rate_limit_account(scope="reaction", user=user)
    if active:
        try:
            with transaction.atomic():
                Reaction.objects.get_or_create(post=post, user=user, kind=kind)
        except IntegrityError:
            # The same reaction sent twice at the same moment: it is there once.
            pass
    else:
        Reaction.objects.filter(post=post, user=user, kind=kind).delete()


def bookmark_set(*, user: User, post: Post, active: bool) -> None:
    if active:
        Bookmark.objects.bulk_create([Bookmark(post=post, user=user)], ignore_conflicts=True)
    else:
        Bookmark.objects.filter(post=post, user=user).delete()


def subscription_set(*, user: User, thread: Thread, level: str) -> Subscription:
    if level not in Subscription.Level.values:
        raise ValidationError(_("Choose how closely to follow this thread."), code="invalid")
    subscription, _created = Subscription.objects.update_or_create(
        thread=thread, user=user, defaults={"level": level}
    )
    return subscription


def read_state_mark(*, user: User, thread: Thread, post_id: int, known: int | None) -> None:
    """Remember the furthest post the member has seen in a thread; never move back.

    `known` is the furthest post already recorded (None when there is no record yet),
    as the page read it, so a page that shows nothing new writes nothing.
    """
    if known is None:
        # Two tabs opening a thread at once: one row wins, the other write is dropped.
        ReadState.objects.bulk_create(
            [ReadState(thread=thread, user=user, last_read_post_id=post_id)],
            ignore_conflicts=True,
        )
    elif post_id > known:
        ReadState.objects.filter(thread=thread, user=user, last_read_post_id__lt=post_id).update(
            last_read_post_id=post_id, last_read_at=timezone.now()
        )


def reader_preference_update(
    *, user: User, expand_content_warnings: bool, muted_words: str
) -> ReaderPreference:
    preference, _created = ReaderPreference.objects.update_or_create(
        user=user,
        defaults={
            "expand_content_warnings": expand_content_warnings,
            "muted_words": muted_words.strip(),
        },
    )
    return preference
