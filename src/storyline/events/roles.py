"""Who does what to whom: the source and target actors of a trigger, from the parse.

Subjects (active and passive, shared by open clauses and conjuncts), objects, prepositional
targets ("met with", "talks with", "against"), appositions and lists, pronouns resolved to the
last named person, and the parties of nominal events ("talks between X and Y").
"""

from __future__ import annotations

from itertools import combinations

from storyline.actors.kb import KnowledgeBase
from storyline.actors.resolve import antecedent
from storyline.events.parse import (
    PASSIVE_SUBJ,
    PERSON_PRONOUNS,
    SUBJ,
    Parse,
    child,
    conjuncts,
    unique,
)
from storyline.events.patterns import Pattern
from storyline.events.triggers import Trigger
from storyline.model import ActorRef, Mention, Token


# ---- actors ---------------------------------------------------------------------------------
def actors_at(p: Parse, t: Token, depth: int = 0) -> list[Mention]:
    """The actors a phrase headed by ``t`` refers to (conjuncts included)."""
    found = _actors_one(p, t, depth)
    members = conjuncts(p, t)
    for c in p.kids[t.i]:
        # "hosted A, B and C" parsed as A <appos B <conj C: a list, not a renaming.
        if c.dep == "appos" and any(k.dep == "cc" for k in p.kids[c.i]):
            members += [c, *conjuncts(p, c)]
    for c in members:
        for m in _actors_one(p, c, depth):
            if m not in found:
                found.append(m)
    return found


def _actors_one(p: Parse, t: Token, depth: int) -> list[Mention]:
    ms = [m for m in p.by_tok.get(t.i, []) if not m.place_only]
    if ms:
        headed = [m for m in ms if m.head == t.i] or ms[:1]
        if all(m.rule == "agent" for m in headed):
            # "the Turkish newspaper Hurriyet": the name beats the description.
            for c in p.kids[t.i]:
                if c.dep == "appos":
                    named = [
                        m for m in p.by_tok.get(c.i, []) if m.rule != "agent" and not m.place_only
                    ]
                    if named:
                        return named[:1]
        return headed
    if t.pos == "PRON" and t.text.lower() in PERSON_PRONOUNS:
        m = antecedent(p.a, t.i)
        return [m] if m else []
    if depth > 2:
        return []
    for c in p.kids[t.i]:
        if c.dep in {"appos", "compound"}:
            got = _actors_one(p, c, depth + 1)
            if got:
                return got
    # "representatives of the Syrian opposition", "ministers from Turkey and Syria"
    for c in child(p, t, {"prep"}):
        if c.lemma.lower() in {"of", "from"}:
            for obj in child(p, c, {"pobj"}):
                got = actors_at(p, obj, depth + 1)
                if got:
                    return got
    return []


def subjects(p: Parse, v: Token) -> tuple[list[Mention], bool, Token | None]:
    """Source actors of a verb; True when the verb is passive (subjects are then patients)."""
    subj = child(p, v, SUBJ)
    if subj:
        # spaCy sometimes hangs the last conjunct of a list as a second subject.
        found = [m for t in subj for m in actors_at(p, t)]
        return unique(found), False, subj[0]
    psubj = child(p, v, PASSIVE_SUBJ)
    if psubj:
        return unique([m for t in psubj for m in actors_at(p, t)]), True, psubj[0]
    # Open clauses and shared subjects: "pledged to cooperate", "met X and discussed Y".
    h = p.toks[v.head]
    if (
        v.dep in {"xcomp", "conj", "advcl", "pcomp"}
        and h.i != v.i
        and h.pos in {"VERB", "AUX", "NOUN"}
    ):
        if v.dep == "xcomp":
            # "invited Assad to attend": the object of the outer verb does the inner act.
            objs = child(p, h, {"dobj"})
            if objs and h.lemma.lower() not in {"want", "plan", "seek", "try", "agree"}:
                return actors_at(p, objs[0]), False, objs[0]
        return subjects(p, h) if h.pos in {"VERB", "AUX"} else ([], False, None)
    if v.dep == "acl" and h.pos in {"NOUN", "PROPN"}:
        # "the decision of X to meet", "X's desire to meet": owner of the governing noun
        for c in p.kids[h.i]:
            if c.dep == "poss":
                return actors_at(p, c), False, c
        return (
            subjects(p, p.toks[h.head])
            if p.toks[h.head].pos in {"VERB", "AUX"}
            else ([], False, None)
        )
    return [], False, None


def agent_of_passive(p: Parse, v: Token) -> list[Mention]:
    for c in child(p, v, {"agent"}):
        for obj in child(p, c, {"pobj"}):
            return actors_at(p, obj)
    return []


def targets_of(p: Parse, v: Token, pat: Pattern, obj: Token | None) -> list[Mention]:
    for spec in pat.target:
        found: list[Mention] = []
        if spec == "dobj":
            for o in child(p, v, {"dobj", "obj"}):
                if obj is not None and o.i == obj.i:
                    continue
                found = actors_at(p, o)
        elif spec == "dative":
            for o in child(p, v, {"dative"}):
                found = actors_at(p, o) or [
                    m for q in child(p, o, {"pobj"}) for m in actors_at(p, q)
                ]
            if not found:
                found = _prep_objects(p, v, "to")
        elif spec.startswith("prep:"):
            found = _prep_objects(p, v, spec[5:])
        elif spec.startswith("obj-prep:") and obj is not None:
            found = _prep_objects(p, obj, spec[9:])
        if found:
            return found
    return []


def _prep_objects(p: Parse, head: Token, prep: str) -> list[Mention]:
    out: list[Mention] = []
    for c in child(p, head, {"prep", "agent", "dative"}, prep):
        for obj in child(p, c, {"pobj"}):
            out.extend(m for m in actors_at(p, obj) if m not in out)
    return out


def country_mention(kb: KnowledgeBase, iso3: str, sentence: int) -> Mention:
    entry = kb.entries.get(iso3)
    name = entry.name if entry else iso3
    return Mention(0, 0, name, sentence, 0, 0, iso3, iso3, name, "country", iso3, "location")


def actor_ref(kb: KnowledgeBase, m: Mention, when: str | None) -> ActorRef:
    code = m.code
    if m.kind == "person" and m.known and when:
        code = kb.code_for(m.actor_id, when) or code
    return ActorRef(m.actor_id, code, m.name)


PARTY_PREPS = {"between", "among", "with", "against"}


def noun_roles(s: Parse, trig: Trigger) -> tuple[list[Mention], list[Mention]]:
    """Roles of a nominal event from its noun phrase: "Turkey's offensive against the YPG"."""
    n = trig.token
    sources: list[Mention] = []
    targets: list[Mention] = []
    for c in s.kids[n.i]:
        if c.dep in {"poss", "compound", "amod", "nmod"} and c.i < n.i:
            for m in actors_at(s, c):
                if m not in sources:
                    sources.append(m)
    # "talks held between X and Y": the participle's phrases describe the noun's event too.
    preps = [c for c in s.kids[n.i] if c.dep == "prep"]
    for acl in child(s, n, {"acl"}):
        preps.extend(c for c in s.kids[acl.i] if c.dep == "prep" and c.lemma.lower() in PARTY_PREPS)
    for c in preps:
        prep = c.lemma.lower()
        objs = [m for p in child(s, c, {"pobj"}) for m in actors_at(s, p)]
        if prep == "by":
            sources = objs + [m for m in sources if m not in objs]
        elif prep in {"between", "among"}:
            sources.extend(m for m in objs if m not in sources)
        elif prep in {"with", "against", "on", "to", "toward", "towards"}:
            targets.extend(m for m in objs if m not in targets)
        elif prep == "of" and not sources:
            sources.extend(objs)
    for c in s.kids[n.i]:
        if c.dep == "acl":  # "the truce, brokered by Ankara and Moscow"
            for m in agent_of_passive(s, c):
                if m not in sources:
                    sources.append(m)
    return sources, targets


def pairs(
    sources: list[Mention], targets: list[Mention], reciprocal: bool
) -> list[tuple[Mention, Mention | None]]:
    if targets:
        return [(a, b) for a in sources for b in targets if a.actor_id != b.actor_id]
    if reciprocal and len(sources) >= 2:
        uniq: list[Mention] = []
        for m in sources:
            if all(u.actor_id != m.actor_id for u in uniq):
                uniq.append(m)
        return list(combinations(uniq, 2))
    return [(a, None) for a in sources]
