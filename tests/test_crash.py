"""Crash safety: SIGKILL in the middle of a batch, then a re-run, leaves every article exactly once
and the same final state as an uninterrupted run."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import SAMPLE, run_cli


def _state(db: Path) -> dict[str, object]:
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        ids = [r[0] for r in con.execute("SELECT article_id FROM articles ORDER BY article_id")]
        assert len(ids) == len(set(ids))
        orphans = (
            con.execute(
                "SELECT count(*) FROM event_mentions WHERE article_id NOT IN (SELECT article_id FROM articles)"
            ).fetchone()[0]
            + con.execute(
                "SELECT count(*) FROM actor_mentions WHERE article_id NOT IN (SELECT article_id FROM articles)"
            ).fetchone()[0]
        )
        assert orphans == 0
        return {
            "articles": ids,
            "mentions": sorted(r[0] for r in con.execute("SELECT mention_id FROM event_mentions")),
            "events": sorted(r[0] for r in con.execute("SELECT event_id FROM events")),
            "fts": con.execute("SELECT count(*) FROM articles_fts").fetchone()[0],
        }
    finally:
        con.close()


def _export_events(db: Path) -> list[dict]:
    proc = run_cli("export", "events", "--db", str(db))
    assert proc.returncode == 0
    return sorted((json.loads(x) for x in proc.stdout.splitlines()), key=lambda e: e["event_id"])


def _cmdline(proc: Path) -> str:
    try:
        return (proc / "cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return ""


def test_fault_injected_kill_mid_batch_then_rerun(tmp_path: Path, sample_db: Path) -> None:
    db = tmp_path / "crash.db"
    # Batches of 5: the third batch dies half-written, inside its transaction.
    proc = run_cli(
        "ingest",
        str(SAMPLE),
        "--db",
        str(db),
        "--batch-size",
        "5",
        env={"STORYLINE_FAULT": "mid-batch@3"},
    )
    assert proc.returncode == -signal.SIGKILL
    # Its worker processes (2 by default here) died with it: none is left holding the store.
    time.sleep(0.5)
    left = [p for p in Path("/proc").glob("[0-9]*") if _cmdline(p).count(str(db))]
    assert not left
    state = _state(db)
    assert len(state["articles"]) == 10  # two whole batches, nothing of the third
    assert state["fts"] == 10
    rerun = run_cli("ingest", str(SAMPLE), "--db", str(db), "--batch-size", "5")
    assert rerun.returncode == 0, rerun.stderr
    final, reference = _state(db), _state(sample_db)
    assert final == reference
    assert _export_events(db) == _export_events(sample_db)


def test_kill_during_corpus_update_is_repaired_by_the_next_run(
    tmp_path: Path, sample_db: Path
) -> None:
    db = tmp_path / "corpus.db"
    proc = run_cli(
        "ingest", str(SAMPLE), "--db", str(db), env={"STORYLINE_FAULT": "corpus-before-commit"}
    )
    assert proc.returncode == -signal.SIGKILL
    con = sqlite3.connect(db)
    assert con.execute("SELECT value FROM meta WHERE key='corpus_dirty'").fetchone()[0] == "1"
    assert (
        con.execute("SELECT count(*) FROM events").fetchone()[0] == 0
    )  # rolled back, not half-done
    con.close()
    assert run_cli("ingest", str(SAMPLE), "--db", str(db)).returncode == 0
    assert _state(db) == _state(sample_db)


@pytest.mark.parametrize("seed", [1, 2])
def test_external_sigkill_at_a_random_moment(tmp_path: Path, sample_db: Path, seed: int) -> None:
    db = tmp_path / f"kill{seed}.db"
    env = {**os.environ}
    p = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "storyline.cli",
            "ingest",
            str(SAMPLE),
            "--db",
            str(db),
            "--batch-size",
            "2",
            "--json-progress",
        ],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert p.stderr is not None
    # Wait for the first committed batch, then kill somewhere in the following ones.
    for line in p.stderr:
        if '"event": "batch"' in line:
            break
    time.sleep(random.Random(seed).uniform(0.0, 0.6))
    p.send_signal(signal.SIGKILL)
    p.wait(timeout=60)
    state = _state(db)
    assert 2 <= len(state["articles"]) <= 22
    assert run_cli("ingest", str(SAMPLE), "--db", str(db)).returncode == 0
    assert _state(db) == _state(sample_db)
