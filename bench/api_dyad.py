"""Web API over a large store: a dyad's timeline among 1,000,000 events.

    python bench/api_dyad.py [--events 1000000] [--db bench/out/api_dyad.db] [--runs 30] [--fresh]

Generates synthetic merged events straight into a store file (bulk inserts into the ``events``
table, no pipeline), with the dyads stage's monthly rows computed by ``dyads.run`` over each
pair's events, then serves the file with the real server (uvicorn on loopback, read-only) and
times HTTP requests: the pair's monthly trend (``/api/dyads/A/B/timeline``), one month's events
(the chart's click) and the first page of all the pair's events.  For comparison it also times
the same monthly aggregation computed on the fly from the ``events`` table (what the trend
would cost without the dyads rows).

Synthetic: 40 countries, pairs drawn with Zipf-like weights so Türkiye–Syria is the heaviest
pair (about a tenth of all events); real CAMEO codes with their quad classes and Goldstein
weights; dates 1995–2024 at mixed precision, a few percent undated, denied or intended.  Events
carry no reports (the event_mentions table stays empty), so pages are a little lighter than
real ones.  The file is kept and reused unless --fresh (about 0.5 GB for 1M events).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storyline.corpus import dyads  # noqa: E402
from storyline.events.codes import table  # noqa: E402
from storyline.model import ActorRef, Event, Location  # noqa: E402
from storyline.server.app import ServerConfig, bind, create_app, url_of  # noqa: E402
from storyline.store import Store  # noqa: E402

COUNTRIES = (
    "TUR SYR RUS IRN USA ISR IRQ GRC CYP EGY SAU JOR LBN QAT ARE UKR FRA DEU GBR CHN "
    "AZE ARM GEO BGR ROU SRB ITA ESP LBY TUN DZA MAR SDN YEM PAK AFG IND KWT BHR OMN"
).split()
AGENTS = ["", "GOV", "GOV", "GOV", "MIL", "MIL", "REB", "OPP", "CVL", "BUS", "SPY", "MED"]
# Rough centres of the countries (degrees): each gets PLACES synthetic towns scattered around it,
# where 60% of events are placed (the map's points; about 1,000 distinct places in all).
CENTRES = {
    "TUR": (39.0, 35.0),
    "SYR": (35.0, 38.5),
    "RUS": (56.0, 40.0),
    "IRN": (32.5, 53.5),
    "USA": (39.0, -98.0),
    "ISR": (31.5, 35.0),
    "IRQ": (33.0, 44.0),
    "GRC": (39.0, 22.0),
    "CYP": (35.0, 33.2),
    "EGY": (27.0, 30.5),
    "SAU": (24.0, 45.0),
    "JOR": (31.0, 36.5),
    "LBN": (33.8, 35.8),
    "QAT": (25.3, 51.2),
    "ARE": (24.0, 54.0),
    "UKR": (49.0, 31.5),
    "FRA": (46.5, 2.5),
    "DEU": (51.0, 10.0),
    "GBR": (53.0, -1.5),
    "CHN": (35.0, 105.0),
    "AZE": (40.3, 47.7),
    "ARM": (40.2, 44.8),
    "GEO": (42.2, 43.5),
    "BGR": (42.7, 25.3),
    "ROU": (45.8, 24.9),
    "SRB": (44.0, 20.8),
    "ITA": (42.8, 12.5),
    "ESP": (40.2, -3.6),
    "LBY": (27.0, 17.0),
    "TUN": (34.0, 9.5),
    "DZA": (28.0, 2.6),
    "MAR": (32.0, -6.5),
    "SDN": (15.5, 30.0),
    "YEM": (15.6, 47.5),
    "PAK": (30.0, 69.5),
    "AFG": (34.0, 66.0),
    "IND": (22.0, 79.0),
    "KWT": (29.3, 47.6),
    "BHR": (26.0, 50.5),
    "OMN": (21.0, 57.0),
}
PLACES = 25


def place(country: str, rng: random.Random) -> Location:
    """One of the country's synthetic towns (fixed coordinates, as a geocoder gives)."""
    k = rng.randrange(PLACES)
    lat, lon = CENTRES[country]
    spread = random.Random(f"{country}{k}")
    return Location(
        f"{country.title()} town {k}",
        country,
        round(lat + spread.uniform(-2.5, 2.5), 4),
        round(lon + spread.uniform(-3.5, 3.5), 4),
    )


HEAVY = ("TUR", "SYR")


def pair_counts(total: int, rng: random.Random) -> dict[tuple[str, str], int]:
    """How many events each unordered pair gets: Zipf-like, TUR–SYR first."""
    pairs = [(a, b) for i, a in enumerate(COUNTRIES) for b in COUNTRIES[i + 1 :]]
    rng.shuffle(pairs)
    pairs.remove(HEAVY)
    pairs.insert(0, HEAVY)
    weights = [1 / (rank + 1) ** 1.1 for rank in range(len(pairs))]
    scale = total / sum(weights)
    counts = {p: int(w * scale) for p, w in zip(pairs, weights, strict=True)}
    counts[HEAVY] += total - sum(counts.values())
    return counts


def synthetic_events(
    pair: tuple[str, str], n: int, rng: random.Random, start_id: int
) -> Iterator[Event]:
    codes = [c for c in table().values() if len(c.code) >= 3]
    for i in range(n):
        a, b = pair if rng.random() < 0.5 else (pair[1], pair[0])
        info = rng.choice(codes)
        y, m, d = rng.randint(1995, 2024), rng.randint(1, 12), rng.randint(1, 28)
        r = rng.random()
        if r < 0.80:
            date, precision = f"{y}-{m:02d}-{d:02d}", "day"
        elif r < 0.90:
            date, precision = f"{y}-{m:02d}", "month"
        elif r < 0.95:
            date, precision = f"{y}", "year"
        elif r < 0.98:
            date, precision = f"{y}-{m:02d}-{d:02d}", "published"
        else:
            date, precision = None, "unknown"
        sa, sb = a + rng.choice(AGENTS), b + rng.choice(AGENTS)
        modality = rng.choices(["fact", "intent", "demand", "hypothetical"], [90, 6, 2, 2])[0]
        yield Event(
            event_id=f"{start_id + i:016x}",
            date=date,
            date_precision=precision,
            source=ActorRef(sa.lower(), sa, sa),
            target=ActorRef(sb.lower(), sb, sb),
            cameo=info.code,
            root=info.root,
            quad_class=info.quad_class,
            goldstein=info.goldstein,
            plover=info.plover,
            plover_mode=info.plover_mode,
            polarity="negated" if rng.random() < 0.05 else "asserted",
            modality=modality,
            num_articles=rng.randint(1, 5),
            num_outlets=rng.randint(1, 3),
            confidence=0.7,
            reciprocal=info.root in ("04", "05", "06") and rng.random() < 0.5,
            location=place(b if rng.random() < 0.7 else a, rng) if rng.random() < 0.6 else None,
        )


def generate(db: Path, total: int, seed: int = 8) -> float:
    """Bulk-insert the events and their dyad rows; returns seconds taken."""
    rng = random.Random(seed)
    t0 = time.perf_counter()
    with Store(db) as store:
        store.db.execute("PRAGMA synchronous = OFF")
        next_id = 0
        for pair, n in pair_counts(total, rng).items():
            events = list(synthetic_events(pair, n, rng, next_id))
            next_id += n
            rows = dyads.run(events)
            with store.transaction() as tx:
                tx.executemany(
                    """INSERT INTO events(event_id, date, date_precision, source_id, source_code,
                       target_id, target_code, cameo, root, quad_class, goldstein, polarity,
                       modality, num_articles, num_outlets, story_id, record, lat, lon)
                       VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
                    (_event_row(e) for e in events),
                )
                tx.executemany(
                    "INSERT INTO dyads(a, b, period, events, goldstein_sum, goldstein_mean, "
                    "q1, q2, q3, q4, background) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    [
                        (
                            d.a,
                            d.b,
                            d.period,
                            d.events,
                            d.goldstein_sum,
                            d.goldstein_mean,
                            *(d.quad_counts[q] for q in ("1", "2", "3", "4")),
                            d.background,
                        )
                        for d in rows
                    ],
                )
        store.db.execute("ANALYZE")
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return time.perf_counter() - t0


def _event_row(e: Event) -> tuple[object, ...]:
    rec = e.record()
    rec.pop("mentions")
    assert e.source is not None and e.target is not None
    return (
        e.event_id,
        e.date,
        e.date_precision,
        e.source.actor_id,
        e.source.code,
        e.target.actor_id,
        e.target.code,
        e.cameo,
        e.root,
        e.quad_class,
        e.goldstein,
        e.polarity,
        e.modality,
        e.num_articles,
        e.num_outlets,
        None,
        json.dumps(rec, ensure_ascii=False, separators=(",", ":")),
        e.location.lat if e.location else None,
        e.location.lon if e.location else None,
    )


def on_the_fly(db: Path, a: str, b: str) -> tuple[float, int]:
    """The monthly trend aggregated from the events table, as the dyads stage defines it."""
    with Store(db, readonly=True) as store:
        t0 = time.perf_counter()
        rows = store.db.execute(
            "SELECT substr(source_code, 1, 3) AS x, substr(date, 1, 7) AS p, count(*), "
            "sum(goldstein), sum(quad_class = 1), sum(quad_class = 2), sum(quad_class = 3), "
            "sum(quad_class = 4) FROM events WHERE ((source_code >= ? AND source_code < ? AND "
            "substr(target_code, 1, 3) = ?) OR (source_code >= ? AND source_code < ? AND "
            "substr(target_code, 1, 3) = ?)) AND polarity = 'asserted' AND modality = 'fact' "
            "AND date_precision NOT IN ('year', 'unknown') AND length(date) >= 7 GROUP BY x, p",
            (a, a[:2] + chr(ord(a[2]) + 1), b, b, b[:2] + chr(ord(b[2]) + 1), a),
        ).fetchall()
        return time.perf_counter() - t0, len(rows)


def serve(db: Path) -> tuple[str, Callable[[], None]]:
    """The real server on a free loopback port, in a thread: its URL and how to stop it."""
    import uvicorn

    sock = bind("127.0.0.1", 0)
    url = url_of(sock, "127.0.0.1")
    server = uvicorn.Server(
        uvicorn.Config(create_app(ServerConfig(str(db))), log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)

    def stop() -> None:
        server.should_exit = True
        thread.join(10)

    return url, stop


def time_get(client: httpx.Client, path: str, runs: int) -> dict[str, float]:
    t0 = time.perf_counter()
    first = client.get(path)
    cold = time.perf_counter() - t0
    first.raise_for_status()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        r = client.get(path)
        times.append(time.perf_counter() - t0)
        r.raise_for_status()
    times.sort()
    return {
        "first_ms": cold * 1000,
        "median_ms": statistics.median(times) * 1000,
        "p95_ms": times[int(0.95 * (len(times) - 1))] * 1000,
        "max_ms": times[-1] * 1000,
        "bytes": len(first.content),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--db", type=Path, default=ROOT / "bench" / "out" / "api_dyad.db")
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--fresh", action="store_true", help="regenerate even if the file exists")
    args = ap.parse_args()
    db: Path = args.db
    db.parent.mkdir(parents=True, exist_ok=True)
    have = 0
    if db.exists() and not args.fresh:
        with Store(db, readonly=True) as s:
            have = s.count("events")
    if have != args.events:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        took = generate(db, args.events)
        print(
            f"generated {args.events:,} events in {took:.1f} s into {db} "
            f"({db.stat().st_size / 1e6:.0f} MB)"
        )
    else:
        print(f"reusing {db} ({have:,} events)")
    with Store(db, readonly=True) as s:
        heavy = s.db.execute(
            "SELECT count(*) FROM events WHERE substr(source_code,1,3) IN ('TUR','SYR') AND "
            "substr(target_code,1,3) IN ('TUR','SYR') AND substr(source_code,1,3) != "
            "substr(target_code,1,3)"
        ).fetchone()[0]
        light = s.db.execute(
            "SELECT min(a, b), max(a, b), sum(events) AS n FROM dyads WHERE a != b "
            "GROUP BY min(a, b), max(a, b) ORDER BY n LIMIT 1 OFFSET 400"
        ).fetchone()
    print(f"TUR–SYR holds {heavy:,} events; a light pair {light[0]}–{light[1]}")

    url, stop = serve(db)
    month = "2019-05"
    cases = [
        ("dyad timeline TUR–SYR", "/api/dyads/TUR/SYR/timeline"),
        (f"dyad timeline {light[0]}–{light[1]}", f"/api/dyads/{light[0]}/{light[1]}/timeline"),
        (
            f"events of TUR–SYR in {month} (first 50)",
            f"/api/events?dyad=TUR,SYR&date_from={month}&date_to={month}",
        ),
        ("all TUR–SYR events, first page of 50", "/api/events?dyad=TUR,SYR"),
        ("dyad page (HTML) TUR–SYR", "/dyads/TUR/SYR"),
    ]
    results = []
    with httpx.Client(base_url=url.rstrip("/"), timeout=60) as client:
        for label, path in cases:
            res = time_get(client, path, args.runs)
            results.append((label, path, res))
    stop()
    fly, nrows = on_the_fly(db, "TUR", "SYR")
    print(f"\n{args.runs} timed requests each after one untimed first request, HTTP on loopback:")
    print("| request | first | median | p95 | max | response |")
    print("|---|---|---|---|---|---|")
    for label, path, r in results:
        print(
            f"| {label} (`{path}`) | {r['first_ms']:.1f} ms | {r['median_ms']:.1f} ms | "
            f"{r['p95_ms']:.1f} ms | {r['max_ms']:.1f} ms | {r['bytes'] / 1024:.0f} KB |"
        )
    print(
        f"\nsame TUR–SYR monthly trend aggregated on the fly from the events table: "
        f"{fly * 1000:.0f} ms ({nrows} direction-month groups)"
    )


if __name__ == "__main__":
    main()
