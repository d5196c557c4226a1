"""The benchmark server's URLs: the site's own, plus the ceiling (posts.benchmarks)."""

from django.urls import include, path

from posts.benchmark_ceiling import ceiling_thread

urlpatterns = [
    path("__benchmark__/ceiling/threads/<int:thread_id>/", ceiling_thread),
    path("", include("config.urls")),
]
