"""A full disk or a read-only database: a clear message, exit 3, and nothing half-written."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from tests.conftest import SAMPLE, run_cli


def _counts(db: Path) -> tuple[int, int, str]:
    con = sqlite3.connect(db)
    try:
        n = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        fts = con.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
        ok = con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()
    return n, fts, ok


def _corpus(tmp_path: Path, names: list[str]) -> Path:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    for name in names:
        shutil.copy(SAMPLE / name, folder / name)
    return folder


def test_disk_full_rolls_back_the_batch_and_says_so(tmp_path: Path) -> None:
    db = tmp_path / "full.db"
    first = _corpus(tmp_path, ["01-idlib-ceasefire-moscow.txt"])
    assert run_cli("ingest", str(first), "--db", str(db)).returncode == 0
    before = _counts(db)
    more = tmp_path / "more"
    more.mkdir()
    for name in ("02-tehran-astana-summit.txt", "03-tehran-summit-analysis.txt"):
        shutil.copy(SAMPLE / name, more / name)
    proc = run_cli("ingest", str(more), "--db", str(db), env={"STORYLINE_FAULT": "disk-full"})
    assert proc.returncode == 3
    assert "is full" in proc.stderr and "rolled back" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert _counts(db) == before and before[2] == "ok"  # nothing half-written
    # Space is back: the same command completes the work.
    assert run_cli("ingest", str(more), "--db", str(db)).returncode == 0
    assert _counts(db)[0] == 3


def test_read_only_database_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    db = tmp_path / "ro.db"
    first = _corpus(tmp_path, ["01-idlib-ceasefire-moscow.txt"])
    assert run_cli("ingest", str(first), "--db", str(db)).returncode == 0
    before = _counts(db)
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(SAMPLE / "02-tehran-astana-summit.txt", other)
    proc = run_cli("ingest", str(other), "--db", str(db), env={"STORYLINE_FAULT": "read-only-disk"})
    assert proc.returncode == 3 and "read-only" in proc.stderr and "Traceback" not in proc.stderr
    assert _counts(db) == before
    # Reading a read-only store still works.
    proc = run_cli("export", "articles", "--db", str(db), env={"STORYLINE_FAULT": "read-only-disk"})
    assert proc.returncode == 0 and proc.stdout.count("\n") == 1
