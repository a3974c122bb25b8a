"""Who does what to whom: the source and target actors of a trigger, from the parse.

Subjects (active and passive, shared by open clauses and conjuncts), objects, prepositional
targets ("met with", "talks with", "against"), appositions and lists, pronouns resolved to the
last named person, and the parties of nominal events ("talks between X and Y").
"""

from __future__ import annotations

from dataclasses import replace

from storyline.actors.kb import KnowledgeBase
from storyline.actors.mentions import antecedent
from storyline.actors.names import token_key
from storyline.actors.sectors import FORMER
from storyline.events.implied import (
    MEANS,
    PERPETRATORS,
    SENT,
    country_actor,
    implied_actor,
    located_group,
    military_means,
    modifier_country,
    nationality,
    owned_by_country,
    owning_body,
    thing_target,
)
from storyline.events.parse import (
    COMPASS,
    CONTACT_VERBS,
    DOCUMENTS,
    FORCE_ROOTS,
    PASSIVE_SUBJ,
    PERSON_PRONOUNS,
    SPEAKER_PREPS,
    SPEAKERS,
    SUBJ,
    Parse,
    by_phrases,
    child,
    companions,
    conjuncts,
    described_noun,
    document_senders,
    named_complement,
    naming_participles,
    sender_objects,
    shared_objects,
    stranded_subject,
    subtree,
    unique,
)
from storyline.events.patterns import Pattern
from storyline.events.pronouns import (
    group_antecedent,
    own_subjects,
    possessive_country,
    possessor_subject,
    whose_country,
)
from storyline.events.states import state_on
from storyline.events.undergoers import describes, small_clause_passive
from storyline.model import ActorRef, Mention, Token

RELATIVE = {"who", "which", "that", "whom"}
GROUP_PRONOUNS = {"it", "they", "them", "its", "their"}


# ---- actors ---------------------------------------------------------------------------------
def actors_at(p: Parse, t: Token, depth: int = 0) -> list[Mention]:
    """The actors a phrase headed by ``t`` refers to (conjuncts included)."""
    found = _actors_one(p, t, depth)
    members = conjuncts(p, t)
    for c in p.kids[t.i]:
        # "hosted A, B and C" parsed as A <appos B <conj C: a list, not a renaming.
        if c.dep == "appos" and any(k.dep == "cc" for k in p.kids[c.i]) and not describes(p, t, c):
            members += [c, *conjuncts(p, c)]
        # "all foreign forces, including those of Turkey": the named members are sides too.
        if c.dep == "prep" and c.lemma.lower() in {"include", "including"}:
            members += [o for o in p.kids[c.i] if o.dep == "pobj"]
        # "Russia, together with Iran,": a companion named in the phrase acts with it.
        members += companions(p, c)
    for c in members:
        for m in _actors_one(p, c, depth):
            if m not in found:
                found.append(m)
    return found


def _bare_agent_name(p: Parse, m: Mention, t: Token) -> bool:
    return (
        not m.known
        and not m.code
        and m.token_end - m.token_start == 1
        and m.head == t.i
        and p.kb.agents.get((token_key(t.lemma),)) is not None
    )


def _actors_one(p: Parse, t: Token, depth: int) -> list[Mention]:
    ms = [m for m in p.by_tok.get(t.i, []) if not m.place_only]
    if ms and depth == 0 and all(_bare_agent_name(p, m, t) for m in ms):
        # "the Navy": a name that is only an agent noun is that agent (country: the place's)
        implied = implied_actor(p, t)
        if implied is not None:
            return [implied]
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
        m = possessor_subject(p, t) or antecedent(p.a, t.i, not_at=own_subjects(p, t))
        return [m] if m else []
    if t.text.lower() in RELATIVE and t.tag in {"WP", "WDT"}:
        # "rebels, who are fighting X": the relative pronoun stands for the noun it describes.
        clause = p.toks[t.head]
        if clause.dep == "relcl" and clause.head != clause.i:
            return actors_at(p, p.toks[clause.head], depth)
        return []
    if t.pos == "PRON" and t.text.lower() in GROUP_PRONOUNS:
        m = group_antecedent(p, t)
        return [m] if m else []
    if depth > 2:
        return []
    if any(x.dep == "compound" for x in p.kids[t.i]):  # "BP's London office": the owner's
        owner = owning_body(p, t)  # before the city in it
        if owner is not None:
            return [owner]
    for c in p.kids[t.i]:
        # "UN human rights experts": a named modifier is whose they are, as a compound is.
        if c.dep in {"appos", "compound"} or (c.dep == "nmod" and c.pos == "PROPN"):
            got = _actors_one(p, c, depth + 1)
            if got:
                return got
    # "representatives of the Syrian opposition", "ministers from Turkey and Syria"; but the
    # kidnappers of a Swede are not Swedes: a perpetrator's "of" names the victim.
    for o in document_senders(p, t):  # "a statement purporting to be from X"
        got = actors_at(p, o, depth + 1)
        if got:
            return got
    for c in child(p, t, {"prep"}):
        if c.lemma.lower() == "of" and (t.lemma.lower() in PERPETRATORS or placed_by_compass(p, t)):
            continue
        # "a spokesman for the foreign ministry", "at BP's headquarters" speaks for it
        spoken = c.lemma.lower() in SPEAKER_PREPS and t.lemma.lower() in SPEAKERS
        if c.lemma.lower() in {"of", "from"} or spoken:
            for obj in child(p, c, {"pobj"}):
                got = actors_at(p, obj, depth + 1)
                if got:
                    return got
    if (
        depth == 0
        and t.lemma.lower() in ALLIANCES
        and any(c.dep == "amod" and c.lemma.lower() == "lead" for c in p.kids[t.i])
    ):
        # "the Saudi-led coalition declared a ceasefire": a coalition acts for its leader
        led = modifier_actors(p, t, depth)
        if led:
            return led
    if depth == 0:
        # "Russian air strikes killed ...": a means of force stands for whoever used it.
        means = doers_of_means(p, t)
        if means:
            return means
        located = located_group(p, t)
        if located:
            return located
        implied = implied_actor(p, t)
        if implied is not None and (implied.code or "").startswith("---"):
            # "Putin, whose government has mediated", "Merkel sent her foreign minister":
            # the owner named before.
            iso = whose_country(p, t) or possessive_country(p, t)
            if iso:
                implied = country_actor(p, t, iso, (implied.code or "")[3:], "whose")
        if implied is not None:
            return [implied]
    return []


# Bodies a state leads: "the US-led coalition", "the Saudi-led alliance".
ALLIANCES = {"coalition", "alliance", "bloc", "mission", "force", "forces", "operation"}
# Prepositions of time before a gerund ("after being kidnapped", "before leaving").
TIME_PREPS = {"after", "before", "since", "upon", "while", "without"}

# Open clauses after an object that stay the subject's: "called X to promise", "used X to win".
SUBJECT_CONTROL = {"want", "plan", "seek", "try", "agree", "promise",
                   "use", "employ"} | CONTACT_VERBS  # fmt: skip


def subjects(p: Parse, v: Token) -> tuple[list[Mention], bool, Token | None]:
    """Source actors of a verb; True when the verb is passive (subjects are then patients)."""
    # "X however has opposed": the parser may hang the subject on the auxiliary
    subj = child(p, v, SUBJ) or [s for a in child(p, v, {"aux"}) for s in child(p, a, SUBJ)]
    if subj and (small_clause_passive(p, v) or _reduced_charge(p, v)):
        # "police found the journalist killed": a bare participle after a verb of finding
        # or seeing says what its subject underwent
        return unique([m for t in subj for m in actors_at(p, t)]), True, subj[0]
    if subj:
        # spaCy sometimes hangs the last conjunct of a list as a second subject.
        found = [m for t in subj for m in actors_at(p, t)]
        found += [m for t in subj for m in list_members(p, t) if m not in found]
        return unique(found), False, subj[0]
    psubj = child(p, v, PASSIVE_SUBJ)
    if psubj:
        return unique([m for t in psubj for m in actors_at(p, t)]), True, psubj[0]
    stranded = stranded_subject(p, v)
    if stranded is not None:
        return actors_at(p, stranded), False, stranded
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
            if objs and h.lemma.lower() not in SUBJECT_CONTROL:
                return actors_at(p, objs[0]), False, objs[0]
        if h.pos not in {"VERB", "AUX"}:
            return [], False, None
        found, passive, tok = subjects(p, h)
        if (v.dep == "conj" and child(p, v, {"auxpass"})) or (
            v.dep == "advcl" and v.tag == "VBN" and not child(p, v, {"aux", "auxpass"})
        ):
            return found, True, tok  # "ran to the gate and was shot", "Backed by X, the army"
        if passive and v.dep == "conj" and h.dep == "ccomp" and _active(p, v):
            # "X has said its missions are watched and has accused Y": an active verb hung on
            # a passive reported clause belongs with the reporting verb, whose subject acts.
            return subjects(p, p.toks[h.head])
        if passive and v.dep == "xcomp":
            # "X and Y are scheduled to meet", "X was forced to withdraw": the subject of a
            # passive governor controls the open clause, so it does the inner act -- unless
            # that clause is a participle ("were found stabbed", "was seen shot"): undergone.
            return found, v.tag == "VBN", tok
        return found, passive, tok
    if (
        v.dep == "ccomp"
        and v.tag == "VB"
        and h.pos == "VERB"
        and not child(p, h, {"dobj", "obj"})
        and not any(c.dep == "aux" for c in p.kids[v.i])
    ):
        # "Yemen let free the activist": a bare infinitive with no subject of its own (the
        # parser's ccomp for an open clause) is done by its governor's subject.
        return subjects(p, h)
    if v.dep == "pcomp" and h.lemma.lower() in TIME_PREPS and h.head != h.i:
        gov = p.toks[h.head]
        if gov.dep == "acomp" and gov.head != gov.i:
            gov = p.toks[gov.head]  # "was missing after being kidnapped"
        if gov.pos in {"VERB", "AUX"}:
            # "was missing after being kidnapped by gunmen": the clause's subject is the
            # gerund's, its patient when the gerund is passive.
            found, _, tok = subjects(p, gov)
            return found, any(c.dep == "auxpass" for c in p.kids[v.i]), tok
    if v.dep == "pcomp" and h.lemma.lower() in {"of", "for"} and h.head != h.i:
        # "denied charges of bombing X", "accused Y of shelling X": who the charge is about
        # does the act (the object of "accuse", else the subject of the verb).
        noun = p.toks[h.head]
        verb = p.toks[noun.head] if noun.pos in {"NOUN", "PROPN"} else noun
        if verb.pos in {"VERB", "AUX"}:
            objs = [m for o in child(p, verb, {"dobj"}) for m in actors_at(p, o)]
            if objs:
                return objs, False, None
            return subjects(p, verb)
    if v.dep == "xcomp" and h.pos == "ADJ" and h.head != h.i:
        # "X is about to restore ties", "X is ready to talk": the adjective's subject acts.
        return subjects(p, p.toks[h.head])
    if v.dep == "acl" and h.pos in {"NOUN", "PROPN"} and v.tag == "VBG":
        # "the parade supporting Gondor": the noun the participle describes does it; a
        # statement or a letter speaks for whoever issued it ("issued a statement urging X").
        found = actors_at(p, h)
        if not found and h.lemma.lower() in DOCUMENTS and h.dep in {"dobj", "obj"}:
            return subjects(p, p.toks[h.head])
        return found, False, h
    if v.dep == "acl" and h.pos in {"NOUN", "PROPN"}:
        if v.tag in {"VBN", "VBD"} and child(p, v, {"dobj", "obj"}) and h.dep == "ROOT":
            # The parser took "Russian air strikes killed 14 civilians" for a noun phrase
            # with a reduced relative; a participle with an object is active: its noun acts.
            return actors_at(p, h), False, h
        if described_noun(p, v) is not None:
            # "a brigade, backed by tanks, attacked": a passive participle describes what
            # its noun underwent; whoever acts in the governing clause did not do it (nor is
            # the participle's own agent, which a noun's phrase counts as its doer, its patient)
            agents = agent_of_passive(p, v)
            return [m for m in actors_at(p, h) if m not in agents], True, h
        # "X's desire to meet", "the decision of X to meet", "a move by X to lift", "an
        # offer from X to mediate": the owner or maker of the governing noun
        for c in p.kids[h.i]:
            if c.dep == "poss":
                return actors_at(p, c), False, c
        # (the "of" of an act's noun is its patient: "the release of prisoners to ease ...")
        makers = {"by", "from"} | (set() if h.lemma.lower() in p.ps.nouns else {"of"})
        for c in p.kids[h.i]:
            if c.dep == "prep" and c.i < v.i and c.lemma.lower() in makers:
                for o in child(p, c, {"pobj"}):
                    found = [m for m in actors_at(p, o) if not m.place_only]
                    if found:
                        return found, False, o
        return (
            subjects(p, p.toks[h.head])
            if p.toks[h.head].pos in {"VERB", "AUX"}
            else ([], False, None)
        )
    if v.tag in FINITE and v.dep in {"ROOT", "ccomp", "conj"}:
        # A finite verb the parser left without a subject ("Barack Obama and Vladimir Putin
        # met", with "Barack" read as a preposition): the actors named before it, outside any
        # real prepositional phrase, are its subject.
        for c in p.kids[v.i]:
            if c.i > v.i:
                break
            if c.dep == "prep" and c.lemma.lower() in REAL_PREPS:
                continue
            if c.dep in {"prep", "npadvmod", "advmod", "dep", "nmod"} and c.ent_type in NAME_ENTS:
                found = [m for t in subtree(p, c) for m in p.by_tok.get(t.i, [])]
                found = [m for m in unique(found) if not m.place_only]
                if found:
                    return found, False, c
    return [], False, None


FINITE = {"VBD", "VBZ", "VBP"}

# Verbs of charging whose active use needs an object: with none, "the clerk charged with
# the murder" is the one charged (a reduced relative the parser read as a finite verb).
CHARGING = {"charge": "with", "accuse": "of", "convict": "of", "indict": "on", "suspect": "of"}


def _reduced_charge(p: Parse, v: Token) -> bool:
    prep = CHARGING.get(v.lemma.lower())
    return (
        prep is not None
        and bool(child(p, v, {"prep"}, prep))
        and not child(p, v, {"dobj", "obj", "aux", "auxpass"})
    )


def _active(p: Parse, v: Token) -> bool:
    """Evidence of the active voice: a finite form, or its own perfect or modal auxiliary ("has
    accused"); a bare participle ("were attacked and killed") shares its partner verb's voice."""
    kids = p.kids[v.i]
    if any(c.dep == "auxpass" for c in kids):
        return False
    return v.tag in FINITE or any(
        c.dep == "aux" and c.lemma.lower() in {"have", "will", "would", "can", "could", "may"}
        for c in kids
    )


NAME_ENTS = {"PERSON", "ORG", "GPE", "NORP"}

REAL_PREPS = {
    "in", "on", "at", "by", "for", "with", "after", "before", "during", "since", "from", "to",
    "of", "under", "over", "about", "against", "amid", "despite", "following", "into", "near",
}  # fmt: skip

LIST_LINKS = {"conj", "appos", "dep", "compound", "nmod", "npadvmod", "amod"}
LINKS = LIST_LINKS | {"cc", "punct", "det", "preconj"}


def list_members(p: Parse, t: Token) -> list[Mention]:
    """Every actor of a list the parser broke into odd pieces ("Arnor, Calenardhon and the
    evil awful Gondor", with "Calenardhon" hung as a compound): only when the phrase has a
    coordinating conjunction, and never through a preposition."""
    seen, stack, tokens = {t.i}, [t], []
    while stack:
        h = stack.pop()
        tokens.append(h)
        for c in p.kids[h.i]:
            if c.i not in seen and c.dep in LINKS and not describes(p, h, c):
                seen.add(c.i)
                stack.append(c)
    if not any(k.dep == "cc" for k in tokens):
        return []
    out: list[Mention] = []
    for k in tokens:
        for m in p.by_tok.get(k.i, []):
            if m.head == k.i and not m.place_only and m not in out:
                out.append(m)
    return out


def agent_of_passive(p: Parse, v: Token) -> list[Mention]:
    # "were denied entry by officials": the "by" of a passive with an object hangs on it
    for c in child(p, v, {"agent"}) + [b for o in child(p, v, {"dobj"}) for b in by_phrases(p, o)]:
        for obj in child(p, c, {"pobj"}):
            return actors_at(p, obj)
    return []


def targets_of(p: Parse, v: Token, pat: Pattern, obj: Token | None) -> list[Mention]:
    return roles_at(p, v, pat.target, obj)


def actors_or_thing(p: Parse, t: Token) -> list[Mention]:
    """Who a phrase names, else whose thing it is ("Pakistani villages", "trucks sent by X")."""
    return actors_at(p, t) or whose_thing(p, t)


def whose_thing(p: Parse, t: Token) -> list[Mention]:
    sent = [a for a in child(p, t, {"acl"}) if a.lemma.lower() in SENT]
    return [m for m in [thing_target(p, t)] if m] or senders(p, sent)


def roles_at(p: Parse, v: Token, specs: tuple[str, ...], obj: Token | None) -> list[Mention]:
    """The actors in the first of ``specs`` naming any (the object, a preposition on the verb or
    on its object, an indirect object); a country's thing stands for it ("Pakistani villages")."""
    for spec in specs:
        found: list[Mention] = []
        if spec == "dobj":
            for o in child(p, v, {"dobj", "obj"}) or named_complement(p, v) or shared_objects(p, v):
                if obj is not None and o.i == obj.i:
                    continue
                # the first object that names someone: a second "object" is the parser
                # taking an apposition for one ("sued Toyota ..., the government's first filing")
                found = found or actors_or_thing(p, o)
        elif spec == "dative":
            for o in child(p, v, {"dative"}):
                found = actors_at(p, o) or [
                    m for q in child(p, o, {"pobj"}) for m in actors_at(p, q)
                ]
            if not found:
                found = prep_objects(p, v, "to")
        elif spec.startswith("prep:"):
            found = prep_objects(p, v, spec[5:])
            if not found and spec[5:] in {"with", "to"}:
                # "shared evidence with their counterparts": hung on the object as often
                for o in child(p, v, {"dobj", "obj"}):
                    found = found or prep_objects(p, o, spec[5:])
        elif spec.startswith("obj-prep:"):
            # "to Mali" hangs on the verb as often as on "aid", "on X" on "air and [...] strikes"
            held = obj or next(iter(child(p, v, {"dobj", "obj"})), None)
            heads = [held, p.toks[held.head]] if held is not None and held.dep == "conj" else [held]
            found = [m for h in heads if h is not None for m in prep_objects(p, h, spec[9:])]
            found = found or prep_objects(p, v, spec[9:])
        if not found and spec.startswith(("prep:", "obj-prep:")):
            # "launched an offensive, codenamed X, against Y": the naming participle's phrases
            # are the verb's
            prep = spec.split(":", 1)[1]
            found = [m for n in naming_participles(p, v) for m in prep_objects(p, n, prep)]
        if found:
            return found
    return []


def object_people(p: Parse, obj: Token | None) -> list[Mention]:
    """People of a country named by a pattern's own object word ("accepted 1,141 Iraqi
    refugees"): the object is what is done, not to whom, so they are the target only when
    nothing else is ("sent Russian warplanes to Syria" is sent to Syria)."""
    if obj is None:
        return []
    return [
        m
        for m in p.by_tok.get(obj.i, [])
        if m.head == obj.i and m.rule == "agent" and m.code and m.code[:3] != "---"
    ]


def prep_objects(p: Parse, head: Token, prep: str) -> list[Mention]:
    out: list[Mention] = []
    for c in child(p, head, {"prep", "agent", "dative", "prt"}, prep):  # a "prt" with an object
        for obj in child(p, c, {"pobj"}):
            got = actors_at(p, obj)
            if not got and prep == "at":
                # "lashed out at Saudi Arabia": a whole country one aims at, not a place one is
                # at (a pattern asks "at" only of verbs that aim: no city counts), and so is
                # its thing ("fired at Iranian boats", "pointed at the U.S. deficit")
                got = [
                    replace(m, place_only=False)
                    for m in p.by_tok.get(obj.i, [])
                    if m.place_only and m.kind == "country" and m.head == obj.i
                ]
            if not got and (prep in THING_PREPS or prep == "at"):
                got = whose_thing(p, obj)  # its actors are none (above)
            out.extend(m for m in got if m not in out)
    return out


# Prepositions after which a thing of a country is the target ("an attack on an Iranian oil
# platform", "raids into Pakistani territory"); "in" and "at" name places, not targets.
THING_PREPS = {"on", "against", "into", "upon", "toward", "towards"}


def actor_ref(kb: KnowledgeBase, m: Mention, when: str | None) -> ActorRef:
    code = m.code
    if m.kind == "person" and m.known and when and m.rule != FORMER:  # "former President X"
        listed = kb.code_for(m.actor_id, when)
        # an "elite" role names no office; the title the text gives does (sectors.py)
        if listed and not (listed.endswith("ELI") and code and not code.endswith("ELI")):
            code = listed
    return ActorRef(m.actor_id, state_on(code, when), m.name)


PARTY_PREPS = {"between", "among", "with", "against"}


def placed_by_compass(p: Parse, n: Token) -> bool:
    """ "an attack east of Basra": the "of" of a compass word places the event, names no side."""
    return any(c.dep == "advmod" and c.lemma.lower() in COMPASS for c in p.kids[n.i])


# ---- actors the sentence implies -----------------------------------------------------------


def modifier_actors(p: Parse, t: Token, depth: int) -> list[Mention]:
    """The actors named before a noun: its owner, compounds and adjectives ("Israel's
    shelling", "Russian air strikes"), and whoever led it ("the US-led invasion")."""
    found: list[Mention] = []
    for c in p.kids[t.i]:
        if c.dep not in {"poss", "compound", "amod", "nmod"} or c.i > t.i:
            continue
        leader = [k for k in p.kids[c.i] if k.dep in {"npadvmod", "compound", "nmod"}]
        if c.lemma.lower() != "lead":
            found += [m for m in actors_at(p, c, depth) if m not in found]
            continue
        for k in leader:
            # The parser's "Saudi" in "Saudi-led" is a modifier the actor stage keeps as a
            # place; a country that leads is an actor.
            got = actors_at(p, k, depth) or [
                replace(m, place_only=False, rule="led")
                for m in p.by_tok.get(k.i, [])
                if m.kind == "country" and m.head == k.i
            ]
            iso = None if got else nationality(p, k)  # "the Ethiopian-led invasion"
            got += [country_actor(p, k, iso, "", "led")] if iso else []
            found += [m for m in got if m not in found]
    return found


def doers_of_means(p: Parse, t: Token) -> list[Mention]:
    """The actor behind a means of force: its owner ("Israel's shelling"), its adjective
    ("Russian air strikes" -> RUSMIL), or the "by" phrase on it ("an attack by Daesh")."""
    lemma = t.lemma.lower()
    if lemma not in MEANS and lemma not in p.ps.nouns:
        return []
    key = ("means", t.i)
    if key in p.memo:
        return p.memo[key]
    found: list[Mention] = []
    for c in by_phrases(p, t):
        found += [m for o in child(p, c, {"pobj"}) for m in actors_at(p, o, 1)]
    if not found:
        found = modifier_actors(p, t, 1)
        agent = implied_actor(p, t) if found else None
        sector = (agent.code or "") if agent is not None else ""
        if sector.startswith("---") and len(sector) > 3:
            # "Baghdad said its troops ...": a country's agent noun is that country's sector.
            found = [
                country_actor(p, t, m.code, sector[3:], "means")
                if m.kind == "country" and m.code and len(m.code) == 3
                else m
                for m in found
            ]
    if not found and (lemma in MEANS):
        iso = modifier_country(p, t)
        if iso:
            sector = "MIL" if military_means(p, t) else ""
            found = [country_actor(p, t, iso, sector, "means")]
    p.memo[key] = found
    return found


def senders(s: Parse, objs: list[Token]) -> list[Mention]:
    """Who a thing came from: "by X", "from X", or a participle's "sent by X"."""
    heads = objs + [a for o in objs for a in s.kids[o.i] if a.dep == "acl" and a.tag == "VBN"]
    return [m for h in heads for o in sender_objects(s, h) for m in actors_at(s, o)]


def owners(s: Parse, o: Token) -> list[Mention]:
    """The actors an object thing is "of" ("the offices of al-Jazeera"), not an act's patient."""
    event = o.lemma.lower() in s.ps.nouns  # "violated Estonian airspace": Estonia's, too
    return [] if event else roles_at(s, o, ("prep:of",), None) or owned_by_country(s, o)


PHRASE_DOERS = {"in", "by", "during", "with", "from", "under"}


def doers_in_phrases(s: Parse, v: Token) -> list[Mention]:
    """Who did a passive act named by a phrase on it: "killed in Russian air strikes"."""
    for c in s.kids[v.i]:
        if c.dep == "prep" and c.lemma.lower() in PHRASE_DOERS:
            for o in child(s, c, {"pobj"}):
                noun = s.ps.nouns.get(o.lemma.lower())
                if noun is not None and noun.code[:2] not in FORCE_ROOTS:
                    continue  # "killed during his visit": the visitor did not kill
                found = doers_of_means(s, o)
                if found:
                    return found
    return []
