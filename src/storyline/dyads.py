"""Dyads stage: monthly cooperation-conflict rows per pair of countries (or IGOs).

Only asserted facts count: a denied contact or an intention to meet is not cooperation that
happened.  A reciprocal event (a meeting, an agreement) counts once in each direction, since both
sides did it.  Events known only to the year are left out of monthly rows.
"""

from __future__ import annotations

import math
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


def cells(ev: Event) -> list[tuple[str, str, str]]:
    """The (a, b, month) rows an event counts in: none, its direction, or both for a reciprocal
    event.  An incremental update recomputes exactly the rows its changed events touch."""
    if ev.polarity != "asserted" or ev.modality != "fact" or ev.target is None or ev.source is None:
        return []
    a, b, p = side(ev.source.code), side(ev.target.code), period(ev)
    if not a or not b or a == b or not p:
        return []
    return [(a, b, p), (b, a, p)] if ev.reciprocal else [(a, b, p)]


def run(events: Iterable[Event]) -> list[DyadRow]:
    # Only the Goldstein weights and quad classes are kept per row, so a whole store streams
    # through in little memory; fsum makes the total independent of the order events come in.
    acc: dict[tuple[str, str, str], tuple[list[float], list[int]]] = {}
    for ev in events:
        for cell in cells(ev):
            weights, quads = acc.setdefault(cell, ([], [0, 0, 0, 0]))
            weights.append(ev.goldstein)
            if 1 <= ev.quad_class <= 4:
                quads[ev.quad_class - 1] += 1
    rows = []
    for (a, b, p), (weights, quads) in sorted(acc.items()):
        total = round(math.fsum(weights), 2)
        counts = {str(q + 1): quads[q] for q in range(4)}
        rows.append(DyadRow(a, b, p, len(weights), total, round(total / len(weights), 3), counts))
    return rows
