"""Every change to groups, memberships, join requests and invites.

The site's views and Django admin both come through here, so the same rules hold and
the same audit rows are written whoever acts. Moderation and staff acts write an
AuditEntry with ids and a namespaced action, never what a member wrote.
"""

import secrets
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Persona, User
from accounts.policies import ensure_account_can_act
from accounts.ratelimit import rate_limit_account
from accounts.selectors import default_persona
from groups import search
from groups.models import EntryQuestion, Invite, JoinRequest, Membership, SupportGroup, Topic
from groups.selectors import works_review_queue_forget
from moderation.models import AuditEntry
from notifications.models import Notification
from notifications.services import notification_create

# What a group's own moderators may change on the group's moderation page. Who can find
# and join the group, its name, address, language and leadership are for staff (admin).
MODERATOR_SETTINGS = frozenset(
    {
        "summary",
        "description",
        "rules",
        "topics",
        "allow_anonymous_posts",
        "hold_first_posts",
        "join_cooldown_days",
    }
)
STAFF_SETTINGS = MODERATOR_SETTINGS | {
    "name",
    "slug",
    "language",
    "access",
    "listing",
    "leadership",
    "is_archived",
}
_INDEXED_SETTINGS = {"name", "summary", "topics", "language"}
_SLUG_TAKEN = gettext_lazy("Another group already uses this address. Choose another.")


def _audit(
    *,
    actor: User | None,
    action: str,
    group: SupportGroup,
    subject_account_id: int | None = None,
    reason: str = "",
    details: dict | None = None,
) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor,
        action=action,
        group=group,
        subject_account_id=subject_account_id,
        reason=reason,
        details=details or {},
    )


def _with_reason(message: str, membership: Membership) -> str:
    if not membership.sanction_reason:
        return message
    return "{} {}".format(message, _("Reason: %(reason)s") % {"reason": membership.sanction_reason})


def can_moderate_group(user: User, group: SupportGroup) -> bool:
    """Staff, or an active moderator or facilitator of this group."""
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    return Membership.objects.filter(
        group=group,
        user=user,
        state=Membership.State.ACTIVE,
        role__in=[Membership.Role.MODERATOR, Membership.Role.FACILITATOR],
    ).exists()


def _ensure_moderator(actor: User, group: SupportGroup) -> None:
    # The views reach here through groups.access already; this guards every other caller.
    if not can_moderate_group(actor, group):
        raise PermissionDenied


def _ensure_staff(actor: User | None) -> None:
    if actor is not None and not actor.is_staff:
        raise PermissionDenied


def _ensure_own_persona(user: User, persona: Persona) -> None:
    if persona.user_id != user.pk or persona.retired_at is not None:
        raise ValidationError(_("Choose one of your own personas."), code="not_yours")


# --- Groups ------------------------------------------------------------------------------


def unique_slug(name: str) -> str:
    """A readable address for a group, Arabic letters kept, made unique with a number."""
    base = slugify(name, allow_unicode=True)[:70] or "group"
    slug, number = base, 2
    while SupportGroup.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def group_create(
    *, actor: User | None, group: SupportGroup, topics: Iterable[Topic] = ()
) -> SupportGroup:
    """Save a new group built by admin's form or a script (actor None: an operator's
    command such as seed_demo)."""
    _ensure_staff(actor)
    if not group.slug:
        group.slug = unique_slug(group.name)
    group.full_clean(exclude=["topics", "search_text", "search_vector"])
    try:
        with transaction.atomic():
            group.save()
    except IntegrityError:
        raise ValidationError({"slug": _SLUG_TAKEN}, code="unique") from None
    group.topics.set(topics)
    search.index_groups([group])
    _audit(actor=actor, action="group.created", group=group)
    return group


@transaction.atomic
def group_update(*, actor: User, group: SupportGroup, changes: Mapping[str, Any]) -> SupportGroup:
    """Change a group's settings: staff any of STAFF_SETTINGS, the group's moderators
    MODERATOR_SETTINGS. Archiving or restoring is audited as such."""
    if actor.is_staff:
        allowed = STAFF_SETTINGS
    else:
        _ensure_moderator(actor, group)
        allowed = MODERATOR_SETTINGS
    if set(changes) - allowed:
        raise PermissionDenied
    locked = SupportGroup.objects.select_for_update().get(pk=group.pk)
    changed: list[str] = []
    for field, value in changes.items():
        if field == "topics":
            topics = list(value)
            if {topic.pk for topic in topics} != set(locked.topics.values_list("pk", flat=True)):
                locked.topics.set(topics)
                changed.append(field)
        elif getattr(locked, field) != value:
            setattr(locked, field, value)
            changed.append(field)
    if not changed:
        return locked
    columns = [field for field in changed if field != "topics"]
    if columns:
        locked.full_clean(exclude=["topics", "search_text", "search_vector"])
        try:
            with transaction.atomic():
                locked.save(update_fields=columns)
        except IntegrityError:
            raise ValidationError({"slug": _SLUG_TAKEN}, code="unique") from None
    if _INDEXED_SETTINGS & set(changed):
        search.index_groups([locked])
    if "is_archived" in changed:
        action = "group.archived" if locked.is_archived else "group.unarchived"
        _audit(actor=actor, action=action, group=locked)
    settings_changed = sorted(set(changed) - {"is_archived"})
    if settings_changed:
        _audit(
            actor=actor,
            action="group.updated",
            group=locked,
            details={"fields": settings_changed},
        )
    return locked


def group_archive(*, actor: User, group: SupportGroup) -> SupportGroup:
    """Close a group: its pages answer 404 and it leaves the directory; nothing is deleted."""
    _ensure_staff(actor)
    return group_update(actor=actor, group=group, changes={"is_archived": True})


# --- Memberships -------------------------------------------------------------------------


def _admit(*, user: User, group: SupportGroup, persona: Persona) -> tuple[Membership, bool]:
    """Make the account an active member under this persona; the caller holds the
    transaction. Returns the membership and whether it is new (or renewed)."""
    membership = Membership.objects.select_for_update().filter(group=group, user=user).first()
    if membership is not None:
        if membership.state == Membership.State.BANNED:
            raise ValidationError(
                _with_reason(_("You cannot rejoin this group."), membership), code="banned"
            )
        if membership.state == Membership.State.ACTIVE:
            return membership, False
        membership.state = Membership.State.ACTIVE
        membership.persona = persona
        membership.save(update_fields=["state", "persona"])
        # Staff may have given the row a role while it was inactive: it counts from now.
        works_review_queue_forget(user.pk)
        return membership, True
    try:
        with transaction.atomic():
            return Membership.objects.create(group=group, user=user, persona=persona), True
    except IntegrityError:
        # A double click raced us to it; the membership exists either way.
        return Membership.objects.get(group=group, user=user), False


@transaction.atomic
def membership_join(
    *, user: User, group: SupportGroup, persona: Persona | None = None
) -> Membership:
    """Join an open group in one step, under the persona this group will see."""
    ensure_account_can_act(user)
    if group.access != SupportGroup.Access.OPEN or group.is_archived:
        raise ValidationError(_("This group is not open to join directly."), code="not_open")
    persona = persona or default_persona(user)
    _ensure_own_persona(user, persona)
    membership, _new = _admit(user=user, group=group, persona=persona)
    return membership


@transaction.atomic
def membership_leave(*, membership: Membership) -> Membership:
    """Leave a group. Posts stay, under the name they were written with.

    A role does not survive leaving: whoever comes back to an open group comes back as a
    member, never as the moderator they once were.
    """
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.state != Membership.State.ACTIVE:
        raise ValidationError(_("Only members of this group can do this."), code="not_member")
    membership.state = Membership.State.LEFT
    membership.role = Membership.Role.MEMBER
    membership.is_verified_facilitator = False
    membership.save(update_fields=["state", "role", "is_verified_facilitator"])
    works_review_queue_forget(membership.user_id)
    return membership


@transaction.atomic
def membership_switch_persona(*, membership: Membership, persona: Persona) -> Membership:
    """Show another of the member's personas in this group, for what they do from now on.

    Posts already written keep the name they were written under. A sanction stays with
    the account, so a banned member cannot come back under a new name.
    """
    membership = Membership.objects.select_for_update().select_related("user").get(pk=membership.pk)
    ensure_account_can_act(membership.user)
    if membership.state == Membership.State.BANNED:
        raise ValidationError(
            _with_reason(_("You have been removed from this group."), membership), code="banned"
        )
    if membership.state != Membership.State.ACTIVE:
        raise ValidationError(_("Only members of this group can do this."), code="not_member")
    _ensure_own_persona(membership.user, persona)
    membership.persona = persona
    membership.save(update_fields=["persona"])
    return membership


def _audit_membership_changes(
    *, actor: User | None, before: Membership | None, after: Membership
) -> None:
    subject = {"group": after.group, "subject_account_id": after.user_id}
    details = {"membership_id": after.pk}
    if before is None:
        _audit(
            actor=actor,
            action="membership.added",
            details={**details, "role": after.role, "state": after.state},
            **subject,
        )
        before_role, before_state, before_verified = Membership.Role.MEMBER, after.state, False
    else:
        before_role, before_state = before.role, before.state
        before_verified = before.is_verified_facilitator
    if after.role != before_role:
        _audit(
            actor=actor,
            action="membership.role_changed",
            details={**details, "from": before_role, "to": after.role},
            **subject,
        )
    if before is not None and after.state != before_state:
        _audit(
            actor=actor,
            action="membership.state_changed",
            details={**details, "from": before_state, "to": after.state},
            **subject,
        )
    if after.is_verified_facilitator != before_verified:
        action = (
            "membership.facilitator_verified"
            if after.is_verified_facilitator
            else "membership.facilitator_unverified"
        )
        _audit(actor=actor, action=action, details=details, **subject)


@transaction.atomic
def membership_add_by_staff(
    *,
    actor: User | None,
    group: SupportGroup,
    user: User,
    persona: Persona,
    role: str = Membership.Role.MEMBER,
    state: str = Membership.State.ACTIVE,
    is_verified_facilitator: bool = False,
) -> Membership:
    """Staff put an account into a group, for example as its moderator or facilitator."""
    _ensure_staff(actor)
    membership = Membership(
        group=group,
        user=user,
        persona=persona,
        role=role,
        state=state,
        is_verified_facilitator=is_verified_facilitator,
    )
    membership.full_clean(exclude=["group"])
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError:
        raise ValidationError(
            _("This account is already in the group."), code="already_member"
        ) from None
    _audit_membership_changes(actor=actor, before=None, after=membership)
    works_review_queue_forget(membership.user_id)
    return membership


@transaction.atomic
def membership_update_by_staff(
    *,
    actor: User | None,
    membership: Membership,
    persona: Persona,
    role: str,
    state: str,
    is_verified_facilitator: bool,
) -> Membership:
    """Staff change a membership's role, state, persona or facilitator badge."""
    _ensure_staff(actor)
    before = Membership.objects.select_for_update().get(pk=membership.pk)
    after = Membership.objects.get(pk=membership.pk)
    after.persona, after.role, after.state = persona, role, state
    after.is_verified_facilitator = is_verified_facilitator
    after.full_clean(exclude=["group", "user"])
    after.save(update_fields=["persona", "role", "state", "is_verified_facilitator"])
    _audit_membership_changes(actor=actor, before=before, after=after)
    works_review_queue_forget(after.user_id)
    return after


@transaction.atomic
def membership_set_role(*, actor: User, membership: Membership, role: str) -> Membership:
    """Make a member a moderator or facilitator, or back: staff only."""
    return membership_update_by_staff(
        actor=actor,
        membership=membership,
        persona=membership.persona,
        role=role,
        state=membership.state,
        is_verified_facilitator=membership.is_verified_facilitator,
    )


@transaction.atomic
def membership_remove_by_staff(*, actor: User | None, membership: Membership) -> None:
    """Delete a membership row (admin). Sanctions are set through the moderation tools."""
    _ensure_staff(actor)
    _audit(
        actor=actor,
        action="membership.removed",
        group=membership.group,
        subject_account_id=membership.user_id,
        details={"membership_id": membership.pk, "role": membership.role},
    )
    Membership.objects.filter(pk=membership.pk).delete()
    works_review_queue_forget(membership.user_id)


# --- Entry questions ---------------------------------------------------------------------

_QUESTION_FIELDS = ("kind", "prompt", "help_text", "options", "is_required", "position")


@transaction.atomic
def entry_question_create(
    *,
    actor: User,
    group: SupportGroup,
    kind: str,
    prompt: str,
    help_text: str = "",
    options: str = "",
    is_required: bool = True,
    position: int = 0,
) -> EntryQuestion:
    _ensure_moderator(actor, group)
    question = EntryQuestion(
        group=group,
        kind=kind,
        prompt=prompt,
        help_text=help_text,
        options=options,
        is_required=is_required,
        position=position,
    )
    question.full_clean()
    question.save()
    _audit(
        actor=actor,
        action="entry_question.created",
        group=group,
        details={"question_id": question.pk, "kind": kind},
    )
    return question


@transaction.atomic
def entry_question_update(
    *, actor: User, question: EntryQuestion, changes: Mapping[str, Any]
) -> EntryQuestion:
    if set(changes) - set(_QUESTION_FIELDS):
        raise PermissionDenied
    locked = EntryQuestion.objects.select_for_update().select_related("group").get(pk=question.pk)
    _ensure_moderator(actor, locked.group)
    changed = [field for field, value in changes.items() if getattr(locked, field) != value]
    if not changed:
        return locked
    for field in changed:
        setattr(locked, field, changes[field])
    locked.full_clean()
    locked.save(update_fields=changed)
    _audit(
        actor=actor,
        action="entry_question.updated",
        group=locked.group,
        details={"question_id": locked.pk, "fields": sorted(changed)},
    )
    return locked


@transaction.atomic
def entry_question_delete(*, actor: User, question: EntryQuestion) -> None:
    """Remove a question. Requests already made keep their own copy of it."""
    _ensure_moderator(actor, question.group)
    _audit(
        actor=actor,
        action="entry_question.deleted",
        group=question.group,
        details={"question_id": question.pk},
    )
    EntryQuestion.objects.filter(pk=question.pk).delete()


# --- Join requests -----------------------------------------------------------------------


def _answer_for(question: EntryQuestion, value: Any) -> str | bool:
    """The applicant's answer to one question, checked; raises for a missing required one."""
    if question.kind == EntryQuestion.Kind.RULES:
        if question.is_required and value is not True:
            raise ValidationError(
                _("Please confirm that you have read the rules."), code="rules_not_read"
            )
        return bool(value)
    text = (value or "").strip() if isinstance(value, str) else ""
    if question.is_required and not text:
        raise ValidationError(
            _("Please answer “%(question)s”.") % {"question": question.prompt}, code="required"
        )
    if question.kind == EntryQuestion.Kind.CHOICE and text and text not in question.option_list:
        raise ValidationError(
            _("Choose one of the options for “%(question)s”.") % {"question": question.prompt},
            code="invalid_choice",
        )
    limit = 3000 if question.kind == EntryQuestion.Kind.LONG else 300
    return text[:limit]


def join_request_cooldown_ends(*, user: User, group: SupportGroup) -> datetime | None:
    """When a declined applicant may ask again, or None if they may ask now."""
    declined = (
        JoinRequest.objects.filter(group=group, user=user, state=JoinRequest.State.DECLINED)
        .order_by("-decided_at")
        .first()
    )
    if declined is None or declined.decided_at is None:
        return None
    ends = declined.decided_at + timedelta(days=group.join_cooldown_days)
    return ends if ends > timezone.now() else None


@transaction.atomic
def join_request_submit(
    *, user: User, group: SupportGroup, persona: Persona, answers: Mapping[int, Any]
) -> JoinRequest:
    """Ask to join a request group, answering its entry questions.

    `answers` maps question ids to what the applicant gave: text for short, long and
    single-choice questions, True for "I have read the rules".
    """
    ensure_account_can_act(user)
    if group.access != SupportGroup.Access.REQUEST or group.is_archived:
        raise ValidationError(_("This group does not take requests to join."), code="not_request")
    _ensure_own_persona(user, persona)
    # Lock the account's membership row (if any) so a decision and a new request on
    # the same account are taken one after the other.
    membership = Membership.objects.select_for_update().filter(group=group, user=user).first()
    if membership is not None and membership.state == Membership.State.BANNED:
        raise ValidationError(
            _with_reason(_("You cannot rejoin this group."), membership), code="banned"
        )
    if membership is not None and membership.state == Membership.State.ACTIVE:
        raise ValidationError(_("You are already a member of this group."), code="member")
    if JoinRequest.objects.filter(group=group, user=user, state=JoinRequest.State.PENDING).exists():
        raise ValidationError(
            _("You have already asked to join. The moderators will answer soon."),
            code="pending",
        )
    cooldown_ends = join_request_cooldown_ends(user=user, group=group)
    if cooldown_ends is not None:
        when = formats.date_format(timezone.localtime(cooldown_ends), "DATETIME_FORMAT")
        raise ValidationError(
            _("You can ask to join this group again after %(date)s.") % {"date": when},
            code="cooldown",
        )
    snapshot = [
        {
            "question": question.prompt,
            "kind": question.kind,
            "answer": _answer_for(question, answers.get(question.pk)),
        }
        for question in group.entry_questions.all()
    ]
    rate_limit_account(scope="join_request", user=user)
    try:
        with transaction.atomic():
            return JoinRequest.objects.create(
                group=group, user=user, persona=persona, answers=snapshot
            )
    except IntegrityError:
        raise ValidationError(
            _("You have already asked to join. The moderators will answer soon."),
            code="pending",
        ) from None


@transaction.atomic
def join_request_withdraw(*, user: User, join_request: JoinRequest) -> JoinRequest:
    locked = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    if locked.user_id != user.pk or locked.state != JoinRequest.State.PENDING:
        raise ValidationError(_("This request is no longer waiting."), code="not_pending")
    locked.state = JoinRequest.State.WITHDRAWN
    locked.decided_at = timezone.now()
    locked.save(update_fields=["state", "decided_at"])
    return locked


def _decide(*, actor: User, join_request: JoinRequest, note: str, approve: bool) -> JoinRequest:
    locked = (
        JoinRequest.objects.select_for_update()
        .select_related("group", "persona", "user")
        .get(pk=join_request.pk)
    )
    _ensure_moderator(actor, locked.group)
    if locked.state != JoinRequest.State.PENDING:
        raise ValidationError(
            _("This request has already been decided or withdrawn."), code="decided"
        )
    note = note.strip()
    if approve:
        persona = locked.persona
        if persona.user_id != locked.user_id or persona.retired_at is not None:
            persona = default_persona(locked.user)
        try:
            _admit(user=locked.user, group=locked.group, persona=persona)
        except ValidationError:
            raise ValidationError(
                _("This applicant has been removed from the group and cannot be admitted."),
                code="banned",
            ) from None
    locked.state = JoinRequest.State.APPROVED if approve else JoinRequest.State.DECLINED
    locked.note = note
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    locked.save(update_fields=["state", "note", "decided_by", "decided_at"])
    notification_create(
        recipient_id=locked.user_id,
        kind=Notification.Kind.JOIN_REQUEST_DECIDED,
        message=note,
        group_id=locked.group_id,
    )
    _audit(
        actor=actor,
        action="join_request.approved" if approve else "join_request.declined",
        group=locked.group,
        subject_account_id=locked.user_id,
        reason=note,
        details={"join_request_id": locked.pk},
    )
    return locked


@transaction.atomic
def join_request_approve(*, actor: User, join_request: JoinRequest, note: str = "") -> JoinRequest:
    """Admit the applicant under the persona they chose, and tell them, with the note."""
    return _decide(actor=actor, join_request=join_request, note=note, approve=True)


@transaction.atomic
def join_request_decline(*, actor: User, join_request: JoinRequest, note: str) -> JoinRequest:
    """Decline, telling the applicant why: they may ask again after the group's cooldown."""
    if not note.strip():
        raise ValidationError(
            _("Tell the applicant why, kindly: they will read this note."), code="note_required"
        )
    return _decide(actor=actor, join_request=join_request, note=note, approve=False)


# --- Invites -----------------------------------------------------------------------------


@transaction.atomic
def invite_create(
    *, actor: User, group: SupportGroup, expires_at: datetime, max_uses: int, label: str = ""
) -> Invite:
    _ensure_moderator(actor, group)
    if expires_at <= timezone.now():
        raise ValidationError({"expires_at": _("Choose a moment in the future.")}, code="expired")
    invite = Invite(
        group=group,
        token=secrets.token_urlsafe(24),
        label=label,
        created_by=actor,
        expires_at=expires_at,
        max_uses=max_uses,
    )
    invite.full_clean()
    invite.save()
    _audit(
        actor=actor,
        action="invite.created",
        group=group,
        details={
            "invite_id": invite.pk,
            "max_uses": max_uses,
            "expires_at": expires_at.isoformat(),
        },
    )
    return invite


@transaction.atomic
def invite_update(
    *, actor: User, invite: Invite, expires_at: datetime, max_uses: int, label: str
) -> Invite:
    locked = Invite.objects.select_for_update().select_related("group").get(pk=invite.pk)
    _ensure_moderator(actor, locked.group)
    changed = [
        field
        for field, value in (("expires_at", expires_at), ("max_uses", max_uses), ("label", label))
        if getattr(locked, field) != value
    ]
    if not changed:
        return locked
    locked.expires_at, locked.max_uses, locked.label = expires_at, max_uses, label
    if locked.max_uses < locked.use_count:
        raise ValidationError(
            {"max_uses": _("This invite has already been used more times than that.")},
            code="below_use_count",
        )
    locked.full_clean()
    locked.save(update_fields=changed)
    _audit(
        actor=actor,
        action="invite.updated",
        group=locked.group,
        details={"invite_id": locked.pk, "fields": sorted(changed)},
    )
    return locked


@transaction.atomic
def invite_revoke(*, actor: User, invite: Invite) -> Invite:
    locked = Invite.objects.select_for_update().select_related("group").get(pk=invite.pk)
    _ensure_moderator(actor, locked.group)
    if locked.revoked_at is not None:
        return locked
    locked.revoked_at = timezone.now()
    locked.save(update_fields=["revoked_at"])
    _audit(
        actor=actor, action="invite.revoked", group=locked.group, details={"invite_id": locked.pk}
    )
    return locked


def invite_problem(invite: Invite) -> str | None:
    """Why this invite cannot be used, in words for the person holding it, or None."""
    status = invite.status
    if status == Invite.Status.REVOKED:
        return _("The group's moderators have withdrawn this invite link.")
    if status == Invite.Status.EXPIRED:
        return _("This invite link has expired. Ask the person who gave it to you for a new one.")
    if status == Invite.Status.USED_UP:
        return _(
            "This invite link has been used as many times as it allows. "
            "Ask the person who gave it to you for a new one."
        )
    return None


@transaction.atomic
def invite_redeem(*, user: User, invite: Invite, persona: Persona) -> Membership:
    """Join the invite's group under the chosen persona, using up one use of the link."""
    ensure_account_can_act(user)
    locked = Invite.objects.select_for_update().select_related("group").get(pk=invite.pk)
    if locked.group.is_archived:
        raise ValidationError(_("This group is closed."), code="archived")
    problem = invite_problem(locked)
    if problem is not None:
        raise ValidationError(problem, code=locked.status)
    _ensure_own_persona(user, persona)
    membership, new = _admit(user=user, group=locked.group, persona=persona)
    if new:
        Invite.objects.filter(pk=locked.pk).update(use_count=F("use_count") + 1)
    return membership
