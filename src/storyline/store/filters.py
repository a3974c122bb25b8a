"""Filters over the store's records, built and checked in one place, and the pages they give.

Every face narrows records the same way: the HTTP API and the web UI from query parameters, the
timeline and the summary from their selectors.  A filter is a plain dataclass; ``validate``
refuses values that cannot mean anything (a malformed date, an unknown polarity) with a
``QueryError``, and the ``*_where`` functions turn it into a ``WHERE`` clause with bound
parameters.  All user values reach SQLite as parameters; text search goes through ``fts_query``,
which quotes every word, so no filter can change a query's structure.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from storyline.store.db import Database
from storyline.store.values import (
    CODE_RE,
    MAX_LIMIT,
    SIDE_RE,
    QueryError,
    _actor_clause,
    _range_end,
    actor_matches,
    check_bbox,
    check_date,
    check_order,
    check_page,
    check_range,
    check_side,
    date_overlap,
    fts_query,
    is_empty,
    like_pattern,
    placeholders,
)

POLARITIES = ("asserted", "negated")
MODALITIES = ("fact", "intent", "demand", "hypothetical")
EVENT_ORDER = "date IS NULL, date, event_id"  # the export's order
# The orders an events list can be read in: the export's, newest first, most reported first.
EVENT_ORDERS = {
    "date": EVENT_ORDER,
    "newest": "date IS NULL, date DESC, event_id DESC",
    "reported": "num_articles DESC, event_id",
}
PRECISIONS = ("day", "month", "year", "published", "unknown")
STORY_ORDERS = {
    "size": "n_articles DESC, story_id",
    "latest": '"end" IS NULL, "end" DESC, story_id',
    "conflict": "json_extract(record, '$.conflict_share') DESC, n_articles DESC, story_id",
    "events": "n_events DESC, story_id",
}
ARTICLE_ORDER = "published IS NULL, published, seq"

# The checks live in values.py; every face imports them from here, with the filters.
__all__ = [
    "ARTICLE_ORDER",
    "EVENT_ORDER",
    "EVENT_ORDERS",
    "MAX_LIMIT",
    "MODALITIES",
    "POLARITIES",
    "PRECISIONS",
    "SIDE_RE",
    "STORY_ORDERS",
    "ActorFilter",
    "ArticleFilter",
    "ClaimFilter",
    "DyadFilter",
    "EventFilter",
    "Page",
    "QueryError",
    "StoryFilter",
    "actor_where",
    "article_where",
    "by_source",
    "check_bbox",
    "check_date",
    "check_order",
    "check_page",
    "check_side",
    "claim_where",
    "date_overlap",
    "dyad_pairs",
    "dyad_where",
    "event_where",
    "fts_query",
    "is_empty",
    "like_pattern",
    "placeholders",
    "story_where",
]

T = TypeVar("T")


@dataclass(slots=True)
class Page(Generic[T]):
    """One page of records in a stable order, and how many there are in all."""

    items: list[T]
    total: int
    limit: int
    offset: int

    @property
    def next_offset(self) -> int | None:
        more = self.offset + len(self.items) < self.total
        return self.offset + len(self.items) if more else None

    def as_dict(self, record: Callable[[T], Any] | None = None) -> dict[str, Any]:
        """The JSON shape of a page; items as their records (``record()`` by default)."""
        conv = record or _record
        return {
            "total": self.total,
            "limit": self.limit,
            "offset": self.offset,
            "next_offset": self.next_offset,
            "items": [conv(x) for x in self.items],
        }


def _record(item: Any) -> Any:
    return item.record() if hasattr(item, "record") else item


# ---- events ---------------------------------------------------------------------------------------
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
    # Events that took place in one of these countries (a story's context; not an API filter).
    place: tuple[str, ...] | None = None
    precision: str | None = None  # day, month, year, published, unknown
    background: bool | None = None  # only events every report recounts as history (or none)
    bbox: tuple[float, float, float, float] | None = None  # south, west, north, east
    # Search: an event also matches ``q`` when one of these actors is a side of it.
    q_actors: tuple[str, ...] | None = None

    def validate(self) -> EventFilter:
        self.date_from = check_date(self.date_from, "date_from")
        self.date_to = check_date(self.date_to, "date_to")
        check_range(self.date_from, self.date_to)
        if self.precision is not None and self.precision not in PRECISIONS:
            raise QueryError(f"precision is one of {', '.join(PRECISIONS)}")
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


def dyad_pairs(db: Database, a: str, b: str) -> list[tuple[str, str]]:
    """The exact (source_code, target_code) pairs stored between sides ``a`` and ``b``.

    Found by skipping through the ``events_dyad`` index (one seek per distinct code), so a
    dyad filter becomes equality lookups on that index instead of a scan of every event.
    """
    memo: dict[tuple[str, str], list[tuple[str, str]]] | None = getattr(db, "dyad_memo", None)
    if memo is not None and (a, b) in memo:
        return memo[(a, b)]
    pairs: list[tuple[str, str]] = []
    for src, tgt in ((a, b), (b, a)) if a != b else ((a, b),):
        sources: list[str] = []
        code = db.one(
            "SELECT min(source_code) FROM events WHERE source_code >= ? AND source_code < ?",
            [src, _range_end(src)],
        )
        while code is not None:
            sources.append(code)
            code = db.one(
                "SELECT min(source_code) FROM events WHERE source_code > ? AND source_code < ?",
                [code, _range_end(src)],
            )
        for sc in sources:
            code = db.one(
                "SELECT min(target_code) FROM events WHERE source_code = ? AND target_code >= ? "
                "AND target_code < ?",
                [sc, tgt, _range_end(tgt)],
            )
            while code is not None:
                pairs.append((sc, code))
                code = db.one(
                    "SELECT min(target_code) FROM events WHERE source_code = ? AND target_code > ? "
                    "AND target_code < ?",
                    [sc, code, _range_end(tgt)],
                )
    if memo is not None:  # one request's: what it reads is one state of the store
        memo[(a, b)] = pairs
    return pairs


def by_source(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for sc, tc in pairs:
        out.setdefault(sc, []).append(tc)
    return out


def event_where(db: Database, f: EventFilter) -> tuple[str, list[Any]]:
    """The WHERE clause (over ``events``) of a validated event filter; "0" when nothing can
    match."""
    where: list[str] = []
    params: list[Any] = []
    if f.dyad is not None:
        pairs = dyad_pairs(db, *f.dyad)
        if not pairs:
            return "0", []
        terms = []
        for sc, tcs in by_source(pairs).items():
            terms.append(f"(source_code = ? AND target_code IN ({placeholders(tcs)}))")
            params += [sc, *tcs]
        where.append("(" + " OR ".join(terms) + ")")
    if f.actor:
        clause, p = _actor_clause(
            db, f.actor, ("source_id", "target_id"), ("source_code", "target_code")
        )
        where.append(clause)
        params += p
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
        ("date_precision", f.precision),
    ):
        if value is not None and value != "":
            where.append(f"{column} = ?")
            params.append(value)
    if f.date_from or f.date_to:
        clause, p = date_overlap("date", f.date_from, f.date_to)
        where.append(clause)
        params += p
    if f.undated is not None:
        where.append("date IS NULL" if f.undated else "date IS NOT NULL")
    if f.background is not None:
        where.append("background = ?")
        params.append(int(f.background))
    if f.bbox is not None:
        south, west, north, east = f.bbox
        where.append("lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?")
        params += [south, north, west, east]
    if f.place:
        where.append(f"json_extract(record, '$.location.country') IN ({placeholders(f.place)})")
        params += list(f.place)
    if f.outlet:
        where.append(
            "event_id IN (SELECT m.event_id FROM event_mentions m JOIN articles a "
            "ON a.article_id = m.article_id WHERE a.outlet = ? COLLATE NOCASE)"
        )
        params.append(f.outlet)
    if f.article:
        where.append("event_id IN (SELECT event_id FROM event_mentions WHERE article_id = ?)")
        params.append(f.article)
    match = fts_query(f.q)
    if f.q is not None and f.q.strip() and match is None and not f.q_actors:
        return "0", []
    if match or f.q_actors:
        terms = []
        if match:
            terms.append(
                "event_id IN (SELECT m.event_id FROM event_mentions m JOIN articles a "
                "ON a.article_id = m.article_id WHERE a.seq IN "
                "(SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?))"
            )
            params.append(match)
        if f.q_actors:
            ph = placeholders(f.q_actors)
            terms.append(f"source_id IN ({ph}) OR target_id IN ({ph})")
            params += [*f.q_actors, *f.q_actors]
        where.append("(" + " OR ".join(terms) + ")")
    return " AND ".join(where) or "1", params


# ---- articles -------------------------------------------------------------------------------------
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
    # Search: an article also matches ``q`` when it names one of these actors, under any
    # spelling ("Miqdad" finds the articles that write "Mekdad").
    q_actors: tuple[str, ...] | None = None

    def validate(self) -> ArticleFilter:
        self.date_from = check_date(self.date_from, "date_from")
        self.date_to = check_date(self.date_to, "date_to")
        check_range(self.date_from, self.date_to)
        return self


def article_where(f: ArticleFilter, db: Database | None = None) -> tuple[str, list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if f.outlet:
        where.append("outlet = ? COLLATE NOCASE")
        params.append(f.outlet)
    for column, value in (
        ("story_id", f.story),
        ("language", f.language),
        ("published_how", f.published_how),
    ):
        if value:
            where.append(f"{column} = ?")
            params.append(value)
    if f.actor:
        if db is None:
            ids, codes = [f.actor], [f.actor.upper()]
        else:
            ids, countries = actor_matches(db, f.actor)
            codes = sorted({f.actor.upper(), *countries}) if CODE_RE.match(f.actor) else countries
        terms = [f"actor_id IN ({placeholders(ids)})"] if ids else []
        terms += ["substr(code, 1, ?) = ?"] * len(codes)
        where.append(
            "article_id IN (SELECT article_id FROM actor_mentions WHERE place_only = 0 AND "
            f"({' OR '.join(terms or ['0'])}))"
        )
        params += ids
        for code in codes:
            params += [len(code), code]
    if f.date_from or f.date_to:
        clause, p = date_overlap("published", f.date_from, f.date_to)
        where.append(clause)
        params += p
    if f.undated is not None:
        where.append("published IS NULL" if f.undated else "published IS NOT NULL")
    match = fts_query(f.q)
    if f.q is not None and f.q.strip() and match is None and not f.q_actors:
        return "0", []
    if match or f.q_actors:
        terms = []
        if match:
            terms.append("seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
            params.append(match)
        if f.q_actors:
            terms.append(
                "article_id IN (SELECT article_id FROM actor_mentions WHERE place_only = 0 "
                f"AND actor_id IN ({placeholders(f.q_actors)}))"
            )
            params += list(f.q_actors)
        where.append("(" + " OR ".join(terms) + ")")
    return " AND ".join(where) or "1", params


# ---- actors ---------------------------------------------------------------------------------------
@dataclass(slots=True)
class ActorFilter:
    q: str | None = None  # a substring of the name or of any spelling seen
    code: str | None = None  # code prefix
    kind: str | None = None
    known: bool | None = None


def actor_where(f: ActorFilter) -> tuple[str, list[Any]]:
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


# ---- stories, claims, dyads -----------------------------------------------------------------------
@dataclass(slots=True)
class StoryFilter:
    actor: str | None = None  # one of the story's main sides
    q: str | None = None  # part of the title
    article: str | None = None
    date_from: str | None = None
    date_to: str | None = None


def story_where(f: StoryFilter, db: Database | None = None) -> tuple[str, list[Any]]:
    date_from, date_to = check_date(f.date_from, "date_from"), check_date(f.date_to, "date_to")
    check_range(date_from, date_to)
    where: list[str] = []
    params: list[Any] = []
    if f.actor:
        sides = {f.actor.upper()}
        if db is not None:  # a country's name stands for its side ("Syria" -> SYR)
            sides |= set(actor_matches(db, f.actor)[1])
        where.append(
            "EXISTS (SELECT 1 FROM json_each(stories.record, '$.actors') "
            f"WHERE value IN ({placeholders(sorted(sides))}))"
        )
        params += sorted(sides)
    if f.article:
        where.append(
            "EXISTS (SELECT 1 FROM json_each(stories.record, '$.article_ids') WHERE value = ?)"
        )
        params.append(f.article)
    if f.q:
        where.append("title LIKE ? ESCAPE '\\'")
        params.append(like_pattern(f.q))
    if date_from:  # the story lasts until at least date_from
        where.append('substr("end", 1, length(?)) >= substr(?, 1, length("end"))')
        params += [date_from, date_from]
    if date_to:
        where.append("substr(start, 1, length(?)) <= substr(?, 1, length(start))")
        params += [date_to, date_to]
    return " AND ".join(where) or "1", params


@dataclass(slots=True)
class ClaimFilter:
    article: str | None = None
    event: str | None = None
    polarity: str | None = None
    speaker: str | None = None  # speaker id or code prefix
    contradicted: bool | None = None
    q: str | None = None  # part of the claim's text


def claim_where(f: ClaimFilter, db: Database | None = None) -> tuple[str, list[Any]]:
    if f.polarity is not None and f.polarity not in POLARITIES:
        raise QueryError(f"polarity is one of {', '.join(POLARITIES)}")
    where: list[str] = []
    params: list[Any] = []
    if f.article:
        where.append("article_id = ?")
        params.append(f.article)
    if f.event:
        where.append("event_id = ?")
        params.append(f.event)
    if f.polarity:
        where.append("json_extract(record, '$.polarity') = ?")
        params.append(f.polarity)
    if f.speaker:
        if db is None:
            ids, codes = [f.speaker], [f.speaker.upper()]
        else:
            ids, countries = actor_matches(db, f.speaker)
            ids = sorted({f.speaker, *ids})
            codes = (
                sorted({f.speaker.upper(), *countries}) if CODE_RE.match(f.speaker) else countries
            )
        terms = [f"json_extract(record, '$.speaker.actor_id') IN ({placeholders(ids)})"]
        terms += ["substr(json_extract(record, '$.speaker.code'), 1, ?) = ?"] * len(codes)
        where.append("(" + " OR ".join(terms) + ")")
        params += ids
        for code in codes:
            params += [len(code), code]
    if f.contradicted is not None:
        where.append(
            "json_array_length(record, '$.contradicts') " + ("> 0" if f.contradicted else "= 0")
        )
    if f.q:
        where.append("json_extract(record, '$.text') LIKE ? ESCAPE '\\'")
        params.append(like_pattern(f.q))
    return " AND ".join(where) or "1", params


@dataclass(slots=True)
class DyadFilter:
    a: str | None = None  # source side
    b: str | None = None  # target side
    date_from: str | None = None
    date_to: str | None = None


def dyad_where(f: DyadFilter) -> tuple[str, list[Any]]:
    date_from, date_to = check_date(f.date_from, "date_from"), check_date(f.date_to, "date_to")
    check_range(date_from, date_to)
    where: list[str] = []
    params: list[Any] = []
    if f.a:
        where.append("a = ?")
        params.append(check_side(f.a, "a"))
    if f.b:
        where.append("b = ?")
        params.append(check_side(f.b, "b"))
    if date_from:
        where.append("period >= substr(?, 1, 7)")
        params.append(date_from)
    if date_to:
        where.append("period <= substr(?, 1, 7)")
        params.append(date_to)
    return " AND ".join(where) or "1", params
