"""Worker processes change how fast, never what: an ingest with a pool (each batch shared
among the workers) writes the same store as one process does."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.conftest import SAMPLE, run_cli


def _store(db: Path) -> dict:
    with sqlite3.connect(db) as c:
        return {
            "articles": c.execute("SELECT seq, article_id FROM articles ORDER BY seq").fetchall(),
            "events": [
                json.loads(r[0]) for r in c.execute("SELECT record FROM events ORDER BY event_id")
            ],
            "stories": c.execute("SELECT story_id, title FROM stories ORDER BY 1").fetchall(),
        }


def test_pool_writes_what_one_process_writes(tmp_path):
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    a = run_cli("ingest", str(SAMPLE), "--db", str(one), "--workers", "1", "--batch-size", "5")
    b = run_cli("ingest", str(SAMPLE), "--db", str(two), "--workers", "2", "--batch-size", "5")
    assert a.returncode == b.returncode == 0, (a.stderr, b.stderr)
    assert _store(one) == _store(two)
