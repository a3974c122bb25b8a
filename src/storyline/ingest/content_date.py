"""Infer a publication date from what an undated article says, at the precision it supports.

News is written close to the events it reports, but how close is unknown, so the text only ever
gives bounds: the article was written after the latest date it mentions in the past tense, and
before the earliest it mentions as still to come (or before a crawl date).  A claim is made at
the finest precision on which both bounds agree; with no upper bound, phrases that only make sense
near the time of writing ("on Friday", "yesterday", "this week", "this year") allow a month or
year claim next to the latest past date.  A bare year ("in 2023") never supports a claim of its
own: writers say "this year" about the current one, so "in 2023" suggests a later year.
Claims stop at month precision: a weekday is not a date, and a text's tense is too weak a signal
to tell the day of writing from the day of the event it reports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MON = (
    r"(?P<mon>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?"
    r"|Aug(?:ust|\.)?|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_YEAR = r"(?P<year>(?:19|20)\d{2})(?![\d-]|s\b|'s)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("day", re.compile(r"\b(?P<iso>(?:19|20)\d{2})-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d)\b")),
    ("day", re.compile(rf"\b{_MON}\s+{_DAY},?\s+{_YEAR}")),
    ("day", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MON},?\s+{_YEAR}")),
    ("month", re.compile(rf"\b{_MON},?\s+(?:of\s+)?{_YEAR}")),
    (
        "year",
        re.compile(
            rf"\b(?:[Ii]n|[Ss]ince|[Dd]uring|[Bb]y|[Uu]ntil|[Tt]ill|[Ff]rom|[Ee]arly|[Ll]ate"
            rf"|[Mm]id-?|[Ee]nd of|[Bb]eginning of|[Ss]ummer of|[Ss]pring of)\s+{_YEAR}"
        ),
    ),
]
_WEEKDAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_CUES: list[tuple[str, re.Pattern[str]]] = [
    (
        "day",
        re.compile(
            rf"\b(?:today|yesterday|tonight|last night|this (?:morning|afternoon|evening))\b"
            rf"|\b{_WEEKDAYS}\b",
            re.I,
        ),
    ),
    ("week", re.compile(r"\b(?:this|last|next) week(?:end)?\b", re.I)),
    ("month", re.compile(r"\b(?:(?:earlier|later) )?this month\b", re.I)),
    ("year", re.compile(r"\b(?:(?:earlier|later) )?this year\b|\b(?:last|next) month\b", re.I)),
]
_FUTURE = re.compile(
    r"\b(?:will|shall|won't|'ll|to be held|scheduled|due|set to|plans? to|planned|expected to"
    r"|is to|are to|upcoming|ahead of|until|till|by|before|next|later)\b",
    re.I,
)
_PAST = re.compile(
    r"\b(?:was|were|had|did|said|says|ago|since|last|earlier|after|took|held|began|came|met|saw"
    r"|went|told|left|fought|won|lost|made|gave|led|fell|rose|spoke|wrote|became|broke|brought"
    r"|sent|struck|kept|ran|chose|found|knew|grew|drew|shot|hit|paid|sold|bought|built|killed)\b"
    r"|\b\w+ed\b",
    re.I,
)
_AUX_FUTURE = re.compile(
    r"\b(?:will|shall|'ll|to)\s+(?:be|have(?: been)?)\s+$|\b(?:will|shall)\s+$", re.I
)
_SINCE = re.compile(r"\b(?:since|from)\s+(?:early |late |mid-?)?$", re.I)
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+(?=[A-Z“\"])|\n+")


@dataclass(frozen=True, slots=True)
class DateMention:
    start: date
    end: date
    precision: str
    text: str
    tense: str  # past | future | unknown
    offset: int = 0
    since: bool = False  # "since March 2011": a span reaching the present, not a recent event


@dataclass(frozen=True, slots=True)
class Inference:
    value: str | None
    precision: str
    evidence: str
    lower: date | None = None
    upper: date | None = None


def _month(name: str) -> int:
    return _MONTHS[name[:3].lower()]


def _interval(kind: str, m: re.Match[str]) -> tuple[date, date] | None:
    try:
        if m.groupdict().get("iso"):
            d = date(int(m.group("iso")), int(m.group("m")), int(m.group("d")))
            return d, d
        year = int(m.group("year"))
        if kind == "day":
            d = date(year, _month(m.group("mon")), int(m.group("day")))
            return d, d
        if kind == "month":
            month = _month(m.group("mon"))
            nxt = date(year + month // 12, month % 12 + 1, 1)
            return date(year, month, 1), date.fromordinal(nxt.toordinal() - 1)
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None


def _tense(text: str, start: int) -> str:
    """The nearest tense marker to the left, within the sentence, decides."""
    left = text[max(0, start - 120) : start]
    cut = list(_SENTENCE_END.finditer(left))
    if cut:
        left = left[cut[-1].end() :]
    best: tuple[int, str] | None = None
    for pattern, tense in ((_FUTURE, "future"), (_PAST, "past")):
        for m in pattern.finditer(left):
            if best is None or m.start() > best[0]:
                best = (m.start(), tense)
    if best and best[1] == "past" and _AUX_FUTURE.search(left[: best[0]]):
        return "future"  # "will be held", "is to be signed": a participle after a future aux
    return best[1] if best else "unknown"


def date_mentions(text: str) -> list[DateMention]:
    """Absolute dates with a year, finest reading first; a span is read only once."""
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            span = _interval(kind, m)
            if span is None:
                continue
            taken.append((m.start(), m.end()))
            found.append(
                DateMention(
                    span[0],
                    span[1],
                    kind,
                    m.group(0),
                    _tense(text, m.start()),
                    m.start(),
                    bool(_SINCE.search(text[max(0, m.start() - 12) : m.start()])),
                )
            )
    return found


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    right = _SENTENCE_END.search(text, end)
    return left, right.start() if right else len(text)


def recency(text: str, start: int = 0, end: int | None = None) -> tuple[str, str] | None:
    """The finest phrase in ``text[start:end]`` that only makes sense near the time of writing."""
    window = text[start:end]
    for level, pattern in _CUES:
        m = pattern.search(window)
        if m:
            return level, m.group(0)
    return None


def _at(d: date, precision: str) -> str:
    return {"day": d.isoformat(), "month": d.isoformat()[:7], "year": d.isoformat()[:4]}[precision]


_NUMBERS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
_AGE = re.compile(
    r"\b(?P<n>\d{1,2}|" + "|".join(_NUMBERS) + r")[- ]years?[- ](?:long|old)[- ]"
    r"(?:(?:civil|brutal|bloody|devastating)[- ])?(?:war|conflict|crisis|uprising)\b"
    r"|\b(?P<m>\d{1,2}|"
    + "|".join(_NUMBERS)
    + r") years of (?:civil )?(?:war|conflict|fighting)\b",
    re.I,
)


@lru_cache(maxsize=1)
def _conflicts() -> list[tuple[str, date, tuple[str, ...]]]:
    import yaml

    data = resources.files("storyline.ingest").joinpath("data/conflicts.yaml").read_text("utf-8")
    return [
        (c["name"], date.fromisoformat(str(c["start"])), tuple(c["words"]))
        for c in yaml.safe_load(data)
    ]


def _add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def conflict_ages(text: str) -> list[tuple[date, date, str]]:
    """Windows from stated war ages: "the 12-year-long conflict" in a sentence about Syria means
    the text was written 12 to 13 years after the Syrian war began."""
    out: list[tuple[date, date, str]] = []
    for m in _AGE.finditer(text):
        raw = (m.group("n") or m.group("m")).lower()
        years = int(raw) if raw.isdigit() else _NUMBERS[raw]
        lo, hi = _sentence(text, m.start(), m.end())
        sentence = text[lo:hi]
        for name, start, words in _conflicts():
            if any(re.search(rf"\b{re.escape(w)}\b", sentence) for w in words):
                low = _add_years(start, years)
                high = date.fromordinal(_add_years(start, years + 1).toordinal() - 1)
                out.append((low, high, f"{m.group(0)!r} ({name}, from {start.isoformat()})"))
                break
    return out


def infer(text: str, not_after: date | None = None) -> Inference:
    """``not_after`` is an external upper bound (a crawl date), never a date in its own right."""
    mentions = date_mentions(text)
    past = [m for m in mentions if m.tense != "future"]
    future = [m for m in mentions if m.tense == "future"]
    ages = conflict_ages(text)
    if not past and not ages:
        return Inference(None, "unknown", "no dated past event in the text")
    lows: list[tuple[date, str]] = [(lo, why) for lo, _hi, why in ages]
    latest = max(past, key=lambda m: (m.start, m.end)) if past else None
    if latest is not None:
        lows.append((latest.start, f"latest past date mentioned: {latest.text!r}"))
        if latest.precision == "year" and latest.text[:2].lower() == "in" and not latest.since:
            # Writers call the current year "this year": a past "in 2023" was written later
            # (true of 94% of such Timeline17 articles; see docs/benchmarks.md).
            after = date(latest.start.year + 1, 1, 1)
            lows.append((after, f"{latest.text!r} told as a past year: written after it"))
    lower, said = max(lows)
    # A future event bounds the writing by its end: "talks in May" may be written in May.
    uppers = [(m.end, f"{m.text!r} still to come") for m in future if m.end >= lower]
    uppers += [(hi, why) for _lo, hi, why in ages]
    if not_after and not_after >= lower:
        uppers.append((not_after, "crawled"))
    upper = min(uppers)[0] if uppers else None
    if upper is not None and upper < lower:
        return Inference(None, "unknown", f"{said}; contradictory bounds", lower, None)
    # A bare year bounds the window (for actors/dating.py) but never supports a claim itself.
    if latest is not None and latest.precision == "year":
        next_year = date(latest.start.year + 1, 1, 1)
        if lower in (latest.start, next_year):
            why = "a bare year: published after it" if lower == next_year else "a bare year"
            return Inference(None, "unknown", f"{said}; {why}", lower, upper)
    if upper is not None:
        for precision in ("month", "year"):
            if _at(lower, precision) == _at(upper, precision):
                return Inference(
                    _at(lower, precision),
                    precision,
                    f"{said}; not after {upper.isoformat()}",
                    lower,
                    upper,
                )
    if latest is None or latest.start != lower:
        return Inference(None, "unknown", f"{said}: published between bounds", lower, upper)
    # Only a present-tying phrase in the same sentence anchors the date to the time of writing:
    # elsewhere in the article, "on Thursday" is today's news and the date is background.
    cue = recency(text, *_sentence(text, latest.offset, latest.offset + len(latest.text)))
    if cue is None or latest.since:
        why = "a span up to now" if latest.since else "nothing tying it to the present"
        return Inference(None, "unknown", f"{said}; {why}: published not before it", lower, upper)
    level, phrase = cue
    precision = "month" if level in ("day", "week", "month") else "year"
    return Inference(_at(lower, precision), precision, f"{said}; recency: {phrase!r}", lower, upper)
