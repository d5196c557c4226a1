"""Help before limits: a post that a rule refused (a rate limit, a repeat, a lock, a
mute, a ban, a suspension, a request to join still waiting, an archived group) is
screened for crisis language before the refusal is shown.

When it carries crisis language, the member sees the crisis resources in the same
response, with the refusal and their text kept, and the group's moderators get an
urgent item with the words the member tried to post (PostAttempt), published nowhere.

posts sends config.hooks.posting_refused; this module handles it (connected in
ModerationConfig.ready()).
"""

import hashlib

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.models import Persona, User
from groups.access import persona_connected_to_group
from groups.models import SupportGroup
from moderation import text
from moderation.models import PostAttempt, ReviewItem
from moderation.screening import CrisisAssessment, crisis_assessment
from moderation.services import queue_changed, schedule_alert
from posts.models import Post, Thread

# A member retrying the same words (a double click, "try again" after a rate limit)
# adds to one row; different words add rows to the same item, up to this many.
MAX_ATTEMPTS_PER_ITEM = 20

# Why a post was refused, as moderators read it.
REFUSALS = {
    "rate_limited": _("Posting too often (rate limit)"),
    "repeated": _("The same text posted again"),
    "locked": _("The conversation is locked"),
    "removed": _("The conversation or the post was removed"),
    "erased": _("The post was deleted"),
    "muted": _("Muted in the group"),
    "banned": _("Banned from the group"),
    "not_member": _("Not a member of the group"),
    "suspended": _("Account suspended"),
    "unavailable": _(
        "The group or the conversation was not open to them (a ban, a request to join "
        "still waiting, an archived group)"
    ),
    "anonymous_not_allowed": _("Anonymous posts are not allowed in the group"),
    "blocked": _("Words the group does not allow"),
}


def refusal_label(code: str) -> str:
    return str(REFUSALS.get(code, _("Refused by a rule")))


def _fingerprint(*, title: str, body: str, anonymous: bool) -> str:
    # Folded like every check reads text, so a retry with other spacing or case is the
    # same words; anonymity is part of it, so a named and an anonymous attempt never
    # share a row.
    written = text.normalise(f"{title}\n{body}")
    return hashlib.sha256(f"{int(anonymous)}:{written}".encode()).hexdigest()


@transaction.atomic
def post_attempt_record(
    *,
    author: User,
    group: SupportGroup,
    where: str,
    title: str,
    body: str,
    content_warning: str,
    anonymous: bool,
    refusal: str,
    assessment: CrisisAssessment,
    thread: Thread | None = None,
    post: Post | None = None,
    persona: Persona | None = None,
) -> ReviewItem:
    """Keep words a rule refused, for the group's moderators, on an urgent item.

    Retrying the same words adds to the same row; a named member's other refused
    attempts in the group join the same open item. An anonymous attempt gets an item of
    its own: gathering a member's anonymous words together would tell moderators they
    are one person's.
    """
    # One member's attempts are recorded one at a time, so two quick retries never
    # open two items (the account row is the lock: nothing else in a post takes it).
    User.objects.select_for_update().filter(pk=author.pk).first()
    fingerprint = _fingerprint(title=title, body=body, anonymous=anonymous)
    now = timezone.now()
    attempt = (
        PostAttempt.objects.select_for_update()
        .filter(
            author=author,
            group=group,
            fingerprint=fingerprint,
            item__kind=ReviewItem.Kind.ATTEMPT,
            item__status=ReviewItem.Status.OPEN,
        )
        .select_related("item")
        .first()
    )
    if attempt is not None:
        attempt.times += 1
        attempt.last_tried_at = now
        attempt.refusal = refusal
        attempt.save(update_fields=["times", "last_tried_at", "refusal"])
        queue_changed(attempt.item)
        return attempt.item

    item = None
    if not anonymous:
        item = (
            ReviewItem.objects.select_for_update(of=("self",))
            .filter(
                kind=ReviewItem.Kind.ATTEMPT,
                status=ReviewItem.Status.OPEN,
                group=group,
                subject=author,
                attempts__is_anonymous=False,
            )
            .order_by("created_at", "pk")
            .first()
        )
    source = ReviewItem.Source.HARMFUL if assessment.tier == "hold" else ReviewItem.Source.CRISIS
    verdict = {
        "crisis_tier": assessment.tier,
        "crisis_score": round(float(assessment.score), 3),
        "crisis_signals": [str(code) for code in assessment.signals],
    }
    flag = {
        "source": source,
        "detail": "",
        "refused": refusal,
        "tier": verdict["crisis_tier"],
        "score": verdict["crisis_score"],
        "signals": verdict["crisis_signals"],
    }
    if item is None:
        # Urgent whatever the tier: nobody else will read these words, so the
        # moderators are the only ones who can answer them.
        item = ReviewItem.objects.create(
            group=group,
            post=None,
            kind=ReviewItem.Kind.ATTEMPT,
            subject=author,
            priority=ReviewItem.Priority.CRISIS,
            source=source,
            flags=[flag],
            crisis_detected=True,
            **verdict,
        )
        schedule_alert(item)
    elif item.attempts.count() >= MAX_ATTEMPTS_PER_ITEM:
        latest = item.attempts.order_by("-last_tried_at", "-pk").first()
        latest.times += 1
        latest.last_tried_at = now
        latest.save(update_fields=["times", "last_tried_at"])
        queue_changed(item)
        return item
    else:
        item.flags = [*item.flags, flag]
        for name, value in verdict.items():
            setattr(item, name, value)
        item.save(update_fields=["flags", *verdict])
    PostAttempt.objects.create(
        item=item,
        author=author,
        group=group,
        persona=None if anonymous else persona,
        thread=thread,
        post=post,
        where=where,
        is_anonymous=anonymous,
        title=title,
        body=body,
        content_warning=content_warning,
        refusal=refusal,
        fingerprint=fingerprint,
        last_tried_at=now,
    )
    queue_changed(item)
    return item


def _where_it_was_sent(user: User, *, slug: str, thread_id, post_id):
    """The group, thread and post the address named, and the persona the account is
    known by there; None when the account has no tie to that group (or the address
    names nothing)."""
    thread = post = group = None
    if post_id is not None:
        post = Post.objects.select_related("thread__group").filter(pk=post_id, author=user).first()
        thread = post.thread if post is not None else None
    elif thread_id is not None:
        thread = Thread.objects.select_related("group").filter(pk=thread_id).first()
    if thread is not None:
        group = thread.group
    elif slug:
        group = SupportGroup.objects.filter(slug=slug).first()
    if group is None:
        return None
    persona = persona_connected_to_group(user, group)
    if persona is None:
        return None
    return group, thread, post, persona


def on_posting_refused(
    sender,
    *,
    request,
    where: str,
    title: str,
    body: str,
    content_warning: str,
    anonymous: bool,
    refusal: str,
    code: str,
    correctable: bool,
    slug: str = "",
    thread_id=None,
    post_id=None,
    without_form: bool = False,
    **kwargs,
) -> bool:
    """Screen what a member tried to post before they read why it was refused."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    # Bounded, whatever was sent: the composer refuses longer text anyway.
    title = title[: settings.SANAD_THREAD_TITLE_MAX_LENGTH]
    body = body[: settings.SANAD_POST_BODY_MAX_LENGTH]
    content_warning = content_warning[:100]
    target = _where_it_was_sent(user, slug=slug, thread_id=thread_id, post_id=post_id)
    language = target[0].language if target is not None else (get_language() or "")
    written = f"{title}\n{body}" if title else body
    assessment = crisis_assessment(text=written, language=language)
    if not assessment.needs_support:
        return False
    request.crisis_support = {
        "state": "not_posted" if correctable else "refused",
        "refusal": "" if correctable else refusal,
        # With no composer on the page, the member's words are shown back to them.
        "text": written if without_form else "",
        "tier": assessment.tier,
    }
    # A correction the member can make and send again is not a refusal yet: what they
    # send next is screened like any post. A repeat was screened when first posted.
    if correctable or code == "repeated" or target is None:
        return True
    group, thread, post, persona = target
    # An edit of an anonymous post stays anonymous, like the post.
    anonymous = anonymous or (post is not None and post.is_anonymous)
    post_attempt_record(
        author=user,
        group=group,
        where=where,
        title=title if where == "thread" or (post is not None and post.is_opening) else "",
        body=body,
        content_warning=content_warning,
        anonymous=anonymous,
        refusal=code or "other",
        assessment=assessment,
        thread=thread,
        post=post,
        persona=persona,
    )
    return True
