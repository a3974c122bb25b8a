"""Duplicates stage: exact copies, near-duplicates and the passages they share.

Two levels of MinHash (datasketch) over word 5-shingles: whole documents, and paragraphs, so a
republished copy that keeps most paragraphs but adds and drops others (whole-document overlap
about 0.3) is still found through its shared paragraphs.

Why the banding is done here and not by ``datasketch.MinHashLSH``: its storage backends are a
Python dict, Redis or Cassandra, so a store of 100,000 articles would have to re-insert every
signature into a fresh dict before it could check one new article (tens of seconds).  The band
keys use datasketch's own optimal bands x rows for each threshold, are kept in the store next to
the signatures, and a new article is checked with one indexed lookup of its keys.  The same
``Index`` runs purely in memory when there is no store (tests, benchmarks).

A pair counts as near-duplicate when the texts are identical after normalization (same hash),
when their document signatures are similar, or when shared paragraphs make up a large part of
the shorter text.  What was copied is then found by aligning the two texts word by word, so the
shared passages are exact (offsets on both sides), whichever path found the pair.  Groups are
connected components; the canonical copy is the earliest dated, else the longest; copies with
no date take the date window of their group (``published_how = duplicate``).
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
from datasketch import LeanMinHash, MinHash
from datasketch.lsh import _optimal_param

from storyline.ids import normalize_for_hash
from storyline.model import flip_passages

NUM_PERM = 64
SCHEME = "affine32"  # fixed, so stored signatures stay comparable whatever datasketch's default
SHINGLE = 5
MIN_PARAGRAPH_WORDS = 12
PARAGRAPH_THRESHOLD = 0.6  # estimated Jaccard for two paragraphs to count as the same passage
DOCUMENT_THRESHOLD = 0.5  # estimated Jaccard for two whole documents to be near-duplicates
SHARED_SHARE = 0.3  # or: shared passages cover this share of the shorter text...
SHARED_MIN_PARAGRAPHS = 2  # ...in at least this many passages (paragraphs without the texts)
ONE_PASSAGE_SHARE = 0.5  # or one passage covers this share (a first take inside the full story)
MIN_NEAR_WORDS = 25  # shorter texts (tables, one-line notices) are only ever exact copies
TEMPLATE_WORDS = 100  # below this, similar texts must also agree on their figures and names...
AGREE_SHARE = 0.5  # ...sharing at least half of those of the text with fewer
PASSAGE_FIGURES = 0.8  # the figures of the aligned text must be (nearly all) the same
SUBSTITUTION_WORDS = 12  # a gap this short on both sides is a substitution, not a new paragraph
ALIGN_WORDS = 8  # a shared passage is a run of at least this many words found in both texts
ALIGN_GAP = 4  # runs this close on both sides (a word or two rewritten) make one passage

DOC_BANDS = _optimal_param(DOCUMENT_THRESHOLD, NUM_PERM, 0.5, 0.5)  # (bands, rows)
PARA_BANDS = _optimal_param(PARAGRAPH_THRESHOLD, NUM_PERM, 0.5, 0.5)
# Stored band keys are only valid for these parameters; the store rebuilds them when this changes.
LSH_PARAMS = (
    f"{SCHEME}/{NUM_PERM}/w{SHINGLE}/doc{DOC_BANDS[0]}x{DOC_BANDS[1]}"
    f"/para{PARA_BANDS[0]}x{PARA_BANDS[1]}"
)
DOCUMENT = -1  # the "paragraph number" of a whole-document entry in the band index

_WORD = re.compile(r"\w+")
_FIGURE = re.compile(r"(?<!\w)\d(?:[\d.,/-]*\d)?(?!\w)")
_NAME = re.compile(r"(?<![.!?\n\"“] )(?<!^)\b[A-Z][a-z]+\b")

Passage = dict[str, int]
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


class Lookup(Protocol):
    """What the index needs from the store for articles signed in earlier runs."""

    def lsh_items(self, keys: Sequence[int]) -> Iterable[tuple[int, str, int]]: ...

    def paragraph_signature_rows(
        self, items: Sequence[Item]
    ) -> Iterable[tuple[str, int, int, int, bytes]]: ...

    def document_signature_rows(
        self, ids: Sequence[str]
    ) -> Iterable[tuple[str, str, bytes, int]]: ...

    def ids_with_text_hash(self, text_hash: str) -> list[str]: ...

    def texts(self, ids: Sequence[str]) -> dict[str, str]: ...


@dataclass(slots=True)
class Index:
    """The band index: articles signed in this run in memory, earlier ones through ``backing``.

    Nothing stored is loaded up front, so checking one new article against a large store costs
    a few indexed lookups, not a rebuild.
    """

    backing: Lookup | None = None
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
        if text is not None and self.backing is None:  # the store has the text already
            self.text_of[s.article_id] = text
        if s.doc is not None:
            self.doc_sigs[s.article_id] = s.doc
        for no, start, end, sig in s.paragraphs:
            self.para_sigs[(s.article_id, no)] = (start, end, sig)
        for key, aid, no in key_rows(s):
            self.buckets.setdefault(key, []).append((aid, no))

    # ---- lookups over memory and store ------------------------------------------------------
    def items(self, keys: Sequence[int]) -> dict[int, list[Item]]:
        out: dict[int, list[Item]] = {}
        for k in keys:
            if k in self.buckets:
                out.setdefault(k, []).extend(self.buckets[k])
        if self.backing is not None and keys:
            for k, aid, no in self.backing.lsh_items(keys):
                out.setdefault(k, []).append((aid, no))
        return out

    def fetch(self, docs: set[str], paras: set[Item]) -> None:
        """Bring stored signatures (and lengths) of candidates into memory, once each."""
        if self.backing is None:
            return
        want_docs = sorted(a for a in docs | {a for a, _ in paras} if a not in self.lengths)
        for aid, h, sig, n in self.backing.document_signature_rows(want_docs):
            self.lengths[aid] = n
            self.hashes.setdefault(h, []).append(aid)
            if sig:
                self.doc_sigs[aid] = from_bytes(sig)
        want_paras = sorted(p for p in paras if p not in self.para_sigs)
        for aid, no, start, end, sig in self.backing.paragraph_signature_rows(want_paras):
            self.para_sigs[(aid, no)] = (start, end, from_bytes(sig))

    def same_text(self, s: Signed) -> list[str]:
        found = set(self.hashes.get(s.text_hash, []))
        if self.backing is not None:
            found.update(self.backing.ids_with_text_hash(s.text_hash))
        found.discard(s.article_id)
        return sorted(found)

    def texts(self, ids: Sequence[str]) -> dict[str, str]:
        out = {a: self.text_of[a] for a in ids if a in self.text_of}
        missing = [a for a in ids if a not in out]
        if missing and self.backing is not None:
            out.update(self.backing.texts(missing))
        return out


def find_pairs(
    new: Signed, index: Index, text: str | None = None
) -> list[tuple[str, float, list[Passage]]]:
    """Near-duplicates of one new article among the indexed ones, with the shared passages.

    With the texts at hand (``text`` and the index's), passages are aligned word runs; without
    them, the matching paragraphs.
    """
    doc_keys = band_keys(new.doc, DOCUMENT) if new.doc is not None else []
    para_keys = {no: band_keys(sig, no) for no, _s, _e, sig in new.paragraphs}
    hits = index.items(doc_keys + [k for ks in para_keys.values() for k in ks])
    doc_cands = {a for k in doc_keys for a, no in hits.get(k, []) if no == DOCUMENT}
    para_cands: dict[int, set[Item]] = {
        no: {it for k in ks for it in hits.get(k, []) if it[1] != DOCUMENT}
        for no, ks in para_keys.items()
    }
    exact = set(index.same_text(new))
    index.fetch(doc_cands | exact, {it for c in para_cands.values() for it in c})

    shared: dict[str, list[Passage]] = {}
    own_paras: dict[str, set[int]] = {}
    for no, start, end, sig in new.paragraphs:
        for other_id, o_no in para_cands.get(no, ()):
            if other_id == new.article_id or (other_id, o_no) not in index.para_sigs:
                continue
            o_start, o_end, o_sig = index.para_sigs[(other_id, o_no)]
            if sig.jaccard(o_sig) < PARAGRAPH_THRESHOLD:
                continue
            shared.setdefault(other_id, []).append(
                {"start": start, "end": end, "other_start": o_start, "other_end": o_end}
            )
            own_paras.setdefault(other_id, set()).add(no)
    candidates = sorted((set(shared) | doc_cands | exact) - {new.article_id})
    others = index.texts(candidates) if text is not None and candidates else {}
    found: dict[str, tuple[float, list[Passage]]] = {}
    for other in candidates:
        is_exact = other in exact
        doc_sim = (
            1.0
            if is_exact
            else (
                new.doc.jaccard(index.doc_sigs[other])
                if new.doc is not None and other in index.doc_sigs
                else 0.0
            )
        )
        if text is not None and other in others:
            # Both texts at hand: decide on what is really shared, word for word.
            passages = aligned_passages(text, others[other])
            if is_exact or (
                same_report(text, others[other])
                and figures_agree(text, others[other], passages)
                and (
                    doc_sim >= DOCUMENT_THRESHOLD
                    or _coverage(text, others[other], passages)
                    >= (
                        SHARED_SHARE
                        if len(passages) >= SHARED_MIN_PARAGRAPHS
                        else ONE_PASSAGE_SHARE
                    )
                )
            ):
                found[other] = (round(doc_sim, 3), passages)
            continue
        passages = _merge_passages(shared.get(other, []))
        covered = sum(p["end"] - p["start"] for p in passages)
        shorter = max(1, min(new.length, index.lengths.get(other, new.length)))
        if (
            is_exact
            or doc_sim >= DOCUMENT_THRESHOLD
            or (
                len(own_paras.get(other, ())) >= SHARED_MIN_PARAGRAPHS
                and covered / shorter >= SHARED_SHARE
            )
        ):
            found[other] = (round(doc_sim, 3), passages)
    return [(k, v[0], v[1]) for k, v in sorted(found.items())]


def _coverage(a: str, b: str, passages: list[Passage]) -> float:
    """Share of the shorter text (in words) that lies in the shared passages."""
    shared = sum(len(_WORD.findall(a[p["start"] : p["end"]])) for p in passages)
    return shared / max(1, min(len(_WORD.findall(a)), len(_WORD.findall(b))))


def same_report(a: str, b: str) -> bool:
    """Whether two similar texts can be one report, not one template filled in twice.

    Wire services send short notices that differ only in the figures or the company
    (dividends, daily money-market operations, rate changes): a copy keeps its figures and its
    names.  Long texts are not checked: a partial copy drops and adds paragraphs, and figures
    and names with them.  Very short texts are left to the exact path.
    """
    shorter = min(len(_WORD.findall(a)), len(_WORD.findall(b)))
    if shorter < MIN_NEAR_WORDS:
        return False
    if shorter >= TEMPLATE_WORDS:
        return True
    return _agree(_FIGURE.findall(a), _FIGURE.findall(b)) and _agree(
        _NAME.findall(a), _NAME.findall(b)
    )


def figures_agree(a: str, b: str, passages: list[Passage]) -> bool:
    """Whether the aligned text carries the same figures on both sides.

    A series of reports on one template (a central bank's daily operations, a weekly tender, a
    bond issue, a price table) aligns word for word except for short substitutions holding its
    figures and its subject; a copy, even an edited one, keeps its figures.  The aligned text is
    the shared passages plus the short gaps between (and before and after) them that are short
    on both sides; a long gap is a dropped or added paragraph, which is not compared.
    """
    fa, fb = Counter[str](), Counter[str]()
    for (sa, ea), (sb, eb) in _aligned_regions(a, b, passages):
        fa.update(_FIGURE.findall(a[sa:ea]))
        fb.update(_FIGURE.findall(b[sb:eb]))
    most = max(sum(fa.values()), sum(fb.values()))
    return most == 0 or sum((fa & fb).values()) >= PASSAGE_FIGURES * most


def _aligned_regions(
    a: str, b: str, passages: list[Passage]
) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Passages, and the gaps short on both sides around and between them, as span pairs."""
    out = [((p["start"], p["end"]), (p["other_start"], p["other_end"])) for p in passages]
    ordered = sorted(passages, key=lambda p: p["start"])
    bounds = [None, *ordered, None]
    for prev, nxt in itertools.pairwise(bounds):
        ga = (prev["end"] if prev else 0, nxt["start"] if nxt else len(a))
        gb = (prev["other_end"] if prev else 0, nxt["other_start"] if nxt else len(b))
        if prev and nxt and nxt["other_start"] < prev["other_end"]:
            continue  # the passages cross (moved text): no gap between them
        if prev is None and nxt is None:
            continue
        if all(
            e >= s and 0 < len(_WORD.findall(t[s:e])) <= SUBSTITUTION_WORDS
            for t, (s, e) in ((a, ga), (b, gb))
        ):  # words replaced by other words; a pure insertion is not a substitution
            out.append((ga, gb))
    return out


def _agree(xs: list[str], ys: list[str], least: int = 2) -> bool:
    if len(xs) < least or len(ys) < least:
        return True
    a, b = Counter(xs), Counter(ys)
    return sum((a & b).values()) >= AGREE_SHARE * min(len(xs), len(ys))


def _merge_passages(items: list[Passage]) -> list[Passage]:
    """One entry per shared paragraph pair, de-duplicated, in text order."""
    seen: set[tuple[int, int, int, int]] = set()
    out = []
    for p in sorted(items, key=lambda p: (p["start"], p["other_start"])):
        key = (p["start"], p["end"], p["other_start"], p["other_end"])
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def aligned_passages(a: str, b: str, min_words: int = ALIGN_WORDS) -> list[Passage]:
    """Passages of ``a`` found in ``b`` (in any order), as character offsets on both sides.

    Greedy maximal matching on lower-cased words seeded by shared ``min_words``-grams, so moved
    paragraphs are found as well as kept ones; runs separated by a few rewritten words on both
    sides join into one passage.
    """
    aw = [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(a)]
    bw = [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(b)]
    at, bt = [w for _, _, w in aw], [w for _, _, w in bw]
    n = min_words
    if len(at) < n or len(bt) < n:
        return []
    seeds: dict[tuple[str, ...], list[int]] = {}
    for j in range(len(bt) - n + 1):
        seeds.setdefault(tuple(bt[j : j + n]), []).append(j)
    runs: list[tuple[int, int, int, int]] = []  # a_start, a_end, b_start, b_end (word indexes)
    i = 0
    while i <= len(at) - n:
        cands = seeds.get(tuple(at[i : i + n]))
        if not cands:
            i += 1
            continue
        best, best_j = 0, cands[0]
        for j in cands[:16]:
            k = n
            while i + k < len(at) and j + k < len(bt) and at[i + k] == bt[j + k]:
                k += 1
            if k > best:
                best, best_j = k, j
        runs.append((i, i + best, best_j, best_j + best))
        i += best
    joined: list[list[int]] = []
    for r in runs:
        if joined:
            last = joined[-1]
            ga, gb = r[0] - last[1], r[2] - last[3]
            if 0 <= ga <= ALIGN_GAP and 0 <= gb <= ALIGN_GAP:
                last[1], last[3] = r[1], r[3]
                continue
        joined.append(list(r))
    return [
        {
            "start": _token_start(a, aw[s][0]),
            "end": _token_end(a, aw[e - 1][1]),
            "other_start": _token_start(b, bw[os_][0]),
            "other_end": _token_end(b, bw[oe - 1][1]),
        }
        for s, e, os_, oe in joined
    ]


def _token_start(text: str, i: int) -> int:
    """Widen to the whole whitespace-delimited token (an opening quote or bracket)."""
    while i > 0 and not text[i - 1].isspace():
        i -= 1
    return i


def _token_end(text: str, i: int) -> int:
    """Widen to the whole whitespace-delimited token (the full stop, a closing quote)."""
    while i < len(text) and not text[i].isspace():
        i += 1
    return i


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
    """Earliest dated copy first (a date inherited from the group does not count), then longest."""
    m = meta.get(article_id, {})
    published = m.get("published") if m.get("published_how") != "duplicate" else None
    return (0 if published else 1, str(published or ""), -int(m.get("n") or 0), article_id)  # type: ignore[call-overload]


def group_dates(
    group_of: dict[str, str], meta: dict[str, dict[str, object]]
) -> dict[str, tuple[str, str]]:
    """Undated copies take the date window of their group: the dates its dated members agree on.

    Only dates a source states travel: a copy dated by inference from its own content
    (``content``) takes its group's stated date instead, and never lends its guess to others."""
    weak = ("duplicate", "content")
    dated: dict[str, list[str]] = {}
    for a, g in group_of.items():
        p = meta.get(a, {}).get("published")
        if p and meta.get(a, {}).get("published_how") not in weak:
            dated.setdefault(g, []).append(str(p))
    out: dict[str, tuple[str, str]] = {}
    for a, g in group_of.items():
        m = meta.get(a, {})
        if (m.get("published") and m.get("published_how") not in weak) or g not in dated:
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
    key_rows: list[tuple[int, str, int]] = field(default_factory=list)
    new_pairs: list[tuple[str, str, float, list[Passage]]] = field(default_factory=list)
    group_of: dict[str, str] = field(default_factory=dict)
    dates: dict[str, tuple[str, str]] = field(default_factory=dict)


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


def run(
    unsigned: Iterable[tuple[str, str]],
    index: Index,
    known_pairs: Iterable[tuple[str, str]],
    meta: dict[str, dict[str, object]],
) -> Result:
    """Sign and look up the new articles, then regroup every copy and date undated copies.

    ``unsigned``: (article_id, cleaned text) of articles not signed yet; ``index``: what is
    already signed; ``known_pairs``: near-duplicate pairs already stored; ``meta``: per-article
    ``published``, ``published_how`` and length ``n`` (needed for group members only).
    """
    out = Result()
    for article_id, text in unsigned:
        signed = sign(article_id, text)
        for other, sim, passages in find_pairs(signed, index, text):
            a, b = sorted((article_id, other))
            if a != article_id:  # passages are stored from a's side
                passages = flip_passages(passages)
            out.new_pairs.append((a, b, sim, passages))
        index.add(signed, text)
        out.document_rows.append(
            (article_id, signed.text_hash, to_bytes(signed.doc) if signed.doc is not None else b"")
        )
        out.paragraph_rows.extend(
            (article_id, no, s, e, to_bytes(sig)) for no, s, e, sig in signed.paragraphs
        )
        out.key_rows.extend(key_rows(signed))
    pairs = [*known_pairs, *((a, b) for a, b, _, _ in out.new_pairs)]
    out.group_of = groups(pairs, meta)
    out.dates = group_dates(out.group_of, meta)
    return out


def group_members(group_of: dict[str, str]) -> dict[str, list[str]]:
    """Members of each group, canonical copy first."""
    out: dict[str, list[str]] = {}
    for a, g in sorted(group_of.items()):
        out.setdefault(g, []).append(a)
    for g, members in out.items():
        members.sort(key=lambda a: (a != g, a))
    return out


def shared_by_article(
    pairs: Iterable[tuple[str, str, float, list[Passage]]],
) -> dict[str, list[tuple[int, int, str, int, int]]]:
    """Each article's shared passages as (start, end, other article, other start, other end),
    from both sides of the pairs."""
    out: dict[str, list[tuple[int, int, str, int, int]]] = {}
    for a, b, _sim, passages in pairs:
        for p in passages:
            s, e, os_, oe = p["start"], p["end"], p["other_start"], p["other_end"]
            out.setdefault(a, []).append((s, e, b, os_, oe))
            out.setdefault(b, []).append((os_, oe, a, s, e))
    return out


# ---- what the `dups` command shows -------------------------------------------------------------
@dataclass(slots=True)
class CopyGroup:
    """One group of copies as stored: its members (canonical first) and their pairs."""

    group_id: str
    members: list[dict[str, object]]
    pairs: list[tuple[str, str, float, list[Passage]]]
    texts: dict[str, str]

    def record(self) -> dict[str, object]:
        return {
            "group_id": self.group_id,
            "articles": [
                {
                    **{k: v for k, v in m.items() if k != "text"},
                    "canonical": m["article_id"] == self.group_id,
                }
                for m in self.members
            ],
            "pairs": [
                {"a": a, "b": b, "similarity": s, "shared_passages": p} for a, b, s, p in self.pairs
            ],
        }


def copy_groups(
    members: Iterable[dict[str, object]],
    pairs: Iterable[tuple[str, str, float, list[Passage]]],
) -> list[CopyGroup]:
    """Gather stored members (each with ``article_id``, ``dup_group``, ``text``...) and pairs
    into groups, largest first."""
    out: dict[str, CopyGroup] = {}
    group_of: dict[str, str] = {}
    for m in members:
        g = str(m["dup_group"])
        group_of[str(m["article_id"])] = g
        grp = out.setdefault(g, CopyGroup(g, [], [], {}))
        grp.members.append(m)
        grp.texts[str(m["article_id"])] = str(m.get("text") or "")
    for a, b, sim, passages in pairs:
        g = group_of.get(a)
        if g is not None and g in out:
            out[g].pairs.append((a, b, sim, passages))
    return sorted(out.values(), key=lambda g: (-len(g.members), g.group_id))


def shared_segments(text: str, spans: Iterable[tuple[int, int]]) -> list[tuple[str, bool]]:
    """The text cut into (piece, shared?) pieces, for highlighting shared passages."""
    out: list[tuple[str, bool]] = []
    pos = 0
    for start, end in sorted(spans):
        start = max(start, pos)
        if end <= start:
            continue
        if start > pos:
            out.append((text[pos:start], False))
        out.append((text[start:end], True))
        pos = end
    if pos < len(text):
        out.append((text[pos:], False))
    return out


def coverage_of(text: str, spans: Iterable[tuple[int, int]]) -> float:
    """Share of a text's words inside the given spans (overlaps counted once)."""
    total = len(_WORD.findall(text))
    inside = sum(
        len(_WORD.findall(piece)) for piece, shared in shared_segments(text, spans) if shared
    )
    return inside / max(1, total)
