"""Questions put, not acts: "asked whether Iran would attend", "when asked by reporters if
US would attack" -- a question (by a reporter as often as not) is no appeal to anyone, and what
it asks about did not happen."""

from __future__ import annotations

from storyline.events.parse import Parse, child
from storyline.model import Token

# What an appeal asks of someone or for something: an object, a person asked, a clause.
ASKED = {"dobj", "obj", "dative", "nsubjpass", "ccomp", "xcomp", "advcl", "oprd"}
QUESTION_MARKS = {"whether", "if", "what", "why", "how", "when", "who", "where", "which"}


def asked_question(p: Parse, v: Token) -> bool:
    """ "Asked about the talks, he said ...", "asked whether Iran would attend": a question
    put (by a reporter as often as not) is no appeal to anyone."""
    if v.lemma.lower() != "ask":
        return False
    if not any(c.dep in ASKED for c in p.kids[v.i]) and not child(p, v, {"prep"}, "for"):
        return True  # '"Is it getting worse?" a reporter asked': asked of no one, for nothing
    for c in p.kids[v.i]:
        if c.dep == "prep" and c.lemma.lower() in {"about", "regarding"}:
            return True
        if c.dep == "dobj" and c.lemma.lower() in {"question", "questions"}:
            return True  # "asking questions about the banks' exposure"
        if c.dep == "ccomp" and any(
            k.text.lower() in QUESTION_MARKS
            for k in p.kids[c.i]
            if k.dep in {"mark", "advmod", "nsubj", "dobj"}
        ):
            return True
        # "when asked by reporters if Kenya would retaliate": the parser's clause for a question
        if (
            c.dep == "advcl"
            and not child(p, v, {"xcomp", "dobj"})
            and not child(p, v, {"prep"}, "for")
            and any(k.lemma.lower() in {"if", "whether"} for k in child(p, c, {"mark"}))
        ):
            return True
    return False


def inside_question(p: Parse, t: Token) -> bool:
    """Inside what a question asks ("asked whether Iraq would release them"): no event."""
    cur = t
    for _ in range(4):
        if cur.head == cur.i:
            return False
        up = p.toks[cur.head]
        if cur.dep == "ccomp" and asked_question(p, up):
            return True
        cur = up
    return False
