from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from accounts.models import User
from groups.models import Membership
from notifications.models import Notification, NotificationPreference

MODERATOR_KINDS = frozenset({Notification.Kind.QUEUE_NEW_ITEM, Notification.Kind.QUEUE_OVERDUE})


def readable_by_recipient() -> Q:
    """A notice about a thread stays only while its recipient may read the thread: a
    member who left or was banned stops seeing titles from that group."""
    return Q(thread__isnull=True) | Q(
        Exists(
            Membership.objects.filter(
                group_id=OuterRef("thread__group_id"),
                user_id=OuterRef("recipient_id"),
                state=Membership.State.ACTIVE,
            )
        )
    )


def visible_now(moment=None) -> Q:
    # A deferred notice does not exist for its recipient until its moment comes.
    return Q(visible_from__isnull=True) | Q(visible_from__lte=moment or timezone.now())


def notifications_for(user: User, *, include_hidden: bool = False) -> QuerySet[Notification]:
    """The member's notifications as they may see them now. include_hidden adds the
    kinds they turned off in the app (an email about one still links somewhere)."""
    shown = Q() if include_hidden else Q(shown_in_app=True)
    return (
        Notification.objects.filter(shown, recipient=user)
        .filter(visible_now())
        .filter(readable_by_recipient())
        .select_related("thread__group", "post__persona", "post__thread", "group")
    )


def unread_count(user: User) -> int:
    """The bell's number: unread notices the member may see now.

    The same rules as notifications_for() (shown in the app, visible now, and about a
    thread the member may still read), written as SQL because the header asks on every
    page and composing the ORM query cost several times more than running it
    (tests/notifications pin that both agree).
    """
    tables = (
        Notification._meta.db_table,
        Notification.thread.field.related_model._meta.db_table,
        Membership._meta.db_table,
    )
    notification, thread, membership = map(connection.ops.quote_name, tables)
    sql = f"""
        SELECT COUNT(*) FROM {notification} n
        LEFT JOIN {thread} t ON t.id = n.thread_id
        WHERE n.recipient_id = %s AND n.shown_in_app AND n.read_at IS NULL
          AND (n.visible_from IS NULL OR n.visible_from <= %s)
          AND (n.thread_id IS NULL OR EXISTS (
                SELECT 1 FROM {membership} m
                WHERE m.group_id = t.group_id AND m.user_id = n.recipient_id AND m.state = %s))
    """  # noqa: S608 (table names from the models, every value a parameter)
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk, timezone.now(), Membership.State.ACTIVE])
        return cursor.fetchone()[0]


def notification_for_member(
    user: User, notification_id: int, *, include_hidden: bool = False
) -> Notification | None:
    """One of the member's own notifications as they may see it now, or None."""
    if not user.is_authenticated:
        return None
    return notifications_for(user, include_hidden=include_hidden).filter(pk=notification_id).first()


@dataclass
class ThreadGroup:
    """Notifications of one thread on a page of the list (or a single other notice)."""

    thread: object | None
    items: list = field(default_factory=list)

    @property
    def unread(self) -> int:
        return sum(1 for item in self.items if item.read_at is None)


def group_by_thread(notifications) -> list[ThreadGroup]:
    """Keep the order of each thread's newest notice; gather its others beneath it."""
    groups: list[ThreadGroup] = []
    by_thread: dict[int, ThreadGroup] = {}
    for notification in notifications:
        if notification.thread_id is None:
            groups.append(ThreadGroup(thread=None, items=[notification]))
            continue
        group = by_thread.get(notification.thread_id)
        if group is None:
            group = by_thread[notification.thread_id] = ThreadGroup(thread=notification.thread)
            groups.append(group)
        group.items.append(notification)
    return groups


def chosen_language(user_id: int) -> str | None:
    """The language the member set for what Sanad tells them; None if they never did."""
    return (
        NotificationPreference.objects.filter(user_id=user_id)
        .values_list("language", flat=True)
        .first()
    )


def preferences_for(user_ids) -> dict[int, NotificationPreference]:
    """Each member's preferences; the defaults (unsaved) for members who never chose."""
    found = {p.user_id: p for p in NotificationPreference.objects.filter(user_id__in=user_ids)}
    return {uid: found.get(uid) or NotificationPreference(user_id=uid) for uid in user_ids}


def verified_addresses(user_ids) -> dict[int, str]:
    """The address each member verified (their primary one first). Unverified addresses
    never receive anything: whoever typed them may not own them."""
    from allauth.account.models import EmailAddress

    addresses: dict[int, str] = {}
    rows = (
        EmailAddress.objects.filter(user_id__in=user_ids, verified=True)
        .order_by("user_id", "-primary", "pk")
        .values_list("user_id", "email")
    )
    for uid, email in rows:
        addresses.setdefault(uid, email)
    return addresses


def is_moderator(user: User) -> bool:
    from groups.access import moderated_groups

    return user.is_staff or moderated_groups(user).exists()
