"""Step 4: the learned scorer, a linear model over the normalised text and the signals.

One logistic regression per label (one-versus-rest, liblinear: seconds, not minutes,
on two shared cores). Features: character n-grams (2 to 4, within words) of the
normalised text, word uni- and bigrams of its light stems, and the signals and context
found by the rules.
Hashed (no vocabulary to store), so the model is one sparse weight matrix and a bias
per label, kept as a .npz file (no pickle): built by `python manage.py crisis_train`
from moderation/crisis/corpus/train_*.jsonl with a fixed seed, during set-up (make),
and on first use when the file is missing or was built from another corpus.
Nothing is downloaded; no pretrained weights.
"""

import contextlib
import hashlib
import json
import logging
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer  # analysers only

LABELS = ("none", "possible", "urgent", "other_person", "hold")
CORPUS = Path(__file__).parent / "corpus"
MODEL_FILE = Path(__file__).parent / "model.npz"
SEED = 11
_FEATURES = 2**18
# Inverse regularisation strength, chosen by cross-validation on the training corpus.
C = 64.0
_FLAGS = (
    "urgent", "urgent.dead", "urgent.past", "possible", "possible.dead", "hold", "hold.dead",
    "other", "means", "negated", "addressed", "other_subject", "idiom", "recovered",
    "recovered_now", "loss", "news", "supportive", "medication", "arabizi", "laugh",
)  # fmt: skip
_lock = threading.Lock()
logger = logging.getLogger(__name__)


def _chars() -> HashingVectorizer:
    return HashingVectorizer(
        analyzer="char_wb", ngram_range=(2, 4), n_features=_FEATURES, alternate_sign=False
    )


def _words() -> HashingVectorizer:
    return HashingVectorizer(
        analyzer="word",
        token_pattern=r"[^\s|]+",  # noqa: S106 (a regular expression, not a password)
        ngram_range=(1, 2),
        n_features=_FEATURES,
        alternate_sign=False,
        lowercase=False,
    )


_CHAR_NGRAMS, _WORD_NGRAMS = _chars().build_analyzer(), _words().build_analyzer()


def _hashed(doc: str, analyse, offset: int) -> tuple[np.ndarray, np.ndarray]:
    """What HashingVectorizer gives for one text (l2-normalised counts of hashed
    n-grams) as (columns, values), without scipy or sklearn's per-call checks: a post
    has milliseconds."""
    from sklearn.feature_extraction._hashing_fast import transform as hash_features

    columns, _indptr, _values = hash_features(
        [[(feature, 1) for feature in analyse(doc)]], _FEATURES, np.float64, False
    )
    if not len(columns):
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    unique, counts = np.unique(columns, return_counts=True)
    values = counts.astype(np.float64)
    return unique.astype(np.int64) + offset, values / np.sqrt((values * values).sum())


def vector(item: tuple[str, str, frozenset[str]]) -> tuple[np.ndarray, np.ndarray]:
    """One text's features as (columns, values): (normalised text, stems, flags)."""
    text, stems, found = item
    char_columns, char_values = _hashed(text, _CHAR_NGRAMS, 0)
    word_columns, word_values = _hashed(stems, _WORD_NGRAMS, _FEATURES)
    flag_columns = np.array(
        [2 * _FEATURES + n for n, flag in enumerate(_FLAGS) if flag in found], dtype=np.int64
    )
    return (
        np.concatenate([char_columns, word_columns, flag_columns]),
        np.concatenate([char_values, word_values, np.ones(len(flag_columns))]),
    )


WIDTH = 2 * _FEATURES + len(_FLAGS)


def features(items: list[tuple[str, str, frozenset[str]]]) -> sparse.csr_matrix:
    """The training matrix, row by row from vector()."""
    rows = [vector(item) for item in items]
    indptr = np.cumsum([0] + [len(columns) for columns, _v in rows])
    columns = np.concatenate([c for c, _v in rows]) if rows else np.zeros(0, dtype=np.int64)
    values = np.concatenate([v for _c, v in rows]) if rows else np.zeros(0)
    return sparse.csr_matrix((values, columns, indptr), shape=(len(items), WIDTH))


@dataclass(frozen=True)
class Model:
    weights: sparse.csr_matrix  # features x labels
    bias: np.ndarray
    corpus_digest: str

    @property
    def dense(self) -> np.ndarray:
        cached = self.__dict__.get("_dense")
        if cached is None:
            cached = self.weights.toarray().astype(np.float32)
            object.__setattr__(self, "_dense", cached)
        return cached

    def probabilities(self, item: tuple[str, str, frozenset[str]]) -> np.ndarray:
        """The probability of each label (LABELS order) for one text."""
        columns, values = vector(item)
        scores = values @ self.dense[columns] + self.bias
        # One-versus-rest: each label's own logistic score, then shared out to sum to 1.
        each = 1.0 / (1.0 + np.exp(-np.clip(scores, -30, 30)))
        return each / each.sum()


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("train_*.jsonl"))


# The code that turns a text into features: when it changes, the model is rebuilt too.
_FEATURE_CODE = (
    "normalise.py",
    "lexicons.py",
    "signals.py",
    "context.py",
    "detector.py",
    "model.py",
)


def corpus_digest() -> str:
    """What the model was built from: the training corpus and the feature code."""
    digest = hashlib.sha256()
    for name in _FEATURE_CODE:
        digest.update((Path(__file__).parent / name).read_bytes())
    for path in corpus_files():
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def read_corpus(paths: list[Path]) -> list[dict]:
    items = []
    for path in paths:
        with path.open(encoding="utf-8") as lines:
            items += [json.loads(line) for line in lines if line.strip()]
    return items


def train(analyse) -> Model:
    """Fit on the training corpus. analyse(text) -> (normalised, stems, flags)."""
    items = read_corpus(corpus_files())
    return fit([analyse(item["text"]) for item in items], [item["label"] for item in items])


def fit(views: list[tuple[str, str, frozenset[str]]], labels: list[str]) -> Model:
    """Fit on views (what training_view gives) and their labels (also used for the
    cross-validation that calibrates the thresholds on held-out training folds)."""
    from sklearn.linear_model import LogisticRegression

    x = features(views)
    y = np.array([LABELS.index(label) for label in labels])
    # Only the hashed columns the corpus uses: a few thousand of half a million.
    used = np.unique(x.indices)
    x_used = x[:, used]
    weights = np.zeros((x.shape[1], len(LABELS)))
    bias = np.zeros(len(LABELS))
    for label in range(len(LABELS)):
        target = (y == label).astype(int)
        if not target.any():
            bias[label] = -30.0
            continue
        classifier = LogisticRegression(
            C=C, solver="liblinear", class_weight="balanced", random_state=SEED, tol=1e-6
        )
        classifier.fit(x_used, target)
        weights[used, label] = classifier.coef_[0]
        bias[label] = classifier.intercept_[0]
    weights[np.abs(weights) < 1e-9] = 0.0
    return Model(sparse.csr_matrix(weights), bias, corpus_digest())


def save(model: Model, path: Path | None = None) -> None:
    path = path or MODEL_FILE
    w = model.weights.tocsr()
    with path.open("wb") as out:
        np.savez_compressed(
            out,
            data=w.data,
            indices=w.indices,
            indptr=w.indptr,
            shape=np.array(w.shape),
            bias=model.bias,
            digest=np.array(model.corpus_digest),
        )


def load(path: Path | None = None) -> Model | None:
    path = path or MODEL_FILE
    try:
        with np.load(path, allow_pickle=False) as f:
            weights = sparse.csr_matrix(
                (f["data"], f["indices"], f["indptr"]), shape=tuple(f["shape"])
            )
            return Model(weights, f["bias"], str(f["digest"]))
    except (OSError, ValueError, KeyError):
        return None


def fingerprint(model: Model) -> str:
    """A hash of the weights: the same corpus and seed give the same fingerprint."""
    digest = hashlib.sha256()
    digest.update(np.round(model.weights.toarray(), 6).tobytes())
    digest.update(np.round(model.bias, 6).tobytes())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1)
def current(analyse) -> Model:
    """The model for this corpus: the file if it matches, else trained now (and saved
    when the directory is writable). Loaded once per process."""
    with _lock:
        model = load()
        if model is not None and model.corpus_digest == corpus_digest():
            return model
        logger.info("crisis model missing or stale: training from the corpus")
        model = train(analyse)
        with contextlib.suppress(OSError):  # a read-only install keeps it in memory
            save(model)
        return model
