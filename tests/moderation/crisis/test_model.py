"""The learned scorer: rebuilt the same from the same corpus, loaded lazily, never stale."""

import json

import pytest

from moderation.crisis import detector, model


@pytest.fixture
def tiny_corpus(tmp_path, monkeypatch):
    rows = [
        ("I want to die tonight", "urgent"),
        ("I feel like ending it all", "urgent"),
        ("nothing matters anymore, so tired", "possible"),
        ("my friend wants to kill herself, how do I help", "other_person"),
        ("lethal dose of paracetamol?", "hold"),
        ("thank you all, a good day", "none"),
        ("any tips for sleeping?", "none"),
        ("أريد أن أموت", "urgent"),
        ("شكراً لكم جميعاً", "none"),
    ]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    with (corpus / "train_tiny.jsonl").open("w", encoding="utf-8") as out:
        for text, label in rows:
            out.write(json.dumps({"text": text, "label": label, "lang": "en"}) + "\n")
    (corpus / "dev.jsonl").write_text('{"text": "never trained on", "label": "none"}\n')
    monkeypatch.setattr(model, "CORPUS", corpus)
    monkeypatch.setattr(model, "MODEL_FILE", tmp_path / "model.npz")
    model.current.cache_clear()
    yield corpus
    model.current.cache_clear()


def test_training_twice_from_the_same_corpus_gives_the_same_weights(tiny_corpus):
    first = model.train(detector.training_view)
    second = model.train(detector.training_view)

    assert model.fingerprint(first) == model.fingerprint(second)
    assert [p.name for p in model.corpus_files()] == ["train_tiny.jsonl"]  # never dev.jsonl


def test_the_saved_model_loads_back_the_same(tiny_corpus, tmp_path):
    built = model.train(detector.training_view)
    model.save(built, tmp_path / "model.npz")

    loaded = model.load(tmp_path / "model.npz")
    assert model.fingerprint(loaded) == model.fingerprint(built)
    assert loaded.corpus_digest == model.corpus_digest()


def test_a_missing_model_is_built_on_first_use_and_kept(tiny_corpus, tmp_path):
    assert not (tmp_path / "model.npz").exists()

    first = model.current(detector.training_view)

    assert (tmp_path / "model.npz").exists()
    assert model.current(detector.training_view) is first  # loaded once per process


def test_a_model_built_from_another_corpus_is_rebuilt(tiny_corpus, tmp_path):
    model.save(model.train(detector.training_view), tmp_path / "model.npz")
    with (tiny_corpus / "train_tiny.jsonl").open("a", encoding="utf-8") as out:
        out.write(json.dumps({"text": "I cut myself again", "label": "urgent"}) + "\n")

    rebuilt = model.current(detector.training_view)

    assert rebuilt.corpus_digest == model.corpus_digest()
    assert model.load(tmp_path / "model.npz").corpus_digest == model.corpus_digest()


def test_a_broken_model_file_is_not_used(tmp_path):
    (tmp_path / "model.npz").write_bytes(b"not a model")

    assert model.load(tmp_path / "model.npz") is None


def test_probabilities_cover_every_label_and_sum_to_one(tiny_corpus):
    built = model.train(detector.training_view)
    p = built.probabilities(detector.training_view("I want to die tonight"))

    assert len(p) == len(model.LABELS)
    assert abs(p.sum() - 1) < 1e-6
    assert model.LABELS[p.argmax()] == "urgent"


def test_cross_validation_by_file_scores_each_writers_batch_with_a_model_that_never_saw_it(
    tiny_corpus,
):
    from moderation.crisis import crossval

    (tiny_corpus / "train_other_writer.jsonl").write_text(
        json.dumps({"text": "goodbye everyone, I am done", "label": "urgent", "lang": "en"})
        + "\n"
        + json.dumps({"text": "a quiet walk by the river", "label": "none", "lang": "en"})
        + "\n",
        encoding="utf-8",
    )

    scored = crossval.out_of_fold(by_file=True)

    assert len(scored) == 11
    assert all(len(probabilities) == len(model.LABELS) for _i, _a, probabilities in scored)
    figures = crossval.figures(scored)
    assert figures["recall.en"][1] == 4  # every urgent text was scored, once


def test_crisis_train_prints_the_figures_by_file(tiny_corpus):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("crisis_train", "--cv-by-file", stdout=out)

    assert "recall.en" in out.getvalue()
