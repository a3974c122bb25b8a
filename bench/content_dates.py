"""How well does content-based dating do when the real date is hidden?

    python bench/content_dates.py [--shared ../shared] [--show N]

For every document of TempEval-3 TBAQ (its DCT hidden) and of Timeline17 dev (its date hidden),
infer the publication date from the text alone with `storyline.ingest.content_date.infer` and
compare with the real one.  Reported per corpus: how many documents get a claim (coverage); of
those, how many are right at the precision claimed; how many claim a precision they do not have
(wrong at the claimed precision but right at a coarser one); how many are wrong even at year
level; and how often the "published not before" bound of an unclaimed document is violated.
Nothing is copied from the corpora; they are read in place and skipped when absent.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storyline.ingest.content_date import infer  # noqa: E402

_PTB = [
    (re.compile(r" ([,.;:!?%])"), r"\1"),
    (re.compile(r"-LRB- ?"), "("),
    (re.compile(r" ?-RRB-"), ")"),
]


def detokenize(text: str) -> str:
    """T17 texts are PTB-tokenized ("Sept. 7 , 2008"); undo the spacing the tokenizer added."""
    for pattern, repl in _PTB:
        text = pattern.sub(repl, text)
    return text.replace("`` ", '"').replace(" ''", '"')


def tbaq(shared: Path) -> list[tuple[str, str, str]]:
    path = shared / "corpora" / "tempeval3-tbaq" / "tbaq_docs.jsonl"
    if not path.exists():
        return []
    docs = []
    for line in path.open(encoding="utf-8"):
        d = json.loads(line)
        docs.append((d["doc_id"], d["text"], d["dct"][:10]))
    return docs


def t17(shared: Path) -> list[tuple[str, str, str]]:
    path = shared / "corpora" / "t17-dev" / "articles.jsonl.gz"
    if not path.exists():
        return []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [(d["id"], detokenize(d["text"]), d["date"][:10]) for d in map(json.loads, fh)]


def score(docs: list[tuple[str, str, str]], show: int) -> dict[str, object]:
    counts: Counter[str] = Counter()
    by_precision: Counter[str] = Counter()
    right_by_precision: Counter[str] = Counter()
    examples: list[str] = []
    t0 = time.perf_counter()
    for doc_id, text, gold in docs:
        guess = infer(text)
        truth = date.fromisoformat(gold)
        if guess.value is None:
            counts["no claim"] += 1
            if guess.lower is not None:
                counts["bounded"] += 1
                if guess.lower > truth:
                    counts["bound violated"] += 1
            continue
        counts["claimed"] += 1
        by_precision[guess.precision] += 1
        if gold.startswith(guess.value):
            counts["right"] += 1
            right_by_precision[guess.precision] += 1
        elif gold[:4] == guess.value[:4]:
            counts["over-precise"] += 1
        else:
            counts["wrong"] += 1
        if not gold.startswith(guess.value) and len(examples) < show:
            examples.append(f"  {doc_id}: claimed {guess.value} ({guess.evidence}); real {gold}")
    elapsed = time.perf_counter() - t0
    n = len(docs)
    claimed = counts["claimed"] or 1
    return {
        "documents": n,
        "claimed": counts["claimed"],
        "coverage": round(counts["claimed"] / n, 3) if n else 0.0,
        "right_at_claimed_precision": round(counts["right"] / claimed, 3),
        "over_precise": round(counts["over-precise"] / claimed, 3),
        "wrong_year": round(counts["wrong"] / claimed, 3),
        "claims_by_precision": dict(by_precision),
        "right_by_precision": dict(right_by_precision),
        "unclaimed_with_lower_bound": counts["bounded"],
        "lower_bound_violated": counts["bound violated"],
        "docs_per_s": round(n / elapsed) if elapsed else None,
        "examples": examples,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--show", type=int, default=5, help="print this many wrong claims")
    args = ap.parse_args()
    for name, loader in (("TBAQ", tbaq), ("T17 dev", t17)):
        docs = loader(args.shared)
        if not docs:
            print(f"{name}: corpus not found under {args.shared}/corpora, skipped")
            continue
        result = score(docs, args.show)
        examples = result.pop("examples")
        print(f"{name}: {json.dumps(result)}")
        for line in examples:  # type: ignore[union-attr]
            print(line)


if __name__ == "__main__":
    main()
