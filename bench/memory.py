"""Peak memory (RSS) of a whole ingest as the corpus grows: does it stay bounded?

    python bench/memory.py [--sizes 1000,10000,100000] [--workers 2] [--shared ../shared]

Each size runs in a fresh process (so peak RSS is that run's): Reuters-21578 bodies (20+ words)
are replayed as often as needed, replay k with its dates shifted by k x 400 days and its own URL
(so each replay is a new article, and the exact copies of earlier replays are found by the
duplicates stage, outside their date window), streamed from one temporary JSON-lines file into
a fresh store, then the corpus stages.  Figures: the main process's peak RSS (reader, store
writes, corpus stages) and the largest worker's, and the time taken.  Nothing is copied into
the repository; without ../shared the script says so and stops.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def reuters(shared: Path) -> list[dict[str, str]]:
    src = shared / "corpora" / "reuters21578" / "reuters21578.jsonl.gz"
    out = []
    with gzip.open(src, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            body = (rec.get("body") or "").strip()
            date = (rec.get("date") or "")[:10]
            if len(body.split()) >= 20 and len(date) == 10:
                out.append({"title": rec.get("title") or "", "date": date, "text": body})
    return out


def replay(base: list[dict[str, str]], n: int) -> Iterator[dict[str, str]]:
    for i in range(n):
        k, rec = divmod(i, len(base))
        d = dt.date.fromisoformat(base[rec]["date"]) + dt.timedelta(days=400 * k)
        yield {
            "title": base[rec]["title"],
            "date": d.isoformat(),
            "text": base[rec]["text"],
            "url": f"https://replay.example/{k}/{rec}",
        }


def one(n: int, workers: int, shared: Path) -> None:
    from storyline.engines import local
    from storyline.pipeline import Context
    from storyline.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "replay.jsonl"
        with src.open("w", encoding="utf-8") as fh:
            for rec in replay(reuters(shared), n):
                fh.write(json.dumps(rec) + "\n")
        with Store(Path(tmp) / "m.db") as store:
            t0 = time.perf_counter()
            report = local.ingest([str(src)], store, Context(), workers=workers)
            took = time.perf_counter() - t0
            events = store.count("events")
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "articles": n,
                "new": report.new,
                "events": events,
                "seconds": round(took, 1),
                "main_peak_mb": round(me),
                "largest_worker_peak_mb": round(kids),
            }
        ),
        flush=True,
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    shared = Path(args.shared)
    if not (shared / "corpora" / "reuters21578").exists():
        print("Reuters-21578 not found under --shared; nothing to measure")
        return
    if args.one:
        one(args.one, args.workers, shared)
        return
    for n in (int(x) for x in args.sizes.split(",")):
        cmd = [sys.executable, __file__, "--one", str(n), "--workers", str(args.workers)]
        out = subprocess.run([*cmd, "--shared", str(shared)], capture_output=True, text=True)
        line = out.stdout.strip().splitlines()[-1] if out.stdout.strip() else out.stderr[-500:]
        print(line, flush=True)


if __name__ == "__main__":
    main()
