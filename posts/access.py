"""The only road to a protected thread or post, built on groups/access.py.

Every function answers 404 for anything the viewer may not see, whether it exists or
not, so that nobody can learn that a thread exists by probing ids. Views, consumers and
tasks go through here and nowhere else.
"""

from django.db import connection
from django.http import Http404

from accounts.models import Persona, User
from config import rows
from groups.access import active_membership
from groups.models import Membership, SupportGroup
from posts.models import Post, Thread


def thread_for_member(user: User, thread_id: int):
    """A thread and the viewer's membership of its group, or 404.

    One query as SQL (config.rows): every thread page and every live message asks, and
    composing the two ORM queries this was cost more than running them.
    """
    if not user.is_authenticated:
        raise Http404
    quote = connection.ops.quote_name
    sql = f"""
        SELECT {rows.columns(Thread, "t")}, {rows.columns(SupportGroup, "g")},
               {rows.columns(Membership, "m")}, {rows.columns(Persona, "p")}
        FROM {quote(Thread._meta.db_table)} t
        JOIN {quote(SupportGroup._meta.db_table)} g ON g.id = t.group_id
        LEFT JOIN {quote(Membership._meta.db_table)} m
            ON m.group_id = t.group_id AND m.user_id = %s AND m.state = %s
        LEFT JOIN {quote(Persona._meta.db_table)} p ON p.id = m.persona_id
        WHERE t.id = %s AND g.is_archived = %s
    """  # noqa: S608 (names from the models, every value a parameter)
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk, Membership.State.ACTIVE, thread_id, False])
        row = cursor.fetchone()
    if row is None:
        raise Http404
    parts, start = [], 0
    for model in (Thread, SupportGroup, Membership, Persona):
        end = start + rows.width(model)
        parts.append(rows.instance(model, row[start:end]))
        start = end
    thread, group, membership, persona = parts
    if membership is None:
        raise Http404
    thread.group = membership.group = group
    membership.persona = persona
    return thread, membership


def post_for_member(user: User, thread_id: int, number: int):
    """A post by its address (its thread and its number there), or 404.

    Members never see a post's global id: it would order posts across groups.
    """
    post = (
        Post.objects.filter(thread_id=thread_id, number=number, thread__group__is_archived=False)
        .select_related("thread__group", "persona")
        .first()
    )
    if post is None or not post.is_visible_to(user):
        raise Http404
    membership = active_membership(user, post.thread.group)
    if membership is None:
        raise Http404
    return post, membership


def user_can_read_thread(user: User, thread_id: int) -> bool:
    """For consumers: the same rule as thread_for_member, as a yes or no."""
    try:
        thread_for_member(user, thread_id)
    except Http404:
        return False
    return True
