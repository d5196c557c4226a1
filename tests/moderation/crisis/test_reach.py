"""What the detector reaches beyond its first lists, on both sides: Arabizi and dialect
spellings, method questions and encouragement (held), someone else at risk, and the
hyperbole, apologies and grief that must stay ordinary."""

import pytest

from moderation.crisis import detector
from moderation.crisis.normalise import normalise
from moderation.screening import assess_crisis

pytestmark = pytest.mark.django_db


def _codes(text: str) -> set[str]:
    return {span.code for span, _around in detector.analyse(text).spans}


@pytest.mark.parametrize(
    "text, code",
    [
        ("bde mout", "direct.want_to_die"),
        ("bfakker 2ente7ar", "direct.kill_self"),
        ("ra7 2ente7er", "direct.kill_self"),
        ("ma ba2a fiye", "indirect.hopelessness"),
        ("kam 7abbet panadol bt2tol?", "method.question"),
        ("ماكو فايدة", "indirect.hopelessness"),
        ("ما عاد فيني", "indirect.hopelessness"),
        ("فكرت في الانتحار", "direct.kill_self"),
        ("أنوي الانتحار", "direct.want_to_die"),
        ("الانتحار هو الحل الوحيد الذي بقي لي", "direct.want_to_die"),
        ("سأقفز من النافذة", "direct.kill_self"),
        ("إذا شربت كلور بموت؟", "method.question"),
        ("هل القفز من الطابق الخامس يقتل؟", "method.question"),
        ("أي شريان يجب قطعه؟", "method.question"),
        ("العالم سيكون أفضل بدونك", "harm.encouragement"),
        ("لو أنا مكانك كنت انتحرت من زمان", "harm.encouragement"),
        ("I feel suicial and I mean it", "direct.kill_self"),
        ("how many pills of tylenol would it take", "method.question"),
        ("what dose of insulin would kill", "method.question"),
        ("tallest bridge near me", "method.question"),
        ("ok so honestly kill yourelf", "harm.encouragement"),
        ("she told me she wants to die", "context.other_person"),
    ],
)
def test_new_entries_find_their_signal(text, code):
    assert code in _codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "سامحوني على التأخير، النت كان فاصل",
        "هاي اخر رسالة الي اليوم، تصبحون على خير",
        "هذه آخر رسالة قبل إجازة الصيف، أراكم في سبتمبر",
        "how many pages should my essay be",
        "the tallest building in Dubai is amazing",
        "ana mabsout el yom",
    ],
)
def test_ordinary_apologies_and_questions_carry_no_signal(text):
    assert not _codes(text) - {"indirect.hopelessness"}
    assert assess_crisis(text=text).tier == "none"


@pytest.mark.parametrize(
    "text",
    [
        "رح انتحر إذا ما خلص هالدوام 😂",
        "بنتحر لو خسرنا المباراة مرة ثانية 😂😂",
        "I'm going to kill myself if this meeting runs late lol",
        "انا هموت من الضحك ههههههه",
    ],
)
def test_said_laughing_is_hyperbole(text):
    assert assess_crisis(text=text).tier == "none"


@pytest.mark.parametrize(
    "text",
    [
        "رح انتحر الليلة، خلص",
        "I'm going to kill myself tonight",
        "بدي موت",
        "bde mout",
    ],
)
def test_the_same_words_without_laughter_are_urgent(text):
    assert assess_crisis(text=text).tier == "urgent"


def test_someone_elses_suicide_in_the_news_or_in_grief_is_not_the_writer_at_risk():
    assert assess_crisis(text="الرواية تحكي عن شاعر انتحر في القرن الماضي").tier == "none"


@pytest.mark.parametrize(
    "text, tier",
    [
        ("how many pills of tylenol would it take to not wake up", "hold"),
        ("go die", "hold"),
        ("kam 7abbet panadol bt2tol?", "hold"),
        ("my sister said she wants to die, how do I help her?", "other_person"),
    ],
)
def test_tiers_for_the_new_entries(text, tier):
    assert assess_crisis(text=text).tier == tier


def test_a_short_arabizi_post_is_read_as_arabizi():
    assert normalise("bde mout").arabizi
    assert not normalise("I want to go home").arabizi


def test_a_long_post_is_read_in_a_bounded_window_that_keeps_a_crisis_in_the_middle():
    filler = "We spent the afternoon at the market and talked about football. " * 40
    text = filler[:1000] + " I want to kill myself. " + filler[:1000]
    assert len(detector.window(text)) <= detector.MAX_CHARS + 10
    assert assess_crisis(text=text).tier == "urgent"


@pytest.mark.parametrize(
    "text",
    ["can you die from taking 20 paracetamol", "هل يموت الواحد اذا بلع علبة بنادول"],
)
def test_a_question_whether_an_amount_kills_is_held(text):
    assert "method.question" in _codes(text)
    assert assess_crisis(text=text).tier == "hold"


@pytest.mark.parametrize(
    "text",
    [
        "can you die from a cold?",
        "how many people live in Cairo?",
        "what happens if i take ibuprofen with food",
    ],
)
def test_an_ordinary_question_is_not_held_on_the_models_word_alone(text):
    assert assess_crisis(text=text).tier == "none"


def test_an_insult_with_no_method_is_not_held_on_the_models_word_alone():
    # The model's doubt may still bring gentle resources ("possible"), never a hold.
    assert assess_crisis(text="Only an IDIOOOT would say that.").tier in {"none", "possible"}
