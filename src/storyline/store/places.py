"""The map's part of the store: where the events a filter selects took place, grouped in
SQLite on covering indexes (``events_place``, ``events_source_id``/``events_target_id``,
``events_dyad_place``), so a map of a million events never reads their records."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from storyline.store import filters
from storyline.store.db import Database
from storyline.store.events import Events


class Places:
    def __init__(self, db: Database, events: Events) -> None:
        self.db = db
        self.events = events

    def of(self, f: filters.EventFilter) -> tuple[list[tuple[float, float, int, int, int]], int]:
        """(lat, lon, quad class, events, reports) of the located events a filter selects, one
        row per place and quad class, and how many selected events have no place.

        Grouped in SQLite on the ``events_place`` covering index when nothing else narrows
        the events, so a map of a million events never reads their records."""
        where, params = filters.event_where(self.db, f.validate())
        sql = (
            "SELECT lat, lon, quad_class, count(*), sum(num_articles) FROM events "
            "WHERE lat IS NOT NULL AND lon IS NOT NULL AND {where} GROUP BY quad_class, lat, lon"
        )
        if f.actor_id and filters.is_empty(f, but=("actor_id",)):
            # Either side, one covering index each (``events_source_id``, ``events_target_id``
            # carry the place columns), less the rare events with the actor on both sides.
            a = f.actor_id
            parts = [("source_id = ?", [a], 1), ("target_id = ?", [a], 1)]
            rows = self._sum_places(sql, [*parts, ("source_id = ? AND target_id = ?", [a, a], -1)])
        elif f.dyad is not None and filters.is_empty(f, but=("dyad",)) and where != "0":
            # One source code at a time, so each read is a range of the covering
            # ``events_dyad_place`` index (an OR of them would go through ``events_dyad``
            # and read every event's row).
            rows = self._sum_places(
                sql,
                [
                    (
                        f"source_code = ? AND target_code IN ({filters.placeholders(tcs)})",
                        [sc, *tcs],
                        1,
                    )
                    for sc, tcs in filters.by_source(filters.dyad_pairs(self.db, *f.dyad)).items()
                ],
            )
        else:
            rows = [
                (float(r[0]), float(r[1]), int(r[2]), int(r[3]), int(r[4]))
                for r in self.db.execute(sql.format(where=where), params)
            ]
        total = self.events.count(f, where, params)
        return rows, total - sum(r[3] for r in rows)

    def _sum_places(
        self, sql: str, parts: list[tuple[str, list[Any], int]]
    ) -> list[tuple[float, float, int, int, int]]:
        """``places`` rows of parts of a selection, each added (or, sign -1, taken away)."""
        found: dict[tuple[float, float, int], list[int]] = {}
        for where, params, sign in parts:
            for r in self.db.execute(sql.format(where=where), params):
                acc = found.setdefault((float(r[0]), float(r[1]), int(r[2])), [0, 0])
                acc[0] += sign * int(r[3])
                acc[1] += sign * int(r[4])
        return [(lat, lon, q, n, rep) for (lat, lon, q), (n, rep) in found.items() if n > 0]

    def names(self, points: Sequence[tuple[float, float]]) -> dict[tuple[float, float], Any]:
        """A place's name and country for some coordinates (one index seek each)."""
        out: dict[tuple[float, float], Any] = {}
        for lat, lon in points:
            r = self.db.execute(
                "SELECT json_extract(record, '$.location.name'), "
                "json_extract(record, '$.location.country') FROM events "
                "WHERE lat = ? AND lon = ? LIMIT 1",
                (lat, lon),
            ).fetchone()
            if r is not None:
                out[(lat, lon)] = (r[0], r[1])
        return out

    def first_event(self, f: filters.EventFilter, lat: float, lon: float) -> str | None:
        """The id of an event a filter selects at a place (a map point of one event)."""
        where, params = filters.event_where(self.db, f.validate())
        return self.db.one(
            f"SELECT event_id FROM events WHERE lat = ? AND lon = ? AND {where} LIMIT 1",
            [lat, lon, *params],
        )
