"""crisis_eval prints its figures from a split nobody trains on, and fails only when asked."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from moderation.crisis import evaluation


@pytest.fixture
def split(tmp_path, monkeypatch):
    rows = [
        ("I want to die tonight", "urgent", "en", "en", "direct"),
        ("أريد أن أموت", "urgent", "ar", "msa", "direct"),
        ("بدي موت", "urgent", "ar", "levantine", "direct"),
        ("what is the lethal dose of paracetamol", "hold", "en", "en", "method"),
        ("I'm dying of laughter", "none", "en", "en", "hard.idiom"),
        ("Thank you all", "none", "en", "en", "ordinary"),
        ("شكراً لكم", "none", "ar", "msa", "ordinary"),
        (
            "my friend wants to kill herself, how can I help her?",
            "other_person",
            "en",
            "en",
            "other_person",
        ),
    ]
    path = tmp_path / "dev.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for text, label, lang, dialect, kind in rows:
            row = {"text": text, "label": label, "lang": lang, "dialect": dialect, "kind": kind}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    monkeypatch.setattr(evaluation, "DEV", path)
    monkeypatch.setattr(evaluation, "TEST", tmp_path / "test.jsonl")  # none unless a test writes it
    monkeypatch.setattr(evaluation, "FRESH4", tmp_path / "fresh4.jsonl")
    monkeypatch.setattr(evaluation, "_long_posts", lambda items, posts=5: [1.0])
    return path


def test_it_prints_every_figure_and_no_text_from_the_split(split):
    out = io.StringIO()

    call_command("crisis_eval", stdout=out)

    printed = out.getvalue()
    for figure in (
        "recall ar",
        "recall en",
        "recall ar/levantine",
        "recall, sign: direct",
        "false alarms on hard negatives",
        "false alarms on ordinary negatives",
        "held (all)",
        "crisis posts silenced",
        "someone else at risk recognised en",
        "p50",
        "p99",
        "2,000 characters",
        "training corpus",
    ):
        assert figure in printed
    assert "I want to die tonight" not in printed and "بدي موت" not in printed


def test_recall_is_printed_by_kind_of_sign_as_totals(split, tmp_path, monkeypatch):
    rows = [
        (
            "gave my cat to my sister, she'll look after her from now on",
            "urgent",
            "indirect.giving_away",
        ),
        ("thursday it ends, everything is ready", "urgent", "indirect.plan"),
        ("I want to die", "urgent", "direct"),
    ]
    path = tmp_path / "kinds.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for text, label, kind in rows:
            row = {"text": text, "label": label, "lang": "en", "dialect": "en", "kind": kind}
            out.write(json.dumps(row) + "\n")

    printed = []
    evaluation.report(evaluation.evaluate(path), printed.append)

    lines = "\n".join(printed)
    assert "recall, sign: giving_away" in lines and "recall, sign: plan" in lines
    assert "1/1" in next(line for line in printed if "sign: direct" in line)
    assert "thursday" not in lines


def _split(tmp_path, rows):
    path = tmp_path / "dev.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for text, label in rows:
            row = {"text": text, "label": label, "lang": "en", "dialect": "en", "kind": ""}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def test_silenced_counts_crisis_posts_held_without_help_and_missed_ones_apart(
    tmp_path, monkeypatch
):
    # Silenced (issue 11): held, by any rule, without resources or off the crisis lane,
    # as the real screening decides, contact-details check included. A crisis post the
    # detector missed and that was published is "missed", never "silenced" too.
    monkeypatch.setattr(evaluation, "_long_posts", lambda items, posts=5: [1.0])
    path = _split(
        tmp_path,
        [
            # Found, and held for its phone number: crisis lane and resources.
            ("I want to die tonight. Call me on +44 7700 900123", "urgent"),
            # Held for its phone number and not found: held, hidden, no help.
            ("Ring me tomorrow on +44 7700 900123, okay?", "urgent"),
            # Not found, published: given nothing.
            ("Thank you all, see you soon.", "urgent"),
            ("How is everyone today?", "none"),
        ],
    )

    figures = evaluation.evaluate(path)

    assert (figures["silenced"], figures["missed"]) == (1, 1)
    out = io.StringIO()
    evaluation.report(figures, out.write)
    assert "crisis posts silenced" in out.getvalue()
    assert "crisis posts missed (given nothing)" in out.getvalue()


def test_strict_fails_when_a_target_is_missed(split, monkeypatch):
    monkeypatch.setitem(evaluation.TARGETS, "p99_ms_2000", 0.0)

    call_command("crisis_eval", stdout=io.StringIO())  # exit code 0 without --strict
    with pytest.raises(CommandError, match="p99_ms_2000"):
        call_command("crisis_eval", "--strict", stdout=io.StringIO())


def test_the_benchmark_entry_reports_the_same_figures(split):
    out = io.StringIO()

    call_command("benchmark", "--only", "moderation.crisis_eval", stdout=out)

    assert "recall en" in out.getvalue()


def test_the_blind_test_split_is_evaluated_after_the_development_split(split):
    blind = split.parent / "test.jsonl"
    row = {"text": "I can't do this anymore, goodbye everyone", "label": "urgent", "lang": "en"}
    blind.write_text(json.dumps(row) + "\n", encoding="utf-8")

    both, only_test = io.StringIO(), io.StringIO()
    call_command("crisis_eval", stdout=both)
    call_command("crisis_eval", "--split", "test", stdout=only_test)

    assert "crisis_eval on dev.jsonl: 8 texts" in both.getvalue()
    assert "crisis_eval on test.jsonl: 1 texts" in both.getvalue()
    assert "dev.jsonl" not in only_test.getvalue()
    assert "goodbye" not in both.getvalue()


def test_the_second_blind_split_comes_last(split):
    for name, text in (("test", "goodbye everyone"), ("fresh4", "bye forever, sorry")):
        row = {"text": text, "label": "urgent", "lang": "en"}
        (split.parent / f"{name}.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")

    out = io.StringIO()
    call_command("crisis_eval", stdout=out)

    printed = out.getvalue()
    assert printed.index("on dev.jsonl") < printed.index("on test.jsonl")
    assert printed.index("on test.jsonl") < printed.index("on fresh4.jsonl")
    assert "bye forever" not in printed
