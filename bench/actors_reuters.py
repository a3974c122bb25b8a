"""Actors benchmark: countries resolved per article against Reuters-21578 ``places``, and the
actor stage's time as a share of the spaCy pass, measured in the same process.

    .venv/bin/python bench/actors_reuters.py [PATH] [--limit 2000] [--batch 64]

PATH defaults to ../shared/corpora/reuters21578/reuters21578.jsonl.gz.  Articles without
``places`` are left out (there is nothing to score).  Reuters' places are the countries an
article is *about*, including where it happens (the dateline city, "in Brazil"), so every
country the actor stage finds counts: actors, places ("in Moscow"), and the country of the
people and sectors it names ("Japanese officials" -> Japan).  Gold names that our knowledge
base cannot read as one country (e.g. regions) are reported and left out of the score.
Prints figures for docs/benchmarks.md; asserts nothing.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import Counter
from pathlib import Path

from storyline.actors import resolve
from storyline.actors.kb import KnowledgeBase, load_kb
from storyline.actors.names import key_tokens
from storyline.ingest import clean
from storyline.model import Article
from storyline.nlp import run as nlp_run
from storyline.pipeline import Context

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpora" / "reuters21578" / "reuters21578.jsonl.gz"


def gold_code(kb: KnowledgeBase, place: str) -> str | None:
    """A Reuters place tag ("west-germany") read through our own gazetteer."""
    keys = key_tokens(place.replace("-", " "))
    for hit in kb.aliases.get(keys, []):
        entry = kb.entries[hit.actor_id]
        if entry.kind == "country" and hit.form in {"name", "capital"}:
            return entry.actor_id
    return None


def found_countries(kb: KnowledgeBase, art: Article) -> set[str]:
    out: set[str] = set()
    for m in art.mentions:
        if m.kind == "country":
            out.add(m.actor_id)
        elif m.code and len(m.code) >= 3 and m.code[:3] in kb.entries:
            if kb.entries[m.code[:3]].kind == "country":
                out.add(m.code[:3])
        elif m.country:
            out.add(kb.iso3_code.get(m.country, m.country))
    return out


def load(path: Path, limit: int) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            if d.get("places") and (d.get("body") or "").strip():
                rows.append(d)
                if len(rows) >= limit:
                    break
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("path", nargs="?", default=str(DEFAULT))
    ap.add_argument("--limit", type=int, default=2000)
    ap.add_argument("--batch", type=int, default=64)
    args = ap.parse_args()
    path = Path(args.path)
    if not path.exists():
        print(f"Reuters-21578 not found at {path}; nothing to measure", file=sys.stderr)
        return 0
    ctx = Context()
    kb = load_kb()
    _ = ctx.nlp
    docs = load(path, args.limit)
    unmapped: Counter[str] = Counter()
    tp = fp = fn = 0
    per: dict[str, Counter[str]] = {}
    t_nlp = t_actors = 0.0
    for k in range(0, len(docs), args.batch):
        chunk = docs[k : k + args.batch]
        batch = []
        for d in chunk:
            text = "\n\n".join(
                x
                for x in (str(d.get("title") or ""), str(d.get("dateline") or ""), str(d["body"]))
                if x.strip()
            )
            art = Article(article_id=str(d["newid"]), path=str(d["newid"]), text=text)
            art.published = str(d.get("date") or "")[:10] or None
            batch.append(art)
        batch = clean.run(batch, ctx)
        t0 = time.perf_counter()
        batch = nlp_run(batch, ctx)
        t1 = time.perf_counter()
        batch = resolve.run(batch, ctx)
        t2 = time.perf_counter()
        t_nlp += t1 - t0
        t_actors += t2 - t1
        by_id = {a.article_id: a for a in batch}
        for d in chunk:
            art = by_id.get(str(d["newid"]))
            if art is None:
                continue
            gold = set()
            for p in d["places"]:  # type: ignore[union-attr]
                code = gold_code(kb, str(p))
                if code is None:
                    unmapped[str(p)] += 1
                else:
                    gold.add(code)
            if not gold:
                continue
            found = found_countries(kb, art)
            for c in found & gold:
                tp += 1
                per.setdefault(c, Counter())["tp"] += 1
            for c in found - gold:
                fp += 1
                per.setdefault(c, Counter())["fp"] += 1
            for c in gold - found:
                fn += 1
                per.setdefault(c, Counter())["fn"] += 1
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"articles scored: {len(docs)} (Reuters-21578 with places, first {args.limit})")
    print(f"country pairs: tp={tp} fp={fp} fn={fn}")
    print(f"precision {p:.3f}  recall {r:.3f}  F1 {f1:.3f}")
    print(
        f"spaCy pass {t_nlp:.1f} s, actor stage {t_actors:.1f} s: "
        f"actors add {100 * t_actors / t_nlp:.1f}% to the spaCy pass"
    )
    worst = sorted(per.items(), key=lambda kv: -(kv[1]["fp"] + kv[1]["fn"]))[:12]
    print("worst countries (fp = found but not tagged, fn = tagged but not found):")
    for code, c in worst:
        name = kb.entries[code].name if code in kb.entries else code
        print(f"  {code} {name}: tp={c['tp']} fp={c['fp']} fn={c['fn']}")
    if unmapped:
        print(
            "gold places not read as one country:",
            ", ".join(f"{k}({v})" for k, v in unmapped.most_common(10)),
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
