"""The read service's map: located events as points, gathered into grid cells when there
are too many to draw, so a map page stays small on any store (``service.places``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from storyline.store import Store
from storyline.store.filters import EventFilter

QUADS = (1, 2, 3, 4)


@dataclass(slots=True)
class MapPoint:
    """One point of the map: a place, or a cell of nearby places when there are many."""

    lat: float
    lon: float
    events: int
    reports: int
    by_quad: dict[int, int]
    name: str
    country: str | None
    places: int = 1
    bbox: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    event_id: str | None = None  # the one event, when the point has one

    @property
    def quad(self) -> int:
        """The point's colour: its most frequent quad class (the most severe on a tie)."""
        return max(QUADS, key=lambda q: (self.by_quad.get(q, 0), q))


@dataclass(slots=True)
class MapData:
    points: list[MapPoint]
    located: int  # events with a place
    unlocated: int  # events the filter selects that have none
    cell: float  # degrees of the aggregation cells, 0 when every point is one place


def places(store: Store, f: EventFilter, max_points: int = 400) -> MapData:
    """The located events a filter selects, as points sized by reports and coloured by quad
    class.  Grouped by place in SQLite; when there are more places than ``max_points`` they are
    gathered into grid cells (1°, then 2°, 4°...), so the page stays small on any store."""
    rows, unlocated = store.places.of(f)
    by_place: dict[tuple[float, float], dict[int, tuple[int, int]]] = {}
    for lat, lon, quad, n, reports in rows:
        by_place.setdefault((lat, lon), {})[quad] = (n, reports)
    cell = 0.0
    groups: dict[Any, list[tuple[float, float]]] = {p: [p] for p in by_place}
    while len(groups) > max_points:
        cell = cell * 2 if cell else 1.0
        groups = {}
        for lat, lon in by_place:
            groups.setdefault((lat // cell, lon // cell), []).append((lat, lon))
    names = store.places.names(
        [max(ps, key=lambda p: sum(n for n, _ in by_place[p].values())) for ps in groups.values()]
    )
    points = []
    for ps in groups.values():
        by_quad: dict[int, int] = {}
        reports = 0
        for p in ps:
            for q, (n, r) in by_place[p].items():
                by_quad[q] = by_quad.get(q, 0) + n
                reports += r
        n_events = sum(by_quad.values())
        main = max(ps, key=lambda p: sum(n for n, _ in by_place[p].values()))
        name, country = names.get(main, (None, None))
        lat = sum(p[0] * sum(n for n, _ in by_place[p].values()) for p in ps) / n_events
        lon = sum(p[1] * sum(n for n, _ in by_place[p].values()) for p in ps) / n_events
        label = name or f"{main[0]:.2f}, {main[1]:.2f}"
        if len(ps) > 1:
            label = f"{label} and {len(ps) - 1} place{'s' if len(ps) > 2 else ''} nearby"
        pad = 0.01
        bbox = (
            max(-90.0, min(p[0] for p in ps) - pad),
            max(-180.0, min(p[1] for p in ps) - pad),
            min(90.0, max(p[0] for p in ps) + pad),
            min(180.0, max(p[1] for p in ps) + pad),
        )
        point = MapPoint(
            round(lat, 4), round(lon, 4), n_events, reports, by_quad, label, country, len(ps), bbox
        )
        if n_events == 1:
            point.event_id = store.places.first_event(f, main[0], main[1])
        points.append(point)
    points.sort(key=lambda p: (-p.reports, -p.events, p.name))
    return MapData(points, sum(p.events for p in points), unlocated, cell)
