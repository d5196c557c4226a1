from django.conf import settings


def sanad(request):
    return {
        "SITE_NAME": settings.SANAD_SITE_NAME,
        "QUICK_EXIT_URL": settings.SANAD_QUICK_EXIT_URL,
    }
