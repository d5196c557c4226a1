"""The site's URLs plus views that fail, for the error page tests."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import OperationalError
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def _database_down(request):
    raise OperationalError("could not connect to server")


def _forbidden(request):
    raise PermissionDenied


def _bad(request):
    raise SuspiciousOperation("malformed")


urlpatterns = [
    path("test-errors/500/", _database_down),
    path("test-errors/403/", _forbidden),
    path("test-errors/400/", _bad),
    *site_urlpatterns,
]

handler400 = "config.errors.bad_request"
handler403 = "config.errors.permission_denied"
handler404 = "config.errors.page_not_found"
handler500 = "config.errors.server_error"
