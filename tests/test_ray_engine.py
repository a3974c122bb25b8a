"""The Ray engine gives the same articles, events and duplicate groups as the local engine.

Runs a local Ray with 2 CPUs (what CI has); skipped when Ray is not installed.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storyline.engines import local
from storyline.pipeline import Context
from storyline.store import Store

pytest.importorskip("ray")
pytest.importorskip("ray.data")

pytestmark = pytest.mark.slow

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"

# Everything the per-article and corpus stages decide; ingest times and row numbers excluded.
QUERIES = {
    "articles": "SELECT article_id, outlet, title, published, published_how, language, "
    "dup_group, text FROM articles ORDER BY article_id",
    "actor_mentions": "SELECT * FROM actor_mentions ORDER BY 1, 2, 3",
    "event_mentions": "SELECT * FROM event_mentions ORDER BY 1, 2",
    "events": "SELECT * FROM events ORDER BY 1",
    "near_duplicates": "SELECT * FROM near_duplicates ORDER BY 1, 2",
}


def _rows(db: Path, queries: dict[str, str] = QUERIES) -> dict[str, list[tuple[object, ...]]]:
    con = sqlite3.connect(db)
    try:
        return {name: [tuple(r) for r in con.execute(sql)] for name, sql in queries.items()}
    finally:
        con.close()


def test_same_results_under_both_engines(tmp_path: Path, ray_local) -> None:
    from storyline.engines import ray as ray_engine

    with Store(tmp_path / "local.db") as store:
        lr = local.ingest([str(SAMPLE)], store, Context(), batch_size=4)
    # Small batches and windows so that the sample spans several actors and Ray Data runs.
    with Store(tmp_path / "ray.db") as store:
        rr = ray_engine.ingest([str(SAMPLE)], store, Context(), batch_size=4, workers=2, window=12)
    assert (rr.read, rr.new, rr.events, len(rr.skipped)) == (
        lr.read,
        lr.new,
        lr.events,
        len(lr.skipped),
    )
    assert lr.new > 0 and lr.events > 0
    a, b = _rows(tmp_path / "local.db"), _rows(tmp_path / "ray.db")
    for name in QUERIES:
        assert a[name] == b[name], name
    assert any(r[6] for r in a["articles"]), "the sample has a duplicate group to compare"


def test_ray_engine_skips_known_articles(tmp_path: Path, ray_local) -> None:
    from storyline.engines import ray as ray_engine

    with Store(tmp_path / "r.db") as store:
        first = ray_engine.ingest([str(SAMPLE)], store, Context(), workers=2)
        again = ray_engine.ingest([str(SAMPLE)], store, Context(), workers=2)
    assert first.new > 0
    assert again.new == 0 and again.already_stored == first.new


def test_cli_ray_engine(tmp_path: Path) -> None:
    from tests.conftest import run_cli

    db = tmp_path / "cli.db"
    proc = run_cli("ingest", str(SAMPLE), "--db", str(db), "--engine", "ray", "--workers", "2")
    assert proc.returncode == 0, proc.stderr
    with Store(tmp_path / "local.db") as store:
        lr = local.ingest([str(SAMPLE)], store, Context())
    assert _rows(db)["events"] == _rows(tmp_path / "local.db")["events"]
    assert lr.new == len(_rows(db)["articles"])
