"""Stories stage: group articles and their events into storylines.

First version: an article belongs to the story of its main pair of countries (the two it
mentions most, with event parties weighted double), and copies from the duplicates stage share
their canonical copy's story.  The title names the pair, its span and its most frequent kinds of
event.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from storyline.actors.kb import KnowledgeBase
from storyline.dyads import side
from storyline.events.codes import lookup
from storyline.ids import content_id
from storyline.model import Event, Story


def _country_name(kb: KnowledgeBase, code: str) -> str:
    entry = kb.entries.get(code)
    return entry.name if entry is not None and entry.kind == "country" else code


def run(
    article_countries: dict[str, Counter[str]],
    events: Iterable[Event],
    dup_groups: dict[str, str],
    kb: KnowledgeBase,
    article_dates: dict[str, str | None],
) -> list[Story]:
    events = list(events)
    weights: dict[str, Counter[str]] = {a: Counter(c) for a, c in article_countries.items()}
    for ev in events:
        for m in ev.mentions:
            for ref in (ev.source, ev.target):
                s = side(ref.code if ref else None)
                if s and s in kb.entries:
                    weights.setdefault(m.article_id, Counter())[s] += 2
    key_of: dict[str, tuple[str, str]] = {}
    for article_id, counts in weights.items():
        countries = [
            c
            for c, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
            if kb.entries.get(c) is not None and kb.entries[c].kind == "country"
        ][:2]
        if len(countries) == 2:
            key_of[article_id] = tuple(sorted(countries))  # type: ignore[assignment]
    for article_id, group in dup_groups.items():
        if group in key_of:
            key_of[article_id] = key_of[group]
    members: dict[tuple[str, str], list[str]] = {}
    for article_id, key in key_of.items():
        members.setdefault(key, []).append(article_id)
    stories = []
    for key, article_ids in members.items():
        ids = set(article_ids)
        evs = [e for e in events if any(m.article_id in ids for m in e.mentions)]
        dates = sorted(
            d for d in [*(article_dates.get(a) for a in ids), *(e.date for e in evs)] if d
        )
        roots = Counter(
            e.root
            for e in evs
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
        stories.append(
            Story(
                story_id=content_id("story", *key),
                title=title,
                start=dates[0] if dates else None,
                end=dates[-1] if dates else None,
                article_ids=sorted(ids),
                event_ids=[e.event_id for e in evs],
                actors=[first, second],
            )
        )
    stories.sort(key=lambda s: (-len(s.article_ids), s.story_id))
    return stories
