"""Turn paths (files, folders, globs, ``-``) into raw Articles, or Skipped records with a reason.

Reading never raises for one bad input: the caller gets a ``Skipped`` and the batch goes on.
`read_source` is the one place formats are dispatched; every reader is a generator because one
file may hold many articles (JSON lines, CSV, feeds, WARC archives).  Containers that can be
streamed are streamed, so memory does not grow with the size of a dump.
"""

from __future__ import annotations

import errno
import glob
import gzip
import io
import json
import os
import sys
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from storyline.ingest.base import (
    DEFAULT_MAX_BYTES,
    ReadOptions,
    decode,
    decode_text,
    name_note,
    resolve_outlet,
    storable_name,
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


def _identity(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def expand_paths(paths: Iterable[str]) -> Iterator[str | Skipped]:
    """Folders recursively (sorted, so runs are repeatable), globs, and ``-``; missing paths and
    unreadable folders reported.

    Each file is yielded once however it is reached: ``dir/**`` matches a folder and everything
    under it, and a symbolic link loop yields the same file under ever longer names, so files
    and folders are recognised by device and inode, not by name."""
    seen_files: set[tuple[int, int]] = set()
    seen_dirs: set[tuple[int, int]] = set()
    for raw in paths:
        if raw == "-":
            yield "-"
            continue
        matches = sorted(glob.glob(raw, recursive=True)) if glob.has_magic(raw) else [raw]
        if not matches:
            yield Skipped(storable_name(raw), "no file matches this pattern")
            continue
        looped = False
        for item in matches:
            p = Path(item)
            if not os.path.lexists(item):
                yield Skipped(storable_name(str(p)), "no such file or folder")
                continue
            try:
                os.stat(item)
            except OSError as exc:
                if exc.errno != errno.ELOOP:
                    yield Skipped(storable_name(item), f"cannot read: {exc.strerror or exc}")
                elif not looped:  # a glob follows a link loop until the names get too long
                    looped = True
                    yield Skipped(storable_name(raw), "symbolic link loop (each file read once)")
                continue
            if p.is_dir():
                yield from _walk(p, seen_files, seen_dirs)
            elif p.exists():
                ident = _identity(item)
                if ident is None or ident not in seen_files:
                    if ident is not None:
                        seen_files.add(ident)
                    yield str(p)
            else:
                yield Skipped(storable_name(str(p)), "no such file or folder")


def _walk(
    top: Path, seen_files: set[tuple[int, int]], seen_dirs: set[tuple[int, int]]
) -> Iterator[str | Skipped]:
    errors: list[OSError] = []
    for root, dirs, files in os.walk(top, onerror=errors.append):
        yield from _unreadable(errors)
        ident = _identity(root)
        if ident is not None and ident in seen_dirs:
            dirs[:] = []
            continue
        if ident is not None:
            seen_dirs.add(ident)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        stems = {Path(f).stem for f in files if not f.endswith(".json")}
        for name in sorted(files):
            if name.startswith(".") or name in IGNORED_NAMES:
                continue
            if name.endswith(".json") and Path(name).stem in stems:
                continue  # a sidecar: read together with its document
            path = str(Path(root) / name)
            ident = _identity(path)
            if ident is not None:
                if ident in seen_files:
                    continue
                seen_files.add(ident)
            yield path
    yield from _unreadable(errors)


def _unreadable(errors: list[OSError]) -> Iterator[Skipped]:
    """Folders os.walk could not list: said, never silently left out."""
    for exc in errors:
        where = storable_name(str(exc.filename)) if exc.filename else "?"
        yield Skipped(where, f"cannot read folder: {exc.strerror or exc}")
    errors.clear()


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


def _gunzip_head(head: bytes) -> bytes:
    """The first bytes of what a gzip stream holds, from its first compressed bytes alone (so
    the stream itself is never rewound: stdin cannot be)."""
    try:
        return zlib.decompressobj(wbits=31).decompress(head, HEAD_BYTES)
    except zlib.error:
        return b""


class _Replay(io.RawIOBase):
    """A stream whose first bytes were already read to recognise its format: they are given
    again, then the rest of the stream, so a pipe is read once and never copied anywhere."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self.head = memoryview(head)
        self.rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self.head.nbytes:
            n = min(len(buffer), self.head.nbytes)
            buffer[:n] = self.head[:n]
            self.head = self.head[n:]
            return n
        data = self.rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _single(
    stream: IO[bytes], name: str, kind: Kind, options: ReadOptions, sidecar: dict[str, Any]
) -> Article | Skipped:
    limit = options.max_bytes * (4 if kind is Kind.HTML else 1)
    data = stream.read(limit + 1)
    if len(data) > limit:
        return Skipped(name, f"file too large (over the {limit}-byte limit for {kind} input)")
    if not data.strip():
        return Skipped(name, "empty file")
    text, note = decode_text(data)
    if text is None:
        return Skipped(name, "binary data (not text in UTF-8, UTF-16 or cp1252)")
    if kind is Kind.HTML:
        art = article_from_html(text, name, options, sidecar)
    else:
        art = article_from_text(text, name, options, sidecar)
    if note and isinstance(art, Article):
        art.notes.append(note)
    return art


def read_source(
    stream: IO[bytes],
    name: str,
    options: ReadOptions | None = None,
    sidecar: dict[str, Any] | None = None,
) -> Iterator[Article | Skipped]:
    """Read everything one byte stream holds, whatever its format; the stream is read forward
    only (a pipe works as well as a file)."""
    options = options or ReadOptions()
    sidecar = sidecar or {}
    head = stream.read(HEAD_BYTES)
    if not head.strip():
        yield Skipped(name, "empty file")
        return
    whole = io.BufferedReader(_Replay(head, stream), 1 << 16)
    if head.startswith(b"\x1f\x8b"):
        inner = _gunzip_head(head)
        if inner.startswith(b"WARC/"):  # warcio reads a record per gzip member itself
            yield from _dispatch(whole, inner, name, options, sidecar)
            return
        if not inner:
            yield Skipped(name, "gzip data that cannot be decompressed")
            return
        with gzip.GzipFile(fileobj=whole) as gz:
            yield from _dispatch(gz, inner, name.removesuffix(".gz"), options, sidecar)
        return
    yield from _dispatch(whole, head, name, options, sidecar)


def _dispatch(
    stream: IO[bytes], head: bytes, name: str, options: ReadOptions, sidecar: dict[str, Any]
) -> Iterator[Article | Skipped]:
    text_fields = {n.lower() for n in options.fields["text"] + options.fields["html"]}
    kind = Kind.TEXT
    try:
        kind, delimiter = sniff(head, name, text_fields)
        if kind is Kind.WARC:
            yield from _bounded(read_warc(stream, name, options), name, options)
        elif kind is Kind.JSONL:
            yield from _bounded(read_jsonl(stream, name, options), name, options)
        elif kind in (Kind.CSV, Kind.TSV):
            yield from _bounded(read_csv(stream, name, options, delimiter), name, options)
        elif kind is Kind.JSON:
            yield from _bounded(read_json(stream, name, options), name, options)
        elif kind is Kind.FEED:
            data = stream.read(options.max_container_bytes + 1)
            if len(data) > options.max_container_bytes:
                yield Skipped(
                    name, f"{kind} file over the {options.max_container_bytes}-byte limit"
                )
            else:
                yield from _bounded(read_feed(data, name, options), name, options)
        elif kind is Kind.XML:
            yield Skipped(name, "XML that is neither an RSS/Atom feed nor HTML (not supported)")
        elif kind is Kind.BINARY:
            yield Skipped(name, "binary data (not text in UTF-8, UTF-16 or cp1252)")
        else:
            yield _single(stream, name, kind, options, sidecar)
    except Exception as exc:  # a reader bug or hostile input: report it, keep the batch going
        yield Skipped(name, f"{kind} reader failed ({type(exc).__name__}: {exc})"[:300])


def _bounded(
    items: Iterator[Article | Skipped], name: str, options: ReadOptions
) -> Iterator[Article | Skipped]:
    """At most ``max_records`` records from one input, and at most ``max_skip_reports`` skipped
    ones reported by name; the rest are counted in one line per input."""
    read = 0
    reported = 0
    unlisted: Counter[str] = Counter()
    try:
        for item in items:
            read += 1
            if options.max_records and read > options.max_records:
                yield Skipped(
                    name,
                    f"more than {options.max_records:,} records: the rest of this input was not "
                    "read (the per-input limit; split the file, or raise it with --max-records)",
                )
                break
            if isinstance(item, Skipped):
                if reported >= options.max_skip_reports:
                    unlisted[item.reason] += 1
                    continue
                reported += 1
            yield item
    finally:
        close = getattr(items, "close", None)
        if close is not None:
            close()
    if unlisted:
        total = sum(unlisted.values())
        common = "; ".join(f"{n:,} × {reason}" for reason, n in unlisted.most_common(3))
        others = total - sum(n for _, n in unlisted.most_common(3))
        more = f"; {others:,} for other reasons" if others else ""
        yield Skipped(
            name,
            f"… and {total:,} more records skipped, not listed one by one: {common}{more}"[:1000],
        )


def read_path(path: str, options: ReadOptions | None = None) -> Iterator[Article | Skipped]:
    """``path`` as the file system gave it; articles and reports carry `storable_name`."""
    options = options or ReadOptions()
    name = storable_name(path)
    note = name_note(path)
    try:
        if os.path.getsize(path) == 0:
            yield Skipped(name, "empty file")
            return
        fh = open(path, "rb")  # noqa: SIM115 - closed below, after the generator is drained
    except OSError as exc:
        yield Skipped(name, f"cannot read: {exc.strerror or exc}")
        return
    with fh:
        try:
            for item in read_source(fh, name, options, read_sidecar(path)):
                if note and isinstance(item, Article):
                    item.notes.append(note)
                yield item
        except OSError as exc:
            yield Skipped(name, f"read error: {exc.strerror or exc}")


def read_bytes(
    data: bytes, name: str = "<input>", options: ReadOptions | None = None
) -> Iterator[Article | Skipped]:
    """Uploaded or piped content: the same formats as files."""
    yield from read_source(io.BytesIO(data), name, options)


def _read_stdin(options: ReadOptions) -> Iterator[Article | Skipped]:
    """Read as it streams, with the same limits as files: never copied whole to memory or to
    a temporary file, so 50 MB piped in cannot fill TMPDIR."""
    try:
        yield from read_source(sys.stdin.buffer, "<stdin>", options)
    except OSError as exc:
        yield Skipped("<stdin>", f"read error: {exc.strerror or exc}")


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
