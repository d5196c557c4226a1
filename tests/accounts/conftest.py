import pytest
from django.core import mail

from tests.accounts.hashers import CountingHasher


@pytest.fixture
def hashes(settings):
    """How many password hashes were computed since the last reset()."""
    settings.PASSWORD_HASHERS = ["tests.accounts.hashers.CountingHasher"]

    class Counter:
        def reset(self):
            CountingHasher.calls = 0

        @property
        def count(self):
            return CountingHasher.calls

    counter = Counter()
    counter.reset()
    return counter


@pytest.fixture
def emails_sent(django_capture_on_commit_callbacks):
    """Run a block and return the emails it sent: account emails go out through Celery
    after commit, which tests run in-process when the block's callbacks fire."""

    class Capture:
        def __call__(self, action):
            mail.outbox = []
            with django_capture_on_commit_callbacks(execute=True):
                result = action()
            self.result = result
            return list(mail.outbox)

    return Capture()
