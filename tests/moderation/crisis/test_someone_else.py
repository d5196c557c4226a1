"""A member worried about someone else (a friend, a sibling, a child, a partner) who
talks of dying or hurts themself gets tier "other_person"; a member talking about
someone else's ordinary trouble, or about a loss, does not. Written for this test."""

import pytest

from moderation.crisis import detector

AT_RISK = [
    (
        "my best friend keeps telling me she doesn't see the point in living anymore, what do I do",
        "en",
    ),
    ("my little brother has been cutting his arms again and made me promise not to tell", "en"),
    ("my boyfriend sent me a message tonight saying he wants to disappear forever", "en"),
    (
        "my 14 year old son wrote in his notebook that everyone would be better off without him",
        "en",
    ),
    ("my wife said she's thinking of taking all her pills, I'm scared", "en"),
    ("I think my roommate is hurting herself, I saw fresh cuts on her wrist", "en"),
    ("a friend from class posted a goodbye message on her story, how can I reach her?", "en"),
    ("my dad keeps saying he'd rather be dead since mum left", "en"),
    ("my sister told me she wants to end her life, how do I help her?", "en"),
    ("صاحبي بيقولي إنه عايز يموت ومش عارف أعمل إيه", "ar"),
    ("أختي الصغيرة بتجرح نفسها وأنا خايفة عليها", "ar"),
    ("ابني المراهق كتب في دفتره إنه يتمنى يموت، أرجوكم ساعدوني", "ar"),
    ("زوجي يقول إن الحياة ما لها معنى ويفكر ينهي حياته", "ar"),
    ("رفيقتي عم تحكي إنها بدها تموت، كيف ساعدها؟", "ar"),
    ("خويا كيقول بغا يموت وأنا خايفة عليه بزاف", "ar"),
    ("صديقتي كتبت رسالة وداع على حسابها، شو لازم أعمل؟", "ar"),
    ("أخوي الصغير يقول يبي يموت، شسوي؟", "ar"),
    ("صديقي گال راح ينتحر الليلة، شلون أساعده؟", "ar"),
    ("sa7bti bet2ol enaha 3ayza tmoot, a3mel eh?", "ar"),
]

# What a friend said, reported ("my friend said: no point in living"): the friend's risk.
AT_RISK += [
    ("صديقي گال ماكو داعي أعيش، شلون أتعامل وياه؟", "ar"),
    ("my dad says he has nothing to live for anymore", "en"),
]

NOT_AT_RISK = [
    ("my friend failed her driving test and is really upset, how can I cheer her up?", "en"),
    ("my brother is stressed about his exams, any tips to help him relax?", "en"),
    ("my son can't sleep before school, he's anxious about a test", "en"),
    ("my sister and I had an argument about our mum's birthday", "en"),
    ("my friend's dog died last week and she is heartbroken", "en"),
    ("صاحبي زعلان عشان سقط في الامتحان، أفرحه إزاي؟", "ar"),
    ("أختي متوترة من المقابلة بكرة، شو بقدر أعمل لها؟", "ar"),
    ("ابني ما ينام زين قبل الاختبارات", "ar"),
    ("صديقتي تعبانة من الشغل وقالت إن الدوام بيموتها", "ar"),
    ("خويا مقلق من الخدمة الجديدة", "ar"),
]


@pytest.mark.parametrize(("text", "language"), AT_RISK)
def test_someone_else_at_risk_is_recognised(text, language):
    assert detector.assess(text, language=language).tier == "other_person"


@pytest.mark.parametrize(("text", "language"), NOT_AT_RISK)
def test_someone_elses_ordinary_trouble_is_not(text, language):
    assert detector.assess(text, language=language).tier == "none"


@pytest.mark.parametrize(
    "text",
    [
        "I want to die tonight and my sister doesn't know",
        "بدي موت الليلة وأختي ما بتعرف شي",
        "my friend is worried about me because I keep saying I want to kill myself",
    ],
)
def test_the_writers_own_risk_stays_urgent_when_someone_else_is_named(text):
    assert detector.assess(text).tier in {"urgent", "hold"}
