"""Concurrent use: two ingests into one store, and readers while a writer works (WAL).

Neither may see "database is locked": writers queue on SQLite's write lock, readers read the
last committed state.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from storyline.store import Store
from tests.conftest import SAMPLE
from tests.test_crash import _state


def _ingest(folder: Path, db: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "storyline.cli", "ingest", str(folder), "--db", str(db),
         "--batch-size", "2"],
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip


def test_two_ingests_at_once_both_succeed_with_the_state_of_one(
    tmp_path: Path, sample_db: Path
) -> None:
    halves = [tmp_path / "a", tmp_path / "b"]
    for h in halves:
        h.mkdir()
    for i, f in enumerate(sorted(SAMPLE.iterdir())):
        shutil.copy(f, halves[i % 2] / f.name)
    db = tmp_path / "both.db"
    Store(db).close()  # created first, so neither process races to create the schema
    procs = [_ingest(h, db) for h in halves]
    results = [p.communicate(timeout=600) for p in procs]
    for p, (_out, err) in zip(procs, results, strict=True):
        assert p.returncode == 0, err
        assert "locked" not in err.lower()
    assert _state(db) == _state(sample_db)


def test_readers_see_committed_state_while_an_ingest_writes(tmp_path: Path) -> None:
    db = tmp_path / "rw.db"
    Store(db).close()
    proc = _ingest(SAMPLE, db)
    seen: list[int] = []
    while proc.poll() is None:
        with Store(db, readonly=True) as store:  # the web server's way of reading
            seen.append(store.count("articles"))
        con = sqlite3.connect(db, timeout=5)
        assert con.execute("SELECT count(*) FROM articles_fts").fetchone()[0] >= 0
        con.close()
    _out, err = proc.communicate()
    assert proc.returncode == 0, err
    assert seen == sorted(seen)  # committed batches only ever add
    with Store(db, readonly=True) as store:
        assert store.count("articles") == 22
