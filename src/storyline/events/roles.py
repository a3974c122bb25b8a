"""Who does what to whom: the source and target actors of a trigger, from the parse.

Subjects (active and passive, shared by open clauses and conjuncts), objects, prepositional
targets ("met with", "talks with", "against"), appositions and lists, pronouns resolved to the
last named person, and the parties of nominal events ("talks between X and Y").
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

from storyline.actors.kb import AGENT_LABEL, KnowledgeBase, ensure_composite
from storyline.actors.mentions import antecedent
from storyline.actors.names import token_key
from storyline.events.parse import (
    PASSIVE_SUBJ,
    PERSON_PRONOUNS,
    SUBJ,
    Parse,
    child,
    conjuncts,
    unique,
)
from storyline.events.patterns import Pattern
from storyline.events.triggers import Trigger
from storyline.model import ActorRef, Mention, Token

RELATIVE = {"who", "which", "that", "whom"}
GROUP_PRONOUNS = {"it", "they", "them", "its", "their"}
# Means of force: the nation that used them is the doer ("Russian air strikes killed ...").
MEANS = {
    "strike", "airstrike", "air strike", "raid", "shelling", "bombardment", "bombing", "attack",
    "assault", "offensive", "fire", "missile", "rocket", "mortar", "artillery", "tank", "drone",
    "jet", "warplane", "plane", "aircraft", "helicopter", "gunship", "warship", "bomb", "shell",
    "gunboat", "frigate", "destroyer", "submarine", "boat", "vessel",
    "gunfire", "barrage", "incursion", "operation", "campaign", "blockade", "troop",
}  # fmt: skip
MILITARY_MEANS = MEANS - {"attack", "assault", "bombing", "bomb", "operation", "campaign"}
# Things a target may be named by, and the sector of their country they stand for.
CIVIL_PLACES = {
    "village", "town", "city", "neighbourhood", "neighborhood", "home", "house", "hospital",
    "school", "market", "civilian", "people", "resident", "villager", "camp", "mosque", "church",
}  # fmt: skip
MILITARY_PLACES = {
    "base", "column", "convoy", "position", "post", "outpost", "garrison", "unit", "checkpoint",
    "barracks", "airbase", "airfield", "brigade", "battalion", "division", "regiment", "patrol",
}  # fmt: skip
# Sectors a country is read off the event's place for ("rebels ... in Mindanao"): people who
# act where they live.  Aircraft and warships often come from elsewhere.
DOMESTIC_SECTORS = {
    "REB", "OPP", "COP", "CVL", "MIL", "GOV", "LAB", "AGR", "REF", "LEG", "JUD", "UAF", "SPY",
}  # fmt: skip
AERIAL = {"jet", "warplane", "plane", "aircraft", "helicopter", "gunship", "drone", "warship"}


# ---- actors ---------------------------------------------------------------------------------
def actors_at(p: Parse, t: Token, depth: int = 0) -> list[Mention]:
    """The actors a phrase headed by ``t`` refers to (conjuncts included)."""
    found = _actors_one(p, t, depth)
    members = conjuncts(p, t)
    for c in p.kids[t.i]:
        # "hosted A, B and C" parsed as A <appos B <conj C: a list, not a renaming.
        if c.dep == "appos" and any(k.dep == "cc" for k in p.kids[c.i]):
            members += [c, *conjuncts(p, c)]
        # "all foreign forces, including those of Turkey": the named members are sides too.
        if c.dep == "prep" and c.lemma.lower() in {"include", "including"}:
            members += [o for o in p.kids[c.i] if o.dep == "pobj"]
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
        # "the Navy": a provisional name that is only an agent noun is that agent, of a
        # country the event's place may tell.
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
        m = antecedent(p.a, t.i)
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
    for c in p.kids[t.i]:
        if c.dep in {"appos", "compound"}:
            got = _actors_one(p, c, depth + 1)
            if got:
                return got
    # "representatives of the Syrian opposition", "ministers from Turkey and Syria"; but the
    # kidnappers of a Swede are not Swedes: a perpetrator's "of" names the victim.
    for c in child(p, t, {"prep"}):
        if c.lemma.lower() == "of" and t.lemma.lower() in PERPETRATORS:
            continue
        if c.lemma.lower() in {"of", "from"}:
            for obj in child(p, c, {"pobj"}):
                got = actors_at(p, obj, depth + 1)
                if got:
                    return got
    if depth == 0:
        # "Russian air strikes killed ...": a means of force stands for whoever used it.
        means = doers_of_means(p, t)
        if means:
            return means
        located = located_group(p, t)
        if located:
            return located
        implied = implied_actor(p, t)
        if implied is not None:
            return [implied]
    return []


def subjects(p: Parse, v: Token) -> tuple[list[Mention], bool, Token | None]:
    """Source actors of a verb; True when the verb is passive (subjects are then patients)."""
    subj = child(p, v, SUBJ)
    if subj:
        # spaCy sometimes hangs the last conjunct of a list as a second subject.
        found = [m for t in subj for m in actors_at(p, t)]
        found += [m for t in subj for m in list_members(p, t) if m not in found]
        return unique(found), False, subj[0]
    psubj = child(p, v, PASSIVE_SUBJ)
    if psubj:
        return unique([m for t in psubj for m in actors_at(p, t)]), True, psubj[0]
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
            if objs and h.lemma.lower() not in {"want", "plan", "seek", "try", "agree"}:
                return actors_at(p, objs[0]), False, objs[0]
        return subjects(p, h) if h.pos in {"VERB", "AUX"} else ([], False, None)
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
        # "the parade supporting Gondor": the noun the participle describes does it.
        return actors_at(p, h), False, h
    if v.dep == "acl" and h.pos in {"NOUN", "PROPN"}:
        if v.tag in {"VBN", "VBD"} and child(p, v, {"dobj", "obj"}) and h.dep == "ROOT":
            # The parser took "Russian air strikes killed 14 civilians" for a noun phrase
            # with a reduced relative; a participle with an object is active: its noun acts.
            return actors_at(p, h), False, h
        # "the decision of X to meet", "X's desire to meet": owner of the governing noun
        for c in p.kids[h.i]:
            if c.dep == "poss":
                return actors_at(p, c), False, c
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
            if c.dep in {"prep", "npadvmod", "dep", "nmod"} and c.ent_type in NAME_ENTS:
                found = [m for t in _subtree(p, c) for m in p.by_tok.get(t.i, [])]
                found = [m for m in unique(found) if not m.place_only]
                if found:
                    return found, False, c
    return [], False, None


FINITE = {"VBD", "VBZ", "VBP"}
NAME_ENTS = {"PERSON", "ORG", "GPE", "NORP"}
REAL_PREPS = {
    "in", "on", "at", "by", "for", "with", "after", "before", "during", "since", "from", "to",
    "of", "under", "over", "about", "against", "amid", "despite", "following", "into", "near",
}  # fmt: skip


def _subtree(p: Parse, t: Token) -> list[Token]:
    out, stack = [], [t]
    while stack:
        h = stack.pop()
        out.append(h)
        stack.extend(p.kids[h.i])
    return sorted(out, key=lambda x: x.i)


LIST_LINKS = {"conj", "appos", "dep", "compound", "nmod", "npadvmod", "amod"}


def list_members(p: Parse, t: Token) -> list[Mention]:
    """Every actor of a list the parser broke into odd pieces ("Arnor, Calenardhon and the
    evil awful Gondor", with "Calenardhon" hung as a compound): only when the phrase has a
    coordinating conjunction, and never through a preposition."""
    seen, stack, tokens = {t.i}, [t], []
    while stack:
        h = stack.pop()
        tokens.append(h)
        for c in p.kids[h.i]:
            if c.i not in seen and c.dep in LIST_LINKS | {"cc", "punct", "det", "preconj"}:
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
    for c in child(p, v, {"agent"}):
        for obj in child(p, c, {"pobj"}):
            return actors_at(p, obj)
    return []


def targets_of(p: Parse, v: Token, pat: Pattern, obj: Token | None) -> list[Mention]:
    return roles_at(p, v, pat.target, obj)


def roles_at(p: Parse, v: Token, specs: tuple[str, ...], obj: Token | None) -> list[Mention]:
    """The actors in the first of ``specs`` that names any: the object, a preposition's
    object on the verb or on its object, an indirect object.  A thing of a country counts as
    that country ("attacked Pakistani villages")."""
    for spec in specs:
        found: list[Mention] = []
        if spec == "dobj":
            for o in child(p, v, {"dobj", "obj"}):
                if obj is not None and o.i == obj.i:
                    continue
                found = actors_at(p, o) or [m for m in [thing_target(p, o)] if m]
        elif spec == "dative":
            for o in child(p, v, {"dative"}):
                found = actors_at(p, o) or [
                    m for q in child(p, o, {"pobj"}) for m in actors_at(p, q)
                ]
            if not found:
                found = _prep_objects(p, v, "to")
        elif spec.startswith("prep:"):
            found = _prep_objects(p, v, spec[5:])
        elif spec.startswith("obj-prep:"):
            # The parser hangs "to Mali" on the verb as often as on "aid": either will do.
            found = (_prep_objects(p, obj, spec[9:]) if obj is not None else []) or (
                _prep_objects(p, v, spec[9:])
            )
        if found:
            return found
    return []


def _prep_objects(p: Parse, head: Token, prep: str) -> list[Mention]:
    out: list[Mention] = []
    for c in child(p, head, {"prep", "agent", "dative"}, prep):
        for obj in child(p, c, {"pobj"}):
            got = actors_at(p, obj)
            if not got and prep in THING_PREPS:
                got = [m for m in [thing_target(p, obj)] if m]
            out.extend(m for m in got if m not in out)
    return out


# Prepositions after which a thing of a country is the target ("an attack on an Iranian oil
# platform", "raids into Pakistani territory"); "in" and "at" name places, not targets.
THING_PREPS = {"on", "against", "into", "upon", "toward", "towards"}


def country_mention(kb: KnowledgeBase, iso3: str, sentence: int) -> Mention:
    entry = kb.entries.get(iso3)
    name = entry.name if entry else iso3
    return Mention(0, 0, name, sentence, 0, 0, iso3, iso3, name, "country", iso3, "location")


def actor_ref(kb: KnowledgeBase, m: Mention, when: str | None) -> ActorRef:
    code = m.code
    if m.kind == "person" and m.known and when:
        code = kb.code_for(m.actor_id, when) or code
    return ActorRef(m.actor_id, code, m.name)


PARTY_PREPS = {"between", "among", "with", "against"}


def noun_roles(s: Parse, trig: Trigger) -> tuple[list[Mention], list[Mention]]:
    """Roles of a nominal event from its noun phrase: "Turkey's offensive against the YPG"."""
    n = trig.token
    sources: list[Mention] = []
    targets: list[Mention] = []
    for c in s.kids[n.i]:
        if c.dep in {"poss", "compound", "amod", "nmod"} and c.i < n.i:
            for m in actors_at(s, c):
                if m not in sources:
                    sources.append(m)
    # "talks held between X and Y": the participle's phrases describe the noun's event too.
    preps = [c for c in s.kids[n.i] if c.dep == "prep"]
    for acl in child(s, n, {"acl"}):
        preps.extend(c for c in s.kids[acl.i] if c.dep == "prep" and c.lemma.lower() in PARTY_PREPS)
    for c in preps:
        prep = c.lemma.lower()
        objs = [m for p in child(s, c, {"pobj"}) for m in actors_at(s, p)]
        if not objs and prep in THING_PREPS:
            objs = [m for p in child(s, c, {"pobj"}) for m in [thing_target(s, p)] if m]
        if prep == "by":
            sources = objs + [m for m in sources if m not in objs]
        elif prep in {"between", "among"}:
            sources.extend(m for m in objs if m not in sources)
        elif prep in {"with", "against", "on", "to", "toward", "towards"}:
            targets.extend(m for m in objs if m not in targets)
        elif prep == "of" and not sources:
            sources.extend(objs)
        elif prep in {"include", "including"}:
            # "the withdrawal of all foreign forces, including those of Turkey"
            sources.extend(m for m in objs if m not in sources)
    for c in s.kids[n.i]:
        if c.dep == "acl":  # "the truce, brokered by Ankara and Moscow"
            for m in agent_of_passive(s, c):
                if m not in sources:
                    sources.append(m)
    if not sources:
        # "an Iranian attack", "the hurried Libyan evacuation": the adjective's country.
        iso = _modifier_country(s, n)
        if iso:
            sector = "MIL" if n.lemma.lower() in MEANS and _military_means(s, n) else ""
            sources = [country_actor(s, n, iso, sector, "nominal")]
    return sources, targets


def pairs(
    sources: list[Mention], targets: list[Mention], reciprocal: bool
) -> list[tuple[Mention, Mention | None]]:
    if targets:
        return [(a, b) for a in sources for b in targets if a.actor_id != b.actor_id]
    if reciprocal and len(sources) >= 2:
        uniq: list[Mention] = []
        for m in sources:
            if all(u.actor_id != m.actor_id for u in uniq):
                uniq.append(m)
        return list(combinations(uniq, 2))
    return [(a, None) for a in sources]


# ---- actors the sentence implies -----------------------------------------------------------


def nationality(p: Parse, t: Token) -> str | None:
    """The country code a word names as a country name or adjective ("Iranian", "U.S.")."""
    key = ("nat", t.i)
    if key in p.memo:
        return p.memo[key]
    found = None
    words = [(token_key(t.text),)]
    if t.i > 0 and p.toks[t.i - 1].sent == t.sent:
        words.insert(0, (token_key(p.toks[t.i - 1].text), token_key(t.text)))
    for keys in words:
        for hit in p.kb.aliases.get(keys, ()):
            entry = p.kb.entries.get(hit.actor_id)
            if entry is not None and entry.kind == "country" and hit.form != "capital":
                found = p.kb.code_for(entry.actor_id, p.a.published) or entry.actor_id
                break
        if found:
            break
    p.memo[key] = found
    return found


def _synthetic(
    p: Parse, t: Token, code: str, name: str, kind: str, country: str | None, rule: str
) -> Mention:
    return Mention(
        start=t.idx,
        end=t.end,
        text=t.text,
        sentence=t.sent,
        token_start=t.i,
        token_end=t.i + 1,
        actor_id=code,
        code=code,
        name=name,
        kind=kind,
        country=country,
        rule=rule,
        head=t.i,
        known=False,
    )


def country_actor(p: Parse, t: Token, iso: str, sector: str, rule: str) -> Mention:
    """An actor for a country (and sector) named only by a word of the phrase at ``t``."""
    iso = p.kb.iso3_code.get(iso, iso)  # places carry ISO codes, actors CAMEO ones (ROU/ROM)
    code = iso + sector
    entry = ensure_composite(p.kb, code) if sector else p.kb.entries.get(iso)
    name = entry.name if entry is not None else code
    kind = entry.kind if entry is not None else "country"
    return _synthetic(p, t, code, name, kind, entry.country if entry else iso, rule)


def _against(p: Parse, c: Token) -> bool:
    """ "anti-Turkish attacks": the adjective names whom the act is against, not who did it."""
    before = [p.toks[i].text.lower() for i in range(max(0, c.i - 2), c.i)]
    return before[-1:] == ["anti"] or before == ["anti", "-"] or before[-1:] == ["anti-"]


def _modifier_country(p: Parse, t: Token) -> str | None:
    """The country the modifiers of a noun name: "Iranian oil platform", "Libya's base"."""
    for c in p.kids[t.i]:
        if c.dep not in {"amod", "compound", "nmod", "poss"} or c.i > t.i or _against(p, c):
            continue
        iso = nationality(p, c)
        if iso is None:
            for m in p.by_tok.get(c.i, []):
                if m.kind == "country" or (m.code and len(m.code) == 3):
                    iso = m.code or m.actor_id
                    break
        if iso is None and c.dep == "compound":
            iso = _modifier_country(p, c)
        if iso:
            return iso
    return None


def _placed_in(p: Parse, t: Token) -> str | None:
    """ "positions in Syria", "targets in Syria's Hama province": the country a thing is in."""
    for c in p.kids[t.i]:
        if c.dep != "prep" or c.lemma.lower() not in {"in", "inside", "near"}:
            continue
        for o in p.kids[c.i]:
            if o.dep != "pobj":
                continue
            for m in p.by_tok.get(o.i, []):
                if m.kind == "country":
                    return m.actor_id if len(m.actor_id) == 3 else m.country
            iso = _modifier_country(p, o)
            if iso:
                return iso
    return None


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
    for c in p.kids[t.i]:
        if c.dep == "agent" or (c.dep == "prep" and c.lemma.lower() == "by"):
            found += [m for o in child(p, c, {"pobj"}) for m in actors_at(p, o, 1)]
    if not found:
        for c in p.kids[t.i]:
            if c.dep in {"poss", "compound", "amod", "nmod"} and c.i < t.i:
                found += [m for m in actors_at(p, c, 1) if m not in found]
    if not found and (lemma in MEANS):
        iso = _modifier_country(p, t)
        if iso:
            sector = "MIL" if _military_means(p, t) else ""
            found = [country_actor(p, t, iso, sector, "means")]
    p.memo[key] = found
    return found


def _military_means(p: Parse, t: Token) -> bool:
    lemma = t.lemma.lower()
    if lemma in MILITARY_MEANS:
        return True
    mods = {c.lemma.lower() for c in p.kids[t.i] if c.dep in {"compound", "amod"}}
    return bool(mods & {"air", "missile", "rocket", "artillery", "tank", "mortar", "drone"})


# People named only as a body of people: "some circles in northern Syria", "groups in Iraq".
COLLECTIVES = {
    "circle", "group", "faction", "element", "crowd", "youth", "man", "people", "mob", "gang",
    "cell", "party", "side", "camp", "force", "quarter",
}  # fmt: skip
LOCATED_PREPS = {"in", "from", "inside", "across", "throughout"}


def located_group(p: Parse, t: Token) -> list[Mention]:
    """A body of people placed in a country ("circles in northern Syria", "lawmakers in
    Fornost and Gondor") stands for that country's people (its sector when the noun names one),
    one actor per country named."""
    lemma = t.lemma.lower()
    agent = p.kb.agents.get((token_key(t.lemma),))
    if t.pos != "NOUN" or (lemma not in COLLECTIVES and not agent):
        return []
    sector = agent if agent and not agent.endswith("~") else ""
    out: list[Mention] = []
    for c in p.kids[t.i]:
        if c.dep != "prep" or c.lemma.lower() not in LOCATED_PREPS:
            continue
        for o in p.kids[c.i]:
            if o.dep != "pobj":
                continue
            for place in [o, *conjuncts(p, o)]:
                iso = None
                for m in p.by_tok.get(place.i, []):
                    if m.kind == "country" and m.country:
                        iso = m.actor_id if len(m.actor_id) == 3 else m.country
                        break
                iso = iso or nationality(p, place)
                if iso and all(m.actor_id != iso + sector for m in out):
                    out.append(country_actor(p, t, iso, sector, "located"))
    return out


# Nouns naming who did an act of violence: unnamed, they are irregulars (CAMEO ---REB).
PERPETRATORS = {
    "kidnapper", "abductor", "captor", "hijacker", "attacker", "assailant", "killer",
    "murderer", "gunman", "bomber", "hostage-taker", "raider", "insurgent", "militant",
}  # fmt: skip


def implied_actor(p: Parse, t: Token) -> Mention | None:
    """An agent noun with no country named ("rebels", "the police", "warplanes"): an actor of
    unknown country (``---`` + sector) that the event's place may settle later."""
    if t.pos not in {"NOUN", "PROPN"}:
        return None
    agent = p.kb.agents.get((token_key(t.lemma),)) or p.kb.agents.get((token_key(t.text),))
    if not agent and t.lemma.lower() in PERPETRATORS:
        agent = "REB"
    if not agent or agent.endswith("~"):
        return None
    code = "---" + agent
    label = AGENT_LABEL.get(agent, agent.lower())
    return _synthetic(p, t, code, f"{label} (country unknown)", "group", None, "implied")


def thing_target(p: Parse, t: Token) -> Mention | None:
    """A target named as a thing of a country: "an Iranian oil platform", "Pakistani villages"
    (civilians), "a Libyan column" (military)."""
    iso = _modifier_country(p, t) or _placed_in(p, t)
    if iso is None:
        return None
    lemma = t.lemma.lower()
    sector = "CVL" if lemma in CIVIL_PLACES else "MIL" if lemma in MILITARY_PLACES else ""
    return country_actor(p, t, iso, sector, "thing")


def settle_implied(
    p: Parse, ms: list[Mention], place_country: str | None, article_country: str | None
) -> list[Mention]:
    """Give an implied actor the country of the event's place (or the article's only
    country) when its sector acts where it lives; otherwise it stays ``---``."""
    out = []
    for m in ms:
        if m.rule != "implied" or not m.code:
            out.append(m)
            continue
        sector = m.code[3:]
        head = p.toks[m.head].lemma.lower()
        # Unnamed perpetrators are placed by where they acted, never by the article's only
        # country, which is often their victims' ("the kidnappers of a Swede").
        iso = place_country if head in PERPETRATORS else place_country or article_country
        aerial = head in AERIAL
        if iso and sector in DOMESTIC_SECTORS and not aerial:
            out.append(country_actor(p, p.toks[m.head], iso, sector, "implied-place"))
        else:
            out.append(m)
    return out


def span_of(p: Parse, m: Mention, sent_start_char: int, sent_end_tok: int) -> dict[str, Any]:
    """The words of the sentence that name a side: the whole noun phrase the actor heads or
    sits in ("Pakistan's acting U.N. representative Aneesuddin Ahmed"), without relative
    clauses and without the other members of a list."""
    i = m.head if 0 <= m.head < len(p.toks) else m.token_start
    cur = p.toks[i]
    for _ in range(6):
        if cur.dep in {"compound", "amod", "nmod", "poss", "nummod", "appos"} and cur.head != cur.i:
            cur = p.toks[cur.head]
        elif (
            cur.dep == "pobj"
            and p.toks[cur.head].lemma.lower() in {"of", "from"}
            and p.toks[p.toks[cur.head].head].pos in {"NOUN", "PROPN"}
        ):
            cur = p.toks[p.toks[cur.head].head]
        else:
            break
    lo, hi = cur.i, cur.i
    stack = [cur]
    while stack:
        h = stack.pop()
        for c in p.kids[h.i]:
            if c.dep in SPAN_CUT or (h.i == cur.i and c.dep in {"cc", "conj", "punct"}):
                continue
            if c.i >= sent_end_tok:
                continue
            lo, hi = min(lo, c.i), max(hi, c.i)
            stack.append(c)
    lo = min(lo, m.token_start)
    hi = max(hi, m.token_end - 1)
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


SPAN_CUT = {"relcl", "acl", "advcl", "parataxis", "ccomp", "xcomp"}


def group_antecedent(p: Parse, t: Token) -> Mention | None:
    """What "it" or "they" stands for: the nearest actor before it that is not a person, in
    its sentence or the one before, a subject first ("Iran denied that it had sent ...")."""
    sent = t.sent
    best: tuple[int, int, Mention] | None = None
    for i in range(t.i - 1, -1, -1):
        tok = p.toks[i]
        if tok.sent < sent - 1:
            break
        for m in p.by_tok.get(i, []):
            if m.head != i or m.kind == "person" or m.place_only or m.rule.startswith("coref"):
                continue
            rank = (0 if tok.dep in {"nsubj", "nsubjpass"} else 1, t.i - i)
            if best is None or rank < best[:2]:
                best = (*rank, m)
    return best[2] if best else None
