from io import StringIO

import pytest
from django.core.management import call_command

from notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_the_fanout_benchmark_runs_and_leaves_nothing_behind():
    out = StringIO()

    call_command("benchmark", "--only", "notifications.fanout", "--scale", "0.002", stdout=out)

    figures = out.getvalue()
    assert "notifications_recorded: 21" in figures
    assert "pushes_sent_live: 2" in figures
    assert "push_deliveries_handled: 21" in figures
    assert "fanout_seconds:" in figures
    assert not Notification.objects.exists()
