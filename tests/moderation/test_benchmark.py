"""The moderation benchmarks still run (at a tiny scale) and report their figures."""

import io

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_the_moderation_benchmarks_run_and_report(settings):
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    out = io.StringIO()

    call_command(
        "benchmark",
        "--only",
        "moderation.queue",
        "--only",
        "moderation.screening",
        "--only",
        "moderation.claims",
        "--scale",
        "0.01",
        stdout=out,
    )

    printed = out.getvalue()
    for figure in ("queue_p50_ms", "queue_queries", "screen_p50_ms", "claim_and_release_p50_ms"):
        assert figure in printed
    from moderation.models import ReviewItem

    # Everything the benchmark made was rolled back.
    assert not ReviewItem.objects.exists()
