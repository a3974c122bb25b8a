"""Every page of the web UI on the 1,000,000-event benchmark store: render times over HTTP.

    python bench/web_pages.py [--events 1000000] [--db bench/out/web_pages.db] [--runs 10]

Builds the store of ``bench/api_dyad.py`` (synthetic merged events, 60% of them placed in
about 1,000 synthetic towns, with the dyads stage's monthly rows), then gives it what the
pages show besides events, written straight into the tables: an actor per side code (two
spellings each), one story per pair of countries holding all that pair's events (Türkiye–Syria:
about 184,000), 20,000 short articles (each the report of one event, in its pair's story, from
one of 12 outlets, with its actors' mentions and the full-text index), and 3,000 claims of which
1,000 contradict another.  Then serves the file with the real server (uvicorn on loopback,
read-only) and times each page: one untimed first request, then ``--runs`` timed ones.
The file is kept and reused unless --fresh (about 0.8 GB for 1M events).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import api_dyad  # noqa: E402
from storyline.store import Store  # noqa: E402

OUTLETS = [f"Outlet {c}" for c in "ABCDEFGHIJKL"]
WORDS = (
    "talks border ceasefire envoy minister summit trade troops shelling aid refugees "
    "pipeline sanctions visit statement army ports wheat grain energy drones water dam"
).split()
ARTICLES = 20_000
CLAIMS = 3_000


def enrich(db: Path, seed: int = 19) -> float:
    """Actors, stories, articles with reports and mentions, claims: the rest of a store."""
    rng = random.Random(seed)
    t0 = time.perf_counter()
    with Store(db) as store:
        d = store.db
        d.execute("PRAGMA synchronous = OFF")
        with store.transaction() as tx:
            sides = tx.execute(
                "SELECT DISTINCT source_id, source_code FROM events UNION "
                "SELECT DISTINCT target_id, target_code FROM events"
            ).fetchall()
            for actor_id, code in sides:
                tx.execute(
                    "INSERT OR IGNORE INTO actors(actor_id, code, name, kind, country, roles, "
                    "known) VALUES (?,?,?,?,?,?,1)",
                    (
                        actor_id,
                        code,
                        f"{code[:3]} {code[3:] or 'state'}".strip(),
                        "country" if len(code) == 3 else "government",
                        code[:3],
                        "[]",
                    ),
                )
                for alias in (code, f"the {code.lower()} side"):
                    tx.execute(
                        "INSERT OR IGNORE INTO actor_aliases VALUES (?,?,?)",
                        (actor_id, alias, rng.randint(1, 50)),
                    )
            # One story per pair of countries, holding every event of the pair.
            tx.execute(
                "UPDATE events SET story_id = 'bench-' || min(substr(source_code, 1, 3), "
                "substr(target_code, 1, 3)) || '-' || max(substr(source_code, 1, 3), "
                "substr(target_code, 1, 3))"
            )
            story_of_event: dict[str, str] = {}
            picked = tx.execute(
                "SELECT event_id, story_id, date, source_id, target_id, record FROM events "
                "WHERE date IS NOT NULL ORDER BY random() LIMIT ?",
                (ARTICLES,),
            ).fetchall()
            articles: dict[str, list[str]] = {}
            for i, (event_id, story, date, src, tgt, event_rec) in enumerate(picked):
                aid = f"a{i:07d}"
                story_of_event[event_id] = story
                articles.setdefault(story, []).append(aid)
                outlet = OUTLETS[i % len(OUTLETS)]
                pub = (date + "-15")[:10] if len(date) < 10 else date
                sentence = f"{src.upper()} and {tgt.upper()} held {rng.choice(WORDS)} talks."
                text = sentence + " " + " ".join(rng.choice(WORDS) for _ in range(60)) + "."
                tx.execute(
                    "INSERT INTO articles(article_id, path, outlet, title, published, "
                    "published_precision, published_how, language, text, story_id, story_how, "
                    "ingested_at) VALUES (?,?,?,?,?,'day','metadata','en',?,?,'pair',?)",
                    (
                        aid,
                        f"bench:{aid}",
                        outlet,
                        f"{src} and {tgt}: {rng.choice(WORDS)}",
                        pub,
                        text,
                        story,
                        "2026-01-01",
                    ),
                )
                mention = {
                    "article_id": aid,
                    "outlet": outlet,
                    "published": pub,
                    "sentence": sentence,
                    "start": 0,
                    "end": len(sentence),
                    "mention_id": f"m{i:07d}",
                    "background": False,
                }
                rec = {**json.loads(event_rec), "mentions": [mention]}
                tx.execute(
                    "INSERT INTO event_mentions(mention_id, article_id, event_id, date, "
                    "date_precision, root, cameo, polarity, modality, record) "
                    "VALUES (?,?,?,?,'day','04','040','asserted','fact',?)",
                    (f"m{i:07d}", aid, event_id, pub, json.dumps(rec)),
                )
                for actor in (src, tgt):
                    tx.execute(
                        "INSERT OR IGNORE INTO actor_mentions VALUES (?,?,?,?,?,?,'bench',0)",
                        (aid, 0, 3, actor, actor.upper(), actor.upper()),
                    )
            # Claims: every third contradicts the one before it.
            for i in range(CLAIMS):
                event_id, _story, date, src, tgt, _rec = picked[i]
                contra = (
                    [{"claim_id": f"c{i - 1:06d}", "reason": "a denial of a reported meeting"}]
                    if i % 3 == 2
                    else []
                )
                rec = {
                    "claim_id": f"c{i:06d}",
                    "speaker": None,
                    "text": f"{src} met {tgt}.",
                    "event_id": event_id,
                    "polarity": "negated" if contra else "asserted",
                    "article_id": f"a{i:07d}",
                    "contradicts": contra,
                    "date": date,
                    "outlet": OUTLETS[i % len(OUTLETS)],
                    "start": 0,
                    "end": 10,
                }
                tx.execute(
                    "INSERT INTO claims(claim_id, article_id, event_id, record) VALUES (?,?,?,?)",
                    (f"c{i:06d}", f"a{i:07d}", event_id, json.dumps(rec)),
                )
            stories = tx.execute(
                "SELECT story_id, min(date), max(date), count(*), "
                "avg(quad_class >= 3) FROM events GROUP BY story_id"
            ).fetchall()
            for story, first, last, _n, conflict in stories:
                ids = [
                    r[0]
                    for r in tx.execute(
                        "SELECT event_id FROM events WHERE story_id = ? "
                        "ORDER BY date IS NULL, date, event_id",
                        (story,),
                    )
                ]
                a, b = story.split("-")[1:]
                arts = sorted(articles.get(story, []))
                rec = {
                    "story_id": story,
                    "title": f"{a} – {b} ({first[:4]}–{last[:4]})",
                    "start": first,
                    "end": last,
                    "article_ids": arts,
                    "event_ids": ids,
                    "actors": [a, b],
                    "kind": "pair",
                    "background_event_ids": [],
                    "conflict_share": round(conflict, 3),
                }
                tx.execute(
                    "INSERT INTO stories VALUES (?,?,?,?,?,?,?)",
                    (story, rec["title"], first, last, len(arts), len(ids), json.dumps(rec)),
                )
        d.execute("ANALYZE")
        d.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--db", type=Path, default=ROOT / "bench" / "out" / "web_pages.db")
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--fresh", action="store_true")
    args = ap.parse_args()
    db: Path = args.db
    db.parent.mkdir(parents=True, exist_ok=True)
    have = 0
    if db.exists() and not args.fresh:
        try:
            with Store(db, readonly=True) as s:
                have = s.count("events") if s.count("stories") else 0
        except Exception:  # an older schema or a half-built file: build again
            have = 0
    if have != args.events:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        took = api_dyad.generate(db, args.events)
        more = enrich(db)
        print(
            f"generated {args.events:,} events in {took:.0f} s, the rest in {more:.0f} s "
            f"({db.stat().st_size / 1e6:.0f} MB)"
        )
    else:
        print(f"reusing {db} ({have:,} events)")
    with Store(db, readonly=True) as s:
        heavy = "bench-SYR-TUR"
        light = s.db.execute(
            "SELECT story_id FROM stories ORDER BY n_events LIMIT 1 OFFSET 300"
        ).fetchone()[0]
        event = s.db.execute("SELECT event_id FROM event_mentions LIMIT 1").fetchone()[0]
        article = s.db.execute("SELECT article_id FROM articles LIMIT 1 OFFSET 500").fetchone()[0]
        n_heavy = s.db.execute(
            "SELECT n_events FROM stories WHERE story_id = ?", (heavy,)
        ).fetchone()[0]
    pages = [
        ("home", "/"),
        ("stories list", "/stories"),
        ("stories list, page 2 by latest report", "/stories?sort=latest&offset=50"),
        ("stories list by conflict share", "/stories?sort=conflict"),
        (f"story Syria–Türkiye ({n_heavy:,} events)", f"/stories/{heavy}"),
        ("story, a light one", f"/stories/{light}"),
        ("outlets side by side, Syria–Türkiye", f"/stories/{heavy}/outlets"),
        ("events list", "/events"),
        ("events: material conflict, newest first", "/events?quad=4&sort=newest"),
        ("events: most reported first", "/events?sort=reported"),
        ("events of an actor by name", "/events?actor=TURGOV"),
        ("event", f"/events/{event}"),
        ("articles list", "/articles"),
        ("article", f"/articles/{article}"),
        ("actors list", "/actors"),
        ("actor TURGOV", "/actors/turgov"),
        ("pairs list", "/dyads"),
        ("pair TUR–SYR (charts, table, map)", "/dyads/TUR/SYR"),
        ("pair TUR–SYR, one month's events", "/dyads/TUR/SYR?month=2019-05"),
        ("map, every event", "/map"),
        ("map of TUR–SYR", "/map?dyad=TUR,SYR"),
        ("map of material conflict", "/map?quad=4"),
        ("search", "/search?q=ceasefire"),
        ("contradictions", "/contradictions"),
    ]
    url, stop = api_dyad.serve(db)
    results = []
    with httpx.Client(base_url=url.rstrip("/"), timeout=120) as client:
        for label, path in pages:
            results.append((label, path, api_dyad.time_get(client, path, args.runs)))
            print(f"  {label}: {results[-1][2]['median_ms']:.0f} ms", file=sys.stderr)
    stop()
    print(f"\n{args.runs} timed requests each after one untimed first request, HTTP on loopback:")
    print("| page | first | median | p95 | max | response |")
    print("|---|---|---|---|---|---|")
    for label, path, r in results:
        print(
            f"| {label} (`{path}`) | {r['first_ms']:.0f} ms | **{r['median_ms']:.0f} ms** | "
            f"{r['p95_ms']:.0f} ms | {r['max_ms']:.0f} ms | {r['bytes'] / 1024:.0f} KB |"
        )
    slow = [label for label, _p, r in results if r["median_ms"] >= 300]
    print(f"\npages with a median of 300 ms or more: {', '.join(slow) or 'none'}")


if __name__ == "__main__":
    main()
