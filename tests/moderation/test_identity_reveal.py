"""Staff with the dedicated permission may reveal who wrote a post, with a reason, on
the record, and the member is told."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from groups.models import Membership
from moderation.reveal import identity_reveal
from notifications.models import Notification
from tests.factories import MembershipFactory, PostFactory, ThreadFactory, UserFactory, give_mfa

pytestmark = pytest.mark.django_db

REASON = "A credible threat to a named person was posted here."
NOTICE = "A staff member looked up who wrote one of your posts."


def _with_reveal_permission(user):
    user.user_permissions.add(Permission.objects.get(codename="reveal_identity"))
    # Permissions are cached on the instance; fetch it again as a request would.
    return type(user).objects.get(pk=user.pk)


@pytest.fixture
def revealer(db):
    staff = UserFactory(username="staff-revealer", is_staff=True)
    give_mfa(staff)
    return _with_reveal_permission(staff)


@pytest.fixture
def plain_staff(db):
    staff = UserFactory(is_staff=True)
    give_mfa(staff)
    return staff


@pytest.fixture
def anonymous_post(open_group):
    author = MembershipFactory(group=open_group, user=UserFactory(username="hidden-author")).user
    return PostFactory(
        thread=ThreadFactory(group=open_group, author=author),
        author=author,
        is_anonymous=True,
        anonymous_number=1,
        is_opening=True,
        body="Something I could not say under my name.",
    )


def _reveal_url(post):
    return reverse("moderation:reveal", args=[post.pk])


def _reveal(client, post, reason=REASON, emergency=False):
    data = {"reason": reason}
    if emergency:
        data["emergency"] = "on"
    return client.post(_reveal_url(post), data)


def test_it_shows_the_account_behind_a_post_to_staff_with_the_permission(
    client, revealer, anonymous_post
):
    client.force_login(revealer)

    response = _reveal(client, anonymous_post)

    page = response.content.decode()
    assert response.status_code == 200
    assert "hidden-author" in page
    assert anonymous_post.author.email in page
    assert anonymous_post.author.personas.get().name in page
    assert "no-store" in response["Cache-Control"]


def test_the_form_page_asks_for_a_reason_and_reveals_nothing_yet(client, revealer, anonymous_post):
    client.force_login(revealer)

    response = client.get(_reveal_url(anonymous_post))

    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="reason"' in page
    assert 'name="emergency"' in page
    assert "hidden-author" not in page
    assert anonymous_post.author.personas.get().name not in page
    assert not AuditEntry.objects.exists()


def test_it_writes_exactly_one_audit_row(client, revealer, anonymous_post):
    client.force_login(revealer)

    _reveal(client, anonymous_post)

    entry = AuditEntry.objects.get()
    assert entry.actor == revealer
    assert entry.action == "identity.revealed"
    assert entry.group == anonymous_post.thread.group
    assert entry.post_id_at_action == anonymous_post.pk
    assert entry.subject_account_id == anonymous_post.author_id
    assert entry.reason == REASON
    assert entry.details == {"emergency": False}


def test_it_tells_the_author(client, revealer, anonymous_post):
    client.force_login(revealer)
    _reveal(client, anonymous_post)
    client.force_login(anonymous_post.author)

    page = client.get(reverse("notifications:list")).content.decode()

    assert NOTICE in page
    assert REASON in page
    # The member learns that staff looked, never which staff member.
    assert "staff-revealer" not in page


def test_an_emergency_defers_telling_the_author(client, revealer, anonymous_post, settings):
    settings.SANAD_IDENTITY_REVEAL_DEFERRAL_HOURS = 48
    client.force_login(revealer)
    before = timezone.now()

    _reveal(client, anonymous_post, emergency=True)

    notice = Notification.objects.get(kind=Notification.Kind.IDENTITY_REVEALED)
    assert notice.visible_from >= before + timedelta(hours=48)
    assert AuditEntry.objects.get().details == {"emergency": True}
    client.force_login(anonymous_post.author)
    assert NOTICE not in client.get(reverse("notifications:list")).content.decode()
    Notification.objects.filter(pk=notice.pk).update(visible_from=timezone.now())
    assert NOTICE in client.get(reverse("notifications:list")).content.decode()


def test_no_notice_when_the_setting_is_off(client, revealer, anonymous_post, settings):
    settings.SANAD_NOTIFY_ON_IDENTITY_REVEAL = False
    client.force_login(revealer)

    _reveal(client, anonymous_post)

    assert AuditEntry.objects.count() == 1
    assert not Notification.objects.exists()


@pytest.mark.parametrize("reason", ["", "   ", "too short"])
def test_it_refuses_without_a_real_reason(client, revealer, anonymous_post, reason):
    client.force_login(revealer)

    response = _reveal(client, anonymous_post, reason=reason)

    page = response.content.decode()
    assert response.status_code == 400
    assert "Write why you need to know who wrote this post, in at least 10 characters." in page
    assert "hidden-author" not in page
    assert not AuditEntry.objects.exists()
    assert not Notification.objects.exists()


def test_it_refuses_an_overlong_reason(client, revealer, anonymous_post):
    client.force_login(revealer)

    response = _reveal(client, anonymous_post, reason="x" * 1001)

    assert response.status_code == 400
    assert not AuditEntry.objects.exists()


def test_staff_without_the_permission_get_404(client, plain_staff, anonymous_post):
    client.force_login(plain_staff)

    assert client.get(_reveal_url(anonymous_post)).status_code == 404
    assert _reveal(client, anonymous_post).status_code == 404
    assert not AuditEntry.objects.exists()


def test_a_moderator_of_the_group_gets_404(client, open_group, anonymous_post):
    moderator = MembershipFactory(group=open_group, role=Membership.Role.MODERATOR).user
    give_mfa(moderator)
    client.force_login(moderator)

    assert _reveal(client, anonymous_post).status_code == 404
    assert not AuditEntry.objects.exists()


def test_the_permission_without_staff_status_is_not_enough(client, anonymous_post):
    member = _with_reveal_permission(UserFactory())
    client.force_login(member)

    assert _reveal(client, anonymous_post).status_code == 404


def test_a_missing_post_and_a_forbidden_one_look_the_same(client, plain_staff, anonymous_post):
    client.force_login(plain_staff)

    assert client.get(reverse("moderation:reveal", args=[999_999])).status_code == 404


def test_visitors_are_sent_to_sign_in(client, anonymous_post):
    response = client.get(_reveal_url(anonymous_post))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_staff_without_mfa_are_sent_to_set_it_up(client, anonymous_post):
    staff = _with_reveal_permission(UserFactory(is_staff=True))
    client.force_login(staff)

    response = _reveal(client, anonymous_post)

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    assert not AuditEntry.objects.exists()


def test_the_service_refuses_staff_without_the_permission(plain_staff, anonymous_post):
    with pytest.raises(PermissionDenied):
        identity_reveal(staff=plain_staff, post=anonymous_post, reason=REASON)


def test_the_service_refuses_a_blank_reason(revealer, anonymous_post):
    with pytest.raises(ValidationError):
        identity_reveal(staff=revealer, post=anonymous_post, reason="          ")
    assert not AuditEntry.objects.exists()


def test_the_service_returns_the_identity(revealer, anonymous_post):
    author = anonymous_post.author

    revealed = identity_reveal(staff=revealer, post=anonymous_post, reason=REASON)

    assert revealed == {
        "username": "hidden-author",
        "email": author.email,
        "account_id": author.pk,
        "personas": [author.personas.get().name],
    }


def test_a_former_members_post_has_no_one_to_reveal(client, revealer, anonymous_post):
    anonymous_post.author = None
    anonymous_post.save(update_fields=["author"])
    client.force_login(revealer)

    response = _reveal(client, anonymous_post)

    assert response.status_code == 400
    assert not AuditEntry.objects.exists()


def test_the_audit_log_is_open_to_all_staff(client, revealer, plain_staff, anonymous_post):
    identity_reveal(staff=revealer, post=anonymous_post, reason=REASON)
    client.force_login(plain_staff)

    response = client.get(reverse("moderation:audit"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "staff-revealer" in page
    assert REASON in page
    assert str(anonymous_post.pk) in page
    # The author is named as the thread knows them; the account stays with the reveal.
    assert "Anonymous member (original poster)" in page
    assert f"in thread {anonymous_post.thread_id}" in page
    assert f"<td>{anonymous_post.author_id}</td>" not in page
    assert "hidden-author" not in page
    assert anonymous_post.author.email not in page


def test_the_audit_log_is_404_to_moderators_who_are_not_staff(client, open_group):
    moderator = MembershipFactory(group=open_group, role=Membership.Role.MODERATOR).user
    give_mfa(moderator)
    client.force_login(moderator)

    assert client.get(reverse("moderation:audit")).status_code == 404


def test_the_audit_log_is_404_to_members_and_a_login_for_visitors(client, member):
    response = client.get(reverse("moderation:audit"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))

    client.force_login(member)
    assert client.get(reverse("moderation:audit")).status_code == 404


def test_the_audit_log_pages_by_fifty_newest_first(client, revealer, anonymous_post):
    for n in range(51):
        identity_reveal(staff=revealer, post=anonymous_post, reason=f"Reason number {n:03d}")
    client.force_login(revealer)

    first = client.get(reverse("moderation:audit")).content.decode()
    second = client.get(reverse("moderation:audit") + "?page=2").content.decode()

    assert "Reason number 050" in first
    assert "Reason number 000" not in first
    assert "Reason number 000" in second


def test_the_admin_shows_the_audit_log_read_only(client, anonymous_post, revealer):
    identity_reveal(staff=revealer, post=anonymous_post, reason=REASON)
    superuser = UserFactory(is_staff=True, is_superuser=True)
    give_mfa(superuser)
    client.force_login(superuser)
    entry = AuditEntry.objects.get()

    listing = client.get("/admin/audit/auditentry/")
    detail = client.get(f"/admin/audit/auditentry/{entry.pk}/change/")

    assert listing.status_code == 200
    assert detail.status_code == 200
    assert client.get("/admin/audit/auditentry/add/").status_code == 403
    assert client.post(f"/admin/audit/auditentry/{entry.pk}/delete/").status_code == 403
    assert (
        client.post(f"/admin/audit/auditentry/{entry.pk}/change/", {"reason": "edited"}).status_code
        == 403
    )
    entry.refresh_from_db()
    assert entry.reason == REASON


def test_the_queue_links_staff_with_the_permission_to_reveal(client, revealer, anonymous_post):
    from moderation.services import report_create

    report_create(reporter=UserFactory(), post=anonymous_post, reason="other")
    client.force_login(revealer)

    page = client.get(reverse("moderation:queue")).content.decode()

    assert _reveal_url(anonymous_post) in page


def test_the_queue_shows_no_reveal_link_to_moderators(client, open_group, anonymous_post):
    from moderation.services import report_create

    report_create(reporter=UserFactory(), post=anonymous_post, reason="other")
    moderator = MembershipFactory(group=open_group, role=Membership.Role.MODERATOR).user
    give_mfa(moderator)
    client.force_login(moderator)

    page = client.get(reverse("moderation:queue")).content.decode()

    assert _reveal_url(anonymous_post) not in page
