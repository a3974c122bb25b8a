"""Event stage: who did what to whom, when and where, from each sentence's dependency parse.

For each sentence: find triggers (verbs and nouns listed in the pattern data), take the roles
from the parse (subject, object, prepositional targets, passive agents, compounds), decide
polarity and modality from what governs the trigger (negation, "deny", modals, "plan to",
"if"), find the speaker of reported speech, resolve the date and place attached to the trigger,
and code it.  Every event keeps the sentence, its offsets and the pattern id as evidence.
The helpers live in parse, triggers, roles, modality and anchor; this module builds events.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from storyline.actors.kb import KnowledgeBase, load_kb
from storyline.events.anchor import anchor_tokens, date_of, place_and_word
from storyline.events.background import is_background
from storyline.events.codes import lookup
from storyline.events.modality import MODALITY_RANK, Governance, governance, speaker_of
from storyline.events.parse import Parse, child, depth, parse, unique
from storyline.events.patterns import PatternSet, load_patterns
from storyline.events.roles import (
    actor_ref,
    actors_at,
    agent_of_passive,
    country_actor,
    doers_of_means,
    noun_roles,
    roles_at,
    settle_implied,
    span_of,
    subjects,
    targets_of,
)
from storyline.events.roles import pairs as make_pairs
from storyline.events.triggers import Trigger, find_triggers
from storyline.ids import content_id
from storyline.model import (
    Actor,
    ActorRef,
    Article,
    Event,
    EventMention,
    Location,
    Mention,
    Sentence,
    Token,
)

# Acts aimed at a place are aimed at its country: force, restrictions, shows of force,
# sanctions, withdrawals ("shelled villages in Iraq", "a state of siege in Bolivia").
PLACE_TARGET_ROOTS = {"15", "16", "17", "18", "19", "20", "087"}
# An outer event of these roots states an intent, a demand or a refusal about its inner event.
STATEMENT_OF = {"03": "intent", "10": "demand", "12": "refusal"}


def _refine(
    code: str,
    loc: Location | None,
    src: ActorRef,
    tgt: ActorRef | None,
    src_m: Mention,
    tgt_m: Mention | None,
) -> str:
    """A meeting in a third country is CAMEO 044, whatever verb reported it."""
    if code == "040" and loc is not None and loc.country and tgt_m is not None:
        sides = {
            x
            for x in (
                (src_m.country or (src.code or "")[:3]),
                (tgt_m.country or (tgt.code or "")[:3] if tgt else ""),
            )
            if x
        }
        if len(sides) == 2 and loc.country not in sides:
            return "044"
    return code


def _absorb(trigs: list[Trigger], gov: dict[int, Governance], ps: PatternSet) -> None:
    """An appeal, intent, demand, refusal or threat about another event absorbs it.

    Only a generic outer code is refined ("pledge" 030 + cooperate -> 031); "invite" (036) stays.
    """
    for trig in trigs:
        outer = gov[trig.token.i].outer
        if outer is None or outer.pattern.kind != "verb":
            continue
        table = ps.compose.get(outer.code[:2])
        if table is None:
            continue
        trig.consumed = True
        outer.inner.append(trig)
        if len(outer.code) == 3 and outer.code.endswith("0"):  # only a "not specified" code
            kind = STATEMENT_OF.get(outer.code[:2])
            new = _prefixed(ps.statement.get(kind, {}), trig.code) if kind else None
            outer.code = new or table.get(trig.code[:2], outer.code)
        # "expressed his desire to meet": what is wished is not a fact, nor is its expression.
        inner_g, outer_g = gov[trig.token.i], gov[outer.token.i]
        if (
            inner_g.modality == "intent"
            and outer_g.modality == "hypothetical"
            and not outer_g.hedged
        ):
            outer_g.modality = "intent"  # a conditional wish is a wish
        elif (
            MODALITY_RANK[inner_g.modality] > MODALITY_RANK[outer_g.modality]
            and trig.token.dep != "ccomp"  # "agreed that disputes should be resolved"
        ):
            outer_g.modality = inner_g.modality
            outer_g.conditional = outer_g.conditional or inner_g.conditional


def _roles(
    s: Parse, trig: Trigger, g: Governance, by_tok: dict[int, Trigger]
) -> tuple[list[Mention], list[Mention]] | None:
    """Source and target mentions of a trigger; None when it is not an event here."""
    if trig.pattern.roles == "clause" and trig.obj is not None:
        # "X said Y must hand over Z": X demands of Y.
        speakers = subjects(s, g.reporting)[0] if g.reporting is not None else []
        return speakers, subjects(s, trig.obj)[0]
    if trig.pattern.kind == "verb":
        v = trig.token
        sources, passive, _ = subjects(s, v)
        targets = targets_of(s, v, trig.pattern, trig.obj)
        if passive:
            # "soldiers were attacked by guerrillas", "were killed in an attack by Daesh"
            patients = sources
            sources = agent_of_passive(s, v) or _doers_in_phrases(s, v)
            targets = patients or targets
        if trig.pattern.source:
            sources = roles_at(s, v, trig.pattern.source, trig.obj) or sources
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
        if trig.code[:2] in {"11", "14"} and not trig.pattern.reverse:
            # "complained (to the UN) that planes from Afghanistan attacked": the complaint is
            # about who did what the clause reports, not addressed to its audience.
            about = _clause_doers(s, v)
            if about:
                targets = about
        if not targets and not trig.pattern.reverse:
            targets = _object_event_targets(s, trig, by_tok)
        if trig.pattern.reverse:
            sources, targets = targets, sources
        return sources, targets
    if trig.pattern.roles == "copula":
        return _evaluation(s, trig, g)
    sources, targets = noun_roles(s, trig)
    if g.modality == "demand" and g.reporting is not None:
        # "X stressed that the priority is the removal of foreign forces": X demands it of
        # those who would have to do it.
        speakers = subjects(s, g.reporting)[0]
        if speakers:
            doers = sources + [m for m in targets if m not in sources]
            return speakers, [m for m in doers if m not in speakers]
    light = s.toks[trig.token.head]
    live = by_tok.get(light.i)
    if (
        trig.token.dep in {"dobj", "nsubjpass"}
        and light.pos in {"VERB", "AUX"}
        and (live is None or live.consumed)
        and (not targets or not sources)
    ):
        # "Kalin denied contact with Damascus": the light verb's subject is a party.
        subj, _, _ = subjects(s, light)
        sources = unique(subj + [m for m in sources if m not in subj])
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


FORCE_ROOTS = {"14", "15", "17", "18", "19", "20"}
ARMED = {"MIL", "COP", "REB"}
# Civilians who turn violent protest violently (145): farmers, workers, crowds, opposition.
CROWD = {"CVL", "AGR", "LAB", "OPP", "EDU"}
# Verdicts on an act: praising, backing, criticising, condemning, rejecting it is done to
# whoever did it ("backed the United States' attack" is support of the United States).
VERDICT_ROOTS = {"01", "05", "11", "12"}
INNER_PREPS = {"with", "between", "among", "against", "on", "to", "toward", "towards", "of"}


def _object_event_targets(s: Parse, trig: Trigger, by_tok: dict[int, Trigger]) -> list[Mention]:
    """A verb whose object names no actor: the object may name an event ("condemned the attack
    by X", "welcomed the resumption of ties with Y"), whose doer (for a verdict) or parties are
    the target."""
    v = trig.token
    objs = [o for o in s.kids[v.i] if o.dep in {"dobj", "obj"} and o is not trig.obj]
    verdict = trig.code[:2] in VERDICT_ROOTS
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
        found = _inside(s, o, 0)
        if found:
            return found
    return []


def _evaluation(
    s: Parse, trig: Trigger, g: Governance
) -> tuple[list[Mention], list[Mention]] | None:
    """ "X is an obstacle to a solution", said by Y: Y criticises X.  Only when someone says
    it: in the writer's own voice it is description, not an event."""
    t = trig.token
    head = s.toks[t.head]
    if t.dep not in {"attr", "acomp"} or head.lemma.lower() != "be" or g.reporting is None:
        return None
    speakers = subjects(s, g.reporting)[0]
    if not speakers:
        return None
    judged = [m for c in child(s, head, {"nsubj"}) for m in actors_at(s, c)]
    return speakers, [m for m in judged if m not in speakers]


def _clause_doers(s: Parse, v: Token) -> list[Mention]:
    for c in s.kids[v.i]:
        if c.dep == "ccomp" and c.pos in {"VERB", "AUX"}:
            found, passive, _ = subjects(s, c)
            if found and not passive:
                return found
    return []


def _inside(s: Parse, t: Token, depth: int) -> list[Mention]:
    """Actors in the prepositional phrases of a noun, two levels down at most."""
    for p in s.kids[t.i]:
        if p.dep != "prep" or p.lemma.lower() not in INNER_PREPS:
            continue
        for o in s.kids[p.i]:
            if o.dep != "pobj":
                continue
            found = actors_at(s, o)
            if found:
                return found
            if depth < 1:
                deeper = _inside(s, o, depth + 1)
                if deeper:
                    return deeper
    return []


PHRASE_DOERS = {"in", "by", "during", "with", "from", "under"}


def _doers_in_phrases(s: Parse, v: Token) -> list[Mention]:
    """Who did a passive act named by a phrase on it: "killed in Russian air strikes"."""
    for c in s.kids[v.i]:
        if c.dep == "prep" and c.lemma.lower() in PHRASE_DOERS:
            for o in child(s, c, {"pobj"}):
                found = doers_of_means(s, o)
                if found:
                    return found
    return []


def _article_country(article: Article) -> str | None:
    """The article's one country, when its actors and places name exactly one."""
    seen = {m.country for m in article.mentions if m.country}
    return next(iter(seen)) if len(seen) == 1 else None


def _span(s: Parse, m: Mention, sent: Sentence) -> dict[str, Any] | None:
    if m.rule == "location" or not (sent.token_start <= m.token_start < sent.token_end):
        return None
    return span_of(s, m, sent.start, sent.token_end)


def _trigger_text(article: Article, trig: Trigger) -> str:
    if trig.obj is None:
        return trig.token.text
    lo, hi = min(trig.token.idx, trig.obj.idx), max(trig.token.end, trig.obj.end)
    return article.text[lo:hi]


def _confidence(src_m: Mention, tgt_m: Mention | None, trig: Trigger, speaker: str | None) -> float:
    """Known actors on both sides raise it; a nominal trigger or second-hand report lowers it."""
    c = 0.55 + (0.15 if src_m.known else 0) + (0.15 if tgt_m is not None and tgt_m.known else 0)
    c -= 0.15 if trig.pattern.kind == "noun" else 0
    c -= 0.05 if speaker else 0
    return round(max(0.05, min(0.99, c)), 2)


def _coded(s: Parse, sent: Sentence) -> tuple[list[Trigger], dict[int, Governance]]:
    """A sentence's triggers with what governs each, after intents and appeals absorbed theirs."""
    trigs = find_triggers(s, sent.token_start, sent.token_end)
    trig_by_tok = {t.token.i: t for t in trigs}
    gov = {t.token.i: governance(s, t, trig_by_tok) for t in trigs}
    _absorb(trigs, gov, s.ps)
    _clause_demands(trigs, trig_by_tok, s.ps)
    _specific_nouns(s, trigs, trig_by_tok)
    _consequences(s, trigs)
    _purposes(s, trigs, gov)
    _conditions(s, trigs)
    _denied_charges(s, trigs, trig_by_tok)
    _empty_demands(s, trigs)
    _bare_statements(s, trigs)
    for trig in trigs:
        if trig.pattern.requires_inner and not trig.inner:
            trig.consumed = True  # "the talks failed" is not a refusal; "failed to agree" is
        if trig.pattern.source_code and not trig.consumed and trig.code == trig.pattern.code:
            trig.code = _by_source(s, trig)
        g = gov[trig.token.i]
        if not trig.consumed and g.outer is None:
            trig.code = statement_code(trig.code, g, s.ps)
    return trigs, gov


# Verbs of harm that tell what an act of force did ("attacked the villages, killing 90").
HARM = {"kill", "wound", "injure", "leave", "claim", "destroy", "damage", "displace"}


def _consequences(s: Parse, trigs: list[Trigger]) -> None:
    """ "X attacked Y, killing 90": the killing is what the attack did, not a second event."""
    by_tok = {t.token.i: t for t in trigs}
    for trig in trigs:
        t = trig.token
        if trig.consumed or t.lemma.lower() not in HARM or t.dep not in {"advcl", "conj", "xcomp"}:
            continue
        if t.tag != "VBG" and t.dep != "xcomp":
            continue
        head = by_tok.get(t.head)
        if head is not None and head.code[:2] in FORCE_ROOTS and not head.consumed:
            trig.consumed = True


def _purposes(s: Parse, trigs: list[Trigger], gov: dict[int, Governance]) -> None:
    """ "sent troops to help the rescue", "a meeting to improve relations": what an act is for
    is not a second event (a planned meeting is still told: "flew to Moscow to meet X")."""
    for trig in trigs:
        t = trig.token
        if trig.consumed or t.dep not in {"advcl", "acl"} or trig.code[:2] == "04":
            continue
        if not any(c.dep == "aux" and c.tag == "TO" for c in s.kids[t.i]):
            continue
        head = s.toks[t.head]
        if head.lemma.lower() in s.ps.intent_nouns | s.ps.demand_nouns | s.ps.hypothetical_nouns:
            continue  # "plans to withdraw" is the plan's content, not its purpose
        if head.lemma.lower() in s.ps.intent | s.ps.demand or gov[t.i].outer is not None:
            continue  # "swore to fight", misparsed as an adverbial clause: a complement
        trig.consumed = True


def _conditions(s: Parse, trigs: list[Trigger]) -> None:
    """ "... if he came to the summit": the condition of an event is not an event."""
    marks = s.ps.conditional_marks
    for trig in trigs:
        cur = trig.token
        for _ in range(3):
            if cur.dep == "advcl" and any(
                c.dep == "mark" and c.lemma.lower() in marks for c in s.kids[cur.i]
            ):
                trig.consumed = True
                break
            if cur.dep not in {"conj", "xcomp", "ccomp"} or cur.head == cur.i:
                break
            cur = s.toks[cur.head]


def _denied_charges(s: Parse, trigs: list[Trigger], by_tok: dict[int, Trigger]) -> None:
    """ "denied charges of bombing X": the bombing, negated, not a denial of responsibility."""
    for trig in trigs:
        if trig.consumed or trig.code != "016" or trig.obj is None:
            continue
        for p in s.kids[trig.obj.i]:
            if p.dep == "prep" and p.lemma.lower() == "of":
                inner = [by_tok.get(o.i) for o in s.kids[p.i] if o.dep in {"pcomp", "pobj"}]
                if any(i is not None and not i.consumed for i in inner):
                    trig.consumed = True


def _empty_demands(s: Parse, trigs: list[Trigger]) -> None:
    """ "said the two countries must first restore trust": a demand needs someone to demand
    it of; without one the saying is a statement."""
    for trig in trigs:
        clause = trig.pattern.roles == "clause" and trig.obj is not None and not trig.consumed
        if clause and trig.obj is not None and not subjects(s, trig.obj)[0]:
            trig.consumed = True


def _bare_statements(s: Parse, trigs: list[Trigger]) -> None:
    """A reporting verb is a statement (010) only when what it reports holds no other event:
    "X said Y attacked Z" is Y attacking Z, with X as the speaker."""
    live = [t for t in trigs if not t.consumed]
    for trig in live:
        if trig.token.lemma.lower() not in s.ps.reporting or not trig.code.startswith("01"):
            continue
        if trig.pattern.id != "express" and not trig.pattern.dictionary:
            continue
        for other in live:
            if other is trig:
                continue
            if _under(s, other.token, trig.token) or (
                _under(s, trig.token, other.token)
                and _path_deps(s, trig.token, other.token) & {"parataxis", "ccomp", "advcl"}
            ):
                trig.consumed = True
                break


def _under(s: Parse, t: Token, top: Token) -> bool:
    cur, n = t, 0
    while cur.head != cur.i and n < 64:
        cur = s.toks[cur.head]
        if cur.i == top.i:
            return True
        n += 1
    return False


def _path_deps(s: Parse, t: Token, top: Token) -> set[str]:
    deps, cur, n = set(), t, 0
    while cur.i != top.i and cur.head != cur.i and n < 64:
        deps.add(cur.dep)
        cur = s.toks[cur.head]
        n += 1
    return deps


def _clause_demands(trigs: list[Trigger], by_tok: dict[int, Trigger], ps: PatternSet) -> None:
    """ "Y must cooperate" said by X: the demand absorbs the event it demands (101)."""
    for trig in trigs:
        if trig.pattern.roles != "clause" or trig.obj is None:
            continue
        inner = by_tok.get(trig.obj.i)
        if inner is None or inner.consumed:
            continue
        inner.consumed = True
        trig.inner.append(inner)
        trig.code = _prefixed(ps.statement.get("demand", {}), inner.code) or trig.code


def _specific_nouns(s: Parse, trigs: list[Trigger], by_tok: dict[int, Trigger]) -> None:
    """A generic verb takes the code of the event noun that says how: "killed in a bombing"."""
    for trig in trigs:
        if not trig.pattern.generic or trig.consumed:
            continue
        v = trig.token
        cands = [c for c in s.kids[v.i] if c.dep in {"nsubj", "nsubjpass"}]
        if v.dep == "acl" and s.toks[v.head].dep == "ROOT":
            cands.append(s.toks[v.head])  # "air strikes killed ...", parsed as a reduced relative
        for p in s.kids[v.i]:
            if p.dep in {"prep", "agent"} and p.lemma.lower() in {"in", "by", "with", "using"}:
                cands.extend(child(s, p, {"pobj"}))
        for c in cands:
            noun = by_tok.get(c.i)
            if (
                noun is not None
                and noun.pattern.kind == "noun"
                and not noun.consumed
                and noun.code[:2] in {"18", "19", "20"}
            ):
                trig.code = noun.code  # "killed in an attack by X" is one event, the attack's
                noun.consumed = True
                trig.via = noun
                break


def _by_source(s: Parse, trig: Trigger) -> str:
    """Violence by irregulars is CAMEO 18 (unconventional), by armies 19: the source decides."""
    table = dict(trig.pattern.source_code)
    subj, passive, head = subjects(s, trig.token)
    if passive:
        subj = agent_of_passive(s, trig.token)
        head = next(
            (p for a in child(s, trig.token, {"agent"}) for p in child(s, a, {"pobj"})), None
        )
    # The word itself is most specific ("suicide bombers"), then the side's sector.
    if head is not None:
        words = [head, *(c for c in s.kids[head.i] if c.dep in {"compound", "amod"})]
        for w in words:  # "gunmen", "rebel fighters"
            if w.lemma.lower() in table:
                return table[w.lemma.lower()]
    for m in subj:
        if m.kind == "country" and "state" in table:
            return table["state"]  # a country acting as a whole is its state
        for sector in (m.code[3:6], m.code[:3]) if m.code else ():
            if sector.lower() in table:
                return table[sector.lower()]
    return trig.code


def _prefixed(table: dict[str, str], code: str) -> str | None:
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    return None


def statement_code(code: str, g: Governance, ps: PatternSet) -> str:
    """CAMEO codes what a sentence asserts: a promised visit is an intent to meet (036), a
    conditional attack a threat (138), "Y must withdraw" a demand (106).  The modality stays on
    the event, so none of these is ever shown as a fact."""
    if g.polarity != "asserted":
        return code
    if g.unless and g.modality in {"intent", "hypothetical"} and code[:2] != "13":
        coded = _prefixed(ps.statement.get("intent", {}), code) or code
        return coded if coded[:2] == "13" else "130"  # "will pull out unless ...": a threat
    if g.modality == "intent" and g.scheduled and code[:2] == "04":
        return code  # "will meet on Monday": a scheduled meeting, coded as a meeting
    if g.modality == "intent" or (g.modality == "hypothetical" and g.conditional):
        return _prefixed(ps.statement.get("intent", {}), code) or code
    if g.modality == "demand":
        return _prefixed(ps.statement.get("demand", {}), code) or code
    return code


def refusal_code(code: str, polarity: str, modality: str, ps: PatternSet) -> str:
    """Classification only: "will not lift the ban" states a refusal to yield (124)."""
    if polarity == "negated" and modality == "intent":
        return _prefixed(ps.statement.get("refusal", {}), code) or code
    return code


@dataclass(frozen=True, slots=True)
class SentenceCode:
    """What a sentence reports, whoever the actors are: the evaluations classify with this."""

    sentence: int
    code: str
    polarity: str
    modality: str
    depth: int  # steps from the trigger up to the sentence root: the main event is the shallowest
    kind: str
    pattern: str


def sentence_codes(article: Article, kb: KnowledgeBase, ps: PatternSet) -> list[SentenceCode]:
    """Every unabsorbed trigger of the article, coded, with no actor required.

    The event extraction needs a source or target actor; classifying a sentence does not, so
    the evaluations (quad class, PLOVER types) use this, which shares every rule with extraction.
    """
    if not article.tokens:
        return []
    s = parse(article, kb, ps)
    out: list[SentenceCode] = []
    for sent in article.sentences:
        trigs, gov = _coded(s, sent)
        for trig in trigs:
            if trig.consumed:
                continue
            g = gov[trig.token.i]
            out.append(
                SentenceCode(
                    sent.index,
                    refusal_code(trig.code, g.polarity, g.modality, s.ps),
                    g.polarity,
                    g.modality,
                    _main_depth(s, trig, trigs),
                    trig.pattern.kind,
                    trig.pattern.id,
                )
            )
    return out


def _main_depth(s: Parse, trig: Trigger, trigs: list[Trigger]) -> int:
    """How central a trigger is: an event noun under a light verb ("staged a protest") counts
    at the verb's depth; a demand clause at its verb's."""
    t = trig.obj if trig.pattern.roles == "clause" and trig.obj is not None else trig.token
    if trig.pattern.kind == "noun" and t.dep in {"dobj", "nsubj", "nsubjpass", "attr"}:
        head = s.toks[t.head]
        if head.pos in {"VERB", "AUX"} and all(o.token.i != head.i for o in trigs):
            return depth(s, head)
    return depth(s, t)


def main_code(codes: list[SentenceCode]) -> SentenceCode | None:
    """The sentence's main event: the shallowest trigger, a verb before a noun, then the first."""
    if not codes:
        return None
    # A reading from the broad CAMEO dictionary counts one level deeper than one from
    # storyline's own patterns: "summoned the ambassador to complain" is the complaint.
    return min(
        codes,
        key=lambda c: (
            c.depth + c.pattern.startswith("cameo:"),
            c.pattern.startswith("cameo:"),
            c.kind != "verb",
            c.sentence,
        ),
    )


def extract_article(article: Article, kb: KnowledgeBase, ps: PatternSet) -> list[Event]:
    if not article.tokens:
        return []
    s = parse(article, kb, ps)
    events: list[Event] = []
    seen: set[tuple[Any, ...]] = set()
    article_country = _article_country(article)
    for sent in article.sentences:
        trigs, gov = _coded(s, sent)
        by_tok = {t.token.i: t for t in trigs}
        for trig in trigs:
            roles = None if trig.consumed else _roles(s, trig, gov[trig.token.i], by_tok)
            if roles is None:
                continue
            sources, targets = roles
            g = gov[trig.token.i]
            anchors = anchor_tokens(s, trig, g)
            countries = {m.country for m in [*sources, *targets] if m.country}
            placed = place_and_word(s, anchors, sent.token_start, sent.token_end, countries)
            loc = placed[0] if placed else None
            # "jets bombed villages in Iraq": force used on a place is used on its country.
            if (
                not targets
                and sources
                and (trig.code[:2] in PLACE_TARGET_ROOTS or trig.code[:3] in PLACE_TARGET_ROOTS)
                and loc
                and loc.country
                and all(m.country != loc.country for m in sources)
            ):
                assert placed is not None
                targets = [country_actor(s, placed[1], loc.country, "", "place")]
            place_iso = loc.country if loc else None
            sources = settle_implied(s, sources, place_iso, article_country)
            targets = settle_implied(s, targets, place_iso, article_country)
            pairs = make_pairs(sources, targets, trig.pattern.reciprocal)
            if not pairs:
                continue
            date, precision, date_text = date_of(s, anchors, sent.token_start, sent.token_end)
            background = is_background(s, trig, g, date, precision)
            if background and precision == "published":
                # History keeps the date the text gives it, never the publication day.
                date, precision = None, "unknown"
            speaker = speaker_of(s, trig.token)
            when = date if precision != "unknown" else article.published
            for src_m, tgt_m in pairs:
                if (
                    tgt_m is None
                    and not trig.pattern.no_target
                    and trig.pattern.kind != "verb"
                    and trig.code[:2] not in FORCE_ROOTS
                    and not trig.code.startswith("087")
                ):
                    continue
                src = actor_ref(kb, src_m, when)
                tgt = actor_ref(kb, tgt_m, when) if tgt_m is not None else None
                if (src.code is None and (tgt is None or tgt.code is None)) or (
                    tgt is not None and src.actor_id == tgt.actor_id
                ):
                    continue
                code = trig.code
                if tgt is not None and tgt.code and trig.pattern.target_code:
                    code = dict(trig.pattern.target_code).get(tgt.code[3:6], code)
                if (
                    code.startswith("18")
                    and tgt is not None
                    and tgt.code
                    and tgt.code[3:6] in ARMED
                ):
                    code = "190"  # irregulars fighting an army or police: a clash of forces
                if (
                    code == "190"
                    and src.code
                    and src.code[3:6] in {"REB", "UAF"}
                    and not (tgt is not None and tgt.code and tgt.code[3:6] in ARMED)
                ):
                    code = "180"  # irregulars' unspecified violence on the unarmed
                if code[:2] in {"18", "19"} and src.code and src.code[3:6] in CROWD:
                    code = "145"  # farmers, workers, protesters fighting: a violent protest
                code = _refine(code, loc, src, tgt, src_m, tgt_m)
                key = (sent.index, code, src.actor_id, tgt.actor_id if tgt else None, g.polarity)
                if key in seen:
                    continue
                seen.add(key)
                mention_id = content_id(
                    article.article_id,
                    str(sent.start),
                    str(trig.token.idx),
                    code,
                    src.actor_id,
                    tgt.actor_id if tgt else "",
                )
                mention = EventMention(
                    article_id=article.article_id,
                    outlet=article.outlet,
                    published=article.published,
                    sentence=article.text[sent.start : sent.end],
                    start=sent.start,
                    end=sent.end,
                    speaker=speaker,
                    mention_id=mention_id,
                    trigger=_trigger_text(article, trig),
                    pattern=trig.pattern.id,
                    background=background,
                    source_span=_span(s, src_m, sent),
                    target_span=_span(s, tgt_m, sent) if tgt_m is not None else None,
                )
                events.append(
                    Event(
                        event_id=mention_id,
                        date=date,
                        date_precision=precision,
                        source=src,
                        **lookup(code).event_fields(),
                        target=tgt,
                        polarity=g.polarity,
                        modality=g.modality,
                        location=loc,
                        mentions=[mention],
                        confidence=_confidence(src_m, tgt_m, trig, speaker),
                        date_text=date_text,
                        reciprocal=trig.pattern.reciprocal and tgt is not None,
                        background=background,
                    )
                )
    _date_restatements(events)
    return events


def _sides(ev: Event) -> tuple[str, ...]:
    codes = [(r.code or r.actor_id) if r else "" for r in (ev.source, ev.target)]
    return tuple(sorted(codes)) if ev.reciprocal else tuple(codes)


# Words that place an event within days of the writing; such a sentence reports news.
_NEAR_NOW = re.compile(
    r"\b(?:today|yesterday|tonight|last night|this (?:week|morning|afternoon|evening)"
    r"|on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b",
    re.I,
)


def _date_restatements(events: list[Event]) -> None:
    """ "The brief encounter marks the first time ...": an event restated without a date in the
    article that dated it takes that date (the same root, sides, polarity and modality)."""
    dated: dict[tuple[str, ...], Event] = {}
    for ev in events:
        if ev.date_precision in {"day", "month", "year"}:
            dated.setdefault((ev.root, ev.polarity, ev.modality, *_sides(ev)), ev)
    for ev in events:
        if ev.date_precision != "published":
            continue
        if any(_NEAR_NOW.search(m.sentence) for m in ev.mentions):
            continue  # "gathered on Wednesday": news of the day, not an older event restated
        src = dated.get((ev.root, ev.polarity, ev.modality, *_sides(ev)))
        if src is not None and src.date is not None and ev.date is not None and src.date <= ev.date:
            ev.date, ev.date_precision = src.date, src.date_precision
            ev.date_text = src.date_text


def run(batch: list[Article], ctx: Any = None) -> list[Article]:
    kb = getattr(ctx, "kb", None) or load_kb()
    ps = getattr(ctx, "patterns", None) or load_patterns()
    for article in batch:
        article.events = extract_article(article, kb, ps)
        _register_actors(article)
    return batch


def _register_actors(article: Article) -> None:
    """Actors that appear only as event parties still need an actor record."""
    for ev in article.events:
        for ref in (ev.source, ev.target):
            if ref is not None and ref.actor_id not in article.actors:
                article.actors[ref.actor_id] = Actor(ref.actor_id, ref.code, ref.name, "group")
