"""The posts app's benchmark lines (`manage.py benchmark --only posts.<name>`): the site
(benchmarks.site), search at a million posts (benchmarks.search) and the serving
arrangements (benchmarks.serving). Only a registry, so that those three share the site's
seeding and client without importing each other in a circle."""

from benchmarks.search import run_search
from benchmarks.serving import run_serving
from benchmarks.site import run_site

BENCHMARKS = {"site": run_site, "search": run_search, "serving": run_serving}
