"""Where an act is aimed when its words name a place, not an actor: force on a place is force
on its country ("Israel shelled Gaza"), on whoever holds it ("bombed rebel-held areas"), on
the sector whose place it is ("attacked an army checkpoint"); a withdrawal concerns the place
left ("withdrew peacekeepers from the Golan Heights"); a cut of aid falls on the place it went to
("suspended aid to Gaza"), a measure laid on a place on that place ("imposed a curfew in
Basra").  And who is paired with whom: parties who make or break an agreement together do it
with each other ("A and B failed to reach a deal"); a place of the doer's own country is no
target ("Ghana withdrew its troops from Tamale"); revenge is aimed at whoever did the act of
force it answers ("vowed revenge for the Israeli air strikes")."""

from __future__ import annotations

from dataclasses import replace
from itertools import combinations

from storyline.events.anchor import PLACE_NOUNS
from storyline.events.coding import VIOLENT_ROOTS
from storyline.events.implied import (
    MILITARY_PLACES,
    country_actor,
    implied_actor,
    modifier_country,
    place_word,
)
from storyline.events.nominal import noun_roles
from storyline.events.parse import Parse, child, conjuncts, subtree, to_clause
from storyline.events.roles import actors_at, doers_of_means, modifier_actors, prep_objects
from storyline.events.triggers import Trigger
from storyline.model import Mention, Token


def country_of_place(s: Parse, m: Mention, rule: str) -> Mention:
    """A place's mention read as its country (the words stay the place's, as evidence)."""
    c = country_actor(s, s.toks[m.token_start], m.country or "", "", rule)
    return replace(m, actor_id=c.actor_id, code=c.code, name=c.name, kind=c.kind,
                   country=c.country, place_only=False, rule=rule)  # fmt: skip


def struck_place(s: Parse, v: Token) -> list[Mention]:
    """ "Israel shelled Gaza", "threatened to shell Haifa": force aimed at a named place is
    aimed at the country it is in (a place of no country stays no target)."""
    verbs = [v] + [c for c in s.kids[v.i] if c.dep == "xcomp"]
    for verb in verbs:
        for o in child(s, verb, {"dobj"}):
            # "bombed areas of Idlib", "shelled the outskirts of Aleppo": the place named
            for x in _named(s, o):
                m = _place_country(s, x, "struck-place", countries=False)
                if m is not None:
                    return [m]
    return []


def _named(s: Parse, o: Token) -> list[Token]:
    """A phrase and, when it is a place noun, the place it is of ("the city of Basra")."""
    if o.lemma.lower() not in PLACE_NOUNS:
        return [o]
    return [o, *(x for c in child(s, o, {"prep"}, "of") for x in child(s, c, {"pobj"}))]


def _place_country(s: Parse, o: Token, rule: str, countries: bool = True) -> Mention | None:
    """The country of the place a word names, read as an actor (``countries``: a country or
    a place of any kind counts, as a measure or aid names it; force and withdrawals take
    places and countries used as places only)."""
    for m in s.by_tok.get(o.i, []):
        if not m.country or m.head != o.i:
            continue
        named_as_place = m.place_only and m.kind in PLACE_KINDS
        if named_as_place or (countries and (m.place_only or m.kind == "country")):
            return country_of_place(s, m, rule)
    return None


PLACE_KINDS = {"place", "country"}
# Codes of withdrawing: from where is whom it concerns ("withdrew troops from the Golan").
WITHDRAWING = ("087", "166", "0356")
# Measures laid on a place and shows of force in one: "imposed a curfew in Basra", "declared a
# state of emergency in Colombia", "a ceasefire in South Sudan", "troops on alert in Kashmir".
PLACED_MEASURES = ("172", "1323", "1324", "150", "0871", "0861")


def withdrawn_from(s: Parse, heads: list[Token]) -> list[Mention]:
    """ "withdrew peacekeepers from the Golan Heights", "its withdrawal of troops from Iraq",
    "pulled out of Kherson": the actor or the place's country after "from" ("out of")."""
    heads = heads + [o for h in heads for o in child(s, h, {"dobj", "obj"})]
    heads += [x for h in heads for c in child(s, h, {"prep"}, "of") for x in child(s, c, {"pobj"})]
    for h in heads:
        for c in child(s, h, {"prep"}):
            word = c.lemma.lower()
            if word != "from" and not (
                word == "of"
                and any(
                    k.dep in {"prt", "advmod"} and k.lemma.lower() == "out" for k in s.kids[h.i]
                )
            ):
                continue
            for o in child(s, c, {"pobj"}):
                found = [m for m in actors_at(s, o) if m.code]
                if found:
                    return found
                m = _place_country(s, o, "place", countries=False)
                if m is not None:
                    return [m]
    return []


# "rebel-held", "ISIS-controlled", "opposition-occupied": who holds a place.
HOLDING = {"hold", "control", "occupy", "run", "besiege", "dominate"}


def held_by(s: Parse, o: Token) -> list[Mention]:
    """ "the rebel-held enclave", "ISIS-held Mosul": force on a place some armed side holds is
    force on that side (a named group, or an agent noun whose country the event's place may
    give later)."""
    for c in s.kids[o.i]:
        if c.dep not in {"amod", "compound"} or c.lemma.lower() not in HOLDING:
            continue
        for k in s.kids[c.i]:
            if k.dep not in {"npadvmod", "compound", "nmod", "amod"} or k.i > c.i:
                continue
            found = [m for m in s.by_tok.get(k.i, []) if m.code and not m.place_only][:1]
            implied = None if found else implied_actor(s, k)
            found += [implied] if implied is not None else []
            # the words that name the side are the place's: "the rebel-held enclave of X"
            return [replace(m, head=o.i, token_start=min(m.token_start, o.i)) for m in found]
    return []


def held_targets(s: Parse, heads: list[Token]) -> list[Mention]:
    """The holders of the places an act of force is aimed at: its objects and what follows
    "on", "against", "at" or "in" ("air strikes against the rebel-held enclave")."""
    places = list(heads)
    places += [
        o
        for h in heads
        for c in child(s, h, {"prep"})
        if c.lemma.lower() in {"on", "against", "at", "in", "into"}
        for o in child(s, c, {"pobj"})
    ]
    for o in places:
        found = held_by(s, o)
        if found:
            return found
    return []


def sector_place(s: Parse, v: Token) -> list[Mention]:
    """ "blew themselves up in a police academy", "opened fire at an army checkpoint": force
    used in a place of a sector is used on that sector (its country from the event's place)."""
    places = [o for o in s.kids[v.i] if o.dep in {"dobj", "obj"}]  # "attacked the army base"
    places += [
        o
        for c in s.kids[v.i]
        if c.dep == "prep" and c.lemma.lower() in {"in", "at", "on", "inside", "outside"}
        for o in child(s, c, {"pobj"})
    ]
    for o in places:
        owners, stack = [], [o]
        while stack:  # "a police academy classroom": the owner may sit two compounds deep
            h = stack.pop()
            kids = [k for k in s.kids[h.i] if k.dep in {"compound", "amod"} and k.i < h.i]
            owners += kids
            stack += kids
        word = place_word(o)
        armed = {"COP", "MIL"} | ({"REB"} if word in MILITARY_PLACES else set())
        for k in owners:
            m = implied_actor(s, k)
            if m is not None and (m.code or "")[3:] in armed:  # "rebel positions" too
                return [m]
        if word in MILITARY_PLACES:
            m = implied_actor(s, o) or country_actor(s, o, "---", "MIL", "implied")
            return [replace(m, code="---MIL", rule="implied")]
    return []


def place_after(s: Parse, heads: list[Token], preps: set[str]) -> list[Mention]:
    """The country of a place named after one of ``preps`` on the verb or on its object: the
    parser hangs "to Gaza" on either; "in parts of the city of Ahmedabad" names it deeper."""
    heads = heads + [o for h in heads for o in child(s, h, {"dobj", "obj"})]
    for h in heads:
        for c in child(s, h, {"prep", "dative"}):  # the parser's dative for "to" after a name
            if c.lemma.lower() not in preps:
                continue
            for o in child(s, c, {"pobj"}):
                named = _named(s, o)
                named += [
                    x
                    for n in list(named)
                    for k in child(s, n, {"prep"}, "of")
                    for x in child(s, k, {"pobj"})
                ]
                for x in named:
                    m = _place_country(s, x, "place")
                    if m is not None:
                        return [m]
    return []


# Where force is used, as a phrase on the act says it: "the offensive among the peaks of the
# border area of northeast Iraq", "an attack east of the city of Basra", "the shelling of Gaza".
STRUCK_PREPS = {"in", "on", "near", "against", "at", "of", "into", "among", "around", "outside"}


def foreign_place(s: Parse, heads: list[Token], sources: list[Mention]) -> list[Mention]:
    """Force used in a place of another country than its doers' is used on that country (the
    doers' own country is no target: an army acts at home against someone the text names)."""
    own = {m.country for m in sources if m.country}
    if not own:
        return []
    return [m for m in place_after(s, heads, STRUCK_PREPS) if m.country not in own]


def aided_place(s: Parse, v: Token, obj: Token | None, sources: list[Mention]) -> list[Mention]:
    """Aid whose recipient is named only as a place, in what is given or what it is for: "gave
    352 million euros to promote investment in Ethiopia", "provided funds to pay for aid for
    those affected in Yemen" -- given to that country (never the givers' own)."""
    if not any(m.code for m in sources):
        return []  # an unknown giver may be giving at home
    own = {m.country for m in sources if m.country}
    roots = [o for o in [obj, *child(s, v, {"dobj", "obj"})] if o is not None]
    roots += [c for c in s.kids[v.i] if c.dep == "prep" and c.lemma.lower() in {"for", "in"}]
    roots += [
        c
        for h in [v, *roots]
        for c in s.kids[h.i]
        if c.dep in {"advcl", "xcomp", "acl"} and to_clause(s, c)
    ]
    stack = [(r, 0) for r in roots]
    seen: set[int] = set()
    while stack:
        t, depth = stack.pop(0)
        if t.i in seen or depth > 6:
            continue
        seen.add(t.i)
        m = _place_country(s, t, "place")
        if m is not None and m.country not in own:
            return [m]
        stack += [(c, depth + 1) for c in s.kids[t.i] if c.dep not in {"relcl", "ccomp"}]
    return []


# What two parties make, keep or break together: "A and B failed to reach agreement", "violated
# the truce", "held joint exercises" is something each did with the other.
MUTUAL_OBJECTS = {"agreement", "deal", "accord", "treaty", "pact", "truce", "ceasefire",
                  "compromise", "settlement", "understanding", "consensus", "armistice"}  # fmt: skip
MUTUAL_MODIFIERS = {"joint", "mutual", "bilateral", "common"}
# ... made, kept or broken, not judged: "A and B rejected the deal" is not done to each other.
MUTUAL_VERBS = {"reach", "sign", "conclude", "strike", "seal", "ink", "forge", "hammer", "agree",
                "negotiate", "violate", "breach", "break", "observe", "respect", "implement",
                "hold", "conduct", "stage", "renew", "extend", "finalize", "finalise"}  # fmt: skip


def mutual(s: Parse, v: Token) -> bool:
    """ "Chile and Peru failed to reach a deal": an act whose object is an
    agreement, or is done jointly, is reciprocal between the coordinated parties."""
    # the verb and the open clauses its act is carried in ("failed to (try to) reach")
    verbs = [v]
    while len(verbs) < 4:
        more = [c for c in s.kids[verbs[-1].i] if c.dep == "xcomp"]
        if not more:
            break
        verbs.append(more[0])
    for verb in verbs:
        if verb.lemma.lower() not in MUTUAL_VERBS:
            continue
        for o in child(s, verb, {"dobj", "nsubjpass"}):
            if o.lemma.lower() in MUTUAL_OBJECTS or any(
                m.lemma.lower() in MUTUAL_MODIFIERS for m in child(s, o, {"amod"})
            ):
                return True
    return False


# Occasions one speaks at to an audience: "spoke at a hearing", "spoke at a rally".
OCCASIONS = {"hearing", "conference", "rally", "ceremony", "forum", "session", "event",
             "gathering", "briefing", "lecture", "funeral", "seminar", "symposium",
             "convention", "congress", "parliament", "university", "college", "school"}  # fmt: skip


def addressing(s: Parse, v: Token) -> bool:
    """ "A and B spoke at a hearing": speaking at an occasion, to no one named, addresses an
    audience -- no consultation of the speakers with each other."""
    if v.lemma.lower() != "speak" or child(s, v, {"prep"}, "to"):
        return False
    if child(s, v, {"prep"}, "with") or child(s, v, {"prep"}, "by"):
        return False
    return any(
        o.lemma.lower() in OCCASIONS
        for c in child(s, v, {"prep"})
        if c.lemma.lower() in {"at", "before", "during"}
        for o in child(s, c, {"pobj"})
    )


# ---- who is paired with whom -------------------------------------------------------------
def pairs(
    s: Parse, sources: list[Mention], targets: list[Mention], reciprocal: bool
) -> list[tuple[Mention, Mention | None]]:
    # "African Union Commission Chairman Faki met Kenyatta": one party, the person
    sources = [m for m in sources if not any(_modifies(s, m, o) for o in sources)]
    targets = [m for m in targets if not any(_modifies(s, m, o) for o in targets)]
    if targets:
        # "Ghana withdrew its troops from Tamale": a target that is the doer itself leaves the
        # act with no target, not unreported; so does one whose country was only lent it
        # from the doer ("doubts about the new government")
        found = [
            (a, b)
            for a in sources
            for b in targets
            if a.actor_id != b.actor_id and not _one_phrase(s, a, b)
        ]
        if not found and all(own_place(b) or b.rule == "implied" for b in targets):
            return [(a, None) for a in sources]
        return found
    if reciprocal and len(sources) >= 2:
        uniq: list[Mention] = []
        for m in sources:
            if all(u.actor_id != m.actor_id and not _titled(s, u, m) for u in uniq):
                uniq.append(m)
        return list(combinations(uniq, 2))
    return [(a, None) for a in sources]


def own_place(m: Mention) -> bool:
    """Whether a target is only the place the act was done in (which may be the doer's own)."""
    return m.place_only or m.rule in {"place", "struck-place", "destination"}


def _titled(s: Parse, a: Mention, b: Mention) -> bool:
    """ "U.S. Secretary of State George Shultz": an office named right before the person who
    holds it is that person, not a second party to meet."""
    touching = a.token_end == b.token_start or b.token_end == a.token_start
    same = touching and a.sentence == b.sentence and bool(a.code) and a.code == b.code
    return same or _one_phrase(s, a, b)


def _one_phrase(s: Parse, a: Mention, b: Mention) -> bool:
    """ "African Union Commission Chairman Moussa Faki", "Kenya's Ruto": a body named
    inside a person's title is that person's, never a second party to what the person does."""
    if a.sentence != b.sentence:
        return False
    if a.token_start < b.token_end and b.token_start < a.token_end:
        return (a.kind == "person") != (b.kind == "person")  # not "Ethiopian and Eritrean envoys"
    return _modifies(s, a, b) or _modifies(s, b, a)


def _modifies(s: Parse, body: Mention, person: Mention) -> bool:
    if person.kind != "person" or body.kind == "person":
        return False
    t = s.toks[body.head]
    for _ in range(4):
        if t.dep not in {"compound", "nmod", "poss", "amod"} or t.head == t.i:
            return False
        t = s.toks[t.head]
        if t.i == person.head:
            return True
    return False


# Kinds of mention that name a state, which "along with" may add to an object of its kind.
STATES = {"country", "government"}


def co_objects(s: Parse, v: Token, code: str) -> list[Mention]:
    """ "criticised Uganda, along with Rwanda and Burundi, for ...": states joined by "along
    with" right after a state the verb is done to are done to as well.  Only states after a
    state, and never for force ("shelled the camp along with Ugandan troops" names allies)."""
    alongs = child(s, v, {"prep"}, "along")
    if not alongs or code[:2] in VIOLENT_ROOTS:
        return []  # most verbs have no "along with": nothing to read
    out: list[Mention] = []
    for o in child(s, v, {"dobj"}):
        kinds = {m.kind for m in actors_at(s, o)} & STATES
        if not kinds:
            continue
        end = max(t.i for t in subtree(s, o))
        for a in alongs:
            if a.i - end not in {1, 2} or any(s.toks[i].text != "," for i in range(end + 1, a.i)):
                continue  # not right after the object: it may join the doer
            joined = [w for c in child(s, a, {"prep"}, "with") for w in child(s, c, {"pobj"})]
            for w in joined + [k for j in joined for k in conjuncts(s, j)]:
                out += [m for m in actors_at(s, w) if m.kind in kinds and m not in out]
    return out


def allies_of(s: Parse, v: Token) -> list[Mention]:
    """Who acts with the doer: "fighting alongside Syrian troops", "Britain, along with
    France, condemned ..." ("along with" after the object is left alone here: see
    ``co_objects``)."""
    allies = prep_objects(s, v, "alongside")
    for a in child(s, v, {"prep"}, "along"):
        if a.i < v.i:
            allies += [m for m in prep_objects(s, a, "with") if m not in allies]
    return allies


def consulted(s: Parse, v: Token, obj: Token | None, targets: list[Mention]) -> list[Mention]:
    """Parties who consult together meet each other: not a thing ("A and B met in a Moscow
    mansion"), nor whoever their topic names ("A and B would discuss sanctions against C");
    the event's own noun is no topic ("A and B held talks with C"), and whom the object
    itself names is met ("A and B met C", "visited Warsaw")."""
    objects = [o for o in child(s, v, {"dobj", "obj"}) if o is not obj]
    named = {o.i for o in objects}
    topic = {t.i for o in objects for t in subtree(s, o)}
    return [
        m
        for m in targets
        if m.rule != "thing"
        and (m.head not in topic or (m.head in named and bool(s.by_tok.get(m.head))))
    ]


HOSTING_PREPS = {"with", "to"}


def host_of_visitor(s: Parse, v: Token, sources: list[Mention]) -> list[Mention]:
    """ "Meanwhile, visiting British minister X told Japan to ...": a visitor named by a
    participle visits the country of whom the clause he is the subject of deals with (its
    object or a "with"/"to" phrase; one country, not his own)."""
    if v.head == v.i or child(s, v, {"dobj"}):
        return []
    if v.dep == "advcl":  # the parser often hangs the participle on the clause's verb
        verb = s.toks[v.head]
    elif v.dep in {"amod", "acl"}:
        person = s.toks[v.head]
        if person.dep not in {"nsubj", "nsubjpass"} or person.head == person.i:
            return []
        verb = s.toks[person.head]
    else:
        return []
    others = [m for o in child(s, verb, {"dobj"}) for m in actors_at(s, o)]
    others += [m for prep in HOSTING_PREPS for m in prep_objects(s, verb, prep)]
    homes = {m.country for m in sources}
    hosts = {m.country for m in others if m.country and m.country not in homes}
    if len(hosts) != 1 or not homes:
        return []
    return [country_actor(s, verb, next(iter(hosts)), "", "host")]


# Revenge is aimed at whoever did the act of force it answers.
AVENGING = {"retaliation", "revenge", "reprisal", "reprisals", "vengeance", "retaliate", "avenge"}


def avenging(s: Parse, trig: Trigger) -> bool:
    """Whether the trigger is (or promises) revenge with no target named: it is aimed at
    whoever did the act of force told just before."""
    words = [trig.token, *(i.token for i in trig.inner)]
    words += [o for w in list(words) for o in s.kids[w.i] if o.dep in {"dobj", "obj", "xcomp"}]
    return any(w.lemma.lower() in AVENGING for w in words)


def avenged(s: Parse, trig: Trigger, by_tok: dict[int, Trigger]) -> list[Mention]:
    """ "vowed revenge for the Israeli air strikes": the doers of the act revenge is for."""
    words = [trig.token, *(i.token for i in trig.inner)]
    words += [o for w in list(words) for o in s.kids[w.i] if o.dep in {"dobj", "obj"}]
    for w in words:
        for c in child(s, w, {"prep"}, "for"):
            for o in child(s, c, {"pobj"}):
                act = by_tok.get(o.i)
                # force, or force a governing vow made a threat (138x)
                if act is not None and (
                    act.code[:2] in VIOLENT_ROOTS or act.code.startswith("138")
                ):
                    own = replace(act, code="190")
                    return noun_roles(s, own)[0] or doers_of_means(s, o)
    return []


def conductors(s: Parse, v: Token) -> list[Mention]:
    """Who conducts the act a verb cooperates "with": "cooperating with the British
    investigation" is with the British government, "with government inquiries" with the
    government; an inquiry of no one named leaves the side empty."""
    acts = [o for c in child(s, v, {"prep"}, "with") for o in child(s, c, {"pobj"})]
    return [
        m
        for o in acts
        if o.lemma.lower() in s.ps.nouns
        for m in doers_of_means(s, o)
        or modifier_actors(s, o, 0)
        or [country_actor(s, o, iso, "GOV", "inquiry") for iso in [modifier_country(s, o)] if iso]
    ]


# A demand's code -> the aim a protest for it has (CAMEO 14x1 leadership change, 14x2 policy
# change, 14x3 rights, 14x4 change in institutions); any other demand asks for a policy.
PROTEST_AIMS = {"1041": "1", "1042": "2", "1043": "3", "1044": "4"}


def protest_demands(s: Parse, trigs: list[Trigger]) -> None:
    """ "marched in Nairobi to demand that the government withdraw its troops": a protest is
    coded by what it demands, and of whom (141 -> 1412, the government its target); the demand
    it was held for is no second event."""
    by_tok = {t.token.i: t for t in trigs}
    held_in = {id(i) for o in trigs for i in o.inner}
    for trig in trigs:
        t = trig.token
        if (
            id(trig) in held_in  # a purpose clause is passed over as no event (purposes):
            or trig.code[:2] != "10"  # that a protest was held for it is what it tells
            or t.dep not in {"advcl", "xcomp"}
            or not to_clause(s, t)
            or child(s, t, {"nsubj", "nsubjpass"})
        ):
            continue
        # the protest is the verb the clause hangs on, or the noun that verb holds ("went on
        # strike to demand", "staged a sit-in to demand")
        head = s.toks[t.head]
        held = child(s, head, {"dobj"}) + [
            o for c in child(s, head, {"prep"}, "on") for o in child(s, c, {"pobj"})
        ]
        protests = [
            held_by
            for x in [head, *held]
            if (held_by := by_tok.get(x.i)) is not None
            and not held_by.consumed
            and held_by.code in {"140", "141", "142", "143", "144", "145"}
        ]
        if not protests:
            continue
        protest = protests[0]
        base = "141" if protest.code == "140" else protest.code
        protest.code = base + PROTEST_AIMS.get(trig.code[:4], "2")
        protest.inner.append(trig)
        trig.consumed = True
