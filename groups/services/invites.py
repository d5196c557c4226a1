"""Invites: the group's moderators make, change and revoke them; a member redeems one."""

import secrets
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Persona, User
from accounts.policies import ensure_account_can_act
from groups.models import Invite, Membership, SupportGroup
from groups.services._common import (
    _admit,
    _already_active,
    _audit,
    _chosen_persona,
    _ensure_moderator,
)


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
def invite_redeem(
    *,
    user: User,
    invite: Invite,
    persona: Persona | None = None,
    new_persona_name: str | None = None,
) -> Membership:
    """Join the invite's group under the chosen persona (or a new one made for this
    group from new_persona_name), using up one use of the link."""
    ensure_account_can_act(user)
    locked = Invite.objects.select_for_update().select_related("group").get(pk=invite.pk)
    if locked.group.is_archived:
        raise ValidationError(_("This group is closed."), code="archived")
    problem = invite_problem(locked)
    if problem is not None:
        raise ValidationError(problem, code=locked.status)
    if (existing := _already_active(user, locked.group)) is not None:
        return existing
    persona = _chosen_persona(user=user, persona=persona, new_persona_name=new_persona_name)
    membership, new = _admit(user=user, group=locked.group, persona=persona)
    if new:
        Invite.objects.filter(pk=locked.pk).update(use_count=F("use_count") + 1)
    return membership
