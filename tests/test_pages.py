"""The frame every page shares: language and direction, safety links, security headers."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PAGES_FOR_VISITORS = ["/", "/groups/", "/help/", "/accounts/login/", "/accounts/signup/"]


@pytest.mark.parametrize("path", PAGES_FOR_VISITORS)
def test_every_page_offers_help_a_quick_exit_and_a_skip_link(client, path):
    page = client.get(path).content.decode()

    assert 'href="/help/"' in page
    assert "data-quick-exit" in page
    assert 'href="#main"' in page
    assert 'id="main"' in page


def test_arabic_pages_read_right_to_left(client):
    client.cookies["django_language"] = "ar"

    page = client.get("/").content.decode()

    assert '<html lang="ar" dir="rtl">' in page
    assert "تحتاج مساعدة الآن؟" in page


def test_english_pages_read_left_to_right(client):
    page = client.get("/").content.decode()

    assert '<html lang="en" dir="ltr">' in page
    assert "Need help now?" in page


def test_the_language_switch_remembers_the_choice(client):
    response = client.post(reverse("set_language"), {"language": "ar", "next": "/groups/"})

    assert response.status_code == 302
    assert '<html lang="ar" dir="rtl">' in client.get("/groups/").content.decode()


def test_pages_allow_only_the_sites_own_origin(client):
    response = client.get("/")

    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "http" not in policy.replace("'self'", "")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_pages_load_nothing_from_another_site(client, member, open_group, join):
    join(member, open_group)
    client.force_login(member)
    for path in ["/", "/groups/", open_group.get_absolute_url(), "/help/"]:
        page = client.get(path).content.decode()
        for attribute in (
            'src="http',
            "src='http",
            'href="//',
            '<link rel="stylesheet" href="http',
        ):
            assert attribute not in page, f"{path} loads {attribute}"


def test_an_unknown_page_is_a_plain_404(client):
    assert client.get("/no-such-page/").status_code == 404


def test_the_production_settings_pass_the_deploy_check():
    environment = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "a-production-secret-key-that-is-long-and-random-0123456789abcdef",
        "ALLOWED_HOSTS": "sanad.example",
        "DATABASE_URL": os.environ.get("DATABASE_URL", "sqlite:////tmp/sanad-deploy-check.db"),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=Path(__file__).resolve().parent.parent,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNINGS" not in result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    environment = {**os.environ, "DEBUG": "false", "ALLOWED_HOSTS": "sanad.example"}
    environment.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=Path(__file__).resolve().parent.parent,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


# --- Form errors: said once, and honestly --------------------------------------------------


def test_a_refused_sign_in_says_so_once_and_asks_for_the_password_again(client):
    from tests.factories import UserFactory

    UserFactory(username="careful-member")

    page = client.post(
        reverse("account_login"), {"login": "careful-member", "password": "not it"}
    ).content.decode()

    assert page.count("you specified are not correct") == 1
    assert "passwords are never sent back" in page
    assert "Nothing you typed has been lost" not in page
    assert 'id="form-errors"' in page


def test_a_refused_post_keeps_the_promise_that_nothing_was_lost(client):
    from tests.factories import MembershipFactory

    member = MembershipFactory().user
    client.force_login(member)
    group = member.memberships.get().group

    page = client.post(
        reverse("posts:thread_create", args=[group.slug]), {"title": "", "body": "Kept words."}
    ).content.decode()

    assert "Nothing you typed has been lost" in page
    assert "Kept words." in page
