"""Same input, same stored results: export snapshots of a store, and their comparison.

    python bench/export_compare.py snapshot OUT --input sample|seeds|reuters[:N] [--workers N]
                                            [--engine local|ray]
    python bench/export_compare.py compare BEFORE AFTER

A refactoring of the store or the corpus stages must not change what a user gets out.  A
snapshot ingests one input into a fresh store and writes every export kind in every format
(JSON lines, CSV, Parquet read back as rows), the default timeline as JSON and the copy groups
of ``storyline dups``; ``compare`` says which of those files differ and shows the first
differing line.  Snapshots go wherever OUT says (keep them out of the repository: the seeds and
Reuters are shared data).  Inputs: the bundled sample corpus, ``../shared/seeds``, and the first
N Reuters-21578 bodies of 20+ words as ``bench/throughput.py`` writes them (default 1,000).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from storyline import api  # noqa: E402
from storyline.store import export as export_mod  # noqa: E402

SHARED = ROOT.parent / "shared"
if not SHARED.exists():
    SHARED = Path("/work/shared")


def _input(spec: str, tmp: Path) -> Path:
    name, _, n = spec.partition(":")
    if name == "sample":
        return api.sample_corpus()
    if name == "seeds":
        return SHARED / "seeds"
    if name == "reuters":
        from throughput import reuters_files

        found = reuters_files(SHARED, int(n or 1000), tmp / "reuters")
        if found is None:
            raise SystemExit("no Reuters corpus under ../shared/corpora")
        return found
    raise SystemExit(f"unknown input {spec!r}")


def snapshot(out: Path, spec: str, workers: int, engine: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        source = _input(spec, tmp)
        db = str(tmp / "snap.db")
        start = time.perf_counter()
        report = api.ingest([str(source)], db, workers=workers, engine=engine)
        took = time.perf_counter() - start
        for kind in export_mod.KINDS:
            for fmt in ("jsonl", "csv"):
                api.export(kind, db, fmt, str(out / f"{kind}.{fmt}"))
            pq_path = tmp / f"{kind}.parquet"
            api.export(kind, db, "parquet", str(pq_path))
            _parquet_as_text(pq_path, out / f"{kind}.parquet.jsonl")
        (out / "timeline.json").write_text(api.timeline(db, fmt="json"), encoding="utf-8")
        (out / "timeline.txt").write_text(api.timeline(db), encoding="utf-8")
        (out / "dups.jsonl").write_text(
            "".join(json.dumps(g.record(), ensure_ascii=False) + "\n" for g in api.duplicates(db)),
            encoding="utf-8",
        )
        # Where the input lay is no result: stored paths are compared from the input's folder.
        for f in out.iterdir():
            text = f.read_text(encoding="utf-8")
            f.write_text(text.replace(str(source), "<input>"), encoding="utf-8")
    print(f"{spec}: {report.new} articles, {report.events} event reports, {took:.1f} s -> {out}")


def _parquet_as_text(path: Path, out: Path) -> None:
    """The Parquet export as its schema and rows, one JSON line each (comparable as text)."""
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    lines = [json.dumps([f"{f.name}:{f.type}" for f in table.schema])]
    lines += [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in table.to_pylist()]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def compare(before: Path, after: Path) -> int:
    names = sorted({p.name for p in before.iterdir()} | {p.name for p in after.iterdir()})
    differ = 0
    for name in names:
        a, b = before / name, after / name
        if not a.exists() or not b.exists():
            print(f"{name}: only in {'after' if not a.exists() else 'before'}")
            differ += 1
            continue
        la = a.read_text(encoding="utf-8").splitlines()
        lb = b.read_text(encoding="utf-8").splitlines()
        if la == lb:
            continue
        differ += 1
        first = next((i for i, (x, y) in enumerate(zip(la, lb, strict=False)) if x != y), None)
        if first is None:
            print(f"{name}: {len(la)} lines before, {len(lb)} after")
        else:
            print(f"{name}: line {first + 1} differs\n  - {la[first][:300]}\n  + {lb[first][:300]}")
    print("same" if not differ else f"{differ} of {len(names)} files differ")
    return 1 if differ else 0


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("snapshot")
    s.add_argument("out", type=Path)
    s.add_argument("--input", default="sample")
    s.add_argument("--workers", type=int, default=1)
    s.add_argument("--engine", default="local", choices=("local", "ray"))
    c = sub.add_parser("compare")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = p.parse_args()
    if args.cmd == "snapshot":
        snapshot(args.out, args.input, args.workers, args.engine)
        return 0
    return compare(args.before, args.after)


if __name__ == "__main__":
    raise SystemExit(main())
