"""Export the store's records in the contract's formats: JSON lines, CSV, Parquet.

CSV and Parquet get the same flat columns: nested objects are flattened with ``_``
(``source_actor_id``), lists are kept as JSON text, so one schema serves both.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import IO, Any

from storyline.model import Actor, Article, Claim, DyadRow, Event, Story
from storyline.store import Store, codec

# Each kind's records: the dataclass they are, and where the store keeps them.
KINDS: dict[str, type] = {
    "articles": Article,
    "events": Event,
    "actors": Actor,
    "stories": Story,
    "claims": Claim,
    "dyads": DyadRow,
}
FORMATS = ("jsonl", "csv", "parquet")


def records(store: Store, kind: str) -> Iterator[dict[str, Any]]:
    if kind not in KINDS:
        raise ValueError(f"unknown export kind {kind!r}; one of {', '.join(KINDS)}")
    part = getattr(store, kind)
    yield from (x.record() for x in part.iter())


def flatten(record: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(flatten(value, name + "_"))
        elif isinstance(value, list):
            out[name] = json.dumps(value, ensure_ascii=False)
        else:
            out[name] = value
    return out


def flat_record(kind: str, record: dict[str, Any]) -> dict[str, Any]:
    """A record as flat columns.  A nested object that may be null in one record and present in
    another (an event's ``source``, a claim's ``speaker``) gets its fixed columns either way."""
    rec = dict(record)
    for key, names in codec.nested_fields(KINDS[kind]).items():
        value = rec.get(key) or {}
        rec[key] = {f: value.get(f) for f in names}
    return flatten(rec)


def write(store: Store, kind: str, fmt: str, out: IO[str] | IO[bytes] | str) -> int:
    """Write every record of a kind; returns the count.  ``out`` is a path or an open stream."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        return _write_parquet(store, kind, out)
    if isinstance(out, str):
        with open(out, "w", encoding="utf-8", newline="") as stream:
            return _write_text(store, kind, fmt, stream)
    return _write_text(store, kind, fmt, out)  # type: ignore[arg-type]


def _write_text(store: Store, kind: str, fmt: str, stream: IO[str]) -> int:
    n = 0
    if fmt == "jsonl":
        for rec in records(store, kind):
            stream.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
        return n
    writer: csv.DictWriter[str] | None = None
    for rec in records(store, kind):
        row = flat_record(kind, rec)
        if writer is None:
            writer = csv.DictWriter(stream, fieldnames=list(row), extrasaction="ignore")
            writer.writeheader()
        writer.writerow(row)
        n += 1
    return n


def _write_parquet(store: Store, kind: str, out: IO[Any] | str) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [flat_record(kind, r) for r in records(store, kind)]
    table = pa.Table.from_pylist(rows) if rows else pa.table({})
    if isinstance(out, str):
        pq.write_table(table, out)
    else:
        buf = io.BytesIO()
        pq.write_table(table, buf)
        target = getattr(out, "buffer", out)
        target.write(buf.getvalue())
    return len(rows)
