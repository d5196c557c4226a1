"""python manage.py benchmark: Sanad's throughput figures, measured, not guessed.

Each app that has something to measure has a module named by its label in the top-level
`benchmarks` package (benchmarks/posts.py, benchmarks/accounts.py, ...) with a dict
BENCHMARKS of name -> callable(command, options) that prints its own figures with
command.stdout.write and returns a dict of them. This command finds them, names each
`<app label>.<name>` and runs them.
"""

import importlib
import json

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError


def _discover() -> dict:
    found = {}
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"benchmarks.{config.label}")
        except ModuleNotFoundError as error:
            if error.name != f"benchmarks.{config.label}":
                raise
            continue
        for name, run in getattr(module, "BENCHMARKS", {}).items():
            found[f"{config.label}.{name}"] = run
    return found


class Command(BaseCommand):
    help = "Seed benchmark data and report throughput and latency for Sanad's hot paths."

    def add_arguments(self, parser):
        parser.add_argument("--only", action="append", default=[], help="run just these")
        parser.add_argument("--list", action="store_true", help="list the benchmarks")
        parser.add_argument("--json", action="store_true", help="print the figures as JSON")
        parser.add_argument("--scale", type=float, default=1.0, help="shrink or grow the data")

    def handle(self, *args, **options):
        benchmarks = _discover()
        if options["list"]:
            for name in sorted(benchmarks):
                self.stdout.write(name)
            return
        selected = options["only"] or sorted(benchmarks)
        unknown = [name for name in selected if name not in benchmarks]
        if unknown:
            raise CommandError(f"Unknown benchmarks: {', '.join(unknown)}")
        figures = {}
        for name in selected:
            self.stdout.write(self.style.MIGRATE_HEADING(f"== {name}"))
            figures[name] = benchmarks[name](self, options)
        if options["json"]:
            self.stdout.write(json.dumps(figures, indent=2, default=str))
