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
from storyline.service_map import QUADS, MapData, MapPoint, places
from storyline.store import Store
from storyline.store.events import is_background
from storyline.store.filters import (
    SIDE_RE,
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
    "QUADS",
    "ActorFilter",
    "ArticleFilter",
    "ClaimFilter",
    "CopyGroup",
    "Dispute",
    "DyadFilter",
    "DyadTrend",
    "EventFilter",
    "MapData",
    "MapPoint",
    "Page",
    "QueryError",
    "SearchResult",
    "StoryFilter",
    "StoryOutlets",
    "places",
]


# ---- events ---------------------------------------------------------------------------------------
def events(
    store: Store, f: EventFilter, limit: int = 50, offset: int = 0, sort: str | None = None
) -> Page[Event]:
    """One page of the events a filter selects, by date (undated last), then event id; or
    ``sort="newest"`` or ``"reported"`` (most reported first)."""
    return store.events.page(f, limit, offset, sort)


def event_count(store: Store, f: EventFilter) -> int:
    """How many events a filter selects: the one count every page shows for a story, a pair
    or an actor (``Page.total`` of the same filter)."""
    return store.events.total(f)


def event_story(store: Store, event_id: str) -> Story | None:
    """The one story an event belongs to (``corpus.stories.event_story``)."""
    sid = store.events.story_id(event_id)
    return store.stories.get(sid) if sid else None


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


def contradictions_of(store: Store, event_ids: Sequence[str]) -> dict[str, list[str]]:
    """``contradictions`` of a page of events: only their claims are read."""
    return store.claims.contradictions_of(event_ids)


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


def actors_named_in(store: Store, article_id: str) -> list[dict[str, Any]]:
    return store.actors.named_in(article_id)


def articles_mentioning(store: Store, actor_id: str, limit: int = 20) -> list[dict[str, Any]]:
    return store.actors.seen_in(actor_id, limit)


def actor_listing(store: Store, unknown: bool = False) -> list[Any]:
    """The ``actors`` command's rows (``actors/listing.py``), most mentioned first."""
    from storyline.actors import listing

    return listing.rows(store, unknown=unknown)


# ---- stories, claims, dyads -----------------------------------------------------------------------
def stories(
    store: Store, f: StoryFilter, limit: int = 50, offset: int = 0, sort: str | None = None
) -> Page[Story]:
    """One page of stories, most articles first; or by ``sort``: ``latest`` (latest report),
    ``conflict`` (share of conflict events), ``events``."""
    return store.stories.page(f, limit, offset, sort)


def story_list(
    store: Store, f: StoryFilter, limit: int = 50, offset: int = 0, sort: str | None = None
) -> Page[dict[str, Any]]:
    """``stories`` as a list shows them: each story's counts (``n_articles``, ``n_events``,
    ``n_background``, the lengths of its record's lists), span, kind, sides, conflict share."""
    return store.stories.summaries(f, limit, offset, sort)


def story_titles(store: Store, ids: Iterable[str]) -> dict[str, str]:
    return store.stories.titles(ids)


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
    """The pairs of two different countries with most events, each with ``events`` (every
    event between the two sides in either direction: the count the pair's page and
    ``/api/events?dyad=`` give) and its monthly rows' span and Goldstein sum (``first``,
    ``last``, ``g``; asserted facts)."""
    counts = pair_counts(store)
    ranked = sorted(
        (
            (x, y, n)
            for (x, y), n in counts.items()
            if x != y and SIDE_RE.match(x) and SIDE_RE.match(y)
        ),
        key=lambda t: (-t[2], t[0], t[1]),
    )[:limit]
    out = []
    for x, y, n in ranked:
        span = store.dyads.pair_span(x, y)
        out.append({"x": x, "y": y, "events": n, **span})
    return out


_PAIR_COUNTS: dict[tuple[Any, ...], dict[tuple[str, str], int]] = {}


def pair_counts(store: Store) -> dict[tuple[str, str], int]:
    """Events per pair of sides, computed once per state of the store: one pass over an index
    of every event (0.3 s for a million), kept until a corpus update changes the events."""
    key = store.events.generation()
    found = _PAIR_COUNTS.get(key)
    if found is None:
        found = store.events.pair_counts()
        _PAIR_COUNTS.clear()  # one store state at a time is enough for a server
        _PAIR_COUNTS[key] = found
    return found


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


# ---- search ---------------------------------------------------------------------------------------
@dataclass(slots=True)
class SearchResult:
    """What a search finds: articles (holding every word, or naming a matching actor under any
    spelling), the events reported in them or with such an actor as a side, and the actors."""

    q: str
    articles: Page[dict[str, Any]]
    events: Page[Event]
    actors: list[Actor]
    spelled: list[str]  # ids of the actors whose spellings widened the search

    def as_dict(self) -> dict[str, Any]:
        arts = [
            {**{k: v for k, v in a.items() if k != "snippet"}, "snippet": _plain(a["snippet"])}
            for a in self.articles.items
        ]
        page = self.articles.as_dict(lambda a: a)
        page.pop("items")
        return {
            "q": self.q,
            "articles": arts,
            "articles_page": page,
            "events": self.events.as_dict(),
            "actors": [a.record() for a in self.actors],
        }


def _plain(parts: list[tuple[str, bool]]) -> str:
    return "".join(t for t, _ in parts)


def search_all(
    store: Store, q: str, limit: int = 20, offset: int = 0, events_offset: int = 0
) -> SearchResult:
    """Search as the search page and ``/api/search`` do: one definition of what a query finds.

    An empty query is refused (``QueryError``): it would otherwise find everything or nothing
    depending on the face.  Articles naming an actor whose name or spelling holds the query as
    whole words are found too, so "Miqdad" and "Mekdad" find the same articles."""
    if not q or not q.strip():
        raise QueryError("q: give at least one word to search for")
    spelled = store.actors.spelled(q)
    arts = store.articles.search_page(q, spelled, limit, offset)
    evs = store.events.page(EventFilter(q=q, q_actors=tuple(spelled) or None), limit, events_offset)
    found = store.actors.page(ActorFilter(q=q), 50, 0).items
    have = {a.actor_id for a in found}
    extra = [a for i in spelled if i not in have and (a := store.actors.get(i)) is not None]
    return SearchResult(q, arts, evs, found + extra, spelled)


# ---- the map --------------------------------------------------------------------------------------
# ---- outlets side by side -------------------------------------------------------------------------
NO_OUTLET = "outlet not stated"


@dataclass(slots=True)
class OutletRow:
    event: Event
    first: dict[str, str | None]  # outlet -> the earliest date it reported the event
    earliest: list[str]  # the outlets that reported it first
    background: bool


@dataclass(slots=True)
class StoryOutlets:
    """For one story: which outlets reported which of its events, who was first, what only
    one outlet carried, and where outlets contradict each other.  The tallies cover every
    event of the story; ``rows`` are one page of its events."""

    outlets: list[tuple[str, int, int]]  # (outlet, events reported, events reported first)
    rows: Page[OutletRow]
    only_one: dict[str, tuple[int, list[Event]]]  # outlet -> (events only it carried, up to 20)
    disputes: list[dict[str, Any]]  # claims of different outlets that contradict each other


def _firsts(reports: Iterable[tuple[str | None, str | None]]) -> dict[str, str | None]:
    """Outlet -> the earliest date it reported an event (reports without an outlet together)."""
    first: dict[str, str | None] = {}
    for outlet, d in reports:
        o = outlet or NO_OUTLET
        if o not in first or (d is not None and (first[o] is None or d < str(first[o]))):
            first[o] = d
    return first


def _earliest(first: dict[str, str | None]) -> list[str]:
    dated = [d for d in first.values() if d]
    top = min(dated) if dated else None
    return sorted(o for o, d in first.items() if top and d and d[:10] == top[:10])


def story_outlets(store: Store, story_id: str, limit: int = 50, offset: int = 0) -> StoryOutlets:
    """Tallies from one read of the story's reports (event, outlet, date), whatever the size
    of the story; the table shows a page of its events."""
    by_event: dict[str, list[tuple[str | None, str | None]]] = {}
    for event_id, outlet, published in store.events.story_reports(story_id):
        by_event.setdefault(event_id, []).append((outlet, published))
    tally: dict[str, list[int]] = {}
    only: dict[str, tuple[int, list[str]]] = {}
    for event_id, reports in by_event.items():
        first = _firsts(reports)
        earliest = _earliest(first)
        for o in first:
            t = tally.setdefault(o, [0, 0])
            t[0] += 1
            t[1] += o in earliest
        if len(first) == 1 and NO_OUTLET not in first:
            (o,) = first
            n, ids = only.get(o, (0, []))
            only[o] = (n + 1, [*ids, event_id] if len(ids) < 20 else ids)
    outlets = sorted(
        ((o, t[0], t[1]) for o, t in tally.items()), key=lambda x: (x[0] == NO_OUTLET, -x[1], x[0])
    )
    page = store.events.page(EventFilter(story=story_id), limit, offset)
    rows = []
    for ev in page.items:
        first = _firsts((m.outlet, m.published) for m in ev.mentions)
        rows.append(OutletRow(ev, first, _earliest(first), is_background(ev)))
    named = store.events.by_ids([i for _n, ids in only.values() for i in ids], mentions=False)
    return StoryOutlets(
        outlets,
        Page(rows, page.total, page.limit, page.offset),
        {o: (n, [named[i] for i in ids if i in named]) for o, (n, ids) in only.items()},
        story_disputes(store, story_id),
    )


def story_outlet_tally(store: Store, story_id: str) -> list[tuple[str, int, int]]:
    return story_outlets(store, story_id, 1, 0).outlets


def story_disputes(store: Store, story_id: str) -> list[dict[str, Any]]:
    """Contradicting claims about a story's events, each pair once, with both outlets."""
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, ...]] = set()
    claims = store.claims.disputed_in_story(story_id)
    others = store.claims.by_ids(x.claim_id for c in claims for x in c.contradicts)
    for c in claims:
        for x in c.contradicts:
            o = others.get(x.claim_id)
            key = tuple(sorted((c.claim_id, x.claim_id)))
            if o is None or key in seen:
                continue
            seen.add(key)
            out.append({"a": c, "b": o, "reason": x.reason})
    return out


# ---- contradictions -------------------------------------------------------------------------------
@dataclass(slots=True)
class Dispute:
    """A claim in dispute and the claims it contradicts (both sides cited)."""

    claim: Claim
    against: list[tuple[Claim, str]]  # (the other claim, the one-line reason)


def disputes(store: Store, f: ClaimFilter, limit: int = 50, offset: int = 0) -> Page[Dispute]:
    """Every claim in dispute (``contradicted``), a page at a time, with the other side of each
    contradiction read back so both can be cited and linked."""
    f.contradicted = True
    page = store.claims.page(f, limit, offset)
    others = store.claims.by_ids(x.claim_id for c in page.items for x in c.contradicts)
    items = [
        Dispute(c, [(others[x.claim_id], x.reason) for x in c.contradicts if x.claim_id in others])
        for c in page.items
    ]
    return Page(items, page.total, page.limit, page.offset)


# ---- names, not ids -------------------------------------------------------------------------------
def article_label(
    title: str | None, text: str | None, outlet: str | None, published: str | None
) -> str:
    """What names an article on every page: its headline, else its first sentence (cut at 100
    characters), else its outlet and date; never an id or a file path."""
    if title and title.strip():
        return title.strip()
    lede = (text or "").strip()
    if lede:
        first = lede.split("\n", 1)[0]
        for stop in (". ", "? ", "! "):
            if stop in first:
                first = first.split(stop, 1)[0] + stop.strip()
                break
        return first if len(first) <= 100 else first[:99].rsplit(" ", 1)[0] + "…"
    return f"{outlet or 'Unknown outlet'}, {published or 'undated'}"
