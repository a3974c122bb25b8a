"""WARC archives (CC-News style) through warcio: each HTML response record is one article.

Records are streamed, so an archive of any size is read in bounded memory.  The crawl date
(``WARC-Date``) is not the publication date and is never used as one; it is kept as an upper
bound (``meta["crawled"]``) that the date stage may use when the page states no date.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from storyline.ingest.base import ReadOptions, decode
from storyline.ingest.html import article_from_html
from storyline.ingest.text import article_from_text
from storyline.model import Article, Skipped


def read_warc(stream: IO[bytes], name: str, options: ReadOptions) -> Iterator[Article | Skipped]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    n = 0
    seen = 0
    try:
        for record in ArchiveIterator(stream):
            if record.rec_type not in ("response", "resource"):
                continue
            n += 1
            url = record.rec_headers.get_header("WARC-Target-URI")
            where = f"{name}#record{n}"
            if record.rec_type == "response" and record.http_headers is not None:
                status = record.http_headers.get_statuscode() or ""
                ctype = record.http_headers.get_header("Content-Type") or ""
                if not status.startswith("2"):
                    continue  # redirects and errors are not articles
            else:
                ctype = record.rec_headers.get_header("Content-Type") or ""
            ctype = ctype.lower()
            if "html" not in ctype and not ctype.startswith("text/plain"):
                continue  # images, scripts, robots.txt ...
            seen += 1
            limit = options.max_bytes * 4  # markup weighs more than the text it holds
            payload = record.content_stream().read(limit + 1)
            if len(payload) > limit:
                yield Skipped(where, f"record too large (over {limit} bytes) for {url}")
                continue
            text = decode(payload)
            if text is None:
                yield Skipped(where, f"record is not text in a known encoding ({url})")
                continue
            meta = {"url": url, "crawled": (record.rec_headers.get_header("WARC-Date") or "")[:10]}
            if "html" in ctype:
                yield article_from_html(text, where, options, meta)
            else:
                yield article_from_text(text, where, options, meta)
    except (ArchiveLoadFailed, OSError, ValueError, EOFError) as exc:
        yield Skipped(
            f"{name}#record{n + 1}", f"WARC archive unreadable from here on ({exc})"[:300]
        )
        return
    if seen == 0:
        yield Skipped(name, "WARC archive holds no HTML or text response records")
