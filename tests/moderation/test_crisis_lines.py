"""/help/: crisis lines by country, in the reader's language, as large call buttons,
each marked as verified by Sanad's team or not; kept in admin one number at a time."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse

from moderation.countries import ARAB_COUNTRIES, COUNTRIES, ENGLISH_SPEAKING_COUNTRIES
from moderation.models import CrisisResource
from tests.factories import UserFactory, give_mfa

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    give_mfa(superuser)
    client.force_login(superuser)
    return client


HELP = "/help/"


def _choose(client, country):
    return client.post(reverse("moderation:help_country"), {"country": country})


def test_the_list_covers_the_arab_league_and_the_main_english_speaking_countries():
    assert len(ARAB_COUNTRIES) == 22
    assert set(ENGLISH_SPEAKING_COUNTRIES) == {"GB", "IE", "US", "CA", "AU", "NZ"}
    seeded = set(CrisisResource.objects.exclude(country="").values_list("country", flat=True))
    # Libya: no number we were sure of yet (the page offers the international ones).
    assert set(COUNTRIES) - seeded == {"LY"}
    for language in ("en", "ar"):
        anywhere = CrisisResource.objects.filter(country="", language=language)
        assert set(anywhere.exclude(phone="").values_list("phone", flat=True)) >= {"112", "911"}


def test_every_seeded_number_is_one_number_and_unverified():
    for resource in CrisisResource.objects.exclude(phone=""):
        assert re.fullmatch(r"\+?[0-9]{2,15}", resource.dial), resource.phone
        assert resource.verified_on is None


def test_a_visitor_chooses_a_country_and_it_is_remembered(client):
    response = _choose(client, "EG")

    assert response.status_code == 302
    assert response["Location"].endswith("/help/#crisis-lines")
    cookie = response.cookies["sanad_help_country"]
    assert cookie.value == "EG"
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    page = client.get(HELP).content.decode()
    assert "Crisis lines in <bdi>Egypt</bdi>" in page
    assert 'href="tel:123"' in page
    assert page.index("Crisis lines in <bdi>Egypt</bdi>") < page.index("Wherever you are")
    assert '<option value="EG" selected>' in page


def test_the_country_comes_in_arabic_with_arabic_names(client):
    client.cookies["django_language"] = "ar"
    _choose(client, "SA")

    page = client.get(HELP).content.decode()

    assert "خطوط الأزمات في <bdi>السعودية</bdi>" in page
    assert "رقم الطوارئ الموحد" in page
    assert 'href="tel:911"' in page and 'href="tel:997"' in page
    assert "لم يتحقق منه فريق سند بعد." in page


def test_the_browsers_region_is_a_first_guess(client):
    page = Client(HTTP_ACCEPT_LANGUAGE="en-AU,en;q=0.8").get(HELP).content.decode()

    assert "Crisis lines in <bdi>Australia</bdi>" in page
    assert 'href="tel:131114"' in page
    assert "Chosen from your browser's language settings." in page


def test_choosing_no_country_forgets_it(client):
    _choose(client, "GB")

    response = _choose(client, "")

    assert response.cookies["sanad_help_country"].value == ""
    assert "Choose your country" in client.get(HELP).content.decode()


def test_a_made_up_country_is_ignored(client):
    client.cookies["sanad_help_country"] = "ZZ"

    assert _choose(client, "ZZ").cookies.get("sanad_help_country") is None
    page = client.get(HELP).content.decode()
    assert "Choose your country" in page


def test_a_country_without_a_confirmed_number_says_so_and_offers_the_rest(client):
    _choose(client, "LY")

    page = client.get(HELP).content.decode()

    assert "We do not have a confirmed number for <bdi>Libya</bdi> yet." in page
    assert 'href="tel:112"' in page


def test_other_countries_are_one_click_away(client):
    _choose(client, "GB")

    page = client.get(HELP).content.decode()

    other = page[page.index("Crisis lines in other countries") :]
    assert "Canada" in other and "Jordan" in other
    assert 'href="tel:116123"' in page


def test_a_verified_line_says_when(client):
    CrisisResource.objects.filter(country="GB", language="en", phone="116 123").update(
        verified_on=datetime.date(2026, 11, 30)
    )
    _choose(client, "GB")

    page = client.get(HELP).content.decode()

    assert "Checked by Sanad's team on 30 November 2026." in page
    assert "Not yet verified by Sanad's team." in page  # the others


def test_the_help_page_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    _choose(client, "IE")

    with django_assert_max_num_queries(3):
        client.get(HELP)


# --- Admin ----------------------------------------------------------------------------


def _resource_data(**changes):
    data = {
        "name": "Night line",
        "kind": "helpline",
        "country": "GB",
        "language": "en",
        "phone": "0800 123 456",
        "url": "",
        "hours": "",
        "description": "",
        "order": "100",
        "is_active": "on",
        "verified_on": "",
        "verification_note": "",
    }
    return {**data, **changes}


@pytest.mark.parametrize("phone", ["112 / 911 / 999", "112 911 999", "999 or 112", "0800 12ab"])
def test_admin_refuses_several_numbers_in_one_field(admin_client, phone):
    response = admin_client.post(
        "/admin/moderation/crisisresource/add/", _resource_data(phone=phone)
    )

    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not CrisisResource.objects.filter(name="Night line").exists()


@pytest.mark.parametrize("phone", ["116 123", "+44 116 123", "1-800-668-6868", "13 11 14"])
def test_admin_accepts_one_number_written_as_people_write_it(admin_client, phone):
    response = admin_client.post(
        "/admin/moderation/crisisresource/add/", _resource_data(phone=phone)
    )

    assert response.status_code == 302
    assert CrisisResource.objects.get(name="Night line").phone == phone


def test_marking_lines_verified_today_and_a_changed_number_needs_checking_again(admin_client):
    resource = CrisisResource.objects.create(name="Night line", country="GB", phone="0800 1")
    admin_client.post(
        "/admin/moderation/crisisresource/",
        {"action": "mark_verified_today", "_selected_action": [resource.pk]},
    )
    resource.refresh_from_db()
    assert resource.verified_on is not None

    admin_client.post(
        f"/admin/moderation/crisisresource/{resource.pk}/change/",
        _resource_data(phone="0800 2", verified_on=resource.verified_on.isoformat()),
    )
    resource.refresh_from_db()
    assert resource.phone == "0800 2"
    assert resource.verified_on is None


def test_the_admin_list_shows_what_each_button_dials(admin_client):
    page = admin_client.get("/admin/moderation/crisisresource/?country__exact=AU").content.decode()

    assert "131114" in page
    assert "Verified by an operator on" in page
