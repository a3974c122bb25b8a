"""Who is the source and who the target (``storyline eval roles``).

The set (``eval/quadclass/cameo_ner_train.txt``, read, never copied) tags the words naming the
source (S), the target (T) and reciprocal parties (R, both at once) of each sentence's main
event, one token a line in BIO.  Each sentence (its tokens joined by spaces) is coded as
``storyline code`` would, and the ``source_span``/``target_span`` of the events of its main
trigger (the shallowest in the parse, as the classification evaluations choose it) are compared
with the gold spans: gold sources are S and R spans, gold targets T and R spans.  A predicted
span matches a gold one when they share at least half the tokens of the longer; matches are one
to one.  The figures for every event of the sentence (not only the main one) are given too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.eval.common import EvalResult, f1, need
from storyline.eval.realnews import named_together
from storyline.model import Article, Event
from storyline.pipeline import Context

SET = Path("eval") / "quadclass" / "cameo_ner_train.txt"

Span = tuple[int, int]  # token range [start, end)


@dataclass(slots=True)
class Tagged:
    tokens: list[str]
    source: list[Span]
    target: list[Span]

    @property
    def text(self) -> str:
        return "".join(gap + t for gap, t in zip(self._gaps(), self.tokens, strict=True))

    def offsets(self) -> list[tuple[int, int]]:
        out, pos = [], 0
        for gap, t in zip(self._gaps(), self.tokens, strict=True):
            pos += len(gap)
            out.append((pos, pos + len(t)))
            pos += len(t)
        return out

    def _gaps(self) -> list[str]:
        """What goes before each token: a space, except inside a word the set's tokenizer cut
        at its apostrophe ("Japan ’ s", "don ’ t"), which is rejoined as written ("Japan’s")
        -- read with spaces, the parser takes the "s" for a verb and loses the possessive."""
        gaps = [" " if i else "" for i in range(len(self.tokens))]
        for i in range(1, len(self.tokens) - 1):
            if self.tokens[i] in APOSTROPHES and self.tokens[i + 1].lower() in CLITICS:
                gaps[i] = gaps[i + 1] = ""
        return gaps


APOSTROPHES = {"’", "'"}
CLITICS = {"s", "t", "re", "ve", "ll", "d", "m"}


def _spans(tags: Sequence[str], kinds: set[str]) -> list[Span]:
    out: list[Span] = []
    start = None
    for i, tag in enumerate([*tags, "O"]):
        inside = tag[2:] in kinds and tag[:2] == "I-"
        if start is not None and not inside:
            out.append((start, i))
            start = None
        if tag[:2] == "B-" and tag[2:] in kinds:
            start = i
    return out


def load(shared: Path) -> list[Tagged]:
    path = need(shared / SET)
    out: list[Tagged] = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        rows = [line.rsplit(" ", 1) for line in block.splitlines() if line.strip()]
        if not rows:
            continue
        tokens = [r[0] for r in rows]
        tags = [r[1] if len(r) == 2 else "O" for r in rows]
        out.append(Tagged(tokens, _spans(tags, {"S", "R"}), _spans(tags, {"T", "R"})))
    return out


def to_tokens(span: dict[str, Any] | None, offsets: list[tuple[int, int]]) -> Span | None:
    """A character span within the sentence as the gold token range it covers."""
    if not span:
        return None
    idx = [i for i, (a, b) in enumerate(offsets) if a < span["end"] and span["start"] < b]
    return (idx[0], idx[-1] + 1) if idx else None


def overlaps(a: Span, b: Span) -> bool:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return shared > 0 and 2 * shared >= max(a[1] - a[0], b[1] - b[0])


def matched(pred: Iterable[Span], gold: Iterable[Span]) -> int:
    free = list(gold)
    n = 0
    for p in pred:
        for i, g in enumerate(free):
            if overlaps(p, g):
                n += 1
                del free[i]
                break
    return n


def _depth(art: Article, ev: Event) -> int:
    """How deep the event's trigger sits in its sentence's tree (0 = the main verb)."""
    m = ev.mentions[0]
    at = art.text.find(m.trigger, m.start, m.end) if m.trigger else -1
    tok = next((t for t in art.tokens if at >= 0 and t.idx <= at < t.end), None)
    if tok is None:
        return 99
    d, cur = 0, tok
    while cur.head != cur.i and d < 64:
        cur = art.tokens[cur.head]
        d += 1
    return d


def main_events(art: Article) -> list[Event]:
    events = [e for e in art.events if e.mentions]
    if not events:
        return []
    depths = [_depth(art, e) for e in events]
    best = min(depths)
    trigger = next(e.mentions[0].trigger for e, d in zip(events, depths, strict=True) if d == best)
    return [
        e
        for e, d in zip(events, depths, strict=True)
        if d == best and e.mentions[0].trigger == trigger
    ]


_JOINING = re.compile(r"(?:\s|,|&|\band\b|\bas well as\b|\bwith\b)*", re.I)


def joint_parties(e: Event) -> dict[str, Any] | None:
    """The words of both parties of a mutual act that one coordination names ("A and B agreed"),
    as one span: the set tags them as one reciprocal (R) span, and the two directed events we
    write for it are that one group acting together.  "A met B" stays two spans (S and T)."""
    m = e.mentions[0]
    a, b = m.source_span, m.target_span
    if not (e.reciprocal and a and b and named_together(e)):
        return None
    first, second = sorted((a, b), key=lambda x: x["start"])
    if not _JOINING.fullmatch(m.sentence[first["end"] : second["start"]]):
        return None
    return {"start": first["start"], "end": second["end"]}


@dataclass(slots=True)
class Counts:
    pred: int = 0
    gold: int = 0
    hit: int = 0

    def prf(self) -> dict[str, float]:
        p = self.hit / self.pred if self.pred else 0.0
        r = self.hit / self.gold if self.gold else 0.0
        return {"precision": p, "recall": r, "f1": f1(p, r), "gold": self.gold, "pred": self.pred}


def evaluate(shared: Path, ctx: Context | None = None) -> EvalResult:
    from storyline.api import code_articles

    ctx = ctx or Context()
    items = load(shared)
    counts = {k: Counts() for k in ("source", "target", "source_all", "target_all")}
    for lo in range(0, len(items), 128):
        chunk = items[lo : lo + 128]
        arts = []
        for n, it in enumerate(chunk):
            art = Article(article_id=f"r{lo + n}", path=f"r{lo + n}", text=it.text, language="en")
            arts.append(art)
        for it, art in zip(chunk, code_articles(arts, ctx), strict=True):
            offs = it.offsets()
            for suffix, events in (("", main_events(art)), ("_all", art.events)):
                for side, gold in (("source", it.source), ("target", it.target)):
                    spans: list[Span] = []
                    for e in events:
                        m = e.mentions[0]
                        raw = joint_parties(e) or (
                            m.source_span if side == "source" else m.target_span
                        )
                        sp = to_tokens(raw, offs) if raw else None
                        if sp is not None and sp not in spans:
                            spans.append(sp)
                    c = counts[side + suffix]
                    c.pred += len(spans)
                    c.gold += len(gold)
                    c.hit += matched(spans, gold)
    figures: dict[str, Any] = {"sentences": len(items)}
    figures.update({k: c.prf() for k, c in counts.items()})
    s, t = figures["source"], figures["target"]
    sa, ta = figures["source_all"], figures["target_all"]
    report = [
        f"Source/target spans: {len(items)} sentences (gold S+R sources, T+R targets; a span "
        "matches at half the tokens of the longer)",
        f"  main event  source P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f}   "
        f"target P {t['precision']:.3f} R {t['recall']:.3f} F1 {t['f1']:.3f}",
        f"  all events  source P {sa['precision']:.3f} R {sa['recall']:.3f} F1 {sa['f1']:.3f}   "
        f"target P {ta['precision']:.3f} R {ta['recall']:.3f} F1 {ta['f1']:.3f}",
    ]
    return EvalResult("roles", figures, report)
