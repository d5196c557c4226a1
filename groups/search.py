"""Finding groups by name, summary and topic, whichever way a word is spelled.

Both sides are folded by config.arabic.normalise_arabic (hamza forms, taa marbuta, alef
maqsura, diacritics), so spelling variants meet. On PostgreSQL the folded text is
stemmed with the text-search configuration of the group's language into a stored,
GIN-indexed search_vector, with an unstemmed 'simple' copy so that exact words and the
beginning of a word being typed also match. SQLite has no full-text search here: the
folded text is matched word by word as a substring, which is slower but finds the same
groups for whole words.
"""

from collections.abc import Iterable

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections
from django.db.models import F, QuerySet, Value

from config.arabic import normalise_arabic, search_words

SEARCH_CONFIGS = {"ar": "arabic", "en": "english"}
# More words than this in one query are ignored: nobody describes a group in twenty.
MAX_QUERY_WORDS = 8


def search_config(language: str) -> str:
    return SEARCH_CONFIGS.get(language, "simple")


def _is_postgres(model) -> bool:
    return connections[model.objects.db].vendor == "postgresql"


def _parts(group) -> dict[str, str]:
    topics = list(group.topics.all())
    return {
        "name": normalise_arabic(group.name),
        "summary": normalise_arabic(group.summary),
        "topics_ar": normalise_arabic(" ".join(topic.name_ar for topic in topics)),
        "topics_en": normalise_arabic(" ".join(topic.name_en for topic in topics)),
    }


def _vector(parts: dict[str, str], config: str) -> SearchVector:
    everything = " ".join(parts.values())
    return (
        SearchVector(Value(parts["name"]), config=config, weight="A")
        + SearchVector(Value(parts["topics_ar"]), config="arabic", weight="B")
        + SearchVector(Value(parts["topics_en"]), config="english", weight="B")
        + SearchVector(Value(parts["summary"]), config=config, weight="C")
        + SearchVector(Value(everything), config="simple", weight="D")
    )


def index_groups(groups: Iterable, *, model=None) -> None:
    """Refresh the stored search fields of these groups (after any change to their name,
    summary, language or topics). `model` lets a migration pass its historical model."""
    from groups.models import SupportGroup

    model = model or SupportGroup
    postgres = _is_postgres(model)
    for group in groups:
        parts = _parts(group)
        fields = {"search_text": " ".join(parts.values())}
        if postgres:
            fields["search_vector"] = _vector(parts, search_config(group.language))
        model.objects.filter(pk=group.pk).update(**fields)


def _fallback_word(word: str) -> str:
    """A crude stem for the SQLite fallback: enough that "groups" finds "group" and
    "الامل" finds "امل", since words are matched as substrings there."""
    if word.isascii():
        for suffix in ("ing", "ed", "es", "s"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                return word[: -len(suffix)]
        return word
    if word.startswith("ال") and len(word) > 4:
        return word[2:]
    return word


def search_groups(queryset: QuerySet, query: str) -> QuerySet:
    """Narrow a queryset of groups to those matching every word of the query, best
    matches first (on PostgreSQL, by rank; on SQLite, the caller's order)."""
    words = search_words(query)[:MAX_QUERY_WORDS]
    if not words:
        return queryset
    if not _is_postgres(queryset.model):
        for word in words:
            queryset = queryset.filter(search_text__contains=_fallback_word(word))
        return queryset
    combined = None
    for word in words:
        # A word matches stemmed in either language, or as the start of any word: the
        # last word of a query being typed is usually unfinished. search_words leaves
        # only letters and digits, so the raw query cannot carry tsquery syntax.
        term = (
            SearchQuery(word, config="arabic")
            | SearchQuery(word, config="english")
            | SearchQuery(f"{word}:*", config="simple", search_type="raw")
        )
        combined = term if combined is None else combined & term
    return (
        queryset.filter(search_vector=combined)
        .annotate(rank=SearchRank(F("search_vector"), combined))
        .order_by("-rank", "name", "pk")
    )
