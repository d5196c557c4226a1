"""Sanad's own error pages: in the reader's language and direction, with "Need help
now?" and "Leave quickly", and never touching the database."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client
from django.urls import reverse

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.i18n.error_urls")]


def _database_is_down():
    return mock.patch.object(
        BaseDatabaseWrapper, "ensure_connection", side_effect=OperationalError("down")
    )


def _assert_sanad_page(response, *, status, language):
    page = response.content.decode()
    assert response.status_code == status
    assert f'<html lang="{language}" dir="{"rtl" if language == "ar" else "ltr"}">' in page
    if language == "ar":
        assert "تحتاج مساعدة الآن؟" in page or "هل تحتاج إلى مساعدة الآن؟" in page
        assert "سند" in page
    else:
        assert "Need help now?" in page
        assert "Leave quickly" in page
    assert reverse("moderation:help") in page
    assert "data-quick-exit" in page
    return page


@pytest.fixture
def arabic_client():
    client = Client(HTTP_ACCEPT_LANGUAGE="en", raise_request_exception=False)
    client.cookies["django_language"] = "ar"
    return client


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_missing_page_is_sanads_own_in_the_readers_language(language, django_assert_num_queries):
    client = Client(HTTP_ACCEPT_LANGUAGE=language)

    with django_assert_num_queries(0):
        response = client.get("/no-such-page/")

    page = _assert_sanad_page(response, status=404, language=language)
    assert "no-such-page" not in page


def test_a_five_thousand_character_address_gets_a_clear_page(client):
    response = client.get("/" + "a" * 5000)

    page = _assert_sanad_page(response, status=404, language="en")
    assert "We could not find that page" in page
    assert "a" * 100 not in page


def test_the_500_page_works_with_the_database_down_for_a_signed_in_member(member):
    client = Client(HTTP_ACCEPT_LANGUAGE="en", raise_request_exception=False)
    client.cookies["django_language"] = "ar"
    client.force_login(member)

    with _database_is_down():
        response = client.get("/test-errors/500/")
        home = client.get("/")

    _assert_sanad_page(response, status=500, language="ar")
    _assert_sanad_page(home, status=500, language="ar")
    assert "حدث خطأ من جهتنا" in response.content.decode()


def test_a_forbidden_page_is_sanads_own(arabic_client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = arabic_client.get("/test-errors/403/")

    _assert_sanad_page(response, status=403, language="ar")


def test_a_bad_request_is_sanads_own(django_assert_num_queries):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")

    with django_assert_num_queries(0):
        response = client.get("/test-errors/400/")

    _assert_sanad_page(response, status=400, language="en")


def test_an_expired_form_says_so_in_the_readers_language(arabic_client):
    arabic_client.handler.enforce_csrf_checks = True

    response = arabic_client.post(reverse("account_login"), {"login": "x", "password": "y"})

    page = _assert_sanad_page(response, status=403, language="ar")
    assert "انتهت صلاحية هذا النموذج" in page
