"""Whole-pipeline throughput against bare spaCy over the same texts, in one process.

    python bench/throughput.py [--reuters N] [--shared ../shared] [--workers N] [--engine ray]

Figures: articles/s and words/s for (a) ``nlp.pipe`` over the texts alone and (b) the full
``ingest`` (read, clean, date, parse, actors, events, store, corpus stages) into a fresh SQLite
file.  Reuters-21578 is read from ../shared/corpora when present (written to temporary text
files with a Date header; nothing is copied into the repository); the bundled sample corpus
always runs.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storyline.engines import local  # noqa: E402
from storyline.ingest.readers import Article, iter_inputs  # noqa: E402
from storyline.nlp import load  # noqa: E402
from storyline.pipeline import Context  # noqa: E402
from storyline.store.sqlite import Store  # noqa: E402


def reuters_files(shared: Path, n: int, out: Path) -> Path | None:
    src = shared / "corpora" / "reuters21578" / "reuters21578.jsonl.gz"
    if not src.exists():
        return None
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    with gzip.open(src, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            body = (rec.get("body") or "").strip()
            if len(body.split()) < 20:
                continue
            date = (rec.get("date") or "")[:10]
            (out / f"r{rec.get('newid', written)}.txt").write_text(
                f"Title: {rec.get('title') or ''}\nDate: {date}\n\n{body}\n", encoding="utf-8"
            )
            written += 1
            if written >= n:
                break
    return out


def measure(label: str, folder: Path, workers: int = 1, engine: str = "local") -> dict[str, float]:
    ctx = Context()
    nlp = ctx.nlp
    local.warm(ctx)  # one-time loads (model, KB, city index, langid) are not part of any figure
    texts = [a.text for a in iter_inputs([str(folder)]) if isinstance(a, Article)]
    words = sum(len(t.split()) for t in texts)
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    bare = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        with Store(db) as store:
            t0 = time.perf_counter()
            if engine == "ray":
                from storyline.engines import ray as ray_engine

                report = ray_engine.ingest(
                    [str(folder)], store, ctx, workers=workers, update_corpus=False
                )
            else:
                report = local.ingest(
                    [str(folder)], store, ctx, workers=workers, update_corpus=False
                )
            per_article = time.perf_counter() - t0
            t1 = time.perf_counter()
            local.update(store, ctx)
            corpus = time.perf_counter() - t1
            events = store.count("events")
    total = per_article + corpus
    row = {
        "articles": len(texts),
        "words": words,
        "bare_spacy_s": bare,
        "pipeline_s": per_article,
        "corpus_s": corpus,
        "events": events,
        "event_reports": report.events,
        "bare_articles_per_s": len(texts) / bare,
        "pipeline_articles_per_s": len(texts) / total,
        "pipeline_words_per_s": words / total,
        "ratio_vs_bare": bare / total,
    }
    print(f"{label}: {len(texts)} articles, {words} words, engine={engine}, workers={workers}")
    print(f"  bare spaCy nlp.pipe: {bare:.2f} s ({row['bare_articles_per_s']:.1f} articles/s)")
    print(
        f"  storyline ingest:    {per_article:.2f} s per-article stages + {corpus:.2f} s corpus stages"
        f" = {row['pipeline_articles_per_s']:.1f} articles/s, {row['pipeline_words_per_s']:.0f} words/s"
    )
    print(
        f"  ratio (bare time / pipeline time): {row['ratio_vs_bare']:.2f}x; "
        f"{report.events} event reports -> {events} merged events"
    )
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--reuters", type=int, default=1000, help="Reuters articles to use (0: skip)")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--engine", choices=["local", "ray"], default="local")
    args = ap.parse_args()
    load()  # model load is not part of any figure
    if args.engine == "ray":
        from storyline.engines import ray as ray_engine

        t0 = time.perf_counter()
        ray_engine.start(None, cpus=args.workers)  # Ray start-up is reported, not timed below
        print(f"local Ray with {args.workers} CPUs started in {time.perf_counter() - t0:.1f} s")
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}")
    measure("sample corpus", ROOT / "data" / "sample", args.workers, args.engine)
    if args.reuters:
        with tempfile.TemporaryDirectory() as tmp:
            folder = reuters_files(Path(args.shared), args.reuters, Path(tmp) / "reuters")
            if folder is None:
                print("Reuters-21578 not found under --shared; skipped")
            else:
                measure(
                    f"Reuters-21578 (first {args.reuters} with 20+ words)",
                    folder,
                    args.workers,
                    args.engine,
                )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak:.0f} MB")


if __name__ == "__main__":
    main()
