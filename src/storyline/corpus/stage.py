"""The shape every corpus stage has, and what an update passes from one stage to the next.

A per-article stage is a function over a batch of articles.  A corpus stage works over the
store instead, and only over what changed: it is a short list of ``Step`` s, each declaring

- ``touched``: which partitions an update touches (merge keys, copy components, country
  pairs, months...), read from the store and from what earlier steps changed;
- ``read``: how the inputs of a chunk of those partitions are read from the store;
- ``compute``: a pure function of one partition's input (and the pipeline context for the
  knowledge base), so it can run in this process or on a Ray worker;
- ``write``: how a chunk's results are written, noting in ``Changes`` what later steps must
  redo.

The update (``corpus/update.py``) runs the steps one after another, a chunk of partitions at a
time, and names no stage; how ``compute`` is run over a chunk is the ``Runner`` it is given.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from storyline.pipeline import Context
from storyline.store import Store


@dataclass
class Changes:
    """What an update changed so far, by kind ("articles.new", "merge.keys", ...): the sets and
    maps earlier steps wrote, which later steps read to know what they must redo.  Kinds are the
    stages' own names; the update only carries them."""

    full: bool = False
    sets: dict[str, set[Any]] = field(default_factory=dict)
    maps: dict[str, dict[Any, Any]] = field(default_factory=dict)
    counts: Counter[str] = field(default_factory=Counter)

    def set(self, kind: str) -> set[Any]:
        return self.sets.setdefault(kind, set())

    def map(self, kind: str) -> dict[Any, Any]:
        return self.maps.setdefault(kind, {})

    def count(self, name: str, n: int = 1) -> None:
        self.counts[name] += n


Key = Hashable
Touched = Callable[[Store, Changes], Iterable[Any]]
Read = Callable[[Store, list[Any], Changes], list[Any]]
Compute = Callable[[Any, Any, Context], Any]
Write = Callable[[Store, list[tuple[Any, Any]], Changes], None]


@dataclass(frozen=True)
class Step:
    """One pass over the partitions an update touches (see the module's docstring).

    ``compute`` must be a module-level function (a Ray worker imports it by name) that reads
    nothing but its arguments.  ``chunk``: partitions read, computed and written together; the
    next chunk's partitions are asked of ``touched`` only after this one is written, so a step
    may depend on its own earlier writes (the duplicates stage signs one chunk at a time)."""

    name: str
    touched: Touched
    read: Read
    compute: Compute
    write: Write
    chunk: int = 2000


@dataclass(frozen=True)
class Stage:
    """A corpus stage: its steps in order, and what it does first (``begin``: e.g. drop what it
    made, for a full recompute)."""

    name: str
    steps: tuple[Step, ...]
    begin: Callable[[Store, Changes], None] | None = None


# Computes a chunk of one step: [(key, input)] -> [output], in order.
Runner = Callable[[Step, list[tuple[Any, Any]], Context], list[Any]]


def run_here(step: Step, items: list[tuple[Any, Any]], ctx: Context) -> list[Any]:
    """The default runner: every partition of the chunk in this process."""
    return [step.compute(key, data, ctx) for key, data in items]


def pages(fetch: Callable[[int], list[Any]], size: int) -> Iterator[Any]:
    """Partitions from a query that only shows what is left to do (articles not signed yet,
    reports without a key): ``size`` at a time, the next page asked for only when the loop
    wants more than this one, that is after it wrote this one (a step using this has ``chunk``
    equal to ``size``)."""
    while True:
        page = fetch(size)
        yield from page
        if len(page) < size:
            return
