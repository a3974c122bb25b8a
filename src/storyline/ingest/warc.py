"""WARC archives (CC-News style) through warcio: each HTML response record is one article.

Records are streamed, so an archive of any size is read in bounded memory.  The crawl date
(``WARC-Date``) is not the publication date and is never used as one; it is kept as an upper
bound (``meta["crawled"]``) that the date stage may use when the page states no date.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from typing import IO, Any

from storyline.ingest.base import ReadOptions, decode_text
from storyline.ingest.html import article_from_html
from storyline.ingest.text import article_from_text
from storyline.model import Article, Skipped

_BAD_LENGTH = (
    "the record's declared length (Content-Length) does not match its content: it was cut short "
    "or ran into the records after it, which are lost with it; not read"
)


def read_warc(stream: IO[bytes], name: str, options: ReadOptions) -> Iterator[Article | Skipped]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    n = 0
    seen = 0
    try:
        records = ArchiveIterator(stream)
        for record in records:
            item = _article(record, n + 1, name, options)
            if record.rec_type in ("response", "resource"):
                n += 1
            if item is not None:
                seen += 1
            # Consume the record now, to learn whether it ended where its header said: warcio
            # only notices when the next one does not start right after (and tells stderr).
            errors = records.err_count
            with contextlib.redirect_stderr(io.StringIO()):
                records.read_to_end()
            if records.err_count > errors:
                where = f"{name}#record{n}" if item is not None else f"{name}#{record.rec_type}"
                yield Skipped(where, _BAD_LENGTH)
                continue
            if item is not None:
                yield item
    except (ArchiveLoadFailed, OSError, ValueError, EOFError) as exc:
        yield Skipped(
            f"{name}#record{n + 1}", f"WARC archive unreadable from here on ({exc})"[:300]
        )
        return
    if seen == 0:
        yield Skipped(name, "WARC archive holds no HTML or text response records")


def _article(record: Any, n: int, name: str, options: ReadOptions) -> Article | Skipped | None:
    """The article one record holds; None for records that are not pages (requests, images,
    redirects, robots.txt ...)."""
    if record.rec_type not in ("response", "resource"):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    where = f"{name}#record{n}"
    if record.rec_type == "response" and record.http_headers is not None:
        status = record.http_headers.get_statuscode() or ""
        ctype = record.http_headers.get_header("Content-Type") or ""
        if not status.startswith("2"):
            return None  # redirects and errors are not articles
    else:
        ctype = record.rec_headers.get_header("Content-Type") or ""
    ctype = ctype.lower()
    if "html" not in ctype and not ctype.startswith("text/plain"):
        return None
    limit = options.max_bytes * 4  # markup weighs more than the text it holds
    payload = record.content_stream().read(limit + 1)
    if len(payload) > limit:
        return Skipped(where, f"record too large (over {limit} bytes) for {url}")
    text, note = decode_text(payload)
    if text is None:
        return Skipped(where, f"record is not text in a known encoding ({url})")
    meta = {"url": url, "crawled": (record.rec_headers.get_header("WARC-Date") or "")[:10]}
    if "html" in ctype:
        art = article_from_html(text, where, options, meta)
    else:
        art = article_from_text(text, where, options, meta)
    if note and isinstance(art, Article):
        art.notes.append(note)
    return art
