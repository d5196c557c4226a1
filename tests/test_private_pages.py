"""Private pages are private to the browser too (issue 16): after "Leave quickly" on a
shared computer, neither Back nor a cache between the member and Sanad may show a page
that needed a signed-in member.

Every URL the leak suite visits (and it visits every URL pattern) is fetched by each of
its viewers: whatever a signed-in member, moderator or staff member receives must carry
`Cache-Control: private, no-store`; a visitor's public pages may be cached, briefly.
"""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory
from tests.test_leak_suite import _urls, _viewers, scenario  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

# What a visitor may keep: the same for every visitor, with no form and no session.
PUBLIC_FOR_VISITORS = {"groups:home", "groups:directory", "groups:detail", "moderation:help"}


def _directives(response) -> set[str]:
    return {part.strip().split("=")[0] for part in response.get("Cache-Control", "").split(",")}


def _varies_on_cookie(response) -> bool:
    return "cookie" in response.get("Vary", "").lower()


def test_every_page_a_signed_in_member_receives_is_never_stored(scenario):  # noqa: F811
    viewers = _viewers(scenario)
    viewers.pop("visitor")
    for viewer, client in viewers.items():
        for name, urls in _urls(scenario).items():
            for url in urls:
                response = client.get(url)
                where = f"{url} ({name}) as {viewer}: {response.status_code}"
                assert {"no-store", "private"} <= _directives(response), where
                assert _varies_on_cookie(response), where


def test_a_visitors_public_pages_may_be_cached_and_nothing_else(scenario):  # noqa: F811
    visitor = Client(HTTP_ACCEPT_LANGUAGE="en")
    for name, urls in _urls(scenario).items():
        for url in urls:
            response = visitor.get(url)
            where = f"{url} ({name}) as a visitor: {response.status_code}"
            assert _varies_on_cookie(response), where
            if name in PUBLIC_FOR_VISITORS and response.status_code == 200:
                assert "public" in _directives(response), where
                assert "no-store" not in _directives(response), where
            else:
                assert "no-store" in _directives(response), where


def test_a_form_with_a_token_is_never_shared_even_with_visitors(client):
    response = client.get(reverse("account_login"))

    assert response.status_code == 200
    assert "no-store" in _directives(response)


def test_answers_to_a_form_are_never_stored(client):
    member = UserFactory()
    client.force_login(member)

    response = client.post(reverse("notifications:mark_all_read"))

    assert "no-store" in _directives(response)


def test_static_files_stay_cacheable(settings):
    # WhiteNoise answers before the rule runs: stylesheets are the same for everyone.
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True

    response = Client().get(f"{settings.STATIC_URL}css/sanad.css")

    assert response.status_code == 200

    assert "no-store" not in _directives(response)
