"""Requests and demands answered in their sentence: who asked whom ("rejected a Bolivian
request", "acceded to Danish demands", "closed its embassy at Peru's request")."""

from __future__ import annotations

from storyline.events.parse import Parse
from storyline.events.roles import agent_of_passive, subjects
from storyline.events.triggers import ANSWER_ROOTS, Trigger, answering_verb
from storyline.model import Mention, Token


def answerer(s: Parse, n: Token, by_tok: dict[int, Trigger]) -> list[Mention]:
    """Whoever answers a request or demand noun (``answering_verb``): its clause's subject, or
    the agent of a passive ("the demands were rejected by Britain")."""
    answers = frozenset(i for i, t in by_tok.items() if t.code[:2] in ANSWER_ROOTS)
    verb = answering_verb(s, n, answers)
    if verb is None:
        return []
    doers, passive, _ = subjects(s, verb)
    return agent_of_passive(s, verb) if passive else doers


BIDDING = {"request", "behest", "bidding", "urging", "invitation", "demand", "insistence"}


def at_bidding(s: Parse, m: Mention) -> bool:
    """Whether a mention names who asked for the clause's act ("at the request of X")."""
    cur = s.toks[m.head]
    for _ in range(4):
        if cur.head == cur.i:
            return False
        up = s.toks[cur.head]
        if cur.lemma.lower() in BIDDING and cur.dep == "pobj" and up.lemma.lower() == "at":
            return True
        cur = up
    return False
