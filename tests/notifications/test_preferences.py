"""Preferences: per kind in the app and by email, digests, quiet hours in the member's
time zone, a pause; and the signed one-click unsubscribe link in every email."""

from datetime import time

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from delivery import emails, services
from groups.models import Membership
from notifications.models import KindPreference, Notification, NotificationPreference
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

Kind = Notification.Kind


def _form_data(response, **changes):
    """What the page's form would post as shown, with some answers changed."""
    formset = response.context["formset"]
    data = {
        "email_style": "neutral",
        "language": "en",
        "digest": "off",
        "time_zone": "UTC",
        "quiet_start": "",
        "quiet_end": "",
        **{k: v for k, v in formset.management_form.initial.items()},
    }
    data = {f"kinds-{key}" if key.isupper() else key: value for key, value in data.items()}
    for index, form in enumerate(formset.forms):
        data[f"kinds-{index}-id"] = str(form.instance.pk)
        if form.instance.in_app:
            data[f"kinds-{index}-in_app"] = "on"
        if form.instance.email:
            data[f"kinds-{index}-email"] = "on"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def _index_of(response, kind):
    for index, form in enumerate(response.context["formset"].forms):
        if form.instance.kind == kind:
            return index
    raise AssertionError(f"{kind} is not on the page")


@pytest.fixture
def page(client, member):
    client.force_login(member)
    return client.get(reverse("notifications:preferences"))


def test_the_page_offers_each_kind_a_member_can_receive(page):
    kinds = [form.instance.kind for form in page.context["formset"].forms]

    assert page.status_code == 200
    assert Kind.REPLY in kinds and Kind.REACTIONS in kinds
    assert Kind.QUEUE_NEW_ITEM not in kinds, "queue alerts are for moderators only"


def test_moderators_also_see_the_queue_kinds(client, open_group):
    moderator = MembershipFactory(group=open_group, role=Membership.Role.MODERATOR).user
    client.force_login(moderator)

    response = client.get(reverse("notifications:preferences"))

    kinds = [form.instance.kind for form in response.context["formset"].forms]
    assert Kind.QUEUE_NEW_ITEM in kinds and Kind.QUEUE_OVERDUE in kinds


def test_saving_changes_every_setting(client, member, page):
    reply = _index_of(page, Kind.REPLY)
    reactions = _index_of(page, Kind.REACTIONS)

    response = client.post(
        reverse("notifications:preferences"),
        _form_data(
            page,
            email_style="detailed",
            language="ar",
            digest="weekly",
            time_zone="Asia/Beirut",
            quiet_start="22:30",
            quiet_end="06:00",
            paused="on",
            **{f"kinds-{reply}-email": "on", f"kinds-{reactions}-in_app": None},
        ),
    )

    assert response.status_code == 302
    preference = NotificationPreference.objects.get(user=member)
    assert (preference.email_style, preference.language, preference.digest) == (
        "detailed",
        "ar",
        "weekly",
    )
    assert (preference.time_zone, preference.quiet_start, preference.quiet_end) == (
        "Asia/Beirut",
        time(22, 30),
        time(6, 0),
    )
    assert preference.paused
    assert KindPreference.objects.get(user=member, kind=Kind.REPLY).email
    assert not KindPreference.objects.get(user=member, kind=Kind.REACTIONS).in_app


@pytest.mark.parametrize(
    "changes",
    [
        {"time_zone": "Mars/Olympus_Mons"},
        {"quiet_start": "22:00", "quiet_end": ""},
        {"quiet_start": "22:00", "quiet_end": "22:00"},
        {"quiet_start": "25:99", "quiet_end": "06:00"},
        {"digest": "hourly"},
    ],
)
def test_bad_settings_are_refused_and_nothing_changes(client, member, page, changes):
    response = client.post(
        reverse("notifications:preferences"), _form_data(page, **{"digest": "daily", **changes})
    )

    assert response.status_code == 400
    assert "Please check what you entered" in response.content.decode()
    assert NotificationPreference.objects.get(user=member).digest == "off"


def test_notices_about_ones_own_standing_cannot_be_switched_off(client, member, page):
    warning = _index_of(page, Kind.WARNING)

    client.post(
        reverse("notifications:preferences"), _form_data(page, **{f"kinds-{warning}-in_app": None})
    )

    assert KindPreference.objects.get(user=member, kind=Kind.WARNING).in_app


def test_preferences_posted_for_another_member_are_404(client, member, other_member, page):
    other_client = Client()
    other_client.force_login(other_member)
    other_client.get(reverse("notifications:preferences"))
    theirs = KindPreference.objects.get(user=other_member, kind=Kind.REPLY)
    reply = _index_of(page, Kind.REPLY)

    response = client.post(
        reverse("notifications:preferences"),
        _form_data(page, **{f"kinds-{reply}-id": str(theirs.pk), f"kinds-{reply}-email": "on"}),
    )

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert not theirs.email


def test_a_forged_row_count_cannot_create_rows(client, member, page):
    data = _form_data(page, **{"kinds-TOTAL_FORMS": "20", "kinds-19-email": "on"})

    client.post(reverse("notifications:preferences"), data)

    assert KindPreference.objects.filter(user=member).count() == len(page.context["formset"].forms)


# --- Unsubscribe -------------------------------------------------------------------------


@pytest.fixture
def preference(member):
    preference = NotificationPreference.objects.create(user=member, digest="daily")
    KindPreference.objects.create(user=member, kind=Kind.REPLY, email=True)
    KindPreference.objects.create(user=member, kind=Kind.REACTIONS, email=True)
    return preference


def _url(preference, kind):
    return reverse("notifications:unsubscribe", args=[emails.unsubscribe_token(preference, kind)])


def test_opening_an_unsubscribe_link_asks_first_and_changes_nothing(client, preference, member):
    response = client.get(_url(preference, Kind.REPLY))

    assert response.status_code == 200
    assert "Stop emails for: Reply in a thread you follow?" in response.content.decode()
    assert KindPreference.objects.get(user=member, kind=Kind.REPLY).email


def test_one_click_stops_that_kind_only_without_signing_in(preference, member):
    browser = Client(enforce_csrf_checks=True)

    response = browser.post(_url(preference, Kind.REPLY), {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert not KindPreference.objects.get(user=member, kind=Kind.REPLY).email
    assert KindPreference.objects.get(user=member, kind=Kind.REACTIONS).email


def test_the_digest_link_stops_the_digest(client, preference):
    client.post(_url(preference, emails.DIGEST))

    preference.refresh_from_db()
    assert preference.digest == "off"


def test_a_link_carries_neither_the_account_nor_the_kind(preference, member):
    token = emails.unsubscribe_token(preference, Kind.IDENTITY_REVEALED)

    value, _timestamp, _signature = token.rsplit(":", 2)
    key, tag = value.split(".")
    # A random key and an opaque tag: nothing a reader of the inbox could decode.
    assert key == preference.unsubscribe_key
    assert len(tag) == 16 and all(c in "0123456789abcdef" for c in tag)
    assert "identity" not in token


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        lambda token: "nothing-here",
        lambda token: token.replace(token.split(".")[0], "x" * 24, 1),
    ],
)
def test_a_forged_link_shows_a_clear_page_and_changes_nothing(client, preference, member, tamper):
    url = reverse(
        "notifications:unsubscribe", args=[tamper(emails.unsubscribe_token(preference, Kind.REPLY))]
    )

    response = client.post(url)

    assert response.status_code == 400
    assert "This link is not valid" in response.content.decode()
    assert KindPreference.objects.get(user=member, kind=Kind.REPLY).email


def test_an_expired_link_shows_a_clear_page_and_changes_nothing(
    client, preference, member, settings, monkeypatch
):
    url = _url(preference, Kind.REPLY)
    later = signing.time.time() + (settings.SANAD_UNSUBSCRIBE_LINK_MAX_AGE_DAYS + 1) * 86400
    monkeypatch.setattr(signing.time, "time", lambda: later)

    response = client.post(url)

    assert response.status_code == 400
    assert "This link is too old to use" in response.content.decode()
    assert KindPreference.objects.get(user=member, kind=Kind.REPLY).email


def test_the_unsubscribe_page_shows_nothing_about_the_member(client, preference, member):
    page = client.get(_url(preference, Kind.REPLY)).content.decode()

    assert member.username not in page
    assert member.email not in page
    assert member.personas.get().name not in page


def test_the_service_turns_off_one_kinds_email(preference, member):
    services.notification_unsubscribe(preference=preference, kind=Kind.REACTIONS)

    assert not KindPreference.objects.get(user=member, kind=Kind.REACTIONS).email


def test_the_members_data_export_includes_their_notification_settings(member):
    from accounts.models import DataExport
    from privacy.jobs import data_export_build

    NotificationPreference.objects.create(
        user=member, time_zone="Asia/Beirut", quiet_start=time(22), quiet_end=time(6)
    )
    KindPreference.objects.create(user=member, kind=Kind.REPLY, email=True)
    export = DataExport.objects.create(user=member)

    data_export_build(export_id=export.pk)

    export.refresh_from_db()
    settings = export.payload["notification_settings"]
    assert settings["time_zone"] == "Asia/Beirut"
    assert settings["quiet_hours"] == ["22:00:00", "06:00:00"]
    assert settings["kinds"]["reply"] == {"in_app": True, "email": True}
