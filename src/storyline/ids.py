"""Content-derived identifiers.

Ids are hashes of content, not counters, so that re-ingesting the same article (from any path)
finds the same id and adds nothing, and so that two engines or two machines agree on ids.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_WS = re.compile(r"\s+")


def normalize_for_hash(text: str) -> str:
    """Fold what does not change meaning (Unicode form, whitespace) before hashing."""
    return _WS.sub(" ", unicodedata.normalize("NFC", text)).strip()


def content_id(*parts: str | None, length: int = 16) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update((part or "").encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()[:length]


def article_id(text: str, outlet: str | None = None, url: str | None = None) -> str:
    """Same body from the same outlet and URL is the same article, wherever the file lives."""
    return content_id(normalize_for_hash(text), (outlet or "").strip().lower(), (url or "").strip())
