"""The evaluation runners: pure helpers always; the shared development sets when present."""

from __future__ import annotations

import json

import pytest

from storyline.eval import evaluate
from tests.conftest import SHARED, run_cli

EVAL = SHARED / "eval"
needs_eval = pytest.mark.skipif(not EVAL.is_dir(), reason="../shared/eval not present")


def test_macro_f1_and_accuracy() -> None:
    scores = evaluate.macro_f1([0, 0, 1, 1], [0, 1, 1, 1], [0, 1])
    assert scores["accuracy"] == 0.75
    assert (
        scores["per_class"]["0"]["precision"] == 1.0 and scores["per_class"]["0"]["recall"] == 0.5
    )
    assert round(scores["macro_f1"], 3) == round((2 / 3 + 0.8) / 2, 3)


def test_plover_renamings_and_roots() -> None:
    assert evaluate.current_plover("DEMAND") == "REQUEST"
    assert evaluate.current_plover("FIGHT") == "ASSAULT"
    assert evaluate.current_plover("AGREE") == "AGREE"
    assert evaluate.PLOVER_ROOTS["RETREAT"] == {"08"} and "19" in evaluate.PLOVER_ROOTS["FIGHT"]


def test_timex_intervals() -> None:
    assert evaluate._interval("1998-W32") is not None
    lo, hi = evaluate._interval("1998-Q3")  # type: ignore[misc]
    assert (lo.month, hi.month, hi.day) == (7, 9, 30)
    assert evaluate._interval("PRESENT_REF") is None and evaluate._interval("P3Y") is None


def test_missing_set_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(evaluate.EvalDataMissing, match="not found"):
        evaluate.run("quadclass", tmp_path)
    with pytest.raises(KeyError):
        evaluate.run("nonsense", tmp_path)
    proc = run_cli("eval", "tbaq", "--shared", str(tmp_path))
    assert proc.returncode == 3 and "not found" in proc.stderr
    assert run_cli("eval", "nonsense").returncode == 2


@needs_eval
def test_plover_examples(ctx) -> None:
    r = evaluate.run("plover", SHARED, ctx)
    assert r.figures["examples"] == 322
    assert r.figures["root_accuracy"] >= 0.75  # the bar, on general patterns only
    assert 0 < r.figures["plover_type_accuracy"] <= 1


@needs_eval
def test_quadclass(ctx) -> None:
    r = evaluate.run("quadclass", SHARED, ctx)
    assert r.figures["sentences"] == 1349 and r.figures["convention"] == "phoenix"
    assert r.figures["macro_f1"] >= 0.70
    assert sum(map(sum, r.figures["confusion"])) == 1349


@pytest.mark.skipif(not (SHARED / "corpora" / "tempeval3-tbaq").is_dir(), reason="TBAQ not present")
def test_tbaq_through_the_cli() -> None:
    proc = run_cli("eval", "tbaq", "--format", "json", "--shared", str(SHARED))
    assert proc.returncode == 0, proc.stderr
    figures = json.loads(proc.stdout)
    assert figures["set"] == "tbaq" and figures["timexes"] > 1000
    assert figures["date_wrong"] < figures["date_exact"]


@needs_eval
def test_petrarch_records(ctx) -> None:
    r = evaluate.run("petrarch", SHARED, ctx)
    assert r.figures["records"] > 250 and 0 <= r.figures["dyads"]["precision"] <= 1
