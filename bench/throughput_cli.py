"""Default `storyline ingest` against a bare spaCy pass, each as a user runs it: a new process,
start-up included.

    python bench/throughput_cli.py [--reuters 400] [--shared ../shared] [--repeat 2]

Both sides are timed from the moment the process is started to its exit (wall clock): the bare
pass is ``python -c`` loading the same spaCy model and piping the same texts (read by the same
reader) through ``nlp.pipe``; storyline is ``storyline ingest DIR --db NEW --json-progress`` with
default settings (so ``--workers`` is the usable CPU count).  "Corpus stages excluded" is the
time until ingest announces the corpus stages (its ``{"event": "corpus"}`` progress line).  The
bare pass's own ``nlp.pipe`` time (model loaded, texts read) is printed too, for the stricter
comparison.  Pairs run alternately (bare, storyline, bare, storyline ...) so each ratio is
taken under about the same load; the load average is printed with each pair.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import reuters_files  # noqa: E402

BARE = r"""
import sys, time
t0 = time.perf_counter()
from storyline.ingest.readers import iter_inputs
from storyline.model import Article
from storyline.nlp import load
nlp = load()
texts = [a.text for a in iter_inputs([sys.argv[1]]) if isinstance(a, Article)]
t1 = time.perf_counter()
for _ in nlp.pipe(texts, batch_size=64):
    pass
print(f"{time.perf_counter() - t1:.3f} {len(texts)}")
"""


def busy_seconds() -> float:
    """CPU seconds all processes on this machine have used (from /proc/stat)."""
    fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def own_seconds() -> float:
    """CPU seconds of this script's finished children (and, through them, their workers)."""
    import resource

    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


class Others:
    """CPU that other programs took while a measurement ran: the machine's busy time minus
    ours.  On a shared 2-core machine this says which runs are comparable."""

    def __enter__(self) -> Others:
        self.busy, self.own, self.t = busy_seconds(), own_seconds(), time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        wall = time.perf_counter() - self.t
        others = (busy_seconds() - self.busy) - (own_seconds() - self.own)
        self.share = max(0.0, others) / wall  # cores' worth used by others, on average


def bare(folder: Path) -> tuple[float, float, int]:
    """(wall seconds with start-up, nlp.pipe seconds, texts)."""
    t0 = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", BARE, str(folder)], capture_output=True, text=True, check=True
    )
    wall = time.perf_counter() - t0
    pipe, n = out.stdout.split()
    return wall, float(pipe), int(n)


def storyline(folder: Path, db: Path, extra: list[str]) -> tuple[float, float, dict]:
    """(wall seconds, seconds until the corpus stages start, the final progress record)."""
    cmd = [sys.executable, "-m", "storyline.cli", "ingest", str(folder), "--db", str(db)]
    t0 = time.perf_counter()
    p = subprocess.Popen([*cmd, "--json-progress", *extra], stderr=subprocess.PIPE, text=True)
    assert p.stderr is not None
    corpus_at, last = None, {}
    for line in p.stderr:
        now = time.perf_counter()
        try:
            rec = json.loads(line)
        except ValueError:
            continue
        if rec.get("event") == "corpus" and corpus_at is None:
            corpus_at = now - t0
        last = rec
    p.wait()
    wall = time.perf_counter() - t0
    return wall, corpus_at if corpus_at is not None else wall, last


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--reuters", type=int, default=400)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--workers", type=int, default=0, help="0: the default (usable CPUs)")
    args = ap.parse_args()
    extra = ["--workers", str(args.workers)] if args.workers else []
    with tempfile.TemporaryDirectory() as tmp:
        folder = reuters_files(Path(args.shared), args.reuters, Path(tmp) / "reuters")
        if folder is None:
            sys.exit("Reuters-21578 not found under --shared")
        from storyline.engines.cpus import usable_cpus

        print(f"{args.reuters} Reuters articles; {os.cpu_count()} cores, default workers "
              f"{usable_cpus()}; python {sys.version.split()[0]}")  # fmt: skip
        for i in range(args.repeat):
            load0 = os.getloadavg()[0]
            with Others() as ob:
                b_wall, b_pipe, n = bare(folder)
            db = Path(tmp) / f"run{i}.db"
            with Others() as os_:
                s_wall, s_until_corpus, last = storyline(folder, db, extra)
            load1 = os.getloadavg()[0]
            print(
                f"run {i + 1} (load {load0:.2f} -> {load1:.2f}; other programs used "
                f"{ob.share:.2f} cores during bare, {os_.share:.2f} during storyline): "
                f"bare spaCy {b_wall:.2f} s "
                f"with start-up ({b_pipe:.2f} s nlp.pipe, {n} texts); storyline {s_wall:.2f} s "
                f"({s_until_corpus:.2f} s until the corpus stages); {last.get('new')} new, "
                f"{last.get('events')} event reports"
            )
            print(
                f"  whole pipeline: {b_wall / s_wall:.2f}x bare (start-up on both sides), "
                f"{b_pipe / s_wall:.2f}x bare nlp.pipe alone; corpus stages excluded: "
                f"{b_wall / s_until_corpus:.2f}x ({b_pipe / s_until_corpus:.2f}x nlp.pipe alone)"
            )


if __name__ == "__main__":
    main()
