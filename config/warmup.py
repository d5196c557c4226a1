"""Get a server process ready before its first request.

A Django process holds a few hundred thousand long-lived objects (models, URL patterns,
compiled templates, translation catalogues). Python's cyclic garbage collector walks all
of them on every full collection, and allocation-heavy pages such as a long thread
trigger those often: measured in-process, collections took about a third of a thread
page's time. Loading what every page needs now and then freezing it (gc.freeze, the
standard library's tool for exactly this) leaves the collector only what requests
allocate. Nothing frozen is ever freed, which is right for objects that live as long as
the process anyway.
"""

import gc
import logging
from pathlib import Path

from django.conf import settings
from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
from django.urls import get_resolver
from django.utils import translation

logger = logging.getLogger(__name__)


def _project_templates() -> list[str]:
    """Names of the project's own templates (not the libraries'): the pages served."""
    root = Path(settings.BASE_DIR) / "templates"
    return sorted(str(path.relative_to(root)) for path in root.rglob("*.html"))


def prepare_process() -> None:
    get_resolver().url_patterns  # noqa: B018 (importing every view and URL pattern)
    engine = engines["django"]
    for name in _project_templates():
        try:
            engine.get_template(name)
        except (TemplateDoesNotExist, TemplateSyntaxError):  # pragma: no cover
            logger.exception("Template %s did not load at start-up", name)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Sanad")  # loads the catalogue
    _warm_crisis_detector()
    gc.collect()
    gc.freeze()


def _warm_crisis_detector() -> None:
    """The crisis detector reads every post: its lists compile and its model loads now
    (seconds), not while the first member to post waits. A detector that cannot load
    does not stop the server: screening falls back to the phrase lists in admin."""
    try:
        from moderation.crisis import detector

        detector.warm()
    except Exception:
        logger.exception("The crisis detector did not load at start-up")
