"""Merge stage: mentions of the same real-world event become one event.

Mentions merge when their actors are compatible (same codes; unordered for reciprocal events),
their CAMEO roots match, their polarity and modality agree, their date intervals overlap at their
precisions, and their places do not contradict each other.  Each outlet's report stays under the
merged event; ``num_articles`` counts a copy group (from the duplicates stage) once.
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta

from storyline.events.codes import lookup
from storyline.ids import content_id
from storyline.model import Event

PRECISION_RANK = {"day": 0, "month": 1, "published": 2, "year": 3, "unknown": 4}
PUBLISHED_WINDOW_DAYS = 7  # an undated-in-text event happened on or shortly before publication

Interval = tuple[date, date]


def interval(value: str | None, precision: str) -> Interval | None:
    if not value:
        return None
    try:
        y = int(value[:4])
        if precision == "year" or len(value) == 4:
            return date(y, 1, 1), date(y, 12, 31)
        m = int(value[5:7])
        if precision == "month" or len(value) == 7:
            return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])
        d = date(y, m, int(value[8:10]))
    except ValueError:
        return None
    if precision == "published":
        return d - timedelta(days=PUBLISHED_WINDOW_DAYS), d
    return d, d


def _overlap(a: Interval | None, b: Interval | None) -> Interval | None:
    if a is None or b is None:
        return None
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    return (lo, hi) if lo <= hi else None


def _side(ev: Event) -> tuple[str, ...]:
    s = (ev.source.code or ev.source.actor_id) if ev.source else ""
    t = (ev.target.code or ev.target.actor_id) if ev.target else ""
    return tuple(sorted((s, t))) if ev.reciprocal else (s, t)


def merge_key(ev: Event) -> tuple[str, ...]:
    return (ev.root, ev.polarity, ev.modality, *_side(ev))


class _Cluster:
    def __init__(self, ev: Event) -> None:
        self.events = [ev]
        self.core = interval(ev.date, ev.date_precision)
        self.country = ev.location.country if ev.location else None
        self.groups = {m.dup_group or m.article_id for m in ev.mentions}

    def accepts(self, ev: Event) -> bool:
        if (
            self.country
            and ev.location
            and ev.location.country
            and ev.location.country != self.country
        ):
            return False
        iv = interval(ev.date, ev.date_precision)
        if iv is None or self.core is None:
            # An undated report joins only a report from its own copy group.
            return bool(self.groups & {m.dup_group or m.article_id for m in ev.mentions})
        return _overlap(self.core, iv) is not None

    def add(self, ev: Event) -> None:
        self.events.append(ev)
        iv = interval(ev.date, ev.date_precision)
        self.core = _overlap(self.core, iv) or self.core or iv
        if not self.country and ev.location:
            self.country = ev.location.country
        self.groups |= {m.dup_group or m.article_id for m in ev.mentions}


def _named(ev: Event) -> int:
    """How many sides are named actors (a person, a group) rather than a country+sector code."""
    return sum(1 for r in (ev.source, ev.target) if r is not None and r.actor_id != r.code)


def _representative(cluster: list[Event], outlets: dict[str, str | None]) -> Event:
    best_date = min(cluster, key=lambda e: (PRECISION_RANK.get(e.date_precision, 9), e.date or "9"))
    best = max(
        cluster, key=lambda e: (e.confidence, _named(e), -PRECISION_RANK.get(e.date_precision, 9))
    )
    codes = Counter(e.cameo for e in cluster)
    # A specific code beats its "not specified" parent (044 over 040), then the commoner one.
    cameo = max(codes, key=lambda c: (not c.endswith("0") or len(c) > 3, codes[c], len(c), c))
    located = [e.location for e in cluster if e.location is not None]
    location = max(located, key=lambda loc: loc.lat is not None) if located else None
    mentions = sorted(
        (m for e in cluster for m in e.mentions),
        key=lambda m: (m.published or "9999", m.article_id, m.start),
    )
    reports = {m.dup_group or m.article_id for m in mentions}
    outlet_keys = {
        outlets.get(m.article_id) or f"article:{m.dup_group or m.article_id}" for m in mentions
    }
    ids = sorted(m.mention_id for m in mentions)
    confidence = min(0.99, best.confidence + 0.05 * (len(reports) - 1))
    return Event(
        event_id=content_id("event", ids[0]),
        date=best_date.date,
        date_precision=best_date.date_precision,
        source=best.source,
        target=best.target,
        **lookup(cameo).event_fields(),
        polarity=best.polarity,
        modality=best.modality,
        location=location,
        mentions=mentions,
        num_articles=len(reports),
        num_outlets=len(outlet_keys),
        confidence=round(confidence, 2),
        date_text=best_date.date_text,
        reciprocal=best.reciprocal,
    )


def run(
    mentions: Iterable[Event],
    outlets: dict[str, str | None],
    dup_groups: dict[str, str] | None = None,
) -> list[Event]:
    """Merge per-sentence events (one mention each) into events (many mentions each)."""
    dup_groups = dup_groups or {}
    by_key: dict[tuple[str, ...], list[Event]] = {}
    for ev in mentions:
        for m in ev.mentions:
            m.dup_group = dup_groups.get(m.article_id)
        by_key.setdefault(merge_key(ev), []).append(ev)
    merged: list[Event] = []
    for evs in by_key.values():
        # Most precise first, so clusters form around the best-dated reports.
        evs.sort(
            key=lambda e: (PRECISION_RANK.get(e.date_precision, 9), e.date or "9999", e.event_id)
        )
        clusters: list[_Cluster] = []
        for ev in evs:
            for c in clusters:
                if c.accepts(ev):
                    c.add(ev)
                    break
            else:
                clusters.append(_Cluster(ev))
        merged.extend(_representative(c.events, outlets) for c in clusters)
    merged.sort(key=lambda e: (e.date is None, e.date or "", e.event_id))
    return merged
