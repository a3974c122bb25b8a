"""Merge stage: mentions of the same real-world event become one event.

Mentions merge when their actors are compatible (same codes; unordered for reciprocal events),
their CAMEO roots match, their polarity and modality agree, their date intervals overlap at their
precisions, and their places do not contradict each other.  Each outlet's report stays under the
merged event.

``num_articles`` and ``num_outlets`` count independent reports: two reports are one when the
sentence of one lies in a passage it shares with the other (a syndicated or republished copy,
from the duplicates stage), so a wire story carried by ten outlets counts once, under the outlet
of its earliest copy, while an outlet's own paragraph about the same event still counts.
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, timedelta

from storyline.corpus.duplicates import REGROUPED, shared_by_article
from storyline.corpus.stage import Changes, Stage, Step, pages
from storyline.events.codes import lookup
from storyline.ids import content_id
from storyline.model import Event, EventMention
from storyline.pipeline import Context
from storyline.store import Store

PRECISION_RANK = {"day": 0, "month": 1, "published": 2, "year": 3, "unknown": 4}
PUBLISHED_WINDOW_DAYS = 7  # an undated-in-text event happened on or shortly before publication
COPIED_SHARE = 0.5  # a sentence at least this much inside a shared passage was copied

# Per article, the passages it shares with another article:
# (start, end, other article id, start and end in the other article).
SharedPassages = Mapping[str, Sequence[tuple[int, int, str, int, int]]]

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


def independent_reports(
    mentions: Sequence[EventMention], shared: SharedPassages | None
) -> list[list[str]]:
    """The articles behind the mentions, grouped into independent reports (in mention order).

    Two articles are one report when each has a mention in the two sides of a passage they
    share.  Without passage information a whole copy group is one report.
    """
    order = list(dict.fromkeys(m.article_id for m in mentions))
    parent = {a: a for a in order}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[rb] = ra

    if shared is None:
        first_of_group: dict[str, str] = {}
        for m in mentions:
            if m.dup_group:
                union(first_of_group.setdefault(m.dup_group, m.article_id), m.article_id)
    else:
        spans: dict[str, list[tuple[int, int]]] = {}
        for m in mentions:
            spans.setdefault(m.article_id, []).append((m.start, m.end))
        for m in mentions:
            for start, end, other, o_start, o_end in shared.get(m.article_id, ()):
                if (
                    other in parent
                    and _inside(m.start, m.end, start, end)
                    and any(_inside(s, e, o_start, o_end) for s, e in spans[other])
                ):
                    union(m.article_id, other)
    comps: dict[str, list[str]] = {}
    for a in order:
        comps.setdefault(find(a), []).append(a)
    return list(comps.values())


def _inside(start: int, end: int, p_start: int, p_end: int) -> bool:
    """Whether a sentence lies (mostly) inside a passage."""
    return min(end, p_end) - max(start, p_start) >= COPIED_SHARE * max(1, end - start)


def _representative(
    cluster: list[Event], outlets: Mapping[str, str | None], shared: SharedPassages | None
) -> Event:
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
    reports = independent_reports(mentions, shared)
    # A report counts under the outlet of its earliest copy (mentions are in date order); reports
    # whose outlet is not stated are no outlet at all (two of them are not "2 outlets").
    outlet_keys = {o for r in reports if (o := outlets.get(r[0]))}
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
        background=all(m.background for m in mentions),
    )


def run(
    mentions: Iterable[Event],
    outlets: dict[str, str | None],
    dup_groups: dict[str, str] | None = None,
    shared: SharedPassages | None = None,
) -> list[Event]:
    """Merge per-sentence events (one mention each) into events (many mentions each).

    ``shared``: each article's passages shared with others (see ``independent_reports``).
    """
    dup_groups = dup_groups or {}
    by_key: dict[tuple[str, ...], list[Event]] = {}
    for ev in mentions:
        for m in ev.mentions:
            m.dup_group = dup_groups.get(m.article_id)
        by_key.setdefault(merge_key(ev), []).append(ev)
    merged: list[Event] = []
    for evs in by_key.values():
        merged.extend(merge_group(evs, outlets, shared))
    merged.sort(key=lambda e: (e.date is None, e.date or "", e.event_id))
    return merged


def merge_group(
    evs: list[Event], outlets: Mapping[str, str | None], shared: SharedPassages | None = None
) -> list[Event]:
    """Merge the mentions of one ``merge_key`` (their ``dup_group`` already set).

    Keys never interact, so this is the unit an incremental update recomputes and a cluster
    engine can run per group.
    """
    # Most precise first, so clusters form around the best-dated reports.
    evs = sorted(
        evs, key=lambda e: (PRECISION_RANK.get(e.date_precision, 9), e.date or "9999", e.event_id)
    )
    clusters: list[_Cluster] = []
    for ev in evs:
        for c in clusters:
            if c.accepts(ev):
                c.add(ev)
                break
        else:
            clusters.append(_Cluster(ev))
    return [_representative(c.events, outlets, shared) for c in clusters]


# ---- the corpus stage ----------------------------------------------------------------------------
KEYS = "merge.keys"  # merge keys whose reports changed (new, re-keyed, in a changed copy group)
MERGED = "merge.merged"  # every merge key this update re-merged
NEW_EVENTS = "merge.new"  # ids of the events written
REMOVED = "merge.removed"  # events deleted (id -> the event without its reports)
KEY_CHUNK = 2000


def key_string(ev: Event) -> str:
    """The merge key as stored (``event_mentions.merge_key``)."""
    return "|".join(merge_key(ev))


def _begin(store: Store, changes: Changes) -> None:
    if changes.full:
        store.events.clear()


# Keys: every report without a merge key gets one (new reports, reports whose actor changed).
def _keys_touched(store: Store, changes: Changes) -> Iterator[str]:
    return pages(store.events.unkeyed, KEY_CHUNK)


def _keys_read(store: Store, ids: list[str], changes: Changes) -> list[Event]:
    reports = store.events.reports(ids)
    return [reports[m] for m in ids]


def _key(mention_id: str, report: Event, ctx: Context) -> str:
    return key_string(report)


def _keys_write(store: Store, results: list[tuple[str, str]], changes: Changes) -> None:
    store.events.set_merge_keys((key, m) for m, key in results)
    changes.set(KEYS).update(key for _m, key in results)


# Merge: each touched key's reports merged again, replacing the events they stood for.
MergeInput = tuple[list[Event], list[Event], dict[str, str | None], SharedPassages]


def _merge_touched(store: Store, changes: Changes) -> list[str]:
    if changes.full:
        return sorted(store.events.merge_keys())
    return sorted(changes.set(KEYS) | store.events.merge_keys(changes.set(REGROUPED)))


def _merge_read(store: Store, keys: list[str], changes: Changes) -> list[MergeInput]:
    out = []
    for key in keys:
        reports, outlets = store.events.key_mentions(key)
        articles = {m.article_id for e in reports for m in e.mentions}
        shared = shared_by_article(store.duplicates.pairs_of(articles)) if reports else {}
        out.append((store.events.of_key(key), reports, outlets, shared))
    return out


def merge_partition(key: str, data: MergeInput, ctx: Context) -> tuple[list[Event], list[Event]]:
    """One merge key's reports merged (``merge_group``; keys never interact), with the events
    they stood for until now (passed through, for the write to replace)."""
    old, reports, outlets, shared = data
    return old, merge_group(reports, outlets, shared) if reports else []


def _merge_write(
    store: Store, results: list[tuple[str, tuple[list[Event], list[Event]]]], changes: Changes
) -> None:
    old = {e.event_id: e for _key, (before, _after) in results for e in before}
    store.events.delete(sorted(old))
    changes.map(REMOVED).update(old)
    changes.count("merge.removed", len(old))
    for key, (_before, events) in results:
        for ev in events:
            store.events.insert(ev)
            changes.set(NEW_EVENTS).add(ev.event_id)
        changes.set(MERGED).add(key)
        changes.count("merge.events", len(events))


STAGE = Stage(
    "merge",
    (
        Step("keys", _keys_touched, _keys_read, _key, _keys_write, chunk=KEY_CHUNK),
        Step("merge", _merge_touched, _merge_read, merge_partition, _merge_write, chunk=4096),
    ),
    begin=_begin,
)
