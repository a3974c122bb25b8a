"""Who did it to whom, for one trigger: subjects, objects and prepositional targets of a verb,
passives and their agents, the parties of a noun event, verdicts on an act, evaluations said of
someone, complaints about a reported act."""

from __future__ import annotations

from dataclasses import replace

from storyline.events.aims import (
    PLACED_MEASURES,
    WITHDRAWING,
    aided_place,
    allies_of,
    co_objects,
    conductors,
    consulted,
    country_of_place,
    foreign_place,
    held_targets,
    place_after,
    sector_place,
    struck_place,
    withdrawn_from,
)
from storyline.events.answers import answerer, at_bidding
from storyline.events.coding import FORCE_ROOTS, VERDICT_ROOTS, VIOLENT_ROOTS
from storyline.events.helping import help_purpose
from storyline.events.implied import (
    MEANS,
    country_actor,
    thing_target,
)
from storyline.events.judgements import (
    asked_of,
    clause_doers,
    commented_on,
    evaluation,
    held_responsible,
    inside,
    names_something,
    stance,
    yielded_to,
)
from storyline.events.modality import Governance
from storyline.events.nominal import noun_roles, onlooker
from storyline.events.parse import (
    CONTACT_VERBS,
    Parse,
    adjunct_clause,
    child,
    conjuncts,
    effort_of,
    under_prep,
    unique,
)
from storyline.events.roles import (
    actors_at,
    actors_or_thing,
    agent_of_passive,
    doers_in_phrases,
    doers_of_means,
    modifier_actors,
    object_people,
    owners,
    prep_objects,
    roles_at,
    senders,
    subjects,
    targets_of,
)
from storyline.events.triggers import ASKING_ROOTS, Trigger
from storyline.events.undergoers import is_someone
from storyline.model import (
    Mention,
    Token,
)


def sides_of(
    s: Parse, trig: Trigger, g: Governance, by_tok: dict[int, Trigger]
) -> tuple[list[Mention], list[Mention]] | None:
    """Source and target mentions of a trigger; None when it is not an event here."""
    if trig.pattern.roles == "clause" and trig.obj is not None:
        # "X said Y must hand over Z": X demands of Y.
        speakers = subjects(s, g.reporting)[0] if g.reporting is not None else []
        return speakers, subjects(s, trig.obj)[0]
    if trig.pattern.kind == "verb":
        v = trig.token
        if names_something(s, v, by_tok):
            return None  # "called Y an obstacle" is no phone call: the evaluation codes it
        sources, passive, _ = subjects(s, v)
        # "halted flights at Haiti's request": who asked for an act is not what it is done
        # to -- dropped now, so that what it is done to may still be found
        targets = [m for m in targets_of(s, v, trig.pattern, trig.obj) if not at_bidding(s, m)]
        targets = targets or asked_in(s, v, trig)
        if passive:
            # "soldiers were attacked by guerrillas", "were killed in an attack by Daesh"
            patients = sources
            sources = agent_of_passive(s, v) or doers_in_phrases(s, v)
            if trig.code[:2] not in FORCE_ROOTS:
                # "a brigade, backed by tanks": a weapon does no one's backing
                sources = [m for m in sources if s.toks[m.head].lemma.lower() not in MEANS]
            targets = patients or targets
            if trig.code[:2] in FORCE_ROOTS and not sources and _by_thing(s, v):
                return None  # "banks hit hard by bad loans": a thing did it, no one's force
            if trig.code[:2] not in FORCE_ROOTS and _by_event(s, v):
                # "concerns were heightened by the Iraqi missile attack": an event did it,
                # and its doer did not -- the attack is coded on its own
                sources = []
        if trig.pattern.source:
            sources = roles_at(s, v, trig.pattern.source, trig.obj) or sources
        allies = [m for m in allies_of(s, v) if m not in sources]  # "fighting alongside X"
        if allies and not passive:
            sources = sources + allies
            targets = [m for m in targets if m not in allies]
        targets += [m for m in co_objects(s, v, trig.code) if m not in targets + sources]
        if not targets and v.dep == "xcomp" and s.toks[v.head].lemma.lower() in CONTACT_VERBS:
            # "called Berlusconi to promise an inquiry": promised to the one called
            targets = [m for o in child(s, s.toks[v.head], {"dobj"}) for m in actors_at(s, o)]
        for inner in trig.inner:
            if targets:
                break
            targets = targets_of(s, inner.token, inner.pattern, inner.obj)
        if trig.via is not None and all(m.rule == "implied" for m in targets):
            # "killed 150 people in bombing raids into Pakistani territory": the raid's target
            # names the side the victims alone do not.
            aimed = noun_roles(s, trig.via)[1]
            if aimed:
                targets = aimed
        if trig.code.startswith("166") and targets and all(m.rule == "implied" for m in targets):
            # "expelled diplomats from Poland, Germany and Sweden": the countries they serve.
            sector = (targets[0].code or "---")[3:]
            origins = [
                country_actor(s, o, m.country, sector, "expelled-from")
                for c in child(s, v, {"prep"}, "from")
                for p in child(s, c, {"pobj"})
                for o in [p, *conjuncts(s, p)]
                for m in s.by_tok.get(o.i, [])
                if m.kind == "country" and m.country and m.head == o.i
            ]
            targets = origins or targets
        if trig.code[:2] in {"11", "14"} and not trig.pattern.reverse:
            # "complained (to the UN) that planes from Afghanistan attacked": the complaint is
            # about who did what the clause reports, not addressed to its audience.
            about = clause_doers(s, v)
            if about:
                targets = about
        judged = trig.code[:2] in VERDICT_ROOTS and all(m.rule == "thing" for m in targets)
        if (not targets or judged) and not trig.pattern.reverse:
            found = object_event_targets(s, trig, by_tok)  # "condemned the bombing by X": X
            targets = [m for m in found if m not in sources] or targets
        if not targets:
            targets = [m for m in object_phrase_target(s, trig) if m not in sources]
        if not targets and (
            trig.code[:2] in GIVING_ROOTS or trig.code.startswith(GIVING_CODES + CUTTING)
        ):
            # "gave $2m to Nigeria's farm sector", "suspended aid to Gaza": to that country
            targets = [
                m
                for c in child(s, v, {"prep", "dative"}, "to")
                for o in child(s, c, {"pobj"})
                for m in actors_or_thing(s, o)
                if m not in sources
            ]
        if not targets and trig.code[:2] in {"07", "03"}:
            # "(offered to) send troops to help the Philippine army": aid to whom they help
            for verb in [v] + [i.token for i in trig.inner]:
                aim = help_purpose(s, verb)
                if aim is not None and not targets:
                    targets = [m for o in child(s, aim, {"dobj"}) for m in actors_at(s, o)]
        if trig.pattern.envoy:  # "sent Kerry to Cairo": Kerry visits where he is sent
            sources = [m for o in child(s, v, {"dobj", "obj"}) for m in actors_at(s, o)]
            targets = place_after(s, [v], {"to"})
        journey = trig.code == "042" or _is_journey(trig.obj) or trig.pattern.visit
        if not targets and journey:
            targets = destination(
                s, [v] + ([trig.obj] if trig.obj is not None else []), trig.pattern.origin_object
            )
        if not targets and (trig.obj is not None or trig.code[:2] not in FORCE_ROOTS):
            # "rejected accusations by the United States", "welcomed assurances sent from
            # Bree", "the offer made by X": the one answered is who the thing came from (a
            # force "fought back a bid by X" answers nobody).
            objs = [trig.obj] if trig.obj is not None else child(s, v, {"dobj", "obj"})
            targets = [m for m in senders(s, objs) if m not in sources]
            if not targets and not passive and trig.obj is not None:
                # "denied charges by the U.S. Chamber": the parser hangs the sender's "by"
                # on an active verb, where it can only belong to the object before it
                targets = [
                    m
                    for c in child(s, v, {"prep"}, "by")
                    if c.i > trig.obj.i
                    for o in child(s, c, {"pobj"})
                    for m in actors_at(s, o)
                    if m not in sources
                ]
        if not targets:
            # "shut down the Tehran offices of al-Jazeera": done to the thing's owner
            objs = [trig.obj] if trig.obj is not None else child(s, v, {"dobj", "obj"})
            targets = [m for o in objs for m in owners(s, o) if m not in sources]
        if trig.code[:2] in VIOLENT_ROOTS and all(
            m.place_only or m.rule == "struck-place" for m in targets
        ):
            # "bombed rebel-held areas": the holders before the place's country
            objs = [trig.obj] if trig.obj is not None else child(s, v, {"dobj", "obj"})
            targets = held_targets(s, [v, *objs]) or targets
        if trig.code.startswith("192") and all(
            m.place_only or m.rule in {"struck-place", "place"} for m in targets
        ):
            # "recaptured Palmyra from Islamic State": taken from whom it was held by
            targets = [m for m in prep_objects(s, v, "from") if m not in sources] or targets
        if not targets and trig.code in {"012", "013"}:
            # "expressed concern about China's military buildup": the comment is on whose
            # it is; "optimism about talks with Ukraine": on the other party
            targets = [m for m in commented_on(s, v, by_tok) if m not in sources]
        if not targets and trig.code.startswith(WITHDRAWING):
            targets = [m for m in withdrawn_from(s, [v]) if m not in sources]
        if not targets and trig.code[:2] == "08":  # "acceded to Libyan demands": to the askers
            targets = [m for m in yielded_to(s, v, by_tok) if m not in sources]
        if not targets and trig.code.startswith(GIVING_CODES + CUTTING + ("07",)):
            targets = place_after(s, [v] + [i.token for i in trig.inner], {"to"})
        if not targets and trig.code.startswith(("070", "071", "072", "073", "033")):
            targets = aided_place(s, v, trig.obj, sources)
        if not targets and trig.code.startswith(PLACED_MEASURES):
            targets = place_after(s, [v] + [i.token for i in trig.inner], {"in", "on"})
        if not targets and trig.code[:2] in FORCE_ROOTS | {"13"}:
            targets = struck_place(s, v)
        if trig.code[:2] in VIOLENT_ROOTS and all(not m.code for m in targets):
            # "attacked the base of the Fourth Infantry Brigade": a unit no list knows is
            # still the army whose base it is (its country from the event's place).
            targets = sector_place(s, v) or targets
        if not targets and trig.code[:2] in VIOLENT_ROOTS:
            targets = foreign_place(s, [v, *([trig.obj] if trig.obj is not None else [])], sources)
        if not targets and trig.code[:2] == "13":
            # "threatened to increase BP's liabilities": the threat is to whoever the
            # threatened act would be done to, or whose things it would touch.
            targets = [
                m
                for x in child(s, v, {"xcomp"})
                for o in child(s, x, {"dobj", "obj"})
                for m in actors_at(s, o)
                or modifier_actors(s, o, 0)
                or [t for t in [thing_target(s, o)] if t]
                if m not in sources and m.rule != "implied"  # "to send troops": its own
            ]
        if not targets and trig.code[:2] == "06":
            targets = [m for m in conductors(s, v) if m not in sources]
        if not targets and trig.code[:2] in {"02", "10"}:
            targets = [m for m in asked_of(s, v) if m not in sources]
        if not targets:
            targets = [m for m in object_people(s, trig.obj) if m not in sources]
        if trig.code[:2] == "04" and _interview(s, v, sources + targets):
            return None  # "economists contacted by Reuters", "spoke to the BBC": an interview
        if trig.code == "010":
            # "told US broadcaster PBS that ...": a news outlet carries a statement, it is not
            # what the statement is made to.
            targets = [m for m in targets if not (m.code or "").endswith("MED")]
        # "halted flights at Haiti's request": who asked for an act is not what it is done to.
        targets = [m for m in targets if not at_bidding(s, m)]
        if trig.code[:2] == "04" and len({m.actor_id for m in sources}) > 1:
            targets = consulted(s, v, trig.obj, targets)  # "A and B met": each other
        if (trig.pattern.visit or (trig.code == "042" and targets)) and not [
            m for m in targets if m.country not in {x.country for x in sources}
        ]:
            return None  # "left for work"; "Obama arrived in Chicago" is no visit abroad
        if trig.pattern.reverse:
            sources, targets = targets, sources
        return sources, targets
    if trig.pattern.roles == "copula":
        return evaluation(s, trig, g)
    if trig.pattern.roles == "stance":
        return stance(s, trig)
    sources, targets = noun_roles(s, trig)
    if g.modality == "demand" and g.reporting is not None:
        # "X stressed that the priority is the removal of foreign forces": X demands it of
        # those who would have to do it.
        speakers = subjects(s, g.reporting)[0]
        if speakers:
            # "Brazil says Chile must end the raids on Bolivia": of whoever is to end them
            doers = sources + [m for m in targets if m not in sources]
            if trig.token.dep == "dobj" and s.toks[trig.token.head].pos == "VERB":
                doers = subjects(s, s.toks[trig.token.head])[0] or doers
            return speakers, [m for m in doers if m not in speakers]
    noun = effort_of(s, trig.token) or trig.token  # "launched a mediation effort"
    light = s.toks[noun.head]
    # "workers went on strike", "are on hunger strike": the verb the "on" hangs on is light
    on = noun.dep == "pobj" and light.lemma.lower() == "on" and light.head != light.i
    light = s.toks[light.head] if on and s.toks[light.head].lemma.lower() in GOING else light
    live = by_tok.get(light.i)
    if (
        (noun.dep in {"dobj", "nsubjpass"} or light.i != noun.head)
        and light.pos in {"VERB", "AUX"}
        and (live is None or live.consumed)
        and (not targets or not sources)
        and not onlooker(light)
    ):
        # "Kalin denied contact with Damascus": the light verb's subject is a party; "the
        # bomb was planted by rebels": a passive one's is the thing, its agent the party.
        subj, passive, _ = subjects(s, light)
        if passive:
            subj = agent_of_passive(s, light)
        sources = unique(subj + [m for m in sources if m not in subj])
    if trig.code[:2] in VIOLENT_ROOTS and all(
        m.place_only or not m.code or m.code[3:] == "" for m in targets
    ):
        # "air strikes against the rebel-held enclave": its holders, not the place
        targets = held_targets(s, [trig.token]) or targets
    if not targets and trig.code[:2] in VIOLENT_ROOTS:
        targets = foreign_place(s, [trig.token], sources)  # "an Iranian attack east of Basra"
    if not targets and trig.code.startswith(WITHDRAWING):
        targets = [m for m in withdrawn_from(s, [trig.token]) if m not in sources]
    if not targets and trig.code.startswith(PLACED_MEASURES):
        targets = place_after(s, [trig.token], {"in", "on"})
    if not sources and trig.code[:2] in VIOLENT_ROOTS:
        sources = [m for m in held_responsible(s, trig.token) if m not in targets]
    if not sources and not targets:
        sources, targets = _used_as(s, trig.token)
    if sources and not targets and (trig.code[:2] in ASKING_ROOTS or trig.code in INVITING):
        targets = [m for m in answerer(s, trig.token, by_tok) if m not in sources]
    if not targets and (trig.code == "042" or _is_journey(trig.token)):
        targets = destination(s, [trig.token])  # "his visit to Beijing"
    if not sources and targets:
        # "Erdogan returned to Ankara after talks with Putin": the clause's subject held them.
        clause = adjunct_clause(s, trig.token)
        if clause is not None:
            sources = [m for m in subjects(s, clause)[0] if m not in targets]
        else:
            sources = [m for m in _sent_for(s, trig.token) if m not in targets]
    if not sources and not targets:
        return None
    # A noun with one side and no target is background ("the Astana process"), not an event,
    # unless it is an act of force or a withdrawal ("the Libyan evacuation").
    if (
        not targets
        and len(sources) < 2
        and not trig.pattern.no_target
        and trig.code[:2] not in FORCE_ROOTS
        and not trig.code.startswith("087")
    ):
        return None
    return sources, targets


def asked_in(s: Parse, v: Token, trig: Trigger) -> list[Mention]:
    """A pattern whose target is "in" a place asks it of that place's country ("sought refuge
    in Uganda"); places are otherwise where an act is, not whom it is done to."""
    heads = [v] + ([trig.obj] if trig.obj is not None else [])
    return [
        country_actor(s, o, m.country, "", "place")
        for h in (heads if "prep:in" in trig.pattern.target else [])
        for c in child(s, h, {"prep"}, "in")
        for o in child(s, c, {"pobj"})
        for m in s.by_tok.get(o.i, [])
        if m.place_only and m.country and m.head == o.i
    ][:1]


def _interview(s: Parse, v: Token, sides: list[Mention]) -> bool:
    """A news outlet on either side of a consultation: the talk was an interview (a passive's
    "by" agent is among the "by" phrases ``prep_objects`` reads)."""
    media = [m for prep in ("to", "with", "by") for m in prep_objects(s, v, prep)]
    return any((m.code or "").endswith("MED") for m in media + sides)


def _agent_objects(s: Parse, v: Token) -> list[Token]:
    return [o for c in child(s, v, {"agent"}) for o in child(s, c, {"pobj"})]


def _by_event(s: Parse, v: Token) -> bool:
    """Whether a passive's by-agent is an event noun rather than an actor."""
    return any(
        o.lemma.lower() in s.ps.nouns or o.text.lower() in s.ps.nouns for o in _agent_objects(s, v)
    )


def _by_thing(s: Parse, v: Token) -> bool:
    """Whether a passive's by-agent names a thing: no one (undergoers.is_someone, any pronoun
    included), no weapon and no event noun."""
    objs = _agent_objects(s, v)
    return bool(objs) and not any(
        is_someone(s, o)
        or o.pos == "PRON"
        or o.lemma.lower() in MEANS
        or o.lemma.lower() in s.ps.nouns
        for o in objs
    )


def _used_as(s: Parse, n: Token) -> tuple[list[Mention], list[Mention]]:
    """ "Militants held civilians as human shields", "took them as hostages": a noun event
    naming the role the verb puts its object in is done by the verb's subject to the object."""
    verb = under_prep(s, n, {"as"})
    if verb is not None and verb.dep in {"dobj", "obj"} and verb.head != verb.i:
        verb = s.toks[verb.head]  # the parser hangs "as ..." on the object as often
    if verb is None or verb.pos != "VERB":
        return [], []
    doers, passive, _ = subjects(s, verb)
    if passive:  # "civilians were held as human shields by militants"
        return agent_of_passive(s, verb), doers
    objs = [m for o in child(s, verb, {"dobj", "obj"}) for m in actors_at(s, o)]
    return doers, [m for m in objs if m not in doers]


# Verbs of going and sending, whose "for" phrase is the purpose of the journey ("flew to
# Ankara for talks with X", "sent his envoy to Moscow for talks with X").
JOURNEY_VERBS = {"arrive", "travel", "fly", "go", "come", "head", "leave", "return", "send",
                 "dispatch"}  # fmt: skip
SENDING_VERBS = {"send", "dispatch"}


def _sent_for(s: Parse, n: Token) -> list[Mention]:
    """Who holds a noun event that is the purpose of a journey: the traveller (the subject),
    or the one sent (the object of "send") -- never the sender."""
    verb = under_prep(s, n, {"for"})
    if verb is None or verb.pos != "VERB" or verb.lemma.lower() not in JOURNEY_VERBS:
        return []
    lemma = verb.lemma.lower()
    if lemma in SENDING_VERBS:
        return [m for o in child(s, verb, {"dobj", "obj"}) for m in actors_at(s, o)]
    return subjects(s, verb)[0]


GOING = {"go", "be", "remain", "stay"}  # "went on strike", "remained on hunger strike"
JOURNEYS, INVITING = {"visit", "trip", "tour", "journey"}, {"036"}  # invited: "at X's invitation"


def _is_journey(t: Token | None) -> bool:
    return t is not None and t.lemma.lower() in JOURNEYS


def destination(s: Parse, heads: list[Token], origin_object: bool = False) -> list[Mention]:
    """ "travelled to Moscow", "cancelled a visit to the White House": a visit's host is the
    country (or the government building's government) it goes to ("left Brasilia for
    Washington": not the place left)."""
    for h in heads:
        for c in s.kids[h.i]:
            if c.dep in {"dobj", "obj"} and not origin_object:
                places = [c]  # "visited Beijing": the capital visited, a place of its country
            elif c.dep in {"prep", "dative"} and c.lemma.lower() in {"to", "in", "for"}:
                # "travelled to", "arrived in", "left for", "sent his envoy to" (a dative)
                places = [o for o in s.kids[c.i] if o.dep == "pobj"]
            else:
                continue
            for o in places:
                for m in s.by_tok.get(o.i, []):
                    if not m.place_only:
                        return [m]
                    if m.kind != "place" and m.code:  # a government's building
                        return [replace(m, place_only=False, rule="destination")]
                    if m.country:  # a town or a capital: its country
                        return [country_of_place(s, m, "destination")]
    return []


def object_event_targets(s: Parse, trig: Trigger, by_tok: dict[int, Trigger]) -> list[Mention]:
    """A verb whose object names no actor: the object may name an event ("condemned the attack
    by X", "welcomed the resumption of ties with Y"), whose doer (for a verdict) or parties are
    the target."""
    v = trig.token
    verdict = trig.code[:2] in VERDICT_ROOTS  # "Kenya's decision was criticised": passive too
    deps = {"dobj", "obj", "nsubjpass"} if verdict else {"dobj", "obj"}
    objs = [o for o in s.kids[v.i] if o.dep in deps and o is not trig.obj]
    for p in s.kids[v.i]:
        # "criticised X over Y", "praised for Y": what a verdict is about.
        if verdict and p.dep == "prep" and p.lemma.lower() in {"for", "over", "about", "of", "on"}:
            objs += [o for o in s.kids[p.i] if o.dep == "pobj"]
    for o in objs:
        event = by_tok.get(o.i)
        if event is not None and event.pattern.kind == "noun":
            doers, parties = noun_roles(s, event)
            if verdict:
                return doers
            return doers + [m for m in parties if m not in doers]
        if verdict:
            means = doers_of_means(s, o)
            if means:
                return means
    if verdict:
        for o in objs:
            # "protested over Canada's decision": the owner of what is objected to.
            owners = [
                m
                for c in s.kids[o.i]
                if c.dep == "poss" and c.pos != "PRON"  # "their resumption": their own act
                for m in actors_at(s, c)
            ]
            if owners:
                return owners
    if trig.code[:2] in {"11", "12"}:
        return []  # what was condemned is not the one condemned
    for o in objs:
        found = inside(s, o, 0)
        if found:
            return found
    return []


# Acts done to an earlier act of force, whose doer is their target: verdicts on it ("condemned
# the attack"), and force answering it ("repulsed the attack", "retaliated for the bombing").
ANSWERING_ROOTS = VERDICT_ROOTS | {"19"}
DEFINITE = {"the", "this", "that", "these", "those", "such"}


def past_act_object(s: Parse, trig: Trigger, by_tok: dict[int, Trigger]) -> bool:
    """Whether a verb answers an act of force its sentence names by a definite noun with no
    doer ("Turkey condemned the attack"): the doer is then whoever the article said did it."""
    if trig.pattern.kind != "verb" or trig.code[:2] not in ANSWERING_ROOTS:
        return False
    objs = [o for o in s.kids[trig.token.i] if o.dep in {"dobj", "obj"}]
    objs += [
        o
        for p in s.kids[trig.token.i]
        if p.dep == "prep" and p.lemma.lower() in {"for", "over"}
        for o in s.kids[p.i]
        if o.dep == "pobj"
    ]
    for o in objs:
        event = by_tok.get(o.i)
        if (
            event is not None
            and event.pattern.kind == "noun"
            and event.code[:2] in VIOLENT_ROOTS
            and any(c.dep == "det" and c.lemma.lower() in DEFINITE for c in s.kids[o.i])
            and not noun_roles(s, event)[0]
        ):
            return True
    return False


# Acts that answer an act of force in kind: "vowed revenge", "promised retaliation".
# Nouns of a measure laid on someone: its target follows "on" or "against" inside the noun's
# phrase ("lifted the ban imposed on the group", "eased restrictions on travel to Cuba").
RESTRICTIONS = {
    "ban", "embargo", "sanction", "restriction", "blockade", "curb", "tariff", "boycott",
    "siege", "curfew", "limit", "control", "measure", "penalty", "duty", "moratorium", "freeze",
}  # fmt: skip
# Measures whose "of" names who suffers them: "the blockade of Qatar", "the siege of Sarajevo".
BESIEGING = {"blockade", "siege", "embargo", "boycott"}
# Codes of giving, whose recipient follows "to" inside what is given ("sent vehicles and a
# team of paratroopers to Lebanon", where the parser hangs "to" on the last noun).
GIVING_ROOTS = {"07"}
GIVING_CODES = ("033", "0353", "0354")
CUTTING = ("16",)


def object_phrase_target(s: Parse, trig: Trigger) -> list[Mention]:
    """The target named inside the trigger's own object phrase, for measures laid on someone
    and things given to someone: the parser attaches the preposition to a noun of the phrase
    as often as to the verb."""
    v = trig.token
    objs = [trig.obj] if trig.obj is not None else []
    objs += [o for o in s.kids[v.i] if o.dep in {"dobj", "obj"} and o not in objs]
    for o in objs:
        if o.lemma.lower() in RESTRICTIONS:
            # "its blockade of the UK", "restrictions between it and Israel"
            preps = {"on", "against", "between"} | (
                {"of"} if o.lemma.lower() in BESIEGING else set()
            )
        elif trig.code[:2] in GIVING_ROOTS or trig.code.startswith(GIVING_CODES + CUTTING):
            # "suspended humanitarian aid to Gaza": a cut falls on whom the aid went to
            preps = {"to"}
        else:
            continue
        found = _phrase_prep_actors(s, o, preps, 0)
        if found:
            # "between it and Israel": the doer is no party to its own measure
            doers = {d.actor_id for d in subjects(s, v)[0]}
            found = [m for m in found if m.actor_id not in doers]
        if found:
            return found
    return []


# What a measure is on may itself lead to its target: "restrictions on travel to Cuba", "a ban
# on imports of British beef".
AFTER_MEASURE_PREPS = {"to", "from", "of", "into"}


def _phrase_prep_actors(s: Parse, t: Token, preps: set[str], depth: int) -> list[Mention]:
    """Actors after one of ``preps`` in the phrase of ``t``: through its prepositions, its
    conjuncts and a participle describing it ("the ban imposed on X"), never into a clause."""
    if depth > 3:
        return []
    for c in s.kids[t.i]:
        if c.dep == "prep":
            for o in child(s, c, {"pobj"}):
                hit = c.lemma.lower() in preps
                if hit:
                    found = actors_or_thing(s, o)
                    if found:
                        return found
                inner = preps | AFTER_MEASURE_PREPS if hit and preps & {"on"} else preps
                found = _phrase_prep_actors(s, o, inner, depth + 1)
                if found:
                    return found
        elif c.dep == "conj" or (c.dep == "acl" and c.tag == "VBN"):
            found = _phrase_prep_actors(s, c, preps, depth + 1)
            if found:
                return found
    return []
