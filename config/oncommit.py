"""Side effects that run once the surrounding transaction has committed."""

import logging
import time
from collections.abc import Callable

from django.db import transaction
from kombu.exceptions import OperationalError as BrokerUnreachable

logger = logging.getLogger(__name__)

# After a task could not be handed to the broker, later tasks are not even tried for
# this long: with Redis down, each attempt costs seconds (redis-py retries the
# connection with a back-off), which the member posting would wait through. What is
# skipped is what a failed attempt loses too, and the sweepers pick it up.
BROKER_RETRY_AFTER_SECONDS = 15.0
_broker_down_until = 0.0


def _is_task_publish(func: Callable) -> bool:
    task = getattr(func, "__self__", None)
    return getattr(func, "__name__", "") in {"delay", "apply_async"} and hasattr(
        task, "apply_async"
    )


def _eager() -> bool:
    from config.celery import app

    return bool(app.conf.task_always_eager)


def after_commit(func: Callable, /, *args, **kwargs) -> None:
    """Run func(*args, **kwargs) after commit, and never let it fail the request.

    robust=True: a broker or channel-layer outage must not undo what the member just
    did; periodic sweepers pick up what was lost. The callback is a named function
    rather than functools.partial because Django logs a failed robust callback by its
    __qualname__, which a partial lacks, and the AttributeError would escape after all.
    """
    publish = _is_task_publish(func)

    def callback() -> None:
        global _broker_down_until
        if publish and not _eager() and time.monotonic() < _broker_down_until:
            logger.warning("broker unreachable: %s left to the sweepers", callback.__qualname__)
            return
        try:
            func(*args, **kwargs)
        except BrokerUnreachable:
            if publish:
                _broker_down_until = time.monotonic() + BROKER_RETRY_AFTER_SECONDS
            raise

    callback.__qualname__ = getattr(func, "__qualname__", getattr(func, "name", repr(func)))
    transaction.on_commit(callback, robust=True)


def task_after_commit(name: str, /, *args, **kwargs) -> None:
    """after_commit(task.delay, ...) for the task Celery knows by this name.

    For a service whose app's own tasks call it back (a task sends the email the service
    queued): naming the task, rather than importing the tasks module, keeps the imports
    one-way, tasks → services. Each app imports its tasks module in AppConfig.ready(),
    so the name is known in every process.
    """
    from config.celery import app

    after_commit(app.tasks[name].delay, *args, **kwargs)
