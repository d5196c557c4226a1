"""`next` survives sign-in, sign-up, the link between them and two-factor; a newcomer
who signs up from a group lands on its join step; a `next` to another host is refused."""

import time
from urllib.parse import quote

import pytest
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.urls import reverse

from tests.factories import UserFactory, give_mfa

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def _code(secret: str) -> str:
    if time.time() % 30 > 28:
        time.sleep(3)
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


@pytest.fixture
def join_url(open_group):
    return reverse("groups:join", args=[open_group.slug])


def test_a_visitors_join_button_leads_to_sign_up_and_keeps_the_group(client, open_group, join_url):
    page = client.get(open_group.get_absolute_url()).content.decode()

    assert f'href="{reverse("account_signup")}?next={join_url}"' in page


def test_the_link_from_sign_in_to_sign_up_keeps_next(client, join_url):
    page = client.get(reverse("account_login"), {"next": join_url}).content.decode()

    assert f'href="{reverse("account_signup")}?next={quote(join_url, safe="")}"' in page


def test_the_link_from_sign_up_to_sign_in_keeps_next(client, join_url):
    page = client.get(reverse("account_signup"), {"next": join_url}).content.decode()

    assert f'href="{reverse("account_login")}?next={quote(join_url, safe="")}"' in page
    assert f'name="next" value="{join_url}"' in page


def test_after_signing_up_from_a_group_the_newcomer_lands_on_its_join_step(client, join_url):
    response = client.post(
        f"{reverse('account_signup')}?next={quote(join_url)}",
        {
            "username": "quiet-river",
            "password1": "a long quiet river",
            "password2": "a long quiet river",
            "next": join_url,
        },
    )
    # Without an email the recovery codes come first, carrying the group along.
    assert response.status_code == 302
    codes_page = client.get(response["Location"])
    saved = client.post(reverse("recovery:saved"), {"next": join_url})

    assert f'name="next" value="{join_url}"' in codes_page.content.decode()
    assert saved["Location"] == join_url
    assert client.get(join_url).status_code == 200


def test_signing_in_returns_to_next(client, member, join_url):
    response = client.post(
        reverse("account_login"), {"login": member.username, "password": PASSWORD, "next": join_url}
    )

    assert response["Location"] == join_url


def test_next_survives_the_second_factor(client, join_url):
    member = UserFactory()
    secret = give_mfa(member)

    first = client.post(
        reverse("account_login"), {"login": member.username, "password": PASSWORD, "next": join_url}
    )
    second = client.post(reverse("mfa_authenticate"), {"code": _code(secret)})

    assert first["Location"] == reverse("mfa_authenticate")
    assert second["Location"] == join_url


@pytest.mark.parametrize(
    "elsewhere", ["https://evil.example/groups/", "//evil.example/", "https:evil.example"]
)
def test_a_next_to_another_host_is_refused(client, member, elsewhere):
    login_page = client.get(reverse("account_login"), {"next": elsewhere}).content.decode()
    response = client.post(
        reverse("account_login"),
        {"login": member.username, "password": PASSWORD, "next": elsewhere},
    )

    # Neither the sign-up link nor the form carries it on.
    assert f'href="{reverse("account_signup")}"' in login_page
    assert '<input type="hidden" name="next" value="http' not in login_page
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_a_next_to_another_host_is_refused_after_sign_up(client):
    response = client.post(
        reverse("account_signup"),
        {
            "username": "quiet-river",
            "password1": "a long quiet river",
            "password2": "a long quiet river",
            "next": "https://evil.example/",
        },
    )
    following = client.get(response["Location"])

    assert "evil.example" not in response["Location"]
    assert "evil.example" not in following.content.decode()
