"""The dyads stage's part of the store: monthly rows per directed pair of sides, and the events
of one row (found through ``events.dyad``, the stage's partition key)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from storyline.model import DyadRow, Event
from storyline.store import codec, filters
from storyline.store.db import Database
from storyline.store.events import event_of

# The row as the model has it: the four quad-class counts as one object.
ROW = (
    "SELECT a, b, period, events, goldstein_sum, goldstein_mean, "
    "json_object('1', q1, '2', q2, '3', q3, '4', q4) AS quad_counts, background FROM dyads"
)


class Dyads:
    def __init__(self, db: Database) -> None:
        self.db = db

    def clear(self) -> None:
        self.db.execute("DELETE FROM dyads")

    def cell_events(self, a: str, b: str, period: str) -> list[Event]:
        """Merged events of one monthly row, both directions (reciprocal ones count both)."""
        return [
            event_of(r[0], [])
            for r in self.db.execute(
                "SELECT record FROM events WHERE dyad IN (?, ?) AND date >= ? AND date < ?",
                (f"{a}|{b}", f"{b}|{a}", period, period + "~"),
            )
        ]

    def write(self, cell: tuple[str, str, str], row: DyadRow | None) -> None:
        self.db.execute("DELETE FROM dyads WHERE a = ? AND b = ? AND period = ?", cell)
        if row is not None:
            self.db.execute(
                "INSERT INTO dyads(a, b, period, events, goldstein_sum, goldstein_mean, "
                "q1, q2, q3, q4, background) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    row.a,
                    row.b,
                    row.period,
                    row.events,
                    row.goldstein_sum,
                    row.goldstein_mean,
                    *(row.quad_counts.get(str(q), 0) for q in (1, 2, 3, 4)),
                    row.background,
                ),
            )

    # ---- reads for the faces ----------------------------------------------------------------------
    def iter(self) -> Iterator[DyadRow]:
        for r in self.db.execute(f"{ROW} ORDER BY a, b, period"):
            yield codec.decode(DyadRow, r)

    def page(self, f: filters.DyadFilter, limit: int, offset: int) -> filters.Page[DyadRow]:
        limit, offset = filters.check_page(limit, offset)
        where, params = filters.dyad_where(f)
        total, rows = self.db.page(
            ROW.removeprefix("SELECT "), where, params, "a, b, period", limit, offset
        )
        return filters.Page([codec.decode(DyadRow, r) for r in rows], total, limit, offset)

    def pair_rows(self, a: str, b: str) -> list[DyadRow]:
        """Both directions of a pair, by month (one primary-key range each)."""
        return [
            codec.decode(DyadRow, r)
            for r in self.db.execute(
                f"{ROW} WHERE (a = ? AND b = ?) OR (a = ? AND b = ?) ORDER BY period",
                (a, b, b, a),
            )
        ]

    def pair_span(self, x: str, y: str) -> dict[str, Any]:
        """A pair's first and last month with rows and the Goldstein sum of its rows (both
        directions; two primary-key ranges)."""
        r = self.db.execute(
            "SELECT min(period), max(period), round(coalesce(sum(goldstein_sum), 0), 2) "
            "FROM dyads WHERE (a = ? AND b = ?) OR (a = ? AND b = ?)",
            (x, y, y, x),
        ).fetchone()
        return {"first": r[0], "last": r[1], "g": r[2]}

    def top_pairs(self, limit: int = 20) -> list[dict[str, Any]]:
        """The pairs with most monthly-counted events, each pair once (either direction)."""
        rows = self.db.execute(
            "SELECT min(a, b) AS x, max(a, b) AS y, sum(events) AS n, "
            "round(sum(goldstein_sum), 2) AS g, min(period) AS first, max(period) AS last "
            "FROM dyads WHERE a != b GROUP BY x, y ORDER BY n DESC, x, y LIMIT ?",
            (limit,),
        )
        return [dict(r) for r in rows]
