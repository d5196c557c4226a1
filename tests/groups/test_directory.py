"""The directory: listed groups as cards, Arabic-aware search, filters, pagination,
live refinement with htmx, and a fixed number of queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from config.arabic import normalise_arabic, search_words
from groups.models import Membership, SupportGroup
from posts.models import Thread
from tests.factories import (
    MembershipFactory,
    SupportGroupFactory,
    ThreadFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

SPELLINGS_OF_THE_SAME_NAME = [
    "مساحة الأمل",  # as written
    "مساحه الامل",  # no hamza, haa for taa marbuta
    "مِسَاحَةُ الأَمَلِ",  # with diacritics
    "مساحة الإمل",  # the wrong hamza
    "مســاحة",  # tatweel, one word
    "الامل",  # one word, no hamza
]


def _names(client, **params) -> str:
    return client.get(reverse("groups:directory"), params).content.decode()


@pytest.fixture
def hope(db):
    return SupportGroupFactory(
        name="مساحة الأمل", slug="hope", language="ar", summary="نتحدث عن الفقد."
    )


@pytest.fixture
def decoy(db):
    return SupportGroupFactory(name="Evening walkers", slug="walkers", summary="We walk and talk.")


# --- Normalisation -----------------------------------------------------------------------


def test_normalising_folds_hamza_taa_marbuta_alef_maqsura_diacritics_and_digits():
    assert normalise_arabic("مِسَاحَةُ الأَمَلِ") == normalise_arabic("مساحه الامل")
    assert normalise_arabic("إلى مستشفى") == "الي مستشفي"
    assert normalise_arabic("مســاء ٢٠٢٤") == "مسا 2024"
    assert normalise_arabic("Grief AND Loss") == "grief and loss"


def test_persian_keyboard_letters_fold_to_their_arabic_twins():
    # Kaf and yeh typed on a Persian or Urdu keyboard look the same on screen.
    assert normalise_arabic("کلام فی") == normalise_arabic("كلام في")


def test_the_crisis_detector_folds_arabic_exactly_as_search_does():
    from moderation.text import normalise_lightly

    for text in ["مِسَاحَةُ الأَمَلِ", "کلام فی", "إلى مستشفى", "مســاء ٢٠٢٤"]:
        assert normalise_lightly(text) == normalise_arabic(text)


def test_search_words_drop_everything_a_raw_text_query_could_misread():
    assert search_words("grief & (loss) | 'x':* !") == ["grief", "loss", "x"]


# --- Search ------------------------------------------------------------------------------


@pytest.mark.parametrize("query", SPELLINGS_OF_THE_SAME_NAME)
def test_any_arabic_spelling_finds_the_same_group(client, hope, decoy, query):
    page = _names(client, q=query)

    assert hope.name in page, query
    assert decoy.name not in page


@pytest.mark.needs_postgres
@pytest.mark.parametrize("query", SPELLINGS_OF_THE_SAME_NAME)
def test_any_arabic_spelling_finds_the_same_group_with_postgres_full_text_search(
    client, hope, decoy, query
):
    assert connection.vendor == "postgresql"

    page = _names(client, q=query)

    assert hope.name in page, query
    assert decoy.name not in page


def test_english_words_are_found_whatever_their_ending(client, decoy):
    group = SupportGroupFactory(name="Parents of anxious teenagers", summary="Raising them.")

    for query in ("teenager", "parent", "Teenagers", "anxious parents"):
        assert group.name in _names(client, q=query), query
    assert group.name not in _names(client, q="gardening")


@pytest.mark.needs_postgres
def test_postgres_stems_english_and_ranks_the_name_above_the_summary(client):
    in_summary = SupportGroupFactory(name="Aardvark circle", summary="We talk about grieving.")
    in_name = SupportGroupFactory(name="Grieving together", summary="A quiet place.")

    page = _names(client, q="grieve")

    assert page.index(in_name.name) < page.index(in_summary.name)


def test_the_beginning_of_a_word_finds_it_as_someone_types(client, hope):
    assert hope.name in _names(client, q="مسا")


def test_a_topic_in_either_language_finds_the_group(client, decoy):
    grief = TopicFactory(slug="grief", name_en="Grief and loss", name_ar="الحزن والفقد")
    group = SupportGroupFactory(name="After the funeral", summary="Talking helps.", topics=[grief])

    assert group.name in _names(client, q="grief")
    assert group.name in _names(client, q="الحزن")
    assert decoy.name not in _names(client, q="grief")


def test_search_never_finds_unlisted_or_archived_groups(client, hope):
    SupportGroupFactory(name="مساحة الأمل السرية", listing=SupportGroup.Listing.UNLISTED)
    SupportGroupFactory(name="مساحة الأمل القديمة", is_archived=True)

    page = _names(client, q="مساحه")

    assert "السرية" not in page
    assert "القديمة" not in page
    assert hope.name in page


def test_renaming_a_group_through_its_service_updates_what_search_finds(client, hope):
    from groups.services import group_update
    from tests.factories import UserFactory

    group_update(actor=UserFactory(is_staff=True), group=hope, changes={"name": "بيت الطمأنينة"})

    assert "بيت الطمأنينة" in _names(client, q="الطمانينه")
    assert "بيت الطمأنينة" not in _names(client, q="مساحة")


def test_a_search_with_no_match_says_so(client, hope):
    page = _names(client, q="zzzz")

    assert "No group matches this search." in page
    assert "0 groups found" in page


# --- Filters, pagination, htmx ----------------------------------------------------------


def test_filters_narrow_by_topic_language_access_and_leadership(client):
    grief = TopicFactory(slug="grief", name_en="Grief and loss", name_ar="الحزن والفقد")
    wanted = SupportGroupFactory(
        name="Wanted",
        language="ar",
        access=SupportGroup.Access.REQUEST,
        leadership=SupportGroup.Leadership.PROFESSIONAL,
        topics=[grief],
    )
    SupportGroupFactory(
        name="Wrong topic", language="ar", access="request", leadership="professional"
    )
    SupportGroupFactory(
        name="Wrong language", access="request", leadership="professional", topics=[grief]
    )
    SupportGroupFactory(
        name="Wrong access", language="ar", leadership="professional", topics=[grief]
    )
    SupportGroupFactory(name="Wrong leadership", language="ar", access="request", topics=[grief])

    page = _names(client, topic="grief", language="ar", access="request", leadership="professional")

    assert wanted.name in page
    assert "Wrong" not in page.split('id="directory-results"')[1]


def test_a_crafted_filter_value_is_ignored_not_an_error(client, hope):
    response = client.get(reverse("groups:directory"), {"access": "secret", "topic": "nope"})

    assert response.status_code == 200
    assert hope.name in response.content.decode()


def test_pages_keep_the_search_and_filters(client):
    SupportGroupFactory.create_batch(30, summary="Calm evenings together.")

    page = _names(client, q="calm", language="en")

    assert "q=calm" in page
    assert "language=en" in page
    assert "page=2" in page


def test_htmx_gets_only_the_results_and_caches_vary_on_it(client, hope, decoy):
    response = client.get(reverse("groups:directory"), {"q": "الامل"}, HTTP_HX_REQUEST="true")

    page = response.content.decode()
    assert "<html" not in page
    assert hope.name in page
    assert decoy.name not in page
    assert "HX-Request" in response["Vary"]


def test_the_directory_works_without_javascript(client):
    page = _names(client)

    assert '<form method="get" action="/groups/"' in page
    assert 'name="q"' in page
    assert '<button type="submit">' in page


# --- Cards -------------------------------------------------------------------------------


def test_a_card_shows_what_someone_needs_to_choose_a_group(client):
    grief = TopicFactory(slug="grief", name_en="Grief and loss", name_ar="الحزن والفقد")
    group = SupportGroupFactory(
        name="Professionally led grief circle",
        access=SupportGroup.Access.REQUEST,
        leadership=SupportGroup.Leadership.PROFESSIONAL,
        topics=[grief],
    )
    MembershipFactory.create_batch(12, group=group)
    MembershipFactory(group=group, state=Membership.State.BANNED)
    ThreadFactory(group=group)

    page = _names(client)

    assert "Join by request" in page
    assert "Professionally led" in page
    assert "In English" in page
    assert "Grief and loss" in page
    assert "10 to 50 members" in page
    assert "Active this week" in page


def test_a_quiet_group_is_not_marked_active(client, open_group):
    thread = ThreadFactory(group=open_group)
    Thread.objects.filter(pk=thread.pk).update(last_posted_at=timezone.now() - timedelta(days=8))

    assert "Active this week" not in _names(client)


def test_cards_speak_arabic_to_an_arabic_reader(client):
    grief = TopicFactory(slug="grief", name_en="Grief and loss", name_ar="الحزن والفقد")
    SupportGroupFactory(topics=[grief])
    client.cookies["django_language"] = "ar"

    page = _names(client)

    assert "الحزن والفقد" in page
    assert "Grief and loss" not in page


def test_the_directory_has_a_title_and_description_for_search_engines(client):
    response = client.get(reverse("groups:directory"))

    page = response.content.decode()
    assert "<title>Support groups · Sanad</title>" in page
    assert '<meta name="description" content="Find a peer support group' in page
    assert "X-Robots-Tag" not in response.headers


# --- Queries -----------------------------------------------------------------------------


_NOT_THE_PAGES_OWN = ('FROM "django_session"', 'FROM "accounts_user"', 'FROM "notifications_')


def _directory_queries(client, **params) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("groups:directory"), params).status_code == 200
    return len([q for q in queries if not any(table in q["sql"] for table in _NOT_THE_PAGES_OWN)])


@pytest.mark.parametrize("params", [{}, {"q": "circle"}, {"q": "circle", "topic": "grief"}])
@pytest.mark.parametrize("signed_in", [False, True])
def test_the_directory_runs_a_fixed_number_of_queries(client, member, params, signed_in):
    if signed_in:
        client.force_login(member)
    grief = TopicFactory(slug="grief", name_en="Grief", name_ar="الحزن")
    SupportGroupFactory.create_batch(2, name="Quiet circle", topics=[grief])
    few = _directory_queries(client, **params)
    for group in SupportGroupFactory.create_batch(30, name="Quiet circle", topics=[grief]):
        MembershipFactory(group=group)
        ThreadFactory(group=group)

    many = _directory_queries(client, **params)

    assert few == many
    # topics for the filter, the count, one page of cards, their topics
    assert many == 4


# --- On a phone: the reader's language first, filters folded ----------------------------


@pytest.mark.parametrize(("language", "first"), [("ar", "دائرة المساء"), ("en", "Aspen circle")])
def test_groups_in_the_readers_language_come_first(client, language, first):
    SupportGroupFactory(name="Aspen circle", slug="aspen", language="en")
    SupportGroupFactory(name="Birch circle", slug="birch", language="en")
    SupportGroupFactory(name="دائرة المساء", slug="evening", language="ar")
    client.cookies["django_language"] = language

    page = _names(client).split('id="directory-results"')[1]
    positions = {name: page.index(name) for name in ("Aspen circle", "دائرة المساء")}

    assert min(positions, key=positions.get) == first


def test_the_filters_are_folded_until_one_is_in_use(client, hope):
    folded = _names(client)
    in_use = _names(client, language="ar")

    assert '<details class="filters-toggle">' in folded
    assert '<details class="filters-toggle" open>' in in_use
    assert "Filters (1 in use)" in in_use


def test_a_group_card_offers_the_way_in_before_its_long_rules(client):
    group = SupportGroupFactory(rules="\n".join(f"- Rule number {n}." for n in range(40)))

    page = client.get(group.get_absolute_url()).content.decode()

    assert page.index(reverse("groups:join", args=[group.slug])) < page.index("Rule number 0")
