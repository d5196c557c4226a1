"""python manage.py crisis_eval: how the crisis detector does on text it was not trained on.

By default the development split, then the blind splits (test, fresh4) when the
checkout has them (`--split NAME` for one).

Prints recall per language and dialect family, false alarms on hard and ordinary
negatives, the share of method-seeking, pacts and encouragement held, crisis posts
silenced and the time per post. Exit code 0, unless --strict and a target is missed.
"""

from django.core.management.base import BaseCommand, CommandError

from moderation.crisis import evaluation


class Command(BaseCommand):
    help = (
        "Evaluate the crisis detector on moderation/crisis/corpus/dev.jsonl and, when present, "
        "the blind test.jsonl and fresh4.jsonl."
    )

    def add_arguments(self, parser):
        parser.add_argument("--strict", action="store_true", help="fail when a target is missed")
        parser.add_argument("--split", choices=evaluation.SPLITS, help="evaluate one split only")

    def handle(self, *args, **options):
        names = [options["split"]] if options["split"] else list(evaluation.SPLITS)
        paths = [evaluation.split_path(name) for name in names]
        present = [path for path in paths if path.exists()]
        if not present:
            message = f"No split at {paths[0]}: nothing to evaluate."
            if options["strict"]:
                raise CommandError(message)
            self.stdout.write(message)
            return
        missed = []
        for index, path in enumerate(present):
            if index:
                self.stdout.write("")
            figures = evaluation.evaluate(path)
            missed += [
                f"{path.stem}: {name}" for name in evaluation.report(figures, self.stdout.write)
            ]
        if options["strict"] and missed:
            raise CommandError(f"Targets missed: {', '.join(missed)}")
