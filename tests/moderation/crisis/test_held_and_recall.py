"""Method-seeking, pacts and encouragement are held (issue 11), and crisis language is
not explained away; ordinary questions and sentences of the same shape are left alone.
Through screening's one decider."""

import pytest

from moderation.screening import assess_crisis

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text",
    [
        # How long, how much, how high, painless: English.
        "how long does it take to die from an overdose of sleeping pills",
        "is 40 of my sertraline enough to kill me",
        "how many mg of amitriptyline is lethal",
        "what dose of insulin would stop my heart",
        "is hanging painless",
        "whats the easiest way to end it",
        # Pacts and encouragement.
        "let's end it together on saturday",
        "we could die at the same time, i don't want to be alone",
        "just do it already, nobody cares",
        "nobody would even miss you",
        "why are you still here honestly",
        # Arabic: Levantine, Gulf, Maghrebi, Gulf/Iraqi height, MSA, pacts, encouragement.
        "قديش لازم اخد من حبوب النوم لحتى ما فيق",
        "كم حبة من الدوا عشان ما اصحى",
        "شحال من حبة خاصني باش نموت",
        "اي طابق يكفي عشان الواحد يموت",
        "ما أقل طريقة مؤلمة للانتحار",
        "يلا ننتحر سوا يوم الخميس",
        "خلينا ننهيها مع بعض الليلة",
        "روح موت وريحنا",
        "ما حدا رح يفتقدك",
        "ياريت تموت",
        # Arabizi.
        "kam 7aba t5alini ma as7a",
        "yalla nmout sawa",
    ],
)
def test_method_questions_pacts_and_encouragement_are_held(text):
    assert assess_crisis(text=text).tier == "hold"


@pytest.mark.parametrize(
    "text",
    [
        "can i take ibuprofen with paracetamol",
        "how many mg of melatonin should i take",
        "how long does it take for sertraline to work",
        "what happens if i take 2 paracetamol with a glass of wine",
        "is 10mg of melatonin too much",
        "how long does it take for my phone battery to die",
        "what's the easiest way to cook rice",
        "painless way to take off a plaster?",
        "does it hurt to get a tattoo on your ribs",
        "just do it, apply for the job",
        "we should go together to the concert",
        "is the balcony railing high enough for a toddler",
        "how many snakes in australia are deadly",
        "how long does it take to get to the bridge by bus",
        "هل ينفع اخد بنادول مع بروفين",
        "كم ملغ ميلاتونين اخذ عشان انام",
        "كم حبة بنادول مسموح في اليوم",
        "قديش بياخد وقت الباص للجامعة",
        "يلا نروح سوا عالحفلة",
        "الكوبري ده عالي قوي والمنظر حلو",
        "كم طابق في برج خليفة",
        "شحال من حبة ديال الدوليبران نقدر ناخد فالنهار",
    ],
)
def test_ordinary_medication_and_everyday_questions_are_not_held(text):
    assert assess_crisis(text=text).tier != "hold"


# --- What used to explain a crisis away (issue 11, recall) --------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # A comma ends a clause: the negation before it is not about what follows.
        "I am not ok, I want to die",
        "no one cares, i want to die",
        # A letter stretched inside a word is emphasis, not laughter.
        "سأنههههي حياتي الليلة",
        # Someone named before a farewell is who it is said to.
        "إلى أمي: سامحيني، هذه رسالتي الأخيرة",
        # Arabizi with one digit-letter word in a short post.
        "nta7ar w nertah",
        "a7san lahum law ma kontsh atwaladt",
        "badde mout",
    ],
)
def test_crisis_language_is_not_explained_away(text):
    assert assess_crisis(text=text).tier in {"urgent", "hold"}


@pytest.mark.parametrize(
    "text",
    [
        "I'm not suicidal, just exhausted from exams",
        "ههههههه رح موت من الضحك",
        "my mp3 player died lol",
        "can you die from the flu if you're healthy?",
    ],
)
def test_the_same_shapes_stay_ordinary(text):
    assert assess_crisis(text=text).tier == "none"


@pytest.mark.parametrize(
    "text",
    [
        "Here with you.",
        "Here with you tonight.",
        "Thinking of you all.",
        "Thank you, all of you.",
        "Me.",
        "Tonight",
        "Has anyone tried diet pills?",
        "my insta: layla.k22",
        "توقف عن الشكوى، الجميع تعبوا منك.",
    ],
)
def test_short_replies_are_not_the_models_alone_to_flag(text):
    assert assess_crisis(text=text).tier == "none"
