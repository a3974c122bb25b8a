"""Words the tagger takes for names that name no actor: a reader's signature or a picture's
credit, a programme of a broadcaster, a capitalised common noun, a relative written as a title.

Issue 16 asks that page furniture never form actor names; these are the constructions of it
that reach the name-finding steps (``unknown.add_ner``, ``coref``) whatever the tagger says."""

from __future__ import annotations

import re
from collections.abc import Callable

from storyline.actors.names import fold
from storyline.actors.resolver import Resolver
from storyline.model import Token

CLOCK = re.compile(r"\d{1,2}[:.]\d{2}")
# Words that introduce a picture's credit line.
CREDITS = {"photograph", "photo", "photos", "picture", "pictures", "image", "credit", "video"}
# Relatives: "my G. Grandfather", "Great Aunt" are someone's family, not a name.
KIN = {
    "grandfather", "grandmother", "grandpa", "grandma", "father", "mother", "uncle", "aunt",
    "auntie", "cousin", "nephew", "niece", "grandson", "granddaughter", "brother", "sister",
}  # fmt: skip
# Heads of the names of market indexes and statistics ("the Dow Jones Industrial Average",
# "the Hang Seng Index", "the Consumer Price Index").
INDEXES = {"average", "averages", "index", "indices", "indexes"}
QUOTES = {'"', "“", "”", "'", "‘", "’", "`", "``", "''"}


def signature_or_credit(r: Resolver, start: int, end: int) -> bool:
    """The signature of a reader's comment (a name followed by "wrote:" or after "Posted by:")
    or a picture's credit ("Photograph: AP")."""
    toks = r.toks
    after = [t.text.lower() for t in toks[end : end + 2]]
    before = [t.text.lower() for t in toks[max(0, start - 3) : start]]
    if before[-2:] == ["by", ":"] or (
        len(before) >= 2 and before[-1] == ":" and before[-2] in CREDITS
    ):
        return True  # "Posted by: X", "Photograph: AP/X": a signature or a credit
    if before[-1:] == ["ago"]:
        return True  # "... - 55 mins ago Telegraph BP investors ...": a list of headlines
    # "At 1:41 pm on 09 May 2009, X wrote:", "At 23:28 29th Apr 2009, X wrote:", not
    # "Senator Jones wrote:"
    first = r.a.sentences[toks[start].sent].token_start
    stamped = any(
        t.text.lower() in {"am", "pm", "a.m.", "p.m."} or CLOCK.fullmatch(t.text)
        for t in toks[first:start]
    )
    return after == ["wrote", ":"] and stamped


def no_name(r: Resolver, start: int, end: int, label: str) -> bool:
    """A span the tagger labelled a name that names no actor: furniture, a plural common noun
    opening a sentence ("` Complaints against the army are ..."), a relative ("my G.
    Grandfather"), a broadcaster's programme ("BBC's Newshour", CNN's "Larry King Live")."""
    toks = r.toks
    if signature_or_credit(r, start, end):
        return True
    if end - start == 1 and toks[start].tag == "NNS":
        return True  # the tagger reads it as a plural noun, whatever its entity label
    if label == "PERSON" and toks[end - 1].text.lower() in KIN:
        return True
    if label == "PERSON" and any(
        t.text == "," and toks[t.i + 1].text.lower().strip(".") not in {"jr", "sr"}
        for t in toks[start : end - 1]
    ):
        return True  # "children Herbert, George, Edith": a list of names, not one
    if end - start == 1 and shouted_word(r, toks[start].text):
        return True
    if glued_dateline(r, start, end):
        return True
    if end - start > 1 and toks[end - 1].pos in {"ADP", "DET", "CCONJ"}:
        return True  # "the Consul General of [the Netherlands]": a name cut short, no name
    if label != "PERSON" and toks[end - 1].text.lower() in INDEXES:
        return True  # "Dow Jones Industrial Average: -215.45": a market's figure, no actor
    return programme(r, start, end, label)


def glued_dateline(r: Resolver, start: int, end: int) -> bool:
    """ "... in the Gulf NEW ORLEANS (Reuters) -": a dateline in capitals glued to the words
    before it by a lost line break; the tagger draws one name over both."""
    for j in range(start + 1, end):
        tail = [t.text for t in r.toks[j:end]]
        if all(w.isalpha() and w.isupper() and len(w) > 1 for w in tail) and not (
            r.toks[j - 1].text.isupper()
        ):
            return r.kb.places.get(fold(" ".join(tail))) is not None
    return False


def shouted_word(r: Resolver, text: str) -> bool:
    """ "solving the CRISIS for us": a word in capitals that the same article writes in small
    letters is a common word shouted, not an acronym ("FRIDE, a think tank" is not)."""
    if len(text) < 4 or not text.isalpha() or not text.isupper():
        return False
    return re.search(rf"\b{text.lower()}\b", r.a.text) is not None


def programme(r: Resolver, start: int, end: int, label: str) -> bool:
    """A name a news outlet owns ("BBC's Newshour") or one in quotes after it ("told CNN's
    " Larry King Live ""): the outlet's programme, which the outlet itself speaks for; a
    person named so ("CNN's John Roberts") is the outlet's reporter, a person."""
    toks = r.toks
    quoted = start > 0 and toks[start - 1].text in QUOTES
    if label == "PERSON" and not quoted:
        return False
    at = start - 1 if quoted else start
    owner = at - 1 if at >= 1 and toks[at - 1].tag == "POS" else -1
    if owner < 1:
        return False
    return any(
        m.token_end == owner and (m.code or "").endswith("MED") and not m.place_only
        for m in r.mentions
    )


# Collective nouns of force used as a measure: "an army of lawyers", "a legion of fans".
COLLECTIVES = {"army", "armies", "legion", "legions", "battalion", "battalions", "armada"}


def figurative_collective(
    r: Resolver, t: Token, sector_of: Callable[[Resolver, list[int]], str | None]
) -> bool:
    """ "an army of lawyers": the head counts the people of its "of" phrase, who are no armed
    force themselves ("a battalion of troops" still is one)."""
    if t.text.lower() not in COLLECTIVES:
        return False
    objs = [o for c in r.children(t.i) if c.dep == "prep" and c.text.lower() == "of"
            for o in r.children(c.i) if o.dep == "pobj"]  # fmt: skip
    return bool(objs) and all(
        o.tag == "NNS" and (sector_of(r, [o.i]) or "")[:3] not in {"MIL", "REB"} for o in objs
    )
