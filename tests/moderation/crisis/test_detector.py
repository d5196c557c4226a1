"""The detector's tiers, through moderation.screening.assess_crisis, and bad input."""

import time

import pytest

from moderation.crisis import detector
from moderation.models import CrisisPhrase
from moderation.screening import assess_crisis

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text, tier",
    [
        ("I can't keep going. I want to die tonight.", "urgent"),
        ("Everyone would be better off without me.", "urgent"),
        ("I wish I could sleep and never wake up.", "urgent"),
        ("I'm so tired of everything, what's the point anymore", "possible"),
        ("My brother keeps saying he wants to kill himself, what do I do?", "other_person"),
        ("What is the lethal dose of my sleeping tablets?", "hold"),
        ("anyone want to end it together this weekend?", "hold"),
        ("just kys", "hold"),
        ("أنا تعبت ومش قادر أكمل، نفسي أموت وأرتاح", "urgent"),  # Egyptian
        ("بدي موت، ما عاد فيني", "urgent"),  # Levantine
        ("ودي أموت وأفتك", "urgent"),  # Gulf
        ("بغيت نموت", "urgent"),  # Maghrebi
        ("ana 3ayez amoot", "urgent"),  # Arabizi
        ("أبغى أعرف كم جرعة قاتلة من حبوب النوم", "hold"),
        ("صاحبي عم يحكي إنه بدو ينهي حياته، شو لازم أعمل؟", "other_person"),
    ],
)
def test_each_tier_in_both_languages(text, tier):
    assert assess_crisis(text=text).tier == tier


@pytest.mark.parametrize(
    "text",
    [
        "I'm dying of laughter at this thread",
        "My mum is going to kill me when she sees my grades.",
        "I'm not suicidal, just really tired from exams.",
        "Years ago I tried to kill myself. Now I'm doing so much better.",
        "I lost my best friend to suicide two years ago.",
        "World Suicide Prevention Day is on 10 September.",
        "If you're thinking about suicide, please call 988. You're not alone.",
        "Can I take ibuprofen with my antidepressant?",
        "Does anyone take sertraline in the morning? Mine makes me sleepy.",
        "Thank you all, today was a little easier.",
        "هموت من الضحك على الفيديو ده",
        "الشغل قتلني النهارده",
        "ما بدي موت، بس تعبان شوي",
        "فقدت أخي بسبب الانتحار قبل سنتين، رحمه الله",
        "هل يأخذ أحدكم السيرترالين صباحًا؟ يسبب لي النعاس.",
        "شكرًا لكم جميعًا، كان اليوم أسهل قليلًا.",
    ],
)
def test_hard_and_ordinary_negatives_are_left_alone(text):
    assert assess_crisis(text=text).tier == "none"


def test_the_verdict_names_its_signals_and_a_score():
    verdict = assess_crisis(text="I want to die. Goodbye everyone.")
    assert {"direct.want_to_die", "indirect.farewell"} <= set(verdict.signals)
    assert 0.8 <= verdict.score <= 1
    denied = assess_crisis(text="I'm not suicidal.")
    assert "context.negated" in denied.signals and denied.score < 0.5


def test_a_phrase_added_in_admin_is_one_more_signal_read_in_context():
    CrisisPhrase.objects.create(phrase="walk into the sea", language="en")

    assert assess_crisis(text="I keep thinking I should walk into the sea.").tier == "urgent"
    assert "phrase.crisis" in assess_crisis(text="I should walk into the sea").signals
    assert assess_crisis(text="I would never walk into the sea.").tier == "none"


# --- Bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I want to d\u200bie",  # zero-width space
        "I want to k\u200cill my\u200dself",  # zero-width (non-)joiners
        "I want to \u202ekill\u202c myself",  # bidi override
        "\u2067أريد أن أموت\u2069",  # bidi isolate
        "أريد أن أ\u200fموت",  # right-to-left mark
        "k i l l  m y s e l f",
        "ا ن ت ح ر",
        "I wanna diiiiiiiie",
    ],
)
def test_hidden_characters_and_spacing_do_not_hide_a_crisis(text):
    assert assess_crisis(text=text).tier == "urgent"


@pytest.mark.parametrize(
    "text",
    ["", "😭😭😭🙏", "🙂" * 5000, "\u200b" * 10000, "\x00\x07", "$$$ 123 @@@", "ـــــ"],
)
def test_odd_input_never_fails(text):
    assert assess_crisis(text=text).tier in {"none", "possible", "urgent", "other_person", "hold"}


def test_a_fifty_thousand_character_post_is_read_in_bounded_time_and_a_crisis_inside_is_found():
    filler = "We talked about the weather and the market for a long while. " * 800
    middle = len(filler) // 2
    text = (filler[:middle] + " I want to kill my\u200bself tonight. " + filler[middle:])[:50_000]
    assessment = assess_crisis(text="x")  # model and lists loaded
    begin = time.perf_counter()
    assessment = assess_crisis(text=text)
    elapsed = time.perf_counter() - begin
    assert assessment.tier == "urgent"
    assert elapsed < 1.0  # generous for a shared machine; typically a few milliseconds
    assert len(detector.window(text)) <= detector.MAX_CHARS + 10


def test_a_long_ordinary_post_stays_ordinary():
    text = "I went to the market today and bought bread and tea. " * 1000
    assert assess_crisis(text=text).tier == "none"
