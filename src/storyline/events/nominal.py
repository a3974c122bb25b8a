"""Roles of a nominal event from its noun phrase: "Turkey's offensive against the YPG", "talks
between X and Y", "the invasion of Iraq", "the deployment of troops to Mali".

A noun says its parties through its owner and modifiers, its prepositions and the participle
that describes it; which of them is the doer and which the target depends on the kind of act
(the "of" of an invasion names its victim, the "of" of a visit its visitor).
"""

from __future__ import annotations

from storyline.events.implied import (
    MEANS,
    country_actor,
    military_means,
    modifier_country,
    thing_target,
)
from storyline.events.parse import Parse, child, effort_of
from storyline.events.roles import (
    PARTY_PREPS,
    THING_PREPS,
    actors_at,
    agent_of_passive,
    modifier_actors,
    placed_by_compass,
)
from storyline.events.triggers import Trigger
from storyline.model import Mention, Token

# Nouns of acts done to someone, whose "of" names who it was done to ("the invasion of Iraq",
# "the arrest of protesters", "criticism of the plan"), unlike "the visit of the president"
# or "the withdrawal of troops", whose "of" names the doer.
PATIENT_OF_ROOTS = {"09", "11", "16", "17", "18", "19", "20"}


def _of_patient(trig: Trigger) -> bool:
    return (
        trig.code[:2] in PATIENT_OF_ROOTS or trig.code.startswith(("0841", "115"))
    ) and not trig.pattern.reciprocal


# Sectors of those an act of force befalls when a compound names them before its noun.
VICTIMS = {"CVL", "REF", "MED"}


def _victims(s: Parse, m: Mention) -> bool:
    return (m.code or "")[3:6] in VICTIMS and s.toks[m.head].dep == "compound"


def noun_roles(s: Parse, trig: Trigger) -> tuple[list[Mention], list[Mention]]:
    """Roles of a nominal event from its noun phrase: "Turkey's offensive against the YPG"."""
    n = trig.token
    sources = modifier_actors(s, n, 0)
    targets: list[Mention] = []
    if trig.code[:2] in PATIENT_OF_ROOTS:
        # "child abductions", "civilian killings": the people a compound names suffer the act
        targets = [m for m in sources if _victims(s, m)]
        sources = [m for m in sources if m not in targets]
    # "talks held between X and Y": the participle's phrases describe the noun's event too.
    preps = [c for c in s.kids[n.i] if c.dep == "prep"]
    if effort_of(s, n) is not None:
        # "a mediation effort between X and Y": the effort's phrases are the event's
        preps.extend(c for c in s.kids[n.head] if c.dep == "prep")
    verb = s.toks[n.head]
    if n.dep == "dobj" and verb.pos == "VERB":
        # "began mediation between X and Y", "condemned the bombing in Ankara by X": the
        # parser hangs the noun's parties on the verb as often (a "by" on an active verb)
        active = not child(s, verb, {"auxpass", "nsubjpass"})
        preps.extend(c for c in s.kids[verb.i] if c.dep == "prep" and (c.lemma.lower() in AMONG
                     or (active and c.lemma.lower() == "by" and c.i > n.i)))  # fmt: skip
    for acl in child(s, n, {"acl"}):
        preps.extend(c for c in s.kids[acl.i] if c.dep == "prep" and c.lemma.lower() in PARTY_PREPS)
    compass = placed_by_compass(s, n)
    for c in preps:
        prep = c.lemma.lower()
        if prep == "of" and compass:
            continue
        objs = [m for p in child(s, c, {"pobj"}) for m in actors_at(s, p)]
        if not objs and prep in THING_PREPS:
            objs = [m for p in child(s, c, {"pobj"}) for m in [thing_target(s, p)] if m]
        if prep == "by":
            sources = objs + [m for m in sources if m not in objs]
        elif prep in AMONG and trig.code.startswith(MEDIATING):
            # "Qatar's mediation between Israel and Hamas": the mediator acts on the parties
            targets.extend(m for m in objs if m not in targets)
        elif prep in AMONG:
            sources.extend(m for m in objs if m not in sources)
        elif prep in {"with", "against", "on", "to", "toward", "towards"} or (
            prep == "of" and _of_patient(trig)
        ):
            targets.extend(m for m in objs if m not in targets)
        elif (prep == "of" or (prep == "from" and trig.code[:2] in SENT_ROOTS)) and not sources:
            sources.extend(objs)  # "an appeal from Haiti", "a threat from X": who sent it
        elif prep in {"include", "including"}:
            # "the withdrawal of all foreign forces, including those of Turkey"
            sources.extend(m for m in objs if m not in sources)
    for c in s.kids[n.i]:
        # "the truce, brokered by Ankara and Moscow"; but "a stoppage blamed by the ministry"
        # was not the ministry's: who judges, reports or sees an act did not do it
        if c.dep == "acl" and c.lemma.lower() not in ONLOOKERS:
            for m in agent_of_passive(s, c):
                if m not in sources:
                    sources.append(m)
    if not sources:
        # "an Iranian attack", "the hurried Libyan evacuation": the adjective's country.
        iso = modifier_country(s, n, places=False)
        if iso:
            sector = "MIL" if n.lemma.lower() in MEANS and military_means(s, n) else ""
            sources = [country_actor(s, n, iso, sector, "nominal")]
    return sources, targets


ONLOOKERS = {
    "blame", "condemn", "criticise", "criticize", "denounce", "deplore", "report", "describe",
    "deny", "welcome", "praise", "hail", "reject", "oppose", "investigate", "witness", "see",
    "hear", "fear", "question", "dispute", "document", "record", "film", "monitor", "cite",
}  # fmt: skip
# Verbs whose subject watches, judges or lives through an act its object names, and does not
# do it: "villagers heard gunfire", "the town survived the shelling". ("Kalin denied contact
# with Damascus" is a party's own denial; a council that approves a deployment deploys.)
NOT_DOING = (ONLOOKERS - {"deny"}) | {
    "watch", "notice", "recall", "remember", "expect", "predict", "survive", "escape",
    "suffer", "endure", "speak", "talk", "flee", "evade",
    # ... or tries to keep from happening ("to stop attacks on trains", "thwart the offensive")
    "stop", "prevent", "thwart", "avert", "foil", "deter", "forestall", "preempt", "pre-empt",
}  # fmt: skip


def onlooker(v: Token) -> bool:
    """Whether a verb's subject only looks on at (or undergoes) the act its object names."""
    return v.lemma.lower() in NOT_DOING


MEDIATING = ("045",)  # a mediator acts on the parties it mediates between
AMONG, SENT_ROOTS = {"between", "among"}, {"02", "03", "10", "13"}  # "talks between", "a plea from"
