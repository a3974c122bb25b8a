"""Whole-event coding on real news sentences (``storyline eval realnews``).

The set (``eval/realnews/realnews_dev.jsonl`` in the shared folder, read, never copied) holds
real news sentences with gold events under its annotation guide: source, target, CAMEO code,
polarity, modality, date and background.  Each sentence is coded the way ``storyline code``
codes a text (the clean, nlp, actors and events stages, dated by the publication date given);
the sentence before it is given as context, in its own paragraph, so that a pronoun can find
its person, and only events reported by the sentence itself are scored.

Scoring follows the set's README: within a sentence, predicted and gold events are matched one
to one (greedily, each gold event used at most once), strict on (source, target, code) and
lenient on (source country, target country, root); a negated prediction matches only a negated
gold event.  Date and background accuracy are measured on strict matches (exact string, and
"compatible" when one date is a prefix of the other).  Figures are reported overall and per
corpus; the failures (missed and invented events) can be written out for a failure list.
The four countries whose CAMEO code is not their ISO code (Romania ROM, East Timor TMP, Kosovo
KSV, the Soviet Union USR) are compared under the ISO code the guide writes.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.eval.common import EvalResult, f1, need
from storyline.model import Article, Event
from storyline.pipeline import Context

SET = Path("eval") / "realnews" / "realnews_dev.jsonl"


@dataclass(frozen=True, slots=True)
class Coded:
    """One event as the scorer sees it (gold or predicted)."""

    source: str
    target: str
    cameo: str
    negated: bool
    date: str = ""
    background: bool = False
    modality: str = "fact"


def country(code: str) -> str:
    """The README's lenient side: the first 3 characters of a state code, 6 of IGO/NGO/IMG."""
    if not code:
        return ""
    if code[:3] in {"IGO", "NGO", "IMG"}:
        return code[:6]
    return code[:3]


def strict_key(e: Coded) -> tuple[str, str, str, bool]:
    return (e.source, e.target, e.cameo, e.negated)


def lenient_key(e: Coded) -> tuple[str, str, str, bool]:
    return (country(e.source), country(e.target), e.cameo[:2], e.negated)


def match(
    pred: Sequence[Coded], gold: Sequence[Coded], key: Callable[[Coded], Any]
) -> list[tuple[Coded, Coded]]:
    """One-to-one matches within a sentence: each gold event used at most once."""
    free = list(gold)
    pairs: list[tuple[Coded, Coded]] = []
    for p in pred:
        for i, g in enumerate(free):
            if key(p) == key(g):
                pairs.append((p, g))
                del free[i]
                break
    return pairs


def from_gold(g: dict[str, Any]) -> Coded:
    return Coded(
        g.get("source") or "---",
        g.get("target") or "",
        str(g.get("cameo") or ""),
        g.get("polarity") == "negated",
        g.get("date") or "",
        bool(g.get("background")),
        g.get("modality") or "fact",
    )


# The guide writes countries by ISO alpha-3; CAMEO (and so storyline's actor codes) differs
# for four of them.  The actor's own ``country`` field is ISO already.
CAMEO_TO_ISO = {"ROM": "ROU", "TMP": "TLS", "KSV": "XKX", "USR": "SUN"}


def as_iso(code: str) -> str:
    """An actor code with its country written as the guide writes it (``USRGOV`` -> ``SUNGOV``)."""
    return CAMEO_TO_ISO[code[:3]] + code[3:] if code[:3] in CAMEO_TO_ISO else code


def from_event(e: Event) -> Coded:
    date = ""
    if e.date and e.date_precision in {"day", "month", "year"}:
        date = e.date
    return Coded(
        as_iso(e.source.code if e.source and e.source.code else "---"),
        as_iso(e.target.code if e.target and e.target.code else ""),
        e.cameo,
        e.polarity == "negated",
        date,
        any(m.background for m in e.mentions),
        e.modality,
    )


def named_together(e: Event) -> bool:
    """Both sides named before the trigger ("A and B met"), which the guide counts both ways;
    "A met B" and "A held talks with B" are one record, A->B."""
    m = e.mentions[0] if e.mentions else None
    if m is None or m.source_span is None or m.target_span is None or not m.trigger:
        return True
    at = m.sentence.find(m.trigger, m.source_span["end"])
    return at < 0 or m.target_span["start"] < at


def as_coded(events: Sequence[Event]) -> list[Coded]:
    """A sentence's events as the guide counts them: a reciprocal event named by a compound
    subject is both directions ("A and B met" is A->B and B->A), and events with identical
    codes are one."""
    out: list[Coded] = []
    for e in events:
        c = from_event(e)
        both = [c]
        if e.reciprocal and c.target and named_together(e):
            both.append(Coded(c.target, c.source, c.cameo, c.negated, c.date, c.background,
                              c.modality))  # fmt: skip
        for x in both:
            if all(strict_key(x) != strict_key(y) for y in out):
                out.append(x)
    return out


def load(shared: Path) -> list[dict[str, Any]]:
    path = need(shared / SET)
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def code_records(records: Sequence[dict[str, Any]], ctx: Context) -> list[list[Event]]:
    """The events each record's sentence reports, coded with its context before it."""
    from storyline.api import code_articles
    from storyline.ingest import clean

    arts: list[Article] = []
    offsets: list[bool] = []
    for r in records:
        context = clean.normalize(r.get("context") or "")
        text = clean.normalize(r["text"])
        body = f"{context}\n\n{text}" if context else text
        art = Article(article_id=str(r["id"]), path=str(r["id"]), text=body, language="en")
        art.published, art.published_precision = r.get("published"), "day"
        art.published_how = "metadata"
        art.title = r.get("title") or None
        arts.append(art)
        offsets.append(bool(context))
    out: list[list[Event]] = []
    for lo in range(0, len(arts), 128):
        done = code_articles(arts[lo : lo + 128], ctx)
        for art, had_context in zip(done, offsets[lo : lo + 128], strict=True):
            # The sentence is the article's last paragraph (cleaning may shorten the text).
            off = art.text.rfind("\n\n") + 2 if had_context else 0
            out.append([e for e in art.events if e.mentions and e.mentions[0].start >= off])
    return out


@dataclass(slots=True)
class Tally:
    pred: int = 0
    gold: int = 0
    strict: int = 0
    lenient: int = 0
    dated: int = 0  # strict matches whose gold event has a date
    date_exact: int = 0
    date_compatible: int = 0
    undated_right: int = 0  # strict matches of undated gold events given no date
    undated: int = 0
    background_right: int = 0
    by_root: Counter[str] = field(default_factory=Counter)

    def figures(self) -> dict[str, Any]:
        def prf(m: int) -> dict[str, float]:
            p = m / self.pred if self.pred else 0.0
            r = m / self.gold if self.gold else 0.0
            return {"precision": p, "recall": r, "f1": f1(p, r)}

        return {
            "gold_events": self.gold,
            "predicted_events": self.pred,
            "strict": prf(self.strict),
            "lenient": prf(self.lenient),
            "date_exact": self.date_exact / self.dated if self.dated else 0.0,
            "date_compatible": self.date_compatible / self.dated if self.dated else 0.0,
            "dated_matches": self.dated,
            "undated_given_no_date": self.undated_right / self.undated if self.undated else 0.0,
            "background_accuracy": self.background_right / self.strict if self.strict else 0.0,
        }


def score(
    records: Sequence[dict[str, Any]], predicted: Sequence[Sequence[Coded]]
) -> tuple[dict[str, Tally], list[dict[str, Any]]]:
    tallies: dict[str, Tally] = {"all": Tally()}
    failures: list[dict[str, Any]] = []
    for rec, pred in zip(records, predicted, strict=True):
        gold = [from_gold(g) for g in rec.get("events") or []]
        for name in ("all", rec.get("corpus") or "?"):
            t = tallies.setdefault(name, Tally())
            t.pred += len(pred)
            t.gold += len(gold)
            strict = match(pred, gold, strict_key)
            t.strict += len(strict)
            t.lenient += len(match(pred, gold, lenient_key))
            for p, g in strict:
                if g.date:
                    t.dated += 1
                    t.date_exact += p.date == g.date
                    t.date_compatible += bool(p.date) and (
                        p.date.startswith(g.date) or g.date.startswith(p.date)
                    )
                else:
                    t.undated += 1
                    t.undated_right += not p.date
                t.background_right += p.background == g.background
        lenient = match(pred, gold, lenient_key)
        missed = [g for g in gold if all(g is not b for _, b in lenient)]
        invented = [p for p in pred if all(p is not a for a, _ in lenient)]
        if missed or invented:
            failures.append(
                {
                    "id": rec["id"],
                    "text": rec["text"],
                    "missed": [_show(g) for g in missed],
                    "invented": [_show(p) for p in invented],
                    "gold": [_show(g) for g in gold],
                    "predicted": [_show(p) for p in pred],
                }
            )
    return tallies, failures


def _show(e: Coded) -> str:
    neg = " NOT" if e.negated else ""
    bg = " bg" if e.background else ""
    return f"{e.source}->{e.target or '-'} {e.cameo}{neg} {e.date or '.'}{bg} {e.modality}"


def evaluate(
    shared: Path, ctx: Context | None = None, failures_to: str | Path | None = None
) -> EvalResult:
    ctx = ctx or Context()
    records = load(shared)
    events = code_records(records, ctx)
    predicted = [as_coded(evs) for evs in events]
    tallies, failures = score(records, predicted)
    if failures_to:
        Path(failures_to).write_text(
            "\n".join(json.dumps(f, ensure_ascii=False) for f in failures) + "\n", "utf-8"
        )
    figures: dict[str, Any] = {"sentences": len(records)}
    lines = [
        f"Real-news events: {len(records)} sentences, conventions of eval/realnews/GUIDE.md",
        "  strict = (source, target, code); lenient = (source country, target country, root);",
        "  polarity must agree; date and background measured on strict matches",
        "",
    ]
    rows = [["set", "gold", "pred", "strict P", "R", "F1", "lenient P", "R", "F1", "date", "bg"]]
    for name, t in tallies.items():
        f = t.figures()
        figures[name] = f
        s, le = f["strict"], f["lenient"]
        rows.append(
            [
                name,
                str(t.gold),
                str(t.pred),
                f"{s['precision']:.3f}",
                f"{s['recall']:.3f}",
                f"{s['f1']:.3f}",
                f"{le['precision']:.3f}",
                f"{le['recall']:.3f}",
                f"{le['f1']:.3f}",
                f"{f['date_exact']:.2f}",
                f"{f['background_accuracy']:.2f}",
            ]
        )
    from storyline.eval.common import text_table

    lines += text_table(rows)
    a = figures["all"]
    lines += [
        "",
        f"  dates on {a['dated_matches']} dated strict matches: exact {a['date_exact']:.3f}, "
        f"compatible {a['date_compatible']:.3f}; undated gold given no date "
        f"{a['undated_given_no_date']:.3f}",
        f"  sentences with a missed or invented event (lenient): {len(failures)}",
    ]
    return EvalResult("realnews", figures, lines)
