"""A picture per author that tells authors apart and links nothing (issue 13)."""

import re

import pytest
from django.template import Context, Template

from accounts.avatars import NEUTRAL, avatar, persona_avatar
from accounts.services import persona_create
from posts import services as posts
from tests.factories import MembershipFactory, SupportGroupFactory

pytestmark = pytest.mark.django_db


def _picture(post) -> str:
    return Template("{% load avatars %}{% post_avatar post %}").render(Context({"post": post}))


@pytest.fixture
def group():
    return SupportGroupFactory()


def _member(group):
    return MembershipFactory(group=group).user


def test_a_persona_keeps_one_picture_in_every_thread(group):
    author = _member(group)
    first = posts.thread_create(author=author, group=group, title="One", body="Hello.")
    second = posts.thread_create(author=author, group=group, title="Two", body="Again.")

    assert _picture(first.posts.get()) == _picture(second.posts.get())
    assert _picture(first.posts.get()).startswith('<svg class="avatar"')


def test_different_personas_look_different(group):
    pictures = {
        _picture(
            posts.thread_create(
                author=_member(group), group=group, title="Hi", body="x"
            ).posts.get()
        )
        for _ in range(8)
    }

    assert len(pictures) == 8


def test_an_anonymous_label_has_its_own_picture_in_each_thread_and_none_of_the_persona(group):
    author = _member(group)
    signed = posts.thread_create(author=author, group=group, title="Signed", body="Me.")
    one = posts.thread_create(author=author, group=group, title="A", body="x", anonymous=True)
    two = posts.thread_create(author=author, group=group, title="B", body="y", anonymous=True)

    in_one, in_two = _picture(one.posts.get()), _picture(two.posts.get())

    assert in_one != in_two
    assert _picture(signed.posts.get()) not in {in_one, in_two}


def test_two_anonymous_authors_in_one_thread_look_different_and_stay_the_same(group):
    opener, other = _member(group), _member(group)
    thread = posts.thread_create(author=opener, group=group, title="T", body="x", anonymous=True)
    first = posts.post_create(author=other, thread=thread, body="Reply.", anonymous=True)
    again = posts.post_create(author=other, thread=thread, body="More.", anonymous=True)

    assert _picture(first) == _picture(again)
    assert _picture(first) != _picture(thread.posts.get(is_opening=True))


def test_a_former_member_gets_the_one_neutral_picture(group):
    post = posts.thread_create(author=_member(group), group=group, title="T", body="x").posts.get()
    post.persona = None

    assert _picture(post) == NEUTRAL
    assert persona_avatar(None) == NEUTRAL


def test_pictures_carry_no_id_and_depend_on_the_secret(settings, group):
    author = _member(group)
    persona = persona_create(user=author, name="Quiet Cedar 881")
    drawn = persona_avatar(persona.pk)

    # Only geometry and colours: no number from the database can be read off it.
    assert str(persona.pk) not in re.sub(r'd="[^"]*"', "", drawn).replace("0 0 5 5", "")
    settings.SECRET_KEY = "another secret entirely, for this test only"
    assert persona_avatar(persona.pk) != drawn


def test_every_picture_has_a_visible_pattern():
    for number in range(200):
        drawn = avatar(f"anonymous:1:{number}")
        assert drawn.count("h1v1h-1z") >= 4
        assert 'aria-hidden="true"' in drawn


def test_every_post_on_a_thread_page_shows_its_authors_picture(client, group):
    author, reader = _member(group), _member(group)
    thread = posts.thread_create(author=author, group=group, title="T", body="x", anonymous=True)
    reply = posts.post_create(author=reader, thread=thread, body="Signed reply.")
    client.force_login(reader)

    page = client.get(thread.get_absolute_url()).content.decode()

    assert page.count('<svg class="avatar"') == 2
    assert _picture(reply) in page
    assert _picture(thread.posts.get(is_opening=True)) in page
