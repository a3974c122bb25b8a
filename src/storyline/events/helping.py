"""Acts of force that help: a deployment whose purpose is to help someone is aid.

"sent troops to help the Philippine army" is military aid (072), "soldiers to help rescue
efforts" humanitarian aid (073), not a show of force (154).  The purpose clause is also where
sides.py finds whom the help is for.
"""

from __future__ import annotations

from storyline.events.parse import Parse, to_clause
from storyline.events.triggers import Trigger
from storyline.model import Token

# Purposes that make a deployment help: "sent troops to help the Philippine army" is military
# aid (072), "soldiers to help rescue efforts" humanitarian aid (073), not a show of force.
HELPING = {"help", "assist", "support", "aid", "protect", "defend", "train", "bolster",
           "reinforce", "rescue", "secure"}  # fmt: skip
RELIEF = {"rescue", "relief", "humanitarian", "survivor", "victim", "recovery", "earthquake",
          "flood", "reconstruction", "evacuation", "distribute", "deliver", "supply"}  # fmt: skip


def help_purpose(s: Parse, v: Token) -> Token | None:
    """The verb of a helping purpose clause under ``v`` ("to help X"), if any; the parser
    hangs it on the object as often ("sent 3,500 soldiers to help")."""
    heads = [v] + [o for o in s.kids[v.i] if o.dep in {"dobj", "obj"}]
    for h in heads:
        for c in s.kids[h.i]:
            if (
                c.dep in {"advcl", "xcomp", "acl", "relcl"}
                and c.lemma.lower() in HELPING
                and to_clause(s, c)
            ):
                return c
    return None


def armed_help(s: Parse, trigs: list[Trigger]) -> None:
    for trig in trigs:
        if trig.code != "154" or trig.pattern.kind != "verb":
            continue
        purpose = help_purpose(s, trig.token)
        if purpose is None:
            continue
        words, stack = [], [purpose]
        while stack:
            h = stack.pop()
            words.append(h.lemma.lower())
            stack.extend(s.kids[h.i])
        trig.code = "073" if RELIEF & set(words) else "072"
