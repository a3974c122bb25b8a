"""TF-IDF vectors over a small scope of texts (a story's week, a timeline's sentences).

The IDF is always that of the scope at hand, not of the whole store: which words are rare
depends on what else was written that week, and a scope-local IDF lets an incremental update
recompute one scope without touching the others.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

import numpy as np
from scipy import sparse
from spacy.lang.en.stop_words import STOP_WORDS

_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(STOP_WORDS)


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def content_words(text: str) -> list[str]:
    """Words that say what a document is about: no stop words, numbers or one-letter bits."""
    return [w for w in words(text) if len(w) > 2 and not w.isdigit() and w not in _STOP]


class Vectors:
    """TF-IDF unit vectors with the IDF of the scope's texts (each text a document)."""

    def __init__(
        self,
        corpus: Iterable[str],
        sublinear: bool = False,
        tokens: Callable[[str], list[str]] = words,
    ) -> None:
        self.tokens = tokens
        self.sublinear = sublinear
        df: Counter[str] = Counter()
        n = 0
        for text in corpus:
            df.update(set(tokens(text)))
            n += 1
        self.idf = {w: math.log((1 + n) / (1 + c)) + 1.0 for w, c in df.items()}
        self.default = math.log(1 + n) + 1.0

    def __call__(self, text: str) -> dict[str, float]:
        tf = Counter(self.tokens(text))
        vec = {
            w: (1.0 + math.log(c) if self.sublinear else c) * self.idf.get(w, self.default)
            for w, c in tf.items()
        }
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {w: v / norm for w, v in vec.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def similarities(rows: Sequence[dict[str, float]], cols: Sequence[dict[str, float]]) -> np.ndarray:
    """Every row vector's cosine with every column vector, as one sparse product (a week's
    articles against a week's stories would be millions of dictionary look-ups otherwise)."""
    vocab: dict[str, int] = {}
    for v in (*rows, *cols):
        for w in v:
            vocab.setdefault(w, len(vocab))

    def matrix(vs: Sequence[dict[str, float]]) -> sparse.csr_matrix:
        data, ind, ptr = [], [], [0]
        for v in vs:
            ind.extend(vocab[w] for w in v)
            data.extend(v.values())
            ptr.append(len(ind))
        return sparse.csr_matrix((data, ind, ptr), shape=(len(vs), len(vocab)))

    if not rows or not cols:
        return np.zeros((len(rows), len(cols)))
    return (matrix(rows) @ matrix(cols).T).toarray()
