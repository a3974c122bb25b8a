"""Polarity, modality and speaker: what governs a trigger changes what it asserts.

"denied establishing contact" is a negated contact; "would extend an invitation" an intent;
"if he attended" (or "had he attended") a hypothetical; "X said Y met Z" is Y meeting Z,
reported by X.  What a verb takes as given ("did not condemn the attack", "after the killing")
keeps its own polarity and modality, and a bare conjunct shares its sister's modal ("will meet
X and sign a deal").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.events.parse import (
    SUBJ,
    Parse,
    child,
    of_objects,
    subjunctive,
    subtree,
    to_clause,
)
from storyline.events.roles import actors_at
from storyline.events.triggers import Trigger
from storyline.model import Token

CLAUSE_UP = {
    "xcomp",
    "ccomp",
    "acl",
    "advcl",
    "pcomp",
    "pobj",
    "prep",
    "dobj",
    "oprd",
    "attr",
    "acomp",
    "amod",
    "compound",
    "nsubj",
    "nsubjpass",
    "npadvmod",
    "appos",
    "dep",
    "auxpass",
    "conj",
}
# "is due to meet", "is scheduled to visit": an event on the calendar.
SCHEDULE_WORDS = {"due", "schedule", "slate", "set"}
# Verbs that order what their "to" clause says ("told X to withdraw", "ordered X to leave").
DIRECTIVES = {"tell", "order", "instruct", "direct", "command"}
# Verbs that press someone to act without telling the act was done ("pressed the banks to lend",
# "encouraged her to run"): what their "to" clause says is asked of its doer, not reported.
URGING = set(
    "press push pressure pressurise pressurize encourage exhort implore beg beseech prod nudge "
    "coax goad spur lobby advise counsel".split()
)
# Verbs that permit an act without telling it was done ("authorised police to seize items").
PERMITTING = set("authorize authorise empower permit entitle mandate allow enable".split())
# Verbs and nouns whose object is an event that has happened: responding to it, judging it,
# looking into it, avenging it or giving in to it.  "did not condemn the attack", "will
# retaliate for the killing", "an inquiry into the arrest": the attack, killing and arrest keep
# their own polarity and modality, not those of the verb or noun that presupposes them.
PRESUPPOSING_VERBS = set(
    "respond react reply answer comment condemn denounce criticise criticize deplore decry "
    "protest mourn regret lament investigate probe blame apologise apologize retaliate avenge "
    "tolerate forgive punish yield bow cave succumb excuse justify condone".split()
)
PRESUPPOSING_NOUNS = set(
    "investigation inquiry probe condemnation response reaction retaliation reprisal wake "
    "aftermath anniversary outrage apology revenge".split()
)
# "after the attack", "following the killing", "despite the talks", "over the arrest": an event
# in such a phrase is the setting of its clause, not what the clause plans or denies.
PRESUPPOSING_PREPS = {"after", "following", "despite", "amid", "amidst", "over"}
MODALITY_RANK = {"fact": 0, "intent": 1, "demand": 2, "hypothetical": 3}
# An outer event absorbs an inner one only through its complement ("pledged to cooperate",
# "proposed a meeting"), not through any phrase ("agreed ... after hours of talks").
COMPOSE_PATH = {"xcomp", "ccomp", "dobj", "acl", "conj"}


def _presupposes(p: Parse, cur: Token, prev: Token) -> bool:
    """Whether ``cur``, reached from its child ``prev``, takes the event below as given."""
    if prev.dep == "prep" and prev.text.lower() in PRESUPPOSING_PREPS:
        return True
    lemma = cur.lemma.lower()
    giving_in = lemma in {"give", "cave"} and bool(child(p, cur, {"prt"}, "in"))
    if cur.pos == "VERB" and (lemma in PRESUPPOSING_VERBS or giving_in):
        return prev.dep in {"dobj", "prep", "dative"}
    return cur.pos == "NOUN" and lemma in PRESUPPOSING_NOUNS and prev.dep == "prep"


def _shares_auxiliary(p: Parse, v: Token) -> bool:
    """A conjunct verb in a bare form with no auxiliary or subject of its own."""
    own = {"aux", "auxpass", "nsubj", "nsubjpass", "neg"}
    return v.dep == "conj" and v.tag in {"VB", "VBN"} and not child(p, v, own)


def _or_joined(p: Parse, v: Token) -> bool:
    return any(c.dep == "cc" and c.lemma.lower() in {"or", "nor"} for c in p.kids[v.head])


def _called_upon(p: Parse, v: Token) -> bool:
    """ "called on X to withdraw" asks X to act (the phone call of "called X to discuss" does
    not, nor does "called it a crime" report one)."""
    return any(
        c.dep == "prep" and c.i > v.i and c.lemma.lower() in {"on", "upon"} for c in p.kids[v.i]
    )


@dataclass(slots=True)
class Governance:
    polarity: str
    modality: str
    outer: Trigger | None
    governors: list[Token]
    reporting: Token | None
    conditional: bool = False
    hedged: bool = False  # hypothetical because of "could", "might", "the prospect of"
    # An intent said only by the tense ("will meet", "is to visit"): a scheduled event keeps
    # its own code, where a stated wish ("wants to meet") is coded as the intent (036).
    scheduled: bool = False
    # "will withdraw unless X": an act made conditional on the other side yielding is a threat.
    unless: bool = False


# ---- polarity, modality, speaker -------------------------------------------------------------
def governance(p: Parse, trig: Trigger, trig_by_tok: dict[int, Trigger]) -> Governance:
    """Polarity and modality from what governs the trigger; also the outer trigger, if any.

    The walk goes up the clause chain (xcomp, ccomp, acl, ...) and stops at a reporting
    verb: "X said Y did not meet Z" is negated, "X did not say Y met Z" is not our business.
    A conjunct does not inherit its sister's negation ("did not attend but sent a delegate").
    """
    ps = p.ps
    negations = 0
    modality = "fact"
    outer: Trigger | None = None
    governors: list[Token] = []
    reporting: Token | None = None
    conditional = False
    intent_seen = False
    hypothetical_only_conditional = True  # no "could", "might", "prospect of" on the way
    stated_intent = False  # an intent verb or noun governs ("wants to", "plans to")

    def bump(m: str, why: str = "") -> None:
        nonlocal modality, intent_seen, hypothetical_only_conditional
        if m == "intent":
            intent_seen = True
        if m == "hypothetical" and why != "conditional":
            hypothetical_only_conditional = False
        if MODALITY_RANK[m] > MODALITY_RANK[modality]:
            modality = m

    unless = False
    # Above a subordinate clause with a subject of its own ("although X voiced doubts, he did
    # not act"), a negation is not the clause's; above a concessive or causal one, nor a modal.
    unnegated = unmodal = False

    def mark_conditional(clause: Token | None = None) -> None:
        nonlocal conditional, unless
        conditional = True
        if clause is not None and any(
            k.dep == "mark" and k.lemma.lower() == "unless" for k in p.kids[clause.i]
        ):
            unless = True
        bump("hypothetical", "conditional")

    clause = trig.pattern.roles == "clause" and trig.obj is not None
    cur = trig.obj if clause and trig.obj is not None else trig.token
    first = True
    via_conj = False
    path: set[str] = set()  # dependency labels between the trigger and the current token
    ordered = False  # whether the current token governs the clause below as a "to" clause
    seen: set[int] = set()
    came_from: Token | None = None  # the token the walk came up from
    given = False  # passed a verb or phrase that takes the event as having happened
    while cur.i not in seen:
        seen.add(cur.i)
        lemma = cur.lemma.lower()
        if (
            not first
            and lemma in ps.reporting
            and lemma not in ps.negate
            and cur.pos in {"VERB", "AUX"}
            # "told X to go", "called on X to go" are no reports
            and not (lemma in DIRECTIVES | URGING and ordered)
            and not (lemma == "call" and ordered and _called_upon(p, cur))
            and not (lemma in ps.demand and subjunctive(p, trig.token))  # "insisted X go"
        ):
            reporting = cur
            break
        if given or (came_from is not None and _presupposes(p, cur, came_from)):
            given = True  # above an event taken as given only a reporting verb still counts
            if cur.dep not in CLAUSE_UP or cur.head == cur.i:
                break
            came_from, cur = cur, p.toks[cur.head]
            continue
        if (
            not first
            and cur.i in trig_by_tok
            and outer is None
            and not via_conj
            and path <= COMPOSE_PATH
            and trig_by_tok[cur.i].pattern.roles != "answered"  # "refused a request to visit"
        ):
            outer = trig_by_tok[cur.i]
        if via_conj:
            # A sister clause is not a governor: "urged X and disclosed that Y met Z".
            via_conj = False
            if came_from is not None and _shares_auxiliary(p, came_from):
                # "will meet X and sign a deal", "would have allowed X and enabled Y": a bare
                # conjunct shares its sister's modal ("will not meet X or sign": its "not")
                for c in p.kids[cur.i]:
                    cl = c.lemma.lower()
                    if c.dep == "aux" and c.i < cur.i and cl in ps.modal_intent:
                        bump("intent")
                    elif c.dep == "aux" and c.i < cur.i and cl in ps.modal_hypothetical:
                        bump("hypothetical")
                    elif c.dep == "neg" and c.i < cur.i and _or_joined(p, came_from):
                        negations += 1
            if cur.dep not in CLAUSE_UP or cur.head == cur.i:
                break
            path.add(cur.dep)
            via_conj = cur.dep == "conj"
            ordered = False
            came_from, cur = cur, p.toks[cur.head]
            continue
        for c in p.kids[cur.i]:
            cl = c.lemma.lower()
            if c.dep == "neg" or (c.dep == "det" and cl == "no") or _neither(p, c):
                if not via_conj and not unnegated:
                    negations += 1
            elif unmodal and c.dep == "aux":
                continue
            elif c.dep == "aux" and (first or cur.pos in {"VERB", "AUX"}) and not via_conj:
                if clause and first and cl in ps.demand_clause:
                    continue  # the "must" that makes the demand is not its modality
                if cl in ps.modal_intent:
                    bump("intent")
                elif cl in ps.modal_hypothetical and not (cl == "can" and child(p, cur, {"neg"})):
                    bump("hypothetical")  # "victims can sue"; "it cannot accept" refuses
                elif cl in {"must", "should"}:
                    bump("demand")
            elif c.dep == "advcl" and _conditional(p, c):
                mark_conditional(c)
        if not first and lemma == "be" and "attr" in path:
            # "the priority is the removal of X": a demand (or plan) stated through a copula.
            for c in p.kids[cur.i]:
                if c.dep == "nsubj" and c.lemma.lower() in ps.demand_nouns:
                    bump("demand")
                elif c.dep == "nsubj" and c.lemma.lower() in ps.intent_nouns:
                    bump("intent")
                    stated_intent = True
        if not first and lemma == "be" and path & {"attr", "ccomp"}:
            # "the rumours were that X had struck": hearsay stated through a copula
            heads = [c for c in p.kids[cur.i] if c.dep == "nsubj"]
            heads += [o for h in heads for o in of_objects(p, h)]
            if any(h.lemma.lower() in ps.hypothetical_nouns for h in heads):
                bump("hypothetical")
        if not first:
            governors.append(cur)
            if cur.pos in {"VERB", "AUX", "ADJ"} and not unmodal:
                if lemma in ps.negate and not via_conj and not unnegated:
                    negations += 1
                elif lemma in ps.demand or (lemma in DIRECTIVES | URGING and ordered):
                    bump("demand")  # "told Erdogan to withdraw": an order, not the act
                elif lemma in ps.intent and (outer is None or outer.token.i != cur.i):
                    bump("intent")
                    stated_intent = True
                elif lemma in SCHEDULE_WORDS and "xcomp" in path:
                    bump("intent")  # "is due to meet": scheduled, not a wish
                elif lemma in PERMITTING and ordered:
                    bump("hypothetical")  # "authorised states to use force": not yet used
            elif cur.pos in {"NOUN", "PROPN"}:
                if lemma in ps.hypothetical_nouns:
                    bump("hypothetical")
                elif lemma in ps.intent_nouns:
                    bump("intent")
                    stated_intent = True
                elif lemma in ps.demand_nouns:
                    bump("demand")
        if cur.dep == "advcl" and _conditional(p, cur):
            mark_conditional(cur)
            # "If Kenya attacks, Tanzania will protest": the condition is neither what the
            # clause above plans nor what it denies
            unnegated = unmodal = True
        elif cur.dep == "advcl" and child(p, cur, {"nsubj", "nsubjpass"}):
            marks = {k.lemma.lower() for k in child(p, cur, {"mark"})}
            unnegated = unnegated or bool(marks)
            unmodal = unmodal or bool(marks & ASIDE)
        if cur.dep not in CLAUSE_UP or cur.head == cur.i:
            break
        # "have sworn to fight", parsed as an adverbial clause: an infinitive is a complement.
        path.add("xcomp" if cur.dep == "advcl" and _infinitive(p, cur) else cur.dep)
        ordered = cur.dep in {"xcomp", "ccomp"} and to_clause(p, cur)  # the clause right under
        via_conj = cur.dep == "conj"
        came_from, cur = cur, p.toks[cur.head]
        first = False
    polarity = "negated" if negations % 2 else "asserted"
    if modality == "hypothetical" and hypothetical_only_conditional and intent_seen:
        # A conditional wish or offer is still an intent: "wants to meet him if he comes".
        modality = "intent"
    hedged = not hypothetical_only_conditional
    scheduled = modality == "intent" and not stated_intent and outer is None
    return Governance(
        polarity, modality, outer, governors, reporting, conditional, hedged, scheduled, unless
    )


# Subordinators of a clause that holds whatever its main clause says: a concession or a cause.
ASIDE = {"although", "though", "whereas", "because"}


def _infinitive(p: Parse, v: Token) -> bool:
    return any(c.dep == "aux" and c.tag == "TO" for c in p.kids[v.i]) and not any(
        c.dep == "mark" for c in p.kids[v.i]
    )


def _neither(p: Parse, subj: Token) -> bool:
    """ "Neither X nor Y boycotted": a subject list opened by "neither" negates its verb, as
    does a subject that is no one ("none of the parties has asked", "nobody attacked")."""
    if subj.dep not in {"nsubj", "nsubjpass"}:
        return False
    return subj.lemma.lower() in NOBODY or any(
        k.dep == "preconj" and k.lemma.lower() == "neither" for k in p.kids[subj.i]
    )


NOBODY = {"none", "nobody", "noone", "neither"}


def _conditional(p: Parse, clause: Token) -> bool:
    return any(
        m.dep == "mark" and m.lemma.lower() in p.ps.conditional_marks for m in p.kids[clause.i]
    ) or _inverted(p, clause)


def _inverted(p: Parse, clause: Token) -> bool:
    """ "Had Kenya insisted, ...", "Were Uganda to attack, ...": a condition written by putting
    its auxiliary before its subject (never so in a statement clause)."""
    if clause.dep != "advcl":
        return False
    subjects = [c.i for c in child(p, clause, {"nsubj", "nsubjpass"})]
    return bool(subjects) and any(
        c.dep in {"aux", "auxpass"} and c.text.lower() in {"had", "were", "should"}
        and c.i < min(subjects) and c.i == min(w.i for w in subtree(p, clause))
        for c in p.kids[clause.i]
    )  # fmt: skip


def speaker_of(p: Parse, t: Token) -> str | None:
    """Who reports the event: the subject of a governing 'say', or 'according to X'."""
    cur, seen = t, set()
    while cur.i not in seen:
        seen.add(cur.i)
        if cur.i != t.i and cur.lemma.lower() in p.ps.reporting and cur.pos in {"VERB", "AUX"}:
            return _subject_name(p, cur)
        for c in p.kids[cur.i]:
            if (
                c.dep in {"parataxis", "ccomp", "advcl"}
                and c.lemma.lower() in p.ps.reporting
                and c.i > t.i
                and c.pos == "VERB"
            ):
                return _subject_name(p, c)
            if c.dep == "prep" and c.lemma.lower() == "according":
                for to in child(p, c, {"prep"}, "to"):
                    for obj in child(p, to, {"pobj"}):
                        return _name_of(p, obj)
        if cur.head == cur.i:
            break
        cur = p.toks[cur.head]
    return None


def _subject_name(p: Parse, v: Token) -> str | None:
    subj = child(p, v, SUBJ)
    return _name_of(p, subj[0]) if subj else None


def _name_of(p: Parse, t: Token) -> str | None:
    ms = actors_at(p, t)
    if ms:
        return ms[0].name
    # Unresolved speakers ("the ministry", "officials") are kept as written.
    left = min([t.i, *[c.i for c in p.kids[t.i] if c.dep in {"det", "amod", "compound", "poss"}]])
    return p.a.text[p.toks[left].idx : t.end]


def planned(modality: str, date: str | None, published: str | None, said: str = "") -> str:
    """A fact dated after its report was published has not happened yet: "Japan and the
    U.S. open talks tomorrow" is a plan (intent), whatever the verb's tense -- also when the
    date is only a month the report falls in ("his visit next week"; ``said``: the words)."""
    if modality != "fact" or not date or not published:
        return modality
    if AHEAD.match(said.lower()):
        return "intent"
    return "intent" if date > published[: len(date)] else modality


# Time words that point past the report ("next week", "in the coming days"); "the next day"
# of a story told in the past is not among them.
AHEAD = re.compile(
    r"(in )?((next|later this|this coming) (week|weekend|month|year)|(the )?coming (days|weeks|months))\b"
)
