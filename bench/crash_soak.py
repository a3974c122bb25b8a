"""Crash soak: kill -9 an ingest at random moments, check the store, re-run, compare.

    python bench/crash_soak.py [--kills 20] [--seed 7] [--corpus data/sample] [--batch-size 2]

First an uninterrupted ingest of the corpus gives the reference state.  Then, --kills times: a
fresh ingest is started and SIGKILLed after a random delay (spread over the whole run, corpus
stage included); the store must pass `PRAGMA integrity_check`, hold every committed article
exactly once with its full-text row and no orphan analysis rows; a re-run must exit 0 and end in
exactly the reference state (articles, event reports, merged events, FTS rows, duplicate pairs).
Prints one line per kill and a summary row for docs/reliability.md.
"""

from __future__ import annotations

import argparse
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def ingest_cmd(corpus: Path, db: Path, batch: int) -> list[str]:
    return [sys.executable, "-m", "storyline.cli", "ingest", str(corpus), "--db", str(db),
            "--batch-size", str(batch)]  # fmt: skip


def state(db: Path) -> dict[str, object]:
    con = sqlite3.connect(db)
    try:
        if con.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise AssertionError("integrity_check failed")
        ids = [r[0] for r in con.execute("SELECT article_id FROM articles ORDER BY article_id")]
        if len(ids) != len(set(ids)):
            raise AssertionError("an article is stored twice")
        orphans = con.execute(
            "SELECT (SELECT count(*) FROM event_mentions WHERE article_id NOT IN "
            "(SELECT article_id FROM articles)) + (SELECT count(*) FROM actor_mentions WHERE "
            "article_id NOT IN (SELECT article_id FROM articles))"
        ).fetchone()[0]
        if orphans:
            raise AssertionError(f"{orphans} analysis rows without their article")
        fts = con.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
        if fts != len(ids):
            raise AssertionError(f"{fts} full-text rows for {len(ids)} articles")
        return {
            "articles": ids,
            "mentions": sorted(r[0] for r in con.execute("SELECT mention_id FROM event_mentions")),
            "events": sorted(r[0] for r in con.execute("SELECT event_id FROM events")),
            "pairs": sorted(con.execute("SELECT a, b FROM near_duplicates").fetchall()),
        }
    finally:
        con.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kills", type=int, default=20)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--corpus", type=Path, default=ROOT / "data" / "sample")
    ap.add_argument("--batch-size", type=int, default=2)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        ref_db = Path(tmp) / "reference.db"
        t0 = time.monotonic()
        ref = subprocess.Popen(ingest_cmd(args.corpus, ref_db, args.batch_size),
                               stderr=subprocess.PIPE, text=True)  # fmt: skip
        assert ref.stderr is not None
        first = None
        for line in ref.stderr:
            if first is None and "batch 1:" in line:
                first = time.monotonic() - t0
        ref.wait()
        full = time.monotonic() - t0
        span = full - (first or 0.0)  # from the first commit to the end of the corpus stage
        reference = state(ref_db)
        print(f"reference run: {full:.1f} s, {len(reference['articles'])} articles, "
              f"{len(reference['events'])} merged events")  # fmt: skip
        ok = 0
        for k in range(1, args.kills + 1):
            db = Path(tmp) / f"kill{k}.db"
            # Kill somewhere between the first committed batch and the end of the run.
            delay = rng.uniform(0.0, span)
            p = subprocess.Popen(ingest_cmd(args.corpus, db, args.batch_size),
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                 text=True)  # fmt: skip
            assert p.stderr is not None
            for line in p.stderr:
                if "batch 1:" in line:
                    break
            time.sleep(delay)
            killed = p.poll() is None
            p.send_signal(signal.SIGKILL)
            p.wait()
            try:
                after_kill = state(db) if db.exists() else {"articles": []}
                rerun = subprocess.run(ingest_cmd(args.corpus, db, args.batch_size),
                                       capture_output=True, text=True)  # fmt: skip
                final = state(db)
                same = rerun.returncode == 0 and final == reference
                verdict = "same final state" if same else "DIFFERENT final state"
                ok += same
            except AssertionError as exc:
                verdict = f"BROKEN: {exc}"
                after_kill = {"articles": []}
            print(f"kill {k:2d} {delay:5.2f} s after batch 1 ({'running' if killed else 'already done'}): "
                  f"{len(after_kill['articles']):3d} articles committed, store ok; re-run: "
                  f"{verdict}")  # type: ignore[arg-type]  # fmt: skip
        print(f"| SIGKILL at a random moment of an ingest ({args.corpus.name}, batches of "
              f"{args.batch_size}) | {args.kills} | {ok}/{args.kills} re-runs reached the "
              f"reference state; integrity_check ok every time |")  # fmt: skip


if __name__ == "__main__":
    main()
