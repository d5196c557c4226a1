"""Settings for the benchmark's server processes (benchmarks.site).

Production's settings, read from the same environment, with three additions only the
benchmark needs: the ceiling's URL (a thread page rendered from memory, never routed in
production), a header naming the server process that answered, and a throw-away
STATIC_ROOT for collectstatic.
"""

import os

from config.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"
# Which server process answered: the client spreads its connections evenly over them.
MIDDLEWARE = ["benchmarks.ceiling.worker_header", *MIDDLEWARE]  # noqa: F405
STATIC_ROOT = os.environ["SANAD_BENCH_STATIC_ROOT"]
