from django.conf import settings
from django.utils.translation import gettext


def sanad(request):
    return {
        # The site's name in the reader's language: "سند" in Arabic titles ("… · سند"),
        # never the Latin "Sanad" (the catalogue translates the configured name).
        "SITE_NAME": gettext(settings.SANAD_SITE_NAME),
        "QUICK_EXIT_URL": settings.SANAD_QUICK_EXIT_URL,
    }
