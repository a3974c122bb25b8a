"""Story clustering by text on ECB+: do the unpaired-article stories (stories.place_by_text)
follow the corpus's topics?

ECB+ documents have no dates, so all 772 are placed as one week (one scope, IDF over all of
them) with no paired article to join: every story found is a text story.  Gold: the ECB+ topic
of each document (its two sub-topics, ecb and ecbplus, are one topic).  Reported: B-cubed and
pairwise precision/recall/F1 of the stories against the topics, documents left alone counted as
singletons, at a few thresholds around the default.

    .venv/bin/python bench/stories_ecbplus.py [--corpus ../shared/corpora/ecbplus-dev]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storyline.corpus import stories  # noqa: E402
from storyline.eval import corefscore  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpora" / "ecbplus-dev"))
    args = ap.parse_args()
    path = Path(args.corpus) / "ecbplus_docs.jsonl"
    if not path.exists():
        print(f"ECB+ not found at {path}; nothing to measure")
        return
    docs = [json.loads(line) for line in path.open(encoding="utf-8")]
    texts = {d["doc_name"]: " ".join(d["sentences"]) for d in docs}
    gold = {d["doc_name"]: d["topic"] for d in docs}
    key = corefscore.partition(gold)
    print(f"{len(docs)} documents, {len(key)} topics")
    for threshold in (0.15, stories.TEXT_SIMILARITY, 0.3):
        t0 = time.perf_counter()
        placed = stories.place_by_text(
            [(name, text, None) for name, text in texts.items()], [], texts.values(), threshold
        )
        took = time.perf_counter() - t0
        labels = {name: (v[0] if v else name) for name, v in placed.items()}
        response = corefscore.partition(labels)
        b3 = corefscore.b_cubed(key, response)
        same = {p for p in combinations(sorted(texts), 2) if gold[p[0]] == gold[p[1]]}
        found = {p for p in combinations(sorted(texts), 2) if labels[p[0]] == labels[p[1]]}
        tp = len(same & found)
        p, r = tp / max(1, len(found)), tp / max(1, len(same))
        alone = sum(1 for v in placed.values() if v is None)
        print(
            f"threshold {threshold:.2f}: {len(response)} stories ({alone} documents alone); "
            f"B3 P/R/F1 {b3.precision:.3f}/{b3.recall:.3f}/{b3.f1:.3f}; "
            f"pairwise P/R/F1 {p:.3f}/{r:.3f}/{2 * p * r / max(1e-9, p + r):.3f}; {took:.1f} s"
        )


if __name__ == "__main__":
    main()
