"""Stories stage: group articles and their events into storylines.

An article belongs to the story of its main pair of countries (the two it mentions most, with
event parties weighted double), and copies from the duplicates stage share their canonical copy's
story.  The title names the pair, its span and its most frequent kinds of event.  An article's
pair depends only on the article itself (and its canonical copy), which is what lets corpus.py
update stories one article at a time.

An article without a pair (one country or none: a company, a disaster, a trial) is placed by
its text, within its week: it joins the pair story of the most similar paired article of that
week or the weeks either side (TF-IDF cosine, IDF of those three weeks, at least
``TEXT_SIMILARITY``; when it names a country, the pair must include it); otherwise similar
unpaired articles of the same week form a story of their own.  Weeks are the partition an
update recomputes; undated articles are not placed by text.

Each event belongs to exactly one story (``event_story``), decided before the stories are built,
and a story's events are those: its ``event_ids``, its counts, its page and
``/api/events?story=`` all read that one column, so they cannot disagree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from storyline.actors.kb import KnowledgeBase
from storyline.corpus import tfidf
from storyline.corpus.duplicates import NEW, REDATED, REGROUPED
from storyline.corpus.dyads import side
from storyline.corpus.figures import codes_by_article, country_counts
from storyline.corpus.merge import MERGED, NEW_EVENTS
from storyline.corpus.stage import Changes, Stage, Step
from storyline.events.codes import lookup
from storyline.ids import content_id
from storyline.model import Event, Story
from storyline.pipeline import Context
from storyline.store import Store
from storyline.store.events import is_background

# Cosine of sublinear TF-IDF vectors above which two articles tell one story: on the ECB+
# development topics, 99.6% of document pairs this similar belong to one topic (56% of the
# same-topic pairs reach it), and the nearest document is of the same topic for every one of
# the 99% that have a neighbour this close.
TEXT_SIMILARITY = 0.2


def _country_name(kb: KnowledgeBase, code: str) -> str:
    entry = kb.entries.get(code)
    return entry.name if entry is not None and entry.kind == "country" else code


def event_parties(ev: Event, kb: KnowledgeBase) -> list[str]:
    """The sides of an event that weigh (double) in its article's main pair."""
    out = []
    for ref in (ev.source, ev.target):
        s = side(ref.code if ref else None)
        if s and s in kb.entries:
            out.append(s)
    return out


def main_pair(counts: Counter[str], kb: KnowledgeBase) -> tuple[str, str] | None:
    """An article's two most-mentioned countries (event parties counted double), if it has two."""
    countries = [
        c
        for c, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        if kb.entries.get(c) is not None and kb.entries[c].kind == "country"
    ][:2]
    return (min(countries), max(countries)) if len(countries) == 2 else None


# One report of an event, as deciding its story reads it: article id, the article's story, its
# publication date, and whether the sentence recounts history (background).
Report = tuple[str, str | None, str | None, bool]


def story_id(key: tuple[str, str]) -> str:
    return content_id("story", *key)


def event_story(
    sides: tuple[str | None, str | None],
    reports: Sequence[Report],
    pairs: Mapping[str, tuple[str, str] | None],
) -> str | None:
    """The one story an event belongs to: of the stories its reporting articles are in, the
    one whose pair is the event's two sides, else that of its earliest news report's article
    (a background report only when it has no news report).

    This is the only definition of "a story's events": the story's ``event_ids``, its counts,
    ``/api/events?story=`` and the story page all read ``events.story_id``, which this decides.
    A Syria–Türkiye event first mentioned in an article about Türkiye and the United States
    still belongs to the Syria–Türkiye story when an article of that story reports it.
    """
    placed = [r for r in reports if r[1]]
    news = [r for r in placed if not r[3]] or placed
    if not news:
        return None
    own = {s for s in (side(sides[0]), side(sides[1])) if s}
    fitting = [r for r in news if len(own) == 2 and set(pairs.get(r[1] or "") or ()) == own]
    first = min(fitting or news, key=lambda r: (r[2] is None, r[2] or "", r[0]))
    return first[1]


def _news(events: Sequence[Event], background: Collection[str]) -> list[Event]:
    return [e for e in events if not e.background and e.event_id not in background]


def conflict_share(news: Sequence[Event]) -> float:
    """Share of a story's news events that are conflict (quad class 3 or 4)."""
    return round(sum(e.quad_class >= 3 for e in news) / len(news), 3) if news else 0.0


def build(
    key: tuple[str, str],
    article_ids: Iterable[str],
    events: Sequence[Event],
    article_dates: Mapping[str, str | None],
    weights: Mapping[str, Counter[str]],
    kb: KnowledgeBase,
    background: Collection[str] = (),
) -> Story:
    """One story from its member articles and its events (in timeline order).

    The span and the kinds of event in the title come from the articles' dates and the events
    some news report carries; ``background`` events (only recounted as history) are kept in
    the story but would otherwise stretch "2019–2023" into "1941–2023".  Needs only the story's
    own members, so an update rebuilds just the stories it touched.
    """
    ids = sorted(set(article_ids))
    news = _news(events, background)
    dates = sorted(d for d in [*(article_dates.get(a) for a in ids), *(e.date for e in news)] if d)
    roots = Counter(
        e.root
        for e in news
        if e.modality == "fact"
        and e.polarity == "asserted"
        and {
            side(e.source.code if e.source else None),
            side(e.target.code if e.target else None),
        }
        == set(key)
    )
    kinds = ", ".join(lookup(r).name.lower() for r, _ in roots.most_common(2))
    span = (
        f"{dates[0][:4]}–{dates[-1][:4]}"
        if dates and dates[0][:4] != dates[-1][:4]
        else (dates[0][:4] if dates else "undated")
    )
    # Name the more-mentioned side first ("Türkiye – Syria" in a Turkish-led story).
    load = Counter({c: sum(weights.get(a, Counter()).get(c, 0) for a in ids) for c in key})
    first, second = sorted(key, key=lambda c: (-load[c], c))
    title = f"{_country_name(kb, first)} – {_country_name(kb, second)} ({span})"
    if kinds:
        title += f": {kinds}"
    return Story(
        story_id=story_id(key),
        title=title,
        start=dates[0] if dates else None,
        end=dates[-1] if dates else None,
        article_ids=ids,
        event_ids=[e.event_id for e in events],
        actors=[first, second],
        background_event_ids=[e.event_id for e in events if e.event_id in background],
        conflict_share=conflict_share(news),
    )


def run(
    article_countries: dict[str, Counter[str]],
    events: Iterable[Event],
    dup_groups: dict[str, str],
    kb: KnowledgeBase,
    article_dates: dict[str, str | None],
) -> list[Story]:
    """Every story at once (the incremental update in corpus.py uses the same pieces)."""
    events = sorted(events, key=lambda e: (e.date is None, e.date or "", e.event_id))
    weights: dict[str, Counter[str]] = {a: Counter(c) for a, c in article_countries.items()}
    for ev in events:
        for m in ev.mentions:
            for s in event_parties(ev, kb):
                weights.setdefault(m.article_id, Counter())[s] += 2
    key_of: dict[str, tuple[str, str]] = {}
    for article_id, counts in weights.items():
        pair = main_pair(counts, kb)
        if pair:
            key_of[article_id] = pair
    for article_id, group in dup_groups.items():
        if group in key_of:
            key_of[article_id] = key_of[group]
    members: dict[tuple[str, str], list[str]] = {}
    for article_id, key in key_of.items():
        members.setdefault(key, []).append(article_id)
    pairs = {story_id(key): key for key in members}
    story_of = {a: story_id(k) for a, k in key_of.items()}
    by_story: dict[str, list[Event]] = {}
    for ev in events:
        reports = [
            (
                m.article_id,
                story_of.get(m.article_id),
                article_dates.get(m.article_id),
                m.background,
            )
            for m in ev.mentions
        ]
        sides = (ev.source.code if ev.source else None, ev.target.code if ev.target else None)
        sid = event_story(sides, reports, pairs)
        if sid is not None:
            by_story.setdefault(sid, []).append(ev)
    out = []
    for key, article_ids in members.items():
        evs = by_story.get(story_id(key), [])
        bg = {e.event_id for e in evs if is_background(e)}
        out.append(build(key, article_ids, evs, article_dates, weights, kb, bg))
    out.sort(key=lambda s: (-len(s.article_ids), s.story_id))
    return out


def place_by_text(
    unpaired: Sequence[tuple[str, str, str | None]],
    paired: Sequence[tuple[str, str, tuple[str, str], str]],
    scope: Iterable[str],
    threshold: float = TEXT_SIMILARITY,
) -> dict[str, tuple[str, str] | None]:
    """Stories for one week's unpaired articles.

    ``unpaired``: (article_id, text, its one country or None); ``paired``: (article_id, text,
    pair, story_id) of the paired articles of the week and the weeks either side; ``scope``: the
    texts those weeks hold (for the IDF).  Returns article -> (story_id, "text") or None.
    """
    vectors = tfidf.Vectors(scope, sublinear=True, tokens=tfidf.content_words)
    u_vecs = [vectors(t) for _a, t, _c in unpaired]
    p_vecs = [vectors(t) for _a, t, _p, _s in paired]
    sims = tfidf.similarities(u_vecs, p_vecs)
    out: dict[str, tuple[str, str] | None] = {}
    left: list[int] = []
    for i, (aid, _t, country) in enumerate(unpaired):
        best: tuple[float, str] | None = None
        for j, (pid, _pt, pair, sid) in enumerate(paired):
            score = float(sims[i, j])
            if score < threshold or (country and country not in pair):
                continue
            if best is None or (score, pid) > (best[0], best[1]):
                best = (score, sid)
        if best is not None:
            out[aid] = (best[1], "text")
        else:
            left.append(i)
    # The rest: similar unpaired articles of the week are a story of their own.
    own = tfidf.similarities([u_vecs[i] for i in left], [u_vecs[i] for i in left])
    parent = list(range(len(left)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for x in range(len(left)):
        for y in range(x + 1, len(left)):
            if own[x, y] >= threshold:
                parent[find(y)] = find(x)
    groups: dict[int, list[str]] = {}
    for x, i in enumerate(left):
        groups.setdefault(find(x), []).append(unpaired[i][0])
    for members in groups.values():
        sid = content_id("story", "text", min(members)) if len(members) > 1 else None
        for aid in members:
            out[aid] = (sid, "text") if sid else None
    return out


def build_text(
    story_id: str,
    members: Sequence[tuple[str, str | None, str | None, str]],
    events: Sequence[Event],
    background: Collection[str] = (),
) -> Story:
    """A story of unpaired articles: titled by its most central article (the one nearest all
    the others), with the countries its events involve.

    ``members``: (article_id, published, title, text).
    """
    vectors = tfidf.Vectors((m[3] for m in members), sublinear=True, tokens=tfidf.content_words)
    vecs = [vectors(m[3]) for m in members]
    sims = tfidf.similarities(vecs, vecs)
    central = max(range(len(members)), key=lambda i: (float(sims[i].sum()), members[i][0]))
    head = members[central][2] or " ".join(
        w for w, _ in Counter(tfidf.content_words(members[central][3])).most_common(4)
    )
    news = _news(events, background)
    dates = sorted(d for d in [*(m[1] for m in members), *(e.date for e in news)] if d)
    sides = Counter(
        s
        for e in news
        for s in (
            side(e.source.code if e.source else None),
            side(e.target.code if e.target else None),
        )
        if s
    )
    return Story(
        story_id=story_id,
        title=f"{head} ({dates[0][:10]})" if dates else head,
        start=dates[0] if dates else None,
        end=dates[-1] if dates else None,
        article_ids=sorted(m[0] for m in members),
        event_ids=[e.event_id for e in events],
        actors=[c for c, _ in sides.most_common(2)],
        kind="text",
        background_event_ids=[e.event_id for e in events if e.event_id in background],
        conflict_share=conflict_share(news),
    )


# ---- the corpus stage ----------------------------------------------------------------------------
MOVED = "stories.moved"  # articles whose story changed
AFFECTED = "stories.affected"  # stories that gained or lost an article
WEEKS = "stories.weeks"  # weeks whose unpaired articles are placed again
PAIRS = "stories.pairs"  # story id -> its pair of countries, for stories made in this update

Codes = tuple[list[str], list[tuple[str | None, str | None]]]  # actor codes, event sides


def weights(codes: Codes, kb: KnowledgeBase) -> Counter[str]:
    """An article's countries, the parties of its events counted double (its main pair's
    evidence)."""
    out = country_counts(codes[0], kb)
    for src, tgt in codes[1]:
        for code in (src, tgt):
            s = side(code)
            if s and s in kb.entries:
                out[s] += 2
    return out


def _codes(store: Store, ids: list[str]) -> dict[str, Codes]:
    actors = codes_by_article(store.actors.codes(ids))
    events: dict[str, list[tuple[str | None, str | None]]] = {}
    for aid, src, tgt in store.events.sides_of_articles(ids):
        events.setdefault(aid, []).append((src, tgt))
    return {a: (actors.get(a, []), events.get(a, [])) for a in ids}


def _pair_of(store: Store, story: str | None, changes: Changes) -> tuple[str, str] | None:
    if story is None:
        return None
    return changes.map(PAIRS).get(story) or store.stories.pair(story)


def _move(
    store: Store,
    moves: dict[str, tuple[str, str] | None],
    current: dict[str, Any],
    changes: Changes,
) -> None:
    store.stories.set_articles(moves)
    changes.set(MOVED).update(moves)
    for aid, new in moves.items():
        changes.set(AFFECTED).update(x for x in ((new or (None,))[0], current[aid]) if x)


def _monday(published: str | None) -> date | None:
    if not published or len(published) < 10:
        return None
    try:
        d = date.fromisoformat(published[:10])
    except ValueError:
        return None
    return d - timedelta(days=d.weekday())


# Pairs: each touched article in the story of its (or its canonical copy's) main pair.
def _pairs_touched(store: Store, changes: Changes) -> Iterator[str]:
    if changes.full:
        for ids in store.articles.ids():
            yield from ids
    else:
        yield from sorted(changes.set(NEW) | changes.set(REGROUPED) | changes.set(REDATED))


def _pairs_read(store: Store, ids: list[str], changes: Changes) -> list[Any]:
    facts = {r["article_id"]: dict(r) for r in store.stories.placement(ids)}
    canon = {f["dup_group"] for f in facts.values() if f["dup_group"]} - facts.keys()
    codes = _codes(store, [*ids, *sorted(canon)])
    return [
        (facts[a], codes[a], codes.get(facts[a]["dup_group"]) if facts[a]["dup_group"] else None)
        for a in ids
    ]


def pair_partition(article_id: str, data: Any, ctx: Context) -> Any:
    """An article's main pair (its canonical copy's first), whether its story changes (its pair
    story, None when it has no pair any more but was in one, ``"keep"``), its story now and its
    week."""
    facts, own, canon = data
    kb = ctx.kb
    pair = main_pair(weights(canon, kb), kb) if canon is not None else None
    pair = pair or main_pair(weights(own, kb), kb)
    change: Any = "keep"
    if pair:
        if (story_id(pair), "pair") != (facts["story_id"], facts["story_how"]):
            change = (story_id(pair), "pair")
    elif facts["story_how"] == "pair":
        change = None  # unpaired now: its week places it below
    return pair, change, facts["story_id"], _monday(facts["published"])


def _pairs_write(store: Store, results: list[tuple[str, Any]], changes: Changes) -> None:
    moves: dict[str, tuple[str, str] | None] = {}
    current: dict[str, str | None] = {}
    for aid, (pair, change, story, week) in results:
        if pair:
            changes.map(PAIRS)[story_id(pair)] = pair
        if change != "keep":
            moves[aid], current[aid] = change, story
        if week:
            changes.set(WEEKS).update(week + timedelta(days=k) for k in (-7, 0, 7))
    _move(store, moves, current, changes)


# Weeks: each touched week's unpaired articles placed by their text.
def _weeks_touched(store: Store, changes: Changes) -> list[date]:
    if changes.full:
        return sorted({m for d in store.stories.dated_days() if (m := _monday(d))})
    return sorted(changes.set(WEEKS))


def _weeks_read(store: Store, weeks: list[date], changes: Changes) -> list[Any]:
    out = []
    for week in weeks:
        rows = [
            dict(r)
            for r in store.stories.dated_between(
                (week - timedelta(days=7)).isoformat(), (week + timedelta(days=13)).isoformat()
            )
        ]
        in_week = sorted(
            r["article_id"]
            for r in rows
            if _monday(r["published"]) == week and r["story_how"] != "pair"
        )
        codes = codes_by_article(store.actors.codes(in_week)) if in_week else {}
        pairs = {
            r["story_id"]: _pair_of(store, r["story_id"], changes)
            for r in rows
            if r["story_how"] == "pair"
        }
        out.append((rows, in_week, codes, pairs))
    return out


def week_partition(week: date, data: Any, ctx: Context) -> tuple[dict[str, Any], dict[str, Any]]:
    """Where one week's unpaired articles go (``place_by_text``): the moves, and the stories
    the moved articles were in."""
    rows, in_week, codes, pairs = data
    if not in_week:
        return {}, {}
    mine = set(in_week)
    unpaired = [
        (
            r["article_id"],
            r["text"],
            next(iter(country_counts(codes.get(r["article_id"], []), ctx.kb)), None),
        )
        for r in rows
        if r["article_id"] in mine
    ]
    paired = [
        (r["article_id"], r["text"], pairs[r["story_id"]], r["story_id"])
        for r in rows
        if r["story_how"] == "pair" and pairs.get(r["story_id"])
    ]
    placed = place_by_text(unpaired, paired, (r["text"] for r in rows))
    current = {r["article_id"]: r["story_id"] for r in rows if r["article_id"] in mine}
    how = {r["article_id"]: r["story_how"] for r in rows}
    moves = {
        a: v
        for a, v in placed.items()
        if (v[0] if v else None, v[1] if v else None) != (current[a], how[a])
    }
    return moves, {a: current[a] for a in moves}


def _weeks_write(store: Store, results: list[tuple[date, Any]], changes: Changes) -> None:
    for _week, (moves, current) in results:
        _move(store, moves, current, changes)


# Build: each story that gained or lost an article, or holds an event merged again.
def _build_touched(store: Store, changes: Changes) -> list[str]:
    return sorted(changes.set(AFFECTED) | store.stories.of_keys(changes.set(MERGED)))


def _build_read(store: Store, ids: list[str], changes: Changes) -> list[Any]:
    out = []
    for sid in ids:
        members = [tuple(m) for m in store.stories.members(sid)]
        articles = [m[0] for m in members]
        events, background = store.events.of_story(sid)
        text = bool(members) and all(m[4] == "text" for m in members)
        pair = None if text or not members else _pair_of(store, sid, changes)
        codes = _codes(store, articles) if pair else {}
        out.append((members, events, background, pair, codes))
    return out


def build_partition(sid: str, data: Any, ctx: Context) -> Story | None:
    """One story from its members (None: it has no articles, or no pair, left)."""
    members, events, background, pair, codes = data
    if members and all(m[4] == "text" for m in members):
        return build_text(sid, [m[:4] for m in members], events, background)
    if not members or not pair:
        return None
    ids = [m[0] for m in members]
    dates = {m[0]: m[1] for m in members}
    kb = ctx.kb
    return build(pair, ids, events, dates, {a: weights(codes[a], kb) for a in ids}, kb, background)


def _build_write(store: Store, results: list[tuple[str, Story | None]], changes: Changes) -> None:
    for sid, story in results:
        store.stories.write(sid, story)
        changes.count("stories.built", story is not None)


# Events: each event's one story (``event_story``), before the stories are built from them.
def _events_touched(store: Store, changes: Changes) -> list[str]:
    articles = sorted(changes.set(MOVED) | changes.set(REDATED))
    return sorted(changes.set(NEW_EVENTS) | store.events.ids_of_articles(articles))


def _events_read(store: Store, ids: list[str], changes: Changes) -> list[Any]:
    found = store.stories.event_reports(ids)
    out = []
    for eid in ids:
        d = found.get(eid, {"sides": (None, None), "current": None, "reports": []})
        stories = {r[1] for r in d["reports"] if r[1]}
        pairs = {s: _pair_of(store, s, changes) for s in sorted(stories)}
        out.append((d["sides"], d["current"], d["reports"], pairs))
    return out


def events_partition(event_id: str, data: Any, ctx: Context) -> tuple[str | None, str | None]:
    """An event's story now and the one it belongs to (``event_story``)."""
    sides, current, reports, pairs = data
    return current, event_story(sides, reports, pairs)


def _events_write(
    store: Store, results: list[tuple[str, tuple[str | None, str | None]]], changes: Changes
) -> None:
    moved = {e: new for e, (old, new) in results if old != new}
    store.stories.set_events(moved)
    # A story that gained or lost an event is built again.
    changes.set(AFFECTED).update(
        s for _e, (old, new) in results if old != new for s in (old, new) if s
    )


def _begin(store: Store, changes: Changes) -> None:
    if changes.full:
        store.stories.clear()


STAGE = Stage(
    "stories",
    (
        Step("pairs", _pairs_touched, _pairs_read, pair_partition, _pairs_write),
        Step("weeks", _weeks_touched, _weeks_read, week_partition, _weeks_write, chunk=8),
        Step("events", _events_touched, _events_read, events_partition, _events_write),
        Step("build", _build_touched, _build_read, build_partition, _build_write, chunk=64),
    ),
    begin=_begin,
)
