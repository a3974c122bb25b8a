"""Dyads stage: monthly cooperation-conflict rows per pair of countries (or IGOs).

Only asserted facts count: a denied contact or an intention to meet is not cooperation that
happened.  A reciprocal event (a meeting, an agreement) counts once in each direction, since both
sides did it.  Events known only to the year are left out of monthly rows.
"""

from __future__ import annotations

from collections.abc import Iterable

from storyline.model import DyadRow, Event


def side(code: str | None) -> str | None:
    """The country (or IGO/NGO prefix) an actor code belongs to: TURGOV -> TUR."""
    if not code or len(code) < 3 or not code[:3].isalpha():
        return None
    return code[:3]


def period(ev: Event) -> str | None:
    if not ev.date or ev.date_precision in {"year", "unknown"} or len(ev.date) < 7:
        return None
    return ev.date[:7]


def run(events: Iterable[Event]) -> list[DyadRow]:
    acc: dict[tuple[str, str, str], list[Event]] = {}
    for ev in events:
        if (
            ev.polarity != "asserted"
            or ev.modality != "fact"
            or ev.target is None
            or ev.source is None
        ):
            continue
        a, b, p = side(ev.source.code), side(ev.target.code), period(ev)
        if not a or not b or a == b or not p:
            continue
        acc.setdefault((a, b, p), []).append(ev)
        if ev.reciprocal:
            acc.setdefault((b, a, p), []).append(ev)
    rows = []
    for (a, b, p), evs in sorted(acc.items()):
        total = round(sum(e.goldstein for e in evs), 2)
        quads = {str(q): sum(1 for e in evs if e.quad_class == q) for q in (1, 2, 3, 4)}
        rows.append(DyadRow(a, b, p, len(evs), total, round(total / len(evs), 3), quads))
    return rows
