"""Turn paths (files, folders, globs, ``-``) into raw Articles, or Skipped records with a reason.

Reading never raises for one bad input: the caller gets a ``Skipped`` and the batch goes on.
Only the text reader exists so far; the format detection hook (`detect_format`) is where the
HTML, feed, WARC and JSONL readers plug in.
"""

from __future__ import annotations

import glob
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.ids import article_id
from storyline.model import Article, Skipped

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ".md", ".story", ""}
IGNORED_NAMES = {".DS_Store", "Thumbs.db"}

HEADER_KEYS = {
    "title": "title",
    "headline": "title",
    "outlet": "outlet",
    "source": "outlet",
    "publisher": "outlet",
    "site": "outlet",
    "date": "date",
    "published": "date",
    "publication date": "date",
    "url": "url",
    "link": "url",
    "author": "author",
    "byline": "author",
}
_HEADER_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z ]{1,24}?)\s*:\s*(.*?)\s*$")
# "date 2022-08-12 Text starts here..." : a key and an ISO date glued to the first paragraph.
_INLINE_DATE = re.compile(
    r"^\s*(?:date|published|dateline)\s*[:=]?\s*(\d{4}-\d{2}-\d{2})\b\s*", re.I
)


@dataclass(slots=True)
class ReadOptions:
    max_bytes: int = DEFAULT_MAX_BYTES
    outlet_map: dict[str, str] | None = None


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
                            continue  # a sidecar: read together with its text file
                        yield str(Path(root) / name)
            elif p.exists():
                yield str(p)
            else:
                yield Skipped(str(p), "no such file or folder")


def decode(data: bytes) -> str | None:
    """UTF-8 (with or without BOM), then UTF-16 with a BOM, then cp1252; None for binary data."""
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1252", errors="replace")
    # Mostly-unmappable bytes mean this is not text in any single-byte encoding either.
    if text.count("\ufffd") > max(8, len(text) // 100):
        return None
    return text


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:20000]
    bad = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    return bad / len(sample)


def read_sidecar(path: str) -> dict[str, Any]:
    side = Path(path).with_suffix(".json")
    if not side.is_file():
        return {}
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def parse_text_document(text: str) -> tuple[dict[str, str], str]:
    """Split a leading metadata block (``Key: value`` lines or ``---`` front matter) from the body.

    A block counts only if its first line is a known key, so a body that happens to open with
    "Note: ..." is left alone.
    """
    meta: dict[str, str] = {}
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i < len(lines) and lines[i].strip() == "---":
        j = i + 1
        block: dict[str, str] = {}
        while j < len(lines) and lines[j].strip() != "---":
            m = _HEADER_LINE.match(lines[j])
            if m and m.group(1).strip().lower() in HEADER_KEYS:
                block[HEADER_KEYS[m.group(1).strip().lower()]] = m.group(2).strip().strip("'\"")
            j += 1
        if j < len(lines) and block:
            meta.update(block)
            meta["_how"] = "header"
            return meta, "\n".join(lines[j + 1 :])
    j = i
    while j < len(lines):
        m = _HEADER_LINE.match(lines[j])
        key = m.group(1).strip().lower() if m else ""
        if not m or key not in HEADER_KEYS:
            break
        if m.group(2):
            meta.setdefault(HEADER_KEYS[key], m.group(2))
        j += 1
    if meta:
        meta["_how"] = "header"
        return meta, "\n".join(lines[j:])
    body = "\n".join(lines[i:])
    m = _INLINE_DATE.match(body)
    if m:
        meta["date"] = m.group(1)
        meta["_how"] = "header"
        body = body[m.end() :]
    return meta, body


def _outlet_from_url(url: str | None, outlet_map: dict[str, str] | None) -> str | None:
    if not url:
        return None
    m = re.match(r"^[a-z]+://([^/:]+)", url.strip(), re.I)
    if not m:
        return None
    host = m.group(1).lower().removeprefix("www.")
    if outlet_map and host in outlet_map:
        return outlet_map[host]
    return host


def article_from_text(
    text: str,
    path: str,
    options: ReadOptions | None = None,
    extra_meta: dict[str, Any] | None = None,
) -> Article | Skipped:
    options = options or ReadOptions()
    meta, body = parse_text_document(text)
    for key, value in (extra_meta or {}).items():
        k = HEADER_KEYS.get(str(key).lower(), str(key).lower())
        if value not in (None, "") and k in {"title", "outlet", "date", "url", "author"}:
            meta[k] = str(value)
            meta["_how_" + k] = "metadata"
    if not body.strip():
        return Skipped(path, "empty document (no text after the metadata)")
    if _control_ratio(body) > 0.01:
        return Skipped(path, "binary or control characters in text")
    url = meta.get("url")
    outlet = meta.get("outlet") or _outlet_from_url(url, options.outlet_map)
    art = Article(
        article_id=article_id(body, outlet, url),
        path=path,
        text=body,
        outlet=outlet,
        title=meta.get("title"),
        url=url,
        author=meta.get("author"),
        meta={k: v for k, v in meta.items() if k not in {"title", "outlet", "url", "author"}},
    )
    return art


def read_file(path: str, options: ReadOptions | None = None) -> Article | Skipped:
    options = options or ReadOptions()
    try:
        size = os.path.getsize(path)
        if size == 0:
            return Skipped(path, "empty file")
        if size > options.max_bytes:
            return Skipped(path, f"file too large ({size} bytes > limit {options.max_bytes})")
        with open(path, "rb") as fh:
            data = fh.read(options.max_bytes + 1)
    except OSError as exc:
        return Skipped(path, f"cannot read: {exc.strerror or exc}")
    return read_bytes(data, path, options, read_sidecar(path))


def sniff(text: str) -> str:
    """Guess the format from content, not the file name: markup and JSON must not pass as prose."""
    head = text.lstrip()[:512].lower()
    if head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head):
        return "HTML"
    if head.startswith("<?xml") or head.startswith(("<rss", "<feed")):
        return "XML/feed"
    if head.startswith("warc/"):
        return "WARC"
    if head.startswith(("{", "[")):
        try:
            json.loads(text)
            return "JSON"
        except ValueError:
            first = text.lstrip().split("\n", 1)[0]
            try:
                json.loads(first)
                return "JSON lines"
            except ValueError:
                return "text"
    return "text"


def read_stream(
    data: bytes, name: str = "<stdin>", options: ReadOptions | None = None
) -> Article | Skipped:
    options = options or ReadOptions()
    if not data.strip():
        return Skipped(name, "empty input")
    if len(data) > options.max_bytes:
        return Skipped(name, f"input too large ({len(data)} bytes > limit {options.max_bytes})")
    return read_bytes(data, name, options)


def read_bytes(
    data: bytes, name: str, options: ReadOptions, extra_meta: dict[str, Any] | None = None
) -> Article | Skipped:
    """Decode, recognise the format by content, and read: the one place formats are dispatched."""
    text = decode(data)
    if text is None:
        return Skipped(name, "binary data (not text in UTF-8, UTF-16 or cp1252)")
    kind = sniff(text)
    if kind != "text":
        return Skipped(name, f"{kind} input is not supported yet (plain text only)")
    return article_from_text(text, name, options, extra_meta)


def iter_inputs(
    paths: Iterable[str], options: ReadOptions | None = None
) -> Iterator[Article | Skipped]:
    """Stream raw articles: one input in memory at a time."""
    options = options or ReadOptions()
    for item in expand_paths(paths):
        if isinstance(item, Skipped):
            yield item
        elif item == "-":
            yield read_stream(sys.stdin.buffer.read(options.max_bytes + 1), "<stdin>", options)
        else:
            yield read_file(item, options)
