"""The corpus update: every corpus stage brought up to date with what the per-article stages
stored, in one transaction, by one loop that knows no stage.

Each stage (``corpus/stages.py`` lists them) is a few steps; each step touches partitions that
never interact (merge keys, copy components, sides, quantities, weeks, stories, monthly rows),
so an update deletes what the touched partitions produced and recomputes them, a chunk of
partitions at a time.  A full recompute is the same loop with every partition touched, so
"incremental = full" holds by construction (``tests/test_corpus_update.py``), and since only a
chunk is in memory at a time, memory does not grow with the store.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from storyline.corpus.stage import Changes, Runner, Stage, run_here
from storyline.corpus.stages import STAGES
from storyline.pipeline import Context
from storyline.store import Store
from storyline.store.db import fault, now

# Bumped when a partition key or what a partition holds changes: a store updated under another
# scheme (or before there were keys) gets one full recompute.
SCHEME = "6"  # 5: background events counted apart; 6: each event in one story (issue 19)


@dataclass
class UpdateReport:
    """What an update recomputed (for progress messages, the benchmarks and the tests):
    partitions per step ("merge.merge"), counts the stages kept, seconds per stage."""

    full: bool = False
    partitions: dict[str, int] = field(default_factory=dict)
    counts: Counter[str] = field(default_factory=Counter)
    seconds: dict[str, float] = field(default_factory=dict)


def update(
    store: Store,
    ctx: Context | None = None,
    full: bool = False,
    runner: Runner = run_here,
    stages: Sequence[Stage] | None = None,
) -> UpdateReport:
    """Bring every corpus result up to date; ``full`` recomputes every partition.

    ``runner``: what computes a chunk of partitions (in this process by default; the Ray engine
    passes one that runs large chunks on the cluster).  ``stages``: the stages to run, in order
    (``corpus.stages.STAGES`` by default).
    """
    stages = STAGES if stages is None else stages
    ctx = ctx or Context()
    # A store whose corpus results were made under another scheme is recomputed once; a store
    # never updated before has nothing to recompute.
    stale = store.get_meta("corpus_scheme") != SCHEME and store.get_meta("corpus_updated_at")
    changes = Changes(full=full or bool(stale))
    report = UpdateReport(full=changes.full)
    with store.transaction():
        for stage in stages:
            clock = time.perf_counter()
            if stage.begin is not None:
                stage.begin(store, changes)
            for step in stage.steps:
                n = 0
                for keys in _chunks(step.touched(store, changes), step.chunk):
                    inputs = step.read(store, keys, changes)
                    outputs = runner(step, list(zip(keys, inputs, strict=True)), ctx)
                    step.write(store, list(zip(keys, outputs, strict=True)), changes)
                    n += len(keys)
                report.partitions[f"{stage.name}.{step.name}"] = n
            report.seconds[stage.name] = round(time.perf_counter() - clock, 3)
        fault("corpus-before-commit")
        store.set_meta("corpus_dirty", "0")
        store.set_meta("corpus_scheme", SCHEME)
        store.set_meta("corpus_updated_at", now())
    report.counts = changes.counts
    return report


def _chunks(keys: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Lazily: the next chunk is drawn only after the previous one was written."""
    it = iter(keys)
    while chunk := list(islice(it, size)):
        yield chunk
