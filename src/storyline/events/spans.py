"""The words of a sentence that evidence an event's sides, kept as the mention's spans.

A side named by an actor is evidenced by the noun phrase the actor heads or sits in. A side
no actor names ("Troops captured the old granary", "launched raids on dozens of farms") stays
empty -- no actor is guessed -- but the words the sentence gives for what the act was aimed
at are its evidence, kept as the ``target_span`` so that an analyst sees them highlighted
and a coder can judge them.
"""

from __future__ import annotations

from typing import Any

from storyline.events.parse import (
    PASSIVE_SUBJ,
    SPEAKER_PREPS,
    SPEAKERS,
    Parse,
    charge_phrase,
    child,
    conjuncts,
    subtree,
    to_clause,
)
from storyline.events.triggers import Trigger
from storyline.model import Mention, Sentence, Token

# Clauses a noun phrase's words stop before ("the depot where the fuel was kept").
SPAN_CUT = {"relcl", "acl", "advcl", "parataxis", "ccomp", "xcomp"}


def span_of(p: Parse, m: Mention, sent_start_char: int, sent_end_tok: int) -> dict[str, Any]:
    """The words of the sentence that name a side: the whole noun phrase the actor heads or
    sits in ("Pakistan's acting U.N. representative Aneesuddin Ahmed"), without relative
    clauses and without the other members of a list.  A pronoun whose person is named
    earlier in the sentence is evidenced by that name ("Netanyahu says he will ...")."""
    if p.toks[m.head if 0 <= m.head < len(p.toks) else m.token_start].pos == "PRON":
        named = [
            n
            for n in p.a.mentions
            if n.actor_id == m.actor_id
            and n.sentence == m.sentence
            and n.token_end <= m.token_start
            and p.toks[n.head if 0 <= n.head < len(p.toks) else n.token_start].pos != "PRON"
        ]
        if named:
            m = named[-1]
    i = m.head if 0 <= m.head < len(p.toks) else m.token_start
    cur = p.toks[i]
    climbed_of = False
    for _ in range(6):
        # "a backer of the US" is not the US: no apposition above an "of"
        modifier = {"compound", "amod", "nmod", "poss", "nummod"} | (
            set() if climbed_of else {"appos"}
        )
        if cur.dep in modifier and cur.head != cur.i:
            cur = p.toks[cur.head]
        elif cur.dep == "npadvmod" and p.toks[cur.head].lemma.lower() == "lead":
            cur = p.toks[cur.head]  # "the Saudi-led coalition" is the leader's side
        elif (
            cur.dep == "pobj"
            and (
                p.toks[cur.head].lemma.lower() in {"of", "from"}
                or (  # "a spokesman for the ministry", "at the ministry"
                    p.toks[cur.head].lemma.lower() in SPEAKER_PREPS
                    and p.toks[p.toks[cur.head].head].lemma.lower() in SPEAKERS
                )
            )
            and p.toks[p.toks[cur.head].head].pos in {"NOUN", "PROPN"}
            # "the invasion of Iraq" names an act, not Iraq
            and p.toks[p.toks[cur.head].head].lemma.lower() not in p.ps.nouns
            # nor does "the decision of X to build": X makes it and then acts
            and not any(c.dep == "acl" and to_clause(p, c) for c in p.kids[p.toks[cur.head].head])
        ):
            cur = p.toks[p.toks[cur.head].head]
            climbed_of = True
        else:
            break
    words = {cur.i}
    stack = [cur]
    while stack:
        h = stack.pop()
        for c in p.kids[h.i]:
            if c.dep in SPAN_CUT or (h.i == cur.i and c.dep in {"cc", "conj", "punct"}):
                continue
            if h.i == cur.i and cur.pos == "PROPN" and c.dep == "prep" and c.lemma.lower() != "of":
                continue  # a name ends before "in ...", "on ...": "Evo Morales in Bolivia"
            if charge_phrase(p, c):
                continue  # "the broadcaster of inflaming tensions": the charge is no name
            if c.i >= sent_end_tok:
                continue
            words.add(c.i)
            stack.append(c)
    member = _own_member(p, m, cur, words)
    if member is None:
        words |= set(range(m.token_start, m.token_end))
    else:
        words = member
    lo, hi = min(words), max(words)
    while lo < hi and p.toks[lo].pos == "PUNCT":
        lo += 1
    while hi > lo and p.toks[hi].pos == "PUNCT":
        hi -= 1
    start, end = p.toks[lo].idx, p.toks[hi].end
    return {
        "start": start - sent_start_char,
        "end": end - sent_start_char,
        "text": p.a.text[start:end],
    }


def _own_member(p: Parse, m: Mention, cur: Token, words: set[int]) -> set[int] | None:
    """One side's share of a phrase that lists several: "expelled diplomats from Poland,
    Germany and Sweden" has three targets, Poland's diplomats evidenced by "diplomats from
    Poland", the others by their own country's name -- not each by the whole list."""
    own = m.country or (m.code or "")[:3]
    if not own or own.startswith("-"):
        return None
    for i in sorted(words):
        t = p.toks[i]
        if i == cur.i or t.dep != "pobj":
            continue
        members = [t, *conjuncts(p, t)]
        countries = [{n.country for n in p.by_tok.get(x.i, []) if n.country} for x in members]
        mine = [x for x, c in zip(members, countries, strict=True) if own in c]
        if len(members) < 2 or len(mine) != 1 or sum(1 for c in countries if c) < 2:
            continue
        x = mine[0]
        if x.i == t.i:  # the first member keeps the phrase around it, up to the list
            return words - _rest_of_list(p, x)
        return {y.i for y in subtree(p, x)} - _rest_of_list(p, x)
    return None


def _rest_of_list(p: Parse, x: Token) -> set[int]:
    """The tokens of the members after ``x`` and the commas and "and" joining them to it."""
    out: set[int] = set()
    for c in p.kids[x.i]:
        if c.dep == "conj":
            out |= {y.i for y in subtree(p, c)}
        elif c.dep in {"cc", "punct"} and c.i > x.i:
            out.add(c.i)
    return out


# Words that say when, how much or how often, never what was acted on (unless it is an
# amount "of" something: "dozens of farms").
_NOT_THINGS = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}
# Clauses and loose attachments the object phrase does not include ("the depot where the
# fuel was kept", "the plan, which ...").
_CUT = SPAN_CUT | {"punct", "cc", "conj", "appos"}
_AIMED = {"on", "against", "into", "upon", "toward", "towards"}
# What the noun of a phrase event is about: "responsibility for", "concern over", "aid to".
_OBJ_PREPS = _AIMED | {"for", "at", "about", "over", "to"}
_RELATIVE = {"who", "whom", "which", "that", "what"}


def _slot(s: Parse, trig: Trigger) -> Token | None:
    """The token heading the phrase in the first of the pattern's target places that has one."""
    v = trig.token
    if trig.pattern.kind != "verb":
        # "an attack on the headquarters", "raids into the valley"
        return next(
            (
                o
                for p in child(s, v, {"prep"})
                if p.i > v.i and p.lemma.lower() in _AIMED
                for o in child(s, p, {"pobj"})
            ),
            None,
        )
    if any(c.dep in PASSIVE_SUBJ for c in s.kids[v.i]):
        return next((c for c in s.kids[v.i] if c.dep in PASSIVE_SUBJ), None)
    for spec in trig.pattern.target:
        if spec == "dobj":
            found = [
                o for o in child(s, v, {"dobj", "obj"}) if trig.obj is None or o.i != trig.obj.i
            ]
        elif spec == "dative":
            found = child(s, v, {"dative"})
        elif spec.startswith("prep:"):
            # a phrase before the verb sets the scene ("With the approval of X, Y agreed")
            found = [
                o
                for p in child(s, v, {"prep"}, spec[5:])
                if p.i > v.i
                for o in child(s, p, {"pobj"})
            ]
        elif spec.startswith("obj-prep:") and trig.obj is not None:
            found = [
                o for p in child(s, trig.obj, {"prep"}, spec[9:]) for o in child(s, p, {"pobj"})
            ]
        else:
            found = []
        if found:
            return found[0]
    if trig.obj is not None:
        # "claimed responsibility for the bombing", "voiced optimism about the deal": the
        # phrase's noun says what is done, its preposition (on the noun, or on the verb after
        # it) what it is done to
        preps = child(s, trig.obj, {"prep"}) + [
            pr for pr in child(s, v, {"prep"}) if pr.i > trig.obj.i
        ]
        return next(
            (o for pr in preps if pr.lemma.lower() in _OBJ_PREPS for o in child(s, pr, {"pobj"})),
            None,
        )
    return None


def object_span(s: Parse, trig: Trigger, sent: Sentence) -> dict[str, Any] | None:
    """The words of the phrase an act was done to (a verb's object or a passive's subject, an
    event noun's "on"/"against" phrase), when they name a thing -- not a date or an amount --
    inside the sentence."""
    head = _slot(s, trig)
    if (
        head is None
        or head.pos not in {"NOUN", "PROPN", "PRON"}
        or (head.ent_type in _NOT_THINGS and not child(s, head, {"prep"}, "of"))
        or head.lemma.lower() in _RELATIVE
    ):
        return None
    words, stack = [], [head]
    while stack:
        t = stack.pop()
        words.append(t)
        # "accused the law of attacking X": the charge is not what was accused
        stack.extend(c for c in s.kids[t.i] if c.dep not in _CUT and not charge_phrase(s, c))
    lo, hi = min(t.i for t in words), max(t.i for t in words)
    if not (sent.token_start <= lo and hi < sent.token_end):
        return None
    first, last = s.toks[lo], s.toks[hi]
    start, end = first.idx - sent.start, last.end - sent.start
    return {"start": start, "end": end, "text": s.a.text[first.idx : last.end]}
