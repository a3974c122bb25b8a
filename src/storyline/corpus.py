"""The corpus update: duplicates, merged events, claims, stories and dyads, brought up to date
with what the per-article stages stored, in one transaction.

Each corpus stage is partitioned by a key that decides which stored rows it reads:

- merge: the ``merge.merge_key`` of each event report (keys never interact);
- claims: the sides of an event (a denial is only set against reports with the same sides);
- figures: the quantity a figure counts (``figures.partition_key``);
- stories: an article's main country pair, which depends on the article alone (and its
  canonical copy);
- dyads: the (a, b, month) row.

An update finds the partitions the new articles touch (their reports, copy groups that changed,
actors that discovery merged, dates copies inherited), deletes what those partitions produced
and recomputes them from the store, one partition at a time.  A full recompute is the same code
with every partition touched, so "incremental = full" holds by construction and is tested; and
since only one partition is in memory at a time, memory does not grow with the store.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from storyline import claims, dedup, dyads, figures, merge, stories
from storyline.actors import discovery
from storyline.model import Event
from storyline.pipeline import Context
from storyline.store.sqlite import Store, event_from_record

# Bumped when a partition key or what a partition holds changes: a store updated under another
# scheme (or before there were keys) gets one full recompute.
SCHEME = "4"


def _country_of(ctx: Context) -> Callable[[str], str | None]:
    """A code's country (ISO) from the knowledge base: SYRGOV -> SYR, IGOUNO -> None."""
    kb = ctx.kb

    def country(code: str) -> str | None:
        entry = kb.entries.get(code[:3])
        return entry.country if entry is not None and entry.kind == "country" else None

    return country


@dataclass
class UpdateReport:
    """What an update recomputed (for progress messages and the benchmarks)."""

    full: bool = False
    new_articles: int = 0
    merge_keys: int = 0
    events_removed: int = 0
    events_written: int = 0
    claim_partitions: int = 0
    figure_partitions: int = 0
    stories: int = 0
    dyad_rows: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


def key_string(ev: Event) -> str:
    return "|".join(merge.merge_key(ev))


def dyad_of(ev: Event) -> str | None:
    a = dyads.side(ev.source.code if ev.source else None)
    b = dyads.side(ev.target.code if ev.target else None)
    return f"{a}|{b}" if a and b else None


# (merge key, its reports with their copy groups set, their outlets, their shared passages)
MergeGroup = tuple[str, list[Event], Mapping[str, str | None], merge.SharedPassages | None]
# Merges many keys at once: {key: merged events}.  In this process by default; the Ray engine
# hands over a groupby that runs them on the cluster.
MergeGroups = Callable[[list[MergeGroup]], dict[str, list[Event]]]
MERGE_CHUNK = 4096  # keys read, merged (in one groupby on Ray) and written together


def merge_here(groups: list[MergeGroup]) -> dict[str, list[Event]]:
    return {key: merge.merge_group(evs, outlets, shared) for key, evs, outlets, shared in groups}


def update(
    store: Store,
    ctx: Context | None = None,
    full: bool = False,
    merge_groups: MergeGroups = merge_here,
) -> UpdateReport:
    """Bring every corpus-level result up to date; ``full`` recomputes every partition.

    ``merge_groups``: what merges a chunk of merge keys (in this process by default; the Ray
    engine passes its groupby).
    """
    ctx = ctx or Context()
    # A store whose corpus results were made under another scheme is recomputed once; a store
    # never updated before has nothing to recompute.
    stale = store.get_meta("corpus_scheme") != SCHEME and store.get_meta("corpus_updated_at")
    report = UpdateReport(full=full or bool(stale))
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        report.seconds[name] = round(now - clock, 3)
        clock = now

    if store.get_meta("lsh_params") != dedup.LSH_PARAMS:
        store.rebuild_lsh_keys(_stored_key_rows(store), dedup.LSH_PARAMS)
    with store.transaction():
        new_ids, paired = _sign_new(store)
        report.new_articles = len(new_ids)
        group_changed, redated = _regroup(store, store.paired_articles() if report.full else paired)
        lap("duplicates")
        # Provisional actors merged across documents: their reports change merge keys.
        mapping = discovery.plan(discovery.candidates_from(*store.discovery_rows()))
        moved = store.mentions_naming(sorted(mapping)) if mapping else []
        keys: set[str] = {row[2] for row in _keyed(moved)}  # their keys before the merge
        store.merge_actors(mapping)
        store.set_actor_fields(
            discovery.canonical_rows(store.provisional_observations(), _country_of(ctx))
        )
        store.set_merge_keys((None, m) for m, _a, _r in moved)  # keyed again below
        keys |= _key_new_mentions(store)
        lap("actors and keys")
        if report.full:
            store.clear_corpus_results()
            keys = store.merge_keys()
            touched: Iterable[list[str]] = store.article_ids()
        else:
            keys |= store.merge_keys(group_changed)
            touched = _chunked(new_ids | group_changed | redated)
        report.merge_keys = len(keys)
        speaker_of = _speaker_lookup(store)
        cells, sides, negated, new_events = _merge(store, keys, speaker_of, report, merge_groups)
        lap("merge")
        _claims(store, sides, negated, speaker_of, report)
        lap("claims")
        figure_articles: Iterable[list[str]] = (
            store.article_ids() if report.full else _chunked(new_ids | redated)
        )
        _figures(store, ctx, figure_articles, report)
        lap("figures")
        _stories(store, ctx, touched, keys, new_events, report)
        lap("stories")
        for cell in sorted(cells):
            rows = [r for r in dyads.run(store.cell_events(*cell)) if (r.a, r.b, r.period) == cell]
            store.write_dyad(cell, rows[0] if rows else None)
        report.dyad_rows = len(cells)
        lap("dyads")
        store.finish_corpus_update(SCHEME)
    return report


def update_duplicates(store: Store, meta: dict[str, dict[str, Any]]) -> dedup.Result:
    """The duplicates stage alone, its results returned rather than written (the dedup tests
    and benchmark write them with ``Store.write_duplicates``): sign and look up the unsigned
    articles against the store's band index, then regroup with ``meta`` (the members' facts).
    A store whose keys were made with other LSH parameters (or before there were keys) has them
    rebuilt from its stored signatures first, once.
    """
    if store.get_meta("lsh_params") != dedup.LSH_PARAMS:
        store.rebuild_lsh_keys(_stored_key_rows(store), dedup.LSH_PARAMS)
    unsigned = ((r["article_id"], r["text"]) for r in store.articles_without_signatures())
    return dedup.run(unsigned, dedup.Index(backing=store), store.near_duplicate_pairs(), meta)


SIGN_CHUNK = 500


def _sign_new(store: Store) -> tuple[set[str], set[str]]:
    """Sign and look up the unsigned articles a chunk at a time, each chunk written before the
    next is looked up (inside the update's transaction), so memory holds one chunk's signatures
    however many articles arrived.  Returns the new articles and those in a new pair."""
    new_ids: set[str] = set()
    paired: set[str] = set()
    while rows := store.unsigned_articles(SIGN_CHUNK):
        res = dedup.run(
            ((r["article_id"], r["text"]) for r in rows), dedup.Index(backing=store), [], {}
        )
        store.write_duplicate_rows(
            res.paragraph_rows, res.document_rows, res.new_pairs, res.key_rows
        )
        new_ids.update(r["article_id"] for r in rows)
        paired.update(x for a, b, _s, _p in res.new_pairs for x in (a, b))
    return new_ids, paired


def _regroup(store: Store, seeds: set[str]) -> tuple[set[str], set[str]]:
    """Regroup the copy groups of these articles (whole components, found through the stored
    pairs), a few thousand articles at a time so only their facts are in memory; only the
    groups a new pair joins can change.  Returns the articles whose group changed and those
    that took a date from their group."""
    changed: set[str] = set()
    redated: set[str] = set()
    done: set[str] = set()
    for chunk in _chunked(seeds):
        members = store.copy_components(a for a in chunk if a not in done)
        if not members:
            continue
        done |= members
        meta = store.article_meta(sorted(members))
        group_of = dedup.groups(store.pairs_among(members), meta)
        old = store.groups_of(members)
        moved = {a for a in old.keys() | group_of.keys() if old.get(a) != group_of.get(a)}
        store.set_groups({a: group_of.get(a) for a in moved})
        redated |= store.set_duplicate_dates(dedup.group_dates(group_of, meta))
        changed |= moved
    return changed, redated


def _key_new_mentions(store: Store) -> set[str]:
    """Give every report without a merge key its key (new ones, or ones whose actor changed);
    returns the keys given."""
    keys: set[str] = set()
    while rows := store.unkeyed_mentions(2000):
        keyed = list(_keyed(rows))
        store.set_merge_keys((k, m) for m, _a, k in keyed)
        keys.update(k for _m, _a, k in keyed)
    return keys


def _stored_key_rows(store: Store) -> Iterator[tuple[int, str, int]]:
    for r in store.document_signatures():
        if r["signature"]:
            sig = dedup.from_bytes(r["signature"])
            yield from ((k, r["article_id"], dedup.DOCUMENT) for k in dedup.band_keys(sig, -1))
    for r in store.signatures():
        sig = dedup.from_bytes(r["signature"])
        no = r["paragraph"]
        yield from ((k, r["article_id"], no) for k in dedup.band_keys(sig, no))


def _keyed(rows: Iterable[tuple[str, str, str]]) -> Iterator[tuple[str, str, str]]:
    """(mention_id, article_id, record) -> (mention_id, article_id, merge key)."""
    for mention_id, article_id, record in rows:
        yield mention_id, article_id, key_string(event_from_record(json.loads(record)))


def _chunked(ids: set[str], size: int = 2000) -> Iterator[list[str]]:
    items = sorted(ids)
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _merge(
    store: Store,
    keys: set[str],
    speaker_of: claims.SpeakerOf,
    report: UpdateReport,
    merge_groups: MergeGroups = merge_here,
) -> tuple[set[tuple[str, str, str]], set[str], set[str], set[str]]:
    """Re-merge each touched key, writing each event with its claims (as if its sides had no
    denial; ``_claims`` redoes the partitions that have one).  Returns the dyad rows, the sides
    partitions (and which of them had or have a denial) the old and new events touch, and the
    new events' ids."""
    cells: set[tuple[str, str, str]] = set()
    sides: set[str] = set()
    negated: set[str] = set()
    new_events: set[str] = set()
    ordered = sorted(keys)
    for i in range(0, len(ordered), MERGE_CHUNK):
        groups: list[MergeGroup] = []
        for key in ordered[i : i + MERGE_CHUNK]:
            old = store.key_event_rows(key)
            for r in old:
                ev = event_from_record(json.loads(r["record"]), [])
                cells.update(dyads.cells(ev))
                sides.add(r["sides"] or "")
                if r["polarity"] == "negated":
                    negated.add(r["sides"] or "")
            store.delete_events([r["event_id"] for r in old])
            report.events_removed += len(old)
            evs, outlets = store.key_mentions(key)
            if evs:
                articles = {m.article_id for e in evs for m in e.mentions}
                shared = dedup.shared_by_article(store.near_duplicates_of(articles))
                groups.append((key, evs, outlets, shared))
        merged = merge_groups(groups) if groups else {}
        for key, _evs, _outlets, _shared in groups:
            for ev in merged.get(key, []):
                s = claims.sides_key(ev)
                store.insert_event(ev, dyad_of(ev), s)
                store.insert_claims((c, None) for c in claims.event_claims([ev], speaker_of))
                cells.update(dyads.cells(ev))
                sides.add(s)
                if ev.polarity == "negated":
                    negated.add(s)
                new_events.add(ev.event_id)
    report.events_written = len(new_events)
    return cells, sides, negated, new_events


def _claims(
    store: Store,
    sides: set[str],
    negated: set[str],
    speaker_of: claims.SpeakerOf,
    report: UpdateReport,
) -> None:
    """Redo whole each touched sides partition with a denial (now or before): its
    contradiction links join events old and new."""
    for part in sorted(sides):
        if part in negated or store.has_denial(part):
            events = store.events_with_sides(part)
            store.delete_event_claims([e.event_id for e in events])
            store.insert_claims((c, None) for c in claims.event_claims(events, speaker_of))
            report.claim_partitions += 1


def _speaker_lookup(store: Store) -> claims.SpeakerOf:
    cache: dict[str, Any] = {}

    def speaker_of(name: str) -> Any:
        if name not in cache:
            cache[name] = store.actor_ref_named(name)
        return cache[name]

    return speaker_of


def _figures(
    store: Store, ctx: Context, articles: Iterable[list[str]], report: UpdateReport
) -> None:
    """Figure claims of new (or re-dated) articles, then the links within each quantity."""
    kb = ctx.kb
    keys: set[str] = set()
    for chunk in articles:
        keys |= store.delete_figure_claims(chunk)
        rows = store.article_facts(chunk)
        countries = _countries(store, kb, chunk)
        found = figures.article_figures(
            ((r["article_id"], r["text"], r["published"], r["outlet"]) for r in rows),
            kb,
            countries,
        )
        with_keys = [(c, figures.partition_key(c)) for c in found]
        keys |= {k for _c, k in with_keys if k}
        store.insert_claims(with_keys)
    name = _country_namer(kb)
    for key in sorted(keys):
        group = store.figure_claims_with_key(key)
        before = {c.claim_id: [(x.claim_id, x.reason) for x in c.contradicts] for c in group}
        for c in group:
            c.contradicts = []
        figures.contradict(group, name)
        changed = [
            c
            for c in group
            if [(x.claim_id, x.reason) for x in c.contradicts] != before[c.claim_id]
        ]
        store.insert_claims((c, key) for c in changed)
        report.figure_partitions += 1


def _country_namer(kb: Any) -> Any:
    def name(code: str) -> str:
        entry = kb.entries.get(code)
        return str(entry.name) if entry is not None else code

    return name


def _countries(store: Store, kb: Any, article_ids: list[str]) -> dict[str, Counter[str]]:
    """Per article, how often each country is named (actor mentions coded to a country)."""
    out: dict[str, Counter[str]] = {}
    for aid, code in store.article_codes(article_ids):
        c = code[:3]
        if len(code) >= 3 and c in kb.entries and kb.entries[c].kind == "country":
            out.setdefault(aid, Counter())[c] += 1
    return out


def _weights(store: Store, kb: Any, article_ids: list[str]) -> dict[str, Counter[str]]:
    """Per article, its countries with the parties of its events counted double."""
    out = _countries(store, kb, article_ids)
    for aid, src, tgt in store.article_event_codes(article_ids):
        for code in (src, tgt):
            s = dyads.side(code)
            if s and s in kb.entries:
                out.setdefault(aid, Counter())[s] += 2
    return out


def _stories(
    store: Store,
    ctx: Context,
    touched: Iterable[list[str]],
    keys: set[str],
    new_event_ids: set[str],
    report: UpdateReport,
) -> None:
    """Re-place the touched articles in their pair stories and redo the unpaired articles of the
    weeks around them, then rebuild each story that gained or lost an article or holds an event
    that was re-merged."""
    kb = ctx.kb
    affected: set[str] = set()
    pairs: dict[str, tuple[str, str]] = {}
    moved_articles: list[str] = []
    weeks: set[date] = set()

    def move(changes: dict[str, tuple[str, str] | None], current: dict[str, str | None]) -> None:
        store.set_article_stories(changes)
        moved_articles.extend(changes)
        for aid, new in changes.items():
            affected.update(x for x in ((new or (None,))[0], current[aid]) if x)

    for chunk in touched:
        facts = {r["article_id"]: r for r in store.article_facts(chunk)}
        canon = {r["dup_group"] for r in facts.values() if r["dup_group"]} - facts.keys()
        own = {
            a: stories.main_pair(w, kb)
            for a, w in _weights(store, kb, [*chunk, *sorted(canon)]).items()
        }
        changes: dict[str, tuple[str, str] | None] = {}
        for aid, r in facts.items():
            pair = own.get(r["dup_group"]) if r["dup_group"] else None
            pair = pair or own.get(aid)
            if pair:
                sid = stories.story_id(pair)
                pairs[sid] = pair
                if (sid, "pair") != (r["story_id"], r["story_how"]):
                    changes[aid] = (sid, "pair")
            elif r["story_how"] == "pair":
                changes[aid] = None  # unpaired now: its week places it below
            week = _monday(r["published"])
            if week:
                weeks.update(week + timedelta(days=k) for k in (-7, 0, 7))
        move(changes, {a: facts[a]["story_id"] for a in changes})
    if report.full:
        weeks = {m for d in store.dated_days() if (m := _monday(d))}
    for week in sorted(weeks):
        _place_week(store, kb, week, pairs, move)
    affected |= store.stories_of_keys(keys)
    for sid in sorted(affected):
        members = store.story_members(sid)
        ids = [m["article_id"] for m in members]
        events = store.events_without_mentions(sorted(store.event_ids_of_articles(ids)))
        if members and all(m["story_how"] == "text" for m in members):
            story = stories.build_text(sid, [(m[0], m[1], m[2], m[3]) for m in members], events)
        else:
            pair = pairs.get(sid) or store.story_pair(sid)
            story = (
                stories.build(
                    pair, ids, events, {m[0]: m[1] for m in members}, _weights(store, kb, ids), kb
                )
                if members and pair
                else None
            )
        store.write_story(sid, story)
        report.stories += story is not None
    store.set_event_stories(new_event_ids | store.event_ids_of_articles(moved_articles))


def _monday(published: str | None) -> date | None:
    if not published or len(published) < 10:
        return None
    try:
        d = date.fromisoformat(published[:10])
    except ValueError:
        return None
    return d - timedelta(days=d.weekday())


def _place_week(
    store: Store,
    kb: Any,
    week: date,
    pairs: dict[str, tuple[str, str]],
    move: Callable[[dict[str, tuple[str, str] | None], dict[str, str | None]], None],
) -> None:
    """Place one week's unpaired articles by their text (stories.place_by_text)."""
    rows = store.articles_dated_between(
        (week - timedelta(days=7)).isoformat(), (week + timedelta(days=13)).isoformat()
    )
    in_week = {
        r["article_id"]
        for r in rows
        if _monday(r["published"]) == week and r["story_how"] != "pair"
    }
    if not in_week:
        return
    countries = _countries(store, kb, sorted(in_week))
    unpaired = [
        (r["article_id"], r["text"], next(iter(countries.get(r["article_id"], {})), None))
        for r in rows
        if r["article_id"] in in_week
    ]
    paired = []
    for r in rows:
        if r["story_how"] == "pair":
            pair = pairs.get(r["story_id"]) or store.story_pair(r["story_id"])
            if pair:
                pairs[r["story_id"]] = pair
                paired.append((r["article_id"], r["text"], pair, r["story_id"]))
    placed = stories.place_by_text(unpaired, paired, (r["text"] for r in rows))
    current = {r["article_id"]: r["story_id"] for r in rows if r["article_id"] in in_week}
    how = {r["article_id"]: r["story_how"] for r in rows}
    move(
        {
            a: v
            for a, v in placed.items()
            if (v[0] if v else None, v[1] if v else None) != (current[a], how[a])
        },
        current,
    )
