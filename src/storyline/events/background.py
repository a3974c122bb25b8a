"""News or background: does the sentence tell the article's news, or recount history?

A report is background when what it says happened well before the article was written, or is a
standing state rather than an act of the day.  The signals are grammatical, never lexical lists
of events: a date well before publication ("in 2003", "last month", "a year ago"); the past
perfect ("had met"); a perfect with a span ("has backed Assad since 2011", "have always
insisted"); habitual or retrospective adverbs ("previously", "averaging two a month") and
phrases of the time gone by ("in the past", "in recent years"); an event
noun marked as earlier ("previous charges", "the former invasion"); and an act described inside
a noun phrase about an actor ("rebels, who are fighting the government", "forces occupying the
north", "Japan, a backer of the invasion").  Background reports keep the date the text gives
them and never take the publication day.
"""

from __future__ import annotations

from datetime import date, timedelta

from storyline.events.modality import Governance
from storyline.events.parse import DOCUMENTS, Parse
from storyline.events.triggers import Trigger
from storyline.model import Token

# A report dated more than this before publication recounts an earlier event.
NEWS_WINDOW = timedelta(days=14)
SPAN_ADVERBS = {"always", "long", "repeatedly", "consistently", "continually", "ever", "often"}
RETRO_ADVERBS = {"previously", "formerly", "once", "historically", "later", "since"}
EARLIER_ADJECTIVES = {"previous", "past", "former", "earlier", "prior"}
HABITUAL_VERBS = {"average", "continue"}
SPAN_PREPS = {"since", "for"}


def _end_of(value: str) -> date | None:
    """The last day of a resolved date (YYYY, YYYY-MM or YYYY-MM-DD)."""
    try:
        if len(value) == 4:
            return date(int(value), 12, 31)
        if len(value) == 7:
            y, m = int(value[:4]), int(value[5:7])
            nxt = date(y + (m == 12), m % 12 + 1, 1)
            return nxt - timedelta(days=1)
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def dated_before(event_date: str | None, precision: str, published: str | None) -> bool:
    if not event_date or precision not in {"day", "month", "year"} or not published:
        return False
    end = _end_of(event_date)
    try:
        pub = date.fromisoformat(published[:10]) if len(published) >= 10 else None
    except ValueError:
        pub = None
    return end is not None and pub is not None and end < pub - NEWS_WINDOW


def _perfect(p: Parse, v: Token) -> str | None:
    """'past' for "had done", 'present' for "has/have done", None otherwise."""
    if v.tag != "VBN" and not any(c.dep == "auxpass" for c in p.kids[v.i]):
        return None
    for c in p.kids[v.i]:
        if c.dep == "aux" and c.lemma.lower() == "have":
            return "past" if c.tag == "VBD" else "present"
    return None


def _spans_time(p: Parse, v: Token) -> bool:
    for c in p.kids[v.i]:
        low = c.lemma.lower()
        if c.dep in {"advmod", "npadvmod"} and low in SPAN_ADVERBS | {"since"}:
            return True
        if c.dep == "prep" and low in SPAN_PREPS and low == "since":
            return True
        if c.dep == "advcl" and any(
            m.dep == "mark" and m.lemma.lower() == "since" for m in p.kids[c.i]
        ):
            return True  # "has backed X since the war began"
    return False


def _verb_of(p: Parse, trig: Trigger) -> Token:
    """The clause verb a trigger reports through: itself, or its light verb for a noun."""
    t = trig.token
    if trig.pattern.kind == "noun" and t.dep in {"dobj", "nsubjpass", "attr"}:
        head = p.toks[t.head]
        if head.pos in {"VERB", "AUX"}:
            return head
    return t


def _describes_actor(p: Parse, trig: Trigger) -> bool:
    """An act told inside a noun phrase about someone: "rebels, who are fighting X" (a relative
    clause in the present), "forces occupying the north" (a participle), "Japan, a backer of
    the invasion" (an apposition)."""
    t = trig.token
    if t.dep == "relcl" and t.tag in {"VBZ", "VBP", "VBG"}:
        return True
    if t.dep == "relcl" and any(c.tag in {"VBZ", "VBP"} for c in p.kids[t.i] if c.dep == "aux"):
        return True
    if (
        t.dep == "acl"
        and t.tag == "VBG"
        and not (t.i > 0 and p.toks[t.i - 1].text == ",")
        and p.toks[t.head].lemma.lower() not in DOCUMENTS
    ):
        # "forces occupying the north"; not "Straw, visiting Baghdad, said", nor "a
        # statement urging X" (what the statement says)
        return True
    cur = t
    for _ in range(4):
        if cur.dep == "appos":
            return True
        if cur.dep not in {"pobj", "prep", "compound", "amod"} or cur.head == cur.i:
            break
        cur = p.toks[cur.head]
    return False


def _reported_now(p: Parse, trig: Trigger, g: Governance) -> bool:
    """ "X said on Thursday that he had met Y in October": what a speaker reveals is the
    article's news even when it happened earlier (the past perfect is the tense of reported
    speech); only the clause a reporting verb governs directly counts."""
    if g.reporting is None:
        return False
    t = _verb_of(p, trig)
    return t.dep == "ccomp" and t.head == g.reporting.i


def is_background(
    p: Parse,
    trig: Trigger,
    g: Governance,
    event_date: str | None,
    precision: str,
) -> bool:
    revealed = _reported_now(p, trig, g)
    if dated_before(event_date, precision, p.a.published) and not revealed:
        return True
    if trig.pattern.kind == "noun":
        kids = p.kids[trig.token.i]
        if {c.lemma.lower() for c in kids if c.dep in {"amod", "advmod"}} & EARLIER_ADJECTIVES:
            return True
        if any(c.dep == "acl" and c.lemma.lower() in HABITUAL_VERBS for c in kids):
            return True  # "air raids, averaging two a month"
    if _describes_actor(p, trig):
        return True
    v = _verb_of(p, trig)
    perfect = _perfect(p, v)
    if perfect == "past" and not revealed:
        return True
    if perfect == "present" and _spans_time(p, v):
        return True
    for c in p.kids[v.i]:
        low = c.lemma.lower()
        if c.dep == "advmod" and low in RETRO_ADVERBS and not _shortly(p, c):
            return True
        if c.dep == "prep" and low in {"in", "over", "during"} and _years_gone(p, c):
            return True  # "has opposed such changes in the past", "over the years"
        if c.dep in {"advcl", "xcomp"} and low in HABITUAL_VERBS and c.tag == "VBG":
            return True
    return any(gov.pos in {"VERB", "AUX"} and _perfect(p, gov) == "past" for gov in g.governors)


def _years_gone(p: Parse, prep: Token) -> bool:
    """ "in the past", "over the years", "in recent decades": the time before the news."""
    return any(
        o.dep == "pobj"
        and (o.lemma.lower() == "past" or o.text.lower() in {"years", "decades"})
        and not any(k.dep == "nummod" for k in p.kids[o.i])  # "in two years" is ahead
        for o in p.kids[prep.i]
    )


# Spans after which what follows is still the day's news ("hours later", "two days later").
SHORT_SPANS = {"minute", "hour", "day", "moment", "moments"}


def _shortly(p: Parse, adv: Token) -> bool:
    """ "seized the town hours later": a short span before "later" tells the news's own
    sequence, not history ("he later became president", "years later")."""
    return any(c.dep == "npadvmod" and c.lemma.lower() in SHORT_SPANS for c in p.kids[adv.i])
