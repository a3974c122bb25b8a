"""Which event a trigger codes: composition of intents, demands and refusals with the event
they govern, specific nouns for generic verbs, the source's kind of violence, what is not an
event of its own (consequences, purposes, conditions, bare statements), and how a sentence's
main event is chosen for classification."""

from __future__ import annotations

from dataclasses import dataclass

from storyline.actors.kb import KnowledgeBase
from storyline.events.helping import armed_help
from storyline.events.modality import MODALITY_RANK, Governance, governance
from storyline.events.parse import (
    FORCE_ROOTS,
    Parse,
    child,
    depth,
    figurative_journey,
    parse,
    passed_over,
    shared_subjects,
    to_clause,
    withheld_comment,
)
from storyline.events.patterns import PatternSet
from storyline.events.roles import (
    agent_of_passive,
    subjects,
)
from storyline.events.triggers import ANSWER_ROOTS, ASKING_ROOTS, Trigger, find_triggers
from storyline.events.undergoers import armed
from storyline.model import (
    Article,
    Sentence,
    Token,
)

# An outer event of these roots states an intent, a demand or a refusal about its inner event.
STATEMENT_OF = {"03": "intent", "10": "demand", "12": "refusal"}


OFFERING = {"offer", "promise", "pledge"}  # verbs of offering: what they give is no threat


def absorb(s: Parse, trigs: list[Trigger], gov: dict[int, Governance]) -> None:
    """An appeal, intent, demand, refusal or threat about another event absorbs it.

    Only a generic outer code is refined ("pledge" 030 + cooperate -> 031); "invite" (036) stays.
    """
    ps = s.ps
    for trig in trigs:
        outer = gov[trig.token.i].outer
        if outer is None or outer.pattern.kind != "verb":
            continue
        table = ps.compose.get(outer.code[:2])
        if table is None or (outer.code[:2] == "01" and outer.code != "014"):
            continue  # of the statements, only considering an act holds it ("considering
            # sending aid to X" is no aid yet)
        if (
            trig.pattern.kind == "noun"
            and trig.code[:2] in ASKING_ROOTS
            and (outer.code[:2] in ANSWER_ROOTS or outer.code == "014")
        ):
            continue  # "rejected Libyan demands": the demand was made, the rejection answers it
        trig.consumed = True
        outer.inner.append(trig)
        if len(outer.code) == 3 and outer.code.endswith("0"):  # only a "not specified" code
            kind = STATEMENT_OF.get(outer.code[:2])
            new = prefixed(ps.statement.get(kind, {}), trig.code) if kind else None
            outer.code = new or table.get(trig.code[:2], outer.code)
            if trig.code[:2] == "15" and outer.token.lemma.lower() in OFFERING:
                outer.code = "0332"  # "offered to send troops to Somalia": forces offered are aid
            if outer.code[:2] == "12" and withheld_comment(s, outer.token):
                outer.code = "011"  # "declined to say when talks would resume": no comment
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


# Roots of violence proper: unconventional violence, fighting, mass violence.
VIOLENT_ROOTS = {"18", "19", "20"}


ARMED = {"MIL", "COP", "REB"}


# Civilians who turn violent protest violently (145): farmers, workers, crowds, opposition.
CROWD = {"CVL", "AGR", "LAB", "OPP", "EDU"}


# Verdicts on an act: praising, backing, criticising, condemning, rejecting it is done to
# whoever did it ("backed the United States' attack" is support of the United States).
VERDICT_ROOTS = {"01", "05", "11", "12"}


# What a demand says will follow if it is not met: "told Japan to open its markets or face
# sanctions" gives an ultimatum (139), not only a demand.
PENALTIES = {"face", "risk", "suffer", "incur"}
DEMANDING_ROOTS = {"10", "13"}


def ultimatums(s: Parse, trigs: list[Trigger]) -> None:
    for trig in trigs:
        if trig.consumed or trig.code[:2] not in DEMANDING_ROOTS or trig.code == "139":
            continue
        top = s.toks[trig.token.head] if trig.token.dep == "aux" else trig.token  # "must go"
        acts, frontier = [top], [top]
        for _ in range(2):  # "warned Iran to stop enriching uranium or risk sanctions"
            frontier = [c for v in frontier for c in s.kids[v.i] if c.dep in {"xcomp", "ccomp"}]
            acts += frontier
        for v in acts:
            kids = s.kids[v.i]
            if any(c.dep == "cc" and c.text.lower() == "or" for c in kids) and any(
                c.dep == "conj" and c.lemma.lower() in PENALTIES for c in kids
            ):
                trig.code = "139"
                break


def coded(s: Parse, sent: Sentence) -> tuple[list[Trigger], dict[int, Governance]]:
    """A sentence's triggers with what governs each, after intents and appeals absorbed theirs."""
    trigs = find_triggers(s, sent.token_start, sent.token_end)
    trig_by_tok = {t.token.i: t for t in trigs}
    gov = {t.token.i: governance(s, t, trig_by_tok) for t in trigs}
    armed_help(s, trigs)
    absorb(s, trigs, gov)
    clause_demands(trigs, trig_by_tok, s.ps)
    specific_nouns(s, trigs, trig_by_tok)
    consequences(s, trigs)
    purposes(s, trigs, gov)
    conditions(s, trigs)
    ultimatums(s, trigs)
    denied_charges(s, trigs, trig_by_tok)
    verbal_attacks(s, trigs)
    grounds(s, trigs)
    empty_demands(s, trigs)
    for trig in trigs:  # "firms heading for bankruptcy go nowhere": not what "said" reports
        if (
            trig.code == "042"
            and not child(s, trig.token, {"dobj", "obj"})  # "visit Moscow for talks" is one
            and figurative_journey(s, trig.token)
        ):
            trig.consumed = True
    bare_statements(s, trigs)
    ended_acts(s, trigs, trig_by_tok)
    for trig in trigs:
        if passed_over(s, trig.token):
            trig.consumed = True
        if trig.pattern.requires_inner and not trig.inner:
            trig.consumed = True  # "the talks failed" is not a refusal; "failed to agree" is
        if trig.pattern.source_code and not trig.consumed and trig.code == trig.pattern.code:
            trig.code = by_source(s, trig)
        g = gov[trig.token.i]
        if not trig.consumed and g.outer is None:
            trig.code = statement_code(trig.code, g, s.ps)
    return trigs, gov


# Yielding and cutting relations: "called off the protests" (082), "suspended the talks"
# (164), "lifted the sanctions" (085) report the end of the act their object names.
ENDING_ROOTS = {"08", "16"}


def ended_acts(s: Parse, trigs: list[Trigger], by_tok: dict[int, Trigger]) -> None:
    """The act a verb of ending takes as its object is not reported as done that day: the
    farmers who suspended their protests did not protest, the state that lifted sanctions
    did not impose them."""
    for t in trigs:
        if t.consumed or t.pattern.kind != "verb" or t.code[:2] not in ENDING_ROOTS:
            continue
        objs = [o for o in s.kids[t.token.i] if o.dep in {"dobj", "obj"}]
        objs += [c for o in objs for c in s.kids[o.i] if c.dep == "conj"]
        for o in objs:
            ended = by_tok.get(o.i)
            if ended is not None and ended is not t and ended.pattern.kind == "noun":
                ended.consumed = True


# Verbs of harm that tell what an act of force did ("attacked the villages, killing 90").
HARM = {"kill", "wound", "injure", "leave", "claim", "destroy", "damage", "displace"}


def consequences(s: Parse, trigs: list[Trigger]) -> None:
    """ "X attacked Y, killing 90", "an attack which killed 37": the killing is what the attack
    did, not a second event."""
    by_tok = {t.token.i: t for t in trigs}
    for trig in trigs:
        t = trig.token
        deps = {"advcl", "conj", "xcomp", "relcl"}
        if trig.consumed or t.lemma.lower() not in HARM or t.dep not in deps:
            continue
        sister = by_tok.get(t.head) if t.dep == "conj" else None
        if sister is not None and sister.consumed and sister.token.lemma.lower() in HARM:
            trig.consumed = True  # "who killed seven and wounded 30"
            continue
        if t.tag != "VBG" and t.dep not in {"xcomp", "relcl"}:
            continue
        head = by_tok.get(t.head)
        h = s.toks[t.head]
        if head is None and t.dep == "relcl" and h.dep == "pobj" and h.head != h.i:
            # "was targeted by a suicide bomber who killed seven": the doer's killing is
            # what the act of force did
            by = s.toks[h.head]
            if by.dep == "agent" and by.lemma.lower() == "by":
                head = by_tok.get(by.head)
        if head is None or head.code[:2] not in FORCE_ROOTS:
            continue
        if not head.consumed or head.token.lemma.lower() in HARM:
            # "killing 90 people and wounding 230": the second harm is the first's sister
            trig.consumed = True


def verbal_attacks(s: Parse, trigs: list[Trigger]) -> None:
    """ "attacked the network for its coverage", "assailed Congress for blocking the bill": an
    attack for what someone did or said is a criticism (111), not force."""
    for trig in trigs:
        t = trig.token
        if trig.consumed or t.lemma.lower() not in {"attack", "assail"} or t.pos != "VERB":
            continue
        # troops attacking "positions", a town "for its strategic value" use force
        unarmed = not any(armed(s, d) for d in shared_subjects(s, t))
        if unarmed and any(o.lemma.lower() in SAID for o in child(s, t, {"dobj"})):
            trig.code = "111"  # "attacked the tone of the coverage", "attacked the plan"
        # "for" on the verb or on its object ("attacked the opposition for its stance")
        for c in [k for h in [t, *child(s, t, {"dobj"})] for k in s.kids[h.i]]:
            if c.dep != "prep" or c.lemma.lower() != "for":
                continue
            for o in s.kids[c.i]:
                # "for its prices", "for its coverage": a reason; "for hours", "for a second
                # day", "for revenge" say how long or why force was used
                ground = o.pos == "NOUN" and o.lemma.lower() not in NOT_GROUNDS and unarmed
                timed = o.ent_type in {"DATE", "TIME"} or child(s, o, {"nummod"})
                conduct = o.tag == "VBG" or o.lemma.lower() in CONDUCT or (ground and not timed)
                if o.dep in {"pobj", "pcomp"} and conduct:
                    trig.code = "111"


def grounds(s: Parse, trigs: list[Trigger]) -> None:
    """ "criticised the US for sending too many soldiers", "accused Israel of killing X": what
    a criticism or accusation is about is its ground, a claim, not an event the text reports
    (the coding conventions do not code it apart; a denial of it is coded by denied_charges)."""
    by_tok = {t.token.i: t for t in trigs}
    for trig in trigs:
        t = trig.token
        if trig.consumed or t.tag != "VBG" or t.dep != "pcomp" or t.head == t.i:
            continue
        prep = s.toks[t.head]
        if prep.lemma.lower() not in {"for", "of", "over"} or prep.head == prep.i:
            continue
        verb = s.toks[prep.head]
        if verb.dep in {"dobj", "obj"} and verb.pos in {"NOUN", "PROPN"} and verb.head != verb.i:
            verb = s.toks[verb.head]  # "accused Israel of killing": "of" hung on the object
        judge = by_tok.get(verb.i)
        if judge is not None and not judge.consumed and judge.code[:2] == "11":
            trig.consumed = True


# What force is used "for" with no reason to criticise: a time, revenge.
NOT_GROUNDS = {"time", "hour", "day", "week", "month", "year", "night", "minute", "while",
               "revenge", "retaliation", "reprisal", "reprisals", "control", "cover"}  # fmt: skip
# What someone says or decides in office, attacked only in words: as the object of "attacked"
# (with what is proposed), or as what someone is attacked *for* (with the rest of their conduct).
WORDS_AND_DECISIONS = {
    "coverage", "handling", "policy", "policies", "remark", "remarks", "comment", "comments",
    "statement", "statements", "stance", "decision", "views", "speech", "rhetoric",
}  # fmt: skip
SAID = WORDS_AND_DECISIONS | {
    "tone", "plan", "plans", "proposal", "proposals", "idea", "ideas", "bill", "law", "report",
    "claim", "claims", "reporting", "budget", "reform", "reforms", "ruling",
}  # fmt: skip
CONDUCT = WORDS_AND_DECISIONS | {
    "role", "position", "response", "failure", "support", "action", "actions", "conduct",
    "treatment", "record", "silence", "inaction", "approach", "behaviour", "behavior",
}  # fmt: skip


def purposes(s: Parse, trigs: list[Trigger], gov: dict[int, Governance]) -> None:
    """ "sent troops to help the rescue", "a meeting to improve relations": what an act is for
    is not a second event (a planned meeting is still told: "flew to Moscow to meet X")."""
    by_tok = {t.token.i: t for t in trigs}
    for trig in trigs:
        t = trig.token
        call = by_tok.get(t.head)
        if (
            trig.code[:2] == "04"
            and t.dep in {"advcl", "xcomp"}
            and call is not None
            and call.code == "041"
            and to_clause(s, t)
        ):
            trig.consumed = True  # "called Lavrov to discuss Syria": one call, not a meeting
            continue
        if trig.consumed or t.dep not in {"advcl", "acl"} or trig.code[:2] == "04":
            continue
        if not to_clause(s, t):
            continue
        head = s.toks[t.head]
        if head.lemma.lower() in s.ps.intent_nouns | s.ps.demand_nouns | s.ps.hypothetical_nouns:
            continue  # "plans to withdraw" is the plan's content, not its purpose
        outer = gov[t.i].outer  # "signed an accord to supply X": the accord's content; but
        # "suspended protests to allow talks" says why an act was ended
        if head.lemma.lower() in s.ps.intent | s.ps.demand or (
            outer is not None and outer.code[:2] not in ENDING_ROOTS
        ):
            continue  # "swore to fight", misparsed as an adverbial clause: a complement
        trig.consumed = True


def conditions(s: Parse, trigs: list[Trigger]) -> None:
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


def denied_charges(s: Parse, trigs: list[Trigger], by_tok: dict[int, Trigger]) -> None:
    """ "denied charges of bombing X", "denied a report that it shipped arms to Iran": the
    act denied, negated, not a denial of responsibility besides."""
    for trig in trigs:
        if trig.consumed or trig.code != "016" or trig.obj is None:
            continue
        for p in s.kids[trig.obj.i]:
            if p.dep == "prep" and p.lemma.lower() == "of":
                inner = [by_tok.get(o.i) for o in s.kids[p.i] if o.dep in {"pcomp", "pobj"}]
            elif (
                p.dep in {"acl", "ccomp"}
                and any(k.dep == "mark" for k in s.kids[p.i])
                and trig.obj.lemma.lower() in ACCOUNTS  # an accusation's denial stays 016
                and not accuser(s, trig.obj)  # "rejected a report by X that ...": X answered
            ):
                # a "that" clause saying what the report says ("was continuing to ship")
                inner = [by_tok.get(p.i)] + [by_tok.get(c.i) for c in clause_verbs(s, p)]
            else:
                continue
            if any(i is not None and not i.consumed for i in inner):
                trig.consumed = True


# What tells that something happened, unlike a charge laid on someone ("denied a report
# that it shipped arms" is the shipping denied; "rejected accusations that ..." is 016).
ACCOUNTS = {"report", "story", "rumour", "rumor", "claim", "news", "suggestion"}


def accuser(s: Parse, charge: Token) -> bool:
    return any(
        c.dep == "poss" or (c.dep in {"prep", "agent"} and c.lemma.lower() in {"by", "from"})
        for c in s.kids[charge.i]
    )


def clause_verbs(s: Parse, v: Token) -> list[Token]:
    """The verbs a clause's head carries on to ("was continuing to ship", "tried to send")."""
    out, stack = [], [v]
    while stack:
        h = stack.pop()
        for c in s.kids[h.i]:
            if c.dep in {"xcomp", "conj"} and c.pos in {"VERB", "AUX"}:
                out.append(c)
                stack.append(c)
    return out


def empty_demands(s: Parse, trigs: list[Trigger]) -> None:
    """ "said the two countries must first restore trust": a demand needs someone to demand
    it of; without one the saying is a statement."""
    for trig in trigs:
        clause = trig.pattern.roles == "clause" and trig.obj is not None and not trig.consumed
        if clause and trig.obj is not None and not subjects(s, trig.obj)[0]:
            trig.consumed = True


STATEMENT_NOUNS = {"statement", "communique", "declaration", "message", "letter", "note"}


def bare_statements(s: Parse, trigs: list[Trigger]) -> None:
    """A reporting verb is a statement (010) only when what it reports holds no other event:
    "X said Y attacked Z" is Y attacking Z, with X as the speaker."""
    live = [t for t in trigs if not t.consumed]
    for trig in live:
        # "issued a statement urging X to ...": the statement is what it urges
        issued = trig.obj is not None and trig.obj.lemma.lower() in STATEMENT_NOUNS
        if not (trig.token.lemma.lower() in s.ps.reporting or issued) or trig.code[:2] != "01":
            continue
        own_statement = trig.code == "010" and trig.token.lemma.lower() in s.ps.reporting
        if trig.pattern.id != "express" and not trig.pattern.dictionary and not own_statement:
            continue  # ("acknowledged that X ...": a reporting verb of our own, read as 010)
        for other in live:
            if other is trig:
                continue
            if under(s, other.token, trig.token) or (
                under(s, trig.token, other.token)
                and path_deps(s, trig.token, other.token) & {"parataxis", "ccomp", "advcl"}
            ):
                trig.consumed = True
                break


def under(s: Parse, t: Token, top: Token) -> bool:
    cur, n = t, 0
    while cur.head != cur.i and n < 64:
        cur = s.toks[cur.head]
        if cur.i == top.i:
            return True
        n += 1
    return False


def path_deps(s: Parse, t: Token, top: Token) -> set[str]:
    deps, cur, n = set(), t, 0
    while cur.i != top.i and cur.head != cur.i and n < 64:
        deps.add(cur.dep)
        cur = s.toks[cur.head]
        n += 1
    return deps


def clause_demands(trigs: list[Trigger], by_tok: dict[int, Trigger], ps: PatternSet) -> None:
    """ "Y must cooperate" said by X: the demand absorbs the event it demands (101)."""
    for trig in trigs:
        if trig.pattern.roles != "clause" or trig.obj is None:
            continue
        inner = by_tok.get(trig.obj.i)
        if inner is None or inner.consumed:
            continue
        inner.consumed = True
        trig.inner.append(inner)
        trig.code = prefixed(ps.statement.get("demand", {}), inner.code) or trig.code


def specific_nouns(s: Parse, trigs: list[Trigger], by_tok: dict[int, Trigger]) -> None:
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
                and noun.code[:2] in VIOLENT_ROOTS
            ):
                trig.code = noun.code  # "killed in an attack by X" is one event, the attack's
                noun.consumed = True
                trig.via = noun
                break


def by_source(s: Parse, trig: Trigger) -> str:
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


def prefixed(table: dict[str, str], code: str) -> str | None:
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
        coded = prefixed(ps.statement.get("intent", {}), code) or code
        return coded if coded[:2] == "13" else "130"  # "will pull out unless ...": a threat
    if g.modality == "intent" and g.scheduled and code[:2] == "04":
        return code  # "will meet on Monday": a scheduled meeting, coded as a meeting
    if g.modality == "intent" or (g.modality == "hypothetical" and g.conditional):
        return prefixed(ps.statement.get("intent", {}), code) or code
    if g.modality == "demand":
        return prefixed(ps.statement.get("demand", {}), code) or code
    return code


def refusal_code(code: str, polarity: str, modality: str, ps: PatternSet) -> str:
    """Classification only: "will not lift the ban" states a refusal to yield (124)."""
    if polarity == "negated" and modality == "intent":
        return prefixed(ps.statement.get("refusal", {}), code) or code
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
        trigs, gov = coded(s, sent)
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
                    main_depth(s, trig, trigs),
                    trig.pattern.kind,
                    trig.pattern.id,
                )
            )
    return out


def main_depth(s: Parse, trig: Trigger, trigs: list[Trigger]) -> int:
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
