"""Timeline summaries (`storyline timeline --all --summary --dates N`) against the T17 gold timelines.

    python bench/t17_summary.py [--shared ../shared] [--topics H1N1,MJ] [--limit-articles 100]
                                [--keep DIR] [--workers 2] [--seed 7]

For each Timeline17 development topic the topic's articles are ingested through the whole pipeline
into a store of their own (a temporary one, or DIR/TOPIC.db with --keep so a second run only
scores), then, for each gold timeline of the topic, a summary with as many days as the gold
timeline has is built and scored:

* date P/R/F1 (exact day) and ROUGE-1/ROUGE-2 F1, concat and date-aligned ("agreement"), with
  ``storyline.eval.summary_scores`` (lower-cased alphanumeric tokens, no stemming, clipped counts);
* as in the timeline-summarization literature, the days are restricted to the gold timeline's
  first..last day (``date_from``/``date_to``); "storyline, unrestricted" shows the same summary
  without that help;
* baselines in the same run: "random days" (N publication days drawn with --seed) and "most
  published days" (the N days with the most articles, counting copies), each day shown by the
  lead sentence of its first article (the same sentence hygiene as the summary: dateline and
  time stamp cut, a readable statement); ablations "mentions only" and "published only" are the
  two halves of storyline's salience.

The gold timelines give 1.5 to 8 sentences per day; a summary gives one, so ROUGE recall (and
with it F1) has a ceiling well below 1.  Figures are means over timelines (12 on the full set).
Article texts are PTB-tokenized (-LRB-, ``, "do n't"); they and the gold sentences are
detokenized the same way before anything else.  Nothing is copied into the repository.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storyline import (  # noqa: E402
    api,
    service,
    summary,
)
from storyline.eval.summary_scores import date_prf, rouge, rouge_agreement  # noqa: E402
from storyline.store import Store  # noqa: E402

_BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}


def detokenize(text: str) -> str:
    """Undo PTB tokenization: brackets, quotes, clitics and the space before punctuation."""
    for k, v in _BRACKETS.items():
        text = text.replace(k, v)
    text = re.sub(r"``\s*", '"', text)
    text = re.sub(r"\s*''", '"', text)
    text = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", text, flags=re.I)
    text = re.sub(r" ([,.;:!?%)\]}])", r"\1", text)
    text = re.sub(r"([(\[{$]) ", r"\1", text)
    return text.replace("\\/", "/")


def load(shared: Path) -> tuple[dict[str, list[dict[str, Any]]], dict[str, list[dict[str, Any]]]]:
    folder = shared / "corpora" / "t17-dev"
    arts: dict[str, list[dict[str, Any]]] = defaultdict(list)
    with gzip.open(folder / "articles.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            lines = [detokenize(s.strip()) for s in d["text"].split("\n") if s.strip()]
            if lines:  # a few records have no text; the reader would (rightly) skip them
                arts[d["topic"]].append(
                    {"id": d["id"], "date": d["date"][:10], "source": d["source"], "lines": lines}
                )
    gold: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for line in (folder / "timelines.jsonl").open(encoding="utf-8"):
        t = json.loads(line)
        days: dict[str, list[str]] = defaultdict(list)
        for e in t["entries"]:
            days[e["date"][:10]] += [detokenize(s) for s in e["sentences"]]
        gold[t["topic"]].append({"source": t["source"], "days": dict(days)})
    return arts, gold


def sample(items: list[dict[str, Any]], k: int | None) -> list[dict[str, Any]]:
    """An evenly spread, deterministic sample over the topic's period (all when k is None)."""
    items = sorted(items, key=lambda a: (a["date"], a["id"]))
    if k is None or k >= len(items):
        return items
    return [items[(i * len(items)) // k] for i in range(k)]


def ingest(topic: str, items: list[dict[str, Any]], db: Path, workers: int) -> tuple[int, float]:
    """One sentence per line in the source: each becomes its own paragraph, so no sentence is
    joined to the next by the reflow of hard-wrapped text."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / f"{topic}.jsonl"
        with src.open("w", encoding="utf-8") as out:
            for a in items:
                rec = {"text": "\n\n".join(a["lines"]), "date": a["date"], "source": a["source"]}
                out.write(json.dumps({**rec, "url": f"t17:{a['id']}"}) + "\n")
        t0 = time.perf_counter()
        report = api.ingest([str(src)], str(db), workers=workers)
        return report.new, time.perf_counter() - t0


# ---- baselines ---------------------------------------------------------------------------------
def lead_sentences(store: Store) -> dict[str, tuple[str, str]]:
    """Each publication day's first usable lead sentence, from its articles in store order."""
    out: dict[str, tuple[str, str]] = {}
    for r in service.article_texts(store):
        day = r["published"]
        if not day or len(day) != 10 or day in out:
            continue
        text = r["text"]
        for i, (s, e) in enumerate(summary.sentences(text)):
            if i >= summary.LEAD:
                break
            sent = text[s:e].strip()
            cut = summary.statement_start(sent)
            if cut is not None and summary.usable(sent[cut:]):
                sent = sent[cut:]
                out[day] = (r["article_id"], sent)
                break
    return out


def published_counts(store: Store) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for r in store.db.execute("SELECT published FROM articles WHERE length(published) = 10"):
        counts[r[0]] += 1
    return counts


# ---- scoring -----------------------------------------------------------------------------------
def score(pred: dict[str, list[str]], gold: dict[str, list[str]]) -> dict[str, float]:
    flat_p = [s for d in sorted(pred) for s in pred[d]]
    flat_g = [s for d in sorted(gold) for s in gold[d]]
    return {
        "date_f1": date_prf(pred, gold).f1,
        "r1": rouge(flat_p, flat_g, 1).f1,
        "r2": rouge(flat_p, flat_g, 2).f1,
        "ar1": rouge_agreement(pred, gold, 1).f1,
        "ar2": rouge_agreement(pred, gold, 2).f1,
    }


System = Callable[[Store, int, str, str], dict[str, list[str]]]


def storyline_system(salience: str, restrict: bool = True) -> System:
    def run(store: Store, n: int, first: str, last: str) -> dict[str, list[str]]:
        s = summary.summarize(
            store,
            dates=n,
            everything=True,
            salience=salience,
            date_from=first if restrict else None,
            date_to=last if restrict else None,
        )
        return {e.date: [e.sentence] for e in s.entries}

    return run


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--topics", default="", help="comma-separated, e.g. H1N1,MJ (default: all)")
    ap.add_argument("--limit-articles", type=int, default=None, help="per topic, spread evenly")
    ap.add_argument("--keep", default=None, help="keep the stores in this folder (and reuse them)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()

    shared = Path(args.shared)
    if not (shared / "corpora" / "t17-dev" / "articles.jsonl.gz").exists():
        print(f"skipped: no T17 development set under {shared}/corpora/t17-dev")
        return 0
    arts, gold = load(shared)
    topics = [t for t in args.topics.split(",") if t] or sorted(gold)
    unknown = [t for t in topics if t not in gold]
    if unknown:
        print(f"unknown topics: {', '.join(unknown)} (have {', '.join(sorted(gold))})")
        return 2
    rng = random.Random(args.seed)
    tmp = tempfile.TemporaryDirectory()
    folder = Path(args.keep) if args.keep else Path(tmp.name)
    folder.mkdir(parents=True, exist_ok=True)

    names = [
        "random days",
        "most published days",
        "storyline, mentions only",
        "storyline, published only",
        "storyline, unrestricted",
        "storyline",
    ]
    rows: dict[str, dict[str, list[dict[str, float]]]] = {n: defaultdict(list) for n in names}
    total_articles, total_ingest, total_summary = 0, 0.0, 0.0
    for topic in topics:
        items = sample(arts[topic], args.limit_articles)
        suffix = f"-{args.limit_articles}" if args.limit_articles else ""
        db = folder / f"{topic}{suffix}.db"
        new, took = ingest(topic, items, db, args.workers)
        total_articles += new
        total_ingest += took
        print(
            f"{topic}: {len(items)} articles, {new} ingested now ({took:.0f} s), "
            f"{len(items) - new} already in {db.name}",
            flush=True,
        )
        with Store(db, readonly=True) as store:
            leads = lead_sentences(store)
            counts = published_counts(store)

            def baseline(
                days: list[str], leads: dict[str, tuple[str, str]] = leads
            ) -> dict[str, list[str]]:
                return {d: [leads[d][1]] for d in days}

            for tl in gold[topic]:
                g = tl["days"]
                n, first, last = len(g), min(g), max(g)
                in_range = sorted(d for d in leads if first <= d <= last)
                busiest = sorted(in_range, key=lambda d: (-counts.get(d, 0), d))[:n]
                preds = {
                    "random days": baseline(sorted(rng.sample(in_range, min(n, len(in_range))))),
                    "most published days": baseline(busiest),
                }
                t0 = time.perf_counter()
                preds["storyline"] = storyline_system("reports")(store, n, first, last)
                total_summary += time.perf_counter() - t0
                preds["storyline, unrestricted"] = storyline_system("reports", False)(
                    store, n, first, last
                )
                preds["storyline, mentions only"] = storyline_system("mentions")(
                    store, n, first, last
                )
                preds["storyline, published only"] = storyline_system("published")(
                    store, n, first, last
                )
                for name in names:
                    rows[name][topic].append(score(preds[name], g))
                s = rows["storyline"][topic][-1]
                print(
                    f"  {tl['source']:<15} N={n:<4} storyline date F1 {s['date_f1']:.3f}  "
                    f"R1 {s['r1']:.3f}  R2 {s['r2']:.3f}  agreement R1 {s['ar1']:.3f}  "
                    f"R2 {s['ar2']:.3f}",
                    flush=True,
                )

    metrics = ["date_f1", "r1", "r2", "ar1", "ar2"]
    print()
    print(f"{'mean over timelines':<28}" + "".join(f"{m:>9}" for m in metrics) + "  timelines")
    for name in names:
        allrows = [r for topic in topics for r in rows[name][topic]]
        means = [sum(r[m] for r in allrows) / len(allrows) for m in metrics]
        print(f"{name:<28}" + "".join(f"{v:>9.3f}" for v in means) + f"  {len(allrows):>9}")
    print()
    print("storyline per topic (mean over its timelines):")
    for topic in topics:
        rs = rows["storyline"][topic]
        means = [sum(r[m] for r in rs) / len(rs) for m in metrics]
        print(f"  {topic:<26}" + "".join(f"{v:>9.3f}" for v in means) + f"  {len(rs):>9}")
    print()
    rate = f" ({total_articles / total_ingest:.1f} articles/s)" if total_articles else ""
    print(
        f"{total_articles} articles ingested in this run in {total_ingest:.0f} s{rate}, "
        f"{args.workers} workers; storyline summaries {total_summary:.1f} s in all"
    )
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
