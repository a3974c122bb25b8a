"""The read service: what every face shows, as model objects, from one open store.

The command line (through ``api.py``), the web server (``server/``), the timeline and the
summary all read through here, so they can never disagree about what a filter selects or how
an event's reports are attached.  Each function takes an open ``Store`` (a request's one
read-only connection, or the CLI's) and returns dataclasses of ``model.py`` or pages of them;
JSON comes from their ``record()`` at the face that needs it.  Filters are
``store/filters.py``'s, built once by whichever face parses user input.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from storyline.model import Actor, Article, Claim, DyadRow, Event, Story
from storyline.store import Store
from storyline.store.filters import (
    ActorFilter,
    ArticleFilter,
    ClaimFilter,
    DyadFilter,
    EventFilter,
    Page,
    QueryError,
    StoryFilter,
    check_side,
    fts_query,
)

__all__ = [
    "ActorFilter",
    "ArticleFilter",
    "ClaimFilter",
    "CopyGroup",
    "DyadFilter",
    "DyadTrend",
    "EventFilter",
    "Page",
    "QueryError",
    "StoryFilter",
]


# ---- events ---------------------------------------------------------------------------------------
def events(store: Store, f: EventFilter, limit: int = 50, offset: int = 0) -> Page[Event]:
    """One page of the events a filter selects, by date (undated last), then event id."""
    return store.events.page(f, limit, offset)


def event(store: Store, event_id: str) -> Event | None:
    return store.events.get(event_id)


def events_matching(store: Store, f: EventFilter) -> list[Event]:
    """Every event a filter selects, with its reports (a timeline's events)."""
    return store.events.matching(f)


def events_reported_in(store: Store, text: str) -> list[Event]:
    """The events reported in the articles the full-text search finds (all words)."""
    if fts_query(text) is None:
        return []
    return store.events.matching(EventFilter(q=text))


def all_events(store: Store) -> Iterator[Event]:
    return store.events.iter()


def event_reports(store: Store, article_id: str) -> list[dict[str, Any]]:
    """The event reports coded from one article: its merged event and the sentence offsets."""
    out = []
    for event_id, report in store.events.reports_of_article(article_id):
        for m in report.mentions:
            if m.article_id == article_id:
                out.append(
                    {
                        "event_id": event_id,
                        "start": int(m.start),
                        "end": int(m.end),
                        "cameo": report.cameo,
                        "polarity": report.polarity,
                        "modality": report.modality,
                    }
                )
    out.sort(key=lambda x: (x["start"], x["end"]))
    return out


def contradictions(store: Store, event_ids: Iterable[str] | None = None) -> dict[str, list[str]]:
    """Events whose sources contradict each other (both sides marked), with the reasons."""
    return store.claims.contradictions(event_ids)


# ---- articles -------------------------------------------------------------------------------------
def articles(store: Store, f: ArticleFilter, limit: int = 50, offset: int = 0) -> Page[Article]:
    """One page of articles, by publication date (undated last), then ingest order."""
    return store.articles.page(f, limit, offset)


def article(store: Store, article_id: str) -> Article | None:
    return store.articles.get(article_id)


def article_titles(store: Store, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    return store.articles.titles(ids)


def search(store: Store, text: str, limit: int = 20) -> list[dict[str, Any]]:
    """Articles holding every word, best first, each with its snippet as (text, matched) parts."""
    return store.articles.search(text, limit)


def matching_article_ids(store: Store, text: str) -> list[str]:
    return store.articles.matching_ids(text)


def article_texts(store: Store, ids: Sequence[str] | None = None) -> Iterator[Any]:
    """Texts with outlet, publication date and precision and copy group, in store order."""
    return store.articles.texts_with_facts(ids)


def outlets(store: Store) -> list[tuple[str, int]]:
    return store.articles.outlets()


# ---- actors ---------------------------------------------------------------------------------------
def actors(store: Store, f: ActorFilter, limit: int = 50, offset: int = 0) -> Page[Actor]:
    """One page of actors, known first, then by id."""
    return store.actors.page(f, limit, offset)


def actor(store: Store, actor_id: str) -> Actor | None:
    return store.actors.get(actor_id)


def alias_counts(store: Store, actor_ids: Sequence[str]) -> dict[str, list[tuple[str, int]]]:
    return store.actors.alias_counts(actor_ids)


def mention_counts(store: Store, actor_ids: Sequence[str]) -> dict[str, tuple[int, int]]:
    return store.actors.mention_counts(actor_ids)


def articles_mentioning(store: Store, actor_id: str, limit: int = 20) -> list[dict[str, Any]]:
    return store.actors.seen_in(actor_id, limit)


def actor_listing(store: Store, unknown: bool = False) -> list[Any]:
    """The ``actors`` command's rows (``actors/listing.py``), most mentioned first."""
    from storyline.actors import listing

    return listing.rows(store, unknown=unknown)


# ---- stories, claims, dyads -----------------------------------------------------------------------
def stories(store: Store, f: StoryFilter, limit: int = 50, offset: int = 0) -> Page[Story]:
    """One page of stories, most articles first."""
    return store.stories.page(f, limit, offset)


def story(store: Store, story_id: str) -> Story | None:
    return store.stories.get(story_id)


def first_story(store: Store, prefix: str = "") -> Story | None:
    """The largest story whose id starts with ``prefix`` (the main story for "")."""
    return store.stories.first(prefix)


def claims(store: Store, f: ClaimFilter, limit: int = 50, offset: int = 0) -> Page[Claim]:
    """One page of claims, by article, then claim id."""
    return store.claims.page(f, limit, offset)


def dyads(store: Store, f: DyadFilter, limit: int = 50, offset: int = 0) -> Page[DyadRow]:
    """One page of monthly dyad rows, by pair, then month."""
    return store.dyads.page(f, limit, offset)


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
    for row in store.dyads.pair_rows(a, b):
        slot = by_period.setdefault(
            row.period, {"period": row.period, "a_to_b": None, "b_to_a": None}
        )
        if row.a == a and row.b == b:
            slot["a_to_b"] = row.record()
        if row.a == b and row.b == a and a != b:
            slot["b_to_a"] = row.record()
    trend.months = [by_period[p] for p in sorted(by_period)]
    trend.events = store.events.total(EventFilter(dyad=(a, b)))
    return trend


def top_pairs(store: Store, limit: int = 20) -> list[dict[str, Any]]:
    return store.dyads.top_pairs(limit)


# ---- the store at a glance ------------------------------------------------------------------------
def summary(store: Store) -> dict[str, Any]:
    """Counts, and whether corpus results are behind the last ingest."""
    counts = {
        t: store.count(t) for t in ("articles", "events", "actors", "stories", "claims", "dyads")
    }
    return {
        "counts": counts,
        "unknown_actors": store.actors.page(ActorFilter(known=False), 1, 0).total,
        "dirty": store.dirty,
        "updated_at": store.get_meta("corpus_updated_at"),
        "watch": watch_status(store),
    }


def watch_status(store: Store) -> dict[str, Any] | None:
    """What ``storyline watch`` has done in this store (None if it never ran here): each
    source's last poll, next poll (or retry, after a failure) and last error; items by state;
    the latest poll and the next one of all sources."""
    states = store.watch.sources()
    if not states:
        return None
    sources = [
        {
            "source": s.source,
            "kind": s.kind,
            "last_poll": s.last_poll,
            "next_poll": s.next_try if s.failures else s.next_poll,
            "failures": s.failures,
            "last_error": s.last_error,
            "items": s.items,
        }
        for s in states
    ]
    polls = [s["last_poll"] for s in sources if s["last_poll"]]
    nexts = [s["next_poll"] for s in sources if s["next_poll"]]
    return {
        "sources": sources,
        "items": store.watch.counts(),
        "last_poll": max(polls) if polls else None,
        "next_poll": min(nexts) if nexts else None,
    }


@cache
def country_label(code: str) -> str:
    """A country's name for a code (the code itself when the knowledge base has no entry)."""
    from storyline.actors.kb import load_kb

    entry = load_kb().entries.get(code)
    return entry.name if entry else code


# ---- copy groups (``storyline dups``) -------------------------------------------------------------
Passage = dict[str, int]


@dataclass(slots=True)
class CopyGroup:
    """One group of copies as stored: its members (canonical first) and their pairs."""

    group_id: str
    members: list[dict[str, object]]
    pairs: list[tuple[str, str, float, list[Passage]]]
    texts: dict[str, str]

    def record(self) -> dict[str, object]:
        return {
            "group_id": self.group_id,
            "articles": [
                {
                    **{k: v for k, v in m.items() if k != "text"},
                    "canonical": m["article_id"] == self.group_id,
                }
                for m in self.members
            ],
            "pairs": [
                {"a": a, "b": b, "similarity": s, "shared_passages": p} for a, b, s, p in self.pairs
            ],
        }


def duplicates(store: Store) -> list[CopyGroup]:
    """The store's copy groups, largest first, with their pairs, shared passages and texts."""
    out: dict[str, CopyGroup] = {}
    group_of: dict[str, str] = {}
    for row in store.duplicates.members():
        m = dict(row)
        g = str(m["dup_group"])
        group_of[str(m["article_id"])] = g
        grp = out.setdefault(g, CopyGroup(g, [], [], {}))
        grp.members.append(m)
        grp.texts[str(m["article_id"])] = str(m.get("text") or "")
    for a, b, sim, passages in store.duplicates.pairs():
        g = group_of.get(a)
        if g is not None and g in out:
            out[g].pairs.append((a, b, sim, passages))
    return sorted(out.values(), key=lambda g: (-len(g.members), g.group_id))
