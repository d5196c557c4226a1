import pytest
from django.urls import reverse

from groups.models import Membership
from moderation.models import Report, ReviewItem
from tests.factories import MembershipFactory, PostFactory, ThreadFactory, give_mfa

pytestmark = pytest.mark.django_db


@pytest.fixture
def reply(open_group):
    thread = ThreadFactory(group=open_group)
    author = MembershipFactory(group=open_group).user
    return PostFactory(thread=thread, author=author, body="Just get over it.")


@pytest.fixture
def moderator(open_group):
    user = MembershipFactory(group=open_group, role=Membership.Role.MODERATOR).user
    give_mfa(user)
    return user


def _report(client, post, reason="harassment", note=""):
    return client.post(post.url("moderation:report"), {"reason": reason, "note": note})


def test_a_member_reports_a_reply(client, member, open_group, join, reply):
    join(member, open_group)
    client.force_login(member)

    response = _report(client, reply, note="This was unkind.")

    assert response.status_code == 302
    item = ReviewItem.objects.get(post=reply)
    assert item.priority == ReviewItem.Priority.HIGH
    assert item.reports.get().note == "This was unkind."


def test_reports_on_the_same_post_merge_into_one_item(client, open_group, reply):
    for reason in ("spam", "crisis"):
        reporter = MembershipFactory(group=open_group).user
        client.force_login(reporter)
        _report(client, reply, reason=reason)

    item = ReviewItem.objects.get(post=reply)
    assert item.reports.count() == 2
    assert item.priority == ReviewItem.Priority.CRISIS


def test_reporting_again_updates_the_report_instead_of_adding_one(
    client, member, open_group, join, reply
):
    join(member, open_group)
    client.force_login(member)
    _report(client, reply, reason="spam")
    _report(client, reply, reason="hate")

    assert Report.objects.get().reason == "hate"


def test_a_report_needs_a_reason_and_keeps_the_note(client, member, open_group, join, reply):
    join(member, open_group)
    client.force_login(member)

    response = _report(client, reply, reason="", note="Please look at this")

    assert response.status_code == 400
    assert "Please look at this" in response.content.decode()
    assert not ReviewItem.objects.exists()


def test_an_oversized_note_is_refused(client, member, open_group, join, reply):
    join(member, open_group)
    client.force_login(member)

    response = _report(client, reply, note="x" * 1001)

    assert response.status_code == 400
    assert not ReviewItem.objects.exists()


def test_a_post_you_cannot_see_cannot_be_reported(client, member, reply):
    client.force_login(member)

    assert _report(client, reply).status_code == 404
    assert client.get(reply.url("moderation:report")).status_code == 404
    assert not ReviewItem.objects.exists()


def test_the_groups_moderator_sees_the_report_in_the_queue(client, open_group, reply, moderator):
    reporter = MembershipFactory(group=open_group).user
    client.force_login(reporter)
    _report(client, reply, reason="harassment")
    client.force_login(moderator)

    response = client.get(reverse("moderation:queue"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Just get over it." in page
    assert "Harassment or bullying" in page
    assert reply.persona.name in page
    # Moderators learn what was reported and why, never by whom.
    assert reporter.username not in page
    assert reporter.personas.get().name not in page
    assert reply.author.username not in page


def test_the_queue_puts_crisis_first(client, open_group, moderator):
    reporter = MembershipFactory(group=open_group).user
    first = PostFactory(thread=ThreadFactory(group=open_group), body="older spam")
    second = PostFactory(thread=ThreadFactory(group=open_group), body="newer crisis")
    client.force_login(reporter)
    _report(client, first, reason="spam")
    _report(client, second, reason="crisis")
    client.force_login(moderator)

    page = client.get(reverse("moderation:queue")).content.decode()

    assert page.index("newer crisis") < page.index("older spam")


def test_a_moderator_sees_only_their_own_groups_items(client, reply, moderator):
    elsewhere = PostFactory(body="a post in another group")
    reporter = MembershipFactory(group=elsewhere.thread.group).user
    client.force_login(reporter)
    _report(client, elsewhere)
    client.force_login(moderator)

    page = client.get(reverse("moderation:queue")).content.decode()

    assert "a post in another group" not in page


def test_members_who_do_not_moderate_get_404_at_the_queue(client, member, open_group, join):
    join(member, open_group)
    client.force_login(member)

    assert client.get(reverse("moderation:queue")).status_code == 404


def test_the_queue_runs_a_fixed_number_of_queries(
    client, open_group, moderator, django_assert_max_num_queries
):
    reporter = MembershipFactory(group=open_group).user
    client.force_login(reporter)
    for _ in range(10):
        _report(client, PostFactory(thread=ThreadFactory(group=open_group)))
    client.force_login(moderator)

    with django_assert_max_num_queries(15):
        client.get(reverse("moderation:queue"))


def test_the_help_page_lists_crisis_resources_in_each_language(client):
    english = client.get(reverse("moderation:help")).content.decode()
    client.cookies["django_language"] = "ar"
    arabic = client.get(reverse("moderation:help")).content.decode()

    assert "Find A Helpline" in english
    assert "Emergency number 112" in english
    assert "رقم الطوارئ 112" in arabic
    # Each reader gets the entries written for their language, for every country.
    assert "Emergency number 112" not in arabic
    assert "رقم الطوارئ 112" not in english


# --- Conduct, limits and the out-of-hours rule (issue 6) ------------------------------------


def test_a_member_reports_a_personas_conduct(client, member, open_group, join, reply):
    join(member, open_group)
    client.force_login(member)

    client.post(
        reply.url("moderation:report"),
        {"about": "conduct", "reason": "harassment", "note": "Keeps following me around."},
    )

    item = ReviewItem.objects.get()
    assert item.kind == ReviewItem.Kind.CONDUCT
    assert item.subject == reply.author


def test_conduct_reports_on_one_member_merge(open_group, reply):
    from moderation.services import report_create

    second_post = PostFactory(thread=reply.thread, author=reply.author)
    for post in (reply, second_post):
        report_create(
            reporter=MembershipFactory(group=open_group).user,
            post=post,
            reason="harassment",
            about="conduct",
        )

    item = ReviewItem.objects.get(kind=ReviewItem.Kind.CONDUCT)
    assert item.reports.count() == 2


def test_reporting_is_rate_limited_per_account(client, member, open_group, join, settings):
    settings.SANAD_RATE_LIMITS = {**settings.SANAD_RATE_LIMITS, "report": "2/3600"}
    join(member, open_group)
    client.force_login(member)
    posts = [PostFactory(thread=ThreadFactory(group=open_group)) for _ in range(3)]

    responses = [_report(client, post) for post in posts]

    assert [r.status_code for r in responses] == [302, 302, 429]
    assert responses[-1]["Retry-After"] == "3600"
    assert "a little too often" in responses[-1].content.decode()
    assert ReviewItem.objects.count() == 2


def test_the_same_member_reporting_again_is_merged_and_counted(
    client, member, open_group, join, reply, settings
):
    settings.SANAD_RATE_LIMITS = {**settings.SANAD_RATE_LIMITS, "report": "2/3600"}
    join(member, open_group)
    client.force_login(member)

    statuses = [_report(client, reply).status_code for _ in range(3)]

    assert statuses == [302, 302, 429]
    assert Report.objects.count() == 1


def test_you_cannot_report_your_own_post(client, open_group, reply):
    client.force_login(reply.author)

    response = _report(client, reply)

    assert response.status_code == 400
    assert "You cannot report your own post." in response.content.decode()


def test_a_crisis_report_alerts_the_moderators_on_duty(
    client, open_group, reply, django_capture_on_commit_callbacks
):
    from notifications.models import Notification
    from tests.factories import trained_moderator

    moderator = trained_moderator(open_group)
    client.force_login(MembershipFactory(group=open_group).user)

    with django_capture_on_commit_callbacks(execute=True):
        _report(client, reply, reason="crisis")

    assert Notification.objects.filter(recipient=moderator, kind="queue_new_item").exists()


def test_out_of_hours_a_post_reported_by_enough_members_is_hidden(open_group, reply, settings):
    from audit.models import AuditEntry
    from moderation.services import report_create
    from notifications.models import Notification
    from posts.models import Post

    settings.SANAD_OUT_OF_HOURS_HIDE_AFTER_REPORTS = 3
    for _ in range(3):
        report_create(
            reporter=MembershipFactory(group=open_group).user, post=reply, reason="harassment"
        )

    reply.refresh_from_db()
    assert reply.state == Post.State.HELD
    entry = AuditEntry.objects.get(action="post.hidden")
    assert entry.actor is None
    assert entry.details["automatic"] is True
    assert Notification.objects.filter(recipient=reply.author, kind="post_held").exists()
    assert ReviewItem.objects.get(post=reply).is_open


def test_with_a_moderator_at_work_reported_posts_stay_up(open_group, reply, settings):
    from moderation.services import moderator_seen, report_create
    from posts.models import Post
    from tests.factories import trained_moderator

    settings.SANAD_OUT_OF_HOURS_HIDE_AFTER_REPORTS = 2
    moderator_seen(user=trained_moderator(open_group))
    for _ in range(3):
        report_create(
            reporter=MembershipFactory(group=open_group).user, post=reply, reason="harassment"
        )

    reply.refresh_from_db()
    assert reply.state == Post.State.VISIBLE


def test_a_report_page_offers_conduct_and_the_reasons(client, member, open_group, join, reply):
    join(member, open_group)
    client.force_login(member)

    page = client.get(reply.url("moderation:report")).content.decode()

    assert 'value="conduct"' in page
    assert 'value="personal_info"' in page
