"""Sides the sentence implies or names only through a thing: a word's country ("Iranian"), a
thing of a country as a target ("an Iranian oil platform"), a body of people placed in a
country ("circles in northern Syria"), an agent noun with no country ("rebels": ``---REB``,
settled later by the event's place), and the words that name a side (its span)."""

from __future__ import annotations

from dataclasses import replace

from storyline.actors.kb import AGENT_LABEL, KnowledgeBase, ensure_composite
from storyline.actors.mentions import PERSON_TITLES
from storyline.actors.names import token_key
from storyline.actors.sectors import POSTED_ABROAD
from storyline.events.parse import (
    Parse,
    child,
    conjuncts,
    of_objects,
)
from storyline.model import Mention, Token

# Means of force: the nation that used them is the doer ("Russian air strikes killed ...").
MEANS = {
    "strike", "airstrike", "air strike", "raid", "shelling", "bombardment", "bombing", "attack",
    "assault", "offensive", "fire", "missile", "rocket", "mortar", "artillery", "tank", "drone",
    "jet", "warplane", "plane", "aircraft", "helicopter", "gunship", "warship", "bomb", "shell",
    "gunboat", "frigate", "destroyer", "submarine", "boat", "vessel",
    "gunfire", "barrage", "incursion", "operation", "campaign", "blockade", "troop",
}  # fmt: skip


MILITARY_MEANS = MEANS - {"attack", "assault", "bombing", "bomb", "operation", "campaign"}


# What a means of force says of the weapon (CAMEO 193 small arms, 194 artillery and tanks,
# 195 aerial weapons, 1952 remotely piloted ones): "warplanes attacked" is an air attack.
WEAPON_CODES = {
    **dict.fromkeys(
        ["plane", "warplane", "jet", "aircraft", "helicopter", "gunship", "bomber", "airstrike",
         "air strike", "airplane", "fighter-bomber"], "195"),
    **dict.fromkeys(["drone", "uav"], "1952"),
    **dict.fromkeys(
        ["artillery", "tank", "mortar", "shell", "shelling", "howitzer", "rocket", "cannon",
         "bombardment", "barrage"], "194"),
    **dict.fromkeys(["gunman", "sniper", "gunfire", "rifle", "bullet", "machine-gun"], "193"),
}  # fmt: skip


HEAVY_WEAPON_CODES = {"1831", "194", "195", "1952"}


def means_code(p: Parse, trig: Token, code: str) -> str:
    """The code a root-default act of force takes from the weapon that did it: its subject
    ("Afghan warplanes killed"), its passive agent ("shelled by tanks"), its instrument
    ("attacked with mortars") or the raid it was part of ("killed in bombing raids")."""
    if code not in {"190", "180", "170"}:
        return code  # 170: "targeted by a suicide bomber" is a bombing, "targeted" alone not
    heads: list[Token] = []
    for c in p.kids[trig.i]:
        if c.dep == "nsubj":
            heads.append(c)
        elif c.dep == "agent" or (c.dep == "prep" and c.lemma.lower() in {"with", "by"}):
            heads += [o for o in p.kids[c.i] if o.dep == "pobj"]
    for h in heads:
        lemma = h.lemma.lower()
        if lemma in {"bomber", "attacker"} and any(
            m.lemma.lower() == "suicide" for m in p.kids[h.i] if m.i < h.i
        ):
            return "1831"  # "a suicide bomber killed"
        got = WEAPON_CODES.get(lemma)
        if got is None:
            # "air strikes", "tank fire": the modifier names the weapon
            for m in p.kids[h.i]:
                if m.i < h.i and m.dep in {"compound", "amod"}:
                    got = WEAPON_CODES.get(m.lemma.lower()) or (
                        "195" if m.lemma.lower() in {"air", "aerial"} else None
                    )
                    if got:
                        break
        # Irregulars' violence (180) stays theirs when done with small arms; a suicide
        # bombing, artillery or an air strike is coded by its weapon whoever used it.
        if got is not None and (code in {"190", "170"} or got in HEAVY_WEAPON_CODES):
            return got
    return code


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
    "CRM",
}  # fmt: skip
# Of the education sector only pupils, students and their teachers are placed so: economists and
# other academics are quoted from anywhere.
SCHOOL_PEOPLE = {"student", "pupil", "teacher", "schoolteacher", "lecturer", "schoolchild"}


def place_word(t: Token) -> str:
    """The singular of a place noun: the tagger reads "bases" as the plural of "basis"."""
    lemma = t.lemma.lower()
    if lemma in CIVIL_PLACES or lemma in MILITARY_PLACES:
        return lemma
    text = t.text.lower()
    for stem in (text[:-1] if text.endswith("s") else "", text[:-2] if text.endswith("es") else ""):
        if stem in CIVIL_PLACES or stem in MILITARY_PLACES:
            return stem
    return lemma


AERIAL = {"jet", "warplane", "plane", "aircraft", "helicopter", "gunship", "drone", "warship"}


def country_mention(kb: KnowledgeBase, iso3: str, sentence: int) -> Mention:
    entry = kb.entries.get(iso3)
    name = entry.name if entry else iso3
    return Mention(0, 0, name, sentence, 0, 0, iso3, iso3, name, "country", iso3, "location")


def nationality(p: Parse, t: Token) -> str | None:
    """The country code a word names as a country name or adjective ("Iranian", "U.S.")."""
    key = ("nat", t.i)
    if key in p.memo:
        return p.memo[key]
    found = None
    words = [(t.text,)]
    if t.i > 0 and p.toks[t.i - 1].sent == t.sent:
        words.insert(0, (p.toks[t.i - 1].text, t.text))
    for texts in words:
        for hit in p.kb.aliases.get(tuple(token_key(w) for w in texts), ()):
            entry = p.kb.entries.get(hit.actor_id)
            if not hit.fits(*texts):
                continue  # "a car bomb" names no Central African Republic
            if entry is not None and entry.kind == "country" and hit.form != "capital":
                found = p.kb.code_for(entry.actor_id, p.a.published) or entry.actor_id
                break
        if found:
            break
    p.memo[key] = found
    return found


def synthetic(
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
    return synthetic(p, t, code, name, kind, entry.country if entry else iso, rule)


def against(p: Parse, c: Token) -> bool:
    """ "anti-Turkish attacks": the adjective names whom the act is against, not who did it."""
    before = [p.toks[i].text.lower() for i in range(max(0, c.i - 2), c.i)]
    return before[-1:] == ["anti"] or before == ["anti", "-"] or before[-1:] == ["anti-"]


def modifier_country(p: Parse, t: Token, places: bool = True) -> str | None:
    """The country the modifiers of a noun name: "Iranian oil platform", "Libya's base"
    (``places``: a city before it counts too, "the Baghdad airport"; not for who did an act,
    "the Amman hotel bombings" being where)."""
    for c in p.kids[t.i]:
        if c.dep not in {"amod", "compound", "nmod", "poss"} or c.i > t.i or against(p, c):
            continue
        iso = nationality(p, c)
        if iso is None:
            for m in p.by_tok.get(c.i, []):
                if not places and m.rule in {"capital-place", "place"}:
                    continue
                if m.kind == "country" or (m.code and len(m.code) == 3):
                    iso = m.code or m.actor_id
                    break
        if iso is None and c.dep == "compound":
            iso = modifier_country(p, c, places)
        if iso:
            return iso
    return None


def placed_in(p: Parse, t: Token) -> str | None:
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
            iso = modifier_country(p, o)
            if iso:
                return iso
    return None


def military_means(p: Parse, t: Token) -> bool:
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


# CAMEO's non-state bodies of no one country are a top level of their own ("aid workers" are
# NGO), as states and IGOs are, not a sector of an unknown state.
TRANSNATIONAL = {"NGO"}


# Agent nouns only in lower case: "a small rural bank" is a business, where "the Bank
# of Japan" (a central bank) or "the West Bank" (a place) are not.
LOWER_CASE_AGENTS = {"bank": "BUS"}


def implied_actor(p: Parse, t: Token) -> Mention | None:
    """An agent noun with no country named ("rebels", "the police", "warplanes"): an actor of
    unknown country (``---`` + sector) that the event's place may settle later."""
    if t.pos not in {"NOUN", "PROPN"}:
        return None
    if t.lemma.lower() in AMOUNTS:  # "thousands of workers" are workers
        for o in of_objects(p, t):
            if (counted := implied_actor(p, o)) is not None:
                return counted
    if t.lemma.lower() in TITLES:  # "leaders of the farmers' unions" act for the farmers
        led_by = of_objects(p, t)
        led_by += [o for n in led_by if n.pos == "NUM" for o in of_objects(p, n)]  # "three of"
        for w in [w for o in led_by for w in [o, *child(p, o, {"poss"})]]:
            led = implied_actor(p, w)
            if led is not None and (led.code or "")[3:6] not in TITLE_KEEPS:
                return led
    agent = None
    for c in p.kids[t.i]:
        if c.dep in {"compound", "amod"} and c.i == t.i - 1:  # "aid workers" are not "workers"
            # "rights groups": the tagger's lemma of a plural modifier ("right") is not its word
            agent = p.kb.agents.get((token_key(c.lemma), token_key(t.lemma))) or p.kb.agents.get(
                (token_key(c.text), token_key(t.lemma))
            )
    agent = agent or p.kb.agents.get((token_key(t.lemma),)) or p.kb.agents.get((token_key(t.text),))
    if not agent and t.text in LOWER_CASE_AGENTS:
        agent = LOWER_CASE_AGENTS[t.text]  # "nationalised a failing bank"
    if not agent and t.lemma.lower() in PERPETRATORS:
        agent = "REB"
    if (agent and not agent.endswith("~")) or t.lemma.lower() in TITLES:
        body = owning_body(p, t)
        if body is not None:
            return body
    if not agent or agent.endswith("~"):
        return None
    named = definite_antecedent(p, t, agent)
    if named is not None:
        return named
    label = AGENT_LABEL.get(agent, agent.lower())
    if agent in TRANSNATIONAL:
        return synthetic(p, t, agent, label, "group", None, "implied-transnational")
    code = "---" + agent
    return synthetic(p, t, code, f"{label} (country unknown)", "group", None, "implied")


# Heads that count the people of their "of" phrase ("hundreds of students", "scores of
# police"), who are the agents.
AMOUNTS = {"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "score", "scores",
           "million", "millions", "tens", "number", "handful", "group", "crowd", "band"}  # fmt: skip


# Sectors whose officers the title's own sector already names: the state's, and parties'
# (whose leaders may be the government).
TITLE_KEEPS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "PTY"}
# Person titles no agent list gives a sector, which a body's possessive makes its officer.
TITLES = {"chief", "head", "leader", "envoy", "representative", "boss", "negotiator"}


def owning_body(p: Parse, t: Token) -> Mention | None:
    """ "The EU's envoy", "NATO's chief", "BP's lawyers": officers or members of a named body
    act for that body (its country is no one's to guess: "the EU's envoy rejected
    Netanyahu's suggestion" was an Israeli official)."""
    for c in p.kids[t.i]:
        if c.dep != "poss":
            continue
        named = p.by_tok.get(c.i, [])
        for m in named or _its_body(p, c, t):
            if m.code and not m.place_only and m.kind in {"organization", "group"}:
                start = min(m.token_start, t.i) if named else c.i
                return named_here(p, m, t, start, "owner")
    return None


def _its_body(p: Parse, its: Token, t: Token) -> list[Mention]:
    """ "Acme said its delegates raised the dispute": "its" in a reported clause is
    the body that reports it -- the subject of a clause above the noun's own."""
    if its.text.lower() != "its":
        return []
    cur = t
    for _ in range(4):
        if cur.head == cur.i:
            return []
        cur = p.toks[cur.head]
        for subj in p.kids[cur.i]:
            if subj.dep == "nsubj" and subj.i != t.i:
                return [m for m in p.by_tok.get(subj.i, []) if m.head == subj.i]
    return []


def named_here(p: Parse, m: Mention, t: Token, start: int, rule: str) -> Mention:
    """A named actor as the words from ``start`` to the noun ``t`` name it again."""
    return replace(
        m,
        start=p.toks[start].idx,
        end=t.end,
        text=p.a.text[p.toks[start].idx : t.end],
        sentence=t.sent,
        token_start=start,
        token_end=t.i + 1,
        head=t.i,
        rule=rule,
    )


def definite_antecedent(p: Parse, t: Token, agent: str) -> Mention | None:
    """ "A spokesman for BP said the oil company had raised concerns": a definite agent noun
    with nothing else to place it ("the company", "the ministry") means the one actor of that
    sector named in this or the two sentences before -- and nobody when there are several."""
    if not any(c.dep == "det" and c.text.lower() == "the" for c in p.kids[t.i]):
        return None
    if any(
        c.dep == "poss"
        or c.pos == "PROPN"
        # "the ministry of X" names it; "accusing the broadcaster of inflaming" does not
        or (c.dep == "prep" and not all(o.tag == "VBG" for o in p.kids[c.i]))
        for c in p.kids[t.i]
    ):
        return None  # "the Bush administration", "the ministry of X": said elsewhere
    key = ("definite", t.i)
    if key in p.memo:
        return p.memo[key]
    bare = not any(c.dep in _OWNER_DEPS for c in p.kids[t.i])  # "the opposition parties" is not
    same = _same_noun_before(p, t) if bare else None  # a repetition of "the parties"
    if same is not None:
        start = min([t.i] + [c.i for c in p.kids[t.i] if c.dep in {"det", "compound", "amod"}])
        p.memo[key] = named_here(p, same, t, start, "coref-definite")
        return p.memo[key]
    found: dict[str, Mention] = {}
    for m in p.a.mentions:
        if m.token_end > t.i or m.sentence < t.sent - 2:
            continue
        if m.place_only:
            continue
        if not m.code and m.kind == "organization":
            found[m.actor_id] = m  # an unknown body might be the one meant: say nothing
        elif m.kind == "person" and t.lemma.lower() not in PERSON_TITLES | TITLES:
            continue  # "the envoy X ... the government": a body is not one of its members
        elif m.code and m.code[3:6] == agent and not m.code.startswith("---"):
            found[m.actor_id] = m
    got = None
    only = list(found.values())
    if len(only) == 1 and only[0].code:
        # The side is the named actor; the words that name it here are the description's.
        m = only[0]
        start = min([t.i] + [c.i for c in p.kids[t.i] if c.dep in {"det", "compound", "amod"}])
        got = named_here(p, m, t, start, "coref-definite")
    p.memo[key] = got
    return got


_OWNER_DEPS = {"compound", "amod", "nmod", "poss"}


def _same_noun_before(p: Parse, t: Token) -> Mention | None:
    """ "X flew in with a European Union delegation. The delegation promised ...": a definite
    noun repeats the nearest earlier one of its word (this or the two sentences before), and
    means whom that one's modifiers named -- when they named exactly one actor."""
    lemma = t.lemma.lower()
    first = p.a.sentences[max(0, t.sent - 2)].token_start
    for i in range(t.i - 1, first - 1, -1):
        tok = p.toks[i]
        if tok.lemma.lower() != lemma or tok.pos != "NOUN":
            continue
        owners = [c for c in p.kids[i] if c.dep in _OWNER_DEPS] + [
            o for c in child(p, tok, {"prep"}) if c.lemma.lower() == "from"
            for o in child(p, c, {"pobj"})
        ]  # fmt: skip
        named = {
            m.actor_id: m
            for o in owners
            for m in p.by_tok.get(o.i, [])
            if m.code and not m.place_only and m.head == o.i
        }
        return next(iter(named.values())) if len(named) == 1 else None
    return None


def _owner_sector(p: Parse, t: Token) -> str | None:
    """The sector an agent word before a thing names as its owner ("rebel positions")."""
    for k in p.kids[t.i]:
        if k.dep in {"compound", "amod"} and k.i < t.i:
            agent = p.kb.agents.get((token_key(k.lemma),))
            if agent and len(agent) == 3 and agent.isalpha():
                return agent
    return None


# Participles that say whose a thing is: "trucks sent by the ministry", "a ferry run by X".
SENT = {"send", "dispatch", "deploy", "own", "operate", "run", "charter", "hire"}


def thing_target(p: Parse, t: Token) -> Mention | None:
    """A target named as a thing of a country: "an Iranian oil platform", "Pakistani villages"
    (civilians), "a Libyan column" (military)."""
    iso = modifier_country(p, t) or placed_in(p, t)
    if iso is None:
        return None
    lemma = place_word(t)
    sector = "CVL" if lemma in CIVIL_PLACES else "MIL" if lemma in MILITARY_PLACES else ""
    return country_actor(p, t, iso, _owner_sector(p, t) or sector, "thing")


def owned_by_country(p: Parse, t: Token) -> list[Mention]:
    """The country whose thing an object is, as its nationality or possessive names it
    ("violated Estonian airspace", "rejected Peru's proposal"), not where it is."""
    iso = modifier_country(p, t, places=False)
    return [country_actor(p, t, iso, "", "thing")] if iso else []


FOREIGN = {"foreign", "overseas", "outside", "external"}


def _compounds(p: Parse, i: int) -> list[Token]:
    """The modifiers of the compounds before a head ("foreign military forces")."""
    return [k for c in p.kids[i] if c.dep in {"compound", "amod"} for k in p.kids[c.i]]


NATION = {"country", "nation"}


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
        # aircraft, and envoys ("diplomats said"), serve abroad as often as at home: the place
        # says nothing of whose they are
        roaming = head in AERIAL or head in POSTED_ABROAD
        # "all foreign military forces": foreign to the place, never of its country
        mods = [*p.kids[m.head], *_compounds(p, m.head)]
        foreign = any(c.dep == "amod" and c.lemma.lower() in FOREIGN for c in mods) or any(
            c.dep == "prep" and c.lemma.lower() == "from" for c in p.kids[m.head]
        )  # "envoys from several Asian states" say whence they come: no one place's
        # "the nation's biggest lender": of the country the story is about, whatever its sector
        national = any(c.dep == "poss" and c.lemma.lower() in NATION for c in p.kids[m.head])
        domestic = sector in DOMESTIC_SECTORS or (sector == "EDU" and head in SCHOOL_PEOPLE)
        if iso and (domestic or national) and not roaming and not foreign:
            out.append(country_actor(p, p.toks[m.head], iso, sector, "implied-place"))
        else:
            out.append(m)
    return out


# A state body and the country's own people acting on each other are of one country: rebels
# fight their own government, strikers clash with their own police, an opposition accuses its
# own government, teachers strike against theirs.  Soldiers and civilians are left
# out: armies fight abroad, and a foreigner is often who the police of a country hold.
STATE_BODIES = {"GOV", "COP", "JUD", "LEG"}
OWN_PEOPLE = {"REB", "OPP", "LAB", "AGR", "EDU"}
# Whom only the police and the courts (who act at home) place: a crowd of no named country.
POLICED = OWN_PEOPLE | {"CVL"}
WHOLE_STATE = {"government", "regime", "state", "authority"}


def by_counterpart(p: Parse, ms: list[Mention], others: list[Mention]) -> list[Mention]:
    """Give an implied actor of no country the country of the other side when one is a state
    body and the other that state's own people ("rebels fighting the Sandinista government";
    "Afghan rebels will hold talks with the government": Afghanistan's)."""
    out = []
    for m in ms:
        sector = (m.code or "")[3:6]
        if m.rule != "implied" or not (m.code or "").startswith("---"):
            out.append(m)
            continue
        if sector in STATE_BODIES:
            kin = {o.country for o in others if (o.code or "")[3:6] in OWN_PEOPLE and o.country}
        elif sector in POLICED:
            wanted = STATE_BODIES if sector in OWN_PEOPLE else {"COP", "JUD"}
            kin = {o.country for o in others if (o.code or "")[3:6] in wanted and o.country}
        else:
            kin = set()
        if len(kin) == 1:
            iso = next(iter(kin))
            out.append(country_actor(p, p.toks[m.head], iso, sector, "implied-counterpart"))
        else:
            out.append(m)
    return out
