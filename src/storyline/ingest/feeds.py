"""RSS and Atom feeds through feedparser: one article per entry.

An entry's full content is preferred to its summary; entries with only a summary are kept (often
all a feed offers) and say so in their notes.  Dates are taken as the feed wrote them (the
outlet's local day), not shifted to UTC, so a story filed late on the 23rd stays on the 23rd.
"""

from __future__ import annotations

import email.utils
import io
import time
from collections.abc import Iterator
from typing import Any

from storyline.ingest.base import ReadOptions, build_article
from storyline.ingest.html import fragment_to_text
from storyline.model import Article, Skipped


def _entry_date(entry: Any) -> str | None:
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if not raw:
            continue
        raw = str(raw).strip()
        if raw[:4].isdigit() and raw[4:5] == "-":
            return raw  # Atom / ISO 8601: the date part is as written
        try:
            return email.utils.parsedate_to_datetime(raw).date().isoformat()
        except (TypeError, ValueError, IndexError, OverflowError):
            pass
        parsed = entry.get(key + "_parsed")
        if parsed:
            return time.strftime("%Y-%m-%d", parsed)
    return None


def _entry_text(entry: Any) -> tuple[str, bool]:
    contents = entry.get("content") or []
    best = max((c.get("value") or "" for c in contents), key=len, default="")
    if best.strip():
        return fragment_to_text(best), False
    summary = entry.get("summary") or entry.get("description") or ""
    return fragment_to_text(summary), True


# feedparser builds every entry at once, ~1 KB each even when empty: a 58 MB feed of 2 million
# empty items took 1.9 GB.  News feeds carry tens of entries, archives a few thousand.
MAX_FEED_ENTRIES = 10_000


def read_feed(data: bytes, name: str, options: ReadOptions) -> Iterator[Article | Skipped]:
    import feedparser

    entries_found = data.count(b"<item") + data.count(b"<entry")  # a cheap upper bound
    if entries_found > MAX_FEED_ENTRIES:
        yield Skipped(
            name,
            f"feed with more than {MAX_FEED_ENTRIES:,} entries ({entries_found:,} item or entry "
            "tags): not read; split it into smaller feeds",
        )
        return

    # A stream, never a string: feedparser fetches strings that look like URLs.
    parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False, sanitize_html=True)
    entries = parsed.get("entries") or []
    if not entries:
        reason = "feed with no entries"
        if parsed.get("bozo") and parsed.get("bozo_exception") is not None:
            reason = f"malformed feed ({parsed['bozo_exception']})"[:300]
        yield Skipped(name, reason)
        return
    outlet = (parsed.get("feed") or {}).get("title")
    broken = ""
    if parsed.get("bozo") and parsed.get("bozo_exception") is not None:
        broken = f" (the feed is malformed: {parsed['bozo_exception']})"[:200]
    for n, entry in enumerate(entries, 1):
        where = f"{name}#entry{n}"
        try:
            text, summary_only = _entry_text(entry)
            meta = {
                "title": fragment_to_text(entry.get("title") or "") or None,
                "url": entry.get("link"),
                "date": _entry_date(entry),
                "author": entry.get("author"),
                "outlet": outlet,
                "language": entry.get("language") or (parsed.get("feed") or {}).get("language"),
            }
            art = build_article(text, where, options, meta, "metadata")
            if isinstance(art, Skipped) and not text.strip():
                art = Skipped(where, "feed entry has no content or summary" + broken)
        except Exception as exc:  # a broken entry loses itself, never the rest of the feed
            yield Skipped(where, f"unreadable feed entry ({type(exc).__name__}: {exc})"[:300])
            continue
        if isinstance(art, Article) and summary_only:
            art.notes.append("feed entry has only a summary, not the full text")
        yield art
