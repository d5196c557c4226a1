"""The countries /help/ lists crisis lines for: the 22 members of the Arab League and the
main English-speaking countries. A resource without a country is for anyone, anywhere.

A fixed list rather than every country in the world: each entry here is a promise that
someone looked for that country's lines (see the seed in the migrations), and a
country chooser of two hundred names is slow to use in a crisis.
"""

from django.utils.translation import gettext_lazy as _

ARAB_COUNTRIES = {
    "DZ": _("Algeria"),
    "BH": _("Bahrain"),
    "KM": _("Comoros"),
    "DJ": _("Djibouti"),
    "EG": _("Egypt"),
    "IQ": _("Iraq"),
    "JO": _("Jordan"),
    "KW": _("Kuwait"),
    "LB": _("Lebanon"),
    "LY": _("Libya"),
    "MR": _("Mauritania"),
    "MA": _("Morocco"),
    "OM": _("Oman"),
    "PS": _("Palestine"),
    "QA": _("Qatar"),
    "SA": _("Saudi Arabia"),
    "SO": _("Somalia"),
    "SD": _("Sudan"),
    "SY": _("Syria"),
    "TN": _("Tunisia"),
    "AE": _("United Arab Emirates"),
    "YE": _("Yemen"),
}
ENGLISH_SPEAKING_COUNTRIES = {
    "AU": _("Australia"),
    "CA": _("Canada"),
    "IE": _("Ireland"),
    "NZ": _("New Zealand"),
    "GB": _("United Kingdom"),
    "US": _("United States"),
}
COUNTRIES = {**ARAB_COUNTRIES, **ENGLISH_SPEAKING_COUNTRIES}
COUNTRY_CHOICES = [
    (_("Arab countries"), list(ARAB_COUNTRIES.items())),
    (_("English-speaking countries"), list(ENGLISH_SPEAKING_COUNTRIES.items())),
]


def country_name(code: str) -> str:
    return str(COUNTRIES.get(code, _("Anywhere")))


def sorted_countries(codes) -> list[str]:
    """Country codes in the order of their names in the active language."""
    return sorted(codes, key=lambda code: country_name(code))
