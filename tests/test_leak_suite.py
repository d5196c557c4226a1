"""The leak suite: anonymity holds on every URL Sanad serves.

Member A holds persona P1 in group G1 and persona P2 in group G2, and in G1 posts only
anonymously: a thread, a reply in it, and a reply in someone else's thread. For every
page, fragment, JSON answer, error page and header that member B (in G1 only), a
moderator of G1, a staff member without the reveal permission and a visitor can reach,
A's username, email and account id never appear, nor P2, and P1 never appears either:
in G1 A only ever spoke anonymously. The live WebSocket message and the notifications B
receives are checked the same way.

What a page must not show is checked here; what it must not *tell* by differing is
checked in tests/test_oracles.py, which renders every list, count, mark, moderator and
staff screen for two situations that differ only in who wrote the anonymous posts.

The last test fails when a URL pattern exists that this suite does not visit, so every
new view joins the suite (or says here why it cannot leak).
"""

import re

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import DataExport
from accounts.services import persona_create
from groups.models import JoinRequest, Membership
from moderation.services import report_create
from posts import services as post_services
from tests.factories import (
    InviteFactory,
    MembershipFactory,
    SupportGroupFactory,
    UserFactory,
    give_mfa,
)

A_ACCOUNT_ID = 987_654_321


class Scenario:
    def __init__(self):
        self.a = UserFactory(
            id=A_ACCOUNT_ID, username="alice-private-login", email="alice.private@example.org"
        )
        self.p1 = self.a.personas.get()
        self.p1.name, self.p1.name_key = "Lantern Keeper 501", "lanternkeeper5ol"
        self.p1.save()
        self.p2 = persona_create(user=self.a, name="Orchard Walker 502")
        self.g1 = SupportGroupFactory(name="Group One", slug="group-one")
        self.g2 = SupportGroupFactory(name="Group Two", slug="group-two")
        MembershipFactory(user=self.a, group=self.g1, persona=self.p1)
        MembershipFactory(user=self.a, group=self.g2, persona=self.p2)
        self.b = MembershipFactory(group=self.g1).user
        self.moderator = MembershipFactory(group=self.g1, role=Membership.Role.MODERATOR).user
        give_mfa(self.moderator)

        self.b_thread = post_services.thread_create(
            author=self.b, group=self.g1, title="B asks", body="Is anyone awake?"
        )
        self.a_reply_to_b = post_services.post_create(
            author=self.a, thread=self.b_thread, body="I am, quietly.", anonymous=True
        )
        self.a_thread = post_services.thread_create(
            author=self.a, group=self.g1, title="A speaks", body="Hard to say.", anonymous=True
        )
        self.b_reply = post_services.post_create(
            author=self.b, thread=self.a_thread, body="Thank you for saying it."
        )
        self.a_reply = post_services.post_create(
            author=self.a, thread=self.a_thread, body="It helps to be heard.", anonymous=True
        )
        self.g2_thread = post_services.thread_create(
            author=self.a, group=self.g2, title="Elsewhere", body="Named, in G2."
        )
        report_create(reporter=self.a, post=self.b_reply, reason="other")
        report_create(reporter=self.b, post=self.a_reply, reason="harassment")
        self.export = DataExport.objects.create(user=self.a, status=DataExport.Status.READY)
        # Notifications (issue 7): what A and B were told, and A's email preferences
        # (their unsubscribe link is visited by B, the moderator and a visitor).
        from notifications.models import Notification, NotificationPreference

        self.notifications = list(Notification.objects.filter(recipient__in=[self.a, self.b]))
        self.a_preference = NotificationPreference.objects.create(user=self.a)
        # Groups (issue 4): A asks to join a request group G3 as P2, which nobody here
        # moderates; G1's moderator made an invite link for G1.
        self.g3 = SupportGroupFactory(name="Group Three", slug="group-three", access="request")
        self.a_join_request = JoinRequest.objects.create(
            group=self.g3, user=self.a, persona=self.p2
        )
        self.g1_invite = InviteFactory(group=self.g1, created_by=self.moderator)
        # Conversations (issue 5): A edits an anonymous reply (a revision G1's moderator
        # can read), sends B support, bookmarks and mutes words; searches find A's posts.
        post_services.post_edit(
            editor=self.a, post=self.a_reply_to_b, body="I am, quietly. Still awake."
        )
        self.a_revision = self.a_reply_to_b.revisions.get()
        post_services.reaction_set(user=self.a, post=self.b_reply, kind="support", active=True)
        post_services.bookmark_set(user=self.a, post=self.b_reply, active=True)
        post_services.reader_preference_update(
            user=self.a, expand_content_warnings=False, muted_words="Lantern"
        )
        self._moderation()

    def _moderation(self):
        """Moderation (issue 6): the G1 moderator, trained, works items about A: B's report
        on A's anonymous reply, a conduct report on A, A's anonymous crisis post (with a
        check-in) and A's removed anonymous post, which A appeals."""
        from moderation import services as moderation
        from moderation.models import CrisisPhrase, ReviewItem
        from tests.factories import give_training

        # Transactional runs flush the seeded phrase lists: make sure this one is there.
        CrisisPhrase.objects.get_or_create(
            phrase="want to die", kind="crisis", defaults={"language": "en"}
        )
        give_training(self.moderator)
        self.a_item = ReviewItem.objects.get(post=self.a_reply, kind="post")
        self.conduct_item = moderation.report_create(
            reporter=self.b, post=self.a_reply, reason="harassment", about="conduct"
        ).item
        moderation.member_warn(
            moderator=self.moderator, item_id=self.conduct_item.pk, note="Please be gentle."
        )
        crisis = post_services.post_create(
            author=self.a, thread=self.b_thread, body="I want to die tonight.", anonymous=True
        )
        self.crisis_item = ReviewItem.objects.get(post=crisis)
        moderation.member_check_in(
            moderator=self.moderator, item_id=self.crisis_item.pk, message="We are here."
        )
        self.a_removed = post_services.post_create(
            author=self.a, thread=self.b_thread, body="Something unkind.", anonymous=True
        )
        removal = moderation.report_create(reporter=self.b, post=self.a_removed, reason="hate")
        moderation.item_remove(
            moderator=self.moderator, item_id=removal.item_id, reason="hate", note="Be kind."
        )
        self.appeal = moderation.appeal_create(
            author=self.a, post=self.a_removed, note="I was upset; please reconsider."
        )
        # Help before limits (issue 11): words A tried to post anonymously in G1 that a
        # rule refused, with crisis language, kept on an item for G1's moderators.
        from moderation.attempts import post_attempt_record
        from moderation.screening import CrisisAssessment

        self.g1.allow_anonymous_posts = True
        self.g1.save(update_fields=["allow_anonymous_posts"])
        self.attempt_item = post_attempt_record(
            author=self.a,
            group=self.g1,
            thread=self.b_thread,
            where="reply",
            title="",
            body="I want to die, and now I can't even post.",
            content_warning="",
            anonymous=True,
            refusal="rate_limited",
            assessment=CrisisAssessment(tier="urgent", score=1.0, signals=("phrase.crisis",)),
            persona=self.p1,
        )
        # Crisis tiers (issue 11): an anonymous post of A's at possible risk, on a quiet
        # "check on this member" item showing the detector's tier, score and signals.
        self.a_possible = post_services.post_create(
            author=self.a,
            thread=self.b_thread,
            body="Everyone would be better off if I disappeared for a while.",
            anonymous=True,
        )
        with transaction.atomic():  # as screening runs it, inside the post's transaction
            self.check_item = moderation.item_open_automatic(
                post=self.a_possible,
                group=self.g1,
                priority=ReviewItem.Priority.NORMAL,
                source=ReviewItem.Source.CHECK_IN,
                flags=[{"source": "check_in", "detail": "", "signals": ["indirect.burden"]}],
                crisis=True,
                assessment=CrisisAssessment(
                    tier="possible", score=0.6, signals=("indirect.burden",)
                ),
                alert=False,
            )

    @property
    def forbidden(self) -> dict[str, str]:
        return {
            "A's username": self.a.username,
            "A's email": self.a.email,
            "A's persona in G2": self.p2.name,
            "A's persona in G1 (A only posted anonymously there)": self.p1.name,
        }

    @property
    def posts(self):
        return [self.a_reply_to_b, self.a_thread.posts.get(is_opening=True), self.a_reply,
                self.b_reply, self.g2_thread.posts.get()]  # fmt: skip


def _unsubscribe_url(preference, kind: str) -> str:
    from delivery.emails import unsubscribe_token

    return reverse("notifications:unsubscribe", args=[unsubscribe_token(preference, kind)])


def _urls(s: Scenario) -> dict[str, list[str]]:
    """Every URL name with the concrete URLs the suite visits for it."""
    groups = [s.g1, s.g2]
    threads = [s.b_thread, s.a_thread, s.g2_thread]
    post_ids = [post.pk for post in s.posts]
    posts = list(s.posts)
    personas = [s.p1.pk, s.p2.pk]
    return {
        "groups:home": ["/"],
        "groups:directory": [reverse("groups:directory")],
        "groups:detail": [g.get_absolute_url() for g in groups],
        "groups:join": [
            *[reverse("groups:join", args=[g.slug]) for g in [*groups, s.g3]],
            s.g1_invite.get_absolute_url(),
        ],
        "groups:persona": [reverse("groups:persona", args=[g.slug]) for g in groups],
        "groups:withdraw": [reverse("groups:withdraw", args=[s.g3.slug])],
        "groups:leave": [reverse("groups:leave", args=[g.slug]) for g in groups],
        "groups:manage": [reverse("groups:manage", args=[g.slug]) for g in [*groups, s.g3]],
        "groups:members": [reverse("groups:members", args=[g.slug]) for g in [*groups, s.g3]],
        "groups:settings": [reverse("groups:settings", args=[g.slug]) for g in groups],
        "groups:questions": [reverse("groups:questions", args=[g.slug]) for g in groups],
        "groups:invite_create": [reverse("groups:invite_create", args=[g.slug]) for g in groups],
        "groups:invite_revoke": [reverse("groups:invite_revoke", args=[s.g1.slug, s.g1_invite.pk])],
        "groups:decide": [
            reverse("groups:decide", args=[g.slug, s.a_join_request.pk]) for g in (s.g1, s.g3)
        ],
        "posts:thread": [
            *[t.get_absolute_url() for t in threads],
            f"{s.b_thread.get_absolute_url()}?quote={s.a_reply_to_b.number}",
        ],
        "posts:thread_unread": [reverse("posts:thread_unread", args=[t.pk]) for t in threads],
        # Old addresses (issue 16): 404 past the configured ids, which here is all of them.
        "posts:thread_legacy": [reverse("posts:thread_legacy", args=[t.pk]) for t in threads],
        "posts:post_legacy": [reverse("posts:post_legacy", args=[p.pk]) for p in posts],
        "posts:thread_subscription": [
            reverse("posts:thread_subscription", args=[t.pk]) for t in threads
        ],
        "posts:thread_moderate": [reverse("posts:thread_moderate", args=[t.pk]) for t in threads],
        "posts:group_waiting": [reverse("posts:group_waiting", args=[g.slug]) for g in groups],
        "posts:post": [p.url("posts:post") for p in posts],
        "posts:post_revisions": [p.url("posts:post_revisions") for p in posts],
        "posts:post_react": [p.url("posts:post_react") for p in posts],
        "posts:post_bookmark": [p.url("posts:post_bookmark") for p in posts],
        "posts:revision_redact": [reverse("posts:revision_redact", args=[s.a_revision.pk])],
        "posts:preview": [reverse("posts:preview")],
        "posts:bookmarks": [reverse("posts:bookmarks")],
        "posts:waiting": [reverse("posts:waiting")],
        "posts:preferences": [reverse("posts:preferences")],
        "posts:search": [
            f"{reverse('posts:search')}?q={word}" for word in ("quietly", "heard", "Named", "G2")
        ]
        + [f"{reverse('posts:search')}?q=awake&group={g.slug}" for g in groups],
        "posts:thread_create": [reverse("posts:thread_create", args=[g.slug]) for g in groups],
        "posts:post_edit": [p.url("posts:post_edit") for p in posts],
        "posts:post_delete": [p.url("posts:post_delete") for p in posts],
        "moderation:queue": [reverse("moderation:queue")],
        "moderation:audit": [reverse("moderation:audit")],
        "moderation:reveal": [reverse("moderation:reveal", args=[i]) for i in post_ids],
        "moderation:report": [p.url("moderation:report") for p in posts],
        "moderation:help": [reverse("moderation:help")],
        "moderation:help_country": [reverse("moderation:help_country")],
        "moderation:item": [
            reverse("moderation:item", args=[i.pk])
            for i in (
                s.a_item,
                s.conduct_item,
                s.crisis_item,
                s.appeal.item,
                s.attempt_item,
                s.check_item,
            )
        ],
        "moderation:claim": [reverse("moderation:claim", args=[s.a_item.pk])],
        "moderation:release": [reverse("moderation:release", args=[s.a_item.pk])],
        "moderation:act": [reverse("moderation:act", args=[s.a_item.pk, "remove"])],
        "moderation:next": [reverse("moderation:next")],
        "moderation:duty": [reverse("moderation:duty")],
        "moderation:post": [p.url("moderation:post") for p in [*posts, s.a_removed]],
        "moderation:appeal": [p.url("moderation:appeal") for p in [*posts, s.a_removed]],
        "moderation:health": [reverse("moderation:health")],
        "moderation:training": [reverse("moderation:training")],
        "moderation:training_module": [
            reverse("moderation:training_module", args=[slug])
            for slug in ("crisis-response", "de-escalation", "privacy")
        ],
        "notifications:list": [reverse("notifications:list")],
        "notifications:open": [reverse("notifications:open", args=[n.pk]) for n in s.notifications],
        "notifications:mark_read": [
            reverse("notifications:mark_read", args=[n.pk]) for n in s.notifications
        ],
        "notifications:mark_all_read": [reverse("notifications:mark_all_read")],
        "notifications:preferences": [reverse("notifications:preferences")],
        "notifications:unsubscribe": [
            _unsubscribe_url(s.a_preference, kind) for kind in ("reply", "digest")
        ],
        "personas:list": [reverse("personas:list")],
        "personas:rename": [reverse("personas:rename", args=[i]) for i in personas],
        "personas:make_default": [reverse("personas:make_default", args=[i]) for i in personas],
        "personas:retire": [reverse("personas:retire", args=[i]) for i in personas],
        "privacy:index": [reverse("privacy:index")],
        "privacy:export": [reverse("privacy:export")],
        "privacy:export_status": [reverse("privacy:export_status")],
        "privacy:export_download": [reverse("privacy:export_download", args=[s.export.pk])],
        "privacy:delete": [reverse("privacy:delete")],
        "privacy:quick_exit": [reverse("privacy:quick_exit")],
        "privacy:leave": [reverse("privacy:leave")],
        "privacy:browsing_safely": [reverse("privacy:browsing_safely")],
        "recovery:codes": [reverse("recovery:codes")],
        "recovery:new": [reverse("recovery:new")],
        "recovery:download": [reverse("recovery:download")],
        "recovery:saved": [reverse("recovery:saved")],
        "recovery:reset": [reverse("recovery:reset")],
        "account_signup": [reverse("account_signup")],
        "account_login": [reverse("account_login")],
        "account_time_zone": [reverse("account_time_zone")],
        "account_logout": [reverse("account_logout")],
        "account_inactive": [reverse("account_inactive")],
        "account_reauthenticate": [reverse("account_reauthenticate")],
        "account_email": [reverse("account_email")],
        "account_email_verification_sent": [reverse("account_email_verification_sent")],
        "account_change_password": [reverse("account_change_password")],
        "account_set_password": [reverse("account_set_password")],
        "account_reset_password": [reverse("account_reset_password")],
        "account_reset_password_done": [reverse("account_reset_password_done")],
        "account_reset_password_from_key_done": [reverse("account_reset_password_from_key_done")],
        "account_confirm_login_code": [reverse("account_confirm_login_code")],
        "mfa_index": [reverse("mfa_index")],
        "mfa_authenticate": [reverse("mfa_authenticate")],
        "mfa_reauthenticate": [reverse("mfa_reauthenticate")],
        "mfa_activate_totp": [reverse("mfa_activate_totp")],
        "mfa_deactivate_totp": [reverse("mfa_deactivate_totp")],
        "mfa_view_recovery_codes": [reverse("mfa_view_recovery_codes")],
        "mfa_generate_recovery_codes": [reverse("mfa_generate_recovery_codes")],
        "mfa_download_recovery_codes": [reverse("mfa_download_recovery_codes")],
        "mfa_list_webauthn": [reverse("mfa_list_webauthn")],
        "mfa_add_webauthn": [reverse("mfa_add_webauthn")],
        "mfa_reauthenticate_webauthn": [reverse("mfa_reauthenticate_webauthn")],
        "set_language": [reverse("set_language")],
        "healthz": [reverse("healthz")],
        "admin": ["/admin/", "/admin/accounts/user/", "/admin/groups/supportgroup/"],
    }


# URL names the suite does not visit, and why they cannot show A to B, a moderator or a
# visitor.
NOT_VISITED = {
    "account_confirm_email": (
        "needs a key sent to the address owner's own inbox; the page names no persona "
        "(tests/accounts/test_account_emails.py)"
    ),
    "account_reset_password_from_key": "needs a key sent to the address owner's own inbox",
    "mfa_remove_webauthn": "acts on the viewer's own security key only (pk filtered by owner)",
    "mfa_edit_webauthn": "acts on the viewer's own security key only (pk filtered by owner)",
}


# A group's moderators see its members by the persona that group knows them by (the
# design's "moderators see the same personas"): on these pages, and to G1's moderator
# only, P1 may appear. Username, email, id and P2 stay forbidden there too.
GROUP_MODERATOR_SEES_MEMBERS = {"groups:members"}
P1_RULE = "A's persona in G1 (A only posted anonymously there)"
P2_RULE = "A's persona in G2"
# Staff manage every group, and see each one's members (and applicants) by the persona
# that group knows them by: P1 on G1's pages, P2 on G2's and G3's (A asked to join G3 as
# P2), and A's signed G2 post under P2, as every member of G2 does. Never both on one
# page, and never the account that joins them.
STAFF_SEE_GROUP_MEMBERS = {"groups:members", "groups:manage", "groups:decide"}


def _allowed(viewer: str, name: str, url: str, scenario: Scenario) -> tuple[str, ...]:
    if viewer == "moderator of G1" and name in GROUP_MODERATOR_SEES_MEMBERS:
        return (P1_RULE,)
    if viewer == STAFF and name in STAFF_SEE_GROUP_MEMBERS:
        return (P1_RULE,) if "/group-one/" in url else (P2_RULE,)
    g2_post = scenario.g2_thread.posts.get()
    # Staff screens of the G2 post: the reveal page (by id) and the moderation page.
    if viewer == STAFF and (f"/{g2_post.pk}/" in url or g2_post.thread.public_id in url):
        return (P2_RULE,)
    return ()


def _assert_nothing_leaks(response, scenario: Scenario, where: str, allowed=()) -> None:
    parts = [response.content.decode(errors="replace")]
    parts += [f"{name}: {value}" for name, value in response.headers.items()]
    text = "\n".join(parts)
    for what, value in scenario.forbidden.items():
        if what in allowed:
            continue
        assert value not in text, f"{where} shows {what}"
    assert not re.search(rf"\b{A_ACCOUNT_ID}\b", text), f"{where} shows A's account id"


def _warm_the_cache(s: Scenario) -> None:
    """Every page that shares cached blocks between readers (posts.post_cache), read
    first by A (whose own posts carry "only you see this" marks and tools) and by G1's
    moderator, in both languages: the assertions then run with the cache warm, so a
    block stored for one reader and served to another would be caught."""
    threads = [s.b_thread, s.a_thread, s.g2_thread]
    pages = ["/", *[g.get_absolute_url() for g in (s.g1, s.g2)]]
    pages += [t.get_absolute_url() for t in threads]
    for user in (s.a, s.moderator):
        client = Client()
        client.force_login(user)
        for language in ("en", "ar"):
            client.cookies["django_language"] = language
            for url in pages:
                assert client.get(url).status_code < 500


@pytest.fixture
def scenario(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        built = Scenario()
    _warm_the_cache(built)
    return built


STAFF = "staff without the reveal permission"


def _viewers(scenario: Scenario) -> dict[str, Client]:
    viewers = {"visitor": Client(HTTP_ACCEPT_LANGUAGE="en")}
    staff = UserFactory(is_staff=True)
    give_mfa(staff)
    for name, user in [
        ("member B", scenario.b),
        ("moderator of G1", scenario.moderator),
        (STAFF, staff),
    ]:
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(user)
        viewers[name] = client
    return viewers


@pytest.mark.parametrize("language", ["en", "ar"])
def test_no_url_shows_who_is_behind_a_persona_or_an_anonymous_post(scenario, language):
    for viewer, client in _viewers(scenario).items():
        client.cookies["django_language"] = language
        for name, urls in _urls(scenario).items():
            for url in urls:
                response = client.get(url)
                assert response.status_code < 500, f"{url} as {viewer}: {response.status_code}"
                allowed = _allowed(viewer, name, url, scenario)
                _assert_nothing_leaks(response, scenario, f"GET {url} as {viewer}", allowed)


def test_b_sees_the_anonymous_reply_under_its_label_only(scenario):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(scenario.b)

    page = client.get(scenario.a_thread.get_absolute_url()).content.decode()

    assert "Anonymous member (original poster)" in page
    notifications = client.get(reverse("notifications:list")).content.decode()
    assert "Anonymous member" in notifications


def test_the_moderator_sees_the_anonymous_post_in_the_queue_without_a_name(scenario):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(scenario.moderator)

    page = client.get(reverse("moderation:queue")).content.decode()

    assert "It helps to be heard." in page
    assert "Anonymous member" in page


def test_the_moderator_sees_a_refused_post_anonymously(scenario):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(scenario.moderator)

    for url in (reverse("moderation:queue"), scenario.attempt_item.get_absolute_url()):
        page = client.get(url).content.decode()
        assert "I want to die, and now I can&#x27;t even post." in page
        assert "an anonymous member" in page
        _assert_nothing_leaks(client.get(url), scenario, url)


def test_help_before_limits_answers_alike_for_a_thread_b_cannot_see(scenario):
    """B posts crisis words to a G2 thread (B is no member there) and to one that does
    not exist: the same 404 with help, and nothing of A or of the thread."""
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(scenario.b)
    body = {"body": "I want to die tonight."}

    there = client.post(scenario.g2_thread.get_absolute_url(), body)
    nowhere = client.post(reverse("posts:thread", args=[scenario.g2_thread.pk + 999]), body)

    def main(response):
        page = response.content.decode()
        page = page[page.index("<main") : page.index("</main>")]
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)

    assert there.status_code == nowhere.status_code == 404
    assert 'id="crisis-panel"' in main(there)
    assert main(there) == main(nowhere)
    assert "Elsewhere" not in there.content.decode()
    _assert_nothing_leaks(there, scenario, "a refused post to G2")


def test_posting_forms_echo_nothing_of_a_when_refused(scenario):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(scenario.b)
    response = client.post(scenario.a_thread.get_absolute_url(), {"body": ""})

    assert response.status_code == 400
    _assert_nothing_leaks(response, scenario, "a refused reply")


@pytest.mark.django_db(transaction=True)
async def test_the_live_message_for_an_anonymous_reply_carries_only_the_label():
    from config.asgi import application

    scenario = await database_sync_to_async(Scenario)()

    @database_sync_to_async
    def cookie_of(user):
        client = Client()
        client.force_login(user)
        return f"sessionid={client.cookies['sessionid'].value}".encode()

    communicator = WebsocketCommunicator(
        application,
        f"/ws/threads/{scenario.a_thread.public_id}/?lang=en",
        headers=[(b"origin", b"http://testserver"), (b"cookie", await cookie_of(scenario.b))],
    )
    connected, _code = await communicator.connect()
    assert connected
    await database_sync_to_async(post_services.post_create)(
        author=scenario.a, thread=scenario.a_thread, body="One more thing.", anonymous=True
    )

    message = await communicator.receive_from(timeout=5)
    await communicator.disconnect()

    assert "Anonymous member" in message
    for what, value in scenario.forbidden.items():
        assert value not in message, f"the live message shows {what}"
    assert str(A_ACCOUNT_ID) not in message


def _all_url_names() -> set[str]:
    names = set()

    def walk(patterns, namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern):
                if namespace == "admin" or (namespace or "").startswith("admin:"):
                    names.add("admin")
                elif pattern.name is None:
                    names.add(f"<unnamed {pattern.pattern}>")
                else:
                    names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns)
    return names


def test_every_url_pattern_is_visited_by_the_leak_suite(scenario):
    covered = set(_urls(scenario)) | set(NOT_VISITED)

    missing = _all_url_names() - covered

    assert not missing, (
        "These URL patterns are not in the leak suite; add them to _urls() in "
        f"tests/test_leak_suite.py: {sorted(missing)}"
    )


@pytest.mark.parametrize("style", ["neutral", "detailed"])
@pytest.mark.parametrize("language", ["en", "ar"])
def test_no_email_shows_who_is_behind_an_anonymous_post(scenario, style, language, settings):
    """Every kind of email, and the digest, sent to B and to G1's moderator about A's
    anonymous posts: A's username, email, id and personas appear in none of them."""
    from django.core import mail
    from django.utils import timezone

    from delivery import services as notification_services
    from notifications import records as notification_records
    from notifications.models import Notification
    from tests.factories import give_verified_email, want_emails

    settings.SANAD_DIGEST_LOCAL_HOUR = 0
    settings.SANAD_DIGEST_WEEKDAY = timezone.now().weekday()
    recipients = [scenario.b, scenario.moderator]
    Notification.objects.filter(recipient__in=recipients).delete()
    ids = []
    for user in recipients:
        give_verified_email(user)
        want_emails(
            user, *Notification.Kind.values, email_style=style, language=language, digest="daily"
        )
        for kind in Notification.Kind.values:
            notification = notification_records.notification_create(
                recipient_id=user.pk,
                kind=kind,
                thread_id=scenario.a_thread.pk,
                post_id=scenario.a_reply.pk,
                group_id=scenario.g1.pk,
                count=2,
                message="A moderator wrote this.",
            )
            ids.append(notification.pk)
    mail.outbox = []

    notification_services.deliveries_send(notification_ids=ids)
    for user in recipients:
        notification_services.digest_send(user_id=user.pk)

    assert len(mail.outbox) == 2 * len(Notification.Kind.values) + 2
    for message in mail.outbox:
        parts = [message.subject, message.body, message.from_email, *message.to]
        parts += [content for content, _type in message.alternatives]
        parts += [f"{name}: {value}" for name, value in message.extra_headers.items()]
        text = "\n".join(parts)
        where = f"the {style} email '{message.subject}' in {language}"
        for what, value in scenario.forbidden.items():
            assert value not in text, f"{where} shows {what}"
        assert not re.search(rf"\b{A_ACCOUNT_ID}\b", text), f"{where} shows A's account id"
    if style == "neutral":
        for message in mail.outbox:
            assert scenario.g1.name not in message.subject + message.body
            assert scenario.a_thread.title not in message.subject + message.body


@pytest.mark.parametrize("language", ["en", "ar"])
def test_no_account_email_shows_who_the_member_is(
    scenario, language, rf, django_capture_on_commit_callbacks
):
    """Every email about a login (every one allauth can send, and Sanad's own about
    recovery codes), to A's own address: allauth hands the adapter the account, the
    username, addresses, the client's address and browser; none of it, nor a persona
    or a group, reaches the email. A's own address appears only as its recipient."""
    from allauth.core import context as allauth_context
    from django.core import mail

    from accounts.adapter import AccountAdapter
    from accounts.emails import EMAILS
    from notifications.models import NotificationPreference

    NotificationPreference.objects.filter(user=scenario.a).update(language=language)
    request = rf.get("/", HTTP_HOST="attacker.example", REMOTE_ADDR="192.0.2.44")
    request.user = scenario.a
    everything_allauth_might_pass = {
        "user": scenario.a,
        "username": scenario.a.username,
        "email": scenario.b.email,
        "from_email": scenario.b.email,
        "to_email": scenario.b.email,
        "deleted_email": scenario.b.email,
        "ip": "192.0.2.44",
        "user_agent": "Mozilla/5.0 (A's phone)",
        "activate_url": "http://attacker.example/accounts/confirm-email/abc/",
        "password_reset_url": "http://attacker.example/accounts/password/reset/key/1-x/",
        "code": "ABC123",
    }
    mail.outbox = []
    with (
        django_capture_on_commit_callbacks(execute=True),
        allauth_context.request_context(request),
    ):
        for prefix in EMAILS:
            AccountAdapter(request).send_mail(
                prefix, scenario.a.email, dict(everything_allauth_might_pass)
            )

    assert len(mail.outbox) == len(EMAILS)
    forbidden = {
        **scenario.forbidden,
        "B's email": scenario.b.email,
        "B's username": scenario.b.username,
        "a group's name": scenario.g1.name,
        "another group's name": scenario.g2.name,
        "the client's address": "192.0.2.44",
        "the client's browser": "A's phone",
        "the request's host": "attacker.example",
    }
    for message in mail.outbox:
        assert message.to == [scenario.a.email]
        parts = [message.subject, message.body, message.from_email]
        parts += [content for content, _type in message.alternatives]
        parts += [f"{name}: {value}" for name, value in message.extra_headers.items()]
        text = "\n".join(parts)
        where = f"the account email '{message.subject}' in {language}"
        for what, value in forbidden.items():
            assert value not in text, f"{where} shows {what}"
        assert not re.search(rf"\b{A_ACCOUNT_ID}\b", text), f"{where} shows A's account id"
        assert message.subject.startswith("Sanad"), where


def test_a_recovery_attempt_at_a_members_username_echoes_nothing_of_them(scenario):
    from accounts import recovery

    recovery.recovery_codes_create(user=scenario.a, at_signup=True)
    pages = []
    for username in (scenario.a.username, "nobody-by-this-name"):
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(scenario.b)
        response = client.post(
            reverse("recovery:reset"),
            {
                "username": username,
                "code": "12345-67890-12345-67890",
                "password1": "a long and private passphrase",
                "password2": "a long and private passphrase",
            },
        )
        assert response.status_code == 400
        page = response.content.decode().replace(username, "<typed>")
        pages.append(re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page))
        allowed = ("A's username",) if username == scenario.a.username else ()
        _assert_nothing_leaks(response, scenario, "a refused recovery attempt", allowed)

    assert pages[0] == pages[1]
