"""A server process loads what every page needs before its first request, and hides it
from the garbage collector (config/warmup.py)."""

import gc

from django.template import engines

from config.warmup import _project_templates, prepare_process


def test_a_server_process_starts_with_its_templates_loaded_and_frozen():
    try:
        prepare_process()
        frozen = gc.get_freeze_count()
    finally:
        gc.unfreeze()

    assert frozen > 10_000
    names = _project_templates()
    assert "base.html" in names and "posts/thread_detail.html" in names
    for name in names:
        engines["django"].get_template(name)  # every page template compiles
