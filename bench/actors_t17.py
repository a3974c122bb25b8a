"""Actors on real news: how much of Timeline17's development topics the actor stage resolves.

    .venv/bin/python bench/actors_t17.py [PATH] [--limit N] [--per-topic N] [--sample 50]
                                         [--resolutions 100] [--seed 2026]

PATH defaults to ../shared/corpora/t17-dev/articles.jsonl.gz (six topics: the BP oil spill,
H1N1, the Iraq war, the financial crisis, Haiti's earthquake, Michael Jackson's death).  Each
article is cleaned, parsed and resolved as ingest does, dated by its own date.  Reports:

- the share of actor mentions (places left out) that resolve to a coded actor, and how (the
  ``how`` vocabulary: knowledge base, dictionary, composition, coreference, provisional);
- actor rows as a store would hold them (one per actor id after provisional actors are merged
  across articles by ``actors/discovery.py``) and the share of them that are provisional;
- a seeded random sample of provisional actors with their spellings and one sentence each,
  to be judged by hand (is any a place or page furniture?), and with ``--resolutions`` a
  sample of resolutions (mention, code, rule, sentence) for the same purpose.

Prints figures for docs/benchmarks.md; asserts nothing.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from storyline.actors import discovery, resolver
from storyline.model import Article
from storyline.pipeline import STAGES, Context

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpora" / "t17-dev" / "articles.jsonl.gz"
_PTB = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "``": '"', "''": '"'}


def detokenize(line: str) -> str:
    """Undo the corpus's PTB tokenization well enough for a parser: brackets, quotes, the
    space before punctuation and clitics."""
    words = [_PTB.get(w, w).replace("\\/", "/") for w in line.split()]
    out = ""
    for w in words:
        if (
            (out and (w in {".", ",", ";", ":", "?", "!", ")", "]", "%"} or w.startswith("'")))
            or out.endswith(("(", "[", "$"))
            or w in {"n't"}
        ):
            out += w
        else:
            out += (" " if out else "") + w
    return out


def load(path: Path, limit: int, per_topic: int) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    seen: Counter[str] = Counter()
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            if per_topic and seen[d["topic"]] >= per_topic:
                continue
            seen[d["topic"]] += 1
            sents = [detokenize(s) for s in d["text"].split("\n") if s.strip()]
            # Three sentences a paragraph: the corpus keeps none of the articles' own breaks.
            paras = [" ".join(sents[i : i + 3]) for i in range(0, len(sents), 3)]
            rows.append(
                {"id": d["id"], "topic": d["topic"], "date": d["date"], "text": "\n\n".join(paras)}
            )
            if limit and len(rows) >= limit:
                break
    return rows


class Tally:
    """Actor mentions and rows of a set of articles, as a store would hold them."""

    def __init__(self) -> None:
        self.how: Counter[str] = Counter()
        self.coded = self.total = 0
        self.per_topic: dict[str, Counter[str]] = defaultdict(Counter)
        self.actors: dict[str, tuple[str, str, str, str | None, str | None, bool]] = {}
        self.aliases: dict[str, Counter[str]] = defaultdict(Counter)
        self.example: dict[str, str] = {}
        self.rows: list[tuple[str, str]] = []
        self.resolutions: list[tuple[str, str, str, str, str]] = []
        self.counts: Counter[str] = Counter()
        self.merges: dict[str, str] = {}

    def add(self, art: Article, topic: str) -> None:
        for m in art.mentions:
            if m.place_only:
                continue
            self.total += 1
            self.how[m.how] += 1
            self.per_topic[topic]["mentions"] += 1
            if m.code:
                self.coded += 1
                self.per_topic[topic]["coded"] += 1
            self.rows.append((art.article_id, m.actor_id))
            sent = art.sentences[m.sentence]
            text = art.text[sent.start : sent.end].replace("\n", " ")
            self.example.setdefault(m.actor_id, text)
            if m.rule not in resolver.NOT_NAMES:
                self.aliases[m.actor_id][m.text] += 1
            self.resolutions.append((m.text, m.code or "-", m.rule, art.published or "", text))
        for a in art.actors.values():
            self.actors.setdefault(
                a.actor_id, (a.actor_id, a.name, a.kind, a.code, a.country, a.known)
            )

    def provisional(self) -> list[tuple[str, str, str, str | None, str | None, bool]]:
        self.rows.sort()
        self.merges = discovery.plan(discovery.candidates_from(self.actors.values(), self.rows))
        self.counts = Counter(self.merges.get(a, a) for _, a in self.rows)
        for old, new in self.merges.items():
            self.aliases[new].update(self.aliases.pop(old, Counter()))
        return [r for a, r in self.actors.items() if a not in self.merges and not r[5]]

    def report(self) -> None:
        total = max(self.total, 1)
        print(f"actor mentions (places left out): {self.total}")
        print(f"  resolved to a coded actor: {self.coded} ({100 * self.coded / total:.1f}%)")
        for name, n in self.how.most_common():
            print(f"  how = {name}: {n} ({100 * n / total:.1f}%)")
        for topic, c in sorted(self.per_topic.items()):
            share = 100 * c["coded"] / max(c["mentions"], 1)
            print(f"  {topic}: {c['coded']}/{c['mentions']} coded ({share:.1f}%)")
        provisional = self.provisional()
        rows = len(self.actors) - len(self.merges)
        print(
            f"actor rows: {rows} ({len(self.merges)} provisional merged across articles); "
            f"provisional {len(provisional)} ({100 * len(provisional) / max(rows, 1):.1f}%)"
        )
        # Unknown to the knowledge base, but coded by what the text says of them ("BP
        # spokesman Mark Salt" is GBRBUS): still provisional rows, told apart for review.
        titled = sum(1 for r in provisional if r[3])
        print(
            f"  of the provisional, coded by their title or apposition: {titled}; with no "
            f"code: {len(provisional) - titled} ({100 * (len(provisional) - titled) / max(rows, 1):.1f}% of rows)"
        )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("path", nargs="?", default=str(DEFAULT))
    ap.add_argument("--limit", type=int, default=0, help="articles in all (0: every one)")
    ap.add_argument("--per-topic", type=int, default=0, help="articles per topic (0: all)")
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--sample", type=int, default=50, help="provisional actors to print")
    ap.add_argument("--resolutions", type=int, default=0, help="resolutions to print")
    ap.add_argument("--seed", type=int, default=2026)
    args = ap.parse_args()
    path = Path(args.path)
    if not path.exists():
        print(f"Timeline17 not found at {path}; nothing to measure", file=sys.stderr)
        return 0
    ctx = Context()
    _ = ctx.kb, ctx.nlp
    docs = load(path, args.limit, args.per_topic)
    pre = Tally()  # every name the actor stage resolves
    post = Tally()  # the actors a store keeps (after events: unknown names that act)
    t_nlp = t_actors = 0.0
    for k in range(0, len(docs), args.batch):
        chunk = docs[k : k + args.batch]
        batch = []
        for d in chunk:
            art = Article(article_id=d["id"], path=d["id"], text=d["text"])
            art.meta["date"] = d["date"]
            art.meta["_how"] = "metadata"
            batch.append(art)
        topic_of = {d["id"]: d["topic"] for d in chunk}
        for name, stage in STAGES:
            t0 = time.perf_counter()
            batch = stage(batch, ctx)
            dt = time.perf_counter() - t0
            if name == "nlp":
                t_nlp += dt
            elif name in {"actors", "actors-kept"}:
                t_actors += dt
            if name == "actors":
                for art in batch:
                    pre.add(art, topic_of.get(art.article_id, "?"))
        for art in batch:
            post.add(art, topic_of.get(art.article_id, "?"))
    print(f"articles: {len(docs)} (Timeline17 dev; {', '.join(sorted(pre.per_topic))})")
    print(
        f"spaCy pass {t_nlp:.1f} s, actor stage {t_actors:.1f} s: "
        f"actors add {100 * t_actors / max(t_nlp, 1e-9):.1f}% to the spaCy pass"
    )
    for title, tally in (
        ("every name the actor stage resolves", pre),
        ("the actors a store keeps (unknown names only when they act or have a title)", post),
    ):
        print(f"\n== {title}")
        tally.report()
    rng = random.Random(args.seed)
    provisional = post.provisional()
    sample = rng.sample(provisional, min(args.sample, len(provisional)))
    print(f"\nsample of {len(sample)} provisional actors kept (seed {args.seed}): name, kind,")
    print("mentions, spellings, an example sentence -- judge by hand: place? page furniture?")
    for actor_id, name, kind, *_ in sorted(sample, key=lambda r: -post.counts[r[0]]):
        spellings = ", ".join(a for a, _ in post.aliases[actor_id].most_common(4))
        print(f"- {name} [{kind}] x{post.counts[actor_id]}: {spellings}")
        print(f"    {post.example.get(actor_id, '')[:200]}")
    if args.resolutions:
        print(f"\nsample of {args.resolutions} resolutions kept (seed {args.seed}):")
        for text, code, rule, date, sent in rng.sample(post.resolutions, args.resolutions):
            print(f"- {text!r} -> {code} ({rule}, {date}): {sent[:220]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
