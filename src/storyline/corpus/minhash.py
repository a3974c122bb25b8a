"""Signatures and the band index of the duplicates stage: what makes two articles candidates.

Two levels of MinHash (datasketch) over word 5-shingles: whole documents, and paragraphs, so a
republished copy that keeps most paragraphs but adds and drops others (whole-document overlap
about 0.3) is still found through its shared paragraphs.

Why the banding is done here and not by ``datasketch.MinHashLSH``: its storage backends are a
Python dict, Redis or Cassandra, so a store of 100,000 articles would have to re-insert every
signature into a fresh dict before it could check one new article (tens of seconds).  The band
keys use datasketch's own optimal bands x rows for each threshold and are kept in the store
next to the signatures (``store/duplicates.py``), so the stage finds a new article's candidates
with indexed lookups, or on a cluster as a groupby over band keys.  ``Index`` is the same band
index in memory, for working without a store (the evaluations, tests, benchmarks).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from datasketch import LeanMinHash, MinHash
from datasketch.lsh import _optimal_param

from storyline.ids import normalize_for_hash

NUM_PERM = 64
SCHEME = "affine32"  # fixed, so stored signatures stay comparable whatever datasketch's default
SHINGLE = 5
MIN_PARAGRAPH_WORDS = 12
PARAGRAPH_THRESHOLD = 0.6  # estimated Jaccard for two paragraphs to count as the same passage
DOCUMENT_THRESHOLD = 0.5  # estimated Jaccard for two whole documents to be near-duplicates

DOC_BANDS = _optimal_param(DOCUMENT_THRESHOLD, NUM_PERM, 0.5, 0.5)  # (bands, rows)
PARA_BANDS = _optimal_param(PARAGRAPH_THRESHOLD, NUM_PERM, 0.5, 0.5)
# Stored band keys are only valid for these parameters; the store rebuilds them when this changes.
LSH_PARAMS = (
    f"{SCHEME}/{NUM_PERM}/w{SHINGLE}/doc{DOC_BANDS[0]}x{DOC_BANDS[1]}"
    f"/para{PARA_BANDS[0]}x{PARA_BANDS[1]}"
)
DOCUMENT = -1  # the "paragraph number" of a whole-document entry in the band index

_WORD = re.compile(r"\w+")

Item = tuple[str, int]  # (article_id, paragraph number or DOCUMENT)


@dataclass(slots=True)
class Signed:
    """An article's signatures: one per document, one per long-enough paragraph."""

    article_id: str
    text_hash: str
    doc: LeanMinHash | None
    paragraphs: list[tuple[int, int, int, LeanMinHash]] = field(
        default_factory=list
    )  # no, start, end, sig
    length: int = 0


def _shingles(text: str) -> list[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        return [" ".join(words).encode()] if words else []
    return [" ".join(words[i : i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)]


def _minhash(shingles: list[bytes]) -> LeanMinHash | None:
    if not shingles:
        return None
    m = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
    m.update_batch(shingles)
    return LeanMinHash(m)


def text_hash(text: str) -> str:
    """Exact copies: the same words with the same punctuation, whatever the whitespace or case."""
    return hashlib.sha256(normalize_for_hash(text).lower().encode()).hexdigest()[:24]


def paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", text)]


def sign(article_id: str, text: str) -> Signed:
    out = Signed(article_id, text_hash(text), _minhash(_shingles(text)), length=len(text))
    for no, (s, e) in enumerate(paragraphs(text)):
        para = text[s:e]
        if len(_WORD.findall(para)) < MIN_PARAGRAPH_WORDS:
            continue
        sig = _minhash(_shingles(para))
        if sig is not None:
            out.paragraphs.append((no, s, e, sig))
    return out


def to_bytes(sig: LeanMinHash) -> bytes:
    return np.asarray(sig.hashvalues, dtype=np.uint64).tobytes()


def from_bytes(data: bytes) -> LeanMinHash:
    # The hashing scheme must match the one that signed (datasketch >= 2 records it).
    return LeanMinHash(seed=1, hashvalues=np.frombuffer(data, dtype=np.uint64), scheme=SCHEME)


def band_keys(sig: LeanMinHash, paragraph: int) -> list[int]:
    """The LSH band keys of a signature, as signed 64-bit integers (an SQLite INTEGER).

    Document and paragraph keys are salted differently, so one key column serves both levels.
    """
    bands, rows = DOC_BANDS if paragraph == DOCUMENT else PARA_BANDS
    level = b"d" if paragraph == DOCUMENT else b"p"
    hv = np.asarray(sig.hashvalues, dtype=np.uint64)
    out = []
    for b in range(bands):
        digest = hashlib.blake2b(
            hv[b * rows : (b + 1) * rows].tobytes(), digest_size=8, person=level + bytes([b])
        ).digest()
        out.append(int.from_bytes(digest, "little", signed=True))
    return out


def key_rows(s: Signed) -> list[tuple[int, str, int]]:
    """(key, article_id, paragraph) rows that put one signed article into the band index."""
    rows = [(k, s.article_id, DOCUMENT) for k in (band_keys(s.doc, DOCUMENT) if s.doc else [])]
    for no, _s, _e, sig in s.paragraphs:
        rows.extend((k, s.article_id, no) for k in band_keys(sig, no))
    return rows


@dataclass(slots=True)
class Candidates:
    """What one new article is checked against: the entries its band keys hit (whole documents,
    and per paragraph of its own the paragraphs of others), the articles with its exact text,
    and their signatures, lengths and texts (no texts: decide on the signatures alone)."""

    doc: set[str]
    para: dict[int, set[Item]]
    exact: set[str]
    doc_sigs: dict[str, LeanMinHash]
    para_sigs: dict[Item, tuple[int, int, LeanMinHash]]
    lengths: dict[str, int]
    texts: dict[str, str]


@dataclass(slots=True)
class Index:
    """The band index in memory: every article added so far, with its signatures and text."""

    buckets: dict[int, list[Item]] = field(default_factory=dict)
    doc_sigs: dict[str, LeanMinHash] = field(default_factory=dict)
    para_sigs: dict[Item, tuple[int, int, LeanMinHash]] = field(default_factory=dict)
    hashes: dict[str, list[str]] = field(default_factory=dict)
    lengths: dict[str, int] = field(default_factory=dict)
    text_of: dict[str, str] = field(default_factory=dict)

    def add(self, s: Signed, text: str | None = None) -> None:
        if s.article_id in self.lengths:
            return
        self.hashes.setdefault(s.text_hash, []).append(s.article_id)
        self.lengths[s.article_id] = s.length
        if text is not None:
            self.text_of[s.article_id] = text
        if s.doc is not None:
            self.doc_sigs[s.article_id] = s.doc
        for no, start, end, sig in s.paragraphs:
            self.para_sigs[(s.article_id, no)] = (start, end, sig)
        for key, aid, no in key_rows(s):
            self.buckets.setdefault(key, []).append((aid, no))

    def items(self, keys: Sequence[int]) -> dict[int, list[Item]]:
        return {k: list(self.buckets[k]) for k in keys if k in self.buckets}

    def candidates(self, new: Signed, texts: bool = True) -> Candidates:
        """The indexed entries ``new`` shares a band key with, and its exact copies."""
        doc_keys = band_keys(new.doc, DOCUMENT) if new.doc is not None else []
        para_keys = {no: band_keys(sig, no) for no, _s, _e, sig in new.paragraphs}
        hits = self.items(doc_keys + [k for ks in para_keys.values() for k in ks])
        exact = set(self.hashes.get(new.text_hash, [])) - {new.article_id}
        return Candidates(
            doc={a for k in doc_keys for a, no in hits.get(k, []) if no == DOCUMENT},
            para={
                no: {it for k in ks for it in hits.get(k, []) if it[1] != DOCUMENT}
                for no, ks in para_keys.items()
            },
            exact=exact,
            doc_sigs=self.doc_sigs,
            para_sigs=self.para_sigs,
            lengths=self.lengths,
            texts=self.text_of if texts else {},
        )


def signed_from_rows(
    article_id: str,
    text_hash_: str,
    doc: bytes,
    paragraphs: Iterable[tuple[int, int, int, bytes]],
    length: int,
) -> Signed:
    """An article's signatures as the store keeps them (bytes; an empty document is b"")."""
    return Signed(
        article_id,
        text_hash_,
        from_bytes(doc) if doc else None,
        [(no, s, e, from_bytes(sig)) for no, s, e, sig in paragraphs],
        length,
    )


def load_index(
    documents: Iterable[tuple[str, str, bytes]],
    paragraphs: Iterable[tuple[str, int, int, int, bytes]],
    lengths: dict[str, int],
) -> Index:
    """An in-memory index rebuilt from stored signatures (no text is re-read or re-signed).

    The store does not need this (it queries its band keys); it is for working without one.
    """
    signed: dict[str, Signed] = {}
    for article_id, text_hash_, sig in documents:
        signed[article_id] = Signed(
            article_id, text_hash_, from_bytes(sig) if sig else None, [], lengths.get(article_id, 0)
        )
    for article_id, no, start, end, sig in paragraphs:
        if article_id in signed:
            signed[article_id].paragraphs.append((no, start, end, from_bytes(sig)))
    index = Index()
    for s in signed.values():
        index.add(s)
    return index
