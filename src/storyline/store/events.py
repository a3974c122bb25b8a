"""The events part of the store: each article's event reports (one per coded sentence), the
merge stage's keys and merged events, and reading events back with their reports.

A report's ``record`` is the EVENT record of its one sentence; a merged event's ``record`` is
the EVENT record without its reports, which are attached when it is read (``with_mentions``):
each shows the copy group its article is in now and, for a copy dated from its group after it
was coded, that date.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from storyline.model import Article, Event, EventMention
from storyline.store import codec, filters
from storyline.store.db import Database, dumps

# Event reports with what their article says now (its copy group, a date inherited later).
MENTION_ROWS = (
    "SELECT m.event_id, m.record, a.dup_group, a.published FROM event_mentions m "
    "JOIN articles a ON a.article_id = m.article_id"
)
DYAD_PAGE_DEPTH = 20_000


def event_of(record: str | dict[str, Any], mentions: list[EventMention] | None = None) -> Event:
    """A stored EVENT record as an ``Event`` (with these reports, or the record's own)."""
    d = codec.loads(record)
    return codec.decode(Event, d) if mentions is None else codec.decode(Event, d, mentions=mentions)


def is_background(ev: Event) -> bool:
    """Whether every report of an event recounts history rather than its article's news (an
    event with no report is news: it came from somewhere else)."""
    return bool(ev.mentions) and all(m.background for m in ev.mentions)


def _attach(out: dict[str, list[EventMention]], rows: Iterable[sqlite3.Row]) -> None:
    """Attach each stored report to its event as the faces show it."""
    for r in rows:
        for m in json.loads(r["record"]).get("mentions", []):
            m["dup_group"] = r["dup_group"]
            # A copy dated from its group after it was coded shows that date.
            m["published"] = m.get("published") or r["published"]
            out.setdefault(r["event_id"], []).append(codec.decode(EventMention, m))


class Events:
    def __init__(self, db: Database) -> None:
        self.db = db

    # ---- each article's reports -------------------------------------------------------------------
    def write_article(self, a: Article) -> None:
        for ev in a.events:
            mid = ev.mentions[0].mention_id if ev.mentions else ev.event_id
            self.db.execute(
                """INSERT OR IGNORE INTO event_mentions(mention_id, article_id, date, date_precision,
                   root, cameo, source_code, target_code, polarity, modality, record)
                   VALUES (?,?,?,?,?,?,?,?,?,?,?)""",
                (
                    mid,
                    a.article_id,
                    ev.date,
                    ev.date_precision,
                    ev.root,
                    ev.cameo,
                    ev.source.code if ev.source else None,
                    ev.target.code if ev.target else None,
                    ev.polarity,
                    ev.modality,
                    dumps(ev.record()),
                ),
            )

    def reports_of_article(self, article_id: str) -> list[tuple[str | None, Event]]:
        """(merged event id, report) of the reports coded from one article."""
        return [
            (r["event_id"], event_of(r["record"]))
            for r in self.db.execute(
                "SELECT event_id, record FROM event_mentions WHERE article_id = ? "
                "ORDER BY mention_id",
                (article_id,),
            )
        ]

    def sides_of_articles(
        self, article_ids: Sequence[str]
    ) -> Iterator[tuple[str, str | None, str | None]]:
        """(article_id, source code, target code) of these articles' event reports."""
        for r in self.db.in_(
            "SELECT article_id, source_code, target_code FROM event_mentions "
            "WHERE article_id IN ({ids})",
            article_ids,
        ):
            yield r[0], r[1], r[2]

    # ---- merge keys -------------------------------------------------------------------------------
    def unkeyed(self, limit: int) -> list[str]:
        """Event reports without a merge key yet (new ones, or ones whose actor changed)."""
        return [
            r[0]
            for r in self.db.execute(
                "SELECT mention_id FROM event_mentions WHERE merge_key IS NULL LIMIT ?", (limit,)
            )
        ]

    def reports(self, mention_ids: Sequence[str]) -> dict[str, Event]:
        """Event reports by mention id, as coded (one sentence each)."""
        return {
            r[0]: event_of(r[1])
            for r in self.db.in_(
                "SELECT mention_id, record FROM event_mentions WHERE mention_id IN ({ids})",
                mention_ids,
            )
        }

    def naming(self, actor_ids: Sequence[str]) -> dict[str, Event]:
        """Reports (by mention id) whose source or target is one of these actors."""
        return {
            r[0]: event_of(r[1])
            for r in self.db.in_(
                "SELECT mention_id, record FROM event_mentions "
                "WHERE json_extract(record, '$.source.actor_id') IN ({ids}) "
                "OR json_extract(record, '$.target.actor_id') IN ({ids})",
                actor_ids,
            )
        }

    def set_merge_keys(self, rows: Iterable[tuple[str | None, str]]) -> None:
        """(merge key, mention id) pairs; a None key marks a report to be keyed again."""
        self.db.executemany("UPDATE event_mentions SET merge_key = ? WHERE mention_id = ?", rows)

    def merge_keys(self, article_ids: Iterable[str] | None = None) -> set[str]:
        """The merge keys of these articles' event reports (of every report with None)."""
        if article_ids is None:
            return {
                r[0]
                for r in self.db.execute(
                    "SELECT DISTINCT merge_key FROM event_mentions WHERE merge_key IS NOT NULL"
                )
            }
        return {
            r[0]
            for r in self.db.in_(
                "SELECT DISTINCT merge_key FROM event_mentions "
                "WHERE article_id IN ({ids}) AND merge_key IS NOT NULL",
                article_ids,
            )
        }

    def of_key(self, key: str) -> list[Event]:
        """The merged events (without reports) now standing for the reports of one merge key."""
        return [
            event_of(r[0], [])
            for r in self.db.execute(
                "SELECT record FROM events WHERE event_id IN "
                "(SELECT event_id FROM event_mentions WHERE merge_key = ?)",
                (key,),
            )
        ]

    def key_mentions(self, key: str) -> tuple[list[Event], dict[str, str | None]]:
        """The reports of one merge key (with their copy groups) and their articles' outlets."""
        events: list[Event] = []
        outlets: dict[str, str | None] = {}
        for r in self.db.execute(
            "SELECT m.record, a.dup_group, a.outlet, a.article_id FROM event_mentions m "
            "JOIN articles a ON a.article_id = m.article_id WHERE m.merge_key = ? "
            "ORDER BY m.article_id, m.mention_id",
            (key,),
        ):
            ev = event_of(r[0])
            for m in ev.mentions:
                m.dup_group = r[1]
            events.append(ev)
            outlets[r[3]] = r[2]
        return events, outlets

    # ---- merged events ----------------------------------------------------------------------------
    def clear(self) -> None:
        """Before a full recompute: no merged events, no report pointing at one."""
        self.db.execute("DELETE FROM events")
        self.db.execute("UPDATE event_mentions SET event_id = NULL WHERE event_id IS NOT NULL")

    def delete(self, event_ids: Sequence[str]) -> None:
        self.db.run_in("DELETE FROM events WHERE event_id IN ({ids})", event_ids)
        self.db.run_in(
            "UPDATE event_mentions SET event_id = NULL WHERE event_id IN ({ids})", event_ids
        )

    def insert(self, ev: Event, dyad: str | None = None, sides: str | None = None) -> None:
        """One merged event, its reports pointed at it."""
        rec = ev.record()
        rec.pop("mentions")
        self.db.execute(
            """INSERT INTO events(event_id, date, date_precision, source_id, source_code,
               target_id, target_code, cameo, root, quad_class, goldstein, polarity, modality,
               num_articles, num_outlets, story_id, record, dyad, sides, lat, lon, background)
               VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
            (
                ev.event_id,
                ev.date,
                ev.date_precision,
                ev.source.actor_id if ev.source else None,
                ev.source.code if ev.source else None,
                ev.target.actor_id if ev.target else None,
                ev.target.code if ev.target else None,
                ev.cameo,
                ev.root,
                ev.quad_class,
                ev.goldstein,
                ev.polarity,
                ev.modality,
                ev.num_articles,
                ev.num_outlets,
                None,
                dumps(rec),
                dyad,
                sides,
                ev.location.lat if ev.location else None,
                ev.location.lon if ev.location else None,
                int(is_background(ev)),
            ),
        )
        self.db.executemany(
            "UPDATE event_mentions SET event_id = ? WHERE mention_id = ?",
            [(ev.event_id, m.mention_id) for m in ev.mentions],
        )

    def set_keys(self, column: str, keys: dict[str, str | None]) -> None:
        """A later stage's partition key of each event (``sides``: claims, ``dyad``: dyads)."""
        if column not in ("sides", "dyad"):
            raise ValueError(column)
        self.db.executemany(
            f"UPDATE events SET {column} = ? WHERE event_id = ?", [(k, e) for e, k in keys.items()]
        )

    def by_ids(self, event_ids: Sequence[str], mentions: bool = True) -> dict[str, Event]:
        """Merged events by id, with their reports or without."""
        recs = [
            json.loads(r[0])
            for r in self.db.in_("SELECT record FROM events WHERE event_id IN ({ids})", event_ids)
        ]
        events = self.with_mentions(recs) if mentions else [event_of(r, []) for r in recs]
        return {e.event_id: e for e in events}

    def ids_of_articles(self, article_ids: Sequence[str]) -> set[str]:
        return {
            r[0]
            for r in self.db.in_(
                "SELECT DISTINCT event_id FROM event_mentions "
                "WHERE article_id IN ({ids}) AND event_id IS NOT NULL",
                article_ids,
            )
        }

    def without_mentions(self, event_ids: Sequence[str]) -> list[Event]:
        """Merged events without their reports, in timeline order (for story building)."""
        out = [
            event_of(r[0], [])
            for r in self.db.in_("SELECT record FROM events WHERE event_id IN ({ids})", event_ids)
        ]
        out.sort(key=lambda e: (e.date is None, e.date or "", e.event_id))
        return out

    def story_id(self, event_id: str) -> str | None:
        return self.db.one("SELECT story_id FROM events WHERE event_id = ?", (event_id,))

    def story_reports(self, story_id: str) -> list[tuple[str, str | None, str | None]]:
        """(event id, outlet, publication date) of every report of a story's events."""
        return [
            (r[0], r[1], r[2])
            for r in self.db.execute(
                "SELECT m.event_id, a.outlet, a.published FROM events e "
                "JOIN event_mentions m ON m.event_id = e.event_id "
                "JOIN articles a ON a.article_id = m.article_id WHERE e.story_id = ?",
                (story_id,),
            )
        ]

    def of_story(self, story_id: str) -> tuple[list[Event], set[str]]:
        """A story's events (``events.story_id``, set by the stories stage) without their reports,
        in timeline order, and which of them only background reports carry."""
        rows = self.db.execute(
            "SELECT record, background FROM events WHERE story_id = ? "
            f"ORDER BY {filters.EVENT_ORDER}",
            (story_id,),
        ).fetchall()
        events = [event_of(r[0], []) for r in rows]
        return events, {e.event_id for e, r in zip(events, rows, strict=True) if r[1]}

    def with_sides(self, sides: str) -> list[Event]:
        """Merged events (with their reports) whose sides are these: one denial partition."""
        rows = self.db.execute(
            "SELECT record FROM events WHERE sides = ? ORDER BY date IS NULL, date, event_id",
            (sides,),
        ).fetchall()
        events = self.with_mentions([json.loads(r[0]) for r in rows])
        for ev in events:
            # The order the merge stage gives them: earliest report first.
            ev.mentions.sort(key=lambda m: (m.published or "9999", m.article_id, m.start))
        return events

    def has_denial(self, sides: str) -> bool:
        return (
            self.db.one(
                "SELECT 1 FROM events WHERE sides = ? AND polarity = 'negated' LIMIT 1", (sides,)
            )
            is not None
        )

    # ---- reading events with their reports --------------------------------------------------------
    def mentions_of(self, event_ids: Sequence[str]) -> dict[str, list[EventMention]]:
        """The reports of some events, without reading the reports of every other event."""
        out: dict[str, list[EventMention]] = {}
        for i in range(0, len(event_ids), 500):
            chunk = list(event_ids[i : i + 500])
            _attach(
                out,
                self.db.execute(
                    f"{MENTION_ROWS} WHERE m.event_id IN ({filters.placeholders(chunk)}) "
                    "ORDER BY m.event_id, a.published, m.article_id",
                    chunk,
                ),
            )
        return out

    def with_mentions(self, records: list[dict[str, Any]]) -> list[Event]:
        mentions = self.mentions_of([r["event_id"] for r in records])
        return [event_of(r, mentions.get(r["event_id"], [])) for r in records]

    def iter(self) -> Iterator[Event]:
        """Every merged event with its reports, in the export's order."""
        mentions: dict[str, list[EventMention]] = {}
        _attach(
            mentions,
            self.db.execute(
                f"{MENTION_ROWS} WHERE m.event_id IS NOT NULL "
                "ORDER BY m.event_id, a.published, m.article_id"
            ),
        )
        for r in self.db.execute(f"SELECT record FROM events ORDER BY {filters.EVENT_ORDER}"):
            rec = json.loads(r[0])
            yield event_of(rec, mentions.get(rec["event_id"], []))

    def get(self, event_id: str) -> Event | None:
        rows = self.db.execute("SELECT record FROM events WHERE event_id = ?", (event_id,))
        found = self.with_mentions([json.loads(r[0]) for r in rows])
        return found[0] if found else None

    def stream(self, f: filters.EventFilter, sort: str | None = None) -> Iterator[Event]:
        """Every event a filter selects, with its reports, 500 at a time (a download): only the
        ids are held, never every record."""
        sort = filters.check_order(sort, filters.EVENT_ORDERS)
        where, params = filters.event_where(self.db, f.validate())
        ids = [
            r[0]
            for r in self.db.execute(
                f"SELECT rowid FROM events WHERE {where} ORDER BY {filters.EVENT_ORDERS[sort]}",
                params,
            )
        ]
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            rows = {
                r[0]: r[1]
                for r in self.db.execute(
                    "SELECT rowid, record FROM events "
                    f"WHERE rowid IN ({filters.placeholders(chunk)})",
                    chunk,
                )
            }
            yield from self.with_mentions([json.loads(rows[x]) for x in chunk])

    def matching(self, f: filters.EventFilter) -> list[Event]:
        """Every event a filter selects, with its reports, in the export's order (no page)."""
        where, params = filters.event_where(self.db, f.validate())
        rows = self.db.execute(
            f"SELECT record FROM events WHERE {where} ORDER BY {filters.EVENT_ORDER}", params
        )
        return self.with_mentions([json.loads(r[0]) for r in rows])

    def total(self, f: filters.EventFilter) -> int:
        """How many events a filter selects."""
        where, params = filters.event_where(self.db, f.validate())
        return self.count(f, where, params)

    def page(
        self, f: filters.EventFilter, limit: int = 50, offset: int = 0, sort: str | None = None
    ) -> filters.Page[Event]:
        """One page of events in the export's order, or newest or most reported first."""
        limit, offset = filters.check_page(limit, offset)
        sort = filters.check_order(sort, filters.EVENT_ORDERS)
        where, params = filters.event_where(self.db, f.validate())
        total = self.count(f, where, params)
        # Order on the narrow columns first, then read the wide records of one page only.
        ids = self._dyad_page(f, limit, offset) if sort == "date" else None
        if ids is None and sort in ("date", "newest"):
            ids = self._dated_page(where, params, limit, offset, sort == "newest")
        if ids is None:
            ids = [
                r[0]
                for r in self.db.execute(
                    f"SELECT rowid FROM events WHERE {where} "
                    f"ORDER BY {filters.EVENT_ORDERS[sort]} LIMIT ? OFFSET ?",
                    [*params, limit, offset],
                )
            ]
        rows = {
            r["rowid"]: r
            for r in self.db.execute(
                f"SELECT rowid, record FROM events WHERE rowid IN ({filters.placeholders(ids)})",
                ids,
            )
        }
        items = self.with_mentions([json.loads(rows[i]["record"]) for i in ids])
        return filters.Page(items, total, limit, offset)

    def pair_counts(self) -> dict[tuple[str, str], int]:
        """Events per unordered pair of sides (the first three letters of each side's code),
        either direction: ``EventFilter(dyad=...)``'s count for every pair at once, from one
        pass over the ``events_dyad`` index."""
        out: dict[tuple[str, str], int] = {}
        for s, t, n in self.db.execute(
            "SELECT substr(source_code, 1, 3), substr(target_code, 1, 3), count(*) FROM events "
            "WHERE source_code IS NOT NULL AND target_code IS NOT NULL GROUP BY 1, 2"
        ):
            key = (min(s, t), max(s, t))
            out[key] = out.get(key, 0) + int(n)
        return out

    def generation(self) -> tuple[Any, ...]:
        """What changes whenever the events do (a corpus update): for caches of counts."""
        return (
            self.db.path,
            self.db.one("SELECT value FROM meta WHERE key = 'corpus_updated_at'"),
            self.db.one("SELECT max(rowid) FROM events"),
        )

    def _dated_page(
        self, where: str, params: list[Any], limit: int, offset: int, newest: bool
    ) -> list[int]:
        """A page in date order as two reads: the dated events (``ORDER BY date, event_id``,
        which an index in that order serves without sorting: ``events_date``, or
        ``events_story`` for a story), then the undated ones.  The same order as
        ``EVENT_ORDERS`` ("date IS NULL" first in the key defeats every index)."""
        way = "DESC" if newest else ""
        ids = [
            r[0]
            for r in self.db.execute(
                f"SELECT rowid FROM events WHERE ({where}) AND date IS NOT NULL "
                f"ORDER BY date {way}, event_id {way} LIMIT ? OFFSET ?",
                [*params, limit, offset],
            )
        ]
        if len(ids) < limit:
            skip = 0
            if not ids:  # the page starts past the dated events: how many are there?
                dated = self.db.one(
                    f"SELECT count(*) FROM events WHERE ({where}) AND date IS NOT NULL", params
                )
                skip = max(0, offset - int(dated))
            ids += [
                r[0]
                for r in self.db.execute(
                    f"SELECT rowid FROM events WHERE ({where}) AND date IS NULL "
                    f"ORDER BY event_id {way} LIMIT ? OFFSET ?",
                    [*params, limit - len(ids), skip],
                )
            ]
        return ids

    def count(self, f: filters.EventFilter, where: str, params: list[Any]) -> int:
        """How many events match.  A dyad alone is counted one source code at a time, each a range
        of the covering ``events_dyad`` index: SQLite would otherwise gather the rowids of every
        OR branch into a set first (80 ms instead of 15 for 180,000 events)."""
        memo = self.db.count_memo  # one web request: its page and its map count alike
        key = (where, tuple(params))
        if memo is not None and key in memo:
            return memo[key]
        total = self._count(f, where, params)
        if memo is not None:
            memo[key] = total
        return total

    def _count(self, f: filters.EventFilter, where: str, params: list[Any]) -> int:
        if f.dyad is None or not filters.is_empty(f, but=("dyad",)) or where == "0":
            return int(self.db.one(f"SELECT count(*) FROM events WHERE {where}", params))
        total = 0
        for sc, tcs in filters.by_source(filters.dyad_pairs(self.db, *f.dyad)).items():
            total += int(
                self.db.one(
                    "SELECT count(*) FROM events WHERE source_code = ? "
                    f"AND target_code IN ({filters.placeholders(tcs)})",
                    [sc, *tcs],
                )
            )
        return total

    def _dyad_page(self, f: filters.EventFilter, limit: int, offset: int) -> list[int] | None:
        """Rowids of one page of a dyad's events (dyad and dates the only filters), in the export's
        order, without visiting every event of a busy pair.

        The date of the page's last event is found on the covering ``events_dyad`` index alone
        (one range per source code, merged by SQLite with a bounded sort); only events up to that
        date are read for their ids.  Undated events follow the dated ones, as in the export.
        """
        if f.dyad is None or not filters.is_empty(f, but=("dyad", "date_from", "date_to")):
            return None
        if offset + limit > DYAD_PAGE_DEPTH:  # deep pages: reading every id is no worse
            return None
        by_source = filters.by_source(filters.dyad_pairs(self.db, *f.dyad))
        if not by_source:
            return []
        clause, date_params = filters.date_overlap("date", f.date_from, f.date_to)

        def ranges(extra: str, extra_params: list[Any], columns: str) -> tuple[str, list[Any]]:
            parts, params = [], []
            for sc, tcs in by_source.items():
                cond = (
                    f"source_code = ? AND target_code IN ({filters.placeholders(tcs)}) AND {extra}"
                )
                if clause:
                    cond += f" AND {clause}"
                parts.append(f"SELECT {columns} FROM events WHERE {cond}")
                params += [sc, *tcs, *extra_params, *date_params]
            return " UNION ALL ".join(parts), params

        wanted = offset + limit
        sql, params = ranges("date IS NOT NULL", [], "date")
        row = self.db.execute(
            f"SELECT date FROM ({sql}) ORDER BY date LIMIT 1 OFFSET ?", [*params, wanted - 1]
        ).fetchone()
        if row is None:
            sql, params = ranges("date IS NOT NULL", [], "rowid, date, event_id")
        else:
            sql, params = ranges(
                "date IS NOT NULL AND date <= ?", [row[0]], "rowid, date, event_id"
            )
        dated = sorted(self.db.execute(sql, params).fetchall(), key=lambda r: (r[1], r[2]))
        ids = [r[0] for r in dated[:wanted]]
        if len(ids) < wanted and not clause:
            sql, params = ranges("date IS NULL", [], "rowid, event_id")
            undated = sorted(self.db.execute(sql, params).fetchall(), key=lambda r: r[1])
            ids += [r[0] for r in undated[: wanted - len(ids)]]
        return ids[offset:]
