"""Signals and their context: each list finds what it should and leaves the rest."""

import pytest

from moderation.crisis import context, signals
from moderation.crisis.normalise import normalise


def _codes(text: str) -> set[str]:
    return {span.code for span in signals.find(normalise(text))}


@pytest.mark.parametrize(
    "text, code",
    [
        ("I want to die", "direct.want_to_die"),
        ("i wanna die so bad", "direct.want_to_die"),
        ("I don't want to live anymore", "direct.want_to_die"),
        ("thinking about killing myself", "direct.kill_self"),
        ("kms fr", "direct.kill_self"),
        ("sewerslide again", "direct.kill_self"),
        ("I feel so suicidal", "direct.kill_self"),
        ("I cut myself again", "selfharm.act"),
        ("This is my last post. Goodbye everyone.", "indirect.farewell"),
        ("They'd be better off without me", "indirect.burden"),
        ("giving away all my things", "indirect.giving_away"),
        ("Friday is the day. I've made a plan.", "indirect.plan"),
        ("I wish I could sleep and never wake up", "indirect.passive_wish"),
        ("what's the point of anything", "indirect.hopelessness"),
        ("what is the lethal dose of paracetamol", "method.question"),
        ("let's die together", "harm.pact"),
        ("kys", "harm.encouragement"),
        ("my friend keeps saying she wants to die", "context.other_person"),
        # MSA and the dialect families
        ("أريد أن أموت", "direct.want_to_die"),  # MSA
        ("نفسي أموت وأرتاح", "direct.want_to_die"),  # Egyptian
        ("بدي موت", "direct.want_to_die"),  # Levantine
        ("أبي أموت", "direct.want_to_die"),  # Gulf
        ("بغيت نموت", "direct.want_to_die"),  # Maghrebi
        ("غادي نقتل راسي", "direct.kill_self"),  # Maghrebi
        ("سأنتحر الليلة", "direct.kill_self"),  # with a prefix attached
        ("أفكر في إنهاء حياتي", "direct.kill_self"),
        ("ana 3ayez amoot", "direct.want_to_die"),  # Arabizi
        ("أنا عبء على أهلي", "indirect.burden"),
        ("نفسي انام وما اصحى", "indirect.passive_wish"),
        ("سامحوني، هذه آخر رسالة", "indirect.farewell"),
        ("عم جرّح حالي", "selfharm.act"),
        ("كم حبة بنادول تقتل", "method.question"),
        ("خلينا ننتحر مع بعض", "harm.pact"),
        ("اقتل نفسك", "harm.encouragement"),
        ("صاحبي يقول إنه يبي ينتحر", "context.other_person"),
    ],
)
def test_each_list_finds_its_signal(text, code):
    assert code in _codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "I skilled myself up at the gym today.",
        "The killer whale documentary was lovely.",
        "Can I take ibuprofen with my antidepressant?",
        "سأذهب إلى الطبيب غداً",
        "شكراً لكم جميعاً على الدعم",
        "My grandmother died last spring and I miss her.",
    ],
)
def test_ordinary_words_carry_no_signal(text):
    assert not _codes(text)


def _around(text: str) -> set[str]:
    found = set()
    for span in signals.find(normalise(text)):
        found |= context.span_context(span)
    return found


@pytest.mark.parametrize(
    "text, around",
    [
        ("I'm not suicidal", "negated"),
        ("I don't want to die", "negated"),
        ("ما بدي موت", "negated"),
        ("مش عايز اموت", "negated"),
        ("When I was 15 I tried to kill myself", "past"),
        ("If you want to die please call 988", "addressed"),
        ("my friend told me i want to die", "other"),
        ("هموت من الضحك، نفسي اموت من الضحك", "idiom"),
    ],
)
def test_context_around_a_signal_changes_what_it_means(text, around):
    assert around in _around(text)


def test_the_live_signal_in_a_sentence_is_not_negated_by_the_sentence_before():
    assert "negated" not in _around("I'm not ok. I want to die.")


@pytest.mark.parametrize(
    "text, found",
    [
        ("I lost my brother to suicide", "loss"),
        ("World Suicide Prevention Day is on Sunday", "news"),
        ("If you're struggling please call a helpline, you're not alone", "supportive"),
        ("Years ago I tried. Now I'm doing much better.", "recovered"),
        ("Can I take ibuprofen with my antidepressant?", "medication"),
        ("فقدت صديقي بسبب الانتحار، الله يرحمه", "loss"),
    ],
)
def test_context_of_the_whole_post(text, found):
    assert found in context.post_context(normalise(text))
