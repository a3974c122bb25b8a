"""Names the tagger left untagged or mislabelled: a listed surname in office.

spaCy's small model misses many one-word names, above all African and Asian ones at the start
of a sentence ("Kenyatta met Museveni": no entity, then NORP).  A bare surname the
dictionaries list for someone in office on the article's date is that person; anything else
stays untouched, so a capitalised common word never becomes an actor here.
"""

from __future__ import annotations

from storyline.actors.mentions import SURNAME_TITLES
from storyline.actors.names import token_key
from storyline.actors.resolver import Resolver
from storyline.actors.unknown import add_ner
from storyline.model import Token

# A bare surname is taken only where a person acts: as a subject ("Kenyatta met"), or listed
# with a person ("Paulson and Bernanke"); a word that is also a common word sits elsewhere
# ("on the Street", "a professor of English").
SUBJECT_DEPS = {"nsubj", "nsubjpass"}


def untagged_surnames(r: Resolver) -> None:
    for t in r.toks:
        if t.i in r.taken or t.pos != "PROPN" or t.ent_type not in {"", "NORP"}:
            continue
        titled = _titled(r, t)
        if not t.text[:1].isupper() or t.text.isupper() or not (titled or _acting(r, t)):
            continue
        # the title before a titled surname is no part of a longer name
        sides = (t.i + 1,) if titled else (t.i - 1, t.i + 1)
        neighbours = [r.toks[j] for j in sides if 0 <= j < len(r.toks)]
        if any(n.pos == "PROPN" and n.sent == t.sent for n in neighbours):
            continue  # part of a longer name the tagger split or missed: not a bare surname
        key = token_key(t.text)
        if len(key) < (4 if titled else 6) or key in r.kb.given_names or key in r.kb.places:
            continue  # "Todd", "Bristol", "White", "Power": names that are words or places too
        if t.i in r.country_of_token or (key,) in r.kb.aliases:
            continue  # "English": a country's word; a listed name the gazetteer did not take
        if r.kb.office_surname(key, r.when, elite=True) is not None:
            add_ner(r, t.i, t.i + 1, "PERSON")


def _titled(r: Resolver, t: Token) -> bool:
    """ "President Ruto", "Mr Kabila": a title written before a surname alone makes the word a
    name wherever it stands, and a short one safe to read."""
    if t.i == 0:
        return False
    before = r.toks[t.i - 1]
    return before.sent == t.sent and before.text.lower().rstrip(".") in SURNAME_TITLES


def _acting(r: Resolver, t: Token) -> bool:
    if t.dep in SUBJECT_DEPS:
        return True
    if t.dep != "conj" or t.head == t.i:
        return False
    head = r.toks[t.head]
    return head.dep in SUBJECT_DEPS and any(
        m.kind == "person" and m.token_start <= head.i < m.token_end for m in r.mentions
    )
