"""Duplicates stage: exact copies, near-duplicates and the passages they share.

Two levels of MinHash (datasketch) over word 5-shingles: whole documents, and paragraphs, so a
republished copy that keeps most paragraphs but adds and drops others (whole-document overlap
about 0.3) is still found through its shared paragraphs.  Signatures are kept in the store, so
adding articles only signs and queries the new ones.

A pair counts as near-duplicate when the texts are identical (after normalization), when their
document signatures are similar, or when shared paragraphs make up a large part of the shorter
text.  Groups are connected components; the canonical copy is the earliest dated, else the
longest; copies with no date take the date window of their group (``published_how =
duplicate``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from storyline.ids import normalize_for_hash
from storyline.model import flip_passages

NUM_PERM = 64
SCHEME = "affine32"  # fixed, so stored signatures stay comparable whatever datasketch's default
SHINGLE = 5
MIN_PARAGRAPH_WORDS = 12
PARAGRAPH_THRESHOLD = 0.6  # estimated Jaccard for two paragraphs to count as the same passage
DOCUMENT_THRESHOLD = 0.5  # estimated Jaccard for two whole documents to be near-duplicates
SHARED_SHARE = 0.3  # or: shared passages cover this share of the shorter text...
SHARED_MIN_PARAGRAPHS = 2  # ...with at least this many shared paragraphs

_WORD = re.compile(r"\w+")


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


@dataclass(slots=True)
class Index:
    """LSH indexes over documents and paragraphs already in the store."""

    docs: MinHashLSH = field(
        default_factory=lambda: MinHashLSH(threshold=DOCUMENT_THRESHOLD, num_perm=NUM_PERM)
    )
    paras: MinHashLSH = field(
        default_factory=lambda: MinHashLSH(threshold=PARAGRAPH_THRESHOLD, num_perm=NUM_PERM)
    )
    doc_sigs: dict[str, LeanMinHash] = field(default_factory=dict)
    para_sigs: dict[str, tuple[str, int, int, LeanMinHash]] = field(default_factory=dict)
    hashes: dict[str, list[str]] = field(default_factory=dict)
    lengths: dict[str, int] = field(default_factory=dict)

    def add(self, s: Signed) -> None:
        self.hashes.setdefault(s.text_hash, []).append(s.article_id)
        self.lengths[s.article_id] = s.length
        if s.doc is not None and s.article_id not in self.doc_sigs:
            self.doc_sigs[s.article_id] = s.doc
            self.docs.insert(s.article_id, s.doc)
        for no, start, end, sig in s.paragraphs:
            key = f"{s.article_id}:{no}"
            if key not in self.para_sigs:
                self.para_sigs[key] = (s.article_id, start, end, sig)
                self.paras.insert(key, sig)


def find_pairs(new: Signed, index: Index) -> list[tuple[str, float, list[dict[str, int]]]]:
    """Near-duplicates of one new article among the indexed ones, with the shared passages."""
    found: dict[str, tuple[float, list[dict[str, int]]]] = {}
    shared: dict[str, list[dict[str, int]]] = {}
    for _no, start, end, sig in new.paragraphs:
        for key in index.paras.query(sig):
            other_id, o_start, o_end, o_sig = index.para_sigs[key]
            if other_id == new.article_id or sig.jaccard(o_sig) < PARAGRAPH_THRESHOLD:
                continue
            shared.setdefault(other_id, []).append(
                {"start": start, "end": end, "other_start": o_start, "other_end": o_end}
            )
    candidates = set(shared)
    if new.doc is not None:
        candidates.update(k for k in index.docs.query(new.doc) if k != new.article_id)
    candidates.update(k for k in index.hashes.get(new.text_hash, []) if k != new.article_id)
    for other in candidates:
        passages = _merge_passages(shared.get(other, []))
        exact = other in index.hashes.get(new.text_hash, [])
        doc_sim = (
            1.0
            if exact
            else (
                new.doc.jaccard(index.doc_sigs[other])
                if new.doc is not None and other in index.doc_sigs
                else 0.0
            )
        )
        covered = sum(p["end"] - p["start"] for p in passages)
        shorter = max(1, min(new.length, index.lengths.get(other, new.length)))
        n_paras = len(shared.get(other, []))
        if (
            exact
            or doc_sim >= DOCUMENT_THRESHOLD
            or (n_paras >= SHARED_MIN_PARAGRAPHS and covered / shorter >= SHARED_SHARE)
        ):
            found[other] = (round(doc_sim, 3), passages)
    return [(k, v[0], v[1]) for k, v in sorted(found.items())]


def _merge_passages(items: list[dict[str, int]]) -> list[dict[str, int]]:
    """One entry per shared paragraph pair, de-duplicated, in text order."""
    seen: set[tuple[int, int, int, int]] = set()
    out = []
    for p in sorted(items, key=lambda p: (p["start"], p["other_start"])):
        key = (p["start"], p["end"], p["other_start"], p["other_end"])
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def groups(pairs: Iterable[tuple[str, str]], meta: dict[str, dict[str, object]]) -> dict[str, str]:
    """Connected components of the near-duplicate graph; the id of a group is its canonical copy."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb
    members: dict[str, list[str]] = {}
    for x in list(parent):
        members.setdefault(find(x), []).append(x)
    out: dict[str, str] = {}
    for group in members.values():
        canon = min(group, key=lambda a: canonical_key(a, meta))
        for a in group:
            out[a] = canon
    return out


def canonical_key(article_id: str, meta: dict[str, dict[str, object]]) -> tuple[int, str, int, str]:
    m = meta.get(article_id, {})
    published = m.get("published")
    return (0 if published else 1, str(published or ""), -int(m.get("n") or 0), article_id)  # type: ignore[call-overload]


def group_dates(
    group_of: dict[str, str], meta: dict[str, dict[str, object]]
) -> dict[str, tuple[str, str]]:
    """Undated copies take the date window of their group: the dates its dated members agree on."""
    dated: dict[str, list[str]] = {}
    for a, g in group_of.items():
        p = meta.get(a, {}).get("published")
        if p and meta.get(a, {}).get("published_how") != "duplicate":
            dated.setdefault(g, []).append(str(p))
    out: dict[str, tuple[str, str]] = {}
    for a, g in group_of.items():
        m = meta.get(a, {})
        if (m.get("published") and m.get("published_how") != "duplicate") or g not in dated:
            continue
        dates = dated[g]
        common = _common_prefix(dates)
        if len(common) >= 10:
            out[a] = (common[:10], "day")
        elif len(common) >= 7:
            out[a] = (common[:7], "month")
        elif len(common) >= 4:
            out[a] = (common[:4], "year")
    return out


def _common_prefix(dates: list[str]) -> str:
    """The longest whole date component (day, month or year) all the dates share."""
    first, last = min(dates), max(dates)
    for cut in (10, 7, 4):
        if len(first) >= cut and len(last) >= cut and first[:cut] == last[:cut]:
            return first[:cut]
    return ""


@dataclass(slots=True)
class Result:
    """What the duplicates stage adds to the store."""

    paragraph_rows: list[tuple[str, int, int, int, bytes]] = field(default_factory=list)
    document_rows: list[tuple[str, str, bytes]] = field(default_factory=list)
    new_pairs: list[tuple[str, str, float, list[dict[str, int]]]] = field(default_factory=list)
    group_of: dict[str, str] = field(default_factory=dict)
    dates: dict[str, tuple[str, str]] = field(default_factory=dict)


def load_index(
    documents: Iterable[tuple[str, str, bytes]],
    paragraphs: Iterable[tuple[str, int, int, int, bytes]],
    lengths: dict[str, int],
) -> Index:
    """Rebuild the LSH indexes from stored signatures (no text is re-read or re-signed)."""
    index = Index()
    for article_id, text_hash_, sig in documents:
        index.hashes.setdefault(text_hash_, []).append(article_id)
        index.lengths[article_id] = lengths.get(article_id, 0)
        if sig:
            index.doc_sigs[article_id] = from_bytes(sig)
            index.docs.insert(article_id, index.doc_sigs[article_id])
    for article_id, no, start, end, sig in paragraphs:
        key = f"{article_id}:{no}"
        index.para_sigs[key] = (article_id, start, end, from_bytes(sig))
        index.paras.insert(key, index.para_sigs[key][3])
    return index


def run(
    unsigned: Iterable[tuple[str, str]],
    index: Index,
    known_pairs: Iterable[tuple[str, str]],
    meta: dict[str, dict[str, object]],
) -> Result:
    """Sign and look up the new articles, then regroup every copy and date undated copies.

    ``unsigned``: (article_id, cleaned text) of articles not signed yet; ``index``: what is
    already signed; ``known_pairs``: near-duplicate pairs already stored; ``meta``: per-article
    ``published``, ``published_how`` and length ``n``.
    """
    out = Result()
    for article_id, text in unsigned:
        signed = sign(article_id, text)
        for other, sim, passages in find_pairs(signed, index):
            a, b = sorted((article_id, other))
            if a != article_id:  # passages are stored from a's side
                passages = flip_passages(passages)
            out.new_pairs.append((a, b, sim, passages))
        index.add(signed)
        out.document_rows.append(
            (article_id, signed.text_hash, to_bytes(signed.doc) if signed.doc is not None else b"")
        )
        out.paragraph_rows.extend(
            (article_id, no, s, e, to_bytes(sig)) for no, s, e, sig in signed.paragraphs
        )
    pairs = [*known_pairs, *((a, b) for a, b, _, _ in out.new_pairs)]
    out.group_of = groups(pairs, meta)
    out.dates = group_dates(out.group_of, meta)
    return out
