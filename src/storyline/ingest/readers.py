"""Turn paths (files, folders, globs, ``-``) into raw Articles, or Skipped records with a reason.

Reading never raises for one bad input: the caller gets a ``Skipped`` and the batch goes on.
`read_source` is the one place formats are dispatched; every reader is a generator because one
file may hold many articles (JSON lines, CSV, feeds, WARC archives).  Containers that can be
streamed are streamed, so memory does not grow with the size of a dump.
"""

from __future__ import annotations

import glob
import gzip
import io
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from storyline.ingest.base import (
    DEFAULT_MAX_BYTES,
    ReadOptions,
    decode,
    resolve_outlet,
)
from storyline.ingest.detect import Kind, sniff
from storyline.ingest.feeds import read_feed
from storyline.ingest.html import article_from_html
from storyline.ingest.records import read_csv, read_json, read_jsonl
from storyline.ingest.text import HEADER_KEYS, article_from_text, parse_text_document
from storyline.ingest.warc import read_warc
from storyline.model import Article, Skipped

__all__ = [
    "DEFAULT_MAX_BYTES",
    "HEADER_KEYS",
    "ReadOptions",
    "article_from_text",
    "decode",
    "expand_paths",
    "iter_inputs",
    "parse_text_document",
    "read_bytes",
    "read_path",
    "read_source",
    "resolve_outlet",
]

IGNORED_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}
HEAD_BYTES = 65536
# Names that usually hold many articles; used only to size the progress bar, never to decide
# how a file is read.
CONTAINER_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".tsv", ".warc", ".gz", ".xml", ".rss", ".atom")


def expand_paths(paths: Iterable[str]) -> Iterator[str | Skipped]:
    """Folders recursively (sorted, so runs are repeatable), globs, and ``-``; missing paths reported."""
    for raw in paths:
        if raw == "-":
            yield "-"
            continue
        matches = sorted(glob.glob(raw, recursive=True)) if glob.has_magic(raw) else [raw]
        if not matches:
            yield Skipped(raw, "no file matches this pattern")
            continue
        for item in matches:
            p = Path(item)
            if p.is_dir():
                for root, dirs, files in os.walk(p):
                    dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                    stems = {Path(f).stem for f in files if not f.endswith(".json")}
                    for name in sorted(files):
                        if name.startswith(".") or name in IGNORED_NAMES:
                            continue
                        if name.endswith(".json") and Path(name).stem in stems:
                            continue  # a sidecar: read together with its document
                        yield str(Path(root) / name)
            elif p.exists():
                yield str(p)
            else:
                yield Skipped(str(p), "no such file or folder")


def read_sidecar(path: str) -> dict[str, Any]:
    """``NAME.json`` next to ``NAME.txt`` (or ``.html``) supplies metadata for it."""
    if path.endswith(".json"):
        return {}
    side = Path(path).with_suffix(".json")
    if not side.is_file():
        return {}
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {HEADER_KEYS.get(str(k).lower(), str(k).lower()): v for k, v in data.items()}


def _gunzip_head(fh: IO[bytes]) -> bytes:
    fh.seek(0)
    try:
        with gzip.GzipFile(fileobj=fh) as gz:
            return gz.read(HEAD_BYTES)
    except (OSError, EOFError):
        return b""
    finally:
        fh.seek(0)


def _single(
    stream: IO[bytes], name: str, kind: Kind, options: ReadOptions, sidecar: dict[str, Any]
) -> Article | Skipped:
    limit = options.max_bytes * (4 if kind is Kind.HTML else 1)
    data = stream.read(limit + 1)
    if len(data) > limit:
        return Skipped(name, f"file too large (over the {limit}-byte limit for {kind} input)")
    if not data.strip():
        return Skipped(name, "empty file")
    text = decode(data)
    if text is None:
        return Skipped(name, "binary data (not text in UTF-8, UTF-16 or cp1252)")
    if kind is Kind.HTML:
        return article_from_html(text, name, options, sidecar)
    return article_from_text(text, name, options, sidecar)


def read_source(
    stream: IO[bytes],
    name: str,
    options: ReadOptions | None = None,
    sidecar: dict[str, Any] | None = None,
) -> Iterator[Article | Skipped]:
    """Read everything one seekable byte stream holds, whatever its format."""
    options = options or ReadOptions()
    sidecar = sidecar or {}
    head = stream.read(HEAD_BYTES)
    stream.seek(0)
    if not head.strip():
        yield Skipped(name, "empty file")
        return
    if head.startswith(b"\x1f\x8b"):
        inner = _gunzip_head(stream)
        if inner.startswith(b"WARC/"):
            yield from read_warc(stream, name, options)
            return
        if not inner:
            yield Skipped(name, "gzip data that cannot be decompressed")
            return
        with gzip.GzipFile(fileobj=stream) as gz:
            yield from _dispatch(gz, inner, name.removesuffix(".gz"), options, sidecar)
        return
    yield from _dispatch(stream, head, name, options, sidecar)


def _dispatch(
    stream: IO[bytes], head: bytes, name: str, options: ReadOptions, sidecar: dict[str, Any]
) -> Iterator[Article | Skipped]:
    text_fields = {n.lower() for n in options.fields["text"] + options.fields["html"]}
    kind, delimiter = sniff(head, name, text_fields)
    try:
        if kind is Kind.WARC:
            yield from read_warc(stream, name, options)
        elif kind is Kind.JSONL:
            yield from read_jsonl(stream, name, options)
        elif kind in (Kind.CSV, Kind.TSV):
            yield from read_csv(stream, name, options, delimiter)
        elif kind in (Kind.FEED, Kind.JSON):
            data = stream.read(options.max_container_bytes + 1)
            if len(data) > options.max_container_bytes:
                yield Skipped(
                    name, f"{kind} file over the {options.max_container_bytes}-byte limit"
                )
            elif kind is Kind.FEED:
                yield from read_feed(data, name, options)
            else:
                yield from read_json(data, name, options)
        elif kind is Kind.XML:
            yield Skipped(name, "XML that is neither an RSS/Atom feed nor HTML (not supported)")
        elif kind is Kind.BINARY:
            yield Skipped(name, "binary data (not text in UTF-8, UTF-16 or cp1252)")
        else:
            yield _single(stream, name, kind, options, sidecar)
    except Exception as exc:  # a reader bug or hostile input: report it, keep the batch going
        yield Skipped(name, f"{kind} reader failed ({type(exc).__name__}: {exc})"[:300])


def read_path(path: str, options: ReadOptions | None = None) -> Iterator[Article | Skipped]:
    options = options or ReadOptions()
    try:
        if os.path.getsize(path) == 0:
            yield Skipped(path, "empty file")
            return
        fh = open(path, "rb")  # noqa: SIM115 - closed below, after the generator is drained
    except OSError as exc:
        yield Skipped(path, f"cannot read: {exc.strerror or exc}")
        return
    with fh:
        try:
            yield from read_source(fh, path, options, read_sidecar(path))
        except OSError as exc:
            yield Skipped(path, f"read error: {exc.strerror or exc}")


def read_bytes(
    data: bytes, name: str = "<input>", options: ReadOptions | None = None
) -> Iterator[Article | Skipped]:
    """Uploaded or piped content: the same formats as files."""
    yield from read_source(io.BytesIO(data), name, options)


def _read_stdin(options: ReadOptions) -> Iterator[Article | Skipped]:
    # Spooled: small input stays in memory, a large dump (JSON lines, WARC) goes to a temp file,
    # so stdin gets the same seekable reading as files.
    with tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024) as spool:
        while chunk := sys.stdin.buffer.read(1 << 20):
            spool.write(chunk)
        spool.seek(0)
        yield from read_source(spool, "<stdin>", options)  # type: ignore[arg-type]


def iter_inputs(
    paths: Iterable[str], options: ReadOptions | None = None
) -> Iterator[Article | Skipped]:
    """Stream raw articles: one input (or one record of a container) in memory at a time."""
    options = options or ReadOptions()
    for item in expand_paths(paths):
        if isinstance(item, Skipped):
            yield item
        elif item == "-":
            yield from _read_stdin(options)
        else:
            yield from read_path(item, options)


def count_inputs(paths: Iterable[str]) -> int | None:
    """How many articles to expect, for a progress bar; None when containers make it unknowable."""
    n = 0
    for item in expand_paths(paths):
        if item == "-" or (isinstance(item, str) and item.lower().endswith(CONTAINER_SUFFIXES)):
            return None
        n += 1
    return n
