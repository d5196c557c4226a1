"""python manage.py crisis_train: rebuild the crisis detector's model from the corpus.

Reads moderation/crisis/corpus/train_*.jsonl (never dev.jsonl), fits with a fixed seed
and writes moderation/crisis/model.npz. The same corpus gives the same weights.
"""

from django.core.management.base import BaseCommand

from moderation.crisis import detector, model


class Command(BaseCommand):
    help = "Train the crisis detector's linear model from the training corpus."

    def add_arguments(self, parser):
        parser.add_argument("--if-stale", action="store_true", help="only when the corpus changed")
        parser.add_argument(
            "--cv",
            action="store_true",
            help="print cross-validated figures on the training corpus (for the thresholds)",
        )
        parser.add_argument(
            "--cv-by-file",
            action="store_true",
            help="the same, leaving one training file (one writer's batch) out at a time",
        )

    def handle(self, *args, **options):
        if options["cv"] or options["cv_by_file"]:
            from moderation.crisis import crossval

            scored = crossval.out_of_fold(by_file=options["cv_by_file"])
            for key, (hits, total) in crossval.figures(scored).items():
                self.stdout.write(f"  {key:<24} {hits / total:6.1%}  {hits}/{total}")
            return
        if options["if_stale"]:
            existing = model.load()
            if existing is not None and existing.corpus_digest == model.corpus_digest():
                self.stdout.write(f"crisis model is up to date ({model.fingerprint(existing)})")
                return
        items = model.read_corpus(model.corpus_files())
        built = model.train(detector.training_view)
        model.save(built)
        model.current.cache_clear()
        self.stdout.write(
            f"crisis model trained on {len(items)} texts from "
            f"{', '.join(p.name for p in model.corpus_files())}: "
            f"{model.MODEL_FILE.name}, weights {model.fingerprint(built)}"
        )
