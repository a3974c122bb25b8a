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
- Corpus stages (duplicates, merge, claims, figures, stories, dyads) run once at the end, from
  the store, as ``local.update`` does; every stage's large chunks of partitions (a
  duplicates update's band keys and new articles, a large merge's keys...) are computed on the
  cluster as Ray Data groupbys (``corpus_runner``), the rest in the driver.
- With an output directory instead of a store (``ingest_parquet``), the workers' results are
  written by Ray Data as Parquet (``store/parquet.py``), and nothing passes through one writer;
  ``storyline load`` puts them into a store later.

``ray`` is an optional dependency (``pip install storyline[ray]``); importing this module does
not import it.
"""

from __future__ import annotations

import logging
import pickle
import socket
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import fields
from datetime import UTC, datetime
from itertools import islice
from typing import TYPE_CHECKING, Any

from storyline.engines import local
from storyline.engines.local import IngestReport, Progress
from storyline.ingest.readers import iter_inputs
from storyline.model import Article, Skipped
from storyline.pipeline import Context, process
from storyline.store import Store, parquet

if TYPE_CHECKING:  # the corpus stages' modules load when a corpus update runs, not at start-up
    from storyline.corpus.stage import Runner, Step

DEFAULT_WINDOW = 4096  # articles per Ray Data run
CONNECT_TIMEOUT = 5.0  # seconds to reach --ray-address before giving up (ray.init retries ~forever)


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
            check_reachable(address)
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


def check_reachable(address: str, timeout: float = CONNECT_TIMEOUT) -> None:
    """Fail in seconds when nothing listens at ``address``.

    ``ray.init`` keeps retrying an unreachable head node for minutes; a plain TCP connection to
    the address's port tells a typo or a stopped cluster apart from a slow one at once.
    """
    if address in ("auto", "local"):
        return  # Ray finds (or fails to find) a cluster on this machine itself, quickly
    host, sep, port = address.removeprefix("ray://").rpartition(":")
    if not sep or not host or not port.isdigit():
        raise RayUnavailable(
            f"--ray-address {address!r}: expected HOST:PORT, ray://HOST:PORT or auto"
        )
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=timeout).close()
    except OSError as exc:
        raise RayUnavailable(
            f"cannot reach a Ray cluster at {address!r} ({exc.strerror or exc}); is it running "
            "(`ray status` on its head node) and is the port open? Nothing was written"
        ) from None


def _dumps(value: Any) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


class _Stages:
    """A Ray Data actor: one pipeline context, loaded once, over many batches.

    ``to_parquet``: return each batch as Arrow tables of what the store keeps (plus a report of
    the batch) instead of the articles, so the workers' results can be written without the
    driver ever holding them.
    """

    def __init__(self, ctx_bytes: bytes, to_parquet: bool = False) -> None:
        self.ctx: Context = pickle.loads(ctx_bytes)
        self.to_parquet = to_parquet
        local.warm(self.ctx)

    def __call__(self, rows: dict[str, Any]) -> dict[str, list[bytes]]:
        if self.to_parquet:
            return self._tables(rows)
        out: dict[str, list[bytes]] = {"done": [], "skipped": []}
        for blob in rows["batch"]:
            done, skipped = process(pickle.loads(blob), self.ctx)
            out["done"].append(_dumps(done))
            out["skipped"].append(_dumps(skipped))
        return out

    def _tables(self, rows: dict[str, Any]) -> dict[str, list[bytes]]:
        out: dict[str, list[bytes]] = {name: [] for name in (*parquet.TABLES, "report")}
        for blob, seq_blob in zip(rows["batch"], rows["seqs"], strict=True):
            batch: list[Article] = pickle.loads(blob)
            seqs = dict(zip((a.article_id for a in batch), pickle.loads(seq_blob), strict=True))
            done, skipped = process(batch, self.ctx)
            part = IngestReport()
            part.add_batch(len(done), done, skipped)
            for name, table in parquet.tables(done, skipped, seqs).items():
                out[name].append(_dumps(table))
            out["report"].append(_dumps(part))
        return out


def _unpack(rows: dict[str, Any], column: str) -> Any:
    """One Parquet table out of the actors' per-batch results (Arrow tables, pickled)."""
    import pyarrow as pa

    return pa.concat_tables([pickle.loads(b) for b in rows[column]])


def _add(report: IngestReport, part: IngestReport) -> None:
    """Add a batch counted in a worker (``IngestReport.add_batch`` there) to the run's report:
    counts add up and lists extend, whatever fields the report grows."""
    for f in fields(report):
        mine, theirs = getattr(report, f.name), getattr(part, f.name)
        if isinstance(mine, list):
            mine.extend(theirs)
        elif isinstance(mine, int):
            setattr(report, f.name, mine + theirs)


def _windows(items: Iterable[Article | Skipped], size: int) -> Iterator[list[Article | Skipped]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _fresh(
    paths: Iterable[str],
    ctx: Context,
    known: Callable[[list[str]], set[str]],
    report: IngestReport,
    window: int,
) -> Iterator[tuple[list[Skipped], list[Article]]]:
    """Windows of inputs: what could not be read, and the articles not known yet (in order).

    ``known``: which of these ids are stored already.  Ids of this window are remembered only
    until the caller has written the window, when ``known`` finds them."""
    seen: set[str] = set()
    for chunk in _windows(iter_inputs(paths, ctx.read), window):
        fresh, skipped_read = local.fresh_articles(chunk, known, seen, report)
        del chunk
        yield skipped_read, fresh
        seen.clear()  # this window is written: ``known`` finds its articles from now on


def _dataset(
    ray: Any,
    fresh: list[Article],
    batch_size: int,
    ctx_bytes: bytes,
    workers: int,
    first_seq: int = 0,
    to_parquet: bool = False,
) -> Any:
    """The window's batches mapped through the stages by an actor pool (lazy until read)."""
    rows = []
    for i in range(0, len(fresh), batch_size):
        batch = fresh[i : i + batch_size]
        rows.append(
            {
                "batch": _dumps(batch),
                "seqs": _dumps(list(range(first_seq + i, first_seq + i + len(batch)))),
            }
        )
    return ray.data.from_items(rows, override_num_blocks=len(rows)).map_batches(
        _Stages,
        fn_constructor_kwargs={"ctx_bytes": ctx_bytes, "to_parquet": to_parquet},
        batch_size=1,
        compute=ray.data.ActorPoolStrategy(size=max(1, workers)),
        num_cpus=1,
        batch_format="numpy",
    )


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
    ctx_bytes = pickle.dumps(ctx)
    for skipped_read, fresh in _fresh(paths, ctx, store.existing_ids, report, window):
        if skipped_read:
            _commit(store, report, [], skipped_read, progress)
        if not fresh:
            continue
        ds = _dataset(ray, fresh, batch_size, ctx_bytes, workers)
        del fresh
        for row in ds.iter_rows():
            _commit(
                store, report, pickle.loads(row["done"]), pickle.loads(row["skipped"]), progress
            )
    if update_corpus and (report.new or store.dirty):
        if progress:
            progress(report, "corpus")
        local.update(store, ctx, runner=corpus_runner())
    return report


def ingest_parquet(
    paths: Iterable[str],
    out_dir: str,
    ctx: Context | None = None,
    batch_size: int = local.DEFAULT_BATCH,
    workers: int = 2,
    address: str | None = None,
    progress: Progress | None = None,
    window: int = DEFAULT_WINDOW,
) -> IngestReport:
    """Run the per-article stages and write their results as Parquet under ``out_dir``.

    No store is opened: the Ray workers' results are written by Ray Data (``write_parquet``),
    one sub-directory per window (``store/parquet.py``).  Articles already written under
    ``out_dir`` are skipped, so re-running on the same inputs adds nothing.  The corpus stages
    run when the directory is loaded into a store (``storyline load``).
    """
    ctx = ctx or Context()
    parquet.check_output(out_dir)  # a wrong directory is reported before Ray starts...
    ray = start(address, cpus=max(1, workers))
    parquet.prepare(out_dir)  # ...and an unreachable cluster leaves no directory behind
    report = IngestReport()
    ctx_bytes = pickle.dumps(ctx)
    run = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + "-" + uuid.uuid4().hex[:8]
    written = parquet.stored_ids(out_dir)  # ids of this directory: a set of strings, not rows
    seq = 0

    def known(ids: list[str]) -> set[str]:
        return written.intersection(ids)

    for n, (skipped_read, fresh) in enumerate(_fresh(paths, ctx, known, report, window)):
        if skipped_read:
            parquet.write_window(out_dir, run, n, {"skipped": _skipped_table(skipped_read)})
            report.skipped.extend(skipped_read)
        if not fresh:
            continue
        ds = _dataset(ray, fresh, batch_size, ctx_bytes, workers, seq, to_parquet=True)
        seq += len(fresh)
        written.update(a.article_id for a in fresh)
        del fresh
        results = ds.materialize()  # the window's tables in Ray's object store, computed once
        for name in parquet.TABLES:
            results.map_batches(
                _unpack, fn_kwargs={"column": name}, batch_format="numpy"
            ).write_parquet(
                str(parquet.window_dir(out_dir, name, run, n)), min_rows_per_file=window * 64
            )
        for row in results.select_columns(["report"]).iter_rows():
            _add(report, pickle.loads(row["report"]))
            if progress:
                progress(report, "batch")
        del results
    return report


def _skipped_table(skipped: list[Skipped]) -> Any:
    return parquet.tables([], skipped, {})["skipped"]


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


# ---- corpus stages as Ray Data groupbys ---------------------------------------------------------
# Fewer partitions than this in a chunk are computed in the driver: a groupby's start-up costs
# more than merging a few hundred keys (an everyday one-batch update touches a handful).
GROUPBY_MIN = 1_000


def _ray_for_corpus(partitions: int | None) -> tuple[Any, int]:
    ray = _import_ray()
    if not ray.is_initialized():
        start(None, cpus=2)
    cpus = int(ray.cluster_resources().get("CPU", 2))
    return ray, partitions or max(1, cpus)


def corpus_runner(min_partitions: int = GROUPBY_MIN, partitions: int | None = None) -> Runner:
    """What the Ray engine hands the corpus update: any stage's chunk of ``min_partitions`` or
    more partitions is computed on the cluster, as a Ray Data groupby over the partition;
    smaller chunks here.  ``partitions``: shuffle partitions (default: the cluster's CPUs)."""

    from storyline.corpus.stage import run_here

    def run(step: Step, items: list[tuple[Any, Any]], ctx: Context) -> list[Any]:
        if len(items) < max(1, min_partitions):
            return run_here(step, items, ctx)
        return groupby(step, items, ctx, partitions)

    return run


def groupby(
    step: Step, items: list[tuple[Any, Any]], ctx: Context, partitions: int | None = None
) -> list[Any]:
    """``step.compute`` over a chunk of partitions on the cluster: one row a partition (its key
    and what ``step.read`` read for it), grouped by partition, each group computed wherever Ray
    puts it.  Partitions never interact, so the results are the driver's; they come back in the
    chunk's order.  Each row carries all its partition needs, so nothing corpus-sized is sent
    to every task; the pipeline context travels once a task and is loaded once a worker."""
    ray, partitions = _ray_for_corpus(partitions)
    rows = [{"part": i, "item": _dumps(item)} for i, item in enumerate(items)]
    ds = ray.data.from_items(rows, override_num_blocks=min(len(rows), partitions * 4))
    context = (uuid.uuid4().hex, _dumps(ctx))
    out = (
        ds.groupby("part", num_partitions=partitions)
        .map_groups(
            _compute_group, fn_kwargs={"step": step, "context": context}, batch_format="numpy"
        )
        .take_all()
    )
    results = {int(r["part"]): pickle.loads(r["result"]) for r in out}
    return [results[i] for i in range(len(items))]


_CONTEXTS: dict[str, Context] = {}


def _compute_group(
    rows: dict[str, Any], step: Step, context: tuple[str, bytes]
) -> dict[str, list[Any]]:
    """One partition (a group of one row) through its step's ``compute``, on a worker."""
    token, blob = context
    if token not in _CONTEXTS:
        _CONTEXTS.clear()  # one update's context at a time: the knowledge base loads once
        _CONTEXTS[token] = pickle.loads(blob)
    ctx = _CONTEXTS[token]
    parts, results = [], []
    for part, blob_item in zip(rows["part"], rows["item"], strict=True):
        key, data = pickle.loads(blob_item)
        parts.append(int(part))
        results.append(_dumps(step.compute(key, data, ctx)))
    return {"part": parts, "result": results}
