"""Fixtures for conversations: a group, its members, and threads built quickly."""

import pytest
from django.db.models import Max

from config.markdown import render_markdown
from groups.models import Membership
from posts import services
from posts.models import Post
from tests.factories import MembershipFactory


@pytest.fixture
def starter(member, open_group, join):
    join(member, open_group)
    return member


@pytest.fixture
def reader(client, other_member, open_group, join):
    """Another member of the group, signed in on `client`."""
    join(other_member, open_group)
    client.force_login(other_member)
    return other_member


@pytest.fixture
def moderator(open_group):
    from tests.factories import give_mfa

    user = MembershipFactory(group=open_group, role=Membership.Role.MODERATOR).user
    give_mfa(user)
    return user


@pytest.fixture
def member_of():
    def _member_of(group, **kwargs):
        return MembershipFactory(group=group, **kwargs).user

    return _member_of


@pytest.fixture
def start():
    def _start(author, group, title="Carrying it alone", body="Nobody at home knows.", **kw):
        return services.thread_create(author=author, group=group, title=title, body=body, **kw)

    return _start


@pytest.fixture
def reply():
    def _reply(author, thread, body="I am here with you.", **kwargs):
        return services.post_create(author=author, thread=thread, body=body, **kwargs)

    return _reply


@pytest.fixture
def many_replies():
    """Replies inserted in bulk (the services' rate limits would stop a loop)."""

    def _many(thread, authors, count, **fields):
        personas = [author.personas.get(is_default=True) for author in authors]
        last = thread.posts.aggregate(last=Max("number"))["last"] or 0
        posts = [
            Post(
                thread=thread,
                number=last + i + 1,
                author=authors[i % len(authors)],
                persona=personas[i % len(authors)],
                body=f"Reply number {i + 1}",
                body_html=render_markdown(f"Reply number {i + 1}"),
                **fields,
            )
            for i in range(count)
        ]
        created = Post.objects.bulk_create(posts)
        thread.reply_count += count
        thread.save(update_fields=["reply_count"])
        return created

    return _many


@pytest.fixture
def searcher(client, other_member, open_group, join):
    join(other_member, open_group)
    client.force_login(other_member)
    return other_member


@pytest.fixture
def arabic_group(searcher, join):
    from groups.models import SupportGroup
    from tests.factories import SupportGroupFactory

    group = SupportGroupFactory(language=SupportGroup.Language.ARABIC, slug="arabic-circle")
    join(searcher, group)
    return group
