"""What happens to a new post before others see it: automatic holds and crisis response.

posts.services calls screen_new_post inside the transaction that creates the post, so
a hold and its review item commit together with the post or not at all.

The checks, in the order they decide:
- watched words an admin set to "block" refuse the post with a message (the text stays
  in the form, because the caller turns the ValidationError into a form error);
- crisis language never silences. The crisis detector (assess_crisis) is the one
  place that decides, in tiers:
  - urgent: the post is published (unless the group holds new members' posts anyway),
    an item enters the crisis lane, the crisis-trained moderators on duty are alerted
    after commit, and the author is shown crisis resources at once
    (remember_crisis_support);
  - possible risk: published; a normal-priority "check on this member" item waits for
    a moderator, nobody is alerted, and the author is shown resources, gently;
  - someone else at risk: published, no item; the author is shown how to help another
    person and where to point them;
  - hold (methods, lethal amounts, pacts, encouragement of self-harm): held, with the
    crisis lane's urgency and the same resources, and the author is told gently why;
  - none: nothing;
- contact details (phone, email, social handles) are held for the author's own safety;
  crisis always wins the lane: a held post that carries crisis language (urgent,
  possible risk, methods) waits on the crisis lane and its author is shown resources;
- watched words set to "hold" hold, "flag" flags, "censor" blanks the word out;
- the first N posts of a new member are held when the group asks for it.
"""

import logging
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from config.markdown import render_markdown
from groups.models import Membership, SupportGroup
from moderation import text
from moderation.models import CrisisPhrase, ReviewItem, WatchedWord
from moderation.services import item_open_automatic, tell_member
from moderation.text import matching_phrases
from notifications.models import Notification
from posts.models import Post

SESSION_KEY = "moderation.crisis_support"
TIERS = ("urgent", "possible", "other_person", "hold", "none")

logger = logging.getLogger(__name__)


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
    assessment: "CrisisAssessment | None" = None

    @property
    def tier(self) -> str:
        return self.assessment.tier if self.assessment is not None else "none"

    @property
    def needs_crisis_support(self) -> bool:
        """The author must see crisis resources now (urgent, possible, hold)."""
        return self.crisis or self.harmful or self.tier == "possible"

    @property
    def shows_panel(self) -> bool:
        """The author sees a panel after posting: resources, or how to help someone."""
        return self.needs_crisis_support or self.tier == "other_person"


@dataclass(frozen=True)
class CrisisAssessment:
    """The crisis detector's verdict on one text (contract shared with branch crisis)."""

    tier: str  # "urgent" | "possible" | "other_person" | "hold" | "none"
    score: float  # 0..1, the detector's confidence that the writer is at risk
    signals: tuple[str, ...] = ()  # stable signal codes, e.g. ("direct.want_to_die",)

    @property
    def needs_support(self) -> bool:
        """The author must see crisis resources now."""
        return self.tier in {"urgent", "possible", "hold"}

    @property
    def urgent(self) -> bool:
        """Moderators must see it on the crisis lane (crisis priority)."""
        return self.tier in {"urgent", "hold"}


def assess_crisis(*, text: str, language: str = "") -> CrisisAssessment:
    """The crisis detector's verdict on one text (a post body, with its title for an
    opening post). Pure: no database writes; bounded time for any input.

    The detector (moderation.crisis) reads the text; the phrase lists in admin join it
    as one more signal, so a phrase an admin adds is found at once, and read in
    context like the detector's own ("I'm not suicidal" is a denial either way).
    """
    from moderation.crisis import detector

    crisis_phrases, harmful_phrases = _crisis_phrases()
    verdict = detector.assess(
        text or "",
        language=language,
        crisis_phrases=crisis_phrases,
        harmful_phrases=harmful_phrases,
    )
    return CrisisAssessment(tier=verdict.tier, score=verdict.score, signals=verdict.signals)


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


def crisis_assessment(*, text: str, language: str) -> CrisisAssessment:
    """assess_crisis, for every caller that acts on it (screening, help before limits).

    A detector that fails (a model file missing, a bug on some input) must neither
    turn a post into an error page nor silence a member in crisis: its failure is
    logged, and the phrase lists in admin decide for that post. A tier this code does
    not know counts as "none" and is logged.
    """
    try:
        verdict = assess_crisis(text=text, language=language)
    except Exception:
        logger.exception("The crisis detector failed; the phrase lists decide instead.")
        crisis_phrases, harmful_phrases = _crisis_phrases()
        if matching_phrases(text, harmful_phrases):
            return CrisisAssessment(tier="hold", score=1.0, signals=("fallback.harmful",))
        if matching_phrases(text, crisis_phrases):
            return CrisisAssessment(tier="urgent", score=1.0, signals=("fallback.crisis",))
        return CrisisAssessment(tier="none", score=0.0, signals=("fallback.none",))
    if verdict.tier not in TIERS:
        logger.error("The crisis detector answered an unknown tier: %r", verdict.tier)
        return CrisisAssessment(tier="none", score=verdict.score, signals=verdict.signals)
    return verdict


@dataclass(frozen=True)
class Decision:
    """What screening does with a post, from what its checks found: held or not (and
    why), the lane of its review item (None: no item), whether the author is shown
    crisis resources and whether moderators on duty are alerted."""

    held_because: str | None
    priority: int | None
    resources: bool
    alert: bool

    @property
    def held(self) -> bool:
        return self.held_because is not None

    @property
    def crisis_lane(self) -> bool:
        return self.priority == ReviewItem.Priority.CRISIS


def decide(
    *,
    assessment: CrisisAssessment,
    contact_details: bool,
    watched_actions: frozenset = frozenset(),
    new_member: bool = False,
) -> Decision:
    """The one place that decides hold, lane and resources (_screen acts on it; crisis_eval
    runs the development split through it).

    Crisis language alone never holds: the author is heard like anyone else. Crisis
    always wins the lane: a post held for any other reason (contact details, a watched
    word, a new member's first posts) that carries crisis language (urgent, possible
    risk, methods) waits on the crisis lane, and its author is shown resources.
    """
    tier = assessment.tier
    held_because = None
    if tier == "hold":
        held_because = "harmful"
    elif contact_details:
        held_because = "contact"
    elif WatchedWord.Action.HOLD in watched_actions:
        held_because = "watched"
    elif new_member:
        held_because = "new_member"
    held = held_because is not None
    resources = assessment.needs_support
    # Someone else at risk opens no item: the author is the helper here, and is shown
    # how to help; an item would put a member who is not at risk in front of moderators.
    # (Anyone can still report the post, and another reason to review it still counts.)
    alert = held or assessment.urgent or WatchedWord.Action.FLAG in watched_actions
    priority = None
    if alert or tier == "possible":
        if assessment.urgent or (held and resources):
            priority = ReviewItem.Priority.CRISIS
        elif contact_details:
            priority = ReviewItem.Priority.HIGH
        else:
            priority = ReviewItem.Priority.NORMAL
    return Decision(held_because, priority, resources, alert)


def decide_text(
    written: str,
    assessment: CrisisAssessment,
    *,
    content_warning: str = "",
    watched_actions: frozenset = frozenset(),
    new_member: bool = False,
) -> Decision:
    """decide() for a text as written, with the same contact-details check as _screen
    (for crisis_eval: no database)."""
    return decide(
        assessment=assessment,
        contact_details=bool(text.contact_details(f"{written}\n{content_warning}")),
        watched_actions=watched_actions,
        new_member=new_member,
    )


def screen_new_post(*, post: Post, membership: Membership) -> Screening:
    """Hold, flag or raise a crisis item for a new post, inside its transaction."""
    return _screen(post=post, membership=membership, is_new=True)


def screen_edited_post(*, post: Post, membership: Membership) -> Screening:
    """The same checks for an edit, except the new-member rule: an edit must not slip
    past what the post would have met when new."""
    return _screen(post=post, membership=membership, is_new=False)


def on_post_created(sender, *, post: Post, membership: Membership, **kwargs) -> None:
    """config.hooks.post_created: inside the post's transaction, so a hold or a refusal
    happens before anyone else can see it."""
    screen_new_post(post=post, membership=membership)


def on_post_edited(sender, *, post: Post, membership: Membership, **kwargs) -> None:
    """config.hooks.post_edited."""
    screen_edited_post(post=post, membership=membership)


def _screen(*, post: Post, membership: Membership, is_new: bool) -> Screening:
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

    # The one decider for crisis outcomes: everything below follows its tier.
    assessment = crisis_assessment(text=written, language=group.language)
    result.assessment = assessment
    crisis = assessment.tier == "urgent"
    harmful = assessment.tier == "hold"
    possible = assessment.tier == "possible"
    result.crisis = crisis
    result.harmful = harmful
    result.contact_details = text.contact_details(f"{written}\n{post.content_warning}")
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
        post.body_html = render_markdown(text.censor(post.body, patterns))
        update_fields.append("body_html")
        if post.is_opening:
            censored_title = text.censor(thread.title, patterns)
            if censored_title != thread.title:
                thread.title = censored_title
                thread.save(update_fields=["title"])

    # What the detector saw, on the flag as well as on the item: an item collects flags
    # from every screening of the post (edits too), the item's fields hold the latest.
    verdict = {
        "detail": "",
        "tier": assessment.tier,
        "score": round(float(assessment.score), 3),
        "signals": [str(code) for code in assessment.signals],
    }
    flags = []
    if harmful:
        flags.append({"source": ReviewItem.Source.HARMFUL, **verdict})
    if crisis:
        flags.append({"source": ReviewItem.Source.CRISIS, **verdict})
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
    # Last: when the post is held for something else, that is what the item is about.
    if possible:
        flags.append({"source": ReviewItem.Source.CHECK_IN, **verdict})

    decision = decide(
        assessment=assessment,
        contact_details=bool(result.contact_details),
        watched_actions=frozenset(watched),
        new_member=result.new_member,
    )
    held_because = decision.held_because
    result.held = decision.held
    if result.held and post.state == Post.State.VISIBLE:
        post.state = Post.State.HELD
        update_fields.append("state")
    if update_fields:
        post.save(update_fields=update_fields)

    if decision.priority is not None:
        result.item = item_open_automatic(
            post=post,
            group=group,
            priority=decision.priority,
            source=flags[0]["source"],
            flags=flags,
            crisis=assessment.needs_support,
            assessment=assessment,
            # A "check on this member" item alone waits in the normal lane, unannounced.
            alert=decision.alert,
        )
    if result.held and post.author_id and "state" in update_fields:
        tell_member(
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
    crisis detector found something for the author to see, the next page they see opens
    with a panel (templatetag {% crisis_support_panel %} in base.html): crisis resources
    (urgent, hold), gentler ones (possible risk), or how to help someone else (someone
    else at risk).

    Reads what screening left on the objects it was given; falls back to the review
    item, so it also works with a post fetched again from the database.
    """
    screening = None
    if post is not None:
        screening = getattr(post, "screening", None)
    elif thread is not None:
        screening = getattr(thread, "opening_screening", None)
    if screening is not None:
        shown, held, tier = screening.shows_panel, screening.held, screening.tier
    else:
        posts = Post.objects.none()
        if post is not None:
            posts = Post.objects.filter(pk=post.pk)
        elif thread is not None:
            posts = Post.objects.filter(thread=thread, is_opening=True)
        found = (
            ReviewItem.objects.filter(post__in=posts, crisis_detected=True)
            .values_list("post__state", "crisis_tier")
            .first()
        )
        shown = found is not None
        held = shown and found[0] == Post.State.HELD
        # An item from before tiers were kept is about crisis language: urgent.
        tier = (found[1] or "urgent") if shown else "none"
    if not shown:
        return False
    # The post's anchor (its number in the thread, never its id) lets the panel offer a
    # way on to the post itself.
    request.session[SESSION_KEY] = {
        "held": held,
        "anchor": post.anchor if post else None,
        "tier": tier,
    }
    return True


def on_post_sent(sender, *, request, post: Post | None = None, thread=None, **kwargs) -> bool:
    """config.hooks.post_sent: the composer's next page shows crisis support."""
    return remember_crisis_support(request, post=post, thread=thread)


def pop_crisis_support(request) -> dict | None:
    session = getattr(request, "session", None)
    if session is None or SESSION_KEY not in session:
        return None
    return session.pop(SESSION_KEY)
