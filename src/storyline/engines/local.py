"""The local engine: stream inputs in batches through the per-article pipeline, then update the
corpus-level results.

Memory stays bounded by the batch size (times the number of batches in flight with workers):
inputs are read lazily, a batch is written in one transaction and dropped.  With ``workers > 1``
the per-article stages run in worker processes (each loads spaCy and the knowledge base once);
only this process writes to the store, in input order, so results do not depend on scheduling.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import TYPE_CHECKING, Any

from storyline.ingest.readers import iter_inputs
from storyline.model import Article, Skipped
from storyline.pipeline import Context, process
from storyline.store import Store

if TYPE_CHECKING:
    from storyline.corpus import UpdateReport
    from storyline.corpus.stage import Runner

DEFAULT_BATCH = 32


@dataclass
class IngestReport:
    read: int = 0
    new: int = 0
    already_stored: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    batches: int = 0
    events: int = 0
    # Stored but not analysed: (path, language) of articles the English stages do not read.
    other_language: list[tuple[str, str]] = field(default_factory=list)
    # Inputs whose batch was written (articles and skipped inputs): ``read`` runs ahead of it by
    # the batches in flight, so progress counts this.
    handled: int = 0

    def add_batch(self, written: int, done: list[Article], skipped: list[Skipped]) -> None:
        """Count one written batch (both engines report through here)."""
        self.handled += len(done) + len(skipped)
        self.new += written
        self.skipped.extend(skipped)
        self.events += sum(len(a.events) for a in done)
        self.other_language.extend(
            (a.path, a.language) for a in done if a.language not in ("en", "und", None)
        )
        self.batches += 1

    @property
    def exit_code(self) -> int:
        return 1 if self.skipped else 0


Progress = Callable[[IngestReport, str], None]


def _batches(items: Iterable[Article | Skipped], size: int) -> Iterator[list[Article | Skipped]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


_WORKER_CTX: Context | None = None


def _init_worker(ctx: Context, parent: int) -> None:
    global _WORKER_CTX
    _WORKER_CTX = ctx
    _die_with(parent)


def _die_with(parent: int) -> None:
    """A worker ends when the process that started it does, however it ended.

    After ``kill -9`` of an ingest, its workers would otherwise wait forever on a queue whose
    other end they hold themselves, each keeping ~500 MB and the caller's pipes open.  Linux
    kills them with the parent (``PR_SET_PDEATHSIG``); elsewhere nothing changes."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)


def fresh_articles(
    chunk: list[Article | Skipped],
    known: Callable[[list[str]], set[str]],
    seen: set[str],
    report: IngestReport,
) -> tuple[list[Article], list[Skipped]]:
    """A chunk of inputs as the articles to process and the inputs that could not be read.

    An article is fresh when ``known`` (the store, or a Parquet directory) does not hold it and
    it is not in ``seen`` (read earlier in this run, not written yet), so re-ingesting adds
    nothing and a copy inside one input is processed once; both engines decide it here."""
    skipped = [x for x in chunk if isinstance(x, Skipped)]
    articles = [x for x in chunk if isinstance(x, Article)]
    report.read += len(articles)
    stored = known([a.article_id for a in articles])
    fresh = []
    for a in articles:
        if a.article_id in stored or a.article_id in seen:
            report.already_stored += 1
            continue
        seen.add(a.article_id)
        fresh.append(a)
    return fresh, skipped


def warm(ctx: Context, sample: Iterable[Article | Skipped] | None = None) -> None:
    """Load everything the stages load lazily (spaCy, knowledge base, patterns, the city index,
    the date parser, and the language identifier) in this process.

    Forked workers then inherit it instead of each paying ~3-4 s on its first batch, and a Ray
    actor pays it once when it starts rather than inside the first batch it is timed on.  With
    a ``sample`` of the input (the first batches), the language identifier (~0.7 s) is loaded
    only if one of them needs it: English is recognised by its function words without it.
    """
    from storyline.events import places
    from storyline.ingest import clean, dates

    _ = (ctx.nlp, ctx.kb, ctx.patterns)
    places._index()
    if sample is None:
        clean.detect_language(
            "Ceci n'est pas un texte anglais, mais il faut bien charger le modèle."
        )
    else:
        for item in sample:
            if isinstance(item, Article):
                clean.detect_language(item.text)  # imports py3langid only when it is asked
    dates.parse_date("3 March 2020")


def _work(batch: list[Article]) -> tuple[list[Article], list[Skipped]]:
    assert _WORKER_CTX is not None
    return process(batch, _WORKER_CTX)


def ingest(
    paths: Iterable[str],
    store: Store,
    ctx: Context | None = None,
    batch_size: int = DEFAULT_BATCH,
    workers: int = 1,
    progress: Progress | None = None,
    update_corpus: bool = True,
    inputs: Iterable[Article | Skipped] | None = None,
) -> IngestReport:
    """``inputs``: articles already read (uploads to the server), instead of reading ``paths``."""
    ctx = ctx or Context()
    report = IngestReport()
    # Ids read but not yet written (in flight); written ones are found by store.existing_ids, so
    # this set stays as small as the batches in flight instead of growing with the corpus.
    seen: set[str] = set()

    def prepare(chunk: list[Article | Skipped]) -> tuple[list[Article], list[Skipped]]:
        return fresh_articles(chunk, store.existing_ids, seen, report)

    def commit(done: list[Article], skipped: list[Skipped]) -> None:
        report.add_batch(store.write_batch(done, skipped), done, skipped)
        seen.difference_update(a.article_id for a in done)
        if progress:
            progress(report, "batch")

    chunks = _batches(inputs if inputs is not None else iter_inputs(paths, ctx.read), batch_size)
    sample: list[Article | Skipped] = []
    if workers > 1:
        # A pool pays for forking and for loading everything up front; one batch of work (a
        # feed poll, a small folder) is done sooner here.
        first = list(islice(chunks, 2))
        if len(first) < 2:
            workers = 1
        chunks = chain(first, chunks)
        sample = [x for chunk in first for x in chunk]
    if workers <= 1:
        for chunk in chunks:
            fresh, skipped = prepare(chunk)
            done, failed = process(fresh, ctx)
            commit(done, skipped + failed)
    else:
        method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
        if method == "fork":
            warm(ctx, sample)  # shared copy-on-write by the workers, loaded once, not N times
        with ProcessPoolExecutor(
            workers,
            mp_context=mp.get_context(method),
            initializer=_init_worker,
            initargs=(ctx, os.getpid()),
        ) as pool:
            pending: list[tuple[list[Future[Any]], list[Skipped]]] = []

            def finish(futures: list[Future[Any]], sk: list[Skipped]) -> None:
                done: list[Article] = []
                failed: list[Skipped] = []
                for fut in futures:  # in submission order: results do not depend on timing
                    d, f = fut.result()
                    done += d
                    failed += f
                commit(done, sk + failed)

            for chunk in chunks:
                fresh, skipped = prepare(chunk)
                # A batch is shared among the workers (one transaction still), so the last
                # batches of a run keep every worker busy instead of one.
                # Contiguous parts, joined back in order: the batch is written as one worker
                # would have written it.
                step = -(-len(fresh) // workers) or 1
                parts = [fresh[i : i + step] for i in range(0, len(fresh), step)]
                futures = [pool.submit(_work, part) for part in parts]
                pending.append((futures, skipped))
                while len(pending) > 2 * workers:  # bounded number of batches in flight
                    finish(*pending.pop(0))
            for futures, sk in pending:
                finish(futures, sk)
    if update_corpus and (report.new or store.dirty):
        if progress:
            progress(report, "corpus")
        update(store, ctx)
    return report


def update(
    store: Store, ctx: Context | None = None, full: bool = False, runner: Runner | None = None
) -> UpdateReport:
    """Bring the corpus-level results up to date (``corpus/update.py``: only the partitions the
    new articles touch are recomputed; ``full`` recomputes all of them).

    The corpus stages' modules (datasketch, scipy) are imported here, when first needed, not
    before the workers fork: start-up is on every ingest's clock."""
    from storyline import corpus
    from storyline.corpus.stage import run_here

    return corpus.update(store, ctx, full=full, runner=runner or run_here)
