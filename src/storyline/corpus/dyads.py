"""Dyads stage: monthly cooperation-conflict rows per pair of countries (or IGOs).

Only asserted facts count: a denied contact or an intention to meet is not cooperation that
happened.  A reciprocal event (a meeting, an agreement) counts once in each direction, since both
sides did it.  Events known only to the year are left out of monthly rows.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from storyline.corpus.merge import NEW_EVENTS, REMOVED
from storyline.corpus.stage import Changes, Stage, Step
from storyline.model import DyadRow, Event
from storyline.pipeline import Context
from storyline.store import Store

Cell = tuple[str, str, str]  # (a, b, month)


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
    # A month's trend is its news: events only recounted as history are counted apart.
    acc: dict[tuple[str, str, str], tuple[list[float], list[int], list[int]]] = {}
    for ev in events:
        for cell in cells(ev):
            weights, quads, history = acc.setdefault(cell, ([], [0, 0, 0, 0], [0]))
            if ev.background:
                history[0] += 1
                continue
            weights.append(ev.goldstein)
            if 1 <= ev.quad_class <= 4:
                quads[ev.quad_class - 1] += 1
    rows = []
    for (a, b, p), (weights, quads, history) in sorted(acc.items()):
        total = round(math.fsum(weights), 2)
        counts = {str(q + 1): quads[q] for q in range(4)}
        mean = round(total / len(weights), 3) if weights else 0.0
        rows.append(DyadRow(a, b, p, len(weights), total, mean, counts, history[0]))
    return rows


# ---- the corpus stage ----------------------------------------------------------------------------
CELLS = "dyads.cells"  # (a, b, month) rows the update's old and new events count in


def dyad_of(ev: Event) -> str | None:
    """An event's directed pair of sides, as the store indexes it (``events.dyad``)."""
    a = side(ev.source.code if ev.source else None)
    b = side(ev.target.code if ev.target else None)
    return f"{a}|{b}" if a and b else None


def _begin(store: Store, changes: Changes) -> None:
    if changes.full:
        store.dyads.clear()


# Events: each new event's pair, and the rows old and new events count in.
def _events_touched(store: Store, changes: Changes) -> list[str]:
    return sorted(changes.map(REMOVED).keys() | changes.set(NEW_EVENTS))


def _events_read(store: Store, ids: list[str], changes: Changes) -> list[Any]:
    now = store.events.by_ids(ids, mentions=False)
    removed = changes.map(REMOVED)
    return [(now.get(e), removed.get(e)) for e in ids]


def event_cells(event_id: str, data: Any, ctx: Context) -> tuple[str | None, list[Cell]]:
    ev, old = data
    return (dyad_of(ev) if ev else None), [c for e in (ev, old) if e is not None for c in cells(e)]


def _events_write(store: Store, results: list[tuple[str, Any]], changes: Changes) -> None:
    store.events.set_keys("dyad", {e: d for e, (d, _c) in results if d is not None})
    changes.set(CELLS).update(c for _e, (_d, found) in results for c in found)


# Rows: each touched monthly row counted again from its events.
def _rows_touched(store: Store, changes: Changes) -> list[Cell]:
    return sorted(changes.set(CELLS))


def _rows_read(store: Store, keys: list[Cell], changes: Changes) -> list[list[Event]]:
    return [store.dyads.cell_events(*cell) for cell in keys]


def row_partition(cell: Cell, events: list[Event], ctx: Context) -> DyadRow | None:
    rows = [r for r in run(events) if (r.a, r.b, r.period) == cell]
    return rows[0] if rows else None


def _rows_write(store: Store, results: list[tuple[Cell, DyadRow | None]], changes: Changes) -> None:
    for cell, row in results:
        store.dyads.write(cell, row)
    changes.count("dyads.rows", len(results))


STAGE = Stage(
    "dyads",
    (
        Step("events", _events_touched, _events_read, event_cells, _events_write),
        Step("rows", _rows_touched, _rows_read, row_partition, _rows_write, chunk=512),
    ),
    begin=_begin,
)
