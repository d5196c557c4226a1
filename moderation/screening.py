"""What happens to a new post before others see it: automatic holds and crisis response.

posts.services calls screen_new_post inside the transaction that creates the post, so
a hold and its review item commit together with the post or not at all.

The checks, in the order they decide:
- watched words an admin set to "block" refuse the post with a message (the text stays
  in the form, because the caller turns the ValidationError into a form error);
- crisis language never silences: the post is published (unless the group holds new
  members' posts anyway), an urgent item enters the queue, the moderators on duty are
  alerted after commit, and the author is shown crisis resources at once
  (remember_crisis_support);
- method details or encouragement of self-harm are held, with the same urgency and the
  same resources, and the author is told gently why;
- contact details (phone, email, social handles) are held for the author's own safety;
- watched words set to "hold" hold, "flag" flags, "censor" blanks the word out;
- the first N posts of a new member are held when the group asks for it.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from groups.models import Membership, SupportGroup
from moderation import text
from moderation.models import CrisisPhrase, ReviewItem, WatchedWord
from posts.models import Post

SESSION_KEY = "moderation.crisis_support"


@dataclass
class Screening:
    """What the checks found in one post."""

    held: bool = False
    crisis: bool = False
    harmful: bool = False
    contact_details: list[str] = field(default_factory=list)
    new_member: bool = False
    watched: dict[str, list[str]] = field(default_factory=dict)
    item: ReviewItem | None = None

    @property
    def needs_crisis_support(self) -> bool:
        return self.crisis or self.harmful


def _watched_words(group: SupportGroup) -> list[WatchedWord]:
    return list(WatchedWord.objects.filter(is_active=True, language__in=["", group.language]))


def _crisis_phrases() -> tuple[list[str], list[str]]:
    crisis, harmful = [], []
    for phrase, kind in CrisisPhrase.objects.filter(is_active=True).values_list("phrase", "kind"):
        (harmful if kind == CrisisPhrase.Kind.HARMFUL else crisis).append(phrase)
    return crisis, harmful


def _watched_matches(words: list[WatchedWord], written: str) -> dict[str, list[WatchedWord]]:
    folded = text.normalise(written)
    light = text.normalise_lightly(written) if any(w.is_regex for w in words) else ""
    matches: dict[str, list[WatchedWord]] = {}
    for word in words:
        try:
            pattern = text.compile_watched_pattern(word.pattern, is_regex=word.is_regex)
        except ValueError:
            continue  # refused in admin; a row written around admin must not break posting
        # A regular expression is tried on the text as written too (only lightly folded):
        # its author may count on doubled letters or spacing that folding removes.
        if pattern.search(folded) or (word.is_regex and pattern.search(light)):
            matches.setdefault(word.action, []).append(word)
    return matches


def _earlier_posts(post: Post, membership: Membership) -> int:
    return (
        Post.objects.filter(thread__group_id=membership.group_id, author_id=post.author_id)
        .exclude(pk=post.pk)
        .count()
    )


_HELD_MESSAGES = {
    "harmful": gettext_lazy(
        "Your post is waiting for a moderator. It seems to mention ways of harming "
        "yourself, and posts like that are reviewed first to keep everyone here safe. "
        "You matter, and you are not alone: if you are thinking of harming yourself, "
        "please reach out now to one of the crisis lines on the “Need help now?” page."
    ),
    "contact": gettext_lazy(
        "Your post is waiting for a moderator because it seems to share contact "
        "details (a phone number, an email address or a social-media handle). We hold "
        "these for your safety: anyone reading could use them to find you."
    ),
    "watched": gettext_lazy(
        "Your post is waiting for a moderator because it contains words this group "
        "reviews before they are shown."
    ),
    "new_member": gettext_lazy(
        "Welcome! In this group a new member's first posts are read by a moderator "
        "before others see them. Yours will appear once it has been approved."
    ),
}


def screen_new_post(*, post: Post, membership: Membership) -> Screening:
    """Hold, flag or raise a crisis item for a new post, inside its transaction."""
    return _screen(post=post, membership=membership, is_new=True)


def screen_edited_post(*, post: Post, membership: Membership) -> Screening:
    """The same checks for an edit, except the new-member rule: an edit must not slip
    past what the post would have met when new."""
    return _screen(post=post, membership=membership, is_new=False)


def _screen(*, post: Post, membership: Membership, is_new: bool) -> Screening:
    from moderation.services import item_open_automatic

    thread = post.thread
    group = thread.group
    written = f"{thread.title}\n{post.body}" if post.is_opening else post.body
    result = Screening()

    watched = _watched_matches(_watched_words(group), written)
    result.watched = {action: [w.pattern for w in words] for action, words in watched.items()}
    if WatchedWord.Action.BLOCK in watched:
        raise ValidationError(
            _(
                "Your post contains words this group does not allow. Please rephrase it: "
                "your text is still here."
            ),
            code="blocked",
        )

    crisis_phrases, harmful_phrases = _crisis_phrases()
    crisis = text.matching_phrases(written, crisis_phrases)
    harmful = text.matching_phrases(written, harmful_phrases)
    result.crisis = bool(crisis)
    result.harmful = bool(harmful)
    result.contact_details = text.contact_details(written)
    result.new_member = bool(
        is_new
        and group.hold_first_posts
        and not membership.can_moderate
        and _earlier_posts(post, membership) < group.hold_first_posts
    )

    update_fields = []
    if WatchedWord.Action.CENSOR in watched:
        patterns = [
            text.compile_watched_pattern(w.pattern, is_regex=w.is_regex)
            for w in watched[WatchedWord.Action.CENSOR]
        ]
        from posts.rendering import render_markdown

        post.body_html = render_markdown(text.censor(post.body, patterns))
        update_fields.append("body_html")
        if post.is_opening:
            censored_title = text.censor(thread.title, patterns)
            if censored_title != thread.title:
                thread.title = censored_title
                thread.save(update_fields=["title"])

    flags = []
    if harmful:
        flags.append({"source": ReviewItem.Source.HARMFUL, "detail": ", ".join(harmful)})
    if crisis:
        flags.append({"source": ReviewItem.Source.CRISIS, "detail": ", ".join(crisis)})
    if result.contact_details:
        flags.append(
            {
                "source": ReviewItem.Source.SELF_DISCLOSURE,
                "detail": "",
                "kinds": result.contact_details,
            }
        )
    for action in (WatchedWord.Action.HOLD, WatchedWord.Action.FLAG, WatchedWord.Action.CENSOR):
        if action in watched:
            flags.append(
                {
                    "source": ReviewItem.Source.WATCHED_WORD,
                    "action": str(action),
                    "detail": ", ".join(w.pattern for w in watched[action]),
                }
            )
    if result.new_member:
        flags.append({"source": ReviewItem.Source.NEW_MEMBER, "detail": ""})

    held_because = None
    if harmful:
        held_because = "harmful"
    elif result.contact_details:
        held_because = "contact"
    elif WatchedWord.Action.HOLD in watched:
        held_because = "watched"
    elif result.new_member:
        held_because = "new_member"
    # Crisis language alone never holds: the author is heard like anyone else.
    result.held = held_because is not None
    if result.held and post.state == Post.State.VISIBLE:
        post.state = Post.State.HELD
        update_fields.append("state")
    if update_fields:
        post.save(update_fields=update_fields)

    needs_review = result.held or crisis or WatchedWord.Action.FLAG in watched
    if needs_review:
        if crisis or harmful:
            priority = ReviewItem.Priority.CRISIS
        elif result.contact_details:
            priority = ReviewItem.Priority.HIGH
        else:
            priority = ReviewItem.Priority.NORMAL
        result.item = item_open_automatic(
            post=post,
            group=group,
            priority=priority,
            source=flags[0]["source"],
            flags=flags,
            crisis=bool(crisis or harmful),
        )
    if result.held and post.author_id and "state" in update_fields:
        from moderation.services import _tell
        from notifications.models import Notification

        _tell(
            recipient_id=post.author_id,
            kind=Notification.Kind.POST_HELD,
            group=group,
            message=_HELD_MESSAGES[held_because],
            post_id=post.pk,
            thread_id=thread.pk,
        )
    post.screening = result
    if post.is_opening:
        thread.opening_screening = result
    return result


# --- Crisis resources for the author, in the response that follows their post -------------


def remember_crisis_support(request, *, post: Post | None = None, thread=None) -> bool:
    """Call from a view right after a post or thread was created or edited. When the
    crisis detector matched, the next page the author sees opens with crisis resources
    (templatetag {% crisis_support_panel %} in base.html).

    Reads what screening left on the objects it was given; falls back to the review
    item, so it also works with a post fetched again from the database.
    """
    screening = None
    if post is not None:
        screening = getattr(post, "screening", None)
    elif thread is not None:
        screening = getattr(thread, "opening_screening", None)
    if screening is not None:
        needed, held = screening.needs_crisis_support, screening.held
    else:
        posts = Post.objects.none()
        if post is not None:
            posts = Post.objects.filter(pk=post.pk)
        elif thread is not None:
            posts = Post.objects.filter(thread=thread, is_opening=True)
        found = (
            ReviewItem.objects.filter(post__in=posts, crisis_detected=True)
            .values_list("post__state", flat=True)
            .first()
        )
        needed, held = found is not None, found == Post.State.HELD
    if not needed:
        return False
    request.session[SESSION_KEY] = {"held": held}
    return True


def pop_crisis_support(request) -> dict | None:
    session = getattr(request, "session", None)
    if session is None or SESSION_KEY not in session:
        return None
    return session.pop(SESSION_KEY)
