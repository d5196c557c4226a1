"""Support reactions instead of likes: a fixed set, counts only and never who, the
reader's own marked, sending twice still one."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from posts import selectors, services
from posts.models import Post, Reaction
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def post(starter, open_group, start):
    return start(starter, open_group).posts.get()


def _react(client, post, value, **headers):
    return client.post(post.url("posts:post_react"), {"reaction": value}, **headers)


def test_a_member_sends_support_with_htmx_and_gets_the_counts_back(client, reader, post):
    response = _react(client, post, "support:on", **HTMX)

    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith(f'<div class="reactions" id="reactions-{post.anchor}">')
    support = re.search(r'<button[^>]*value="support:off"[^>]*>(.*?)</button>', html, re.DOTALL)
    assert support, "the reader's own reaction is not offered to take back"
    assert 'aria-pressed="true"' in support.group(0)
    assert '<span class="reaction-count">1</span>' in support.group(1)
    assert Reaction.objects.filter(post=post, user=reader, kind="support").count() == 1


def test_without_javascript_it_goes_back_to_the_post(client, reader, post):
    response = _react(client, post, "thanks:on")

    assert response.status_code == 302
    assert response["Location"] == post.get_absolute_url()
    assert Reaction.objects.filter(kind="thanks").count() == 1


def test_sending_the_same_reaction_twice_is_still_one(client, reader, post):
    _react(client, post, "me_too:on", **HTMX)
    _react(client, post, "me_too:on", **HTMX)

    assert Reaction.objects.filter(post=post, kind="me_too").count() == 1


def test_a_member_takes_their_reaction_back(client, reader, post):
    _react(client, post, "helped:on")

    _react(client, post, "helped:off")
    _react(client, post, "helped:off")

    assert not Reaction.objects.exists()


def test_counts_are_shown_and_never_who_reacted(client, reader, post, open_group):
    supporters = [MembershipFactory(group=open_group).user for _ in range(3)]
    for supporter in supporters:
        services.reaction_set(user=supporter, post=post, kind="support", active=True)

    page = client.get(post.thread.get_absolute_url()).content.decode()

    opening = f'<div class="reactions" id="reactions-{post.anchor}">'
    reactions = re.search(rf"{opening}.*?</div>\s*</div>", page, re.DOTALL).group(0)
    assert "Sending support" in reactions
    assert '<span class="reaction-count">3</span>' in reactions
    assert 'aria-pressed="true"' not in reactions
    for supporter in supporters:
        assert supporter.personas.get().name not in page
        assert supporter.username not in page


def test_the_author_sees_counts_on_their_own_post_but_cannot_react_to_it(
    client, starter, post, open_group
):
    services.reaction_set(
        user=MembershipFactory(group=open_group).user, post=post, kind="helped", active=True
    )
    client.force_login(starter)

    page = client.get(post.thread.get_absolute_url()).content.decode()
    response = _react(client, post, "support:on", **HTMX)

    assert "This helped" in page
    assert 'name="reaction"' not in page
    assert response.status_code == 400
    assert "Support reactions are for other members&#x27; posts." in response.content.decode()
    assert not Reaction.objects.filter(user=starter).exists()


@pytest.mark.parametrize("value", ["love:on", "support", "support:maybe", ""])
def test_an_unknown_reaction_is_refused_not_a_500(client, reader, post, value):
    response = _react(client, post, value, **HTMX)

    assert response.status_code == 400
    assert "Choose one of the support reactions." in response.content.decode()
    assert not Reaction.objects.exists()


def test_a_non_member_cannot_react(client, member, post):
    client.force_login(MembershipFactory().user)

    assert _react(client, post, "support:on").status_code == 404
    assert not Reaction.objects.exists()


def test_a_visitor_is_sent_to_sign_in(client, post):
    response = _react(client, post, "support:on")

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


@pytest.mark.parametrize("state", [Post.State.HELD, Post.State.REMOVED, Post.State.ERASED])
def test_a_post_that_is_not_visible_takes_no_reaction(client, reader, post, state):
    Post.objects.filter(pk=post.pk).update(state=state)

    assert _react(client, post, "support:on").status_code == 404


def test_reacting_only_answers_get_with_405(client, reader, post):
    assert client.get(post.url("posts:post_react")).status_code == 405


def test_a_flood_of_reactions_is_rate_limited(reader, post, settings):
    settings.SANAD_RATE_LIMITS = {**settings.SANAD_RATE_LIMITS, "reaction": "3/300"}
    for kind in ("support", "me_too", "helped"):
        services.reaction_set(user=reader, post=post, kind=kind, active=True)

    with translation.override("en"), pytest.raises(ValidationError, match="a little too often"):
        services.reaction_set(user=reader, post=post, kind="thanks", active=True)


def test_the_notifications_app_reads_support_counts_without_names(reader, post, open_group):
    services.reaction_set(user=reader, post=post, kind="support", active=True)
    services.reaction_set(
        user=MembershipFactory(group=open_group).user, post=post, kind="support", active=True
    )

    assert selectors.support_reaction_counts([post.pk]) == {post.pk: {"support": 2}}
