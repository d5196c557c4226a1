"""The benchmark server's URLs: the site's own, plus the ceiling (benchmarks.site)."""

from django.urls import include, path

from benchmarks.ceiling import ceiling_thread

urlpatterns = [
    path("__benchmark__/ceiling/threads/<int:thread_id>/", ceiling_thread),
    path("", include("config.urls")),
]
