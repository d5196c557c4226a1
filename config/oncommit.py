"""Side effects that run once the surrounding transaction has committed."""

from collections.abc import Callable

from django.db import transaction


def after_commit(func: Callable, /, *args, **kwargs) -> None:
    """Run func(*args, **kwargs) after commit, and never let it fail the request.

    robust=True: a broker or channel-layer outage must not undo what the member just
    did; periodic sweepers pick up what was lost. The callback is a named function
    rather than functools.partial because Django logs a failed robust callback by its
    __qualname__, which a partial lacks, and the AttributeError would escape after all.
    """

    def callback() -> None:
        func(*args, **kwargs)

    callback.__qualname__ = getattr(func, "__qualname__", getattr(func, "name", repr(func)))
    transaction.on_commit(callback, robust=True)
