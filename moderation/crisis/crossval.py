"""Cross-validation on the TRAINING corpus (never dev.jsonl): each fold's texts scored
by a model fitted on the other folds, so the decision thresholds in
moderation.crisis.detector can be calibrated on text the model has not seen, without
looking at the development split. `python manage.py crisis_train --cv` prints it.

Random folds flatter the model: one writer's sentences (often the same situation in
several dialects) sit in every fold. `--cv-by-file` leaves one training file out at a
time instead, each file being one writer's batch: a new writer's text, as members write it.
"""

import random
from collections import defaultdict

from moderation.crisis import detector, model

FOLDS = 5


def out_of_fold(folds: int = FOLDS, *, by_file: bool = False):
    """[(item, analysis, probabilities)] for every training text, each scored by the
    model of the folds it is not in (folds fixed by the seed, or one per file)."""
    paths = model.corpus_files()
    items, file_of = [], []
    for number, path in enumerate(paths):
        batch = model.read_corpus([path])
        items += batch
        file_of += [number] * len(batch)
    analyses = [detector.analyse(item["text"]) for item in items]
    views = [detector._model_view(a) for a in analyses]
    if by_file:
        folds = len(paths)
        fold_of = dict(enumerate(file_of))
    else:
        order = list(range(len(items)))
        random.Random(model.SEED).shuffle(order)
        fold_of = {index: n % folds for n, index in enumerate(order)}
    scored = [None] * len(items)
    for fold in range(folds):
        train = [i for i in range(len(items)) if fold_of[i] != fold]
        fitted = model.fit([views[i] for i in train], [items[i]["label"] for i in train])
        for i in range(len(items)):
            if fold_of[i] == fold:
                scored[i] = (items[i], analyses[i], fitted.probabilities(views[i]))
    return scored


def figures(scored, decide=None) -> dict[str, tuple[int, int]]:
    """The crisis_eval figures (as hits, total) for the out-of-fold verdicts."""
    decide = decide or detector.decide
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])

    def count(key: str, hit: bool) -> None:
        counts[key][0] += int(hit)
        counts[key][1] += 1

    for item, analysis, probabilities in scored:
        tier = decide(analysis, probabilities).tier
        label, lang = item["label"], item.get("lang", "")
        kind = item.get("kind", "")
        if label == "urgent":
            count(f"recall.{lang}", tier in {"urgent", "hold"})
            if lang == "ar":
                count(f"recall.ar.{item.get('dialect') or lang}", tier in {"urgent", "hold"})
        if label in {"urgent", "hold"}:
            count("missed", tier == "none")
        if label == "hold":
            count("held", tier == "hold")
        if label == "other_person":
            count("other", tier == "other_person")
        if label == "possible":
            count("possible", tier != "none")
        if label == "none":
            group = "hard" if kind.startswith("hard") else "ordinary"
            count(f"fa.{group}", tier != "none")
            count(f"fa.{group}.{lang}", tier != "none")
    return {key: (hits, total) for key, (hits, total) in sorted(counts.items())}
