"""What every reader shares: options, field names, decoding, and turning fields into an Article.

Readers differ in how they find a document's body and metadata (a header block, HTML meta tags, a
feed entry, a JSON record); they all end in `build_article`, so ids, outlets and the "how do we
know the date" bookkeeping are decided in one place.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from storyline.ids import article_id
from storyline.model import Article, Skipped

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
# Feeds are parsed whole, so they get a ceiling of their own (as do JSON files in a legacy
# encoding, decoded whole); JSON, JSON lines, CSV and WARC files are streamed record by record.
DEFAULT_MAX_CONTAINER_BYTES = 256 * 1024 * 1024
# Records read from one input, and skipped records reported one by one before the rest are
# counted in one summary line: a 240 KB gzip of 83 million empty records must cost seconds and
# a few lines, not hours, gigabytes of log and megabytes of messages.
DEFAULT_MAX_RECORDS = 1_000_000
DEFAULT_MAX_SKIP_REPORTS = 100

# Record field names tried in order (news-please, newspaper, CC-News and common CMS exports).
DEFAULT_FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "maintext", "content", "article", "full_text"),
    "html": ("html", "raw_html", "content_html"),
    "title": ("title", "headline"),
    "date": (
        "date",
        "date_publish",
        "published",
        "published_at",
        "publish_date",
        "pubdate",
        "date_published",
    ),
    "url": ("url", "link", "canonical_url", "source_url"),
    "outlet": ("source", "outlet", "source_domain", "publisher", "site_name", "sitename", "domain"),
    "author": ("author", "authors", "byline"),
    "language": ("language", "lang"),
}
META_KEYS = ("title", "outlet", "date", "url", "author", "language")


@dataclass(slots=True)
class ReadOptions:
    """Limits and user choices for reading; picklable so worker processes get the same ones."""

    max_bytes: int = DEFAULT_MAX_BYTES
    max_container_bytes: int = DEFAULT_MAX_CONTAINER_BYTES
    outlet_map: dict[str, str] | None = None
    fields: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_FIELDS))
    article_seconds: float = 60.0  # reading one page (HTML extraction); 0: no limit
    max_records: int = DEFAULT_MAX_RECORDS  # per input file (0: no limit)
    max_skip_reports: int = DEFAULT_MAX_SKIP_REPORTS  # per input file, then one summary

    def with_fields(self, overrides: Mapping[str, str]) -> ReadOptions:
        """User field names go first; the defaults still apply when a record lacks them."""
        fields = dict(self.fields)
        for key, name in overrides.items():
            if key not in DEFAULT_FIELDS:
                raise ValueError(
                    f"unknown record field {key!r}; expected one of {', '.join(DEFAULT_FIELDS)}"
                )
            fields[key] = (name, *[n for n in fields.get(key, ()) if n != name])
        return replace(self, fields=fields)


def decode(data: bytes) -> str | None:
    """The text of ``data``, or None for binary data (`decode_text` without its note)."""
    return decode_text(data)[0]


_SURROGATE = re.compile("[\udc80-\udcff]")
_NON_ASCII = re.compile("[^\x00-\x7f\udc80-\udcff]")


def mostly_utf8(data: bytes) -> tuple[str, str] | None:
    """UTF-8 with a few stray bytes (a bad copy-paste, one corrupted byte) is still UTF-8.

    Reading the whole text as a legacy encoding because of one byte would turn every "ü" into
    "Ã¼", so when valid multi-byte sequences outnumber the invalid bytes the text is decoded as
    UTF-8 and each invalid byte becomes U+FFFD, with a note saying how many.  Text with no valid
    multi-byte sequence at all is a legacy encoding and is left to detection."""
    escaped = data.decode("utf-8", "surrogateescape")
    bad = len(_SURROGATE.findall(escaped))
    good = len(_NON_ASCII.findall(escaped))
    if bad == 0 or good < bad:
        return None
    text = data.decode("utf-8", "replace").removeprefix("\ufeff")
    plural = "s" if bad > 1 else ""
    return text, f"{bad} byte{plural} not valid UTF-8 replaced with U+FFFD"


def decode_text(data: bytes) -> tuple[str | None, str | None]:
    """UTF-8 (with or without BOM), then UTF-16 with a BOM, then the detected legacy encoding
    (charset-normalizer: cp1251, Shift-JIS, ...), else cp1252; None for binary data.  The second
    value notes a repair the article should carry (stray bytes replaced), else None.

    A Cyrillic page read as cp1252 would be stored as mojibake and mislabelled by language
    detection, so detection comes before the Western default."""
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            return None, None
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3:  # UTF-8 cut inside its last character (a truncated file)
            return data[: exc.start].decode("utf-8-sig", errors="replace"), None
    mostly = mostly_utf8(data)
    if mostly is not None:
        return mostly
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:262144]).best()
    except Exception:  # detection is a refinement; never let it fail a read
        best = None
    if best is not None and best.encoding not in ("utf_8", "ascii"):
        try:
            return data.decode(best.encoding), None
        except (UnicodeDecodeError, LookupError):
            pass
    text = data.decode("cp1252", errors="replace")
    # Mostly-unmappable bytes mean this is not text in any single-byte encoding either.
    if text.count("\ufffd") > max(8, len(text) // 100):
        return None, None
    return text, None


def _name_bytes(path: str) -> bytes | None:
    """The bytes of a name Python decoded with surrogate escapes; None for a valid UTF-8 name."""
    try:
        path.encode("utf-8")
        return None
    except UnicodeEncodeError:
        pass
    try:
        return path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that never was a byte (not from the file system)
        return path.encode("utf-8", "backslashreplace")


def storable_name(path: str) -> str:
    """A file name as it is stored and shown: unchanged when it is valid UTF-8.

    POSIX names are bytes; Python hands undecodable ones over with surrogate escapes, which
    SQLite (UTF-8 text) cannot hold.  Such names are written with each undecodable byte as
    ``\\xNN``, and `name_note` keeps the exact bytes on the article so nothing is lost."""
    raw = _name_bytes(path)
    return path if raw is None else raw.decode("utf-8", "backslashreplace")


def name_note(path: str) -> str | None:
    """For a name that is not valid UTF-8: its exact bytes (hex), so the file can be found."""
    raw = _name_bytes(path)
    if raw is None:
        return None
    return f"file name is not valid UTF-8; its exact bytes (hex): {raw.hex()}"


def control_ratio(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:20000]
    bad = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    return bad / len(sample)


_HOST = re.compile(r"^[a-z][a-z0-9+.-]*://(?:[^/@]*@)?([^/:?#]+)", re.I)


def url_host(url: str | None) -> str | None:
    m = _HOST.match((url or "").strip())
    return m.group(1).lower().removeprefix("www.") if m else None


def resolve_outlet(
    named: str | None, url: str | None, outlet_map: Mapping[str, str] | None
) -> str | None:
    """The user's mapping wins, then the outlet the source names, then the URL's host; else None.

    An outlet is never guessed from the text: a wrong outlet would merge independent reports.
    """
    host = url_host(url)
    mapping = outlet_map or {}
    if host and host in mapping:
        return mapping[host]
    if named and named.strip():
        return mapping.get(named.strip(), named.strip())
    return host


def scalar(value: Any) -> str | None:
    """Record values may be lists (news-please ``authors``) or numbers; keep readable text only."""
    if value is None:
        return None
    if isinstance(value, list):
        parts = [scalar(v) for v in value]
        joined = ", ".join(p for p in parts if p)
        return joined or None
    if isinstance(value, dict):
        return scalar(value.get("name") or value.get("value"))
    if isinstance(value, bool):
        return None
    text = str(value).strip()
    return text or None


def build_article(
    body: str,
    name: str,
    options: ReadOptions,
    meta: Mapping[str, Any],
    how: str = "metadata",
) -> Article | Skipped:
    """Make the raw Article; ``how`` says where a stated date came from (``published_how``)."""
    if not body or not body.strip():
        return Skipped(name, "empty document (no text after the metadata)")
    if len(body.encode("utf-8", "surrogatepass")) > options.max_bytes:
        return Skipped(name, f"text too large (over the {options.max_bytes}-byte limit)")
    if control_ratio(body) > 0.01:
        return Skipped(name, "binary or control characters in text")
    fields = {k: scalar(meta.get(k)) for k in META_KEYS}
    url = fields["url"]
    outlet = resolve_outlet(fields["outlet"], url, options.outlet_map)
    extra = {k: v for k, v in meta.items() if k not in META_KEYS and v not in (None, "")}
    if fields["date"]:
        extra["date"] = fields["date"]
        extra["_how_date"] = meta.get("_how_date") or how
    art = Article(
        article_id=article_id(body, outlet, url),
        path=name,
        text=body,
        outlet=outlet,
        title=fields["title"],
        url=url,
        author=fields["author"],
        meta=extra,
    )
    if fields["language"]:
        art.meta["language_stated"] = fields["language"].lower()
    return art
