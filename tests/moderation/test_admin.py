"""Moderation in Django admin: watched words and crisis phrases are edited there (a bad
pattern is refused with the error shown); audit rows and review items are read-only."""

import pytest

from audit.models import AuditEntry
from moderation.models import CrisisPhrase, CrisisResource, WatchedWord
from tests.factories import UserFactory, give_mfa

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    give_mfa(superuser)
    client.force_login(superuser)
    return client


def _watched_word(admin_client, **fields):
    data = {"pattern": "", "language": "", "action": "hold", "note": "", "is_active": "on"}
    data.update(fields)
    return admin_client.post("/admin/moderation/watchedword/add/", data)


def test_staff_add_a_watched_word(admin_client):
    response = _watched_word(admin_client, pattern="diet pills", action="hold")

    assert response.status_code == 302
    assert WatchedWord.objects.get().pattern == "diet pills"


def test_a_malformed_regular_expression_is_refused_with_the_error_shown(admin_client):
    response = _watched_word(admin_client, pattern="free (money", is_regex="on")

    page = response.content.decode()
    assert response.status_code == 200
    assert "This is not a valid regular expression" in page
    assert "missing )" in page
    assert 'value="free (money"' in page
    assert not WatchedWord.objects.exists()


def test_a_pattern_matching_everything_is_refused(admin_client):
    response = _watched_word(admin_client, pattern="x*", is_regex="on")

    assert "it would catch every post" in response.content.decode()
    assert not WatchedWord.objects.exists()


def test_a_plain_pattern_of_only_punctuation_is_refused(admin_client):
    response = _watched_word(admin_client, pattern="!!!")

    assert "Write at least one letter or digit." in response.content.decode()


def test_crisis_phrases_are_seeded_and_editable(admin_client):
    assert CrisisPhrase.objects.filter(language="ar", kind="crisis").count() >= 20
    assert CrisisPhrase.objects.filter(language="en", kind="harmful").exists()

    response = admin_client.post(
        "/admin/moderation/crisisphrase/add/",
        {"phrase": "لا أحتمل", "language": "ar", "kind": "crisis", "is_active": "on"},
    )

    assert response.status_code == 302
    assert CrisisPhrase.objects.filter(phrase="لا أحتمل").exists()


def test_seeded_helplines_are_marked_for_the_operator_to_verify(admin_client):
    assert CrisisResource.objects.count() >= 50
    assert not CrisisResource.objects.filter(verified_on__isnull=False).exists()

    page = admin_client.get("/admin/moderation/crisisresource/?verified=no").content.decode()

    assert "verified by an operator on" in page.lower()
    assert "Samaritans" in page


def test_audit_rows_cannot_be_added_changed_or_deleted(admin_client):
    entry = AuditEntry.objects.create(action="post.removed", reason="Kept.")

    assert admin_client.get("/admin/audit/auditentry/add/").status_code == 403
    assert admin_client.post(f"/admin/audit/auditentry/{entry.pk}/delete/").status_code == 403
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()


def test_review_items_and_training_records_are_read_only_in_admin(admin_client):
    assert admin_client.get("/admin/moderation/reviewitem/").status_code == 200
    assert admin_client.get("/admin/moderation/reviewitem/add/").status_code == 403
    assert admin_client.get("/admin/moderation/trainingcompletion/add/").status_code == 403
    assert admin_client.get("/admin/moderation/appeal/add/").status_code == 403
