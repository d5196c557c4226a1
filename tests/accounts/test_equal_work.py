"""Signing in and asking for a password reset do the same work whether the account
exists, so that their timing cannot tell. (Sign-up and recovery codes are checked the
same way in their own files; `python manage.py benchmark --only accounts.timing`
measures the times themselves.)"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import UserFactory, give_verified_email

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def _work(hashes, action):
    hashes.reset()
    with CaptureQueriesContext(connection) as queries:
        response = action()
    return response, hashes.count, len(queries)


def test_signing_in_hashes_the_password_once_whether_the_username_exists(hashes):
    UserFactory(username="returning")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.get(reverse("account_login"))

    def sign_in(login, password):
        return lambda: client.post(reverse("account_login"), {"login": login, "password": password})

    wrong, wrong_hashes, wrong_queries = _work(hashes, sign_in("returning", "not the password"))
    unknown, unknown_hashes, unknown_queries = _work(hashes, sign_in("nobody-here", "whatever1"))
    right, right_hashes, _queries = _work(hashes, sign_in("returning", PASSWORD))

    assert wrong.status_code == unknown.status_code == 400
    assert right.status_code == 302
    # One backend, one hash: a stand-in hash for an unknown username.
    assert wrong_hashes == unknown_hashes == right_hashes == 1
    assert wrong_queries == unknown_queries


def test_asking_for_a_reset_does_the_same_work_with_and_without_an_account(
    hashes, django_capture_on_commit_callbacks
):
    give_verified_email(UserFactory(), "known@example.org")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.get(reverse("account_reset_password"))
    work = {}
    for label, address in [("known", "known@example.org"), ("unknown", "unknown@example.org")]:
        with django_capture_on_commit_callbacks(execute=False) as scheduled:
            response, hash_count, query_count = _work(
                hashes,
                lambda a=address: client.post(reverse("account_reset_password"), {"email": a}),
            )
        work[label] = (response.status_code, response["Location"], hash_count, query_count)
        work[label] += (len(scheduled),)

    assert work["known"] == work["unknown"]
    # The email (and the lookup of who holds the address) is one Celery task, after
    # the answer.
    assert work["known"][-1] == 1


def test_members_signed_in_before_stay_signed_in(client):
    # Sessions record the backend that signed them in; those of Django's and allauth's
    # own classes must keep working now that Sanad's checks passwords.
    for backend in (
        "django.contrib.auth.backends.ModelBackend",
        "allauth.account.auth_backends.AuthenticationBackend",
    ):
        member = UserFactory()
        client.force_login(member, backend=backend)

        assert client.get("/").context["user"] == member


def test_an_inactive_account_with_the_right_password_is_told_it_is_closed(client, hashes):
    UserFactory(username="closed-account", is_active=False)
    hashes.reset()

    response = client.post(
        reverse("account_login"), {"login": "closed-account", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("account_inactive")
    assert hashes.count == 1
