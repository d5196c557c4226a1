"""The account behind a session is loaded on every request by SQL
(accounts.backends.AuthenticationBackend.get_user): the same account, and the same
refusals, as Django's own backend gives."""

import pytest
from django.contrib.auth.backends import ModelBackend

from accounts.backends import AuthenticationBackend
from accounts.models import User

pytestmark = pytest.mark.django_db


def test_the_session_account_is_the_account_as_the_orm_loads_it(member):
    loaded = AuthenticationBackend().get_user(str(member.pk))
    expected = ModelBackend().get_user(member.pk)

    assert loaded == expected
    for field in User._meta.concrete_fields:
        assert getattr(loaded, field.attname) == getattr(expected, field.attname), field.name


def test_an_unknown_or_malformed_id_signs_nobody_in(member):
    backend = AuthenticationBackend()

    assert backend.get_user(str(member.pk + 1000)) is None
    assert backend.get_user("not a number") is None


def test_a_signed_in_member_stays_signed_in_until_their_account_is_deactivated(client, member):
    client.force_login(member)
    assert client.get("/").context["user"] == member

    User.objects.filter(pk=member.pk).update(is_active=False)

    assert not client.get("/").context["user"].is_authenticated
