"""Which crisis lines a person sees: on /help/ and in the crisis panel after a post.

Chosen by the language they read Sanad in and their country: the one they picked on
/help/ (a cookie, so that a visitor in crisis needs no account for it), else the region
of their browser's language ("ar-EG"), else none, which shows the lines that work
anywhere. Nothing is stored on the server, and nothing about the choice is logged.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils.translation.trans_real import parse_accept_lang_header

from moderation.countries import COUNTRIES, country_name, sorted_countries
from moderation.models import CrisisResource

COUNTRY_COOKIE = "sanad_help_country"
COUNTRY_COOKIE_AGE = timedelta(days=365)
# Enough to call someone now without scrolling; the rest are one click away on /help/.
PANEL_RESOURCES = 4


def chosen_country(request) -> tuple[str, str]:
    """The country whose lines come first, and how it was known: "chosen" (the cookie),
    "browser" (the region of the browser's preferred language) or "" (unknown)."""
    code = request.COOKIES.get(COUNTRY_COOKIE, "").upper()
    if code in COUNTRIES:
        return code, "chosen"
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for tag, _quality in parse_accept_lang_header(header[:200]):
        region = tag.partition("-")[2].upper()
        if region in COUNTRIES:
            return region, "browser"
    return "", ""


def remember_country(response, request, code: str) -> None:
    if code:
        response.set_cookie(
            COUNTRY_COOKIE,
            code,
            max_age=int(COUNTRY_COOKIE_AGE.total_seconds()),
            samesite="Lax",
            secure=request.is_secure(),
            httponly=True,
        )
    else:
        response.delete_cookie(COUNTRY_COOKIE, samesite="Lax")


@dataclass
class CountryLines:
    code: str
    name: str
    resources: list[CrisisResource] = field(default_factory=list)


@dataclass
class HelpLines:
    country: CountryLines | None
    anywhere: list[CrisisResource]
    others: list[CountryLines]


def _order(resource: CrisisResource):
    # Someone to talk to first, then emergency services; the admin's order within each.
    return (resource.kind != CrisisResource.Kind.HELPLINE, resource.order, resource.name)


def _in_language(resources: list[CrisisResource], language: str) -> list[CrisisResource]:
    """The entries written for this language (or for every language); when a country
    has none in this language, its entries in any language rather than nothing."""
    mine = [r for r in resources if r.language in ("", language)]
    return sorted(mine or resources, key=_order)


def help_lines(*, language: str, country: str = "") -> HelpLines:
    """Every active resource, by country, for a reader of this language. One query."""
    by_country: dict[str, list[CrisisResource]] = {}
    for resource in CrisisResource.objects.filter(is_active=True):
        by_country.setdefault(resource.country, []).append(resource)
    anywhere = _in_language(by_country.pop("", []), language)
    chosen = None
    if country in COUNTRIES:
        chosen = CountryLines(
            country, country_name(country), _in_language(by_country.pop(country, []), language)
        )
    others = [
        CountryLines(code, country_name(code), _in_language(by_country[code], language))
        for code in sorted_countries(by_country)
    ]
    return HelpLines(country=chosen, anywhere=anywhere, others=others)


def panel_lines(*, language: str, country: str = "") -> list[CrisisResource]:
    """The few lines the crisis panel shows: the country's first, then the ones that
    work anywhere, numbers to call before directories to browse."""
    lines = help_lines(language=language, country=country)
    mine = lines.country.resources if lines.country else []
    anywhere = sorted(lines.anywhere, key=lambda r: (not r.phone, *_order(r)))
    return [*mine, *anywhere][:PANEL_RESOURCES]
