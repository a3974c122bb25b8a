"""The public Python API: the service functions the CLI, the HTTP API and the web UI call.

Faces stay thin: everything they show comes from here, so the command line and the browser can
never disagree.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import IO, Any

from storyline import service
from storyline.engines import local
from storyline.ingest import clean
from storyline.ingest.dates import parse_date
from storyline.ingest.readers import ReadOptions
from storyline.model import Article
from storyline.pipeline import STAGES, Context
from storyline.store import Store, StoreError
from storyline.store import export as export_mod

__all__ = [
    "Context",
    "Store",
    "StoreError",
    "actors",
    "code_lines",
    "code_text",
    "duplicates",
    "export",
    "export_layout",
    "ingest",
    "ingest_bytes",
    "load",
    "open_store",
    "read_options",
    "sample_corpus",
    "timeline",
    "timeline_summary",
]

DEFAULT_DB = "storyline.db"


def open_store(db: str = DEFAULT_DB, readonly: bool = False) -> Store:
    return Store(db, readonly=readonly)


def ingest(
    paths: Iterable[str],
    db: str = DEFAULT_DB,
    *,
    workers: int | None = None,
    batch_size: int = local.DEFAULT_BATCH,
    ctx: Context | None = None,
    progress: local.Progress | None = None,
    engine: str = "local",
    ray_address: str | None = None,
    parquet: str | None = None,
) -> local.IngestReport:
    """``engine``: "local" (processes on this machine) or "ray" (a Ray cluster at
    ``ray_address``, or a local Ray with ``workers`` CPUs); both give the same results.

    ``parquet`` (Ray only): write the per-article results as Parquet under that directory
    instead of the store (``db`` is not opened); ``load`` puts them into a store later.

    ``workers``: None uses the CPUs this process may run on (``engines/cpus.usable_cpus``)."""
    from storyline.engines.cpus import default_workers

    workers = default_workers(workers)
    if engine == "ray":
        from storyline.engines import ray as ray_engine

        if parquet is not None:
            return ray_engine.ingest_parquet(
                paths,
                parquet,
                ctx or Context(),
                batch_size=batch_size,
                workers=workers,
                address=ray_address,
                progress=progress,
            )
        # Reach the cluster before the store is created: an unreachable one leaves no file.
        ray_engine.start(ray_address, cpus=max(1, workers))
        with open_store(db) as store:
            return ray_engine.ingest(
                paths,
                store,
                ctx or Context(),
                batch_size=batch_size,
                workers=workers,
                address=ray_address,
                progress=progress,
            )
    with open_store(db) as store:
        return local.ingest(
            paths,
            store,
            ctx or Context(),
            batch_size=batch_size,
            workers=workers,
            progress=progress,
        )


def load(
    directory: str,
    db: str = DEFAULT_DB,
    *,
    batch_size: int = local.DEFAULT_BATCH,
    ctx: Context | None = None,
    progress: Any = None,
) -> Any:
    """Load Parquet written by ``ingest(..., parquet=DIR)`` into the store, then update the
    corpus results (duplicates, merged events, stories, claims, dyads) as an ingest does.

    Returns ``store.parquet.LoadReport``; loading the same directory twice adds nothing."""
    from storyline.store import parquet as parquet_mod

    parquet_mod.check(directory)  # before the store is created: a wrong path leaves no file
    with open_store(db) as store:
        report = parquet_mod.load(directory, store, batch_size=batch_size, progress=progress)
        if report.new or store.dirty:
            local.update(store, ctx or Context())
    return report


def ingest_bytes(
    files: Iterable[tuple[str, bytes]],
    db: str = DEFAULT_DB,
    *,
    ctx: Context | None = None,
) -> local.IngestReport:
    """Ingest uploaded content (name, bytes) exactly as files: any format the readers know.

    Each article's ``path`` is ``upload:NAME`` (the name's last component only), so a stored
    record says where it came from without exposing the server's temporary files."""
    from itertools import chain

    from storyline.ingest.readers import read_bytes

    ctx = ctx or Context()
    items = chain.from_iterable(
        read_bytes(data, "upload:" + _upload_name(name), ctx.read) for name, data in files
    )
    with open_store(db) as store:
        return local.ingest([], store, ctx, inputs=items)


def _upload_name(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip()
    return base[:200] or "upload"


def read_options(
    fields: Iterable[str] = (), outlets: str | None = None, max_bytes: int | None = None
) -> ReadOptions:
    """Reading options from user strings; ValueError with a readable message when one is wrong.

    ``fields``: ``KEY=NAME`` items naming record fields.  ``outlets``: a file mapping web hosts
    (or outlet names as sources state them) to the outlet name to store.
    """
    options = ReadOptions()
    if max_bytes is not None:
        options.max_bytes = max_bytes
    overrides: dict[str, str] = {}
    for item in fields:
        key, sep, name = item.partition("=")
        if not sep or not key.strip() or not name.strip():
            raise ValueError(f"--field expects KEY=NAME, got {item!r}")
        overrides[key.strip().lower()] = name.strip()
    if overrides:
        options = options.with_fields(overrides)
    if outlets:
        options.outlet_map = load_outlet_map(outlets)
    return options


def load_outlet_map(path: str) -> dict[str, str]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ValueError(f"cannot read outlet map {path}: {exc.strerror or exc}") from None
    if text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise ValueError(f"outlet map {path} is not valid JSON: {exc}") from None
        return {str(k).lower().removeprefix("www."): str(v) for k, v in data.items()}
    mapping: dict[str, str] = {}
    for n, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        key, sep, value = line.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise ValueError(f"outlet map {path}, line {n}: expected 'host-or-name = Outlet'")
        key = key.strip()
        mapping[key.lower().removeprefix("www.") if "." in key else key] = value.strip()
    return mapping


def export(
    kind: str, db: str = DEFAULT_DB, fmt: str = "jsonl", out: IO[Any] | str | None = None
) -> int:
    import sys

    with open_store(db, readonly=True) as store:
        return export_mod.write(store, kind, fmt, out if out is not None else sys.stdout)


def export_layout(layout: str, db: str = DEFAULT_DB, out: IO[str] | str | None = None) -> Any:
    """Events in a field's own layout (``gdelt``, ``icews``, ``plover``: ``store/layouts.py``);
    returns the ``Layout`` (rows written, and what was left out and why)."""
    import sys

    from storyline.store import layouts

    with open_store(db, readonly=True) as store:
        if isinstance(out, str):
            with open(out, "w", encoding="utf-8", newline="") as stream:
                return layouts.write(store, layout, stream)
        return layouts.write(store, layout, out if out is not None else sys.stdout)


def actors(db: str = DEFAULT_DB, *, unknown: bool = False) -> list[Any]:
    """The store's actors with their mention counts (``actors/listing.py``), most seen first."""
    with open_store(db, readonly=True) as store:
        return service.actor_listing(store, unknown=unknown)


def timeline(
    db: str = DEFAULT_DB,
    *,
    story: str | None = None,
    dyad: tuple[str, str] | None = None,
    actor: str | None = None,
    fmt: str = "text",
    query_text: str | None = None,
    everything: bool = False,
    news_only: bool = False,
) -> str:
    """A timeline; ``news_only`` leaves out events only recounted as background."""
    from storyline import timeline as tl_mod  # with the corpus stages' modules: only when asked

    with open_store(db, readonly=True) as store:
        built = tl_mod.build(
            store, story=story, dyad=dyad, actor=actor, query_text=query_text, everything=everything
        )
    if news_only:
        built = tl_mod.news_only(built)
    return tl_mod.RENDERERS[fmt](built)


def timeline_summary(
    db: str = DEFAULT_DB,
    *,
    dates: int = 10,
    story: str | None = None,
    dyad: tuple[str, str] | None = None,
    actor: str | None = None,
    query_text: str | None = None,
    everything: bool = False,
    date_from: str | None = None,
    date_to: str | None = None,
    fmt: str = "text",
) -> str:
    """The ``dates`` most reported days of a scope, one sentence each (``summary.summarize``)."""
    from storyline import summary

    with open_store(db, readonly=True) as store:
        built = summary.summarize(
            store,
            dates=dates,
            story=story,
            dyad=dyad,
            actor=actor,
            query_text=query_text,
            everything=everything,
            date_from=date_from,
            date_to=date_to,
        )
    return summary.RENDERERS[fmt](built)


def duplicates(db: str = DEFAULT_DB) -> list[service.CopyGroup]:
    """The store's copy groups (largest first) with their pairs, shared passages and texts."""
    with open_store(db, readonly=True) as store:
        return service.duplicates(store)


def sample_corpus() -> Path:
    """The bundled sample corpus: in the source tree, or installed as package data."""
    here = Path(__file__).resolve()
    for candidate in (here.parents[2] / "data" / "sample", Path.cwd() / "data" / "sample"):
        if candidate.is_dir():
            return candidate
    bundled = resources.files("storyline").joinpath("sample")
    return Path(str(bundled))


# ---- coding without a store ------------------------------------------------------------------
# A coded text's date is the one given with it: nothing is inferred (no "date", no "offices").
_CODE_STAGES = [(name, fn) for name, fn in STAGES if name not in ("date", "offices")]


def code_text(
    text: str, date: str | None = None, doc_id: str = "text", ctx: Context | None = None
) -> list[dict[str, Any]]:
    """Code one short text as events (nothing is stored)."""
    ctx = ctx or Context()
    return [e.record() for e in code_articles([_article(doc_id, text, date)], ctx)[0].events]


def _article(doc_id: str, text: str, date: str | None) -> Article:
    art = Article(article_id=doc_id, path=doc_id, text=text)
    parsed = parse_date(date) if date else None
    if parsed:
        art.published, art.published_precision = parsed
        art.published_how = "metadata"
    return art


def code_articles(batch: list[Article], ctx: Context) -> list[Article]:
    """Run the coding stages (no dating from content, nothing stored) over ready articles."""
    for _, stage in _CODE_STAGES:
        batch = stage(batch, ctx)
    return batch


def code_lines(
    lines: Iterable[str], ctx: Context | None = None, batch_size: int = 64
) -> Iterator[tuple[dict[str, Any] | None, str | None]]:
    """Code JSON lines ``{"id", "date", "text"}``; yields (output record, None) or (None, error).

    A line that is not JSON is taken as plain text with its line number as id; a JSON line
    without text is an error for that line only.
    """
    ctx = ctx or Context()
    pending: list[Article] = []

    def flush() -> Iterator[tuple[dict[str, Any] | None, str | None]]:
        for art in code_articles(pending, ctx):
            yield {"id": art.article_id, "events": [e.record() for e in art.events]}, None
        pending.clear()

    for lineno, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("{"):
            try:
                item = json.loads(line)
            except ValueError as exc:
                yield None, f"line {lineno}: not valid JSON ({exc})"
                continue
            text = item.get("text") if isinstance(item, dict) else None
            if not isinstance(text, str) or not text.strip():
                yield None, f'line {lineno}: no "text" field'
                continue
            doc_id = str(item.get("id", lineno))
            date = item.get("date")
            pending.append(_article(doc_id, clean.normalize(text), str(date) if date else None))
        else:
            pending.append(_article(str(lineno), clean.normalize(line), None))
        if len(pending) >= batch_size:
            yield from flush()
    if pending:
        yield from flush()
