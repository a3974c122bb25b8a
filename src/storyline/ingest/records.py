"""Records: JSON lines, JSON documents or arrays, and CSV, with configurable field names.

Dumps from news-please, newspaper, CC-News exports and CMSes name the same things differently;
`ReadOptions.fields` lists the names tried for each (user names first).  JSON lines and CSV are
streamed, one record in memory at a time; a bad line is reported with its line number and the
rest of the file goes on.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import IO, Any

from storyline.ingest.base import ReadOptions, build_article, decode
from storyline.ingest.html import article_from_html, fragment_to_text, looks_like_html
from storyline.model import Article, Skipped


def _pick(record: Mapping[str, Any], names: tuple[str, ...]) -> Any:
    lowered = {str(k).lower(): v for k, v in record.items()}
    for name in names:
        value = lowered.get(name.lower())
        if value not in (None, "", []):
            return value
    return None


def _date_value(value: Any) -> Any:
    """Epoch seconds (or milliseconds) become ISO dates; anything else is parsed later."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = value / 1000 if value > 1e11 else value
        try:
            return datetime.fromtimestamp(seconds, tz=UTC).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    return value


def article_from_record(record: Any, name: str, options: ReadOptions) -> Article | Skipped:
    if not isinstance(record, Mapping):
        return Skipped(name, f"record is a JSON {type(record).__name__}, not an object")
    fields = options.fields
    meta = {
        key: _pick(record, fields.get(key, ()))
        for key in ("title", "date", "url", "outlet", "author", "language")
    }
    meta["date"] = _date_value(meta["date"])
    text = _pick(record, fields.get("text", ()))
    if text is None:
        html = _pick(record, fields.get("html", ()))
        if isinstance(html, str) and html.strip():
            return article_from_html(html, name, options, {k: v for k, v in meta.items() if v})
        tried = ", ".join(fields.get("text", ()))
        return Skipped(name, f"record has no text field (looked for {tried})")
    if not isinstance(text, str):
        return Skipped(name, f"text field holds a {type(text).__name__}, not a string")
    if looks_like_html(text):
        text = fragment_to_text(text)
    return build_article(text, name, options, meta, "metadata")


def safe_record(record: Any, name: str, options: ReadOptions) -> Article | Skipped:
    """One odd record (a reader bug, a value no rule foresaw) loses itself, never the file."""
    try:
        return article_from_record(record, name, options)
    except Exception as exc:
        return Skipped(name, f"unreadable record ({type(exc).__name__}: {exc})"[:300])


def _read_line(stream: IO[bytes], limit: int) -> tuple[bytes, bool]:
    """One line, at most ``limit`` bytes kept; the flag says it was longer (the rest is skipped)."""
    line = stream.readline(limit + 1)
    if len(line) <= limit or line.endswith(b"\n"):
        return line, False
    while True:  # discard the remainder of an over-long line without holding it
        more = stream.readline(1 << 20)
        if not more or more.endswith(b"\n"):
            return line, True


def _load_json(data: bytes, where: str) -> Any:
    """The parsed JSON, or a Skipped saying why it is not JSON."""
    text = decode(data)
    if text is None:
        return Skipped(where, "not text in UTF-8, UTF-16 or a detectable legacy encoding")
    try:
        return json.loads(text)
    except ValueError as exc:
        return Skipped(where, f"malformed JSON ({exc})"[:300])


def read_jsonl(stream: IO[bytes], name: str, options: ReadOptions) -> Iterator[Article | Skipped]:
    n = 0
    while True:
        raw, too_long = _read_line(stream, options.max_bytes)
        if not raw:
            break
        n += 1
        where = f"{name}#L{n}"
        if too_long:
            yield Skipped(where, f"line longer than the {options.max_bytes}-byte limit")
            continue
        if not raw.strip():
            continue
        record = _load_json(raw, where)
        yield record if isinstance(record, Skipped) else safe_record(record, where, options)


def read_json(data: bytes, name: str, options: ReadOptions) -> Iterator[Article | Skipped]:
    doc = _load_json(data, name)
    if isinstance(doc, Skipped):
        yield doc
        return
    if isinstance(doc, list):
        if not doc:
            yield Skipped(name, "empty JSON array")
        for n, record in enumerate(doc, 1):
            yield safe_record(record, f"{name}#{n}", options)
    elif isinstance(doc, Mapping) and isinstance(doc.get("articles"), list):
        for n, record in enumerate(doc["articles"], 1):
            yield safe_record(record, f"{name}#{n}", options)
    else:
        yield safe_record(doc, name, options)


def read_csv(
    stream: IO[bytes], name: str, options: ReadOptions, delimiter: str = ","
) -> Iterator[Article | Skipped]:
    csv.field_size_limit(max(options.max_bytes, 131072))
    wrapper = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="replace", newline="")
    reader = csv.DictReader(wrapper, delimiter=delimiter)
    n = 0
    while True:
        n += 1
        where = f"{name}#row{n}"
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield Skipped(where, f"malformed CSV ({exc})"[:300])
            return  # the reader cannot resynchronise after a broken quote
        row = {k: v for k, v in row.items() if k is not None}
        yield safe_record(row, where, options)
    if n == 1:
        yield Skipped(name, "CSV file with a header and no rows")
