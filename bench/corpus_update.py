"""Time the corpus stages after adding one article to a store of N articles.

The store is built without spaCy: synthetic articles (distinct generated texts, so the
duplicates stage does real work) each carry two stored event mentions between random pairs of a
few countries on random dates, written through ``Store.write_batch`` as the engine writes them.
Then one more article at a time is written and ``corpus.update`` (the incremental update the
engines run after each ingest) is timed, stage by stage, and a full recompute for comparison.

    .venv/bin/python bench/corpus_update.py [--articles 10000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from storyline import corpus
from storyline.events.codes import lookup
from storyline.ids import content_id
from storyline.model import ActorRef, Article, Event, EventMention
from storyline.pipeline import Context
from storyline.store import Store

COUNTRIES = ["TUR", "SYR", "RUS", "IRN", "USA", "IRQ", "ISR", "LBN", "JOR", "EGY"]
CODES = ["040", "042", "043", "044", "036", "057", "112", "173", "190", "061"]
WORDS = "alpha beta gamma delta ministers talks border troops refugees meeting envoy".split()


def article(i: int, rng: random.Random) -> Article:
    y, m, d = rng.randint(2015, 2024), rng.randint(1, 12), rng.randint(1, 28)
    published = f"{y}-{m:02d}-{d:02d}"
    words = " ".join(rng.choice(WORDS) + str(rng.randint(0, 999)) for _ in range(120))
    text = f"Report {i}. {words}. Some {rng.randint(1, 9)}.{rng.randint(0, 9)} million Syrian refugees live in Turkey."
    aid = content_id("bench", str(i))
    outlet = f"Outlet {i % 40}"
    a = Article(
        aid,
        f"synthetic/{i}",
        text,
        outlet,
        published=published,
        published_precision="day",
        published_how="header",
        language="en",
    )
    for k in range(2):
        s, t = rng.sample(COUNTRIES, 2)
        code = rng.choice(CODES)
        mid = content_id("mention", aid, str(k))
        src = ActorRef(s + "GOV", s + "GOV", s)
        tgt = ActorRef(t + "GOV", t + "GOV", t)
        a.events.append(
            Event(
                event_id=mid,
                date=published,
                date_precision="day",
                source=src,
                target=tgt,
                **lookup(code).event_fields(),
                reciprocal=code.startswith("04"),
                mentions=[EventMention(aid, outlet, published, text[:20], 0, 20, None, mid)],
            )
        )
    return a


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=5, help="one-article updates to time")
    args = ap.parse_args()
    rng = random.Random(7)
    ctx = Context()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.db")
        t0 = time.perf_counter()
        batch: list[Article] = []
        for i in range(args.articles):
            batch.append(article(i, rng))
            if len(batch) == 500:
                store.write_batch(batch)
                batch = []
        if batch:
            store.write_batch(batch)
        print(f"built {args.articles} articles in {time.perf_counter() - t0:.1f} s")
        t0 = time.perf_counter()
        first = corpus.update(store, ctx)
        print(f"first corpus update (signs every article): {time.perf_counter() - t0:.1f} s")
        print(f"  by stage: {first.seconds}")
        times = []
        for k in range(args.repeat):
            store.write_batch([article(args.articles + k, rng)])
            t0 = time.perf_counter()
            rep = corpus.update(store, ctx)
            times.append(time.perf_counter() - t0)
            if k == 0:
                touched = {k: n for k, n in rep.partitions.items() if n}
                print(
                    f"one-article update, all corpus stages: {times[0]:.2f} s "
                    f"(partitions touched: {touched}; {dict(rep.counts)})"
                )
                print(f"  by stage: {rep.seconds}")
        times.sort()
        print(
            f"one-article updates x{len(times)}: median {times[len(times) // 2]:.2f} s, "
            f"max {times[-1]:.2f} s"
        )
        t0 = time.perf_counter()
        full = corpus.update(store, ctx, full=True)
        print(f"full recompute for comparison: {time.perf_counter() - t0:.1f} s {full.seconds}")
        store.close()


if __name__ == "__main__":
    main()
