"""Provisional actors stage: names the knowledge base lacks, merged across documents when they
are one actor (``actors/discovery.py`` decides; this applies it), before events are merged.

One partition, the store's provisional actors: their reports change merge keys, so the keys
they had are noted for the merge stage and the reports are keyed again.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from storyline.actors import discovery
from storyline.corpus.merge import KEYS, key_string
from storyline.corpus.stage import Changes, Stage, Step
from storyline.pipeline import Context
from storyline.store import Store


def _touched(store: Store, changes: Changes) -> Iterator[str]:
    yield "actors"


def _read(store: Store, keys: list[str], changes: Changes) -> list[Any]:
    # Streams the mention rows into the candidates' counts: only those are held.
    return [discovery.candidates_from(*store.actors.discovery_rows())]


def plan(key: str, candidates: list[discovery.Provisional], ctx: Context) -> dict[str, str]:
    return discovery.plan(candidates)


def _write(store: Store, results: list[tuple[str, dict[str, str]]], changes: Changes) -> None:
    for _key, mapping in results:
        if not mapping:
            continue
        moved = store.events.naming(sorted(mapping))
        changes.set(KEYS).update(key_string(ev) for ev in moved.values())  # their keys before
        store.actors.merge(mapping)
        store.events.set_merge_keys((None, m) for m in moved)  # keyed again by the merge stage
        changes.count("actors.merged", len(mapping))


def _read_observations(store: Store, keys: list[str], changes: Changes) -> list[Any]:
    return [list(store.actors.provisional_observations())]


def canonical(key: str, observations: list[Any], ctx: Context) -> list[Any]:
    """Every provisional actor's name and code from all its mentions, whatever the order the
    articles came in (the spelling written in the most articles, the code most often given)."""
    kb = ctx.kb

    def country_of(code: str) -> str | None:
        entry = kb.entries.get(code[:3])
        return entry.country if entry is not None and entry.kind == "country" else None

    return discovery.canonical_rows(observations, country_of)


def _write_canonical(store: Store, results: list[tuple[str, Any]], changes: Changes) -> None:
    for _key, rows in results:
        store.actors.set_fields(rows)


STAGE = Stage(
    "actors",
    (
        Step("merge", _touched, _read, plan, _write, chunk=1),
        Step("canonical", _touched, _read_observations, canonical, _write_canonical, chunk=1),
    ),
)
