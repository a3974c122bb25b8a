"""Date an undated article by the offices its people hold in it.

News gives people the title they hold when the piece is written: "Foreign Minister Mevlut
Cavusoglu" was written while he was foreign minister, "Syrian Foreign Minister Faisal Mekdad"
after he became one.  The knowledge base knows when each office was held, so every titled
mention of a known person confines the date of writing to that office's intervals.  Their
intersection, with the bounds the date stage read from the text itself (`content_date`), is a
window; when the whole window lies in one year (or month) the article is dated at that
precision, as ``content``, with the titles as evidence.  "Former", "then-", "late", "deputy"
and "acting" titles say nothing about the present and are ignored.

This runs after the actors stage (it needs resolved people) and before events (which date
themselves against the article).  It never touches an article whose date a source states.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from storyline.actors.base import KnowledgeBase
from storyline.actors.offices import NOT_NOW as _NOT_NOW
from storyline.actors.offices import office
from storyline.model import Article

Window = tuple[date, date]
_OPEN_START, _OPEN_END = date(1, 1, 1), date(9999, 12, 31)

_LEFT_STOP = re.compile(r"[.;:!?\n(\"“”]")
_RIGHT = re.compile(
    r"^,\s+((?:the\s+|his country's\s+|her country's\s+|[A-Z][\w-]*(?:'s|’s)?\s+){0,3}"
    r"[a-z][a-z -]{2,40}?)(?=,|\.|;| who\b| said\b| and\b)"
)


def _office_in_text(text: str, start: int, end: int) -> tuple[str, str] | None:
    """The title written next to a name: before it ("Syrian Foreign Minister X") or after it in
    apposition ("X, Syria's foreign minister,")."""
    left = text[max(0, start - 60) : start]
    cut = list(_LEFT_STOP.finditer(left))
    if cut:
        left = left[cut[-1].end() :]
    words = left.split()[-5:]
    # The title is the run of words just before the name; "said on Monday that" is not one.
    run: list[str] = []
    for w in reversed(words):
        if w[:1].isupper() or w.lower() in {"of", "for", "the", "de"} or w.endswith("-"):
            run.insert(0, w)
        else:
            if _NOT_NOW.fullmatch(w):  # "former foreign minister X": kept, so it is refused
                run.insert(0, w)
            break
    if run:
        found = office(" ".join(run))
        if found or _NOT_NOW.search(" ".join(run)):
            return (found, " ".join(run)) if found else None
    m = _RIGHT.match(text[end : end + 80])
    if m:
        found = office(m.group(1))
        if found:
            return found, m.group(1)
    return None


def _intersect(a: list[Window], b: list[Window]) -> list[Window]:
    out = []
    for lo1, hi1 in a:
        for lo2, hi2 in b:
            lo, hi = max(lo1, lo2), min(hi1, hi2)
            if lo <= hi:
                out.append((lo, hi))
    return out


def _day(value: str | None, end: bool) -> date:
    if not value:
        return _OPEN_END if end else _OPEN_START
    value = str(value)
    if len(value) == 4:
        value += "-12-31" if end else "-01-01"
    elif len(value) == 7:
        value += "-28" if end else "-01"
    return date.fromisoformat(value[:10])


def window(article: Article, kb: KnowledgeBase) -> tuple[list[Window], list[str]]:
    """Where the article's offices and its own text allow it to have been written."""
    spans: list[Window] = [
        (_day(article.meta.get("_date_lower"), False), _day(article.meta.get("_date_upper"), True))
    ]
    evidence: list[str] = []
    seen: set[tuple[str, str]] = set()
    for m in article.mentions:
        if m.kind != "person" or not m.known or m.actor_id not in kb.entries:
            continue
        found = _office_in_text(article.text, m.start, m.end)
        if found is None or (m.actor_id, found[0]) in seen:
            continue
        seen.add((m.actor_id, found[0]))
        held = [
            (_day(r.start, False), _day(r.end, True))
            for r in kb.entries[m.actor_id].roles
            if office(r.role) == found[0]
        ]
        if not held:
            continue  # the knowledge base does not know this office of theirs: no evidence
        spans = _intersect(spans, held)
        first = min(lo for lo, _ in held)
        last = max(hi for _, hi in held)
        until = "" if last == _OPEN_END else f" until {last.isoformat()}"
        evidence.append(f"{found[1]} {m.text} (from {first.isoformat()}{until})")
    return spans, evidence


def date_by_offices(article: Article, kb: KnowledgeBase) -> Article:
    if article.published is not None:
        return article
    spans, evidence = window(article, kb)
    if not evidence:
        return article
    if not spans:
        article.notes.append("the titles in the text contradict each other or its dates")
        return article
    lo = min(s for s, _ in spans)
    hi = max(e for _, e in spans)
    if lo == _OPEN_START or hi == _OPEN_END:
        article.notes.append("titles bound the date only on one side: " + "; ".join(evidence))
        return article
    for precision, width in (("month", 7), ("year", 4)):
        if lo.isoformat()[:width] == hi.isoformat()[:width]:
            article.published = lo.isoformat()[:width]
            article.published_precision = precision
            article.published_how = "content"
            article.meta["published_window"] = [lo.isoformat(), hi.isoformat()]
            article.published_evidence = (
                f"written between {lo.isoformat()} and {hi.isoformat()}: " + "; ".join(evidence)
            )
            return article
    article.notes.append(
        f"titles place it between {lo.isoformat()} and {hi.isoformat()}: " + "; ".join(evidence)
    )
    return article


def run(batch: list[Article], ctx: Any) -> list[Article]:
    kb = ctx.kb
    return [date_by_offices(a, kb) for a in batch]
