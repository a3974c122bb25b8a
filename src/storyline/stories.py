"""Stories stage: group articles and their events into storylines.

An article belongs to the story of its main pair of countries (the two it mentions most, with
event parties weighted double), and copies from the duplicates stage share their canonical copy's
story.  The title names the pair, its span and its most frequent kinds of event.  An article's
pair depends only on the article itself (and its canonical copy), which is what lets corpus.py
update stories one article at a time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from storyline.actors.kb import KnowledgeBase
from storyline.dyads import side
from storyline.events.codes import lookup
from storyline.ids import content_id
from storyline.model import Event, Story


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


def story_id(key: tuple[str, str]) -> str:
    return content_id("story", *key)


def build(
    key: tuple[str, str],
    article_ids: Iterable[str],
    events: Sequence[Event],
    article_dates: Mapping[str, str | None],
    weights: Mapping[str, Counter[str]],
    kb: KnowledgeBase,
) -> Story:
    """One story from its member articles and the events they report (in timeline order).

    Needs only the story's own members, so an update rebuilds just the stories it touched.
    """
    ids = sorted(set(article_ids))
    dates = sorted(
        d for d in [*(article_dates.get(a) for a in ids), *(e.date for e in events)] if d
    )
    roots = Counter(
        e.root
        for e in events
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
    out = []
    for key, article_ids in members.items():
        ids = set(article_ids)
        evs = [e for e in events if any(m.article_id in ids for m in e.mentions)]
        out.append(build(key, ids, evs, article_dates, weights, kb))
    out.sort(key=lambda s: (-len(s.article_ids), s.story_id))
    return out
