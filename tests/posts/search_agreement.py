"""One corpus and one list of queries, searched on whichever database the test runs on.

tests/posts/test_search_backends.py runs it on PostgreSQL and, in a second pytest
process, on SQLite, and expects the same answers from both.
"""

from groups.models import SupportGroup
from posts import search, services
from tests.factories import MembershipFactory, SupportGroupFactory, UserFactory

# (label, group language, title, body); the label is what the answers are compared by.
CORPUS = [
    ("worry", "ar", "ليالٍ طويلة", "أشعر بالقلق كل ليلة قبل النوم"),
    ("school", "ar", "المدرسة", "لا أحب الذهاب إلى المدرسة هذه الأيام"),
    ("my-school", "ar", "يوم صعب", "في مدرستي لا يكلمني أحد"),
    ("friends", "ar", "صديقاتي", "صديقاتي لا يفهمن ما أمر به"),
    ("friend", "ar", "صديقة قديمة", "اتصلت بي صديقة قديمة وبكيت"),
    ("and-friend", "ar", "مساء", "وصديقتي تقول إن الوقت يشفي"),
    ("with-father", "ar", "أبي", "تحدثت بوالدي عن الحزن وبالنوم المتقطع"),
    ("panic", "en", "Panic at work", "Panic attacks at work make me feel watched."),
    ("panic-home", "en", "Home", "The attacks of panic come at home, not at work."),
    ("sleep", "en", "Nights", "I keep waking at three and cannot sleep again."),
    ("grief", "en", "Grief", "Grief comes in waves; some days I can breathe."),
    ("near", "en", "Near the sea", "Walking near the sea calms me."),
    ("mixed", "ar", "Mixed", "I feel better بعد المشي في المساء"),
]

QUERIES = [
    "قلقي",
    "بالقلق",
    "والقلق",
    "مدرستي",
    "المدرسة",
    "بمدرستي",
    "صديقاتي",
    "صديقة",
    "وصديقاتي",
    "والدي",
    "نومي",
    "panic",
    "attack",
    '"panic attacks"',
    '"attacks panic"',
    "panic -home",
    "grief OR sleep",
    "waking sleeps",
    "NEAR",
    "near*",
    "sea NEAR calm",
    '"unbalanced panic',
    "panic)) OR (( '; DROP TABLE posts_post; --",
    "the and of",
    "!!! ??? ...",
    "-panic",
    "feel",
    "المساء",
    "x" * 1000,
]

ORDERS = ("relevance", "newest")


def run() -> dict[str, list[str]]:
    """Build the corpus and answer every query in both orders: {query|order: labels}."""
    searcher = UserFactory()
    groups = {}
    for language in ("ar", "en"):
        groups[language] = SupportGroupFactory(language=language)
        MembershipFactory(group=groups[language], user=searcher)
    labels = {}
    for label, language, title, body in CORPUS:
        author = MembershipFactory(group=groups[language]).user
        thread = services.thread_create(
            author=author, group=groups[language], title=title, body=body
        )
        labels[thread.posts.get().pk] = label
    # A group the searcher is not in: never an answer on either database.
    elsewhere = SupportGroupFactory(language=SupportGroup.Language.ENGLISH)
    services.thread_create(
        author=MembershipFactory(group=elsewhere).user,
        group=elsewhere,
        title="Panic elsewhere",
        body="panic attacks grief sleep",
    )
    answers = {}
    for query in QUERIES:
        for order in ORDERS:
            results, _more = search.search_posts(user=searcher, query=query, order=order)
            answers[f"{query}|{order}"] = [labels.get(r.post.pk, "?") for r in results]
    return answers
