"""Crisis outcomes in tiers (issue 11, build item 2), in Arabic and in English.

Screening follows one decider, moderation.screening.assess_crisis:
- urgent: published, crisis lane, the crisis-trained moderators on duty alerted, crisis
  resources to the author;
- possible risk: published, a normal-priority "check on this member" item, gentler
  resources to the author, nobody alerted;
- someone else at risk: published, no item, the author is shown how to help someone
  and where to point them;
- hold: held at crisis urgency, resources and a kind explanation to the author;
- none: nothing (ordinary medication questions included).
Moderators see the tier, the score and the signals that fired, by translated names.

Urgent and hold use words the phrase lists in admin catch (and any real detector must
catch too). The phrase lists cannot tell "possible" or "someone else" apart, so those
tiers come from a stand-in detector (`detector`) that answers for given words, as the
detector of issue 11 does through the same function.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from moderation import screening, services
from moderation.models import CrisisPhrase, ModeratorPresence, ReviewItem
from moderation.screening import CrisisAssessment
from notifications.models import Notification
from posts import services as posts
from posts.models import Post
from tests.factories import MembershipFactory, SupportGroupFactory, ThreadFactory, trained_moderator

pytestmark = pytest.mark.django_db

WORDS = {
    "en": {
        "urgent": "I can't keep going. I want to die tonight.",
        "hold": "What is the lethal dose of my sleeping tablets?",
        "possible": "Everyone would honestly be better off if I just disappeared for a while.",
        "other_person": "My brother keeps saying he wants to end it, what do I do?",
        "medication": "Does anyone take sertraline in the morning? Mine makes me sleepy.",
        "ordinary": "Thank you all, today was a little easier.",
    },
    "ar": {
        "urgent": "أنا تعبت ومش قادر أكمل، نفسي أموت وأرتاح",  # Egyptian
        "hold": "أبغى أعرف كم جرعة قاتلة من حبوب النوم",  # Gulf
        "possible": "حاسس إني عبء على الكل وما حد رح يفتقدني",  # Levantine
        "other_person": "صاحبي عم يحكي إنه بدو ينهي حياته، شو لازم أعمل؟",
        "medication": "هل يأخذ أحدكم السيرترالين صباحًا؟ يسبب لي النعاس.",
        "ordinary": "شكرًا لكم جميعًا، كان اليوم أسهل قليلًا.",
    },
}
PANEL = 'id="crisis-panel"'
PANEL_TEXT = {
    "en": {
        "urgent": "You are not alone",
        "possible": "Thank you for sharing how you feel.",
        "other_person": "Helping someone who may be at risk",
        "how_to_help": "Ask them directly whether they are thinking about suicide.",
        "held": "Your post is waiting for a moderator",
    },
    "ar": {
        "urgent": "لست وحدك",
        "possible": "شكرًا لأنك شاركت ما تشعر به.",
        "other_person": "مساعدة شخص قد يكون في خطر",
        "how_to_help": "اسأله مباشرة إن كان يفكر في الانتحار.",
        "held": "منشورك بانتظار مشرف",
    },
}

both_languages = pytest.mark.parametrize("language", ["en", "ar"])


@pytest.fixture(autouse=True)
def phrases(db):
    # The phrases these words meet in the lists in admin (seeded by migration; made
    # sure of here, so the tests do not lean on what other tests left behind).
    for phrase, kind, language in (
        ("want to die", "crisis", "en"),
        ("نفسي أموت", "crisis", "ar"),
        ("lethal dose", "harmful", "en"),
        ("جرعة قاتلة", "harmful", "ar"),
    ):
        CrisisPhrase.objects.get_or_create(
            phrase=phrase, kind=kind, defaults={"language": language}
        )


@pytest.fixture
def detector(monkeypatch):
    """A stand-in for the detector: words given a verdict here get it; other words go
    to the real one. Records the language each text was assessed in."""
    verdicts: dict[str, CrisisAssessment] = {}
    seen: list[tuple[str, str]] = []
    real = screening.assess_crisis

    def assess(*, text, language=""):
        seen.append((text, language))
        for words, verdict in verdicts.items():
            if words in text:
                return verdict
        return real(text=text, language=language)

    monkeypatch.setattr(screening, "assess_crisis", assess)
    assess.verdicts, assess.seen = verdicts, seen
    return assess


def _possible(detector, language):
    detector.verdicts[WORDS[language]["possible"]] = CrisisAssessment(
        tier="possible", score=0.58, signals=("indirect.burden", "indirect.passive_wish")
    )


def _other_person(detector, language):
    detector.verdicts[WORDS[language]["other_person"]] = CrisisAssessment(
        tier="other_person", score=0.71, signals=("direct.want_to_die", "context.other_person")
    )


@pytest.fixture
def place():
    """A group in each language, with a trained moderator on duty, an author and a
    thread to reply in."""

    def _place(language):
        group = SupportGroupFactory(language=language)
        moderator = trained_moderator(group)
        author = MembershipFactory(group=group).user
        thread = ThreadFactory(group=group, author=MembershipFactory(group=group).user)
        return group, moderator, author, thread

    return _place


def _reply_as(client, author, thread, body, language, **data):
    client.force_login(author)
    client.cookies["django_language"] = language
    return client.post(thread.get_absolute_url(), {"body": body, **data}, follow=True)


def _alerts():
    return Notification.objects.filter(kind=Notification.Kind.QUEUE_NEW_ITEM)


# --- Urgent ------------------------------------------------------------------------------


@both_languages
def test_urgent_is_published_on_the_crisis_lane_and_alerts_the_crisis_trained(
    language, place, client, django_capture_on_commit_callbacks
):
    group, moderator, author, thread = place(language)
    untrained = trained_moderator(group, crisis=False)
    off_duty = trained_moderator(group)
    ModeratorPresence.objects.create(user=off_duty, on_duty=False)

    with django_capture_on_commit_callbacks(execute=True):
        page = _reply_as(client, author, thread, WORDS[language]["urgent"], language)

    post = Post.objects.get(body=WORDS[language]["urgent"])
    item = ReviewItem.objects.get(post=post)
    assert post.state == Post.State.VISIBLE
    assert item.priority == ReviewItem.Priority.CRISIS
    assert item.source == ReviewItem.Source.CRISIS
    assert item.crisis_tier == "urgent"
    assert item.crisis_signals and 0 < item.crisis_score <= 1
    assert list(_alerts().values_list("recipient_id", flat=True)) == [moderator.pk]
    assert not _alerts().filter(recipient__in=[untrained, off_duty, author]).exists()
    html = page.content.decode()
    assert PANEL in html and 'data-tier="urgent"' in html
    assert PANEL_TEXT[language]["urgent"] in html


# --- Possible risk -----------------------------------------------------------------------


@both_languages
def test_possible_risk_opens_a_quiet_check_on_this_member_item(
    language, place, client, detector, django_capture_on_commit_callbacks
):
    _group, moderator, author, thread = place(language)
    _possible(detector, language)

    with django_capture_on_commit_callbacks(execute=True):
        page = _reply_as(client, author, thread, WORDS[language]["possible"], language)

    post = Post.objects.get(body=WORDS[language]["possible"])
    item = ReviewItem.objects.get(post=post)
    assert post.state == Post.State.VISIBLE
    assert item.priority == ReviewItem.Priority.NORMAL
    assert item.source == ReviewItem.Source.CHECK_IN
    assert (item.crisis_tier, item.crisis_score) == ("possible", 0.58)
    assert item.crisis_signals == ["indirect.burden", "indirect.passive_wish"]
    # Nobody is alerted, now or by the sweeper later.
    assert not _alerts().exists()
    ReviewItem.objects.filter(pk=item.pk).update(created_at=timezone.now() - timedelta(minutes=5))
    services.queue_sweep()
    assert not _alerts().exists()
    # The author sees resources, in gentler words.
    html = page.content.decode()
    assert PANEL in html and 'data-tier="possible"' in html
    assert PANEL_TEXT[language]["possible"] in html
    assert "crisis-panel-resources" in html and reverse("moderation:help") in html
    # The moderator finds it in the normal lane.
    client.force_login(moderator)
    queue = client.get(reverse("moderation:queue")).content.decode()
    assert f'id="queue-item-{item.pk}"' in queue[queue.index("lane-normal") :]


def test_possible_risk_raised_to_urgent_by_an_edit_alerts_then(
    place, detector, django_capture_on_commit_callbacks
):
    _group, moderator, author, thread = place("en")
    _possible(detector, "en")
    with django_capture_on_commit_callbacks(execute=True):
        post = posts.post_create(author=author, thread=thread, body=WORDS["en"]["possible"])
    assert not _alerts().exists()

    with django_capture_on_commit_callbacks(execute=True):
        posts.post_edit(editor=author, post=post, body=WORDS["en"]["urgent"])

    item = ReviewItem.objects.get(post=post)
    assert item.priority == ReviewItem.Priority.CRISIS
    assert item.crisis_tier == "urgent"
    assert list(_alerts().values_list("recipient_id", flat=True)) == [moderator.pk]


# --- Someone else at risk ----------------------------------------------------------------


@both_languages
def test_someone_else_at_risk_shows_the_author_how_to_help_and_opens_no_item(
    language, place, client, detector, django_capture_on_commit_callbacks
):
    _group, _moderator, author, thread = place(language)
    _other_person(detector, language)

    with django_capture_on_commit_callbacks(execute=True):
        page = _reply_as(client, author, thread, WORDS[language]["other_person"], language)

    post = Post.objects.get(body=WORDS[language]["other_person"])
    assert post.state == Post.State.VISIBLE
    assert not ReviewItem.objects.exists()
    assert not _alerts().exists()
    html = page.content.decode()
    assert PANEL in html and 'data-tier="other_person"' in html
    assert PANEL_TEXT[language]["other_person"] in html
    assert PANEL_TEXT[language]["how_to_help"] in html
    assert reverse("moderation:help") in html  # where to point them
    assert PANEL_TEXT[language]["urgent"] not in html


# --- Hold --------------------------------------------------------------------------------


@both_languages
def test_methods_are_held_at_crisis_urgency_with_resources_and_a_kind_word(
    language, place, client, django_capture_on_commit_callbacks
):
    _group, moderator, author, thread = place(language)

    with django_capture_on_commit_callbacks(execute=True):
        page = _reply_as(client, author, thread, WORDS[language]["hold"], language)

    post = Post.objects.get(body=WORDS[language]["hold"])
    item = ReviewItem.objects.get(post=post)
    assert post.state == Post.State.HELD
    assert item.priority == ReviewItem.Priority.CRISIS
    assert item.source == ReviewItem.Source.HARMFUL
    assert item.crisis_tier == "hold"
    assert list(_alerts().values_list("recipient_id", flat=True)) == [moderator.pk]
    notice = Notification.objects.get(recipient=author, kind=Notification.Kind.POST_HELD)
    assert ("You matter" if language == "en" else "أنت مهم") in notice.message
    html = page.content.decode()
    assert PANEL in html
    assert PANEL_TEXT[language]["held"] in html


# --- Nothing -----------------------------------------------------------------------------


@both_languages
@pytest.mark.parametrize("kind", ["ordinary", "medication"])
def test_ordinary_posts_and_medication_questions_pass_untouched(
    language, kind, place, client, django_capture_on_commit_callbacks
):
    _group, _moderator, author, thread = place(language)

    with django_capture_on_commit_callbacks(execute=True):
        page = _reply_as(client, author, thread, WORDS[language][kind], language)

    assert Post.objects.get(body=WORDS[language][kind]).state == Post.State.VISIBLE
    assert not ReviewItem.objects.exists()
    assert not Notification.objects.filter(
        kind__in=[Notification.Kind.POST_HELD, Notification.Kind.QUEUE_NEW_ITEM]
    ).exists()
    assert PANEL not in page.content.decode()


def test_the_detector_is_the_one_decider(place, detector):
    """A verdict of "none" stands even over words in the phrase lists, and the words are
    read in the group's language, with the title of an opening post."""
    group, _moderator, author, thread = place("ar")
    detector.verdicts[WORDS["ar"]["urgent"]] = CrisisAssessment(tier="none", score=0.04)

    post = posts.post_create(author=author, thread=thread, body=WORDS["ar"]["urgent"])
    opening = posts.thread_create(author=author, group=group, title="ليلة طويلة", body="مساء الخير")

    assert Post.objects.get(pk=post.pk).state == Post.State.VISIBLE
    assert not ReviewItem.objects.exists()
    assert (WORDS["ar"]["urgent"], "ar") in detector.seen
    assert ("ليلة طويلة\nمساء الخير", "ar") in detector.seen
    assert opening.pk


# --- Contact details and crisis ----------------------------------------------------------


@both_languages
def test_contact_details_with_crisis_language_go_to_the_crisis_lane_with_resources(
    language, place, client
):
    _group, _moderator, author, thread = place(language)
    body = f"{WORDS[language]['urgent']} +44 7700 900123"

    page = _reply_as(client, author, thread, body, language, share_anyway="on")

    post = Post.objects.get(body=body)
    item = ReviewItem.objects.get(post=post)
    assert post.state == Post.State.HELD
    assert item.priority == ReviewItem.Priority.CRISIS
    assert item.crisis_tier == "urgent"
    assert {flag["source"] for flag in item.flags} >= {"crisis", "self_disclosure"}
    html = page.content.decode()
    assert PANEL in html and PANEL_TEXT[language]["urgent"] in html
    assert PANEL_TEXT[language]["held"] in html


def test_possible_risk_held_for_contact_details_waits_on_the_crisis_lane(
    place, client, detector, django_capture_on_commit_callbacks
):
    _group, moderator, author, thread = place("en")
    _possible(detector, "en")
    body = f"{WORDS['en']['possible']} Text me on +44 7700 900123"

    with django_capture_on_commit_callbacks(execute=True):
        page = _reply_as(client, author, thread, body, "en", share_anyway="on")

    item = ReviewItem.objects.get(post__body=body)
    assert Post.objects.get(body=body).state == Post.State.HELD
    # Crisis wins the lane: held and hidden from the group, it must not wait behind
    # ordinary contact-details holds.
    assert item.priority == ReviewItem.Priority.CRISIS
    assert [flag["source"] for flag in item.flags] == ["self_disclosure", "check_in"]
    assert _alerts().filter(recipient=moderator).exists()  # the hold is announced
    html = page.content.decode()
    assert 'data-tier="possible"' in html and PANEL_TEXT["en"]["held"] in html


@pytest.mark.parametrize("tier", ["possible", "urgent", "hold"])
def test_a_new_members_held_post_with_crisis_language_waits_on_the_crisis_lane(
    tier, place, client, detector
):
    group, _moderator, author, thread = place("en")
    group.hold_first_posts = 3
    group.save(update_fields=["hold_first_posts"])
    body = "Tonight is the night, I have it all planned."
    detector.verdicts[body] = CrisisAssessment(tier=tier, score=0.9, signals=("indirect.plan",))

    page = _reply_as(client, author, thread, body, "en")

    item = ReviewItem.objects.get(post__body=body)
    assert Post.objects.get(body=body).state == Post.State.HELD
    assert item.priority == ReviewItem.Priority.CRISIS
    html = page.content.decode()
    assert PANEL in html and f'data-tier="{tier}"' in html


# --- Help before limits, with tiers ------------------------------------------------------


@pytest.fixture
def tight_limits(settings):
    settings.SANAD_RATE_LIMITS = {**settings.SANAD_RATE_LIMITS, "post": "1/300"}


@both_languages
def test_a_refused_post_at_possible_risk_still_gets_help_and_an_urgent_item(
    language, place, client, detector, tight_limits
):
    _group, _moderator, author, thread = place(language)
    _possible(detector, language)
    _reply_as(client, author, thread, WORDS[language]["ordinary"], language)

    page = _reply_as(client, author, thread, WORDS[language]["possible"], language)

    assert not Post.objects.filter(body=WORDS[language]["possible"]).exists()
    assert PANEL in page.content.decode()
    item = ReviewItem.objects.get(kind=ReviewItem.Kind.ATTEMPT, subject=author)
    assert item.priority == ReviewItem.Priority.CRISIS
    assert (item.crisis_tier, item.crisis_score) == ("possible", 0.58)
    assert item.crisis_signals == ["indirect.burden", "indirect.passive_wish"]


def test_a_refused_post_about_someone_else_opens_no_item(place, client, detector, tight_limits):
    _group, _moderator, author, thread = place("en")
    _other_person(detector, "en")
    _reply_as(client, author, thread, WORDS["en"]["ordinary"], "en")

    _reply_as(client, author, thread, WORDS["en"]["other_person"], "en")

    assert not ReviewItem.objects.exists()


# --- What moderators see -----------------------------------------------------------------


SIGNAL_NAMES = {
    "en": {
        "indirect.burden": "Feels they are a burden",
        "indirect.passive_wish": "Wishes to sleep and not wake, or to disappear",
        "indirect.future_thing": "An indirect warning sign",  # a code not named yet
        "tier": "Possible risk",
        "score": "score 0.58 of 1",
        "heading": "Signals that fired:",
    },
    "ar": {
        "indirect.burden": "يشعر بأنه عبء على الآخرين",
        "indirect.passive_wish": "يتمنى أن ينام ولا يستيقظ، أو أن يختفي",
        "indirect.future_thing": "علامة تحذير غير مباشرة",
        "tier": "خطر محتمل",
        "score": "الدرجة 0.58 من 1",
        "heading": "الإشارات التي ظهرت:",
    },
}


@both_languages
def test_moderators_see_the_tier_score_and_signals_by_name(language, place, client, detector):
    _group, moderator, author, thread = place(language)
    detector.verdicts[WORDS[language]["possible"]] = CrisisAssessment(
        tier="possible",
        score=0.58,
        signals=("indirect.burden", "indirect.passive_wish", "indirect.future_thing"),
    )
    post = posts.post_create(author=author, thread=thread, body=WORDS[language]["possible"])
    item = ReviewItem.objects.get(post=post)
    client.force_login(moderator)
    client.cookies["django_language"] = language

    item_page = client.get(item.get_absolute_url()).content.decode()
    queue = client.get(reverse("moderation:queue")).content.decode()

    names = SIGNAL_NAMES[language]
    for page in (item_page, queue):
        card = page[page.index('class="crisis-verdict"') :]
        assert names["tier"] in card
        assert names["score"] in card
        assert names["heading"] in card
        for code in ("indirect.burden", "indirect.passive_wish", "indirect.future_thing"):
            assert f'data-signal="{code}"' in card
            assert names[code] in card
    # The flag says it as well, in the same words.
    assert (
        "Possible risk: check on this member"
        if language == "en"
        else "خطر محتمل: اطمئن على هذا العضو"
    ) in item_page
    assert author.username not in item_page + queue


def test_an_unknown_signal_family_is_still_shown():
    from moderation.crisis_signals import signal_label

    assert signal_label("direct.want_to_die") == "Says they want to die"
    assert signal_label("hold.method") == "Asks about or describes methods"
    assert signal_label("context.brand_new") == "Context"
    assert signal_label("zzz.whatever") == "Another signal"
    with translation.override("ar"):
        assert signal_label("other.at_risk") == "قد يكون شخص آخر في خطر"
        assert signal_label("possible.something_new") == "علامة على خطر محتمل"
        assert signal_label("zzz.whatever") == "إشارة أخرى"


def test_an_anonymous_authors_crisis_item_names_nobody(place, client):
    group, moderator, author, thread = place("en")
    group.allow_anonymous_posts = True
    group.save(update_fields=["allow_anonymous_posts"])
    post = posts.post_create(
        author=author, thread=thread, body=WORDS["en"]["urgent"], anonymous=True
    )
    item = ReviewItem.objects.get(post=post)
    client.force_login(moderator)

    for url in (item.get_absolute_url(), reverse("moderation:queue")):
        page = client.get(url).content.decode()
        assert 'class="crisis-verdict"' in page
        assert author.username not in page
        assert author.personas.get().name not in page


# --- A detector that fails ---------------------------------------------------------------


def test_a_failing_detector_neither_breaks_posting_nor_silences_a_crisis(
    place, client, monkeypatch
):
    _group, _moderator, author, thread = place("ar")

    def broken(*, text, language=""):
        raise RuntimeError("model file missing")

    monkeypatch.setattr(screening, "assess_crisis", broken)

    page = _reply_as(client, author, thread, WORDS["ar"]["urgent"], "ar")

    assert page.status_code == 200
    item = ReviewItem.objects.get(post__body=WORDS["ar"]["urgent"])
    assert item.priority == ReviewItem.Priority.CRISIS
    assert item.crisis_signals == ["fallback.crisis"]
    assert PANEL in page.content.decode()
    ordinary = _reply_as(client, author, thread, WORDS["ar"]["ordinary"], "ar")
    assert ordinary.status_code == 200
    assert ReviewItem.objects.count() == 1


def test_a_tier_nobody_knows_counts_as_nothing(place, detector):
    _group, _moderator, author, thread = place("en")
    detector.verdicts["Thank you all"] = CrisisAssessment(tier="maybe-later", score=0.3)

    post = posts.post_create(author=author, thread=thread, body=WORDS["en"]["ordinary"])

    assert Post.objects.get(pk=post.pk).state == Post.State.VISIBLE
    assert not ReviewItem.objects.exists()
