"""Timeline summaries: the N most salient days of a scope, one sentence for each.

A long timeline is too much to read; a summary keeps the days that the reports themselves point
at most, following the date-reference counting of the timeline-summarization literature (Tran
et al. 2013; Martschat & Markert 2018; the "datewise" method of Ghalandari & Ifrim 2020):

* **References.**  A report points at a day when it is published that day, or when one of its
  sentences names the day ("on April 20", "20 April 2010", "on Tuesday", "yesterday", resolved
  against the publication date by ``events.time.resolve``).  For an event scope (story, dyad,
  actor) the references are the scope's events instead: each report of an event dated to the
  day points at that day.
* **Salience.**  A day's score is the number of *independent* reports pointing at it: copies of
  one report (a duplicate group) count once, so a wire story republished twenty times is one
  voice.  Only day-precise references count; months and years cannot be a summary's date.  Days
  after the last publication day are not considered (a plan announced for next month has not
  happened yet); days before the first are (the reports of a death begin the day after it).
  Ties go to more outlets, then the earlier day.
* **One sentence per day.**  The candidates of a day are the sentences that state something *on*
  it ("since April 20" refers to the day but tells what followed) and the lead sentences, with
  no date of their own, of reports published that day.  The chosen one is the candidate nearest
  (TF-IDF cosine) to the centroid of all the day's candidates: the sentence most reports agree
  with.  A candidate too similar to a sentence already chosen for a more salient day is passed
  over, and a day with no usable candidate gives its place to the next day.

Everything is deterministic (ties broken by date, article id and offset).  Nothing is learned or
tuned to an evaluation set: the constants below are readability limits and the lead length.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from storyline import service
from storyline.corpus import tfidf
from storyline.events import time as etime
from storyline.store import Store
from storyline.store.filters import check_date

LEAD = 5  # sentences of a report that state its day's news when they name no other day
MIN_WORDS, MAX_WORDS = 6, 60  # shorter is a fragment or a caption, longer a run-on paragraph
REDUNDANT = 0.5  # cosine at which a sentence repeats one already chosen
SALIENCE = ("reports", "mentions", "published")

# ---- sentences ----------------------------------------------------------------------------------
_ABBREV = {
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt",
    "st", "jr", "sr", "no", "vs", "inc", "corp", "co", "ltd", "dept", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "approx", "est", "rev",
}  # fmt: skip
_BREAK = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of a cleaned text; no sentence crosses a line break (the
    clean stage keeps paragraphs on their own lines).  Rule-based so a summary never needs the
    parser: a full stop after a known abbreviation or an initial ("U.S.", "J.") does not end one."""
    for para in re.finditer(r"[^\n]+", text):
        start, base = para.start(), para.start()
        body = para.group()
        for m in _BREAK.finditer(body):
            before = re.search(r"([A-Za-z]+)\.?[\"'”’)\]]*$", body[: m.start() + 1])
            word = before.group(1) if before else ""
            if body[m.start()] == "." and (word.lower() in _ABBREV or len(word) == 1):
                continue
            end = base + m.start() + 1
            while end < base + len(body) and body[end - base] in "\"'”’)]":
                end += 1
            if text[start:end].strip():
                yield start, end
            start = base + m.end()
        if text[start : para.end()].strip():
            yield start, para.end()


# ---- day references -----------------------------------------------------------------------------
_MONTH = (
    r"(?P<{n}>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"(?P<{n}>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])"
_YEAR = r"(?:,?\s+(?P<{n}>(?:19|20)\d\d)(?!\d))?"
_PREP = r"(?:(?P<prep>[Ss]ince|[Uu]ntil|[Tt]ill|[Bb]efore|[Aa]fter|[Bb]y|[Ff]rom|[Tt]hrough|[Oo]n|[Ff]or)\s+)?"
_WEEKDAY = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
EXPLICIT = re.compile(
    _PREP
    + rf"(?:(?:{_WEEKDAY}),?\s+)?(?:the\s+)?"
    + "(?:"
    + _MONTH.format(n="m1")
    + r"\s+"
    + _DAY.format(n="d1")
    + _YEAR.format(n="y1")
    + "|"
    + _DAY.format(n="d2")
    + r"\s+(?:of\s+)?"
    + _MONTH.format(n="m2")
    + _YEAR.format(n="y2")
    + r"|(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)"
    + r")\b"
)
RELATIVE = re.compile(
    _PREP
    + r"\b(?P<rel>(?:(?:last|next|this|on)\s+)?(?:"
    + _WEEKDAY
    + r")(?:\s+(?:morning|afternoon|evening|night))?|[Tt]oday|[Tt]onight|[Yy]esterday|"
    r"[Tt]omorrow|this (?:morning|afternoon|evening)|last night)\b"
)
_FUTURE = re.compile(
    r"\b(will|shall|won't|'ll|going to|(?:is|are) (?:due|expected|set|scheduled) to|plans? to)\b"
)
_NOT_A_POINT = {"since", "until", "till", "before", "after", "by", "from", "through", "for"}
_MONTHS = {k: v for k, v in etime.MONTHS.items()}


@dataclass(frozen=True, slots=True)
class DayRef:
    day: str  # YYYY-MM-DD
    point: bool  # False for "since/until/before/after … the day": it frames something else
    start: int  # offsets in the sentence
    end: int


def _explicit_day(m: re.Match[str], published: str | None, future: bool) -> str | None:
    if m.group("iso"):
        try:
            return date.fromisoformat(m.group("iso")).isoformat()
        except ValueError:
            return None
    month = m.group("m1") or m.group("m2")
    day = int(m.group("d1") or m.group("d2"))
    year = m.group("y1") or m.group("y2")
    mon = _MONTHS.get(month.lower().rstrip("."))
    if mon is None:
        return None
    if year:
        try:
            return date(int(year), mon, day).isoformat()
        except ValueError:
            return None
    if not 1 <= day <= 31:
        return None
    got = etime.resolve(f"{month.rstrip('.')} {day}", published, future)
    if not got or got[1] != "day":
        return None
    if published and not future and got[0] > published:
        # A day without a year after the report, in a sentence not about the future, is a past
        # one ("the attacks of September 11" in August): its last occurrence before the report.
        pub = date.fromisoformat(published)
        for y in (pub.year, pub.year - 1):
            try:
                if (d := date(y, mon, day)) <= pub:
                    return d.isoformat()
            except ValueError:
                continue
        return None
    return got[0]


def day_references(sentence: str, published: str | None) -> list[DayRef]:
    """The days a sentence names, resolved against its report's publication date.  Without a
    day-precise publication date only dates that carry their own year resolve."""
    future = bool(_FUTURE.search(sentence))
    out: list[DayRef] = []
    taken: list[tuple[int, int]] = []
    for m in EXPLICIT.finditer(sentence):
        day = _explicit_day(m, published, future)
        taken.append((m.start(), m.end()))
        if day:
            prep = (m.group("prep") or "").lower()
            out.append(DayRef(day, prep not in _NOT_A_POINT, m.start(), m.end()))
    for m in RELATIVE.finditer(sentence):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue  # "Saturday, 25 April 2009": the explicit date already counted
        got = etime.resolve(m.group("rel"), published, future)
        if got and got[1] == "day":
            prep = (m.group("prep") or "").lower()
            out.append(DayRef(got[0], prep not in _NOT_A_POINT, m.start(), m.end()))
    return sorted(out, key=lambda r: r.start)


# ---- what a summary is made of ------------------------------------------------------------------
@dataclass(slots=True)
class Candidate:
    """A sentence that may stand for a day."""

    day: str
    text: str
    article_id: str
    outlet: str | None
    published: str | None
    start: int
    end: int
    event_id: str | None = None


@dataclass(slots=True)
class Entry:
    date: str
    reports: int  # independent reports pointing at the day
    outlets: int
    sentence: str
    article_id: str
    outlet: str | None
    published: str | None
    start: int
    end: int
    event_id: str | None = None


@dataclass(slots=True)
class Summary:
    title: str
    selector: dict[str, Any]
    entries: list[Entry] = field(default_factory=list)  # in date order
    articles: int = 0
    days: int = 0  # days with at least one reference, before the top N were kept
    salience: str = "reports"

    def record(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "selector": self.selector,
            "summary": True,
            "salience": self.salience,
            "articles": self.articles,
            "days_considered": self.days,
            "dates": [asdict(e) for e in self.entries],
        }


@dataclass(slots=True)
class _Pool:
    """References and candidates gathered from a scope, before any choice is made."""

    votes: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    mentions: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    published: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    outlets: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    candidates: dict[str, list[Candidate]] = field(default_factory=lambda: defaultdict(list))
    sentences: list[str] = field(default_factory=list)  # every sentence seen, for the IDF
    articles: set[str] = field(default_factory=set)
    first: str | None = None
    last: str | None = None

    def dated(self, published: str | None, precision: str | None) -> str | None:
        day = published if published and len(published) == 10 else None
        if day and precision in (None, "day"):
            self.first = min(self.first or day, day)
            self.last = max(self.last or day, day)
            return day
        return None

    def vote(self, day: str, report: str, outlet: str | None, how: str) -> None:
        (self.published if how == "published" else self.mentions)[day].add(report)
        if outlet:
            self.outlets[day].add(outlet)


_DATELINE = re.compile(r"^[^\n]{0,160}?\((?:[A-Z][\w.&' ]{0,30})\)\s*[-–—]+\s*")
_FIRST_PERSON = re.compile(r"\b(I|me|my|mine|I'm|I've|I'd|I'll)\b")


_STAMP = re.compile(
    r"(?:19|20)\d\d,?\s+\d{1,2}[:.]\d\d(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+[A-Z]{2,4}\b)?\s*"
)  # "25 April 2009 22.09 BST", "Apr 28, 2009 12:49 am EDT": a page's own time stamp


def statement_start(text: str) -> int | None:
    """Where a sentence's statement starts: after a wire dateline ("GENEVA (Reuters) - ") or a
    page's time stamp, which carry whatever headline or byline the source ran into the first
    sentence.  None for page furniture: a time stamp with next to nothing after it ("Posted by
    a reader on April 3, 2005 10:02 PM"), which neither states nor dates anything that happened."""
    cut, stamped = 0, False
    m = _DATELINE.match(text)
    if m:
        cut = m.end()
    for m in _STAMP.finditer(text, cut):
        cut, stamped = m.end(), True
    if len(text) - cut > 20:
        return cut
    return None if stamped else 0


def usable(text: str) -> bool:
    """A sentence a timeline can show: a statement of readable length in the reporter's voice,
    not a question, an exclamation, a quotation or a first-person remark (a timeline says what
    happened; readers' comments and quotes are evidence, not narration)."""
    words = len(text.split())
    t = text.strip()
    return (
        MIN_WORDS <= words <= MAX_WORDS
        and t[-1:] not in "?!"
        and t[:1] not in "\"“‘'"
        and not _FIRST_PERSON.search(t)
    )


def _from_articles(pool: _Pool, rows: Iterable[Any]) -> None:
    """Article scope: every sentence of every report is read for the days it names."""
    for r in rows:
        text = r["text"] or ""
        report = r["dup_group"] or r["article_id"]
        pub = pool.dated(r["published"], r["published_precision"])
        pool.articles.add(r["article_id"])
        if pub:
            pool.vote(pub, report, r["outlet"], "published")
        for i, (s, e) in enumerate(sentences(text)):
            sent = text[s:e].strip()
            cut = statement_start(sent)
            if cut is None:
                continue
            pool.sentences.append(sent)
            refs = day_references(sent, pub)
            for ref in refs:
                pool.vote(ref.day, report, r["outlet"], "mention")
            cand_days = {ref.day for ref in refs if ref.point}
            if not refs and pub and i < LEAD:
                cand_days.add(pub)
            if cand_days and usable(sent[cut:]):
                at = s + (len(text[s:e]) - len(text[s:e].lstrip())) + cut
                for day in sorted(cand_days):
                    pool.candidates[day].append(
                        Candidate(
                            day, sent[cut:], r["article_id"], r["outlet"], r["published"], at, e
                        )
                    )


def _from_events(pool: _Pool, events: Iterable[Any]) -> None:
    """Event scope: each report of a day-dated event points at its day; a report whose sentence
    gives no date points at its publication day (the timeline's ``*``)."""
    for ev in events:
        for m in ev.mentions:
            pub = pool.dated(m.published, "day" if m.published and len(m.published) == 10 else "")
            pool.articles.add(m.article_id)
            pool.sentences.append(m.sentence)
            if ev.date_precision == "day" and ev.date:
                day, how = ev.date, "mention"
            elif ev.date_precision == "published" and pub:
                day, how = pub, "published"
            else:
                continue
            pool.vote(day, m.dup_group or m.article_id, m.outlet, how)
            if usable(m.sentence):
                pool.candidates[day].append(
                    Candidate(
                        day, m.sentence, m.article_id, m.outlet, m.published, m.start, m.end,
                        ev.event_id,
                    )
                )  # fmt: skip


# ---- TF-IDF -------------------------------------------------------------------------------------
# TF-IDF (tfidf.py): the IDF is that of the scope's sentences, each sentence a document.
words, Vectors, cosine = tfidf.words, tfidf.Vectors, tfidf.cosine


def _centroid(vecs: list[dict[str, float]]) -> dict[str, float]:
    c: dict[str, float] = defaultdict(float)
    for v in vecs:
        for w, x in v.items():
            c[w] += x
    norm = math.sqrt(sum(x * x for x in c.values())) or 1.0
    return {w: x / norm for w, x in c.items()}


# ---- choosing -----------------------------------------------------------------------------------
def _ranked_days(
    pool: _Pool, salience: str, date_from: str | None = None, date_to: str | None = None
) -> list[tuple[str, int]]:
    if salience == "mentions":
        votes = pool.mentions
    elif salience == "published":
        votes = pool.published
    else:
        votes = defaultdict(set)
        for src in (pool.mentions, pool.published):
            for day, reports in src.items():
                votes[day] |= reports
    scored = [
        (day, len(reports))
        for day, reports in votes.items()
        if reports
        and (pool.last is None or day <= pool.last)
        and (date_from is None or day >= date_from)
        and (date_to is None or day[: len(date_to)] <= date_to)
    ]
    scored.sort(key=lambda x: (-x[1], -len(pool.outlets.get(x[0], ())), x[0]))
    return scored


def _choose(
    pool: _Pool, n: int, salience: str, date_from: str | None, date_to: str | None
) -> tuple[list[Entry], int]:
    ranked = _ranked_days(pool, salience, date_from, date_to)
    vectors = Vectors(pool.sentences)
    chosen: list[tuple[Entry, dict[str, float]]] = []
    for day, score in ranked:
        if len(chosen) >= n:
            break
        seen: dict[str, Candidate] = {}
        for c in sorted(pool.candidates.get(day, []), key=lambda c: (c.article_id, c.start)):
            seen.setdefault(" ".join(words(c.text)), c)  # a sentence repeated by copies: once
        if not seen:
            continue
        cands = list(seen.values())
        vecs = [vectors(c.text) for c in cands]
        centre = _centroid(vecs)
        order = sorted(
            range(len(cands)),
            key=lambda i: (-cosine(vecs[i], centre), cands[i].article_id, cands[i].start),
        )
        for i in order:
            if all(cosine(vecs[i], v) < REDUNDANT for _, v in chosen):
                c = cands[i]
                entry = Entry(
                    day, score, len(pool.outlets.get(day, ())), c.text, c.article_id, c.outlet,
                    c.published, c.start, c.end, c.event_id,
                )  # fmt: skip
                chosen.append((entry, vecs[i]))
                break
    entries = sorted((e for e, _ in chosen), key=lambda e: e.date)
    return entries, len(ranked)


def summarize(
    store: Store,
    *,
    dates: int = 10,
    story: str | None = None,
    dyad: tuple[str, str] | None = None,
    actor: str | None = None,
    query_text: str | None = None,
    everything: bool = False,
    salience: str = "reports",
    date_from: str | None = None,
    date_to: str | None = None,
) -> Summary:
    """The ``dates`` most salient days of a scope, one sentence each.

    Scopes: ``everything`` (every article of the store) or ``query_text`` (the articles the
    full-text search finds) read the articles' own sentences; ``story``/``dyad``/``actor`` (or no
    selector: the main story, as ``timeline.build``) read the reports of the scope's events.
    ``salience`` is "reports" (mentions and publication days together, the default), or only
    "mentions" / only "published" — the two halves, kept for comparison in bench/.
    ``date_from``/``date_to`` (YYYY, YYYY-MM or YYYY-MM-DD, inclusive) keep the days within."""
    from storyline import timeline as tl_mod

    if dates < 1:
        raise ValueError("dates must be at least 1")
    if salience not in SALIENCE:
        raise ValueError(f"salience must be one of {', '.join(SALIENCE)}")
    date_from = check_date(date_from, "date_from")
    date_to = check_date(date_to, "date_to")
    pool = _Pool()
    if everything or query_text is not None:
        if query_text is not None:
            ids = service.matching_article_ids(store, query_text)
            title, selector = f"Articles matching “{query_text}”", {"query": query_text}
        else:
            ids, title, selector = None, "All articles", {"all": True}
        _from_articles(pool, service.article_texts(store, ids))
    else:
        tl = tl_mod.build(store, story=story, dyad=dyad, actor=actor)
        title, selector = tl.title, tl.selector
        _from_events(pool, tl.dated)
    entries, considered = _choose(pool, dates, salience, date_from, date_to)
    return Summary(title, selector, entries, len(pool.articles), considered, salience)


# ---- rendering ----------------------------------------------------------------------------------
def _who(e: Entry) -> str:
    return f"{e.outlet or 'unknown outlet'}, {e.published or 'undated'}"


def _counts(e: Entry) -> str:
    reports = f"{e.reports} report{'s' if e.reports != 1 else ''}"
    return f"{reports}, {e.outlets} outlet{'s' if e.outlets != 1 else ''}"


def render_text(s: Summary) -> str:
    out = [
        s.title,
        f"{len(s.entries)} most reported days of {s.days} from {s.articles} articles",
        "",
    ]
    for e in s.entries:
        out.append(f"{e.date:<12} {e.sentence}")
        out.append(f"{'':<12}   — {_who(e)}; {_counts(e)}")
    if not s.entries:
        out.append("(no day-dated reports in this scope)")
    return "\n".join(out) + "\n"


def render_json(s: Summary) -> str:
    return json.dumps(s.record(), ensure_ascii=False, indent=1)


def render_timelinejs(s: Summary) -> str:
    events = [
        {
            "start_date": {
                "year": e.date[:4],
                "month": str(int(e.date[5:7])),
                "day": str(int(e.date[8:10])),
            },
            "text": {"headline": html.escape(e.sentence), "text": html.escape(_who(e))},
            "unique_id": f"{e.date}-{e.article_id}",
        }
        for e in s.entries
    ]
    return json.dumps(
        {"title": {"text": {"headline": html.escape(s.title), "text": ""}}, "events": events},
        ensure_ascii=False,
        indent=1,
    )


def render_html(s: Summary) -> str:
    esc = html.escape
    rows = "".join(
        f"<tr><td>{esc(e.date)}</td><td>{esc(e.sentence)}<ul><li>{esc(_who(e))}; "
        f"{esc(_counts(e))}</li></ul></td></tr>"
        for e in s.entries
    )
    css = (
        "body{font-family:system-ui,sans-serif;margin:2em;max-width:70em}"
        "td{vertical-align:top;padding:.3em .6em;border-bottom:1px solid #ddd}"
        "ul{margin:.2em 0;color:#444;font-size:.9em}"
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{esc(s.title)}</title>
<style>{css}</style></head>
<body><h1>{esc(s.title)}</h1>
<p>The {len(s.entries)} most reported days of {s.days}, from {s.articles} articles; one sentence each.</p>
<table><thead><tr><th>Date</th><th>What happened</th></tr></thead><tbody>
{rows}
</tbody></table></body></html>
"""


RENDERERS = {
    "text": render_text,
    "json": render_json,
    "html": render_html,
    "timelinejs": render_timelinejs,
}
