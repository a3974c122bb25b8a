"""Judgements: an evaluation said of someone ("X is an obstacle to a solution", "X called Y
an obstacle", "described the raid as a crime") and a stance about something ("skeptical about
Iranian motives").  The words judge; the judge is whoever says them."""

from __future__ import annotations

from storyline.events.modality import Governance
from storyline.events.nominal import noun_roles
from storyline.events.parse import Mention, Parse, Token, child, under_prep
from storyline.events.roles import (
    actors_at,
    actors_or_thing,
    modifier_actors,
    owners,
    senders,
    subjects,
)
from storyline.events.triggers import Trigger


def evaluation(
    s: Parse, trig: Trigger, g: Governance
) -> tuple[list[Mention], list[Mention]] | None:
    """ "X is an obstacle to a solution", said by Y: Y criticises X.  Only when someone says
    it: in the writer's own voice it is description, not an event."""
    t = trig.token
    named = characterised(s, t)
    if named is not None:
        # "X called Y an obstacle", "described the raid as a crime": X judges Y (or whoever
        # did the thing judged).
        verb, judged = named
        speakers = subjects(s, verb)[0]
        whose = _judged(s, judged) if judged is not None else []
        return (speakers, [m for m in whose if m not in speakers]) if speakers else None
    head = s.toks[t.head]
    if t.dep not in {"attr", "acomp"} or head.lemma.lower() != "be" or g.reporting is None:
        return None
    speakers = subjects(s, g.reporting)[0]
    if not speakers:
        return None
    judged = [m for c in child(s, head, {"nsubj"}) for m in actors_at(s, c)]
    return speakers, [m for m in judged if m not in speakers]


def stance(s: Parse, trig: Trigger) -> tuple[list[Mention], list[Mention]] | None:
    """ "The State Department said it is skeptical about Iranian motives": whoever is
    skeptical (or optimistic) comments on what the adjective is about, and on whose it is."""
    holders = subjects(s, s.toks[trig.token.head])[0]
    if not holders:
        return None
    about = [
        o
        for c in s.kids[trig.token.i]
        if c.dep == "prep" and c.lemma.lower() in {"of", "about", "over", "on", "regarding"}
        for o in child(s, c, {"pobj"})
    ]
    targets = [m for o in about for m in actors_or_thing(s, o) if m not in holders]
    return holders, targets


# Verbs that say what something is: "called Y an obstacle", "branded the strike a crime",
# "described the raid as an escalation".
NAMING = {"call", "brand", "label", "term", "dub", "describe", "deem", "consider", "regard",
          "see", "view"}  # fmt: skip


def characterised(s: Parse, t: Token) -> tuple[Token, Token | None] | None:
    """The naming verb and the thing named, when ``t`` is what a naming verb calls it."""
    v = s.toks[t.head]
    if t.dep == "pobj" and v.lemma.lower() == "as" and v.head != v.i:
        v = s.toks[v.head]
    elif t.dep == "dobj":
        if not any(c.dep in {"dobj", "obj"} and c.i < t.i for c in s.kids[v.i]):
            return None  # one object: "called an election" names nothing
    elif t.dep != "oprd":
        return None
    if v.lemma.lower() not in NAMING or v.pos != "VERB":
        return None
    objs = [c for c in s.kids[v.i] if c.dep in {"dobj", "obj"} and c.i < t.i]
    return v, (objs[0] if objs else None)


def _judged(s: Parse, o: Token) -> list[Mention]:
    """Who is judged by a name given to ``o``: its actors, else whoever owns or did it."""
    return actors_at(s, o) or modifier_actors(s, o, 0) or senders(s, [o]) or owners(s, o)


def names_something(s: Parse, v: Token, by_tok: dict[int, Trigger]) -> bool:
    """A naming verb whose complement is an evaluation: the evaluation is the event."""
    if v.lemma.lower() not in NAMING:
        return False
    named = [c for c in s.kids[v.i] if c.dep in {"oprd", "dobj"}]
    named += [o for c in child(s, v, {"prep"}, "as") for o in child(s, c, {"pobj"})]
    return any((tr := by_tok.get(n.i)) is not None and tr.pattern.roles == "copula" for n in named)


INNER_PREPS = {"with", "between", "among", "against", "on", "to", "toward", "towards", "of"}


def inside(s: Parse, t: Token, depth: int) -> list[Mention]:
    """Actors in the prepositional phrases of a noun, two levels down at most."""
    for p in s.kids[t.i]:
        if p.dep != "prep" or p.lemma.lower() not in INNER_PREPS:
            continue
        for o in s.kids[p.i]:
            if o.dep != "pobj":
                continue
            found = actors_at(s, o)
            if found:
                return found
            if depth < 1:
                deeper = inside(s, o, depth + 1)
                if deeper:
                    return deeper
    return []


ABOUT_PREPS = {"about", "over", "on", "regarding", "concerning", "at"}


def commented_on(s: Parse, v: Token, by_tok: dict[int, Trigger]) -> list[Mention]:
    """Who a comment (pessimism, optimism, concern) is about: the actors of what follows
    "about" or "over" on the verb or on its object -- its owner, or the parties of an act
    ("talks with Ukraine", "holding negotiations with the United States")."""
    heads = [v, *child(s, v, {"dobj", "obj"})]
    things = [
        o
        for h in heads
        for c in child(s, h, {"prep"})
        if c.lemma.lower() in ABOUT_PREPS
        for o in child(s, c, {"pobj", "pcomp"})
    ]
    for o in things:
        if o.tag == "VBG":  # "over holding negotiations with X": what the gerund does
            things += child(s, o, {"dobj", "obj"})
            continue
        act = by_tok.get(o.i)
        found = actors_at(s, o) or modifier_actors(s, o, 0)
        if not found and act is not None and act.pattern.kind == "noun":
            doers, parties = noun_roles(s, act)
            found = doers + [m for m in parties if m not in doers]
        found = _of_a_country(found or inside(s, o, 0))
        if found:
            return found
    # "expressed surprise that the Post published ...", "voiced hope that the new government
    # in Greece will help": the comment is on whoever does what its clause says (a state is
    # done by no one: "confidence that Iraq would have a constitution" is about no one)
    for h in heads:
        for c in s.kids[h.i]:
            if c.dep in {"ccomp", "acl"} and c.pos == "VERB" and c.lemma.lower() not in STATES:
                for subj in child(s, c, {"nsubj", "nsubjpass"}):
                    found = _of_a_country(actors_at(s, subj) or owners(s, subj))
                    if found:
                        return found
    return []


def _of_a_country(found: list[Mention]) -> list[Mention]:
    """An unnamed side of no country says little of whom a comment is about."""
    return [m for m in found if not (m.code or "---").startswith("---")]


# Verbs of being and having, which report a state rather than an act.
STATES = {"be", "have", "remain", "become", "stay", "seem", "exist", "need", "get", "lack", "own",
          "contain", "include", "hold", "keep"}  # fmt: skip
RESPONSIBLE = {"responsible", "accountable", "culpable", "guilty"}


def held_responsible(s: Parse, n: Token) -> list[Mention]:
    """ "Boko Haram is responsible for mass killings", "held the rebels responsible for
    the attack": whoever a sentence makes responsible for an act of its noun did it."""
    while n.dep == "conj" and n.head != n.i:  # "for killings, rapes and abductions"
        n = s.toks[n.head]
    adj = under_prep(s, n, {"for", "of"})
    if adj is None or adj.lemma.lower() not in RESPONSIBLE or adj.head == adj.i:
        return []
    if adj.dep == "acomp":  # "X is responsible for"
        return subjects(s, s.toks[adj.head])[0]
    if adj.dep == "amod":  # "held X responsible for"
        return actors_at(s, s.toks[adj.head])
    return [m for c in child(s, adj, {"nsubj"}) for m in actors_at(s, c)]


def yielded_to(s: Parse, v: Token, by_tok: dict[int, Trigger]) -> list[Mention]:
    """To whom one yields when the text names what one yields to: "acceded to Libyan
    demands", "bowed to pressure from Washington", "complied with the UN's request" -- the
    askers of the demand, pressure or request (its doers), not the demand itself."""
    for c in child(s, v, {"prep"}):
        if c.lemma.lower() not in {"to", "with"}:
            continue
        for o in child(s, c, {"pobj"}):
            act = by_tok.get(o.i)
            if act is not None and act.pattern.kind == "noun":
                doers = [m for m in noun_roles(s, act)[0] if m.code]
                if doers:
                    return doers
    return []


def asked_of(s: Parse, v: Token) -> list[Mention]:
    """Who a call is made of: "called for Italy to stay", "demanded that Russia withdraw" (the
    subject of the clause it asks for), "called for sanctions against Sudan" (the target of
    the act it asks for)."""
    for c in s.kids[v.i]:
        if c.dep == "advcl" and any(
            k.dep == "mark" and k.lemma.lower() == "for" for k in s.kids[c.i]
        ):
            for subj in child(s, c, {"nsubj"}):
                return actors_at(s, subj)
        if c.dep == "prep" and c.lemma.lower() == "for":
            for o in child(s, c, {"pobj"}):
                for p in s.kids[o.i]:
                    if p.dep == "prep" and p.lemma.lower() in {"against", "on"}:
                        got = [m for x in child(s, p, {"pobj"}) for m in actors_at(s, x)]
                        if got:
                            return got
    return clause_doers(s, v)  # "demanded that the US leave no stone unturned"


def clause_doers(s: Parse, v: Token) -> list[Mention]:
    for c in s.kids[v.i]:
        if c.dep == "ccomp" and c.pos in {"VERB", "AUX"}:
            found, passive, _ = subjects(s, c)
            if found and not passive:
                return found
    return []
