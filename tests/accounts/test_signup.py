import pytest
from django.urls import reverse

from accounts.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "a long and private passphrase"


def _sign_up(client, username, email=""):
    return client.post(
        reverse("account_signup"),
        {"username": username, "email": email, "password1": PASSWORD, "password2": PASSWORD},
    )


def test_it_signs_up_with_only_a_username_and_a_password(client):
    response = _sign_up(client, "quiet-login-name")

    assert response.status_code == 302
    user = User.objects.get(username="quiet-login-name")
    assert user.email == ""
    assert user.personas.filter(is_default=True).count() == 1


def test_it_gives_the_new_member_a_persona_and_never_shows_the_username(client):
    _sign_up(client, "quiet-login-name")
    persona = User.objects.get(username="quiet-login-name").personas.get()

    home = client.get("/")

    assert persona.name != "quiet-login-name"
    assert "quiet-login-name" not in home.content.decode()


def test_it_generates_an_arabic_persona_for_a_member_signing_up_in_arabic(client):
    client.cookies["django_language"] = "ar"
    _sign_up(client, "arabic-speaker")

    name = User.objects.get(username="arabic-speaker").personas.get().name

    assert any("\u0600" <= char <= "\u06ff" for char in name)


def test_it_refuses_a_taken_username_and_keeps_what_was_typed(client):
    User.objects.create_user(username="taken-name", password=PASSWORD)

    response = _sign_up(client, "taken-name", email="someone@example.org")

    assert response.status_code == 400
    page = response.content.decode()
    assert "A user with that username already exists." in page
    assert 'value="someone@example.org"' in page
    assert User.objects.filter(username="taken-name").count() == 1


def test_it_explains_a_taken_username_in_arabic(client):
    User.objects.create_user(username="taken-name", password=PASSWORD)
    client.cookies["django_language"] = "ar"

    response = _sign_up(client, "taken-name")

    assert response.status_code == 400
    assert "اسم المستخدم" in response.content.decode()


def test_it_signs_in_with_the_username(client):
    User.objects.create_user(username="returning", password=PASSWORD)

    response = client.post(reverse("account_login"), {"login": "returning", "password": PASSWORD})

    assert response.status_code == 302
    assert client.get("/").context["user"].username == "returning"


def test_a_wrong_password_is_refused_without_saying_whether_the_account_exists(client):
    User.objects.create_user(username="returning", password=PASSWORD)

    wrong_password = client.post(
        reverse("account_login"), {"login": "returning", "password": "nope nope"}
    )
    no_account = client.post(
        reverse("account_login"), {"login": "nobody-here", "password": "nope nope"}
    )

    assert wrong_password.status_code == no_account.status_code == 400
    assert wrong_password.context["form"].errors == no_account.context["form"].errors
