"""Read-side queries for the HTTP API and the web UI: filtered, paginated, stably ordered pages.

The export (``store/export.py``) streams every record of a kind; a server needs one page of the
records that match a filter, fast, from a store that may hold millions of events.  Every page
here returns records in exactly the export's shape (built through the same dataclasses), so a
client sees the same JSON whether it exports or asks the API.

All user values reach SQLite as bound parameters; text search goes through ``fts_query``, which
quotes every word, so no filter can change a query's structure.  Nothing here writes: the server
opens the store read-only.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from storyline.model import (
    Actor,
    ActorRef,
    Claim,
    Contradiction,
    DyadRow,
    EventMention,
    Role,
    Story,
)
from storyline.store.sqlite import MENTION_ROWS, Store, add_mention_rows, event_from_record

MAX_LIMIT = 500
DATE_RE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
POLARITIES = ("asserted", "negated")
MODALITIES = ("fact", "intent", "demand", "hypothetical")
SIDE_RE = re.compile(r"^[A-Z]{3}$")


class QueryError(ValueError):
    """A filter value that cannot mean anything (a malformed date, an unknown polarity...)."""


@dataclass(slots=True)
class Page:
    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int

    def as_dict(self) -> dict[str, Any]:
        more = self.offset + len(self.items) < self.total
        return {
            "total": self.total,
            "limit": self.limit,
            "offset": self.offset,
            "next_offset": self.offset + len(self.items) if more else None,
            "items": self.items,
        }


# ---- helpers ------------------------------------------------------------------------------------
def fts_query(text: str | None) -> str | None:
    """A user's words as an FTS5 query: every word a quoted phrase (so FTS operators and quotes
    are literal), all required; a trailing ``*`` keeps its prefix meaning."""
    if not text:
        return None
    terms = []
    for word in text.split():
        prefix = word.endswith("*")
        word = word.rstrip("*")
        if not word:
            continue
        terms.append('"' + word.replace('"', '""') + '"' + ("*" if prefix else ""))
    return " ".join(terms) or None


def like_pattern(text: str) -> str:
    """A substring LIKE pattern with the user's % and _ taken literally (ESCAPE '\\')."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def check_date(value: str | None, name: str) -> str | None:
    if value is None or value == "":
        return None
    if not DATE_RE.match(value):
        raise QueryError(f"{name} must be YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    return value


def check_side(value: str, name: str = "dyad") -> str:
    side = value.strip().upper()
    if not SIDE_RE.match(side):
        raise QueryError(f"{name}: a side is a three-letter code such as TUR, got {value!r}")
    return side


def _limit(limit: int, offset: int) -> tuple[int, int]:
    if limit < 1 or limit > MAX_LIMIT:
        raise QueryError(f"limit must be between 1 and {MAX_LIMIT}")
    if offset < 0:
        raise QueryError("offset must not be negative")
    return limit, offset


def _date_overlap(column: str, date_from: str | None, date_to: str | None) -> tuple[str, list[Any]]:
    """Dates of mixed precision against a range: ``2022-09`` overlaps ``2022-09-15``, and
    ``2024-08-01`` lies within ``2024-08``.

    Both sides cut to the shorter of the two lengths compare exactly as "the stored period
    overlaps the range".  The plain year comparison in front lets SQLite use an index on the
    column.
    """
    where, params = [], []
    cut = f"substr({column}, 1, length(?)) {{op}} substr(?, 1, length({column}))"
    if date_from:
        where.append(f"{column} >= ? AND " + cut.format(op=">="))
        params += [date_from[:4], date_from, date_from]
    if date_to:
        where.append(f"{column} < ? AND " + cut.format(op="<="))
        params += [str(int(date_to[:4]) + 1), date_to, date_to]
    return " AND ".join(where), params


def _in(values: Sequence[Any]) -> str:
    return ",".join("?" * len(values))


# ---- events -------------------------------------------------------------------------------------
@dataclass(slots=True)
class EventFilter:
    actor: str | None = None  # actor id, or a code prefix (TURGOV), as `storyline timeline --actor`
    actor_id: str | None = None  # exactly this actor on either side
    dyad: tuple[str, str] | None = None  # two sides (TUR, SYR), either direction
    code: str | None = None  # CAMEO code, exact
    root: str | None = None
    quad: int | None = None
    date_from: str | None = None
    date_to: str | None = None
    outlet: str | None = None
    story: str | None = None
    article: str | None = None
    polarity: str | None = None
    modality: str | None = None
    q: str | None = None
    undated: bool | None = None

    def validate(self) -> EventFilter:
        self.date_from = check_date(self.date_from, "date_from")
        self.date_to = check_date(self.date_to, "date_to")
        if self.dyad is not None:
            self.dyad = (check_side(self.dyad[0]), check_side(self.dyad[1]))
        if self.code is not None and not re.fullmatch(r"\d{2,4}", self.code):
            raise QueryError(f"code is a CAMEO code of 2 to 4 digits, got {self.code!r}")
        if self.root is not None and not re.fullmatch(r"\d{2}", self.root):
            raise QueryError(f"root is a two-digit CAMEO root, got {self.root!r}")
        if self.quad is not None and self.quad not in (1, 2, 3, 4):
            raise QueryError("quad is 1, 2, 3 or 4")
        if self.polarity is not None and self.polarity not in POLARITIES:
            raise QueryError(f"polarity is one of {', '.join(POLARITIES)}")
        if self.modality is not None and self.modality not in MODALITIES:
            raise QueryError(f"modality is one of {', '.join(MODALITIES)}")
        return self


def _range_end(prefix: str) -> str:
    """The smallest string above every string that starts with ``prefix`` (codes are ASCII)."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _next_code(db: sqlite3.Connection, sql: str, params: list[Any]) -> str | None:
    row = db.execute(sql, params).fetchone()
    return row[0] if row else None


def dyad_pairs(store: Store, a: str, b: str) -> list[tuple[str, str]]:
    """The exact (source_code, target_code) pairs stored between sides ``a`` and ``b``.

    Found by skipping through the ``events_dyad`` index (one seek per distinct code), so a
    dyad filter becomes equality lookups on that index instead of a scan of every event.
    """
    db = store.db
    pairs: list[tuple[str, str]] = []
    for src, tgt in ((a, b), (b, a)) if a != b else ((a, b),):
        sources: list[str] = []
        code = _next_code(
            db,
            "SELECT min(source_code) FROM events WHERE source_code >= ? AND source_code < ?",
            [src, _range_end(src)],
        )
        while code is not None:
            sources.append(code)
            code = _next_code(
                db,
                "SELECT min(source_code) FROM events WHERE source_code > ? AND source_code < ?",
                [code, _range_end(src)],
            )
        for sc in sources:
            code = _next_code(
                db,
                "SELECT min(target_code) FROM events WHERE source_code = ? AND target_code >= ? "
                "AND target_code < ?",
                [sc, tgt, _range_end(tgt)],
            )
            while code is not None:
                pairs.append((sc, code))
                code = _next_code(
                    db,
                    "SELECT min(target_code) FROM events WHERE source_code = ? AND target_code > ? "
                    "AND target_code < ?",
                    [sc, code, _range_end(tgt)],
                )
    return pairs


def _count_events(store: Store, f: EventFilter, where: str, params: list[Any]) -> int:
    """How many events match.  A dyad alone is counted one source code at a time, each a range
    of the covering ``events_dyad`` index: SQLite would otherwise gather the rowids of every
    OR branch into a set first (80 ms instead of 15 for 180,000 events)."""
    only_dyad = f.dyad is not None and all(
        getattr(f, k) in (None, "") for k in EventFilter.__slots__ if k != "dyad"
    )
    if not only_dyad or where == "0":
        return int(
            store.db.execute(f"SELECT count(*) FROM events WHERE {where}", params).fetchone()[0]
        )
    by_source: dict[str, list[str]] = {}
    for sc, tc in dyad_pairs(store, *f.dyad):  # type: ignore[misc]
        by_source.setdefault(sc, []).append(tc)
    total = 0
    for sc, tcs in by_source.items():
        total += int(
            store.db.execute(
                f"SELECT count(*) FROM events WHERE source_code = ? AND target_code IN ({_in(tcs)})",
                [sc, *tcs],
            ).fetchone()[0]
        )
    return total


def _event_where(store: Store, f: EventFilter) -> tuple[str, list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if f.dyad is not None:
        pairs = dyad_pairs(store, *f.dyad)
        if not pairs:
            return "0", []
        by_source: dict[str, list[str]] = {}
        for sc, tc in pairs:
            by_source.setdefault(sc, []).append(tc)
        terms = []
        for sc, tcs in by_source.items():
            terms.append(f"(source_code = ? AND target_code IN ({_in(tcs)}))")
            params += [sc, *tcs]
        where.append("(" + " OR ".join(terms) + ")")
    if f.actor:
        where.append(
            "(source_id = ? OR target_id = ? OR substr(source_code, 1, ?) = ? "
            "OR substr(target_code, 1, ?) = ?)"
        )
        code = f.actor.upper()
        params += [f.actor, f.actor, len(code), code, len(code), code]
    if f.actor_id:
        where.append("(source_id = ? OR target_id = ?)")
        params += [f.actor_id, f.actor_id]
    for column, value in (
        ("cameo", f.code),
        ("root", f.root),
        ("quad_class", f.quad),
        ("story_id", f.story),
        ("polarity", f.polarity),
        ("modality", f.modality),
    ):
        if value is not None and value != "":
            where.append(f"{column} = ?")
            params.append(value)
    if f.date_from or f.date_to:
        clause, p = _date_overlap("date", f.date_from, f.date_to)
        where.append(clause)
        params += p
    if f.undated is not None:
        where.append("date IS NULL" if f.undated else "date IS NOT NULL")
    if f.outlet:
        where.append(
            "event_id IN (SELECT m.event_id FROM event_mentions m JOIN articles a "
            "ON a.article_id = m.article_id WHERE a.outlet = ?)"
        )
        params.append(f.outlet)
    if f.article:
        where.append("event_id IN (SELECT event_id FROM event_mentions WHERE article_id = ?)")
        params.append(f.article)
    match = fts_query(f.q)
    if f.q is not None and f.q.strip() and match is None:
        return "0", []
    if match:
        where.append(
            "event_id IN (SELECT m.event_id FROM event_mentions m JOIN articles a "
            "ON a.article_id = m.article_id WHERE a.seq IN "
            "(SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?))"
        )
        params.append(match)
    return " AND ".join(where) or "1", params


EVENT_ORDER = "date IS NULL, date, event_id"  # the export's order (Store.iter_events)


def mentions_for(store: Store, event_ids: Sequence[str]) -> dict[str, list[EventMention]]:
    """The reports of some events, as ``Store.iter_events`` attaches them (a copy's inherited
    date shown, duplicate group noted), without reading the reports of every other event."""
    out: dict[str, list[EventMention]] = {}
    for i in range(0, len(event_ids), 500):
        chunk = list(event_ids[i : i + 500])
        rows = store.db.execute(
            f"{MENTION_ROWS} WHERE m.event_id IN ({_in(chunk)}) "
            "ORDER BY m.event_id, a.published, m.article_id",
            chunk,
        )
        add_mention_rows(out, rows)
    return out


def _event_records(store: Store, rows: Iterable[sqlite3.Row]) -> list[dict[str, Any]]:
    recs = [json.loads(r["record"]) for r in rows]
    mentions = mentions_for(store, [r["event_id"] for r in recs])
    return [event_from_record(r, mentions.get(r["event_id"], [])).record() for r in recs]


DYAD_PAGE_DEPTH = 20_000


def _dyad_page(store: Store, f: EventFilter, limit: int, offset: int) -> list[int] | None:
    """Rowids of one page of a dyad's events (dyad and dates the only filters), in the export's
    order, without visiting every event of a busy pair.

    The date of the page's last event is found on the covering ``events_dyad`` index alone
    (one range per source code, merged by SQLite with a bounded sort); only events up to that
    date are read for their ids.  Undated events follow the dated ones, as in the export.
    """
    others = [k for k in EventFilter.__slots__ if k not in ("dyad", "date_from", "date_to")]
    if f.dyad is None or any(getattr(f, k) not in (None, "") for k in others):
        return None
    if offset + limit > DYAD_PAGE_DEPTH:  # deep pages: reading every id is no worse
        return None
    by_source: dict[str, list[str]] = {}
    for sc, tc in dyad_pairs(store, *f.dyad):
        by_source.setdefault(sc, []).append(tc)
    if not by_source:
        return []
    clause, date_params = _date_overlap("date", f.date_from, f.date_to)

    def ranges(extra: str, extra_params: list[Any], columns: str) -> tuple[str, list[Any]]:
        parts, params = [], []
        for sc, tcs in by_source.items():
            cond = f"source_code = ? AND target_code IN ({_in(tcs)}) AND {extra}"
            if clause:
                cond += f" AND {clause}"
            parts.append(f"SELECT {columns} FROM events WHERE {cond}")
            params += [sc, *tcs, *extra_params, *date_params]
        return " UNION ALL ".join(parts), params

    wanted = offset + limit
    sql, params = ranges("date IS NOT NULL", [], "date")
    row = store.db.execute(
        f"SELECT date FROM ({sql}) ORDER BY date LIMIT 1 OFFSET ?", [*params, wanted - 1]
    ).fetchone()
    if row is None:
        sql, params = ranges("date IS NOT NULL", [], "rowid, date, event_id")
    else:
        sql, params = ranges("date IS NOT NULL AND date <= ?", [row[0]], "rowid, date, event_id")
    dated = sorted(store.db.execute(sql, params).fetchall(), key=lambda r: (r[1], r[2]))
    ids = [r[0] for r in dated[:wanted]]
    if len(ids) < wanted and not clause:
        sql, params = ranges("date IS NULL", [], "rowid, event_id")
        undated = sorted(store.db.execute(sql, params).fetchall(), key=lambda r: r[1])
        ids += [r[0] for r in undated[: wanted - len(ids)]]
    return ids[offset:]


def events(store: Store, f: EventFilter, limit: int = 50, offset: int = 0) -> Page:
    limit, offset = _limit(limit, offset)
    where, params = _event_where(store, f.validate())
    total = _count_events(store, f, where, params)
    # Order on the narrow columns first, then read the wide records of one page only.
    ids = _dyad_page(store, f, limit, offset)
    if ids is None:
        ids = [
            r[0]
            for r in store.db.execute(
                f"SELECT rowid FROM events WHERE {where} ORDER BY {EVENT_ORDER} LIMIT ? OFFSET ?",
                [*params, limit, offset],
            )
        ]
    rows = {
        r["rowid"]: r
        for r in store.db.execute(
            f"SELECT rowid, event_id, record FROM events WHERE rowid IN ({_in(ids)})", ids
        )
    }
    return Page(_event_records(store, (rows[i] for i in ids)), total, limit, offset)


def event(store: Store, event_id: str) -> dict[str, Any] | None:
    rows = list(
        store.db.execute("SELECT event_id, record FROM events WHERE event_id = ?", (event_id,))
    )
    recs = _event_records(store, rows)
    return recs[0] if recs else None


def event_reports(store: Store, article_id: str) -> list[dict[str, Any]]:
    """The event reports coded from one article: its merged event and the sentence offsets."""
    out = []
    for r in store.db.execute(
        "SELECT event_id, record FROM event_mentions WHERE article_id = ? ORDER BY mention_id",
        (article_id,),
    ):
        rec = json.loads(r["record"])
        for m in rec.get("mentions", []):
            if m.get("article_id") == article_id:
                out.append(
                    {
                        "event_id": r["event_id"],
                        "start": int(m["start"]),
                        "end": int(m["end"]),
                        "cameo": rec.get("cameo"),
                        "polarity": rec.get("polarity"),
                        "modality": rec.get("modality"),
                    }
                )
    out.sort(key=lambda x: (x["start"], x["end"]))
    return out


def contradictions(store: Store, event_ids: Iterable[str] | None = None) -> dict[str, list[str]]:
    """Events whose sources contradict each other, with the reasons (from the claims stage).

    Both sides of a contradiction are marked: the denial and the reports it answers."""
    wanted = set(event_ids) if event_ids is not None else None
    claim_event: dict[str, str | None] = {}
    pairs: list[tuple[str, str, str]] = []
    for r in store.db.execute(
        "SELECT claim_id, event_id, record FROM claims "
        "WHERE json_array_length(record, '$.contradicts') > 0"
    ):
        claim_event[r["claim_id"]] = r["event_id"]
        for c in json.loads(r["record"]).get("contradicts", []):
            pairs.append((r["claim_id"], c.get("claim_id", ""), c.get("reason", "")))
    if pairs:
        missing = [b for _, b, _ in pairs if b not in claim_event]
        for i in range(0, len(missing), 500):
            chunk = missing[i : i + 500]
            for r in store.db.execute(
                f"SELECT claim_id, event_id FROM claims WHERE claim_id IN ({_in(chunk)})", chunk
            ):
                claim_event[r[0]] = r[1]
    out: dict[str, list[str]] = {}
    for a, b, reason in pairs:
        for ev in (claim_event.get(a), claim_event.get(b)):
            if ev and (wanted is None or ev in wanted) and reason not in out.get(ev, []):
                out.setdefault(ev, []).append(reason)
    return out


# ---- articles -----------------------------------------------------------------------------------
@dataclass(slots=True)
class ArticleFilter:
    q: str | None = None
    outlet: str | None = None
    story: str | None = None
    actor: str | None = None  # actor id or code prefix mentioned in the article
    language: str | None = None
    published_how: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    undated: bool | None = None

    def validate(self) -> ArticleFilter:
        self.date_from = check_date(self.date_from, "date_from")
        self.date_to = check_date(self.date_to, "date_to")
        return self


ARTICLE_ORDER = "published IS NULL, published, seq"


def _article_where(f: ArticleFilter) -> tuple[str, list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    for column, value in (
        ("outlet", f.outlet),
        ("story_id", f.story),
        ("language", f.language),
        ("published_how", f.published_how),
    ):
        if value:
            where.append(f"{column} = ?")
            params.append(value)
    if f.actor:
        code = f.actor.upper()
        where.append(
            "article_id IN (SELECT article_id FROM actor_mentions WHERE place_only = 0 AND "
            "(actor_id = ? OR substr(code, 1, ?) = ?))"
        )
        params += [f.actor, len(code), code]
    if f.date_from or f.date_to:
        clause, p = _date_overlap("published", f.date_from, f.date_to)
        where.append(clause)
        params += p
    if f.undated is not None:
        where.append("published IS NULL" if f.undated else "published IS NOT NULL")
    match = fts_query(f.q)
    if f.q is not None and f.q.strip() and match is None:
        return "0", []
    if match:
        where.append("seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
        params.append(match)
    return " AND ".join(where) or "1", params


def articles(store: Store, f: ArticleFilter, limit: int = 50, offset: int = 0) -> Page:
    limit, offset = _limit(limit, offset)
    where, params = _article_where(f.validate())
    total = int(
        store.db.execute(f"SELECT count(*) FROM articles WHERE {where}", params).fetchone()[0]
    )
    rows = store.db.execute(
        f"SELECT * FROM articles WHERE {where} ORDER BY {ARTICLE_ORDER} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    items = [store.article_from_row(r, store._near_dups(r["article_id"])).record() for r in rows]
    return Page(items, total, limit, offset)


def article(store: Store, article_id: str) -> dict[str, Any] | None:
    art = store.get_article(article_id)
    return art.record() if art else None


def article_titles(store: Store, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Title, outlet and date of some articles, for links."""
    ids = list(dict.fromkeys(ids))
    out: dict[str, dict[str, Any]] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        for r in store.db.execute(
            "SELECT article_id, title, outlet, published, path FROM articles "
            f"WHERE article_id IN ({_in(chunk)})",
            chunk,
        ):
            out[r["article_id"]] = dict(r)
    return out


# ---- actors -------------------------------------------------------------------------------------
@dataclass(slots=True)
class ActorFilter:
    q: str | None = None  # a substring of the name or of any spelling seen
    code: str | None = None  # code prefix
    kind: str | None = None
    known: bool | None = None


def _actor_where(f: ActorFilter) -> tuple[str, list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if f.q:
        pat = like_pattern(f.q)
        where.append(
            "(name LIKE ? ESCAPE '\\' OR actor_id IN (SELECT actor_id FROM actor_aliases "
            "WHERE alias LIKE ? ESCAPE '\\'))"
        )
        params += [pat, pat]
    if f.code:
        code = f.code.upper()
        where.append("substr(code, 1, ?) = ?")
        params += [len(code), code]
    if f.kind:
        where.append("kind = ?")
        params.append(f.kind)
    if f.known is not None:
        where.append("known = ?")
        params.append(int(f.known))
    return " AND ".join(where) or "1", params


def _actor_from_row(r: sqlite3.Row, aliases: list[str]) -> Actor:
    return Actor(
        r["actor_id"],
        r["code"],
        r["name"],
        r["kind"],
        r["country"],
        aliases,
        [Role(**x) for x in json.loads(r["roles"])],
        bool(r["known"]),
    )


def alias_counts(store: Store, actor_ids: Sequence[str]) -> dict[str, list[tuple[str, int]]]:
    """Every spelling of some actors with how often it was seen, most frequent first (the
    export's alias order)."""
    out: dict[str, list[tuple[str, int]]] = {}
    for i in range(0, len(actor_ids), 500):
        chunk = list(actor_ids[i : i + 500])
        for r in store.db.execute(
            f"SELECT actor_id, alias, n FROM actor_aliases WHERE actor_id IN ({_in(chunk)}) "
            "ORDER BY actor_id, n DESC, alias",
            chunk,
        ):
            out.setdefault(r[0], []).append((r[1], int(r[2])))
    return out


def mention_counts(store: Store, actor_ids: Sequence[str]) -> dict[str, tuple[int, int]]:
    """(mentions as an actor, articles) per actor; a capital named as a place does not count."""
    out: dict[str, tuple[int, int]] = {}
    for i in range(0, len(actor_ids), 500):
        chunk = list(actor_ids[i : i + 500])
        for r in store.db.execute(
            "SELECT actor_id, count(*), count(DISTINCT article_id) FROM actor_mentions "
            f"WHERE place_only = 0 AND actor_id IN ({_in(chunk)}) GROUP BY actor_id",
            chunk,
        ):
            out[r[0]] = (int(r[1]), int(r[2]))
    return out


def actors(store: Store, f: ActorFilter, limit: int = 50, offset: int = 0) -> Page:
    limit, offset = _limit(limit, offset)
    where, params = _actor_where(f)
    total = int(
        store.db.execute(f"SELECT count(*) FROM actors WHERE {where}", params).fetchone()[0]
    )
    rows = store.db.execute(
        f"SELECT * FROM actors WHERE {where} ORDER BY known DESC, actor_id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    aliases = alias_counts(store, [r["actor_id"] for r in rows])
    items = [
        _actor_from_row(r, [a for a, _ in aliases.get(r["actor_id"], [])]).record() for r in rows
    ]
    return Page(items, total, limit, offset)


def actor(store: Store, actor_id: str) -> dict[str, Any] | None:
    r = store.db.execute("SELECT * FROM actors WHERE actor_id = ?", (actor_id,)).fetchone()
    if r is None:
        return None
    aliases = alias_counts(store, [actor_id]).get(actor_id, [])
    return _actor_from_row(r, [a for a, _ in aliases]).record()


def articles_mentioning(store: Store, actor_id: str, limit: int = 20) -> list[dict[str, Any]]:
    """Where an actor was seen, with the spelling used: what a reviewer checks first."""
    rows = store.db.execute(
        "SELECT m.article_id, m.text, min(m.start) AS start, min(m.end) AS end, count(*) AS n, "
        "a.title, a.outlet, a.published FROM actor_mentions m "
        "JOIN articles a ON a.article_id = m.article_id WHERE m.actor_id = ? AND m.place_only = 0 "
        "GROUP BY m.article_id, m.text ORDER BY a.published IS NULL, a.published, a.seq, start "
        "LIMIT ?",
        (actor_id, limit),
    )
    return [dict(r) for r in rows]


# ---- stories, claims, dyads ----------------------------------------------------------------------
def stories(
    store: Store,
    *,
    actor: str | None = None,
    q: str | None = None,
    article: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page:
    limit, offset = _limit(limit, offset)
    date_from, date_to = check_date(date_from, "date_from"), check_date(date_to, "date_to")
    where: list[str] = []
    params: list[Any] = []
    if actor:
        where.append("EXISTS (SELECT 1 FROM json_each(stories.record, '$.actors') WHERE value = ?)")
        params.append(actor.upper())
    if article:
        where.append(
            "EXISTS (SELECT 1 FROM json_each(stories.record, '$.article_ids') WHERE value = ?)"
        )
        params.append(article)
    if q:
        where.append("title LIKE ? ESCAPE '\\'")
        params.append(like_pattern(q))
    if date_from:  # the story lasts until at least date_from
        where.append('substr("end", 1, length(?)) >= substr(?, 1, length("end"))')
        params += [date_from, date_from]
    if date_to:
        where.append("substr(start, 1, length(?)) <= substr(?, 1, length(start))")
        params += [date_to, date_to]
    clause = " AND ".join(where) or "1"
    total = int(
        store.db.execute(f"SELECT count(*) FROM stories WHERE {clause}", params).fetchone()[0]
    )
    rows = store.db.execute(
        f"SELECT record FROM stories WHERE {clause} ORDER BY n_articles DESC, story_id "
        "LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return Page([Story(**json.loads(r[0])).record() for r in rows], total, limit, offset)


def story(store: Store, story_id: str) -> dict[str, Any] | None:
    r = store.db.execute("SELECT record FROM stories WHERE story_id = ?", (story_id,)).fetchone()
    return Story(**json.loads(r[0])).record() if r else None


def _claim(d: dict[str, Any]) -> Claim:
    spk = d.get("speaker")
    d["speaker"] = ActorRef(**spk) if spk else None
    d["contradicts"] = [Contradiction(**c) for c in d.get("contradicts", [])]
    return Claim(**d)


def claims(
    store: Store,
    *,
    article: str | None = None,
    event: str | None = None,
    polarity: str | None = None,
    speaker: str | None = None,
    contradicted: bool | None = None,
    q: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page:
    limit, offset = _limit(limit, offset)
    if polarity is not None and polarity not in POLARITIES:
        raise QueryError(f"polarity is one of {', '.join(POLARITIES)}")
    where: list[str] = []
    params: list[Any] = []
    if article:
        where.append("article_id = ?")
        params.append(article)
    if event:
        where.append("event_id = ?")
        params.append(event)
    if polarity:
        where.append("json_extract(record, '$.polarity') = ?")
        params.append(polarity)
    if speaker:
        code = speaker.upper()
        where.append(
            "(json_extract(record, '$.speaker.actor_id') = ? OR "
            "substr(json_extract(record, '$.speaker.code'), 1, ?) = ?)"
        )
        params += [speaker, len(code), code]
    if contradicted is not None:
        where.append(
            "json_array_length(record, '$.contradicts') " + ("> 0" if contradicted else "= 0")
        )
    if q:
        where.append("json_extract(record, '$.text') LIKE ? ESCAPE '\\'")
        params.append(like_pattern(q))
    clause = " AND ".join(where) or "1"
    total = int(
        store.db.execute(f"SELECT count(*) FROM claims WHERE {clause}", params).fetchone()[0]
    )
    rows = store.db.execute(
        f"SELECT record FROM claims WHERE {clause} ORDER BY article_id, claim_id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return Page([_claim(json.loads(r[0])).record() for r in rows], total, limit, offset)


def _dyad_row(r: sqlite3.Row) -> DyadRow:
    return DyadRow(
        r["a"],
        r["b"],
        r["period"],
        r["events"],
        r["goldstein_sum"],
        r["goldstein_mean"],
        {"1": r["q1"], "2": r["q2"], "3": r["q3"], "4": r["q4"]},
    )


def dyads(
    store: Store,
    *,
    a: str | None = None,
    b: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page:
    limit, offset = _limit(limit, offset)
    date_from, date_to = check_date(date_from, "date_from"), check_date(date_to, "date_to")
    where: list[str] = []
    params: list[Any] = []
    if a:
        where.append("a = ?")
        params.append(check_side(a, "a"))
    if b:
        where.append("b = ?")
        params.append(check_side(b, "b"))
    if date_from:
        where.append("period >= substr(?, 1, 7)")
        params.append(date_from)
    if date_to:
        where.append("period <= substr(?, 1, 7)")
        params.append(date_to)
    clause = " AND ".join(where) or "1"
    total = int(
        store.db.execute(f"SELECT count(*) FROM dyads WHERE {clause}", params).fetchone()[0]
    )
    rows = store.db.execute(
        f"SELECT * FROM dyads WHERE {clause} ORDER BY a, b, period LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return Page([_dyad_row(r).record() for r in rows], total, limit, offset)


@dataclass(slots=True)
class DyadTrend:
    """The monthly rows of both directions of a pair, side by side, and the pair's event count."""

    a: str
    b: str
    months: list[dict[str, Any]] = field(default_factory=list)
    events: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "events": self.events, "months": self.months}


def dyad_trend(store: Store, a: str, b: str) -> DyadTrend:
    """A pair's cooperation-conflict trend from the dyads stage's monthly rows.

    The rows are computed once per ingest (asserted facts only, a reciprocal event in both
    directions), so answering is one primary-key range per direction however many events the
    store holds; the event count is a count over the ``events_dyad`` index.
    """
    a, b = check_side(a, "a"), check_side(b, "b")
    trend = DyadTrend(a, b)
    by_period: dict[str, dict[str, Any]] = {}
    for r in store.db.execute(
        "SELECT * FROM dyads WHERE (a = ? AND b = ?) OR (a = ? AND b = ?) ORDER BY period",
        (a, b, b, a),
    ):
        slot = by_period.setdefault(
            r["period"], {"period": r["period"], "a_to_b": None, "b_to_a": None}
        )
        rec = _dyad_row(r).record()
        if r["a"] == a and r["b"] == b:
            slot["a_to_b"] = rec
        if r["a"] == b and r["b"] == a and a != b:
            slot["b_to_a"] = rec
    trend.months = [by_period[p] for p in sorted(by_period)]
    f = EventFilter(dyad=(a, b))
    where, params = _event_where(store, f)
    trend.events = _count_events(store, f, where, params)
    return trend


def top_pairs(store: Store, limit: int = 20) -> list[dict[str, Any]]:
    """The pairs with most monthly-counted events, each pair once (either direction)."""
    rows = store.db.execute(
        "SELECT min(a, b) AS x, max(a, b) AS y, sum(events) AS n, round(sum(goldstein_sum), 2) AS g, "
        "min(period) AS first, max(period) AS last FROM dyads WHERE a != b GROUP BY x, y "
        "ORDER BY n DESC, x, y LIMIT ?",
        (limit,),
    )
    return [dict(r) for r in rows]


# ---- search and overview -------------------------------------------------------------------------
SNIPPET_OPEN, SNIPPET_CLOSE = "\x02", "\x03"


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """A snippet split into (text, matched) parts, so a page escapes the text and marks the
    matches itself instead of trusting markup inside article text."""
    parts: list[tuple[str, bool]] = []
    for i, chunk in enumerate(re.split(f"[{SNIPPET_OPEN}{SNIPPET_CLOSE}]", snippet)):
        if chunk:
            parts.append((chunk, i % 2 == 1))
    return parts


def search_articles(store: Store, text: str, limit: int = 20) -> list[dict[str, Any]]:
    match = fts_query(text)
    if not match:
        return []
    rows = store.db.execute(
        "SELECT a.article_id, a.title, a.outlet, a.published, "
        f"snippet(articles_fts, 1, '{SNIPPET_OPEN}', '{SNIPPET_CLOSE}', '…', 16) AS snip "
        "FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid "
        "WHERE articles_fts MATCH ? ORDER BY rank, a.seq LIMIT ?",
        (match, limit),
    )
    return [{**dict(r), "snippet": snippet_parts(r["snip"])} for r in rows]


def outlets(store: Store) -> list[tuple[str, int]]:
    return [
        (r[0], int(r[1]))
        for r in store.db.execute(
            "SELECT outlet, count(*) FROM articles WHERE outlet IS NOT NULL GROUP BY outlet "
            "ORDER BY count(*) DESC, outlet"
        )
    ]


def summary(store: Store) -> dict[str, Any]:
    counts = {
        t: store.count(t) for t in ("articles", "events", "actors", "stories", "claims", "dyads")
    }
    unknown = int(store.db.execute("SELECT count(*) FROM actors WHERE known = 0").fetchone()[0])
    return {
        "counts": counts,
        "unknown_actors": unknown,
        "dirty": store.dirty,
        "updated_at": store.get_meta("corpus_updated_at"),
    }


# ---- timeline summaries (summary.py) ------------------------------------------------------------
def fts_article_ids(store: Store, text: str) -> list[str]:
    """Every article the full-text search finds (all words required), in store order; a summary
    reads all of them, so there is no page."""
    match = fts_query(text)
    if not match:
        return []
    rows = store.db.execute(
        "SELECT a.article_id FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid "
        "WHERE articles_fts MATCH ? ORDER BY a.seq",
        (match,),
    )
    return [r[0] for r in rows]


def article_texts(store: Store, ids: Sequence[str] | None = None) -> Iterable[sqlite3.Row]:
    """Texts with the facts a summary weighs them by (outlet, publication date and precision,
    copy group), streamed in store order: every article, or the given ones."""
    cols = "article_id, outlet, published, published_precision, dup_group, text"
    if ids is None:
        yield from store.db.execute(f"SELECT {cols} FROM articles ORDER BY seq")
        return
    for i in range(0, len(ids), 500):
        chunk = list(ids[i : i + 500])
        yield from store.db.execute(
            f"SELECT {cols} FROM articles WHERE article_id IN ({_in(chunk)}) ORDER BY seq", chunk
        )
