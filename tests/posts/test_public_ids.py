"""Threads and notifications are addressed by opaque public ids, posts by their thread and
number (issue 16): nothing a member is given counts up across groups."""

import pytest
from django.urls import reverse

from config import public_ids
from posts.models import Thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(starter, open_group, start):
    return start(starter, open_group)


def test_public_ids_carry_no_order_and_turn_back_into_the_id():
    keys = [public_ids.encode(n, "thread") for n in range(1, 200)]

    assert [public_ids.decode(key, "thread") for key in keys] == list(range(1, 200))
    assert len(set(keys)) == len(keys)
    assert keys != sorted(keys)
    assert all(len(key) == public_ids.LENGTH and key.isalnum() for key in keys)
    # A thread's key and a notification's for the same number differ.
    assert public_ids.encode(41, "thread") != public_ids.encode(41, "notification")


@pytest.mark.parametrize("text", ["", "abc", "aaaaaaaaaaaaa1", "zzzzzzzzzzzzz"])
def test_anything_else_is_not_a_public_id(text):
    with pytest.raises(ValueError):
        public_ids.decode(text, "thread")


def test_a_thread_is_reached_by_its_public_id_only(client, reader, thread):
    url = thread.get_absolute_url()

    assert url == f"/threads/{thread.public_id}/"
    assert str(thread.pk) not in url
    assert client.get(url).status_code == 200
    other_spelling = public_ids.encode(thread.pk, "notification")
    assert client.get(f"/threads/{other_spelling}/").status_code == 404


def test_old_thread_and_post_addresses_lead_on_only_up_to_the_configured_ids(
    client, reader, thread, settings
):
    opening = thread.posts.get()
    old_thread, old_post = f"/threads/{thread.pk}/", f"/posts/{opening.pk}/"

    assert client.get(old_thread).status_code == 404
    assert client.get(old_post).status_code == 404

    settings.SANAD_LEGACY_THREAD_IDS_UP_TO = thread.pk
    settings.SANAD_LEGACY_POST_IDS_UP_TO = opening.pk
    assert client.get(old_thread)["Location"] == thread.get_absolute_url()
    assert client.get(old_post)["Location"] == opening.get_absolute_url()
    newer = Thread.objects.create(group=thread.group, title="Newer")
    assert client.get(f"/threads/{newer.pk}/").status_code == 404


def test_old_addresses_stay_404_for_someone_outside_the_group(client, thread, member_of, settings):
    from tests.factories import SupportGroupFactory

    settings.SANAD_LEGACY_THREAD_IDS_UP_TO = thread.pk
    client.force_login(member_of(SupportGroupFactory()))

    assert client.get(reverse("posts:thread_legacy", args=[thread.pk])).status_code == 404
