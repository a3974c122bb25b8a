"""Cross-document event coreference on ECB+: storyline's merged events against the gold chains.

    .venv/bin/python bench/ecbplus.py [PATH] [--topics 1-5,7] [--limit N] [--date 2013-01-01|none]

PATH is the ECB+ folder (default ../shared/corpora/ecbplus-dev); when it is absent the benchmark
says so and exits 0.  The documents go through the whole pipeline and the merge twice: once with
dates as the pipeline finds them, once with every document given the same publication date
(``--date none`` skips that run).  Conventions (gold mentions, singletons, matching, baselines)
are in ``src/storyline/ecbplus.py``; ``storyline eval ecbplus`` prints the same report.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storyline.eval import ecbplus, ecbplus_corpus  # noqa: E402
from storyline.pipeline import Context  # noqa: E402


def topic_list(spec: str) -> list[int]:
    out: list[int] = []
    for part in (p.strip() for p in spec.split(",")):
        if "-" in part:
            lo, hi = part.split("-", 1)
            out.extend(range(int(lo), int(hi) + 1))
        elif part:
            out.append(int(part))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("path", nargs="?", default=str(ROOT.parent / "shared" / ecbplus_corpus.CORPUS))
    ap.add_argument("--topics", default="", help="e.g. 1-5,7 (default: every topic)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N documents")
    ap.add_argument("--date", default="2013-01-01", help="the one date of the second run, or none")
    ap.add_argument("--examples", type=int, default=8, help="wrong and missed links to show")
    args = ap.parse_args()
    path = Path(args.path)
    if not ((path / ecbplus.DOCS).exists() or path.is_file()):
        print(f"ECB+ not found at {path}; skipped")
        return 0
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}")
    ctx = Context()
    _ = ctx.nlp, ctx.kb, ctx.patterns  # loading is not part of any figure
    t0 = time.perf_counter()
    result = ecbplus.evaluate(
        path,
        ctx,
        topic_list(args.topics) or None,
        args.limit,
        None if args.date.lower() == "none" else args.date,
        args.examples,
    )
    print(result.text(), end="")
    print(f"total {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
