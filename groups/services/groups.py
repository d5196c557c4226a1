"""Groups: staff create and archive them; staff and the group's moderators configure them."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy

from accounts.models import User
from groups import search
from groups.models import SupportGroup, Topic
from groups.services._common import _audit, _ensure_moderator, _ensure_staff

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
