"""A member deletes their account; their posts are erased or stay as "former member",
and nothing left behind points at them."""

import json
from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccountDeletion, Persona, User
from accounts.names import persona_name_key
from audit.models import AuditEntry
from moderation import services as moderation_services
from moderation.models import Report, ReviewItem
from notifications.models import Notification
from posts import services as post_services
from posts.models import AnonymousAuthor, Post, Thread
from privacy import jobs as privacy_jobs
from privacy import services as privacy_services

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def leaving(member, other_member, open_group, join, django_capture_on_commit_callbacks):
    """The leaving member started a thread, replied anonymously to another one, reported
    a post and was notified of a reply; the other member stays."""
    join(member, open_group)
    join(other_member, open_group)
    with django_capture_on_commit_callbacks(execute=True):
        thread = post_services.thread_create(
            author=member, group=open_group, title="Evenings alone", body="Words I wrote."
        )
        reply = post_services.post_create(
            author=other_member, thread=thread, body="A reply that stays."
        )
        other_thread = post_services.thread_create(
            author=other_member, group=open_group, title="Their thread", body="Their words."
        )
        anonymous = post_services.post_create(
            author=member, thread=other_thread, body="Said anonymously.", anonymous=True
        )
    moderation_services.report_create(reporter=member, post=reply, reason="other", note="Hm.")
    return {
        "thread": thread,
        "opening": thread.posts.get(is_opening=True),
        "anonymous": anonymous,
        "other_thread": other_thread,
        "persona": member.personas.get(),
    }


def detach_all():
    """Let a day pass for the sweeper: each persona's kept posts detach at its own time."""
    for persona in Persona.objects.filter(detach_posts_at__isnull=False).order_by(
        "detach_posts_at"
    ):
        privacy_jobs.personas_detach_due(now=persona.detach_posts_at)
    assert not Persona.objects.filter(detach_posts_at__isnull=False).exists()


def _delete(client, django_capture_on_commit_callbacks, mode="keep", password=PASSWORD):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(
            reverse("privacy:delete"), {"password": password, "mode": mode, "confirm": "on"}
        )


def test_the_deletion_page_asks_for_password_mode_and_confirmation(client, member):
    client.force_login(member)

    response = client.get(reverse("privacy:delete"))

    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="password"' in page
    assert "Erase my posts: their text is replaced with a notice" in page
    assert "Keep my posts, shown as “former member”, detached from any account" in page
    assert 'name="confirm"' in page


def test_a_wrong_password_is_refused_and_nothing_changes(
    client, member, leaving, django_capture_on_commit_callbacks
):
    client.force_login(member)

    response = _delete(client, django_capture_on_commit_callbacks, password="not my password")

    page = response.content.decode()
    assert response.status_code == 400
    assert "That is not your current password. Nothing has been changed." in page
    assert "not my password" not in page
    assert 'value="keep" required id="id_mode_1" checked' in page
    member.refresh_from_db()
    assert member.is_active
    assert not AccountDeletion.objects.exists()
    assert Post.objects.filter(author=member).count() == 2


def test_the_confirmation_box_is_required(client, member, django_capture_on_commit_callbacks):
    client.force_login(member)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("privacy:delete"), {"password": PASSWORD, "mode": "erase"})

    assert response.status_code == 400
    assert User.objects.filter(pk=member.pk, is_active=True).exists()


def test_a_refused_deletion_speaks_arabic_to_an_arabic_reader(client, member):
    client.cookies["django_language"] = "ar"
    client.force_login(member)

    response = client.post(reverse("privacy:delete"), {"password": PASSWORD, "mode": "keep"})

    assert response.status_code == 400
    assert "هذا الحقل مطلوب" in response.content.decode()
    assert User.objects.get(pk=member.pk).is_active


def test_keeping_posts_leaves_them_as_former_member(
    client, member, other_member, leaving, django_capture_on_commit_callbacks
):
    username, email, persona_name = member.username, member.email, leaving["persona"].name
    member_id = member.pk
    client.force_login(member)

    response = _delete(client, django_capture_on_commit_callbacks, mode="keep")

    assert response.status_code == 302
    assert not User.objects.filter(pk=member_id).exists()
    # The account link goes at once; the name turns into "Former member" at the
    # persona's own time (tests/accounts/test_deletion_detach.py).
    assert Post.objects.get(pk=leaving["opening"].pk).author is None
    detach_all()
    opening = Post.objects.get(pk=leaving["opening"].pk)
    assert (opening.author, opening.persona, opening.state) == (None, None, Post.State.VISIBLE)
    assert opening.body == "Words I wrote."
    assert opening.public_author_name == "Former member"
    anonymous = Post.objects.get(pk=leaving["anonymous"].pk)
    assert anonymous.author is None and anonymous.persona is None
    assert anonymous.is_anonymous
    assert Thread.objects.get(pk=leaving["thread"].pk).author is None
    assert not AnonymousAuthor.objects.filter(user_id=member_id).exists()

    client.force_login(other_member)
    page = client.get(leaving["thread"].get_absolute_url()).content.decode()
    assert "Former member" in page
    assert "Words I wrote." in page
    for trace in (username, email, persona_name):
        assert trace not in page
    other_page = client.get(leaving["other_thread"].get_absolute_url()).content.decode()
    assert "Said anonymously." in other_page
    assert persona_name not in other_page


def test_erasing_posts_leaves_only_a_notice(
    client, member, other_member, leaving, django_capture_on_commit_callbacks
):
    persona_name = leaving["persona"].name
    client.force_login(member)

    _delete(client, django_capture_on_commit_callbacks, mode="erase")

    for key in ("opening", "anonymous"):
        post = Post.objects.get(pk=leaving[key].pk)
        assert post.state == Post.State.ERASED
        assert (post.body, post.body_html, post.author, post.persona) == ("", "", None, None)
    assert Thread.objects.get(pk=leaving["other_thread"].pk).reply_count == 0
    reply = Post.objects.get(body="A reply that stays.")
    assert reply.state == Post.State.VISIBLE

    client.force_login(other_member)
    page = client.get(leaving["thread"].get_absolute_url()).content.decode()
    assert "This post was deleted by its author." in page
    assert "Words I wrote." not in page
    assert "A reply that stays." in page
    assert persona_name not in page
    assert member.username not in page


def test_the_member_is_signed_out_and_cannot_sign_in_again(
    client, member, django_capture_on_commit_callbacks
):
    username = member.username
    client.force_login(member)

    _delete(client, django_capture_on_commit_callbacks)

    assert "_auth_user_id" not in client.session
    assert client.get(reverse("privacy:index")).status_code == 302
    client.post(reverse("account_login"), {"login": username, "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_the_account_is_closed_at_once_even_before_the_worker_runs(
    client, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        privacy_services.account_deletion_request(user=member, mode="keep")

    member.refresh_from_db()
    assert not member.is_active
    assert len(callbacks) == 1
    client.post(reverse("account_login"), {"login": member.username, "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_asking_twice_gives_one_job(member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks():
        first = privacy_services.account_deletion_request(user=member, mode="keep")
        second = privacy_services.account_deletion_request(user=member, mode="erase")

    assert first.pk == second.pk
    assert AccountDeletion.objects.get().mode == "keep"


def test_deleting_twice_gives_the_same_result(member, leaving, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        deletion = privacy_services.account_deletion_request(user=member, mode="erase")

    privacy_jobs.account_delete(deletion_id=deletion.pk)

    deletion.refresh_from_db()
    assert deletion.status == AccountDeletion.Status.DONE
    assert deletion.finished_at is not None
    assert AuditEntry.objects.filter(action="account.deleted").count() == 1


def test_the_members_reports_and_notifications_go_but_the_review_item_stays(
    member, leaving, django_capture_on_commit_callbacks
):
    member_id = member.pk
    assert Notification.objects.filter(recipient_id=member_id).exists()
    items = set(ReviewItem.objects.values_list("pk", flat=True))

    with django_capture_on_commit_callbacks(execute=True):
        privacy_services.account_deletion_request(user=member, mode="keep")

    assert not Report.objects.exists()
    assert set(ReviewItem.objects.values_list("pk", flat=True)) == items
    assert not Notification.objects.filter(recipient_id=member_id).exists()


def test_the_persona_name_stays_held_back(member, leaving, django_capture_on_commit_callbacks):
    name = leaving["persona"].name

    with django_capture_on_commit_callbacks(execute=True):
        privacy_services.account_deletion_request(user=member, mode="keep")

    held = Persona.objects.get(name_key=persona_name_key(name))
    assert held.user is None
    assert held.retired_at is not None
    assert not held.is_default
    with pytest.raises(IntegrityError), transaction.atomic():
        Persona.objects.create(name=name.upper(), name_key=persona_name_key(name.upper()))


def test_held_names_are_freed_after_the_hold(settings, member, django_capture_on_commit_callbacks):
    name_key = member.personas.get().name_key
    with django_capture_on_commit_callbacks(execute=True):
        privacy_services.account_deletion_request(user=member, mode="keep")

    privacy_jobs.persona_purge_retired()
    assert Persona.objects.filter(name_key=name_key).exists()

    Persona.objects.filter(name_key=name_key).update(
        retired_at=timezone.now() - timedelta(days=settings.SANAD_PERSONA_HOLD_DAYS + 1)
    )
    privacy_jobs.persona_purge_retired()
    assert not Persona.objects.filter(name_key=name_key).exists()


def test_the_audit_entry_holds_ids_and_the_mode_only(
    member, leaving, django_capture_on_commit_callbacks
):
    member_id, username, persona_name = member.pk, member.username, leaving["persona"].name

    with django_capture_on_commit_callbacks(execute=True):
        privacy_services.account_deletion_request(user=member, mode="erase")

    entry = AuditEntry.objects.get(action="account.deleted")
    assert entry.subject_account_id == member_id
    assert entry.details == {"mode": "erase"}
    assert entry.reason == ""
    assert entry.post_id_at_action is None
    recorded = json.dumps([entry.details, entry.reason, entry.action])
    for content in ("Words I wrote.", "Said anonymously.", username, persona_name):
        assert content not in recorded


def test_a_stalled_deletion_is_scheduled_again(member, django_capture_on_commit_callbacks):
    from privacy.tasks import resume_stalled_privacy_jobs

    with django_capture_on_commit_callbacks(execute=False):
        deletion = privacy_services.account_deletion_request(user=member, mode="keep")
    AccountDeletion.objects.filter(pk=deletion.pk).update(
        requested_at=timezone.now() - timedelta(hours=1)
    )

    resume_stalled_privacy_jobs.delay()

    deletion.refresh_from_db()
    assert deletion.status == AccountDeletion.Status.DONE
    assert not User.objects.filter(pk=member.pk).exists()


# --- Thread titles, everything else that pointed at the account, running twice ------------


def _page(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_erasing_takes_the_title_of_a_thread_the_member_started(
    client, member, other_member, open_group, leaving, django_capture_on_commit_callbacks
):
    thread = leaving["thread"]

    with django_capture_on_commit_callbacks(execute=True):
        privacy_services.account_deletion_request(user=member, mode="erase")

    assert Thread.objects.get(pk=thread.pk).title == ""
    # The thread the member only replied in keeps its title: it is someone else's.
    assert Thread.objects.get(pk=leaving["other_thread"].pk).title == "Their thread"
    client.force_login(other_member)
    page = _page(client, thread.get_absolute_url())
    assert "Evenings alone" not in page
    assert "Conversation deleted by its author" in page
    assert "A reply that stays." in page
    group_page = _page(client, open_group.get_absolute_url())
    assert "Evenings alone" not in group_page
    assert "Conversation deleted by its author" in group_page
    assert thread.get_absolute_url() in group_page
    assert "Evenings alone" not in _page(client, reverse("posts:search"), q="Evenings")
    found = _page(client, reverse("posts:search"), q="reply that stays")
    assert Post.objects.get(body="A reply that stays.").get_absolute_url() in found
    assert "Conversation deleted by its author" in found
    assert "Evenings alone" not in found


def test_an_erased_title_reads_in_arabic_too(
    client, member, other_member, leaving, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        privacy_services.account_deletion_request(user=member, mode="erase")
    client.force_login(other_member)

    page = client.get(
        leaving["thread"].get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ar"
    ).content.decode()

    assert "محادثة حذفها صاحبها" in page
    assert "Evenings alone" not in page


def test_an_erased_title_is_in_nobodys_export(
    other_member, leaving, django_capture_on_commit_callbacks
):
    member = leaving["opening"].author

    with django_capture_on_commit_callbacks(execute=True):
        privacy_services.account_deletion_request(user=member, mode="erase")

    text = json.dumps(privacy_jobs._collect(other_member, timezone.now()), ensure_ascii=False)
    assert "A reply that stays." in text
    assert "Evenings alone" not in text


def test_keeping_posts_keeps_the_title(
    client, member, other_member, open_group, leaving, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        privacy_services.account_deletion_request(user=member, mode="keep")

    assert Thread.objects.get(pk=leaving["thread"].pk).title == "Evenings alone"
    client.force_login(other_member)
    assert "Evenings alone" in _page(client, leaving["thread"].get_absolute_url())
    assert "Evenings alone" in _page(client, open_group.get_absolute_url())
    assert "Evenings alone" in _page(client, reverse("posts:search"), q="Evenings")
    text = json.dumps(privacy_jobs._collect(other_member, timezone.now()), ensure_ascii=False)
    assert "Evenings alone" in text


def test_erasing_takes_earlier_titles_and_the_removal_notice_too(
    member, leaving, django_capture_on_commit_callbacks
):
    from posts.models import PostRevision

    post_services.post_edit(
        editor=member, post=leaving["opening"], body="Words I wrote, again.", title="Evenings"
    )
    Post.objects.filter(pk=leaving["anonymous"].pk).update(
        state=Post.State.REMOVED, removal_reason="Please keep to the topic."
    )

    with django_capture_on_commit_callbacks(execute=True):
        privacy_services.account_deletion_request(user=member, mode="erase")

    assert not PostRevision.objects.exists()
    assert Post.objects.get(pk=leaving["anonymous"].pk).removal_reason == ""


@pytest.fixture
def everything(member, other_member, open_group, leaving, django_capture_on_commit_callbacks):
    """Rows in every table that points at an account: what the member did, chose, was
    given or made as a moderator."""
    from allauth.account.models import EmailAddress
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.contenttypes.models import ContentType

    from accounts.models import DataExport
    from groups.models import JoinRequest
    from moderation.models import ModeratorPresence
    from notifications.models import Digest
    from posts.models import Subscription
    from tests.factories import (
        InviteFactory,
        JoinRequestFactory,
        give_mfa,
        give_training,
        want_emails,
    )

    reply = Post.objects.get(body="A reply that stays.")
    post_services.reaction_set(user=member, post=reply, kind="support", active=True)
    post_services.bookmark_set(user=member, post=reply, active=True)
    post_services.subscription_set(
        user=member, thread=leaving["other_thread"], level=Subscription.Level.MUTE
    )
    post_services.read_state_mark(
        user=member, thread=leaving["thread"], post_id=reply.pk, known=None
    )
    post_services.reader_preference_update(
        user=member, expand_content_warnings=True, muted_words="insomnia"
    )
    want_emails(member, "reply", digest="daily")
    Digest.objects.create(user=member, frequency="daily", period_start=timezone.now())
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    give_mfa(member)
    give_training(member)
    ModeratorPresence.objects.create(user=member)
    DataExport.objects.create(user=member)
    from accounts.recovery import recovery_codes_create

    recovery_codes_create(user=member)
    pending = JoinRequestFactory(user=member)
    JoinRequest.objects.filter(pk=pending.pk).update(decided_by=member)
    InviteFactory(group=open_group, created_by=member)
    Post.objects.filter(pk=leaving["anonymous"].pk).update(state=Post.State.REMOVED)
    with django_capture_on_commit_callbacks(execute=False):
        moderation_services.appeal_create(
            author=member, post=leaving["anonymous"], note="It was on topic."
        )
    # Words a rule refused, with crisis language, kept for the group's moderators.
    from moderation.attempts import post_attempt_record
    from moderation.screening import CrisisAssessment

    post_attempt_record(
        author=member,
        group=open_group,
        thread=leaving["thread"],
        where="reply",
        title="",
        body="Refused words: I want to die.",
        content_warning="",
        anonymous=False,
        refusal="muted",
        assessment=CrisisAssessment(tier="urgent", score=1.0),
        persona=leaving["persona"],
    )
    # As if the member had also moderated: claimed, decided, acted, used the admin.
    ReviewItem.objects.update(
        claimed_by=member, subject=member, resolved_by=member, excluded_moderator=member
    )
    AuditEntry.objects.create(actor=member, action="post.hidden")
    LogEntry.objects.create(
        user=member,
        content_type=ContentType.objects.get_for_model(Thread),
        object_id=str(leaving["thread"].pk),
        object_repr="thread",
        action_flag=CHANGE,
    )
    return leaving


def _links_to_accounts():
    """Every field, in any app, that points at an account or a persona."""
    from django.apps import apps

    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model in (User, Persona):
                yield model, field


def _pointing_at(user_id: int, persona_ids: list[int]) -> list[str]:
    """The links that still hold this account or one of its personas."""
    found = []
    for model, field in _links_to_accounts():
        ids = [user_id] if field.related_model is User else persona_ids
        if model._base_manager.filter(**{f"{field.name}_id__in": ids}).exists():
            found.append(f"{model._meta.label}.{field.name}")
    return found


@pytest.mark.parametrize("mode", ["keep", "erase"])
def test_nothing_left_points_at_the_account(member, everything, mode):
    member_id = member.pk
    personas = list(member.personas.values_list("pk", flat=True))
    # The fixture fills every link there is: a new model pointing at accounts fails here
    # until it is added above, and its fate on deletion is checked, not assumed.
    every_link = [f"{model._meta.label}.{field.name}" for model, field in _links_to_accounts()]
    assert _pointing_at(member_id, personas) == every_link

    deletion = privacy_services.account_deletion_request(user=member, mode=mode)
    privacy_jobs.account_delete(deletion_id=deletion.pk)
    detach_all()

    assert _pointing_at(member_id, personas) == []
    # The personas themselves stay, unowned, holding their names back (see above).
    assert Persona.objects.filter(pk__in=personas, user__isnull=True).count() == len(personas)
    assert ReviewItem.objects.filter(subject__isnull=True).exists()


def test_an_open_appeal_goes_and_its_review_item_is_closed(member, everything):
    from moderation.models import Appeal

    item = ReviewItem.objects.get(kind=ReviewItem.Kind.APPEAL)
    assert item.is_open

    deletion = privacy_services.account_deletion_request(user=member, mode="keep")
    privacy_jobs.account_delete(deletion_id=deletion.pk)

    assert not Appeal.objects.exists()
    item.refresh_from_db()
    assert item.status == ReviewItem.Status.RESOLVED
    assert item.decision == ReviewItem.Decision.NO_ACTION
    assert item.resolved_by is None


def test_refused_words_go_with_the_account_and_their_item_is_closed(member, everything):
    from moderation.models import PostAttempt

    item = ReviewItem.objects.get(kind=ReviewItem.Kind.ATTEMPT)
    assert item.is_open

    deletion = privacy_services.account_deletion_request(user=member, mode="keep")
    privacy_jobs.account_delete(deletion_id=deletion.pk)

    assert not PostAttempt.objects.exists()
    item.refresh_from_db()
    assert item.status == ReviewItem.Status.RESOLVED
    assert item.decision == ReviewItem.Decision.NO_ACTION
    assert item.subject_id is None


def _snapshot() -> dict:
    return {
        "threads": list(Thread.objects.order_by("pk").values()),
        "posts": list(Post.objects.order_by("pk").values()),
        "personas": list(Persona.objects.order_by("pk").values()),
        "labels": list(AnonymousAuthor.objects.order_by("pk").values()),
        "items": list(ReviewItem.objects.order_by("pk").values()),
        "accounts": list(User.objects.order_by("pk").values_list("pk", flat=True)),
    }


@pytest.mark.parametrize("mode", ["keep", "erase"])
def test_running_the_deletion_again_changes_nothing(member, everything, mode):
    deletion = privacy_services.account_deletion_request(user=member, mode=mode)
    privacy_jobs.account_delete(deletion_id=deletion.pk)
    after_first = _snapshot()

    # A redelivered task, and even a run forced again from the start.
    privacy_jobs.account_delete(deletion_id=deletion.pk)
    assert _snapshot() == after_first
    AccountDeletion.objects.filter(pk=deletion.pk).update(status=AccountDeletion.Status.PENDING)
    privacy_jobs.account_delete(deletion_id=deletion.pk)

    assert _snapshot() == after_first


def test_the_thread_page_of_an_erased_title_works_for_moderators_and_members(
    client, member, other_member, open_group, leaving, django_capture_on_commit_callbacks
):
    from tests.factories import MembershipFactory, give_mfa

    moderator = MembershipFactory(group=open_group, role="moderator").user
    give_mfa(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        post_services.post_create(
            author=other_member, thread=leaving["thread"], body="Still here for you."
        )
        privacy_services.account_deletion_request(user=member, mode="erase")

    for reader in (other_member, moderator):
        client.force_login(reader)
        page = _page(client, leaving["thread"].get_absolute_url())
        assert "Conversation deleted by its author" in page
        assert "This post was deleted by its author." in page
        assert "A reply that stays." in page and "Still here for you." in page
        assert _page(client, leaving["thread"].get_absolute_url(), page="last")
