"""Sanad's test bench, kept out of the product apps: `python manage.py benchmark`.

One module per app that has something to measure, named by the app's label
(benchmarks/posts.py -> `posts.site`, `posts.search`, ...), each with a dict BENCHMARKS of
name -> callable(command, options). The helpers beside them (serving, search, ceiling, and
the settings and URLs of the ceiling's server processes) are imported by those modules.

The package is an app only so that Django finds its management command; config/settings.py
installs it when it is present, and the production image does not copy it.
"""
