from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from config.health import healthz

# The admin's own login form checks the password only; sending it through allauth's
# login keeps the second factor that staff must have.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", include("groups.urls")),
    path("", include("posts.urls")),
    path("", include("moderation.urls")),
    path("", include("delivery.urls")),
    path("accounts/personas/", include("groups.persona_urls")),
    path("accounts/privacy/", include("privacy.urls")),
    path("accounts/recovery/", include("accounts.recovery_urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    # Without a token in the language switch, a visitor's public pages carry nothing of
    # theirs and may be cached. The worst a forged switch can do is change a language.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("healthz", healthz, name="healthz"),
]

# Sanad's own error pages, in the reader's language, with the two safety links; they
# never touch the database (config/errors.py).
handler400 = "config.errors.bad_request"
handler403 = "config.errors.permission_denied"
handler404 = "config.errors.page_not_found"
handler500 = "config.errors.server_error"

# allauth answers its own rate limits (sign-in, sign-up, password reset) through this:
# the page filled in again, with the message, as 429 with Retry-After.
handler429 = "accounts.views.handler429"
