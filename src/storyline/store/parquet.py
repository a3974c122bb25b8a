"""Per-article results as Parquet datasets, and their loading into the SQLite store.

Why this exists: on a cluster the per-article stages are the expensive part, and one SQLite
writer in the driver is the bottleneck.  ``storyline ingest --engine ray --parquet DIR`` lets the
Ray workers write what the store would keep as Parquet (readable by DuckDB, pandas, Spark), and
``storyline load DIR --db FILE`` puts it into a store later through the store's own
``write_batch``, so there is one writer of the schema, not two.

Layout (one directory per table, one sub-directory per ingest run and window of articles, hive
style so DuckDB and pyarrow read ``run`` and ``part`` (the window) as columns)::

    DIR/storyline-parquet.json                       format name and version
    DIR/<table>/run=<RUN>/part=<NNNNN>/*.parquet     table: articles, actor_mentions, actors,
                                                     event_mentions, skipped

``seq`` numbers the articles of a run in input order; loading sorts by (run, part, seq), so a
store loaded from Parquet holds its articles in the order a direct ingest would have written
them (the canonical copy of a duplicate group and first-seen actors depend on that order).
Every per-article row carries ``article_id`` and ``seq``.  The schemas below are the documented format
(docs/formats.md); columns are only ever added.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, is_dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from storyline.model import Actor, Article, Event, Mention, Skipped
from storyline.store import Store, StoreError, codec, schema
from storyline.store.articles import CORPUS_COLUMNS

FORMAT = "storyline-parquet"
VERSION = 1
MARKER = "storyline-parquet.json"


def _schemas() -> dict[str, pa.Schema]:
    """The tables' columns, derived from the model and the store's tables.

    Each per-article table is what the store keeps of it (the columns of the SQLite table that
    are fields of the dataclass, in the table's order, typed from the dataclass), so a field
    the store starts keeping is written to Parquet, and read back, without a second list."""
    columns = _store_columns()
    seq = [("seq", pa.int64()), ("article_id", pa.string())]
    article_fields = codec.kept_fields(Article, columns["articles"], CORPUS_COLUMNS)
    mention_fields = codec.kept_fields(Mention, columns["actor_mentions"])
    actor_fields = codec.kept_fields(Actor, columns["actors"])
    report_keys = [(k, pa.string()) for k in ("mention_id", "source_code", "target_code")]
    return {
        # The articles table's columns (store: articles).
        "articles": pa.schema([seq[0], *codec.arrow_fields(Article, article_fields)]),
        # Resolved actor mentions (store: actor_mentions).
        "actor_mentions": pa.schema([*seq, *codec.arrow_fields(Mention, mention_fields)]),
        # The actors each article names, with the spellings seen in it (store: actors, aliases).
        "actors": pa.schema(
            [*seq, *codec.arrow_fields(Actor, actor_fields), ("aliases", pa.list_(pa.string()))]
        ),
        # One coded event report per row: the contract's EVENT record of one sentence, with the
        # columns the store indexes it by (store: event_mentions and its record).
        "event_mentions": pa.schema(
            [*seq, *report_keys, *codec.arrow_fields(Event, codec.field_names(Event))]
        ),
        # Inputs that did not become articles, and why (store: ingest_log).
        "skipped": pa.schema([("path", pa.string()), ("reason", pa.string())]),
    }


def _store_columns() -> dict[str, list[str]]:
    """The store's tables and their columns, from the schema's migrations (in memory)."""
    import sqlite3

    con = sqlite3.connect(":memory:")
    try:
        for version in sorted(schema.MIGRATIONS):
            for stmt in schema.MIGRATIONS[version]:
                con.execute(stmt)
        return {
            t: [r[1] for r in con.execute(f"PRAGMA table_info({t})")]
            for t in ("articles", "actor_mentions", "actors")
        }
    finally:
        con.close()


SCHEMAS: dict[str, pa.Schema] = _schemas()
TABLES = tuple(SCHEMAS)


class ParquetError(StoreError):
    """A directory that is not (or not wholly) storyline Parquet; the message says what."""


def _event_row(ev: Event) -> dict[str, Any]:
    rec = ev.record()
    rec["mention_id"] = ev.mentions[0].mention_id if ev.mentions else ev.event_id
    rec["source_code"] = ev.source.code if ev.source else None
    rec["target_code"] = ev.target.code if ev.target else None
    return rec


def _kept(obj: Any, table: str) -> dict[str, Any]:
    """The fields of ``obj`` that a table has columns for, as Arrow takes them."""
    return {n: _arrow_value(getattr(obj, n)) for n in SCHEMAS[table].names if hasattr(obj, n)}


def _arrow_value(value: Any) -> Any:
    if isinstance(value, list):
        return [asdict(x) if is_dataclass(x) else x for x in value]
    return asdict(value) if is_dataclass(value) and not isinstance(value, type) else value


def tables(
    done: Sequence[Article], skipped: Sequence[Skipped], seqs: dict[str, int]
) -> dict[str, pa.Table]:
    """One batch's results as Arrow tables (one per Parquet dataset); ``seqs``: article order."""
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    for a in done:
        own = {"seq": seqs[a.article_id], "article_id": a.article_id}
        rows["articles"].append({**_kept(a, "articles"), **own})
        rows["actor_mentions"].extend({**own, **_kept(m, "actor_mentions")} for m in a.mentions)
        rows["actors"].extend({**own, **_kept(x, "actors")} for x in a.actors.values())
        rows["event_mentions"].extend({**own, **_event_row(ev)} for ev in a.events)
    rows["skipped"] = [{"path": s.path, "reason": s.reason} for s in skipped]
    return {t: pa.Table.from_pylist(rows[t], schema=SCHEMAS[t]) for t in TABLES}


def articles_from_tables(t: dict[str, pa.Table]) -> list[Article]:
    """Rebuild the articles of a window as ``write_batch`` reads them, in ``seq`` order.

    Fields the store does not keep stay at their defaults (a mention's sentence and token
    range, an event's parse); everything ``write_batch`` writes comes back as it was.
    """
    children: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for name in ("actor_mentions", "actors", "event_mentions"):
        for row in _sorted(t[name]).to_pylist():
            children.setdefault(row["article_id"], {}).setdefault(name, []).append(row)
    out: list[Article] = []
    for r in _sorted(t["articles"]).to_pylist():
        kids = children.get(r["article_id"], {})
        out.append(
            codec.decode(
                Article,
                r,
                mentions=[_mention(m) for m in kids.get("actor_mentions", [])],
                actors={x["actor_id"]: codec.decode(Actor, x) for x in kids.get("actors", [])},
                events=[codec.decode(Event, e) for e in kids.get("event_mentions", [])],
            )
        )
    return out


def _mention(m: dict[str, Any]) -> Mention:
    """An actor mention as stored: the parse's positions and the actor's details are not kept."""
    return codec.decode(
        Mention, m, sentence=-1, token_start=-1, token_end=-1, name="", kind="", country=None
    )


def _sorted(table: pa.Table) -> pa.Table:
    # Arrow's sort is stable: rows of one article keep the order they were written in.
    return table.sort_by([("seq", "ascending")]) if table.num_rows else table


# ---- the directory ------------------------------------------------------------------------------
def window_dir(root: str | Path, table: str, run: str, window: int) -> Path:
    return Path(root) / table / f"run={run}" / f"part={window:05d}"


def check_output(root: str | Path) -> None:
    """Whether ``root`` can take output: new, empty, or storyline Parquet this version reads."""
    path = Path(root)
    if (path / MARKER).exists():
        _check_marker(path)
    elif path.exists() and not path.is_dir():
        raise ParquetError(f"{path} exists and is not a directory")
    elif path.is_dir() and any(path.iterdir()):
        raise ParquetError(
            f"{path} is not empty and holds no {MARKER}: choose a new or empty directory"
        )


def prepare(root: str | Path) -> None:
    """Create (or check) an output directory: a marker file says what it holds."""
    check_output(root)
    path = Path(root)
    marker = path / MARKER
    if marker.exists():
        return
    path.mkdir(parents=True, exist_ok=True)
    marker.write_text(
        json.dumps({"format": FORMAT, "version": VERSION, "tables": list(TABLES)}) + "\n",
        encoding="utf-8",
    )


def _check_marker(path: Path) -> None:
    marker = path / MARKER
    try:
        meta = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ParquetError(f"{path}: cannot read {MARKER}: {exc}") from None
    if meta.get("format") != FORMAT:
        raise ParquetError(f"{path}: {MARKER} does not describe storyline Parquet output")
    if int(meta.get("version", 0)) > VERSION:
        raise ParquetError(
            f"{path} was written by a newer storyline (format {meta.get('version')}, this one "
            f"reads up to {VERSION}); upgrade storyline to load it"
        )


def stored_ids(root: str | Path) -> set[str]:
    """Article ids already written under ``root`` (so a re-run writes only new articles)."""
    base = Path(root) / "articles"
    if not base.is_dir():
        return set()
    ids: set[str] = set()
    for run, window in windows(root):
        t = read_window(root, run, window, {"articles": ["article_id"]})["articles"]
        ids.update(t.column("article_id").to_pylist())
    return ids


def windows(root: str | Path) -> list[tuple[str, int]]:
    """Every (run, window) under ``root``, in the order they were written."""
    found: set[tuple[str, int]] = set()
    for table in ("articles", "skipped"):
        for d in (Path(root) / table).glob("run=*/part=*"):
            if d.is_dir():
                found.add((d.parent.name.removeprefix("run="), int(d.name.removeprefix("part="))))
    return sorted(found)


def read_window(
    root: str | Path, run: str, window: int, columns: dict[str, list[str]] | None = None
) -> dict[str, pa.Table]:
    """The tables of one window (empty tables for the ones it has no rows in)."""
    out: dict[str, pa.Table] = {}
    for table in columns or TABLES:
        schema = SCHEMAS[table]
        if columns:
            schema = pa.schema([schema.field(c) for c in columns[table]])
        d = window_dir(root, table, run, window)
        files = sorted(d.glob("*.parquet")) if d.is_dir() else []
        if not files:
            out[table] = schema.empty_table()
            continue
        try:
            parts = [pq.read_table(f, schema=schema) for f in files]
        except (pa.ArrowException, OSError) as exc:
            raise ParquetError(f"cannot read {d}: {exc}") from None
        out[table] = pa.concat_tables(parts)
    return out


def write_window(root: str | Path, run: str, window: int, tbls: dict[str, pa.Table]) -> None:
    """Write one window's tables from this process (the Ray engine writes through Ray Data)."""
    for name, table in tbls.items():
        if table.num_rows:
            d = window_dir(root, name, run, window)
            d.mkdir(parents=True, exist_ok=True)
            pq.write_table(table, d / "driver.parquet")


def check(root: str | Path) -> Path:
    """The directory, if it holds storyline Parquet this version can read; else ParquetError."""
    path = Path(root)
    if not path.is_dir():
        raise ParquetError(f"no Parquet directory at {path}")
    if not (path / MARKER).exists():
        raise ParquetError(f"{path} holds no {MARKER}: not written by `storyline ingest --parquet`")
    _check_marker(path)
    return path


# ---- loading into the store -------------------------------------------------------------------
@dataclass
class LoadReport:
    windows: int = 0
    read: int = 0
    new: int = 0
    already_stored: int = 0
    events: int = 0
    skipped: list[Skipped] = field(default_factory=list)


def load(
    root: str | Path,
    store: Store,
    batch_size: int = 32,
    progress: Any = None,
) -> LoadReport:
    """Load a Parquet directory into ``store`` through ``write_batch``, window by window.

    Memory is one window's tables.  Articles already stored are ignored by ``write_batch``
    (``INSERT OR IGNORE`` by content id), and a skipped input already logged is not logged
    again, so loading twice adds nothing.  The corpus update is the caller's (``api.load``).
    """
    path = check(root)
    report = LoadReport()
    logged = {(p, r) for _at, p, r in store.articles.skipped()}
    for run, window in windows(path):
        t = read_window(path, run, window)
        articles = articles_from_tables(t)
        skipped = [
            Skipped(r["path"], r["reason"])
            for r in t["skipped"].to_pylist()
            if (r["path"], r["reason"]) not in logged
        ]
        logged.update((s.path, s.reason) for s in skipped)
        report.windows += 1
        report.read += len(articles)
        report.skipped.extend(skipped)
        for batch, skips in _batches(articles, skipped, batch_size):
            known = store.existing_ids([a.article_id for a in batch])
            report.new += store.write_batch(batch, skips)
            report.already_stored += len(known)
            report.events += sum(len(a.events) for a in batch if a.article_id not in known)
            if progress:
                progress(report)
    return report


def _batches(
    articles: list[Article], skipped: list[Skipped], size: int
) -> Iterator[tuple[list[Article], list[Skipped]]]:
    if not articles:
        if skipped:
            yield [], skipped
        return
    for i in range(0, len(articles), size):
        yield articles[i : i + size], skipped if i == 0 else []


def iter_rows(root: str | Path, table: str) -> Iterable[dict[str, Any]]:
    """Every row of one table, window by window (for tools and tests)."""
    for run, window in windows(root):
        yield from read_window(root, run, window, {table: list(SCHEMAS[table].names)})[
            table
        ].to_pylist()
