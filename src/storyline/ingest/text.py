"""Plain-text documents: an optional leading metadata block, then the body.

News text saved by hand or by scrapers often opens with ``Title:``/``URL:`` lines, YAML-style
front matter, or a bare ``date 2022-08-12`` glued to the first paragraph.  Those are metadata
(the publisher's own statement of the date), so they are split off here and never reach the text.
"""

from __future__ import annotations

import re
from typing import Any

from storyline.ingest.base import ReadOptions, build_article
from storyline.model import Article, Skipped

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
    "language": "language",
    "lang": "language",
}
_HEADER_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z ]{1,24}?)\s*:\s*(.*?)\s*$")
# "date 2022-08-12 Text starts here..." : a key and an ISO date glued to the first paragraph.
_INLINE_DATE = re.compile(
    r"^\s*(?:date|published|dateline)\s*[:=]?\s*(\d{4}-\d{2}-\d{2})\b\s*", re.I
)


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
        return meta, "\n".join(lines[j:])
    body = "\n".join(lines[i:])
    m = _INLINE_DATE.match(body)
    if m:
        meta["date"] = m.group(1)
        body = body[m.end() :]
    return meta, body


def article_from_text(
    text: str,
    name: str,
    options: ReadOptions | None = None,
    extra_meta: dict[str, Any] | None = None,
) -> Article | Skipped:
    """A header block is the document's own metadata (``header``); a sidecar file or the record
    that carried the text is external metadata (``metadata``) and wins over the header."""
    options = options or ReadOptions()
    header, body = parse_text_document(text)
    meta: dict[str, Any] = dict(header)
    how = "header"
    for key, value in (extra_meta or {}).items():
        k = HEADER_KEYS.get(str(key).lower(), str(key).lower())
        if value not in (None, "") and k in {
            "title",
            "outlet",
            "date",
            "url",
            "author",
            "language",
        }:
            meta[k] = value
            if k == "date":
                meta["_how_date"] = "metadata"
    if "date" in meta and "_how_date" not in meta:
        meta["_how_date"] = how
    return build_article(body, name, options, meta, how)
