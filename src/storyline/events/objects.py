"""What an event was done to when no actor is named there: the object words themselves.

"Troops captured the old granary", "launched raids on dozens of farms": the
target side stays empty (no actor is guessed), but the words the sentence gives for what
the act was aimed at are its evidence, kept as the mention's ``target_span`` so that an
analyst sees them highlighted and a coder can judge them.
"""

from __future__ import annotations

from typing import Any

from storyline.events.implied import SPAN_CUT
from storyline.events.parse import PASSIVE_SUBJ, Parse, charge_phrase, child
from storyline.events.triggers import Trigger
from storyline.model import Sentence, Token

# Words that say when, how much or how often, never what was acted on (unless it is an
# amount "of" something: "dozens of farms").
_NOT_THINGS = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}
# Clauses and loose attachments the object phrase does not include ("the depot where the
# fuel was kept", "the plan, which ...").
_CUT = SPAN_CUT | {"punct", "cc", "conj", "appos"}
_AIMED = {"on", "against", "into", "upon", "toward", "towards"}
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
