from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from config.health import healthz

# The admin's own login form checks the password only; sending it through allauth's
# login keeps the second factor that staff must have.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", include("groups.urls")),
    path("", include("posts.urls")),
    path("", include("moderation.urls")),
    path("", include("notifications.urls")),
    path("accounts/personas/", include("accounts.persona_urls")),
    path("accounts/privacy/", include("accounts.privacy_urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", healthz, name="healthz"),
]
