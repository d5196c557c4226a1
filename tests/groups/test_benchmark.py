"""The directory search benchmark still runs (at a tiny scale), so it cannot rot."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from groups.models import SupportGroup

pytestmark = pytest.mark.django_db


def test_the_directory_search_benchmark_runs_and_leaves_no_data_behind():
    out = StringIO()

    call_command("benchmark", "--only", "groups.directory_search", "--scale", "0.004", stdout=out)

    output = out.getvalue()
    if connection.vendor == "postgresql":
        assert "request  p50" in output
        assert "p99" in output
        assert "measured through the Django test client" in output
    else:
        assert "directory_search skipped" in output
    assert not SupportGroup.objects.exists()
