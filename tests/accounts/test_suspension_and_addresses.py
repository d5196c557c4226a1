import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from groups.models import Membership
from tests.factories import MembershipFactory, ThreadFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def suspended_member(member, open_group, join):
    join(member, open_group)
    member.suspended_at = timezone.now()
    member.suspension_reason = "Threats against another member."
    member.save()
    return member


def test_a_suspended_account_cannot_reply_and_is_told_why(client, suspended_member, open_group):
    thread = ThreadFactory(group=open_group)
    client.force_login(suspended_member)

    response = client.post(thread.get_absolute_url(), {"body": "Let me in."})

    assert response.status_code == 403
    assert "Threats against another member." in response.content.decode()
    assert thread.posts.count() == 0


def test_a_suspended_account_cannot_join_under_any_persona(client, suspended_member):
    other_group = MembershipFactory().group
    client.force_login(suspended_member)

    response = client.post(
        reverse("groups:join", args=[other_group.slug]),
        {"persona": suspended_member.personas.get().pk},
    )

    assert response.status_code == 403
    assert not Membership.objects.filter(user=suspended_member, group=other_group).exists()


def test_a_suspended_account_can_still_read_and_sign_out(client, suspended_member, open_group):
    client.force_login(suspended_member)

    assert client.get(open_group.get_absolute_url()).status_code == 200
    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session


def _all_cache_keys() -> list[str]:
    backend = cache._cache
    if isinstance(backend, dict):  # local memory
        return list(backend.keys())
    client = backend.get_client(None)  # Redis
    return [key.decode() for key in client.scan_iter("*")]


def test_sign_up_rate_limits_never_store_the_address():
    from django.test import Client

    for number in range(3):
        Client().post(
            reverse("account_signup"),
            {
                "username": f"newcomer-{number}",
                "password1": "a long private passphrase",
                "password2": "a long private passphrase",
            },
            REMOTE_ADDR="203.0.113.77",
        )

    keys = _all_cache_keys()
    assert any("allauth" in key for key in keys), "the rate limit left no counter at all"
    for key in keys:
        assert "203.0.113.77" not in key
    assert User.objects.filter(username__startswith="newcomer-").count() == 3


def test_no_model_has_a_field_for_an_ip_address():
    from django.apps import apps
    from django.db import models

    for model in apps.get_models():
        for field in model._meta.get_fields():
            assert not isinstance(field, models.GenericIPAddressField), (model, field.name)
            assert "ip" not in getattr(field, "name", "").split("_"), (model, field.name)
