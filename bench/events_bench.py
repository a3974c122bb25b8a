"""Event-stage speed and the event evaluations, printed as the figures docs/benchmarks.md quotes.

    python bench/events_bench.py [--shared ../shared] [--sets plover,quadclass,tbaq,petrarch]

Speed: the quad-class sentences (and Reuters-21578 bodies when present) are parsed and their
actors resolved first; then only the event stage (``events.extract``) is timed, best of three
runs, on one core.  The whole pipeline figure is ``storyline code`` over the same sentences
(parse included).  The evaluations are the ones ``storyline eval`` runs.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storyline import api  # noqa: E402
from storyline.eval import evaluate  # noqa: E402
from storyline.pipeline import Context  # noqa: E402


def reuters_texts(shared: Path, n: int) -> list[str]:
    src = shared / "corpora" / "reuters21578" / "reuters21578.jsonl.gz"
    if not src.exists():
        return []
    out = []
    with gzip.open(src, "rt", encoding="utf-8") as fh:
        for line in fh:
            body = (json.loads(line).get("body") or "").strip()
            if len(body.split()) >= 20:
                out.append(body)
            if len(out) >= n:
                break
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--sets", default="plover,quadclass,tbaq,petrarch")
    ap.add_argument("--reuters", type=int, default=300)
    args = ap.parse_args()
    shared = Path(args.shared)
    ctx = Context()
    _ = ctx.nlp, ctx.kb, ctx.patterns  # loading is not part of any figure
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}")
    try:
        sentences = [t for t, _ in evaluate.load_quadclass(shared)]
    except evaluate.EvalDataMissing:
        sentences = []
    corpora = [
        ("quad-class sentences", sentences),
        ("Reuters bodies", reuters_texts(shared, args.reuters)),
    ]
    for label, texts in corpora:
        if not texts:
            print(f"{label}: not found; skipped")
            continue
        r = evaluate.run_speed(texts, ctx)
        print(
            f"{label}: {r['texts']} texts, {r['sentences']} sentences; event stage alone "
            f"{r['events_s']:.3f} s = {r['events_sentences_per_s']:,.0f} sentences/s; "
            f"parse+actors {r['parse_and_actors_sentences_per_s']:,.0f} sentences/s"
        )
    if sentences:
        lines = [
            json.dumps({"id": str(i), "date": "2020-01-01", "text": t})
            for i, t in enumerate(sentences)
        ]
        t0 = time.perf_counter()
        n = sum(1 for _ in api.code_lines(lines, ctx))
        dt = time.perf_counter() - t0
        print(
            f"storyline code (whole pipeline, parse included): {n} lines in {dt:.2f} s = {n / dt:,.0f} lines/s"
        )
    for name in [s for s in args.sets.split(",") if s]:
        try:
            print(evaluate.run(name, shared, ctx).text())
        except evaluate.EvalDataMissing as exc:
            print(f"{name}: {exc}")


if __name__ == "__main__":
    main()
