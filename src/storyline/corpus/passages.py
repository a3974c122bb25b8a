"""What two texts share, word for word: the check that a candidate pair is a copy.

Candidates come from the band index (``minhash.py``); whether two similar texts are one report
is decided on the texts themselves.  Passages are aligned runs of words with character offsets
on both sides, found in any order, so a moved paragraph counts; wire services' template
notices (the same sentences with other figures or another company) are told apart from copies
by the figures and names in what aligns.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable

MIN_NEAR_WORDS = 25  # shorter texts (tables, one-line notices) are only ever exact copies
TEMPLATE_WORDS = 100  # below this, similar texts must also agree on their figures and names...
AGREE_SHARE = 0.5  # ...sharing at least half of those of the text with fewer
PASSAGE_FIGURES = 0.8  # the figures of the aligned text must be (nearly all) the same
SUBSTITUTION_WORDS = 12  # a gap this short on both sides is a substitution, not a new paragraph
ALIGN_WORDS = 8  # a shared passage is a run of at least this many words found in both texts
ALIGN_GAP = 4  # runs this close on both sides (a word or two rewritten) make one passage

_WORD = re.compile(r"\w+")
_FIGURE = re.compile(r"(?<!\w)\d(?:[\d.,/-]*\d)?(?!\w)")
_NAME = re.compile(r"(?<![.!?\n\"“] )(?<!^)\b[A-Z][a-z]+\b")

Passage = dict[str, int]


def coverage(a: str, b: str, passages: list[Passage]) -> float:
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


def merge_passages(items: list[Passage]) -> list[Passage]:
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
