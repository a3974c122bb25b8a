"""When and where: the date and place phrases that belong to a trigger.

A time or place expression counts for an event only if it hangs on the trigger (or its light
verb, or, for a denial or an intention, on the governing and reporting verbs) without crossing
another clause or a "since"/"after" phrase that describes something else.
"""

from __future__ import annotations

from bisect import bisect_left

from storyline.events import places
from storyline.events import time as etime
from storyline.events.modality import Governance
from storyline.events.parse import (
    COMPASS,
    Parse,
    adjunct_clause,
    head_of_span,
    naming_participles,
    subtree,
)
from storyline.events.triggers import Trigger
from storyline.model import Location, Token

LOCATION_PREPS = {"in", "at", "near", "inside", "outside", "among", "across", "throughout", "around",
                  "along", "into"}  # fmt: skip
NON_LOCATIVE_PREPS = {
    "since",
    "until",
    "till",
    "before",
    "after",
    "despite",
    "amid",
    "following",
    "over",
    "about",
    "regarding",
    "concerning",
    "like",
    "unlike",
}


# ---- when and where --------------------------------------------------------------------------
def anchor_tokens(p: Parse, trig: Trigger, g: Governance) -> set[int]:
    """Tokens a date or place may hang on to belong to this event.

    The trigger and its object; for a noun, its light verb and participle ("held talks in
    Moscow", "the talks held in Moscow").  A denial or an intention is dated when it was
    stated, so for those the governing verbs and the reporting verb count too.
    """
    out = {trig.token.i}
    out.update(c.i for c in naming_participles(p, trig.token))
    if trig.obj is not None:
        out.add(trig.obj.i)
    for inner in trig.inner:  # "pledged to cooperate in Syria": the pledge is about Syria
        out.add(inner.token.i)
        if inner.obj is not None:
            out.add(inner.obj.i)
    if trig.pattern.kind == "noun" and trig.token.head != trig.token.i:
        gov = p.toks[trig.token.head]
        if gov.pos in {"VERB", "AUX"}:
            out.add(gov.i)
        for c in p.kids[trig.token.i]:
            if c.dep == "acl":
                out.add(c.i)
        clause = adjunct_clause(p, trig.token)
        if clause is not None and gov.lemma.lower() == "with":
            out.add(clause.i)  # "went ahead with sanctions on Monday"
    out.update(_occasion_anchors(p, out))
    t = trig.token
    if (
        t.dep == "advcl"
        and t.head != t.i
        and any(
            (c.dep == "mark" and c.lemma.lower() in {"when", "as", "while"})
            or (c.dep == "advmod" and c.lemma.lower() == "when")
            for c in p.kids[t.i]
        )
    ):
        # "43 were killed today when two bombers blew themselves up": the clause that says
        # what happened when says the day.
        out.add(t.head)
    if (
        t.dep == "advcl"
        and t.tag == "VBG"
        and t.head != t.i
        and not any(c.dep in {"nsubj", "mark", "nsubjpass"} for c in p.kids[t.i])
    ):
        # "Accusing X of overfishing, Canada yesterday said ...": a participle with no
        # subject of its own happens when its clause does.
        out.add(t.head)
    if t.dep in {"advcl", "xcomp"} and t.head != t.i and _purpose(p, t) and not _own_subject(p, t):
        out.add(t.head)  # "rallied in Nairobi on Sunday to demand X": the demand was made there
    for c in p.kids[t.i]:
        if c.dep in {"ccomp", "parataxis"} and c.i < t.i and _colon_between(p, c, t):
            # "On Monday came the last blow: police shut the paper": the clause
            # a colon opens on tells when what it announces happened
            out.add(c.i)
    if g.polarity == "negated" or g.modality != "fact":
        out.update(t.i for t in g.governors)
        if g.reporting is not None:
            out.add(g.reporting.i)
    return out


def _own_subject(p: Parse, v: Token) -> bool:
    return any(c.dep in {"nsubj", "nsubjpass"} for c in p.kids[v.i])


def _colon_between(p: Parse, c: Token, t: Token) -> bool:
    last = max(w.i for w in subtree(p, c))
    return any(p.toks[i].text == ":" for i in range(last + 1, t.i))


# Verbs that say when or where an occasion is: "the summit, which takes place in Venice in June".
HAPPEN = {"take", "happen", "occur", "hold", "open", "begin", "start", "convene", "run"}
# Prepositions that put an event inside an occasion: "met him at the summit", "during the visit".
OCCASION_PREPS = {"at", "during", "on"}


def _occasion_anchors(p: Parse, anchors: set[int]) -> set[int]:
    """The occasion an event happens at dates and places it through its own relative clause.

    "will meet X at the summit, which will take place in Venice June 8-10": the meeting is at
    the summit, and the summit's clause says when.  Only a relative clause whose verb says
    the occasion happens counts ("which takes place", "which is held"), so "at the summit,
    which he criticised in May" does not lend the event its date.
    """
    out: set[int] = set()
    for i in list(anchors):
        for prep in p.kids[i]:
            if prep.dep != "prep" or prep.lemma.lower() not in OCCASION_PREPS:
                continue
            for noun in p.kids[prep.i]:
                if noun.dep != "pobj" or noun.pos != "NOUN":
                    continue
                for rel in p.kids[noun.i]:
                    if rel.dep not in {"relcl", "acl"} or rel.lemma.lower() not in HAPPEN:
                        continue
                    if rel.lemma.lower() == "take" and not any(
                        c.lemma.lower() == "place" for c in p.kids[rel.i]
                    ):
                        continue  # "take" says an occasion happens only as "take place"
                    out.update({noun.i, rel.i})
    return out


def _attached_place(p: Parse, tok: Token, anchors: set[int], limit: int = 8) -> int | None:
    """Like _attached, but a place inside "since the war in Syria" describes something else."""
    cur, steps = tok, 0
    while steps <= limit:
        if cur.i in anchors:
            return steps
        if cur.head == cur.i or (
            steps > 0
            and cur.pos in {"VERB", "AUX"}
            and cur.dep not in {"acl", "pcomp"}
            and not _purpose(p, cur)
        ):
            return None
        if cur.dep == "prep" and cur.lemma.lower() in NON_LOCATIVE_PREPS:
            return None
        cur = p.toks[cur.head]
        steps += 1
    return None


def _purpose(p: Parse, verb: Token) -> bool:
    """ "brokered a truce to avoid an escalation in Idlib": the purpose's place is the event's."""
    return verb.dep in {"advcl", "xcomp"} and any(
        c.dep == "aux" and c.lemma.lower() == "to" for c in p.kids[verb.i]
    )


def _attached(p: Parse, tok: Token, anchors: set[int], limit: int = 8) -> int | None:
    """Steps from ``tok`` up to an anchor without crossing another clause; None if it does not."""
    found = _anchor_of(p, tok, anchors, limit)
    return None if found is None else found[0]


OCCASION_PREPS = {"in", "at", "during"}


def _anchor_of(p: Parse, tok: Token, anchors: set[int], limit: int = 8) -> tuple[int, Token] | None:
    owner = p.toks[tok.head]
    if (
        tok.dep == "poss"
        and owner.i not in anchors
        and not (owner.dep == "pobj" and p.toks[owner.head].lemma.lower() in OCCASION_PREPS)
    ):
        # "raided a rig in retaliation for Tuesday's attack", "stood by last May's accord": a
        # day written as an owner dates what it owns, not the verb above ("demanded in
        # Tuesday's cabinet meeting" is dated by the meeting it was made in)
        return None
    cur, steps = tok, 0
    while steps <= limit:
        if cur.i in anchors:
            return steps, cur
        if cur.head == cur.i:
            return None
        if steps > 0 and cur.pos in {"VERB", "AUX"} and cur.dep not in {"acl", "pcomp"}:
            return None
        if steps > 1 and cur.dep == "prep" and cur.lemma.lower() in NON_LOCATIVE_PREPS:
            return None  # "talks ... since the start of the war in 2011" is not dated 2011
        cur = p.toks[cur.head]
        steps += 1
    return None


def _future(p: Parse, verb: Token) -> bool:
    """A clause in the future tense: "will meet", "is going to meet", "is to meet"."""
    for _ in range(4):  # "a telephone call on Saturday" is as future as the clause it is in
        if verb.pos in {"VERB", "AUX"} or verb.head == verb.i:
            break
        verb = p.toks[verb.head]
    for c in p.kids[verb.i]:
        if c.dep == "aux" and c.lemma.lower() in {"will", "shall", "'ll"}:
            return True
    head = p.toks[verb.head]
    if verb.dep == "xcomp" and head.lemma.lower() in SCHEDULED:
        return True  # "is due to discuss", "is set to meet", "is expected to arrive"
    return (
        verb.dep == "xcomp"
        and head.lemma.lower() == "go"
        and any(c.dep == "aux" for c in p.kids[verb.head])
    )


# Words that put the clause they govern in the future: "is due to", "is scheduled to".
SCHEDULED = {"due", "set", "schedule", "expect", "slate", "poise", "plan", "intend", "prepare"}


def date_of(
    p: Parse, anchors: set[int], sent_start: int, sent_end: int
) -> tuple[str | None, str, str | None]:
    best: tuple[int, int, str, str, str] | None = None
    lo = bisect_left(p.date_ents, (sent_start, -1))
    hi = bisect_left(p.date_ents, (sent_end, -1))
    for s, e in _joined(p, p.date_ents[lo:hi]):  # this sentence's dates only
        if s < sent_start or e > sent_end:
            continue
        head = p.toks[head_of_span(p, s, e)]
        found = _anchor_of(p, head, anchors)
        if found is None:
            continue
        steps, anchor = found
        future = _future(p, anchor)
        text = p.a.text[p.toks[s].idx : p.toks[e - 1].end]
        before = p.toks[s - 1] if s > 0 and p.toks[s - 1].sent == p.toks[s].sent else None
        # "since 2011", "until May": the word before the expression says if it is a point.
        phrase = (
            f"{before.text} {text}"
            if before is not None
            and before.pos in {"ADP", "SCONJ"}
            and head.dep != "poss"  # "for Tuesday's attack": "for" governs the attack
            else text
        )
        resolved = _resolve(p, phrase, future)
        if resolved is None:
            continue
        rank = {"day": 0, "month": 1, "year": 2}[resolved[1]]
        cand = (steps, rank, resolved[0], resolved[1], text)
        if best is None or cand[:2] < best[:2]:
            best = cand
    if best is not None:
        return best[2], best[3], best[4]
    near = set(anchors) | {c.i for i in anchors for c in p.kids[i] if c.dep in {"dobj", "obj"}}
    for i in near:
        for c in p.kids[i]:
            # "an overnight attack": the night before the report, never a precise day.
            if c.lemma.lower() == "overnight" and sent_start <= c.i < sent_end:
                got = etime.resolve("overnight", p.a.published)
                if got is not None:
                    return got[0], got[1], c.text
    if p.a.published:
        return p.a.published, "published", None
    return None, "unknown", None


def _joined(p: Parse, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """ "last Thursday and Friday" is one period, though the tagger marks two dates."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and s == out[-1][1] + 1 and p.toks[s - 1].dep == "cc":
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _resolve(p: Parse, phrase: str, future: bool) -> etime.Resolved | None:
    """Against a publication date known only as a window (a month or year with bounds,
    from the content), an expression counts at day level when it reads the same from both
    ends of the window: "in December" written between March and June 2023 is December 2022.
    """
    window = p.a.meta.get("published_window")
    if window and p.a.published_precision != "day":
        lo = etime.resolve(phrase, window[0], future)
        hi = etime.resolve(phrase, window[1], future)
        if lo is not None and lo == hi:
            return lo
    return etime.resolve(phrase, p.a.published, future)


def _location_prep(p: Parse, t: Token) -> bool:
    """Is ``t`` (or the noun it names, up two steps) the object of in/at/near...?"""
    cur = t
    for _ in range(5):
        if cur.dep == "pobj":
            prep = p.toks[cur.head]
            if prep.lemma.lower() in LOCATION_PREPS:
                return True
            owner = p.toks[prep.head]
            if prep.lemma.lower() != "of" or owner.i == prep.i:
                return False
            if owner.lemma.lower() in COMPASS:
                return True  # "east of Basra"
            if owner.lemma.lower() not in PLACE_NOUNS:
                return False
            cur = owner  # "near the city of Basra"
            continue
        if cur.dep in {"dobj", "obj"} and cur.lemma.lower() in PLACE_NOUNS and cur is not t:
            return True  # "bombed areas of Idlib": the area struck is where it happened
        if cur.dep not in {"compound", "appos", "poss", "conj"} or cur.head == cur.i:
            return False
        cur = p.toks[cur.head]
    return False


# Nouns that name a place by the name after their "of": "the city of Basra", "the mountains
# of northeast Iraq", "parts of Kashmir".
PLACE_NOUNS = {"city", "town", "village", "province", "region", "district", "port", "capital",
               "area", "state", "island", "governorate", "county", "suburb", "outskirts",
               "mountain", "hill", "peak", "valley", "desert", "coast", "border", "territory",
               "part", "countryside", "airspace", "water"}  # fmt: skip


def place_of(
    p: Parse, anchors: set[int], sent_start: int, sent_end: int, countries: set[str]
) -> Location | None:
    found = place_and_word(p, anchors, sent_start, sent_end, countries)
    return found[0] if found else None


def place_and_word(
    p: Parse, anchors: set[int], sent_start: int, sent_end: int, countries: set[str]
) -> tuple[Location, Token] | None:
    """The event's place and the word that names it."""
    best: tuple[int, int, Location, Token] | None = None
    for t in p.toks[sent_start:sent_end]:
        place_mentions = [m for m in p.by_tok.get(t.i, []) if m.head == t.i]
        is_place = any(m.place_only or m.kind == "country" for m in place_mentions) or (
            not p.by_tok.get(t.i)
            and t.ent_type in {"GPE", "LOC", "FAC"}
            and t.pos == "PROPN"
            and (t.i + 1 >= len(p.toks) or p.toks[t.i + 1].ent_iob != "I")
        )
        if not is_place or not _location_prep(p, t):
            continue
        steps = _attached_place(p, t, anchors)
        if steps is None:
            continue
        loc = _place_in(p, t, countries)
        if loc is None:
            continue
        cand = (steps, 0 if loc.lat is not None else 1, loc, t)
        if best is None or cand[:2] < best[:2]:
            best = cand
    return (best[2], best[3]) if best else None


def _place_in(p: Parse, t: Token, countries: set[str]) -> Location | None:
    """The most specific place a phrase names: "Serbia's capital Belgrade" is Belgrade, SRB."""
    sub = [t, *[c for c in p.kids[t.i] if c.dep in {"compound", "poss", "appos", "amod"}]]
    hint = set(countries)
    country_loc = None
    for x in sub:
        for m in p.by_tok.get(x.i, []):
            if m.country:
                hint.add(m.country)
            if m.kind == "country" and x.i == t.i and m.rule != "capital-place":
                country_loc = places.country_location(m.name, m.country or m.actor_id)
    if country_loc is not None:
        return country_loc
    # The actors' countries only break ties between places of the same name.
    return places.find_city(_proper_span(p, t), hint)


def _proper_span(p: Parse, t: Token) -> str:
    left = t.i
    while (
        left - 1 >= 0
        and p.toks[left - 1].head == t.i
        and p.toks[left - 1].dep == "compound"
        and p.toks[left - 1].pos == "PROPN"
    ):
        left -= 1
    return p.a.text[p.toks[left].idx : t.end]
