"""Duplicates stage: exact copies, near-duplicates, the passages they share, copy groups.

A pair counts as near-duplicate when the texts are identical after normalization (same hash),
when their document signatures are similar, or when shared paragraphs make up a large part of
the shorter text (candidates from the band index, ``minhash.py``).  What was copied is then
found by aligning the two texts word by word (``passages.py``), so the shared passages are
exact (offsets on both sides), whichever path found the pair.  Groups are connected
components; the canonical copy is the earliest dated, else the longest; copies with no date
take the date window of their group (``published_how = duplicate``).

As a corpus stage (``STAGE``): new articles are signed, their band keys' buckets give the
candidates (one partition per band key: a groupby on a cluster), each new article is checked
against the candidates signed before it, and the copy components its new pairs touch are
regrouped.  ``run`` is the same over texts in memory, for working without a store.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from storyline.corpus.minhash import (
    DOCUMENT,
    DOCUMENT_THRESHOLD,
    LSH_PARAMS,
    PARAGRAPH_THRESHOLD,
    Candidates,
    Index,
    Item,
    Signed,
    from_bytes,
    key_rows,
    sign,
    signed_from_rows,
    to_bytes,
)
from storyline.corpus.passages import (
    Passage,
    aligned_passages,
    coverage,
    figures_agree,
    merge_passages,
    same_report,
)
from storyline.corpus.stage import Changes, Stage, Step, pages
from storyline.model import flip_passages
from storyline.pipeline import Context
from storyline.store import Store

SHARED_SHARE = 0.3  # or: shared passages cover this share of the shorter text...
SHARED_MIN_PARAGRAPHS = 2  # ...in at least this many passages (paragraphs without the texts)
ONE_PASSAGE_SHARE = 0.5  # or one passage covers this share (a first take inside the full story)

Pair = tuple[str, float, list[Passage]]  # (the other article, similarity, shared passages)
SignatureRows = tuple[
    tuple[str, str, bytes], list[tuple[str, int, int, int, bytes]], list[tuple[int, str, int]]
]


def find_pairs(new: Signed, index: Index, text: str | None = None) -> list[Pair]:
    """Near-duplicates of one new article among the indexed ones, with the shared passages.

    With the texts at hand (``text`` and the index's), passages are aligned word runs; without
    them, the matching paragraphs.
    """
    return verify(new, index.candidates(new, texts=text is not None), text)


def verify(new: Signed, c: Candidates, text: str | None = None) -> list[Pair]:
    """Which candidates are copies of ``new`` (decided on the texts when both are at hand)."""
    shared: dict[str, list[Passage]] = {}
    own_paras: dict[str, set[int]] = {}
    for no, start, end, sig in new.paragraphs:
        for other_id, o_no in c.para.get(no, ()):
            if other_id == new.article_id or (other_id, o_no) not in c.para_sigs:
                continue
            o_start, o_end, o_sig = c.para_sigs[(other_id, o_no)]
            if sig.jaccard(o_sig) < PARAGRAPH_THRESHOLD:
                continue
            shared.setdefault(other_id, []).append(
                {"start": start, "end": end, "other_start": o_start, "other_end": o_end}
            )
            own_paras.setdefault(other_id, set()).add(no)
    candidates = sorted((set(shared) | c.doc | c.exact) - {new.article_id})
    others = {a: c.texts[a] for a in candidates if a in c.texts} if text is not None else {}
    found: dict[str, tuple[float, list[Passage]]] = {}
    for other in candidates:
        is_exact = other in c.exact
        doc_sim = (
            1.0
            if is_exact
            else (
                new.doc.jaccard(c.doc_sigs[other])
                if new.doc is not None and other in c.doc_sigs
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
                    or coverage(text, others[other], passages)
                    >= (
                        SHARED_SHARE
                        if len(passages) >= SHARED_MIN_PARAGRAPHS
                        else ONE_PASSAGE_SHARE
                    )
                )
            ):
                found[other] = (round(doc_sim, 3), passages)
            continue
        passages = merge_passages(shared.get(other, []))
        covered = sum(p["end"] - p["start"] for p in passages)
        shorter = max(1, min(new.length, c.lengths.get(other, new.length)))
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


def pair_rows(
    article_id: str, pairs: Iterable[Pair]
) -> list[tuple[str, str, float, list[Passage]]]:
    """A new article's pairs as stored: (a, b) in order, passages from ``a``'s side."""
    out = []
    for other, sim, passages in pairs:
        a, b = sorted((article_id, other))
        out.append((a, b, sim, passages if a == article_id else flip_passages(passages)))
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
        out.new_pairs.extend(pair_rows(article_id, find_pairs(signed, index, text)))
        index.add(signed, text)
        document, paragraphs, keys = signature_rows(signed)
        out.document_rows.append(document)
        out.paragraph_rows.extend(paragraphs)
        out.key_rows.extend(keys)
    pairs = [*known_pairs, *((a, b) for a, b, _, _ in out.new_pairs)]
    out.group_of = groups(pairs, meta)
    out.dates = group_dates(out.group_of, meta)
    return out


def signature_rows(s: Signed) -> SignatureRows:
    """What the store keeps of an article's signatures: its document row, its paragraph rows
    and its entries in the band index."""
    return (
        (s.article_id, s.text_hash, to_bytes(s.doc) if s.doc is not None else b""),
        [(s.article_id, no, start, end, to_bytes(sig)) for no, start, end, sig in s.paragraphs],
        key_rows(s),
    )


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


# ---- the corpus stage ----------------------------------------------------------------------------
NEW = "articles.new"  # articles this update signed (checked for copies for the first time)
PAIRED = "duplicates.paired"  # articles in a pair this update found
REGROUPED = "articles.regrouped"  # articles whose copy group changed
REDATED = "articles.redated"  # copies that took a date from their group


def _begin(store: Store, changes: Changes) -> None:
    store.duplicates.start()
    if store.get_meta("lsh_params") != LSH_PARAMS:
        # Keys made with other banding (or a store from before band keys): made again below.
        store.duplicates.clear_keys()
        store.set_meta("lsh_params", LSH_PARAMS)
        changes.map("duplicates")["rekey"] = True


# Band keys again from the stored signatures (no text is read or signed again).
def _rekey_touched(store: Store, changes: Changes) -> Iterator[str]:
    if changes.map("duplicates").get("rekey"):
        yield from store.duplicates.signed_ids()


def _rekey_read(store: Store, ids: list[str], changes: Changes) -> list[Any]:
    sigs = store.duplicates.signatures_of(ids)
    return [sigs[a] for a in ids]


def _rekey(article_id: str, rows: Any, ctx: Context) -> list[tuple[int, str, int]]:
    text_hash_, doc, paragraphs, length = rows
    return key_rows(signed_from_rows(article_id, text_hash_, doc, paragraphs, length))


def _rekey_write(store: Store, results: list[tuple[str, Any]], changes: Changes) -> None:
    store.duplicates.insert_keys(row for _a, rows in results for row in rows)


# Signatures of the articles not signed yet, in the order they came.
def _sign_touched(store: Store, changes: Changes) -> Iterator[str]:
    return pages(store.duplicates.unsigned_ids, SIGN_CHUNK)


def _sign_read(store: Store, ids: list[str], changes: Changes) -> list[str]:
    texts = store.articles.texts(ids)
    return [texts[a] for a in ids]


def _sign(article_id: str, text: str, ctx: Context) -> SignatureRows:
    return signature_rows(sign(article_id, text))


def _sign_write(store: Store, results: list[tuple[str, SignatureRows]], changes: Changes) -> None:
    store.duplicates.add_signed([rows for _a, rows in results])
    changes.set(NEW).update(a for a, _rows in results)
    changes.count("duplicates.new", len(results))


# Candidates: per band key of a new article, its pairs with the entries signed before it.
Entry = tuple[str, int, int, bool]  # (article_id, seq, paragraph, signed by this update)
Candidate = tuple[str, int, str, int]  # (new article, its paragraph, other article, its paragraph)


def _keys_touched(store: Store, changes: Changes) -> Iterator[int]:
    yield from store.duplicates.new_keys()


def _keys_read(store: Store, keys: list[int], changes: Changes) -> list[list[Entry]]:
    buckets = store.duplicates.buckets(keys)
    return [buckets.get(k, []) for k in keys]


def bucket_candidates(key: int, entries: list[Entry], ctx: Context) -> list[Candidate]:
    """The pairs one band key makes: each new entry with every entry of the same level (whole
    document or paragraph) of another article signed before it."""
    out = []
    for a, seq, no, new in entries:
        if not new:
            continue
        for b, b_seq, b_no, b_new in entries:
            if b == a or (no == DOCUMENT) != (b_no == DOCUMENT) or (b_new and b_seq >= seq):
                continue
            out.append((a, no, b, b_no))
    return out


def _keys_write(store: Store, results: list[tuple[int, list[Candidate]]], changes: Changes) -> None:
    store.duplicates.add_candidates(c for _k, found in results for c in found)


# Pairs: each new article checked against its candidates, on the texts.
def _pairs_touched(store: Store, changes: Changes) -> Iterator[str]:
    yield from store.duplicates.new_ids()


def _pairs_read(store: Store, ids: list[str], changes: Changes) -> list[dict[str, Any]]:
    found = store.duplicates.check_inputs(ids)
    return [found[a] for a in ids]


def check(article_id: str, data: dict[str, Any], ctx: Context) -> list[Pair]:
    """The pairs of one new article, from what ``store.duplicates.check_inputs`` read."""
    text_hash_, doc, paragraphs, length = data["own"]
    new = signed_from_rows(article_id, text_hash_, doc, paragraphs, length)
    para: dict[int, set[Item]] = {}
    docs: set[str] = set()
    for no, other, o_no in data["candidates"]:
        if no == DOCUMENT:
            docs.add(other)
        else:
            para.setdefault(no, set()).add((other, o_no))
    c = Candidates(
        doc=docs,
        para=para,
        exact=set(data["exact"]),
        doc_sigs={a: from_bytes(sig) for a, sig in data["doc_sigs"].items() if sig},
        para_sigs={
            (a, no): (s, e, from_bytes(sig)) for (a, no), (s, e, sig) in data["para_sigs"].items()
        },
        lengths=data["lengths"],
        texts=data["texts"],
    )
    return verify(new, c, data["texts"][article_id])


def _pairs_write(store: Store, results: list[tuple[str, list[Pair]]], changes: Changes) -> None:
    rows = [row for a, pairs in results for row in pair_rows(a, pairs)]
    store.duplicates.add_pairs(rows)
    changes.set(PAIRED).update(x for a, b, _s, _p in rows for x in (a, b))


# Groups: the copy components the new pairs touch, regrouped whole.
def _groups_touched(store: Store, changes: Changes) -> Iterator[tuple[str, ...]]:
    seeds = store.duplicates.paired_articles() if changes.full else changes.set(PAIRED)
    done: set[str] = set()
    ordered = sorted(seeds)
    for i in range(0, len(ordered), 2000):
        members = store.duplicates.components(a for a in ordered[i : i + 2000] if a not in done)
        if members:
            done |= members
            yield tuple(sorted(members))


def _groups_read(store: Store, keys: list[tuple[str, ...]], changes: Changes) -> list[Any]:
    out = []
    for members in keys:
        ids = set(members)
        out.append(
            (
                store.duplicates.pairs_among(ids),
                store.articles.meta(members),
                store.duplicates.groups_of(members),
            )
        )
    return out


def regroup(members: tuple[str, ...], data: Any, ctx: Context) -> Any:
    """Copy groups of a set of whole components: the articles whose group changed, and the
    dates undated copies take from their group."""
    pairs, meta, old = data
    group_of = groups(pairs, meta)
    moved = {
        a: group_of.get(a) for a in old.keys() | group_of.keys() if old.get(a) != group_of.get(a)
    }
    return moved, group_dates(group_of, meta)


def _groups_write(store: Store, results: list[tuple[Any, Any]], changes: Changes) -> None:
    for _members, (moved, dates) in results:
        store.duplicates.set_groups(moved)
        changes.set(REGROUPED).update(moved)
        changes.set(REDATED).update(store.duplicates.set_dates(dates))


SIGN_CHUNK = 500
STAGE = Stage(
    "duplicates",
    (
        Step("rekey", _rekey_touched, _rekey_read, _rekey, _rekey_write, chunk=2000),
        Step("sign", _sign_touched, _sign_read, _sign, _sign_write, chunk=SIGN_CHUNK),
        Step("candidates", _keys_touched, _keys_read, bucket_candidates, _keys_write, chunk=4096),
        Step("pairs", _pairs_touched, _pairs_read, check, _pairs_write, chunk=100),
        Step("groups", _groups_touched, _groups_read, regroup, _groups_write, chunk=1),
    ),
    begin=_begin,
)
