"""Whole-pipeline throughput against bare spaCy over the same texts, in one process.

    python bench/throughput.py [--reuters N] [--t17 N] [--shared ../shared] [--workers N]
                               [--engine local|ray|both]

Figures: articles/s and words/s for (a) ``nlp.pipe`` over the texts alone and (b) the full
``ingest`` (read, clean, date, parse, actors, events, store, corpus stages) into a fresh SQLite
file.  Reuters-21578 and T17 dev are read from ../shared/corpora when present (written to
temporary text files with a Date header; T17's PTB tokenization undone as bench/content_dates.py
does; nothing is copied into the repository); the bundled sample corpus always runs.
``--engine both`` runs the local engine and then Ray (started after every local run, so no
worker process is forked from a process that runs Ray) over the same files, and prints Ray's
throughput as a ratio of the local engine's.
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
from storyline.store import Store  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from content_dates import detokenize  # noqa: E402


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


T17_WORDS = (100, 3000)  # news-article lengths: T17 also holds whole book reviews and transcripts


def t17_files(shared: Path, n: int, out: Path) -> Path | None:
    """``n`` T17 dev articles of news-article length, taken in turn from each topic (the file
    is sorted by topic, and its first articles are its longest), PTB tokenization undone."""
    src = shared / "corpora" / "t17-dev" / "articles.jsonl.gz"
    if not src.exists():
        return None
    by_topic: dict[str, list[dict[str, str]]] = {}
    with gzip.open(src, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if T17_WORDS[0] <= len((rec.get("text") or "").split()) <= T17_WORDS[1]:
                by_topic.setdefault(rec.get("topic") or "", []).append(rec)
    picked: list[dict[str, str]] = []
    for i in range(max((len(v) for v in by_topic.values()), default=0)):
        picked.extend(v[i] for v in by_topic.values() if i < len(v))
    out.mkdir(parents=True, exist_ok=True)
    for i, rec in enumerate(picked[:n]):
        (out / f"t{i:05d}.txt").write_text(
            f"Outlet: {rec.get('source') or ''}\nDate: {(rec.get('date') or '')[:10]}\n\n"
            f"{detokenize(rec.get('text') or '')}\n",
            encoding="utf-8",
        )
    return out


def bare_spacy(folder: Path) -> tuple[float, int, int]:
    """Seconds for ``nlp.pipe`` over the folder's texts; the number of texts and words."""
    nlp = load()
    texts = [a.text for a in iter_inputs([str(folder)]) if isinstance(a, Article)]
    words = sum(len(t.split()) for t in texts)
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    return time.perf_counter() - t0, len(texts), words


def measure(
    label: str,
    folder: Path,
    workers: int = 1,
    engine: str = "local",
) -> dict[str, float]:
    ctx = Context()
    local.warm(ctx)  # one-time loads (model, KB, city index, langid) are not part of any figure
    bare, n_texts, words = bare_spacy(folder)
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
        "articles": n_texts,
        "words": words,
        "bare_spacy_s": bare,
        "pipeline_s": per_article,
        "corpus_s": corpus,
        "events": events,
        "event_reports": report.events,
        "bare_articles_per_s": n_texts / bare,
        "pipeline_articles_per_s": n_texts / total,
        "pipeline_words_per_s": words / total,
        "ratio_vs_bare": bare / total,
    }
    print(f"{label}: {n_texts} articles, {words} words, engine={engine}, workers={workers}")
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
    ap.add_argument("--t17", type=int, default=300, help="T17 dev articles to use (0: skip)")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--engine", choices=["local", "ray", "both"], default="local")
    args = ap.parse_args()
    load()  # model load is not part of any figure
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}")
    engines = ["local", "ray"] if args.engine == "both" else [args.engine]
    with tempfile.TemporaryDirectory() as tmp:
        corpora: list[tuple[str, Path]] = [("sample corpus", ROOT / "data" / "sample")]
        if args.reuters:
            folder = reuters_files(Path(args.shared), args.reuters, Path(tmp) / "reuters")
            if folder is None:
                print("Reuters-21578 not found under --shared; skipped")
            else:
                corpora.append((f"Reuters-21578 (first {args.reuters} with 20+ words)", folder))
        if args.t17:
            folder = t17_files(Path(args.shared), args.t17, Path(tmp) / "t17")
            if folder is None:
                print("T17 dev not found under --shared; skipped")
            else:
                corpora.append((f"T17 dev ({args.t17}, 100-3,000 words, topics in turn)", folder))
        rows: dict[tuple[str, str], dict[str, float]] = {}
        for engine in engines:  # every local run first: nothing forks after Ray has started
            if engine == "ray":
                from storyline.engines import ray as ray_engine

                t0 = time.perf_counter()
                ray_engine.start(None, cpus=args.workers)  # start-up is reported, not timed below
                print(
                    f"local Ray with {args.workers} CPUs started in {time.perf_counter() - t0:.1f} s"
                )
            for label, folder in corpora:
                # Bare spaCy right before each run: on a shared machine the load changes between
                # runs, and each run's ratio is taken against a pass made under the same load.
                rows[(label, engine)] = measure(label, folder, args.workers, engine)
        if len(engines) == 2:
            print("Ray vs local, same files, same process (raw articles/s ratio; ratio of the")
            print("two ratios to bare spaCy, which cancels load that changed between the runs):")
            for label, _folder in corpora:
                lr, rr = rows[(label, "local")], rows[(label, "ray")]
                raw = rr["pipeline_articles_per_s"] / lr["pipeline_articles_per_s"]
                print(
                    f"  {label}: raw {raw:.2f}x, load-normalized "
                    f"{rr['ratio_vs_bare'] / lr['ratio_vs_bare']:.2f}x "
                    f"(local {lr['ratio_vs_bare']:.2f}x bare spaCy, Ray {rr['ratio_vs_bare']:.2f}x)"
                )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak:.0f} MB")


if __name__ == "__main__":
    main()
