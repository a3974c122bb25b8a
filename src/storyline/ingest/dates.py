"""Date stage: when was the article published, how do we know, and how precisely.

Order of trust: explicit metadata (sidecar, feed, record) or the page's own HTML metadata > a
header line > a byline > a date in the URL > what the content implies (``content``, at the
precision its evidence supports, see `content_date`).  When nothing supports a date it stays null
with ``published_how = "none"``: a guess is never presented as metadata.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from storyline.ingest import content_date
from storyline.model import Article

_ISO = re.compile(r"^\s*(\d{4})-(\d{2})(?:-(\d{2}))?(?:[T ][0-9:.+\-Z]*)?\s*$")
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})(?:[/-](\d{1,2}))?(?:/|-|$)")


@lru_cache(maxsize=2)
def _parser(anchored: bool = True) -> object:
    """Anchored: only dates that say which day they are.  "Yesterday", "in 3 days", "last
    Friday" or "March 3" are counted from the day of the run, so the stored date would change
    with the day storyline runs; with no anchor in the document they are no date at all."""
    import dateparser.date

    settings: dict[str, object] = {"PREFER_DAY_OF_MONTH": "first", "RETURN_TIME_AS_PERIOD": False}
    if anchored:
        settings["PARSERS"] = ["timestamp", "custom-formats", "absolute-time"]
        settings["REQUIRE_PARTS"] = ["year"]
    return dateparser.date.DateDataParser(languages=["en"], settings=settings)


def relative(value: str) -> bool:
    """A date that only the day of the run would anchor ("yesterday", "Friday", "March 3")."""
    if parse_date(value) is not None:
        return False
    data = _parser(anchored=False).get_date_data(value.strip())  # type: ignore[attr-defined]
    return bool(data and data.date_obj is not None)


def _valid(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return 1900 <= y <= 2100


def parse_date(value: str) -> tuple[str, str] | None:
    """Parse a stated date into (ISO string at its precision, precision); None if unparseable."""
    value = (value or "").strip()
    if not value:
        return None
    m = _ISO.match(value)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        if m.group(3):
            d = int(m.group(3))
            return (f"{y:04d}-{mo:02d}-{d:02d}", "day") if _valid(y, mo, d) else None
        return (f"{y:04d}-{mo:02d}", "month") if _valid(y, mo, 1) else None
    if re.fullmatch(r"(19|20)\d{2}", value):
        return value, "year"
    data = _parser().get_date_data(value)  # type: ignore[attr-defined]
    if not data or data.date_obj is None:
        return None
    d = data.date_obj
    period = data.period or "day"
    if period == "year":
        return f"{d.year:04d}", "year"
    if period == "month":
        return f"{d.year:04d}-{d.month:02d}", "month"
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}", "day"


def date_from_url(url: str | None) -> tuple[str, str] | None:
    if not url:
        return None
    m = _URL_DATE.search(url)
    if not m:
        return None
    y, mo = int(m.group(1)), int(m.group(2))
    if m.group(3) and _valid(y, mo, int(m.group(3))):
        return f"{y:04d}-{mo:02d}-{int(m.group(3)):02d}", "day"
    if _valid(y, mo, 1):
        return f"{y:04d}-{mo:02d}", "month"
    return None


_CLOCK_TAIL = re.compile(r"[;,]?\s+\d{1,2}[.:]\d{2}.*$")
# Provenance, strongest first: the page's own markup, then the time stamp printed on the page
# (a record's "date" field may be when it was collected, not published), then the rest.
_TRUST = {"html": 0, "header": 1, "dateline": 2, "metadata": 3, "byline": 4, "url": 5}


def stamp_date(article: Article) -> tuple[str, str] | None:
    """The publication time stamp printed with the text ("Friday 10 June 2005 00.05 BST",
    "Published October 3 2016"), found and set aside by the clean stage."""
    stamp = str(article.meta.get("timestamp") or "")
    stamp = re.sub(r"^(published|updated|posted)( on)?:?\s*", "", stamp, flags=re.I)
    stamp = _CLOCK_TAIL.sub("", stamp)
    parsed = parse_date(stamp) if stamp else None
    return parsed if parsed and parsed[1] == "day" else None


def _days_apart(a: str, b: str) -> int:
    return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)


def date_article(article: Article) -> Article:
    meta = article.meta
    candidates: list[tuple[str | None, str]] = [
        (meta.get("date"), meta.get("_how_date") or meta.get("_how") or "metadata"),
        (meta.get("byline_date"), "byline"),
    ]
    stamp = stamp_date(article)
    for value, how in candidates:
        if not value:
            continue
        parsed = parse_date(value)
        if parsed:
            article.published, article.published_precision = parsed
            article.published_how = how
            article.published_evidence = value
            if stamp is not None:
                _weigh_stamp(article, stamp)
            return article
        if relative(value):
            article.notes.append(
                f"date {value!r} from {how} not used: relative to a day the document does not "
                "state (or without a year)"
            )
        else:
            article.notes.append(f"unparseable date {value!r} from {how}")
    if stamp is not None:
        article.published, article.published_precision = stamp
        article.published_how = "dateline"
        article.published_evidence = str(meta.get("timestamp"))
        return article
    parsed = date_from_url(article.url)
    if parsed:
        article.published, article.published_precision = parsed
        article.published_how = "url"
        article.published_evidence = article.url
        return article
    crawled = parse_date(str(meta.get("crawled") or ""))
    not_after = date.fromisoformat(crawled[0]) if crawled and crawled[1] == "day" else None
    guess = content_date.infer(article.text, not_after)
    if guess.value:
        article.published, article.published_precision = guess.value, guess.precision
        article.published_how = "content"
        article.published_evidence = guess.evidence
        if guess.lower is not None and guess.upper is not None:
            article.meta["published_window"] = [guess.lower.isoformat(), guess.upper.isoformat()]
        return article
    article.published, article.published_precision, article.published_how = None, "unknown", "none"
    # The bounds stay with the article: a later stage may narrow them (actors/dating.py).
    if guess.lower is not None:
        article.meta["_date_lower"] = guess.lower.isoformat()
    if guess.upper is not None:
        article.meta["_date_upper"] = guess.upper.isoformat()
    if guess.lower is not None:
        article.notes.append(f"date not stated; {guess.evidence}")
    return article


def _weigh_stamp(article: Article, stamp: tuple[str, str]) -> None:
    """A printed time stamp that disagrees with the stated date by more than a day is a
    conflict, recorded on the article; the better-provenance date is kept and says so."""
    stated = article.published
    if not stated or article.published_precision != "day" or _days_apart(stated, stamp[0]) <= 1:
        return
    how = article.published_how
    conflict = {
        "stated": stated,
        "stated_how": how,
        "printed": stamp[0],
        "printed_as": str(article.meta.get("timestamp")),
    }
    if _TRUST.get("dateline", 9) < _TRUST.get(how, 9):
        article.published, article.published_precision = stamp
        article.published_how = "dateline"
        article.published_evidence = conflict["printed_as"]
        conflict["used"] = "printed"
        why = f"the page's printed time stamp is preferred to {how} (it may be a collection date)"
    else:
        conflict["used"] = "stated"
        why = f"{how} is preferred to the printed time stamp"
    article.meta["date_conflict"] = conflict
    article.notes.append(f"date conflict: {how} says {stated}, the text prints {stamp[0]}; {why}")


def run(batch: list[Article], ctx: object = None) -> list[Article]:
    return [date_article(a) for a in batch]
