"""Triggers: the verbs and nouns of a sentence that the pattern data says report an event."""

from __future__ import annotations

from dataclasses import dataclass, field

from storyline.events.parse import Parse, child
from storyline.events.patterns import Pattern
from storyline.model import Token

DEMAND_CLAUSE = Pattern(id="must-clause", code="100", kind="verb", no_target=True, roles="clause")


@dataclass(slots=True)
class Trigger:
    token: Token
    pattern: Pattern
    code: str
    obj: Token | None = None  # the object that completed a verb+object pattern ("hold talks")
    consumed: bool = False
    inner: list[Trigger] = field(default_factory=list)


# ---- triggers -------------------------------------------------------------------------------
def find_triggers(p: Parse, start: int, end: int) -> list[Trigger]:
    found: list[Trigger] = []
    used_objects: set[int] = set()
    for t in p.toks[start:end]:
        if t.pos not in {"VERB", "AUX"}:
            continue
        for pat in p.ps.verbs.get(t.lemma.lower(), ()):
            hit = _verb_match(p, t, pat)
            if hit is not None:
                obj, code = hit
                found.append(Trigger(t, pat, code, obj))
                if obj is not None:
                    used_objects.add(obj.i)
                    used_objects.update(c.i for c in p.kids[obj.i] if c.dep in {"compound", "conj"})
                    if obj.dep == "compound":
                        used_objects.add(obj.head)
                break
    verb_heads = {tr.token.i for tr in found}
    for t in p.toks[start:end]:
        if t.pos not in {"NOUN", "PROPN"} or t.i in used_objects:
            continue
        if (
            t.dep in {"dobj", "obj"}
            and t.head in verb_heads
            and not any(
                c.dep == "prep" and c.lemma.lower() in {"between", "among", "with"}
                for c in p.kids[t.i]
            )
        ):
            continue  # the object of a coded verb is part of that event, not another one
        pat = p.ps.nouns.get(t.lemma.lower()) or p.ps.nouns.get(t.text.lower())
        if pat is None:
            continue
        if pat.requires_modifier and not any(
            c.lemma.lower() in pat.requires_modifier for c in p.kids[t.i]
        ):
            continue
        found.append(Trigger(t, pat, _modified(p, t, pat)))
    found.extend(_demand_clauses(p, start, end, {tr.token.i for tr in found}))
    return found


def _modified(p: Parse, t: Token, pat: Pattern) -> str:
    """A noun's code refined by its modifiers: "bomb attack", "hunger strike"."""
    if pat.modifier_code:
        mods = {c.lemma.lower() for c in p.kids[t.i] if c.dep in {"compound", "amod", "nmod"}}
        for word, code in pat.modifier_code:
            if word in mods:
                return code
    return pat.code


def _demand_clauses(p: Parse, start: int, end: int, taken: set[int]) -> list[Trigger]:
    """ "X said Y must hand over Z": a demand by X on Y whatever the verb of the clause."""
    if not p.ps.demand_clause:
        return []
    out = []
    for t in p.toks[start:end]:
        if (
            t.dep == "aux"
            and t.lemma.lower() in p.ps.demand_clause
            and t.i not in taken
            and p.toks[t.head].pos in {"VERB", "AUX"}
            and p.toks[t.head].dep in {"ccomp", "ROOT"}
        ):
            out.append(Trigger(t, DEMAND_CLAUSE, DEMAND_CLAUSE.code, p.toks[t.head]))
    return out


def _verb_match(p: Parse, v: Token, pat: Pattern) -> tuple[Token | None, str] | None:
    if pat.prep is not None and not any(
        c.lemma.lower() == pat.prep for c in p.kids[v.i] if c.dep in {"prep", "prt", "agent"}
    ):
        return None
    if pat.object is not None:
        objs = [
            o
            for o in child(p, v, {"dobj", "obj", "nsubjpass"})
            if o.lemma.lower() in pat.object or o.text.lower() in pat.object
        ]
        if not objs:
            return None
        o = objs[0]
        return o, pat.code_for_object(o.lemma.lower())
    objs = child(p, v, {"dobj", "obj"})
    if pat.object_actor and not any(p.by_tok.get(o.i) for o in objs):
        return None
    if pat.object_code and objs:
        return None, pat.code_for_object(objs[0].lemma.lower())
    return None, pat.code
