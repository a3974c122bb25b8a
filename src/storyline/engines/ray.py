"""The Ray engine: the same per-article stages mapped over Ray Data, the same store and corpus
update as the local engine.

Why it looks like this:
- The stages are the pipeline's own (``pipeline.process``); a Ray actor per CPU keeps spaCy, the
  knowledge base and the lazy indexes loaded (``local.warm``), so only batches travel.
- Only this process writes the store, in input order (Ray Data with ``preserve_order``), so the
  articles, events and duplicate groups are the same as the local engine's for the same input.
- Memory stays bounded: inputs are read lazily and sent to Ray in windows of ``window`` articles;
  each window is one Ray Data run (its actor pool starts once per window, a few seconds that a
  window of thousands of articles amortises).
- Corpus stages (duplicates, merge, stories, claims, dyads) run once at the end, from the store,
  exactly as ``local.update`` does.

``ray`` is an optional dependency (``pip install storyline[ray]``); importing this module does
not import it.
"""

from __future__ import annotations

import logging
import pickle
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from storyline.engines import local
from storyline.engines.local import IngestReport, Progress
from storyline.ingest.readers import iter_inputs
from storyline.model import Article, Skipped
from storyline.pipeline import Context, process
from storyline.store.sqlite import Store

DEFAULT_WINDOW = 4096  # articles per Ray Data run


class RayMissing(RuntimeError):
    """Ray is not installed; the message says how to install it."""


class RayUnavailable(RuntimeError):
    """The Ray cluster named by --ray-address cannot be reached."""


def _import_ray() -> Any:
    try:
        import ray
        import ray.data
    except ImportError as exc:
        raise RayMissing(
            "the Ray engine needs Ray: `pip install 'ray[data]'` (or `pip install storyline[ray]`)"
        ) from exc
    return ray


def check_installed() -> None:
    """Raise RayMissing before any work starts when Ray cannot be imported."""
    _import_ray()


def start(address: str | None = None, cpus: int = 2) -> Any:
    """Connect to ``address`` (a running cluster), or start a local Ray with ``cpus`` CPUs."""
    ray = _import_ray()
    if not ray.is_initialized():
        if address:
            try:
                ray.init(address=address, log_to_driver=False, logging_level=logging.WARNING)
            except (ConnectionError, RuntimeError, ValueError) as exc:
                raise RayUnavailable(f"cannot connect to Ray at {address!r}: {exc}") from exc
        else:
            ray.init(
                num_cpus=cpus,
                include_dashboard=False,
                log_to_driver=False,
                logging_level=logging.WARNING,
            )
    from ray.data import DataContext

    dctx = DataContext.get_current()
    dctx.execution_options.preserve_order = True  # write in input order: same results
    dctx.enable_progress_bars = False
    return ray


class _Stages:
    """A Ray Data actor: one pipeline context, loaded once, over many batches."""

    def __init__(self, ctx_bytes: bytes) -> None:
        self.ctx: Context = pickle.loads(ctx_bytes)
        local.warm(self.ctx)

    def __call__(self, rows: dict[str, Any]) -> dict[str, list[bytes]]:
        out: dict[str, list[bytes]] = {"done": [], "skipped": []}
        for blob in rows["batch"]:
            done, skipped = process(pickle.loads(blob), self.ctx)
            out["done"].append(pickle.dumps(done, protocol=pickle.HIGHEST_PROTOCOL))
            out["skipped"].append(pickle.dumps(skipped, protocol=pickle.HIGHEST_PROTOCOL))
        return out


def _windows(items: Iterable[Article | Skipped], size: int) -> Iterator[list[Article | Skipped]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def ingest(
    paths: Iterable[str],
    store: Store,
    ctx: Context | None = None,
    batch_size: int = local.DEFAULT_BATCH,
    workers: int = 2,
    address: str | None = None,
    progress: Progress | None = None,
    update_corpus: bool = True,
    window: int = DEFAULT_WINDOW,
) -> IngestReport:
    """Like ``local.ingest``; ``workers``: Ray actors (one CPU each; the local Ray's size)."""
    ctx = ctx or Context()
    ray = start(address, cpus=max(1, workers))
    report = IngestReport()
    seen: set[str] = set()
    ctx_bytes = pickle.dumps(ctx)

    for chunk in _windows(iter_inputs(paths, ctx.read), window):
        skipped_read = [x for x in chunk if isinstance(x, Skipped)]
        articles = [x for x in chunk if isinstance(x, Article)]
        report.read += len(articles)
        stored = store.existing_ids([a.article_id for a in articles])
        fresh: list[Article] = []
        for a in articles:
            if a.article_id in stored or a.article_id in seen:
                report.already_stored += 1
                continue
            seen.add(a.article_id)
            fresh.append(a)
        del chunk, articles
        batches = [
            {"batch": pickle.dumps(fresh[i : i + batch_size], protocol=pickle.HIGHEST_PROTOCOL)}
            for i in range(0, len(fresh), batch_size)
        ]
        del fresh
        if skipped_read:
            _commit(store, report, [], skipped_read, progress)
        if not batches:
            continue
        ds = ray.data.from_items(batches, override_num_blocks=len(batches)).map_batches(
            _Stages,
            fn_constructor_kwargs={"ctx_bytes": ctx_bytes},
            batch_size=1,
            compute=ray.data.ActorPoolStrategy(size=max(1, workers)),
            num_cpus=1,
            batch_format="numpy",
        )
        del batches
        for row in ds.iter_rows():
            _commit(
                store, report, pickle.loads(row["done"]), pickle.loads(row["skipped"]), progress
            )
        seen.clear()  # this window is written: store.existing_ids finds its articles from now on
    if update_corpus and (report.new or store.dirty):
        if progress:
            progress(report, "corpus")
        local.update(store, ctx)
    return report


def _commit(
    store: Store,
    report: IngestReport,
    done: list[Article],
    skipped: list[Skipped],
    progress: Progress | None,
) -> None:
    report.add_batch(store.write_batch(done, skipped), done, skipped)
    if progress:
        progress(report, "batch")
