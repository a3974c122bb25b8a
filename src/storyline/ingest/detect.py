"""Recognise an input's format from its first bytes, not from its name.

Saved pages are often called ``.txt``, feeds ``.php`` and dumps ``.dat``; markup or JSON read as
prose would pollute every later stage, so content decides.  The name is consulted only where
content is ambiguous (a CSV file without a recognisable header).
"""

from __future__ import annotations

import json
import re
from enum import StrEnum

from storyline.ingest.base import DEFAULT_FIELDS


class Kind(StrEnum):
    TEXT = "text"
    HTML = "HTML"
    FEED = "RSS/Atom feed"
    WARC = "WARC"
    JSON = "JSON"
    JSONL = "JSON lines"
    CSV = "CSV"
    TSV = "TSV"
    XML = "XML"
    BINARY = "binary"


# A DOCTYPE may carry an internal subset in brackets (feeds declare entities such as &nbsp;
# there), so its first ">" is not its end.  External entities are never fetched (feedparser).
_PROLOG = re.compile(
    r"^(?:\s|<\?xml[^>]*\?>|<!--.*?-->|<!doctype[^>\[]*(?:\[.*?\]\s*)?>)*", re.S | re.I
)
_FEED_ROOT = re.compile(r"^<(?:rss|feed|rdf:rdf)\b", re.I)
_HTML_MARK = re.compile(
    r"<!doctype html|<html\b|<head\b|<body\b|<meta\b|<title\b|<div\b|<p\b|<article\b", re.I
)
_IDENT = re.compile(r"^[a-z_][\w.-]{0,39}$")
_TEXT_FIELDS = {n.lower() for n in DEFAULT_FIELDS["text"] + DEFAULT_FIELDS["html"]}


def _head_text(head: bytes) -> str | None:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="ignore")
    if b"\x00" in head[:4096]:
        return None
    return head.decode("utf-8", errors="replace").lstrip("\ufeff")


def _csv_delimiter(first_line: str, name: str, text_fields: set[str]) -> str | None:
    for delim in ("\t", ",", ";"):
        cells = [c.strip().strip('"').lower() for c in first_line.split(delim)]
        # A header is a row of identifiers; prose with a comma after "Text" is not one.
        names = all(_IDENT.match(c) for c in cells)
        if len(cells) >= 2 and names and text_fields & set(cells):
            return delim
    lower = name.lower().removesuffix(".gz")
    if lower.endswith(".tsv"):
        return "\t"
    if lower.endswith(".csv"):
        return ","
    return None


def _json_line(head: bytes) -> bool:
    """The first line is a whole JSON object: JSON lines, whatever later lines hold (a NUL byte
    in one bad line must cost that line, not the file)."""
    first = head.removeprefix(b"\xef\xbb\xbf").lstrip().split(b"\n", 1)[0].strip()
    if not first.startswith(b"{") or b"\x00" in first:
        return False
    try:
        return isinstance(json.loads(first), dict)
    except (ValueError, RecursionError):
        return False


def sniff(head: bytes, name: str = "", text_fields: set[str] | None = None) -> tuple[Kind, str]:
    """The format, and for CSV its delimiter (else "")."""
    if head.startswith(b"WARC/"):
        return Kind.WARC, ""
    if _json_line(head):
        return Kind.JSONL, ""
    text = _head_text(head)
    if text is None:
        return Kind.BINARY, ""
    body = text.lstrip()
    if body.startswith("<"):
        rest = _PROLOG.sub("", body[:8192], count=1)
        if _FEED_ROOT.match(rest):
            return Kind.FEED, ""
        if _HTML_MARK.search(body[:8192]):
            return Kind.HTML, ""
        return Kind.XML, ""
    if body.startswith(("{", "[")):
        first = body.split("\n", 1)[0].strip()
        try:
            json.loads(first)
            return (Kind.JSONL, "") if first.startswith("{") else (Kind.JSON, "")
        except (ValueError, RecursionError):  # "[[[[..." 2,000 deep is no JSON line either
            return Kind.JSON, ""
    first_line = body.split("\n", 1)[0]
    delim = _csv_delimiter(first_line, name, {f.lower() for f in (text_fields or _TEXT_FIELDS)})
    if delim:
        return (Kind.TSV if delim == "\t" else Kind.CSV), delim
    return Kind.TEXT, ""
