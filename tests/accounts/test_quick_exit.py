"""Issue 12, item 6: "Leave quickly" on the server side: the setting, the sign-out the
page sends as it leaves, and the "Browsing safely" page."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User

pytestmark = pytest.mark.django_db


def test_new_members_are_signed_out_when_they_leave_quickly_by_default(client):
    response = client.post(
        reverse("account_signup"),
        {
            "username": "new-evening",
            "password1": "a long private passphrase",
            "password2": "a long private passphrase",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(username="new-evening").quick_exit_signs_out is True


def test_every_page_offers_leaving_quickly_with_the_sign_out_when_chosen(client, member):
    client.force_login(member)

    page = client.get("/").content.decode()

    assert "data-quick-exit" in page
    assert f'data-sign-out="{reverse("privacy:leave")}"' in page
    assert "js/exit-guard.js" in page


def test_leaving_quickly_signs_out_a_member_who_chose_it(member):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(member)
    page = browser.get("/")
    token = page.context["csrf_token"]

    response = browser.post(reverse("privacy:leave"), {"csrfmiddlewaretoken": str(token)})

    assert response.status_code == 204
    assert "_auth_user_id" not in browser.session
    assert browser.get(reverse("privacy:index")).status_code == 302  # to sign in


def test_leaving_quickly_keeps_signed_in_a_member_who_did_not_choose_it(member):
    member.quick_exit_signs_out = False
    member.save()
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(member)
    page = browser.get("/")
    assert "data-sign-out" not in page.content.decode()
    token = page.context["csrf_token"]

    response = browser.post(reverse("privacy:leave"), {"csrfmiddlewaretoken": str(token)})

    assert response.status_code == 204
    assert browser.get(reverse("privacy:index")).status_code == 200


def test_another_site_cannot_sign_a_member_out(member):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(member)

    response = browser.post(reverse("privacy:leave"))

    assert response.status_code == 403
    assert browser.get(reverse("privacy:index")).status_code == 200


def test_the_sign_out_answers_visitors_the_same_way(client):
    assert client.post(reverse("privacy:leave")).status_code == 204
    assert client.get(reverse("privacy:leave")).status_code == 405


def test_a_member_turns_the_sign_out_off_and_on(client, member):
    client.force_login(member)

    response = client.post(reverse("privacy:quick_exit"), {})
    member.refresh_from_db()
    assert member.quick_exit_signs_out is False
    assert response["Location"].endswith("#leaving")
    page = client.get(reverse("privacy:index")).content.decode()
    assert "Leaving quickly no longer signs you out." in page
    assert 'name="quick_exit_signs_out" checked' not in page

    client.post(reverse("privacy:quick_exit"), {"quick_exit_signs_out": "on"})
    member.refresh_from_db()
    assert member.quick_exit_signs_out is True


@pytest.mark.parametrize("language, heading", [("en", "Browsing safely"), ("ar", "التصفح بأمان")])
def test_browsing_safely_explains_private_windows_and_history(client, language, heading):
    client.cookies["django_language"] = language

    page = client.get(reverse("privacy:browsing_safely"))

    assert page.status_code == 200
    text = page.content.decode()
    assert heading in text
    assert "Ctrl+Shift+N" in text
    assert reverse("privacy:browsing_safely") in client.get("/").content.decode()
