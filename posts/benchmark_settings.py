"""Settings for the benchmark's server processes (posts.benchmarks).

Production's settings, read from the same environment, with two additions only the
benchmark needs: the ceiling's URL (a thread page rendered from memory, never routed in
production) and a throw-away STATIC_ROOT for collectstatic.
"""

import os

from config.settings import *  # noqa: F403

ROOT_URLCONF = "posts.benchmark_urls"
STATIC_ROOT = os.environ["SANAD_BENCH_STATIC_ROOT"]
