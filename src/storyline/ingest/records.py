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
import re
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import IO, Any

from storyline.ingest.base import ReadOptions, build_article, decode_text, mostly_utf8
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


def _with_note(item: Article | Skipped, note: str | None) -> Article | Skipped:
    if note and isinstance(item, Article):
        item.notes.append(note)
    return item


def _load_json(data: bytes, where: str) -> tuple[Any, str | None]:
    """The parsed JSON (or a Skipped saying why it is not JSON), and a decoding note."""
    text, note = decode_text(data)
    if text is None:
        return Skipped(where, "not text in UTF-8, UTF-16 or a detectable legacy encoding"), None
    try:
        return json.loads(text), note
    except ValueError as exc:
        return Skipped(where, f"malformed JSON ({exc})"[:300]), None
    except RecursionError:
        return Skipped(where, _TOO_DEEP), None


_TOO_DEEP = "JSON nested too deeply to read (hundreds of levels of brackets)"


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
        if b"\x00" in raw:
            yield Skipped(where, "binary data (NUL bytes) on this line")
            continue
        record, note = _load_json(raw, where)
        if isinstance(record, Skipped):
            yield record
        else:
            yield _with_note(safe_record(record, where, options), note)


# ---- JSON documents and arrays, one value at a time ---------------------------------------------
class _Broken(Exception):
    """The JSON cannot be read any further; the message says why (the rest is reported lost)."""


_DECODER = json.JSONDecoder()
_WS = re.compile(r"[ \t\r\n]*")
_CHUNK = 1 << 20


class _JsonValues:
    """JSON values read one at a time from a text stream, each at most ``limit`` characters.

    ``json.loads`` of a whole array builds every record at once: 240 KB of gzip holding 83 million
    ``{}`` took 8 GB.  Here only the value being read is held (plus one read-ahead chunk), so
    memory is bounded by the per-record limit whatever the array's length.  Bytes that are not
    UTF-8 arrive as surrogate escapes; a value holding some is re-read with U+FFFD for each, and
    ``repaired`` says so."""

    def __init__(self, text: IO[str], limit: int) -> None:
        self.text = text
        self.limit = limit
        self.buf = ""
        self.pos = 0
        self.eof = False
        self.repaired: str | None = None

    def _more(self) -> bool:
        if self.eof:
            return False
        if self.pos >= _CHUNK:
            self.buf, self.pos = self.buf[self.pos :], 0
        # Read ahead at least as much as is pending, so a long value is re-parsed O(log n) times.
        chunk = self.text.read(max(_CHUNK, len(self.buf) - self.pos))
        if not chunk:
            self.eof = True
            return False
        self.buf += chunk
        return True

    def peek(self) -> str:
        """The next character that is not white space ("" at the end)."""
        while True:
            end = _WS.match(self.buf, self.pos)
            self.pos = end.end() if end else self.pos
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self._more():
                return ""

    def take(self, char: str) -> None:
        found = self.peek()
        if found != char:
            shown = repr(found) if found else "the end of the file"
            raise _Broken(f"malformed JSON: expected {char!r}, found {shown}")
        self.pos += 1

    def value(self) -> Any:
        self.peek()
        while True:
            try:
                obj, end = _DECODER.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                cut = exc.msg.startswith("Unterminated string") or exc.pos >= len(self.buf) - 6
                if not cut or self.eof:
                    raise _Broken(f"malformed JSON ({exc})"[:300]) from None
                if len(self.buf) - self.pos > self.limit:
                    raise _Broken(f"a JSON value longer than the {self.limit}-byte limit") from None
                self._more()
                continue
            except RecursionError:
                raise _Broken(_TOO_DEEP) from None
            if end == len(self.buf) and self._more():
                continue  # a number may go on in the next chunk ("12" | "34")
            bad = len(_SURROGATE.findall(self.buf, self.pos, end))
            self.repaired = None
            if bad:
                obj = _DECODER.decode(_SURROGATE.sub("\ufffd", self.buf[self.pos : end]))
                self.repaired = (
                    f"{bad} byte{'s' if bad > 1 else ''} not valid UTF-8 replaced with U+FFFD"
                )
            self.pos = end
            return obj


_SURROGATE = re.compile("[\udc80-\udcff]")


def _json_text(stream: io.BufferedReader, options: ReadOptions) -> tuple[IO[str] | str, str | None]:
    """A text stream over the JSON and a note for its records, or (why not, None).

    UTF-8 (the JSON standard) and UTF-16 with a BOM are decoded as they stream; anything else is
    decoded whole (up to the container limit), so legacy encodings are still detected."""
    head = stream.peek(4096)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return io.TextIOWrapper(stream, encoding="utf-16", errors="surrogateescape"), None
    if b"\x00" in head[:4096]:
        return "binary data (not text in UTF-8, UTF-16 or a detectable legacy encoding)", None
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 3 and mostly_utf8(head) is None:  # a legacy encoding
            data = stream.read(options.max_container_bytes + 1)
            if len(data) > options.max_container_bytes:
                return f"JSON file over the {options.max_container_bytes}-byte limit", None
            text, note = decode_text(data)
            if text is None:
                return "not text in UTF-8, UTF-16 or a detectable legacy encoding", None
            return io.StringIO(text), note
    return io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape"), None


def read_json(
    source: bytes | IO[bytes], name: str, options: ReadOptions
) -> Iterator[Article | Skipped]:
    """A JSON array of records, an object with an ``articles`` array, or one record."""
    stream = io.BytesIO(source) if isinstance(source, bytes) else source
    if not isinstance(stream, io.BufferedReader):
        stream = io.BufferedReader(stream)  # type: ignore[arg-type]
    text, note = _json_text(stream, options)
    if isinstance(text, str):
        yield Skipped(name, text)
        return
    values = _JsonValues(text, 4 * options.max_bytes)
    n = 0

    def record(value: Any, where: str) -> Article | Skipped:
        return _with_note(_with_note(safe_record(value, where, options), values.repaired), note)

    try:
        first = values.peek()
        if first == "[":
            values.pos += 1
            for value in _elements(values):
                n += 1
                yield record(value, f"{name}#{n}")
            if n == 0:
                yield Skipped(name, "empty JSON array")
        elif first == "{":
            members: dict[str, Any] = {}
            values.pos += 1
            while values.peek() != "}":
                if members:
                    values.take(",")
                key = str(values.value())
                values.take(":")
                if key == "articles" and values.peek() == "[":
                    values.pos += 1
                    for value in _elements(values):
                        n += 1
                        yield record(value, f"{name}#{n}")
                    if n == 0:
                        yield Skipped(name, "empty JSON array of articles")
                    members[key] = []
                else:
                    members[key] = values.value()
            values.pos += 1
            if not isinstance(members.get("articles"), list):
                yield record(members, name)
        else:
            yield record(values.value(), name)
        if values.peek():
            raise _Broken("malformed JSON: more data after the end of the document")
    except _Broken as exc:
        where = f"{name}#{n + 1}" if n else name
        rest = "; the rest of the file was not read" if n else ""
        yield Skipped(where, f"{exc}{rest}")


def _elements(values: _JsonValues) -> Iterator[Any]:
    """The values of an array whose "[" was just read, up to and including its "]"."""
    if values.peek() == "]":
        values.pos += 1
        return
    while True:
        yield values.value()
        if values.peek() == "]":
            values.pos += 1
            return
        values.take(",")


# ---- CSV ----------------------------------------------------------------------------------------
class _Lines:
    """The file's lines, counted, so a broken row can be reported by its line numbers."""

    def __init__(self, text: IO[str]) -> None:
        self.text = text
        self.line = 0

    def __iter__(self) -> Iterator[str]:
        for line in self.text:
            self.line += 1
            yield line


def read_csv(
    stream: IO[bytes], name: str, options: ReadOptions, delimiter: str = ","
) -> Iterator[Article | Skipped]:
    """Strict CSV: a broken quote is an error reported with its lines, never two rows silently
    read as one article; reading goes on at the next line."""
    csv.field_size_limit(max(options.max_bytes, 131072))
    wrapper = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="replace", newline="")
    lines = _Lines(wrapper)
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    header: list[str] | None = None
    n = 0
    while True:
        first = lines.line + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            span = f"line {first}" if lines.line <= first else f"lines {first}-{lines.line}"
            where = f"{name}#row{n + 1}" if header is not None else name
            yield Skipped(where, f"malformed CSV at {span} ({exc}); those lines were not read")
            if header is not None:
                n += 1
            continue
        if header is None:
            header = row
            continue
        if not row:
            continue  # a blank line
        n += 1
        where = f"{name}#row{n}"
        extra = row[len(header) :]
        if any(cell.strip() for cell in extra):
            yield Skipped(
                where,
                f"row has {len(row)} fields but the header names {len(header)} (line {first}; "
                f"a {delimiter!r} in an unquoted field?)",
            )
            continue
        yield safe_record(dict(zip(header, row, strict=False)), where, options)
    if n == 0 and header is not None:
        yield Skipped(name, "CSV file with a header and no rows")
