"""The site benchmark runs end to end at a tiny scale, so it cannot rot: it seeds, serves
the site with uvicorn as production does, and measures every line."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from benchmarks.site import _reply_counts, _scaled


def test_the_seed_plan_is_skewed_and_adds_up():
    import random

    counts = _scaled(1.0)
    replies = _reply_counts(random.Random(1), counts)

    assert counts["threads"] == 2_000
    assert counts["members"] == 2_000
    assert len(replies) == counts["threads"]
    assert sum(replies) + counts["threads"] == counts["posts"] == 100_000
    assert sum(1 for r in replies if r >= 500) >= 4
    assert sum(1 for r in replies if r == 0) > 20


def test_it_refuses_a_database_that_is_not_its_own():
    from benchmarks import site as benchmarks

    with pytest.raises(CommandError, match="database of its own"):
        benchmarks._ensure_own_database("sanad")
    benchmarks._ensure_own_database("sanad_bench")


@pytest.mark.needs_postgres
@pytest.mark.django_db(transaction=True)
def test_the_site_benchmark_runs_at_a_tiny_scale():
    out = StringIO()

    call_command("benchmark", "--only", "posts.site", "--scale", "0.01", stdout=out)

    printed = out.getvalue()
    for line in (
        "thread, first page",
        "thread, last page",
        "group page",
        "search",
        "ceiling: thread page from memory",
        "Thread page vs ceiling",
    ):
        assert line in printed
    assert "req/s" in printed


@pytest.mark.needs_postgres
@pytest.mark.django_db(transaction=True)
def test_the_million_post_search_benchmark_runs_at_a_tiny_scale():
    out = StringIO()

    call_command("benchmark", "--only", "posts.search", "--scale", "0.0005", stdout=out)

    printed = out.getvalue()
    assert "Seeded 500 posts" in printed
    assert "GIN built in" in printed
    for line in ("common word, relevance", "rare word, newest", "all queries, four connections"):
        assert line in printed
    assert "Search at 500 posts, one client" in printed
