"""A member downloads everything Sanad holds about them, and nothing about anyone else."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import DataExport
from accounts.services import persona_create_generated
from moderation import services as moderation_services
from posts import services as post_services
from privacy import jobs as privacy_jobs
from privacy import services as privacy_services
from privacy.tasks import build_data_export
from tests.factories import MembershipFactory, SupportGroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, member):
    client.force_login(member)
    return member


def _request_export(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("privacy:export"))
    assert response.status_code == 302
    return DataExport.objects.get()


def _ready_export(user, **changes) -> DataExport:
    now = timezone.now()
    values = {
        "status": DataExport.Status.READY,
        "payload": {"account": {"username": user.username}},
        "finished_at": now,
        "expires_at": now + timedelta(hours=24),
    }
    values.update(changes)
    return DataExport.objects.create(user=user, **values)


@pytest.fixture
def conversation(member, other_member, open_group, join, django_capture_on_commit_callbacks):
    """The member started a thread and posted anonymously in another; the other member,
    who also uses a second persona in a second group, replied and was reported."""
    join(member, open_group)
    join(other_member, open_group)
    elsewhere = SupportGroupFactory()
    second_persona = persona_create_generated(user=other_member, language="en")
    MembershipFactory(group=elsewhere, user=other_member, persona=second_persona)
    with django_capture_on_commit_callbacks(execute=True):
        thread = post_services.thread_create(
            author=member, group=open_group, title="Evenings alone", body="My own words."
        )
        reply = post_services.post_create(
            author=other_member, thread=thread, body="The other member's words."
        )
        other_thread = post_services.thread_create(
            author=other_member, group=open_group, title="Their thread", body="Their opening."
        )
        post_services.post_create(
            author=member, thread=other_thread, body="My anonymous reply.", anonymous=True
        )
    moderation_services.report_create(
        reporter=member, post=reply, reason="other", note="My note on the report."
    )
    return thread, reply


def test_it_exports_the_members_posts_including_anonymous_ones(
    client, signed_in, conversation, django_capture_on_commit_callbacks, persona_of
):
    export = _request_export(client, django_capture_on_commit_callbacks)

    export.refresh_from_db()
    assert export.status == DataExport.Status.READY
    data = export.payload
    assert data["account"]["username"] == signed_in.username
    assert data["account"]["email"] == signed_in.email
    assert [p["name"] for p in data["personas"]] == [persona_of(signed_in).name]
    assert data["memberships"][0]["persona"] == persona_of(signed_in).name
    bodies = {post["body"]: post for post in data["posts"]}
    assert set(bodies) == {"My own words.", "My anonymous reply."}
    anonymous = bodies["My anonymous reply."]
    assert anonymous["anonymous"] is True
    assert anonymous["thread_title"] == "Their thread"
    assert anonymous["shown_as"].startswith("Anonymous member")
    assert bodies["My own words."]["shown_as"] == persona_of(signed_in).name
    assert data["reports_made"] == [
        {
            "thread_id": conversation[1].thread.public_id,
            "number": conversation[1].number,
            "reason": "other",
            "note": "My note on the report.",
            "created_at": data["reports_made"][0]["created_at"],
            "outcome": "",
        }
    ]
    assert [n["kind"] for n in data["notifications"]] == ["reply"]


def test_it_says_nothing_about_other_members(
    client, signed_in, other_member, conversation, django_capture_on_commit_callbacks
):
    export = _request_export(client, django_capture_on_commit_callbacks)

    text = json.dumps(DataExport.objects.get(pk=export.pk).payload, ensure_ascii=False)
    assert other_member.username not in text
    assert other_member.email not in text
    for persona in other_member.personas.all():
        assert persona.name not in text
    assert "The other member's words." not in text


def test_asking_twice_gives_one_job(member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        first = privacy_services.data_export_request(user=member)
        second = privacy_services.data_export_request(user=member)

    assert first.pk == second.pk
    assert DataExport.objects.count() == 1
    assert len(callbacks) == 1


def test_a_ready_export_does_not_stop_a_new_one(member, django_capture_on_commit_callbacks):
    old = _ready_export(member)

    with django_capture_on_commit_callbacks(execute=True):
        new = privacy_services.data_export_request(user=member)

    assert new.pk != old.pk
    new.refresh_from_db()
    assert new.status == DataExport.Status.READY


def test_building_twice_gives_the_same_result(member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        export = privacy_services.data_export_request(user=member)
    export.refresh_from_db()
    finished_at = export.finished_at

    privacy_jobs.data_export_build(export_id=export.pk)

    export.refresh_from_db()
    assert export.status == DataExport.Status.READY
    assert export.finished_at == finished_at


def test_a_build_that_keeps_failing_is_shown_as_failed(member, monkeypatch):
    def broken(user, now):
        raise RuntimeError("database went away")

    monkeypatch.setattr(privacy_jobs, "_collect", broken)
    export = DataExport.objects.create(user=member)

    # The last attempt: every retry before it has been spent.
    result = build_data_export.apply(
        args=[export.pk], retries=build_data_export.max_retries, throw=False
    )

    assert result.failed()

    export.refresh_from_db()
    assert export.status == DataExport.Status.FAILED
    assert export.payload is None
    assert privacy_services.data_export_request(user=member).pk != export.pk


def test_the_owner_downloads_the_file(client, signed_in):
    export = _ready_export(signed_in)

    response = client.get(reverse("privacy:export_download", args=[export.pk]))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="sanad-export.json"'
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Type"].startswith("application/json")
    assert json.loads(response.content) == export.payload


def test_another_member_cannot_download_it(client, member, other_member):
    export = _ready_export(member)
    client.force_login(other_member)

    response = client.get(reverse("privacy:export_download", args=[export.pk]))

    assert response.status_code == 404
    assert member.username not in response.content.decode()


def test_an_expired_export_is_gone(client, signed_in):
    export = _ready_export(signed_in, expires_at=timezone.now() - timedelta(minutes=1))

    response = client.get(reverse("privacy:export_download", args=[export.pk]))

    assert response.status_code == 404


def test_an_unfinished_export_cannot_be_downloaded(client, signed_in):
    export = DataExport.objects.create(user=signed_in)

    response = client.get(reverse("privacy:export_download", args=[export.pk]))

    assert response.status_code == 404


def test_the_purge_deletes_expired_exports_only(member):
    expired = _ready_export(member, expires_at=timezone.now() - timedelta(minutes=1))
    fresh = _ready_export(member)

    privacy_jobs.data_export_purge_expired()

    assert not DataExport.objects.filter(pk=expired.pk).exists()
    assert DataExport.objects.filter(pk=fresh.pk).exists()


@pytest.mark.parametrize(
    ("method", "name", "args"),
    [
        ("get", "privacy:index", []),
        ("post", "privacy:export", []),
        ("get", "privacy:export_status", []),
        ("get", "privacy:export_download", [1]),
        ("get", "privacy:delete", []),
        ("post", "privacy:delete", []),
    ],
)
def test_a_visitor_is_sent_to_sign_in(client, method, name, args):
    response = getattr(client, method)(reverse(name, args=args))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_privacy_page_explains_what_is_kept(client, signed_in):
    response = client.get(reverse("privacy:index"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "No IP addresses, anywhere." in page
    assert "Moderators never see who reported a post." in page
    assert reverse("privacy:export") in page
    assert reverse("privacy:delete") in page
    assert signed_in.username not in page


def test_the_page_polls_while_the_export_is_prepared(client, signed_in):
    DataExport.objects.create(user=signed_in, status=DataExport.Status.RUNNING)

    page = client.get(reverse("privacy:index")).content.decode()
    fragment = client.get(reverse("privacy:export_status"))

    assert 'hx-trigger="every 3s"' in page
    assert f'hx-get="{reverse("privacy:export_status")}"' in page
    # Without JavaScript, a plain link does the same.
    assert "Refresh</a>" in page
    assert fragment.status_code == 200
    assert "Your data is being prepared." in fragment.content.decode()
    assert "<html" not in fragment.content.decode()


def test_the_page_stops_polling_once_the_export_is_ready(client, signed_in):
    export = _ready_export(signed_in)

    fragment = client.get(reverse("privacy:export_status")).content.decode()

    assert "hx-trigger" not in fragment
    assert reverse("privacy:export_download", args=[export.pk]) in fragment


def test_the_page_never_shows_another_members_export(client, member, other_member):
    _ready_export(other_member)
    client.force_login(member)

    fragment = client.get(reverse("privacy:export_status")).content.decode()

    assert "Download my data" not in fragment
    assert other_member.username not in fragment


def test_the_privacy_page_is_translated(client, signed_in):
    client.cookies["django_language"] = "ar"

    response = client.get(reverse("privacy:index"))

    assert response.status_code == 200
    assert 'lang="ar"' in response.content.decode()


# --- What the member did and chose, beyond their posts ------------------------------------


@pytest.fixture
def own_traces(member, other_member, open_group, join, conversation):
    """Everything else a member leaves behind: edits (one redacted), reactions, bookmarks,
    how they follow threads, reading settings, an appeal, a moderator's message, a
    moderator's tools. A bystander reacts to and bookmarks the same post."""
    from moderation.models import ModeratorPresence
    from notifications.records import notification_create
    from posts.models import Post, Subscription
    from tests.factories import InviteFactory, give_mfa, give_training, give_verified_email

    thread, reply = conversation
    opening = thread.posts.get(is_opening=True)
    post_services.post_edit(editor=member, post=opening, body="My street is Elm Road.")
    post_services.post_edit(
        editor=member, post=opening, body="My own words, again.", title="Evenings, alone"
    )
    regretted = opening.revisions.get(body="My street is Elm Road.")
    post_services.revision_redact(actor=member, revision=regretted)

    bystander = MembershipFactory(group=open_group).user
    post_services.reaction_set(user=member, post=reply, kind="support", active=True)
    post_services.reaction_set(user=bystander, post=reply, kind="helped", active=True)
    post_services.reaction_set(user=other_member, post=opening, kind="thanks", active=True)
    post_services.bookmark_set(user=member, post=reply, active=True)
    post_services.bookmark_set(user=bystander, post=reply, active=True)
    other_thread = Post.objects.get(body="Their opening.").thread
    post_services.subscription_set(user=member, thread=other_thread, level=Subscription.Level.MUTE)
    post_services.read_state_mark(user=member, thread=thread, post_id=reply.pk, known=None)
    post_services.read_state_mark(user=bystander, thread=thread, post_id=reply.pk, known=None)
    post_services.reader_preference_update(
        user=member, expand_content_warnings=True, muted_words="insomnia"
    )
    post_services.reader_preference_update(
        user=bystander, expand_content_warnings=False, muted_words="bystander-word"
    )

    anonymous = Post.objects.get(body="My anonymous reply.")
    Post.objects.filter(pk=anonymous.pk).update(
        state=Post.State.REMOVED, removal_reason="Please keep to the topic."
    )
    moderation_services.appeal_create(author=member, post=anonymous, note="It was on topic.")
    notification_create(
        recipient_id=member.pk,
        kind="check_in",
        group_id=open_group.pk,
        message="We are here if you need us.",
    )
    notification_create(
        recipient_id=other_member.pk,
        kind="check_in",
        group_id=open_group.pk,
        message="A message for somebody else.",
    )

    # Words a rate limit refused, kept for the group's moderators (help before limits).
    _refused_attempt(member, open_group, thread)
    invite = InviteFactory(group=open_group, created_by=member, label="March intake")
    give_training(member)
    ModeratorPresence.objects.create(user=member, on_duty=False)
    give_verified_email(member)
    secret = give_mfa(member)
    return {
        "thread": thread,
        "opening": opening,
        "reply": reply,
        "other_thread": other_thread,
        "anonymous": anonymous,
        "bystander": bystander,
        "invite": invite,
        "secret": secret,
    }


def _refused_attempt(member, group, thread):
    from moderation.attempts import post_attempt_record
    from moderation.screening import CrisisAssessment

    return post_attempt_record(
        author=member,
        group=group,
        thread=thread,
        where="reply",
        title="",
        body="I can't go on, I want to die.",
        content_warning="",
        anonymous=False,
        refusal="rate_limited",
        assessment=CrisisAssessment(tier="urgent", score=1.0, signals=("phrase.crisis",)),
        persona=member.personas.get(),
    )


def _export_of(user):
    # Through JSON, as the member downloads it.
    return json.loads(json.dumps(privacy_jobs._collect(user, timezone.now())))


def test_it_exports_what_the_member_did_and_chose_beyond_their_posts(member, own_traces):
    data = _export_of(member)

    assert data["format"] == "sanad-export-3"
    revisions = data["post_revisions"]
    opening, reply = own_traces["opening"], own_traces["reply"]
    assert [(r["thread_id"], r["number"]) for r in revisions] == [
        (opening.thread.public_id, opening.number)
    ] * 2
    kept = next(r for r in revisions if not r["redacted"])
    assert (kept["body"], kept["title"]) == ("My own words.", "")
    assert [(r["thread_id"], r["number"], r["kind"]) for r in data["reactions_given"]] == [
        (reply.thread.public_id, reply.number, "support")
    ]
    assert [(b["thread_id"], b["number"]) for b in data["bookmarks"]] == [
        (own_traces["thread"].public_id, reply.number)
    ]
    assert {(s["thread_id"], s["level"]) for s in data["thread_subscriptions"]} == {
        (own_traces["thread"].public_id, "watch"),
        (own_traces["other_thread"].public_id, "mute"),
    }
    assert [(r["thread_id"], r["last_read_number"]) for r in data["read_states"]] == [
        (own_traces["thread"].public_id, reply.number)
    ]
    assert data["reader_preferences"] == {
        "expand_content_warnings": True,
        "muted_words": "insomnia",
    }
    [appeal] = data["appeals"]
    anonymous = own_traces["anonymous"]
    assert (appeal["thread_id"], appeal["number"], appeal["note"], appeal["status"]) == (
        anonymous.thread.public_id,
        anonymous.number,
        "It was on topic.",
        "pending",
    )
    removed = next(
        p
        for p in data["posts"]
        if (p["thread_id"], p["number"]) == (anonymous.thread.public_id, anonymous.number)
    )
    assert removed["removal_reason"] == "Please keep to the topic."
    assert "We are here if you need us." in [n["message"] for n in data["notifications"]]
    [invite] = data["invites_created"]
    assert (invite["label"], invite["use_count"]) == ("March intake", 0)
    assert data["moderation_training"]
    assert all(t["passed"] for t in data["moderation_training"])
    assert data["moderator_presence"]["on_duty"] is False
    assert data["email_addresses"] == [{"email": member.email, "verified": True, "primary": True}]
    assert [m["type"] for m in data["two_factor_methods"]] == ["totp"]
    [attempt] = data["attempted_posts"]
    assert (attempt["body"], attempt["refused_because"], attempt["thread_id"]) == (
        "I can't go on, I want to die.",
        "rate_limited",
        own_traces["thread"].public_id,
    )
    # The item and who worked it are the moderators' own record, not the member's.
    assert "item" not in attempt


def test_it_leaves_out_what_others_did_to_the_same_posts(member, other_member, own_traces):
    bystander = own_traces["bystander"]

    data = _export_of(member)

    text = json.dumps(data, ensure_ascii=False)
    assert [r["kind"] for r in data["reactions_given"]] == ["support"]
    assert len(data["bookmarks"]) == 1
    assert len(data["read_states"]) == 1
    assert "helped" not in text
    assert "thanks" not in text
    assert "bystander-word" not in text
    assert "A message for somebody else." not in text
    for someone in (other_member, bystander):
        assert someone.username not in text
        assert someone.email not in text
        for persona in someone.personas.all():
            assert persona.name not in text
    # Secrets stay out even though they are the member's own: an export file travels.
    assert own_traces["invite"].token not in text
    assert own_traces["secret"] not in text


def test_a_redacted_revision_says_when_and_never_what(member, own_traces):
    data = _export_of(member)

    [redacted] = [r for r in data["post_revisions"] if r["redacted"]]
    assert redacted["redacted_at"]
    assert "body" not in redacted and "title" not in redacted
    text = json.dumps(data, ensure_ascii=False)
    assert "Elm Road" not in text
    assert "Evenings alone" not in text


def test_the_export_costs_the_same_queries_however_much_there_is(
    member, other_member, open_group, own_traces, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        privacy_jobs._collect(member, timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        thread = post_services.thread_create(
            author=other_member, group=open_group, title="More", body="More words."
        )
        for n in range(3):
            post = post_services.post_create(
                author=other_member, thread=thread, body=f"Reply {n} for the member."
            )
            post_services.reaction_set(user=member, post=post, kind="me_too", active=True)
            post_services.bookmark_set(user=member, post=post, active=True)
            mine = post_services.post_create(author=member, thread=thread, body=f"Mine {n}.")
            post_services.post_edit(editor=member, post=mine, body=f"Mine {n}, edited.")

    with CaptureQueriesContext(connection) as second:
        data = privacy_jobs._collect(member, timezone.now())

    assert len(data["reactions_given"]) == 4
    assert len(second.captured_queries) == len(first.captured_queries)
