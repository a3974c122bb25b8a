"""What a verb's object is -- someone, a state, officials, a place -- and who its doers are:
a crowd of plain people, armed men, several who can consult among themselves, one person
described by titles in apposition.

Patterns ask it of their object ("met Putin", not "met its obligations"; "sent Kerry to
Cairo", not "sent refugees to camps"; "recognised the independence of Kosovo") and of their
doers ("troops fled" is a retreat, "shoppers evacuated the mall" none).  ``no_act`` says when a
verb of a coded class reports no act between parties at all: an effort ("fought to keep the
clinic open"), plain people talking among themselves, a feeling ("feels threatened"), a force
of nature or an accident (a crash into ground, what burns or sinks with no object), a
deployment of no armed men, a text as the doer of harm, "left two dead".  And
``small_clause_passive`` says what a bare participle's subject underwent ("found the
journalist killed", the gapped "left two dead and a third wounded").
"""

from __future__ import annotations

from storyline.actors.furniture import COLLECTIVES
from storyline.events.implied import military_means
from storyline.events.parse import (
    DOCUMENTS,
    Parse,
    child,
    conjuncts,
    of_objects,
    shared_subjects,
    to_clause,
)
from storyline.events.patterns import Pattern
from storyline.model import Token

# What a state is recognised by: "recognized the independence of Kosovo" recognises Kosovo.
STATEHOOD = {"independence", "sovereignty", "statehood", "annexation"}


def statehood(p: Parse, o: Token) -> bool:
    return o.lemma.lower() in STATEHOOD and any(
        p.by_tok.get(q.i) for c in child(p, o, {"prep"}, "of") for q in child(p, c, {"pobj"})
    )


# Who pays a visit: a person, a government, a body of states -- not troops, planes, refugees.
VISITING_SECTORS = {"GOV", "ELI", "LEG", "OPP", "JUD"}


def officials(p: Parse, toks: list[Token]) -> bool:
    if toks and all(t.text.lower() in {"he", "she"} for t in toks):
        return True  # a person, whoever the roles find "he" to be
    found = [m for s in toks for m in p.by_tok.get(s.i, []) if not m.place_only]
    return bool(found) and all(
        m.kind == "person" or (m.code or "")[3:6] in VISITING_SECTORS or (m.code or "")[:3] == "IGO"
        for m in found
    )


# People named by no sector: "hanged two men", "met three women".
PEOPLE = {"man", "men", "woman", "women", "person", "persons", "people", "child", "children",
          "boy", "boys", "girl", "girls"}  # fmt: skip


THINGS = {"it", "this", "that", "these", "those", "what", "which", "something", "anything"}


def is_someone(p: Parse, o: Token) -> bool:
    return (
        bool(p.by_tok.get(o.i))
        or o.pos == "PROPN"
        or (
            o.pos == "PRON" and o.lemma.lower() not in THINGS
        )  # not "what it called X", "called it"
        or o.lemma.lower() in PEOPLE
        or ((o.lemma.lower(),) in p.kb.agents or (o.text.lower(),) in p.kb.agents)
    )


def met_someone(p: Parse, o: Token) -> bool:
    """Someone met: "met Putin", "Kenyan leaders", "a group of rebels"; not "its obligations"
    nor "U.S. complaints" (whose a thing is does not make it someone)."""

    # a capitalised common noun no step took for a name is no one (a wire's headline capitals)
    def someone(w: Token) -> bool:
        return is_someone(p, w) and (w.pos != "PROPN" or bool(p.by_tok.get(w.i)))

    return someone(o) or any(
        someone(w) for c in child(p, o, {"prep"}, "of") for w in child(p, c, {"pobj"})
    )


def names_actor(p: Parse, o: Token) -> bool:
    """An object that is someone: a name, a pronoun, an agent noun ("received a delegation",
    "the foreign minister"), not a thing ("received money")."""
    if is_someone(p, o):
        return True
    return any(p.by_tok.get(k.i) for k in p.kids[o.i] if k.dep in {"compound", "poss"})


def target_prep_objects(p: Parse, v: Token, pat: Pattern) -> list[Token]:
    """What a verb whose other side comes after a preposition is done with or to, when it has
    no object: "met with resistance", "contributed to this story"."""
    preps = {t[5:] for t in pat.target if t.startswith("prep:")}
    if not preps or child(p, v, {"dobj", "obj"}):
        return []
    return [
        o
        for c in p.kids[v.i]
        if c.dep == "prep" and c.lemma.lower() in preps
        for o in child(p, c, {"pobj"})
    ]


# Plain people, as a crowd is named: their gathering is no consultation.
CROWDS = PEOPLE | {"resident", "villager", "survivor", "mourner", "worshipper", "fan", "family",
                  "tourist", "onlooker", "passer", "thousand", "hundred", "dozen", "civilian"}  # fmt: skip


def crowd(p: Parse, t: Token) -> bool:
    """ "People", "thousands of residents", "Haitians": civilians named by no office."""
    clause = p.toks[t.head]
    if t.tag in {"WP", "WDT"} and clause.dep == "relcl" and clause.head != clause.i:
        t = p.toks[clause.head]  # "fans who had gathered at the stadium"
    words = [t, *of_objects(p, t)]
    if any(w.lemma.lower() in CROWDS or w.text.lower() in CROWDS for w in words):
        return True
    found = [m for w in words for m in p.by_tok.get(w.i, []) if m.head == w.i]
    if not found:  # the implied actor is not built yet: the agent noun's sector
        return _agent_sector(p, t) in {"CVL", "LAB"}
    return all((m.code or "").endswith(("CVL", "LAB")) for m in found)


ARMED_SECTORS = {"MIL", "REB", "COP", "UAF"}


def armed(p: Parse, t: Token) -> bool:
    """Troops, rebels, police, fighters of a named armed group: by the actor named, else by
    the agent noun (the implied actor is not built yet)."""
    for m in p.by_tok.get(t.i, []):
        code = m.code or ""
        if code[3:6] in ARMED_SECTORS or code[:3] == "IMG":
            return True
    counted = of_objects(p, t) if t.text.lower() in COLLECTIVES else []
    if counted:  # "an army of lawyers" is as armed as the lawyers
        return all(armed(p, o) for o in counted)
    # fighters, militants (REB), gunmen (UAF) among them
    return (_agent_sector(p, t) or "") in ARMED_SECTORS


def _agent_sector(p: Parse, t: Token) -> str | None:
    return p.kb.agents.get((t.lemma.lower(),)) or p.kb.agents.get((t.text.lower(),))


# Roots of harm done to someone or something: property destroyed, violence, fighting, mass
# violence.
HARM_ROOTS = {"17", "18", "19", "20"}
# Opponents a fight is had with or against: "fought with the army", "battled against police".
OPPONENT_PREPS = {"against", "with", "on", "at", "into"}


def striving(p: Parse, v: Token, code: str) -> bool:
    """ "struggle to explain", "fought to keep the clinic open": a verb of force with a "to"
    clause, no one it is done to and no armed doer tells an effort, not a fight (a purpose
    clause on a protest is its aim: "marched to demand jobs")."""
    clauses = {"xcomp", "advcl"} if code[:2] in HARM_ROOTS else {"xcomp"}
    return (
        code[:2] in HARM_ROOTS | {"14"}
        and any(c.dep in clauses and to_clause(p, c) for c in p.kids[v.i])
        and not child(p, v, {"dobj", "obj", "nsubjpass"})
        and not any(c.dep == "prep" and c.lemma.lower() in OPPONENT_PREPS for c in p.kids[v.i])
        and not any(armed(p, d) for d in shared_subjects(p, v))
    )


def crowd_talk(p: Parse, v: Token, code: str) -> bool:
    """ "people started discussing the flu", "helping families contact their relatives": plain
    people talking among themselves consult no party (unless one is named: "residents met the
    governor", "villagers talked with the rebels")."""
    doers = shared_subjects(p, v)
    return (
        code[:2] == "04"
        and bool(doers)
        and all(crowd(p, d) for d in doers)
        and not child(p, v, {"prep"}, "with")
        and not any(names_actor(p, o) for o in child(p, v, {"dobj", "obj"}))
    )


def no_act(p: Parse, v: Token, code: str) -> bool:
    """A verb of a coded class used for no act between parties: an effort, a crowd's talk, a
    feeling ("feels threatened by combat soldiers", "seemed isolated")."""
    return (
        striving(p, v, code)
        or crowd_talk(p, v, code)
        or _felt(p, v)
        or _nature(p, v, code)
        or _unarmed_deployment(p, v, code)
        or _text_strikes(p, v, code)
        or (v.lemma.lower() == "leave" and bool(child(p, v, {"oprd"})))  # "left two dead"
    )


def _text_strikes(p: Parse, v: Token, code: str) -> bool:
    """ "a bill proposed by X hit the parliamentary buffers": a text harms no one (whoever
    wrote it is no doer of what it is said to do)."""
    return code[:2] in HARM_ROOTS and any(
        d.lemma.lower() in DOCUMENTS for d in child(p, v, {"nsubj"})
    )


def _unarmed_deployment(p: Parse, v: Token, code: str) -> bool:
    """ "deploy this update", "mobilized security engineering teams": a deployment (154) is a
    show of force only of armed men, by their doers or as what is deployed."""
    if code != "154":
        return False
    objs = child(p, v, {"dobj", "obj"})
    return not any(armed(p, t) for t in shared_subjects(p, v) + objs) and not any(
        military_means(p, o) or any(armed(p, c) for c in child(p, o, {"compound", "amod"}))
        for o in objs
    )  # troops, "S-400 missiles", "police officers" deployed: a show of force


# Forces of nature and accidents, which kill and destroy but are no one's act.
DISASTERS = {"earthquake", "quake", "aftershock", "tremor", "storm", "hurricane", "cyclone",
             "typhoon", "tornado", "flood", "floods", "flooding", "tsunami", "landslide",
             "mudslide", "avalanche", "eruption", "fire", "blaze", "wildfire", "drought",
             "epidemic", "disease", "virus", "outbreak", "heatwave", "lightning", "crash",
             "accident", "collision", "derailment"}  # fmt: skip
# Verbs of accidents, whose "killing 520 people" is no attack.
MISHAPS = {"crash", "collapse", "capsize", "derail", "sink", "overturn", "plunge", "collide"}
# Verbs of harm whose subject, with no object, is what undergoes it ("the clinic burned
# down"; "rebels burned down the clinic" has a doer).
UNDERGONE = {"burn", "sink", "collapse", "capsize", "overturn", "crumble"}


def _nature(p: Parse, v: Token, code: str) -> bool:
    """ "an earthquake which struck Japan killed one person", "the jet crashed into a
    mountain, killing 520 people": no one's act of force."""
    h = p.toks[v.head]
    if code[:2] not in HARM_ROOTS:
        return False
    if v.dep in {"advcl", "conj"} and h.lemma.lower() in MISHAPS and not child(p, h, {"dobj"}):
        return True
    if v.lemma.lower() in UNDERGONE and v.tag != "VBN" and not _done_to(p, v):
        return True  # "the clinic burned down", "the ferry sank": what burned is no doer
    if v.dep == "relcl" and _disaster_of(p, h):
        return True  # "the crash of a jet which killed 520 people"
    if v.lemma.lower() in RAN_INTO and any(_terrain(p, o) for o in child(p, v, {"dobj"})):
        return True  # "the aircraft hit Mount Osutaka": a crash, no strike
    doers = shared_subjects(p, v)
    return bool(doers) and all(d.lemma.lower() in DISASTERS for d in doers)


def _disaster_of(p: Parse, n: Token) -> bool:
    """A disaster, or the thing a disaster is "of" ("the crash of a jet")."""
    if n.lemma.lower() in DISASTERS:
        return True
    prep = p.toks[n.head]
    return (
        n.dep == "pobj"
        and prep.lemma.lower() == "of"
        and (p.toks[prep.head].lemma.lower() in DISASTERS)
    )


# Ground an aircraft or a vehicle runs into: a crash, not a target.
TERRAIN = {"mount", "mountain", "mountainside", "hill", "hillside", "cliff", "ridge", "tree",
           "ground", "sea", "ocean", "runway", "slope"}  # fmt: skip


RAN_INTO = {"hit", "strike", "slam", "smash", "plough", "plow"}


def _terrain(p: Parse, o: Token) -> bool:
    return o.lemma.lower() in TERRAIN or any(
        c.dep == "compound" and c.lemma.lower() in TERRAIN for c in p.kids[o.i]
    )


def _done_to(p: Parse, v: Token) -> list[Token]:
    """The verb's object, also one the parser hangs on its particle ("burned down the clinic")."""
    return child(p, v, {"dobj", "obj"}) + [
        o for c in child(p, v, {"prt"}) for o in child(p, c, {"pobj"})
    ]


# Verbs that say how someone feels or seems, whose participle is a state, not an act.
SEEMING = {"feel", "seem", "look", "appear", "sound", "remain"}


def _felt(p: Parse, v: Token) -> bool:
    """ "feels hugely threatened by combat soldiers", "appears to have contributed": a state."""
    h = p.toks[v.head]
    return v.tag == "VBN" and v.dep in {"acomp", "xcomp", "oprd"} and h.lemma.lower() in SEEMING


def out_of(p: Parse, v: Token, c: Token) -> bool:
    """ "walked out of a store": "out" heads the phrase "out of X", a place walked from, and is
    no particle of the verb ("workers walked out"); verbs of moving others keep it ("forced
    aid workers out of Rakhine", "troops pulled out of the city")."""
    return (
        v.lemma.lower() == "walk" and c.lemma.lower() == "out" and bool(child(p, c, {"prep"}, "of"))
    )


def describes(p: Parse, t: Token, c: Token) -> bool:
    """ "Raila Odinga, the opposition leader and a former prime minister": titles in apposition
    to a person's name describe that one person; they are no list of further sides."""
    return (
        c.dep == "appos"
        and c.pos == "NOUN"
        and (t.ent_type == "PERSON" or any(m.kind == "person" for m in p.by_tok.get(t.i, [])))
    )


def several(p: Parse, v: Token) -> bool:
    """A party after "with" (on the verb or its object: "discussed the crisis with X"), or
    doers who are more than one: a plural, a list, a body ("ministers", "Kenya and Uganda",
    "the cabinet"), who can consult among themselves."""
    if any(child(p, h, {"prep"}, "with") for h in [v, *child(p, v, {"dobj", "obj"})]):
        return True
    # "the two leaders are expected to discuss": the subject of a passive governor
    doers = shared_subjects(p, v) or child(p, p.toks[v.head], {"nsubjpass"})
    return any(
        d.tag in {"NNS", "NNPS"} or child(p, d, {"conj"}) or d.lemma.lower() in BODIES
        for d in doers
    )


BODIES = {"cabinet", "council", "committee", "parliament", "assembly", "congress", "senate",
          "panel", "board", "delegation", "delegations", "group", "team", "government"}  # fmt: skip


# Verbs whose object a bare participle describes ("said X killed" is a finite past the tagger
# misread, "found X killed" is what X underwent).
FINDING = {"find", "see", "leave", "discover", "watch", "hear", "report", "keep", "fear",
           "witness", "spot", "notice", "observe", "show", "film", "photograph",
           "want", "get", "have", "declare", "pronounce", "consider", "believe"}  # fmt: skip


def _small_clause(p: Parse, v: Token) -> bool:  # "left two dead", "found him guilty"
    return any(c.dep == "oprd" or (c.dep == "ccomp" and c.tag == "JJ") for c in p.kids[v.i])


def small_clause_passive(p: Parse, v: Token) -> bool:
    """A past participle with a subject but no auxiliary and no object, complementing a verb
    ("found the journalist killed", "left two soldiers wounded") or after "with" ("with nine
    villagers killed"), or heading a clause of its own ("three guards hurt")."""
    head = p.toks[v.head].lemma.lower()
    # "left two women dead and a third wounded": the gapped second clause, whatever its tag
    gapped = v.dep in {"conj", "ccomp"} and head in FINDING and _small_clause(p, p.toks[v.head])
    return (
        (v.tag == "VBN" or (gapped and v.tag == "VBD"))
        and (
            gapped
            or (v.dep in {"ccomp", "xcomp", "oprd"} and head in FINDING)
            # the absolute construction: "with nine villagers killed"
            or (v.dep == "pcomp" and head in {"with", "without"})
            or any(c.dep == "mark" and c.lemma.lower() in {"with", "without"} for c in p.kids[v.i])
            # a headline's "Guard Killed in Nairobi", a gapped "were burned and three guards
            # hurt" (the tagger's VBN on a plain past, "traders clashed", is not enough)
            or (v.dep == "ROOT" and v.text[:1].isupper())
            or (v.dep == "conj" and bool(child(p, p.toks[v.head], {"auxpass"})))
        )
        and not any(c.dep in {"aux", "auxpass"} for c in p.kids[v.i])
        and not any(child(p, x, {"dobj", "obj"}) for x in [v, *conjuncts(p, v)])
    )
