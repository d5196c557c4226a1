"""What the words around a sign say about it, judged on both sides: each sentence that
context must explain away beside one with the same words that is a member at risk.

Found by leaving one writer's training file out at a time (crisis_train --cv-by-file):
the sentences here are written for this test, not taken from the corpus.
"""

import numpy as np
import pytest

from moderation.crisis import detector, model
from moderation.screening import assess_crisis

pytestmark = pytest.mark.django_db

CRISIS_LANE = {"urgent", "hold"}


@pytest.mark.parametrize(
    "explained, at_risk",
    [
        # A negation before a contraction ("don t" is one word, not two).
        (
            "I don't want to hurt myself, I just need someone to talk to tonight.",
            "I don't know why, but I want to hurt myself tonight.",
        ),
        # A negation further back, read through the words that only follow one.
        (
            "ليس لدي أي نية لإيذاء نفسي، أنا فقط غاضب من الشغل.",
            "أريد إيذاء نفسي الليلة، لم أعد أحتمل.",
        ),
        # Arabizi, whose signs are read in its skeleton ("ma" is "م" there).
        ("ma bdi mout wallah, bas ta3bane ktir mn el sho3'ol", "bdi mout, ma 3ad fiyye"),
        # Iraqi past with چ, and a recovery said in dialect ("موگف", stopped).
        (
            "چنت اجرح نفسي من چنت بالمتوسطة، وصارلي ثلث سنين موگف الحمدلله",
            "اجرح نفسي كل ليلة وماكو احد يدري",
        ),
        (
            "Two years self harm free as of this morning, thank you all",
            "I self harm again tonight, I can't stop",
        ),
        # A suicide told verb first ("انتحر زميلي"), the loss of someone else.
        (
            "انتحر زميلي في الشغل الأسبوع اللي فات، ولسه مش مصدقين",
            "خلاص هانتحر الليلة، محدش هيفتقدني",
        ),
        # Idioms of exhaustion and of everyday dread.
        ("قتلت نفسي مذاكرة طول الأسبوع وبالآخر الامتحان اتأجل", "حاسس إني هقتل نفسي قريب"),
        (
            "I'd rather die than do karaoke sober at the office party",
            "I'd rather die than live like this another year",
        ),
        # An apology for a question, not a farewell.
        ("سامحوني لو سؤالي غبي، كيف اغير اسم المستخدم؟", "سامحوني على كل شي، ما عاد فيني كمل"),
    ],
)
def test_context_explains_away_only_what_it_should(explained, at_risk):
    assert assess_crisis(text=explained).tier == "none", explained
    assert assess_crisis(text=at_risk).tier in CRISIS_LANE, at_risk


def test_death_called_merciful_in_a_recovery_story_is_not_encouragement():
    story = "قبل ثلاث سنين كنت أفكر إن الموت أرحم، اليوم تخرجت والحمد لله"
    taunt = "موت أحسن لك وريحنا منك"

    assert assess_crisis(text=story).tier != "hold"
    assert assess_crisis(text=taunt).tier == "hold"


def _probabilities(none: float) -> np.ndarray:
    rest = (1.0 - none) / 4
    return np.array([none if label == "none" else rest for label in model.LABELS])


@pytest.mark.parametrize(
    "text",
    [
        "Goodbye everyone, this is my last post before my exams, see you in June",
        "وزعت اغراضي على اخواتي قبل السفر",
    ],
)
def test_the_model_overrules_a_farewell_or_a_gift_only_when_it_is_sure(text):
    analysis = detector.analyse(text)
    assert detector.decide(analysis, _probabilities(none=0.5)).tier == "urgent"
    assert detector.decide(analysis, _probabilities(none=0.95)).tier == "none"


@pytest.mark.parametrize("text", ["I want to die tonight.", "بدي انتحر", "I cut myself again"])
def test_the_model_never_overrules_a_direct_statement_or_self_harm(text):
    analysis = detector.analyse(text)

    assert detector.decide(analysis, _probabilities(none=0.99)).tier in CRISIS_LANE


@pytest.mark.parametrize(
    "text",
    [
        "ضايق مره ابي انتحر",  # Gulf "مره" (very) is not a negation
        "الساعه 3 م بدي انتحر",  # "م" (p.m.) is not "ما"
        "mafi 7ada b7ebni bdi mout",  # "no one loves me" denies the one, not the wish
        "ماعندي حدا بدي موت",
        "wselt la mar7ale bdi mout",  # Arabizi "la" is "to" here
        "I tried to kill myself 3 days ago and I still want to",
        "سامحوني اذا اذيت حدا، وداعا",  # "forgive me if..." is the farewell itself
        "الموت ارحم",
        "I just want to die free of this pain",
        "I don't have any friends left, I want to die",
        "is there anyone with any plans to die together tonight",
    ],
)
def test_words_near_a_negation_do_not_hide_a_member_at_risk(text):
    assert assess_crisis(text=text).tier in CRISIS_LANE, text


@pytest.mark.parametrize(
    "text",
    [
        "I don't have any thoughts of hurting myself, just exhausted",
        "ma bdi mout wallah, bas ta3bane ktir",
        "No, I'm not going to hurt myself. I promise. Just a rough week.",
    ],
)
def test_a_denial_further_back_is_still_a_denial(text):
    assert assess_crisis(text=text).tier == "none", text


@pytest.mark.parametrize("text", ["The second way I said it.", "The first way I said it."])
def test_an_everyday_sentence_the_model_half_suspects_is_not_held(text):
    assert assess_crisis(text=text).tier == "none"
