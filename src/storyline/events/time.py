"""Resolve a sentence's time expression against the article's publication date.

dateparser (``languages=['en']``) handles explicit dates; the rules here cover its known traps:
"on Friday" in an article dated Friday is that day (not a week earlier), "in July" is the last
July before the article (the next one in a future-tense clause), "early 2011" and bare years keep
year precision, "a few days ago" never claims a day.  Without a publication date, only
expressions that carry their own year resolve: an undated article never yields invented dates.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {
    d: i
    for i, d in enumerate(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    )
}
NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "a few": 3,
    "few": 3,
    "several": 4,
    "a couple of": 2,
    "couple of": 2,
}

Resolved = tuple[str, str]  # (ISO value at its precision, precision)

_LEAD = re.compile(r"^(on|in|at|during|by|from|of|as of|around|about|this past|the)\s+")
_QUALIFIER = re.compile(
    r"^(early|late|mid|middle|end|beginning|start|the end of|the beginning of|"
    r"the start of|the middle of|the first half of|the second half of)[\s-]+(of\s+)?"
)
_NOT_A_POINT = re.compile(r"^(since|until|till|before|after|over|for|within|throughout)\b")
_DURATION = re.compile(r"\b(long|old|decades?|centuries|century)\b|\d+-(year|month|week|day)")
_AGO = re.compile(
    r"^(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|few|"
    r"several|a couple of|couple of)\s+(?P<unit>day|week|month|year)s?\s+ago$"
)


def _iso_day(d: date) -> str:
    return d.isoformat()


def _month(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _shift_month(y: int, m: int, delta: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + delta
    return idx // 12, idx % 12 + 1


def parse_pub(pub: str | None) -> tuple[date | None, str]:
    """The publication date as a date and its precision; only a day-precise date anchors weekdays."""
    if not pub:
        return None, "unknown"
    try:
        if len(pub) == 10:
            return date.fromisoformat(pub), "day"
        if len(pub) == 7:
            return date(int(pub[:4]), int(pub[5:7]), 1), "month"
        if len(pub) == 4:
            return date(int(pub), 1, 1), "year"
    except ValueError:
        return None, "unknown"
    return None, "unknown"


@lru_cache(maxsize=512)
def _parser(base: date | None, future: bool) -> Any:
    """A configured parser per (publication date, tense); building one costs milliseconds."""
    import dateparser.date

    settings: dict[str, Any] = {
        "PREFER_DATES_FROM": "future" if future else "past",
        "PREFER_DAY_OF_MONTH": "first",
    }
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    return dateparser.date.DateDataParser(languages=["en"], settings=settings)


def _dateparser(text: str, base: date | None, future: bool) -> Resolved | None:
    data = _parser(base, future).get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    d = data.date_obj.date()
    period = data.period or "day"
    if period == "year":
        return f"{d.year:04d}", "year"
    if period == "month":
        return _month(d.year, d.month), "month"
    return _iso_day(d), "day"


_CLOCK = re.compile(
    r"^\d{1,2}[:.]\d{2}(?:\s*(?:am|pm|gmt|utc|et|bst|cet))?\s+"
    r"|\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*(?:am|pm|gmt|utc|et|bst|cet))?$"
)


def resolve(expression: str, pub: str | None, future: bool = False) -> Resolved | None:
    """(value, precision) for one time expression, or None when it is not a resolvable point."""
    text = re.sub(r"\s+", " ", expression.strip().lower().replace("’", "'")).strip(" ,.")
    if not text or _NOT_A_POINT.match(text):
        return None
    text = re.sub(r"(?<=\w)['’]s$", "", text)  # "Friday's attack"
    both = _coordinated(text, pub, future)
    if both is not False:
        return both  # type: ignore[return-value]
    base, base_precision = parse_pub(pub)
    prev = None
    while prev != text:
        prev = text
        text = _LEAD.sub("", text)
    span = re.fullmatch(
        r"([a-z]+)\.? (\d{1,2})\s*[-–]\s*(\d{1,2})(?:,? ((?:1[89]|20)\d{2}))?", text
    )
    if span and span.group(1) in MONTHS:
        # "June 8-10": a range of days is the month that holds it.
        first = resolve(f"{span.group(1)} {span.group(2)} {span.group(4) or ''}", pub, future)
        return (first[0][:7], "month") if first and len(first[0]) >= 7 else None
    qualified = bool(_QUALIFIER.match(text))
    text = _QUALIFIER.sub("", text)
    # A clock time says nothing about the day ("17:51 29th Apr"); left in, it makes the date
    # parser read a same-day time as the future and move the day back a year.
    text = _CLOCK.sub("", text).strip(" ,")
    if re.search(r"\b(1[0-9]|20)\d0s\b", text):
        return None  # a decade is not a point in time
    m = re.fullmatch(r"((?:1[89]|20)\d{2})", text)
    if m:
        return m.group(1), "year"
    if _DURATION.search(text):
        return None
    # "May last year", "last May", "March this year"
    m = re.fullmatch(r"([a-z]+) (last|this|next) year", text) or re.fullmatch(
        r"(last|this|next) ([a-z]+)", text
    )
    if m and base is not None and base_precision != "unknown":
        month_word, which = (
            (m.group(1), m.group(2)) if m.group(1) in MONTHS else (m.group(2), m.group(1))
        )
        if month_word in MONTHS:
            mon = MONTHS[month_word]
            if m.re.pattern.endswith("year"):
                y = base.year + {"last": -1, "this": 0, "next": 1}[which]
            elif which == "last":
                y = base.year if mon < base.month else base.year - 1
            elif which == "next":
                y = base.year if mon > base.month else base.year + 1
            else:
                y = base.year
            return _month(y, mon), "month"
    # month (+ year)
    m = re.fullmatch(r"([a-z]+)\.?,? ((?:1[89]|20)\d{2})", text)
    if m and m.group(1) in MONTHS:
        return _month(int(m.group(2)), MONTHS[m.group(1)]), "month"
    if text in MONTHS:
        if base is None or base_precision == "year":
            return None
        mon = MONTHS[text]
        y = base.year
        y = (y if mon >= base.month else y + 1) if future else y if mon <= base.month else y - 1
        return _month(y, mon), "month"
    relative = _relative(text, base, base_precision, future)
    if relative is not False:
        return relative  # type: ignore[return-value]
    if qualified:
        return None
    # Explicit dates: only with a digit or a month name, so "the last day" is never a date.
    has_month = any(w in MONTHS for w in re.findall(r"[a-z]+", text))
    if not (re.search(r"\d", text) and (has_month or re.search(r"\d{1,4}[/-]\d{1,2}", text))):
        return None
    has_year = bool(re.search(r"\b(1[89]|20)\d{2}\b", text))
    if not has_year and (base is None or base_precision != "day"):
        return None
    if not has_year and base is not None:
        day_month = _day_month(text)
        if day_month:
            return _nearest(day_month, base, future), "day"
    return _dateparser(text, base, future)


_AND = re.compile(
    r"^(?P<lead>(?:last|next|this|on|in)\s+)?(?P<a>.+?)\s+(?:and|or|to|-)\s+(?P<b>.+)$"
)


def _coordinated(text: str, pub: str | None, future: bool) -> Resolved | bool | None:
    """ "last Thursday and Friday", "March 3 and 4": the smallest calendar unit holding both
    (a month, or a year); False when the text is not two coordinated expressions."""
    m = _AND.match(text)
    if not m or (re.fullmatch(r"\d{1,2}", m.group("b")) is None and len(m.group("b")) < 3):
        return False
    lead = m.group("lead") or ""
    second = m.group("b")
    if re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?", second):
        # "March 3 and 4": the month of the first carries over.
        month = re.findall(r"[a-z]+", m.group("a"))
        second = f"{month[0]} {second}" if month else second
    first = resolve(lead + m.group("a"), pub, future)
    other = resolve(lead + second, pub, future)
    if first is None or other is None:
        return None
    if first == other:
        return first
    if first[0][:7] == other[0][:7] and len(first[0]) >= 7 and len(other[0]) >= 7:
        return first[0][:7], "month"
    if first[0][:4] == other[0][:4]:
        return first[0][:4], "year"
    return None


def _day_month(text: str) -> tuple[int, int] | None:
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]+)\.?", text) or None
    if m and m.group(2) in MONTHS:
        return int(m.group(1)), MONTHS[m.group(2)]
    m = re.fullmatch(r"([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?", text)
    if m and m.group(1) in MONTHS:
        return int(m.group(2)), MONTHS[m.group(1)]
    return None


def _nearest(day_month: tuple[int, int], base: date, future: bool) -> str:
    """A day and month without a year: the occurrence nearest the article, shifted by tense.

    News refers to the recent past and the near future ("the summit on May 19" in a May 11
    report), so a date up to 60 days ahead stays in the article's year unless the clause is past.
    """
    day, month = day_month
    candidates = []
    for y in (base.year - 1, base.year, base.year + 1):
        try:
            candidates.append(date(y, month, day))
        except ValueError:
            continue
    if not candidates:
        return base.isoformat()
    if future:
        ahead = [c for c in candidates if c >= base]
        return min(ahead or candidates, key=lambda c: abs((c - base).days)).isoformat()
    window = [c for c in candidates if (c - base).days <= 60]
    return min(window or candidates, key=lambda c: abs((c - base).days)).isoformat()


def _relative(text: str, base: date | None, precision: str, future: bool) -> Resolved | bool | None:
    """Relative phrases; False when the text is not a relative phrase at all."""
    if text in {"overnight", "last night", "during the night"}:
        if base is None or precision != "day":
            return None
        # A night spans two days: the month that holds both, else their year.
        d = base - timedelta(days=1)
        if d.month == base.month:
            return _month(d.year, d.month), "month"
        return (f"{base.year:04d}", "year") if d.year == base.year else None
    words = text.split()
    day_words = {"today", "tonight", "yesterday", "tomorrow"}
    if text in day_words or re.fullmatch(r"this (morning|afternoon|evening)", text):
        if base is None or precision != "day":
            return None
        delta = {"yesterday": -1, "tomorrow": 1}.get(text, 0)
        return _iso_day(base + timedelta(days=delta)), "day"
    wd = words[-1] if words else ""
    wd = {
        "night": words[-2] if len(words) > 1 else "",
        "morning": words[-2] if len(words) > 1 else "",
        "evening": words[-2] if len(words) > 1 else "",
        "afternoon": words[-2] if len(words) > 1 else "",
    }.get(wd, wd)
    if wd in WEEKDAYS and len(words) <= 3:
        if base is None or precision != "day":
            return None
        target = WEEKDAYS[wd]
        if words[0] == "last":
            delta = (base.weekday() - target) % 7 or 7
            return _iso_day(base - timedelta(days=delta)), "day"
        if words[0] == "next" or future:
            delta = (target - base.weekday()) % 7 or 7
            return _iso_day(base + timedelta(days=delta)), "day"
        delta = (base.weekday() - target) % 7  # same weekday as publication: that very day
        return _iso_day(base - timedelta(days=delta)), "day"
    m = _AGO.match(text)
    if m:
        if base is None or precision == "year":
            return None
        n = int(m.group("n")) if m.group("n").isdigit() else NUMBERS[m.group("n")]
        unit = m.group("unit")
        vague = not m.group("n").isdigit() and m.group("n") not in {"a", "an", "one", "two"}
        if unit == "day":
            d = base - timedelta(days=n)
            if vague or precision != "day":
                return _month(d.year, d.month), "month"
            return _iso_day(d), "day"
        if unit == "week":
            d = base - timedelta(days=7 * n)
            return _month(d.year, d.month), "month"
        if unit == "month":
            y, mo = _shift_month(base.year, base.month, -n)
            return _month(y, mo), "month"
        return f"{base.year - n:04d}", "year"
    m = re.fullmatch(
        r"(last|this|next|earlier this|later this|past|previous|coming|recent|"
        r"the past|the previous|the coming|in recent|the last|this past)\s+"
        r"(few )?(days|week|weeks|month|year|weekend)",
        text,
    )
    if m or text in {"recent days", "recent weeks", "days", "the weekend", "weekend"}:
        if base is None:
            return None
        which, unit = (m.group(1), m.group(3)) if m else ("recent", text.split()[-1])
        step = (
            -1
            if which
            in {"last", "past", "previous", "the past", "the previous", "the last", "this past"}
            else 1
            if which in {"next", "coming", "the coming"}
            else 0
        )
        if unit in {"year"}:
            return f"{base.year + step:04d}", "year"
        if unit == "month":
            if precision == "year":
                return None
            y, mo = _shift_month(base.year, base.month, step)
            return _month(y, mo), "month"
        if precision == "year":
            return None
        # days and weeks: the month they most likely fall in; never a day.
        offset = {"day": 1, "days": 3, "week": 7, "weeks": 14, "weekend": 3}.get(unit, 3)
        d = base + timedelta(days=offset * step) if step else base - timedelta(days=2)
        return _month(d.year, d.month), "month"
    return False
