"""Bodies of a state and the people who head or speak for them.

News names officials by the body they serve far more often than by a title the dictionaries
list: "Guido Bertolaso, the head of Italy's civil protection service", "a spokesman for the
Iranian foreign ministry", "the chief of Egypt's statistics agency", "MEXICO CITY - Foreign Minister X".  Three steps,
after the sector step (``sectors.agents``) and before coreference, so that a later "he" takes
the code:

* a state body no list names ("Italy's civil protection service", "the Iraqi electoral
  commission") is that state's government when a country's name or adjective owns it;
* an unknown person apposed to a title of such a body ("X, the head of Y", "the spokesman for
  Y, X") holds an office of that body and takes its code;
* a state office with no country named, in a report filed from a country, is that country's.
"""

from __future__ import annotations

from storyline.actors.gazetteer import country_word
from storyline.actors.kb import ensure_composite
from storyline.actors.names import fold, token_key
from storyline.actors.resolver import STATE_AGENTS, Mention, Resolver, Token, compose
from storyline.actors.sectors import bodies_of_title, countries_in, noun_phrase, title_context
from storyline.actors.unknown import STATE_BODIES

# Heads of the common-noun names of a state's bodies ("civil protection service", "electoral
# commission"); a named one ("the Kenyan Civil Aviation Authority") is the tagger's ORG.
BODY_NOUNS = STATE_BODIES | {"service", "office", "council"}

# Titles that say whose office a person holds by the body after "of" or "for" (a president
# of a country is not read here: the body must not be a country).
BODY_TITLES = {
    "head", "chief", "leader", "director", "spokesman", "spokeswoman", "spokesperson",
    "chairman", "chairwoman", "chair", "commander", "boss", "official", "secretary",
    "president", "founder", "representative",
}  # fmt: skip


def state_bodies(r: Resolver) -> None:
    """ "Italy's civil protection service": a body of a state is its government; the country
    must own the phrase (a possessive or an adjective), so a place in it says nothing."""
    covered = {i for m in r.mentions if not m.place_only for i in range(m.token_start, m.token_end)}
    for t in r.toks:
        if t.pos != "NOUN" or t.tag != "NN" or t.i in covered or t.i in r.taken:
            continue
        if token_key(t.lemma) not in BODY_NOUNS:
            continue
        np = noun_phrase(r, t.i)
        owners = [
            i
            for i in np
            if i != t.i
            and (c := r.country_of_token.get(i))
            and (c[1] == "adjective" or r.toks[i].dep == "poss")
            and c[1] not in {"capital", "place"}
        ]
        rest = [i for i in np if i not in owners and i != t.i]
        if not owners or any(i in covered or r.toks[i].pos == "PROPN" for i in rest):
            continue  # "France's IFOP polling agency": a name says whose it is, not the owner
        countries = countries_in(r, [i for i in np if i in owners], t.i)
        if len(countries) != 1:
            continue
        start = min(i for i in np if r.toks[i].pos not in {"DET", "CCONJ", "PUNCT"})
        r.add(start, t.i + 1, ensure_composite(r.kb, compose(countries[0], "GOV")), "state-body",
              head=t.i)  # fmt: skip


def heads_of_bodies(r: Resolver) -> None:
    """An unknown person apposed to "the head of X" or "a spokesman for X" is X's."""
    bodies = {m.head: m for m in r.mentions if m.code and not m.place_only and m.kind != "person"}
    for m in r.mentions:
        if m.kind != "person" or m.code or m.known or m.rule.startswith("coref-"):
            continue
        h = r.toks[m.head]
        titles = [c for c in r.children(h.i) if c.dep == "appos" and c.pos == "NOUN"]
        if h.dep == "appos" and h.head != h.i and r.toks[h.head].pos == "NOUN":
            titles.append(r.toks[h.head])  # "the head of the agency, X,"
        for t in titles:
            body = _body_of(r, t, bodies) if token_key(t.lemma) in BODY_TITLES else None
            if body is not None:
                m.code = body.code
                m.country = m.country or body.country
                break


def _body_of(r: Resolver, title: Token, heads: dict[int, Mention]) -> Mention | None:
    for o in bodies_of_title(r, title):
        m = heads.get(o.i)
        if m is not None and m.kind != "country":
            return m
    return None


def dateline_offices(r: Resolver) -> None:
    """ "MEXICO CITY (Reuters) - Foreign Minister Patricia Espinosa said ...": a state office
    with no country named, in a report filed from a country, is that country's (a visiting
    minister is written with the country: "Peruvian Foreign Minister X")."""
    place = str(r.a.meta.get("dateline_place") or "")
    where = r.kb.places.get(fold(place)) if place else None
    if not where:
        return
    iso = where[:3]
    for m in r.mentions:
        if m.kind != "person" or m.code or m.known or m.rule.startswith("coref-"):
            continue
        if not 0 <= m.head < len(r.toks):
            continue
        country, agent = title_context(r, m.head, exclude=(m.token_start, m.token_end))
        words = noun_phrase(r, m.head)
        near = range(max(0, m.token_start - 6), m.token_start)
        if any(i in r.country_of_token or country_word(r, i) for i in words) or any(
            r.toks[i].lemma.lower() == "visit" for i in near
        ):
            continue  # "visiting British Corporate Affairs Minister X": not the host's
        if country is None and agent in STATE_AGENTS:
            m.code = compose(iso, agent)
            m.country = m.country or iso
