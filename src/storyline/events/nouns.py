"""Event nouns that name no event where they stand: inside the name of a body, a law or a
work ("the General Agreement on Tariffs and Trade"), or modifying a noun that names none ("a
bomb technician", "attack helicopters"); fighting waged on an ill ("the battle against
malaria"); and operations a peaceful word names ("the response operation") or that are only
the act of operating ("began operation")."""

from __future__ import annotations

from storyline.events.parse import EFFORTS, Parse
from storyline.model import Token


def no_event_noun(p: Parse, t: Token) -> bool:
    return _in_a_name(t) or _modifier(p, t) or _against_ills(p, t)


# Nouns of fighting that are as often waged against an ill as against a foe.
CAMPAIGNS = {"battle", "battles", "fight", "fighting", "war", "struggle"}


def _against_ills(p: Parse, t: Token) -> bool:
    """ "its battle to contain the floods", "the battle against malaria", "the war on
    corruption": fighting an ill the verb "fight" knows (its ``not_object``) is no force."""
    if t.lemma.lower() not in CAMPAIGNS:
        return False
    ills = frozenset().union(*(pat.not_object for pat in p.ps.verbs.get("fight", ())))
    aims = [o for c in p.kids[t.i] if c.dep == "prep" and c.lemma.lower() in
            {"against", "on", "over", "with"} for o in p.kids[c.i] if o.dep == "pobj"]  # fmt: skip
    aims += [o for c in p.kids[t.i] if c.dep in {"acl", "relcl"} and c.pos == "VERB"
             for o in p.kids[c.i] if o.dep == "dobj"]  # fmt: skip
    return any(o.lemma.lower() in ills or o.text.lower() in ills for o in aims)


def _modifier(p: Parse, t: Token) -> bool:
    """ "a bomb technician", "attack helicopters": an event noun modifying a noun that names
    no event describes a person or a thing ("a bomb attack" is the attack's)."""
    h = p.toks[t.head]
    named = h.lemma.lower() in p.ps.nouns or h.lemma.lower() in EFFORTS | UNDERTAKINGS
    return t.dep == "compound" and h.pos in {"NOUN", "PROPN"} and not named


# Nouns of an undertaking or of what carries it out, which an event noun before them names
# ("mediation efforts", "a rescue operation", "aid flights", "arms shipments").
UNDERTAKINGS = {"operation", "campaign", "plan", "action", "activity", "programme", "program",
                "work", "role", "offer", "proposal", "request", "call", "threat", "warning",
                "flight", "convoy", "shipment", "delivery", "supply", "package", "drop",
                "consignment", "cargo", "airlift", "transfer", "sale", "deal"}  # fmt: skip


def _in_a_name(t: Token) -> bool:
    """ "the General Agreement on Tariffs and Trade", "the Kenyan Army Attack Unit": a
    capitalised event noun inside the name of a body, a law or a work names no event."""
    return t.text[:1].isupper() and t.ent_type in {"ORG", "LAW", "WORK_OF_ART", "PRODUCT", "FAC"}


def premodifiers(p: Parse, n: Token) -> set[str]:
    """The words of a noun's own modifiers before it, which a pattern's ``not_modifier`` asks
    of an event noun and of a verb's object alike ("a legal battle", "a relief operation")."""
    return {c.lemma.lower() for c in p.kids[n.i] if c.i < n.i}


def peaceful(p: Parse, objs: list[Token]) -> bool:
    """ "oversaw the response operation", "the fund began operation": an operation named by a
    peaceful word, or bare (operating, not an operation), is no act of force."""
    for o in objs:
        word = o.lemma.lower()
        if premodifiers(p, o) & p.ps.dictionary_not_modifier.get(word, frozenset()):
            return True
        if word == "operation" and o.text.islower() and not p.kids[o.i]:
            return True
    return False
