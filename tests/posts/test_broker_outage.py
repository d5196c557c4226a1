import pytest

from delivery.tasks import notify_reply
from posts.models import Post
from tests.factories import MembershipFactory, ThreadFactory


@pytest.mark.django_db(transaction=True)
def test_a_reply_is_kept_when_the_broker_is_down_at_commit(client, monkeypatch):
    membership = MembershipFactory()
    thread = ThreadFactory(group=membership.group)
    client.force_login(membership.user)

    def broker_down(*args, **kwargs):
        raise ConnectionError("Redis is not answering")

    monkeypatch.setattr(notify_reply, "delay", broker_down)

    response = client.post(thread.get_absolute_url(), {"body": "Still posting."})

    assert response.status_code == 302
    assert Post.objects.filter(thread=thread, body="Still posting.").exists()
