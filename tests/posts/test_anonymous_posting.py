"""Members post anonymously where a group allows it, under a label that stays stable in
one thread and connects to nothing else: not their persona, not their other threads."""

import re
from html.parser import HTMLParser

import pytest
from channels.db import database_sync_to_async
from django.core.exceptions import ValidationError
from django.urls import reverse

from notifications.models import Notification
from posts import services
from posts.models import Post, Thread
from tests.factories import MembershipFactory, PostFactory, SupportGroupFactory, ThreadFactory
from tests.posts.test_live_replies import _open_socket

pytestmark = pytest.mark.django_db

HELP_TEXT = (
    "Other members will see “Anonymous member” instead of your persona. "
    "Moderators still see your history in this group."
)


@pytest.fixture
def author(member, open_group, join):
    join(member, open_group)
    return member


@pytest.fixture
def reader(client, other_member, open_group, join):
    join(other_member, open_group)
    client.force_login(other_member)
    return other_member


def _member_of(group):
    return MembershipFactory(group=group).user


def _reply(author, thread, body="I am here with you.", anonymous=True):
    return services.post_create(author=author, thread=thread, body=body, anonymous=anonymous)


def _start(author, group, anonymous=True, body="Nobody at home knows."):
    return services.thread_create(
        author=author, group=group, title="Carrying it alone", body=body, anonymous=anonymous
    )


def _article(page: str, post: Post) -> str:
    match = re.search(rf'<article[^>]*id="{post.anchor}".*?</article>', page, re.DOTALL)
    assert match, f"post {post.pk} is not on the page"
    return match.group(0)


class _Attributes(HTMLParser):
    def __init__(self):
        super().__init__()
        self.values: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.values.extend(value or "" for name, value in attrs if name != "datetime")


# The composer


def test_it_offers_the_anonymous_checkbox_where_the_group_allows_it(client, author, open_group):
    client.force_login(author)
    thread = ThreadFactory(group=open_group)

    for url in (reverse("posts:thread_create", args=[open_group.slug]), thread.get_absolute_url()):
        page = client.get(url).content.decode()
        assert "Post anonymously" in page
        # Said once, by the checkbox itself, not again below the form.
        assert page.count("Anonymous member”") == 1
        assert HELP_TEXT in page


def test_it_offers_no_anonymous_checkbox_where_the_group_does_not_allow_it(client, member, join):
    group = SupportGroupFactory(allow_anonymous_posts=False)
    join(member, group)
    client.force_login(member)
    thread = ThreadFactory(group=group)

    for url in (reverse("posts:thread_create", args=[group.slug]), thread.get_absolute_url()):
        page = client.get(url).content.decode()
        assert "Post anonymously" not in page
        assert "Anonymous member" not in page


def test_a_member_starts_a_thread_anonymously(client, author, open_group, persona_of):
    client.force_login(author)

    response = client.post(
        reverse("posts:thread_create", args=[open_group.slug]),
        {"title": "Carrying it alone", "body": "Nobody at home knows.", "anonymous": "on"},
    )

    thread = Thread.objects.get()
    assert response.status_code == 302
    opening = thread.posts.get()
    assert opening.is_anonymous
    assert opening.public_author_name == "Anonymous member (original poster)"
    # Only staff tools read it, but it is recorded.
    assert opening.persona == persona_of(author)


def test_a_member_replies_anonymously(client, author, open_group):
    client.force_login(author)
    thread = ThreadFactory(group=open_group)

    response = client.post(thread.get_absolute_url(), {"body": "Me too.", "anonymous": "on"})

    assert response.status_code == 302
    assert Post.objects.get(thread=thread).public_author_name == "Anonymous member 2"


def test_a_reply_without_the_box_ticked_is_named(client, author, open_group, persona_of):
    client.force_login(author)
    thread = ThreadFactory(group=open_group)

    client.post(thread.get_absolute_url(), {"body": "Me too."})

    reply = Post.objects.get(thread=thread)
    assert not reply.is_anonymous
    assert reply.public_author_name == persona_of(author).name


def test_an_anonymous_reply_is_refused_where_the_group_does_not_allow_it(member, join):
    group = SupportGroupFactory(allow_anonymous_posts=False)
    join(member, group)
    thread = ThreadFactory(group=group)

    with pytest.raises(ValidationError, match="does not allow anonymous posts"):
        _reply(member, thread)
    with pytest.raises(ValidationError, match="does not allow anonymous posts"):
        _start(member, group)
    assert not Post.objects.exists()


def test_a_member_who_ticked_the_box_is_never_posted_under_their_persona_after_the_group_changed(
    client, author, open_group
):
    client.force_login(author)
    thread = ThreadFactory(group=open_group)
    open_group.allow_anonymous_posts = False
    open_group.save()

    response = client.post(
        thread.get_absolute_url(), {"body": "Something I only say anonymously.", "anonymous": "on"}
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "This group does not allow anonymous posts." in page
    assert "Something I only say anonymously." in page
    assert not Post.objects.filter(thread=thread).exists()


# Labels


def test_anonymous_repliers_are_numbered_from_two_and_keep_their_number(author, open_group):
    thread = _start(author, open_group, anonymous=False)
    first, second = _member_of(open_group), _member_of(open_group)

    labels = [
        _reply(first, thread, "one").public_author_name,
        _reply(second, thread, "two").public_author_name,
        _reply(first, thread, "three").public_author_name,
    ]

    assert labels == ["Anonymous member 2", "Anonymous member 3", "Anonymous member 2"]


def test_an_anonymous_starter_replying_anonymously_stays_the_original_poster(author, open_group):
    thread = _start(author, open_group)
    _reply(_member_of(open_group), thread, "A hug from here.")

    reply = _reply(author, thread, "Thank you, it helps.")

    assert reply.public_author_name == "Anonymous member (original poster)"


def test_a_starter_who_posted_by_name_gets_an_ordinary_number_when_anonymous(author, open_group):
    thread = _start(author, open_group, anonymous=False)

    reply = _reply(author, thread, "Something harder to say.")

    # "Original poster" here would tie the anonymous reply to the persona on the thread.
    assert reply.public_author_name == "Anonymous member 2"


def test_numbering_starts_afresh_in_every_thread(author, open_group):
    replier = _member_of(open_group)
    first_thread = _start(author, open_group, body="first")
    _reply(_member_of(open_group), first_thread, "before")
    _reply(replier, first_thread, "in the first")
    second_thread = _start(author, open_group, body="second")

    reply = _reply(replier, second_thread, "in the second")

    assert reply.public_author_name == "Anonymous member 2"


def test_named_and_anonymous_replies_of_one_member_are_not_linked_by_the_label(
    client, author, open_group, reader, persona_of
):
    thread = _start(author, open_group, anonymous=False)
    replier = _member_of(open_group)
    _reply(replier, thread, "named", anonymous=False)
    _reply(replier, thread, "anonymous")

    page = client.get(thread.get_absolute_url()).content.decode()

    assert page.count(persona_of(replier).name) == 1
    assert "Anonymous member 2" in page


# What readers see


def test_readers_see_the_label_and_never_who_is_behind_it(
    client, author, open_group, reader, persona_of
):
    thread = _start(author, open_group)
    replier = _member_of(open_group)
    reply = _reply(replier, thread)

    page = client.get(thread.get_absolute_url()).content.decode()

    assert "Anonymous member (original poster)" in page
    assert "Anonymous member 2" in page
    for someone in (author, replier):
        assert persona_of(someone).name not in page
        assert someone.username not in page
        assert someone.email not in page
    assert "Posted anonymously: only you see that this is yours." not in page
    assert reply.url("posts:post_edit") not in page


def test_the_html_of_an_anonymous_post_carries_nothing_that_points_to_its_author(
    client, author, open_group, reader
):
    # Ids that differ from the author's, so an id leaking would show.
    PostFactory.create_batch(3, thread=ThreadFactory(group=open_group), author=author)
    thread = _start(author, open_group)
    post = thread.posts.get()
    assert author.pk != post.number
    page = client.get(thread.get_absolute_url()).content.decode()
    parser = _Attributes()

    # The avatar is geometry drawn from a keyed hash: its coordinates are not ids.
    parser.feed(re.sub(r'<svg class="avatar.*?</svg>', "", _article(page, post), flags=re.S))

    for value in parser.values:
        # Only the post's address: its thread's public id and its number there.
        numbers = re.findall(r"\d+", value.replace(thread.public_id, ""))
        assert set(numbers) <= {str(post.number)}, value
    assert not re.search(r"data-(author|user|persona)", _article(page, post))


def test_the_author_alone_sees_that_an_anonymous_post_is_theirs(client, author, open_group):
    thread = _start(author, open_group)
    client.force_login(author)

    page = client.get(thread.get_absolute_url()).content.decode()

    assert "Anonymous member (original poster)" in page
    assert "Posted anonymously: only you see that this is yours." in page


# Notifications and live updates


def test_the_anonymous_author_of_a_thread_still_hears_about_replies(
    author, open_group, django_capture_on_commit_callbacks
):
    thread = _start(author, open_group)

    with django_capture_on_commit_callbacks(execute=True):
        _reply(_member_of(open_group), thread, anonymous=False)

    notification = Notification.objects.get()
    assert notification.recipient == author


def test_an_anonymous_replier_appears_by_label_in_notifications(
    client, author, open_group, persona_of, django_capture_on_commit_callbacks
):
    thread = _start(author, open_group, anonymous=False)
    replier = _member_of(open_group)
    with django_capture_on_commit_callbacks(execute=True):
        _reply(replier, thread)
    client.force_login(author)

    page = client.get(reverse("notifications:list")).content.decode()

    assert "<bdi>Anonymous member 2</bdi> replied to “<bdi>Carrying it alone</bdi>”" in page
    assert persona_of(replier).name not in page
    assert replier.username not in page


@database_sync_to_async
def _anonymous_thread_with_two_members():
    starter = MembershipFactory()
    thread = _start(starter.user, starter.group)
    return thread, starter.user, MembershipFactory(group=starter.group).user


@pytest.mark.django_db(transaction=True)
async def test_a_reader_sees_an_anonymous_reply_arrive_live_under_its_label():
    thread, reader, replier = await _anonymous_thread_with_two_members()
    communicator, connected = await _open_socket(reader, thread)
    assert connected

    await database_sync_to_async(_reply)(replier, thread, "You are not alone.")

    message = await communicator.receive_json_from(timeout=5)
    assert "Anonymous member 2" in message["html"]
    persona = await database_sync_to_async(lambda: replier.personas.get().name)()
    assert persona not in message["html"]
    assert replier.username not in message["html"]
    assert "only you see that this is yours" not in message["html"]
    await communicator.disconnect()


@pytest.mark.needs_postgres
@pytest.mark.django_db(transaction=True)
def test_new_anonymous_authors_replying_at_once_never_share_a_number():
    import threading

    from django.db import connection

    starter = MembershipFactory()
    thread = _start(starter.user, starter.group, anonymous=False)
    repliers = [MembershipFactory(group=starter.group).user for _ in range(6)]
    barrier = threading.Barrier(len(repliers))
    errors = []

    def reply(replier):
        try:
            barrier.wait()
            _reply(replier, thread, "Here at the same moment.")
        except Exception as error:
            # Collected, so that a failure in a worker fails the test.
            errors.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=reply, args=[replier]) for replier in repliers]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    assert errors == []
    numbers = sorted(
        Post.objects.filter(is_opening=False).values_list("anonymous_number", flat=True)
    )
    assert numbers == [2, 3, 4, 5, 6, 7]
