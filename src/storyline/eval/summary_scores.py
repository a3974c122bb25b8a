"""Scores of a timeline summary against a reference timeline (bench/t17_summary.py, tests).

Written here rather than taken from a ROUGE package so the definition is on the page and needs
no dependency: tokens are lower-cased runs of letters and digits (ROUGE-1.5.5's default
tokenisation, no stemming, no stop-word removal); n-grams are taken within a sentence, never
across two; overlap is clipped (an n-gram counts at most as often as the other side has it).

* ``date_prf``: precision/recall/F1 of the summary's days against the reference's (exact day).
* ``rouge``: concat ROUGE-N, all of the summary's text against all of the reference's, dates
  ignored.
* ``rouge_agreement``: date-aligned ROUGE-N ("agreement", Martschat & Markert 2017): n-grams
  overlap only between a summary day and the same reference day; precision over every n-gram of
  the summary, recall over every n-gram of the reference.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

_TOKEN = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True, slots=True)
class PRF:
    precision: float
    recall: float
    f1: float

    @classmethod
    def of(cls, hit: float, predicted: float, gold: float) -> PRF:
        p = hit / predicted if predicted else 0.0
        r = hit / gold if gold else 0.0
        return cls(p, r, 2 * p * r / (p + r) if p + r else 0.0)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def ngrams(sentences: Iterable[str], n: int) -> Counter[tuple[str, ...]]:
    out: Counter[tuple[str, ...]] = Counter()
    for s in sentences:
        toks = tokens(s)
        out.update(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))
    return out


def _overlap(a: Counter[tuple[str, ...]], b: Counter[tuple[str, ...]]) -> int:
    return sum(min(c, b[g]) for g, c in a.items() if g in b)


def date_prf(predicted: Iterable[str], gold: Iterable[str]) -> PRF:
    p, g = set(predicted), set(gold)
    return PRF.of(len(p & g), len(p), len(g))


def rouge(predicted: Sequence[str], gold: Sequence[str], n: int) -> PRF:
    """Concat ROUGE-N between two lists of sentences."""
    a, b = ngrams(predicted, n), ngrams(gold, n)
    return PRF.of(_overlap(a, b), sum(a.values()), sum(b.values()))


def rouge_agreement(
    predicted: Mapping[str, Sequence[str]], gold: Mapping[str, Sequence[str]], n: int
) -> PRF:
    """Date-aligned ROUGE-N between two timelines given as {day: [sentences]}."""
    hit = 0
    for day, sents in predicted.items():
        if day in gold:
            hit += _overlap(ngrams(sents, n), ngrams(gold[day], n))
    total_p = sum(sum(ngrams(s, n).values()) for s in predicted.values())
    total_g = sum(sum(ngrams(s, n).values()) for s in gold.values())
    return PRF.of(hit, total_p, total_g)
