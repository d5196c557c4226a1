"""Post blocks shared through the cache (posts.post_cache): a reader sees exactly the page
they would see without it, never another reader's parts, and never an old text."""

import re

import pytest
from django.core.cache import cache
from django.test import Client

from posts import services
from posts.models import Post
from posts.post_cache import key
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def _page(client: Client, thread, query: str = "") -> str:
    return client.get(thread.get_absolute_url() + query).content.decode()


def _article(page: str, post: Post) -> str:
    match = re.search(rf'<article[^>]*id="{post.anchor}".*?</article>', page, re.DOTALL)
    assert match, f"post {post.number} is not on the page"
    return match.group(0)


def _client(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def _without_tokens(page: str) -> str:
    # The CSRF token is masked afresh on every response.
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


@pytest.fixture
def thread(starter, open_group, start):
    return start(starter, open_group, body="The opening words.")


@pytest.fixture
def others(open_group):
    """Two more members of the group, each signed in on a client of their own."""
    return [MembershipFactory(group=open_group).user for _ in range(2)]


def test_a_reader_sees_the_page_they_would_see_without_the_cache(
    settings, thread, starter, others, moderator, reply
):
    first, second = others
    replies = [reply(first, thread, body=f"Reply {n}") for n in range(3)]
    services.reaction_set(
        user=first, post=thread.posts.get(is_opening=True), kind="support", active=True
    )
    services.bookmark_set(user=second, post=replies[0], active=True)
    services.post_edit(editor=first, post=replies[1], body="Reply 1, said better.")
    services.thread_set_locked(moderator=moderator, thread=thread, locked=True)
    readers = [starter, first, second, moderator]

    settings.SANAD_POST_BLOCK_CACHE = False
    uncached = {user: _without_tokens(_page(_client(user), thread)) for user in readers}
    settings.SANAD_POST_BLOCK_CACHE = True
    for _round in range(2):  # the first fills the cache, the second reads from it
        for user in reversed(readers):
            assert _without_tokens(_page(_client(user), thread)) == uncached[user]
    assert cache.get(key(replies[2].pk)) is not None


def test_reactions_and_bookmarks_stay_with_the_reader_who_made_them(thread, starter, others, reply):
    first, second = others
    post = reply(starter, thread, body="Some days are heavier.")
    services.reaction_set(user=first, post=post, kind="support", active=True)
    services.bookmark_set(user=first, post=post, active=True)

    mine = _article(_page(_client(first), thread), post)
    theirs = _article(_page(_client(second), thread), post)
    mine_again = _article(_page(_client(first), thread), post)

    assert 'aria-pressed="true"' in mine and "Bookmarked" in mine
    assert mine_again == mine
    assert 'aria-pressed="true"' not in theirs and "reaction-mine" not in theirs
    assert "Bookmarked" not in theirs and ">Bookmark<" in theirs
    assert '<span class="reaction-count">1</span>' in theirs


def test_an_authors_own_tools_and_markers_never_reach_another_reader(
    open_group, thread, starter, others, reply
):
    open_group.allow_anonymous_posts = True
    open_group.save(update_fields=["allow_anonymous_posts"])
    first, second = others
    quiet = reply(first, thread, body="Said without my name.", anonymous=True)

    own = _article(_page(_client(first), thread), quiet)
    theirs = _article(_page(_client(second), thread), quiet)
    starter_sees = _article(_page(_client(starter), thread), quiet)

    assert "only you see that this is yours" in own and "/edit/" in own
    for other in (theirs, starter_sees):
        assert "only you see" not in other
        assert "/edit/" not in other and "/delete/" not in other
        assert "Report" in other
        assert "Anonymous member" in other


def test_a_held_post_stays_with_its_author(thread, others, moderator, reply):
    first, second = others
    held = reply(first, thread, body="Waiting for a moderator.")
    Post.objects.filter(pk=held.pk).update(state=Post.State.HELD)

    own = _page(_client(first), thread)
    for user in (second, moderator):
        assert "Waiting for a moderator." not in _page(_client(user), thread)

    assert "Awaiting review: only you can see this for now." in own
    assert cache.get(key(held.pk)) is None


def test_moderator_links_and_new_marks_are_each_readers_own(
    thread, starter, others, moderator, reply
):
    first, second = others
    _page(_client(first), thread)  # first has read the thread so far
    late = reply(starter, thread, body="A late word.")

    moderating = _article(_page(_client(moderator), thread), late)
    first_sees = _page(_client(first), thread)
    second_sees = _page(_client(second), thread)

    assert "Moderate" in moderating
    assert "Moderate" not in _article(first_sees, late)
    assert "New since your last visit" in first_sees and "badge-new" in first_sees
    assert "New since your last visit" not in second_sees and "badge-new" not in second_sees


def test_each_reader_gets_their_warning_mode_language_and_time_zone(thread, starter, others, reply):
    first, second = others
    warned = reply(starter, thread, body="About the night it happened.", content_warning="loss")
    services.reader_preference_update(user=first, expand_content_warnings=True, muted_words="")
    services.reader_preference_update(user=second, expand_content_warnings=False, muted_words="")

    open_for_first = _article(_page(_client(first), thread), warned)
    closed_for_second = _article(_page(_client(second), thread), warned)
    arabic = _client(second)
    arabic.cookies["django_language"] = "ar"
    in_arabic = _article(_page(arabic, thread), warned)
    elsewhere = _client(second)
    elsewhere.cookies["sanad_tz"] = "Asia/Tokyo"
    in_tokyo = _article(_page(elsewhere, thread), warned)

    assert "<details" not in open_for_first and "cw-shown" in open_for_first
    assert "<details" in closed_for_second
    assert "تحذير" in in_arabic and "Content warning" not in in_arabic
    assert "+09:00" in in_tokyo and "+09:00" not in closed_for_second


def test_what_changes_a_post_shows_at_once(open_group, thread, starter, others, moderator, reply):
    from accounts.services import persona_rename
    from moderation import services as moderation
    from tests.factories import give_training

    first, second = others
    post = reply(first, thread, body="The first way I said it.")
    _page(_client(second), thread)  # cached as it was

    services.post_edit(editor=first, post=post, body="The second way I said it.")
    services.reaction_set(user=starter, post=post, kind="support", active=True)
    edited = _article(_page(_client(second), thread), post)
    assert "The second way I said it." in edited and "The first way" not in edited
    assert '<span class="reaction-count">1</span>' in edited

    persona = first.personas.get(is_default=True)
    persona_rename(persona=persona, name="Quiet Harbour 77")
    assert "Quiet Harbour 77" in _article(_page(_client(second), thread), post)

    give_training(moderator)
    item = moderation.item_open_for_post(moderator=moderator, post=post)
    moderation.item_remove(moderator=moderator, item_id=item.pk, reason="hate")
    removed = _article(_page(_client(second), thread), post)
    assert "removed by a moderator" in removed and "second way" not in removed


def test_an_edit_leaves_no_old_text_in_the_cache(
    thread, others, reply, django_capture_on_commit_callbacks
):
    first, second = others
    post = reply(first, thread, body="Words I want gone.")
    _page(_client(second), thread)
    assert "Words I want gone." in str(cache.get(key(post.pk)))

    with django_capture_on_commit_callbacks(execute=True):
        services.post_edit(editor=first, post=post, body="Better words.")

    assert cache.get(key(post.pk)) is None


# A group page's conversations


def test_a_group_page_reads_as_it_would_without_the_cache(
    settings, open_group, thread, starter, others, moderator, reply, start
):
    first, second = others
    _page(_client(first), thread)  # first has read it; then two replies they have not
    reply(starter, thread, body="One more.")
    reply(second, thread, body="And another.")
    start(second, open_group, title="A second conversation", content_warning="grief")
    readers = [starter, first, second, moderator]

    def group_page(user):
        return _without_tokens(_client(user).get(open_group.get_absolute_url()).content.decode())

    settings.SANAD_POST_BLOCK_CACHE = False
    uncached = {user: group_page(user) for user in readers}
    settings.SANAD_POST_BLOCK_CACHE = True
    for _round in range(2):
        for user in reversed(readers):
            assert group_page(user) == uncached[user]
    assert "2 unread" in uncached[first] and "2 unread" not in uncached[second]
    assert cache.get(key(thread.pk, "thread")) is not None


def test_a_new_title_shows_on_the_group_page_at_once(
    open_group, thread, starter, others, django_capture_on_commit_callbacks
):
    reader = _client(others[0])
    assert "Carrying it alone" in reader.get(open_group.get_absolute_url()).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        services.post_edit(
            editor=starter,
            post=thread.posts.get(is_opening=True),
            body="The opening words.",
            title="Carrying it together",
        )

    page = reader.get(open_group.get_absolute_url()).content.decode()
    assert "Carrying it together" in page and "Carrying it alone" not in page
    assert "Carrying it alone" not in str(cache.get(key(thread.pk, "thread")))


def test_a_renamed_personas_old_name_leaves_the_cache(
    thread, others, reply, django_capture_on_commit_callbacks
):
    from accounts.services import persona_rename

    first, second = others
    post = reply(first, thread, body="Signed with my name.")
    _page(_client(second), thread)
    old_name = first.personas.get(is_default=True).name
    assert old_name in str(cache.get(key(post.pk)))

    with django_capture_on_commit_callbacks(execute=True):
        persona_rename(persona=first.personas.get(is_default=True), name="Quiet Harbour 78")

    assert cache.get(key(post.pk)) is None
    assert "Quiet Harbour 78" in _article(_page(_client(second), thread), post)
