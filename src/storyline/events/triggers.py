"""Triggers: the verbs and nouns of a sentence that the pattern data says report an event."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from storyline.events.lexicon import (
    MOTION,
    Alternatives,
    DictPattern,
    DictVerb,
    any_phrase,
    bare_journey,
    bare_prep,
    is_money,
)
from storyline.events.nouns import no_event_noun, peaceful, premodifiers
from storyline.events.parse import (
    COMPASS,
    JUDGING,
    NAMING,
    Parse,
    child,
    dated_prep,
    described_noun,
    done_to_oneself,
    named_complement,
    no_act_of_its_own,
    objects_of,
    of_objects,
    passive_without_doer,
    patient_of,
    shared_subjects,
    stated,
    subjunctive,
    to_clause,
)
from storyline.events.patterns import Pattern
from storyline.events.questions import asked_question, inside_question
from storyline.events.undergoers import (
    armed,
    crowd,
    met_someone,
    names_actor,
    no_act,
    officials,
    out_of,
    several,
    statehood,
    target_prep_objects,
)
from storyline.model import Token

DEMAND_CLAUSE = Pattern(id="must-clause", code="100", kind="verb", no_target=True, roles="clause")


@dataclass(slots=True)
class Trigger:
    token: Token
    pattern: Pattern
    code: str
    obj: Token | None = None  # the object that completed a verb+object pattern ("hold talks")
    consumed: bool = False
    inner: list[Trigger] = field(default_factory=list)
    # The event noun a generic verb took its code from ("killed in air raids into X").
    via: Trigger | None = None


# ---- triggers -------------------------------------------------------------------------------
def find_triggers(p: Parse, start: int, end: int) -> list[Trigger]:
    found: list[Trigger] = []
    used_objects: set[int] = set()
    for t in p.toks[start:end]:
        if (
            t.pos not in {"VERB", "AUX"}
            or asked_question(p, t)
            or inside_question(p, t)
            or no_act_of_its_own(p, t)
        ):
            continue
        trig = _own_verb(p, t) or _dictionary_verb(p, t)
        if trig is None or done_to_oneself(p, t, trig.code) or no_act(p, t, trig.code):
            continue
        found.append(trig)
        obj = trig.obj
        if obj is not None:
            used_objects.add(obj.i)
            used_objects.update(c.i for c in p.kids[obj.i] if c.dep in {"compound", "conj"})
            if obj.dep == "compound":
                used_objects.add(obj.head)
    for t in p.toks[start:end]:
        stance = t.pos == "ADJ" and t.dep == "acomp"  # "X is skeptical of Y"
        if (t.pos not in {"NOUN", "PROPN"} and not stance) or t.i in used_objects:
            continue
        pat = p.ps.nouns.get(t.lemma.lower()) or p.ps.nouns.get(t.text.lower())
        if pat is None or stance != (pat.roles == "stance") or no_event_noun(p, t):
            continue
        if pat.requires_modifier and not any(
            c.lemma.lower() in pat.requires_modifier for c in p.kids[t.i]
        ):
            continue
        if premodifiers(p, t) & pat.not_modifier:
            continue  # "a legal battle", "a heart attack"
        if pat.roles == "answered" and answering_verb(p, t) is None:
            continue
        ofs = of_objects(p, t)
        if pat.requires_of and not ofs:
            continue
        if pat.requires_of and pat.object_code:
            # "the suspension of aid": an event only when what it is of is a thing it codes
            known = {k for k, _ in pat.object_code}
            if not any(o.lemma.lower() in known or o.text.lower() in known for o in ofs):
                continue
        found.append(Trigger(t, pat, _modified(p, t, pat)))
    found.extend(_demand_clauses(p, start, end, {tr.token.i for tr in found}))
    return found


def _own_verb(p: Parse, t: Token) -> Trigger | None:
    """storyline's own patterns (patterns.yaml) for the verb, tried in order."""
    if t.lemma.lower() in JUDGING and child(p, t, {"oprd"}) and child(p, t, {"dobj"}):
        return None  # "called the actor a consummate entertainer": a name given, no call
    for pat in p.ps.verbs.get(t.lemma.lower(), ()):
        hit = _verb_match(p, t, pat)
        if hit is not None:
            obj, code = hit
            return Trigger(t, pat, code, obj)
    return None


def _dictionary_verb(p: Parse, v: Token) -> Trigger | None:
    """The CAMEO dictionary's reading of a verb: its most specific matching pattern, else the
    verb's default code (only for verbs storyline's own patterns leave to the dictionary)."""
    lemma = v.lemma.lower()
    entries = p.ps.lexicon.verbs.get(lemma)
    if not entries or lemma in p.ps.dictionary_off:
        return None
    if lemma in NAMING and child(p, v, {"oprd"}):
        return None  # "called the cuts savage attacks": a name given, no call made
    undergone = _undergone(p, v)
    objs = {o.lemma.lower() for o in undergone}
    mods = {w for o in undergone for w in premodifiers(p, o)}
    if (
        objs & p.ps.dictionary_not_object.get(lemma, frozenset())
        or peaceful(p, undergone)
        or any(
            (objs | {o.lemma.lower() for o in target_prep_objects(p, v, pat)}) & pat.not_object
            or (pat.object and objs & pat.object and mods & pat.not_modifier)
            for pat in p.ps.verbs.get(lemma, ())
        )
    ):
        return None  # "fight the epidemic", "launch a relief operation": our pattern says no
        # such act, whoever does it
    # Patterns that claim a verb only in one construction ("told X to ...", "arrived in X")
    # leave its other uses to the dictionary's reading.
    visits = any(pat.visit for pat in p.ps.verbs.get(lemma, ()))
    own = lemma in p.ps.dictionary_defaults_off or any(
        not (pat.requires_to_clause or pat.visit) for pat in p.ps.verbs.get(lemma, ())
    )
    particles = {
        c.lemma.lower()
        for c in p.kids[v.i]
        if c.dep in {"prt", "advmod"} or (c.dep == "prep" and not p.kids[c.i])
    }
    preps = {c.lemma.lower() for c in p.kids[v.i] if c.dep == "prep"}
    if any(e.code == "---" and e.particle in preps for e in entries):
        return None  # "embark on austerity measures": the dictionary says no event
    # A particle verb ("call off", "shoot down") before the plain one.
    ranked = sorted(entries, key=lambda e: e.particle is None)
    for entry in ranked:
        if entry.particle is not None and entry.particle not in particles:
            continue
        view = _VerbView(p, v)
        for pat in p.ps.lexicon.patterns(entry):
            if pat.particle is not None and pat.particle not in particles:
                continue
            if bare_journey(pat) and (
                not (entry.code[:2] == "04" or lemma in MOTION) or child(p, v, {"dobj"})
            ):
                continue  # "head for X" goes; "administered it to", "headed a fund for" not
            if visits and bare_prep(pat):
                continue  # "flew its divers to the wreck": our visit pattern said no visit
            obj = view.matches(pat)
            if obj is False:
                continue
            if pat.code == "---":
                return None
            if obj and _names_own_event(p, obj):
                return None  # "launched a mediation effort": the event noun says what it is
            return Trigger(v, _as_pattern(pat, entry), pat.code, obj or None)
        if (own and not (entry.particle and entry.code[:2] == "08")) or entry.code == "---":
            return None  # a particle verb of yielding ("gave in", "backed down") stays
        return Trigger(v, _default_pattern(entry), entry.code)
    return None


def _names_own_event(p: Parse, obj: Token) -> bool:
    """The object (or a word compounded with it) is an event noun of storyline's own."""
    words = [obj, *(c for c in p.kids[obj.i] if c.dep in {"compound", "amod"})]
    for w in words:
        pat = p.ps.nouns.get(w.lemma.lower()) or p.ps.nouns.get(w.text.lower())
        if pat is not None and pat.roles != "answered":  # "issued a plea": the verb codes it
            return True
    return False


# A request or demand is made of whoever the clause says answered it: "Britain acceded to
# Libyan demands", "rejected an Ethiopian request", "stopped flights at Haiti's request".
ANSWER_VERBS = {"accede", "accept", "agree", "comply", "heed", "honour", "honor", "grant",
                "meet", "satisfy", "bow", "yield", "give", "respond", "reply", "answer",
                "reject", "refuse", "deny", "ignore", "rebuff", "dismiss", "decline", "spurn",
                "turn"}  # fmt: skip
ANSWER_PREPS = {"to", "with", "at", "upon", "on"}
# "at X's request", "on Putin's invitation": whatever the clause does, it does at the asker's
# bidding ("following an appeal" is only after it).
BIDDING_PREPS = {"at", "on", "upon"}
# Roots of asking (appeals, demands) and of answering (yielding, rejecting).
ASKING_ROOTS = {"02", "10"}
ANSWER_ROOTS = {"08", "12"}


def answering_verb(p: Parse, n: Token, also: frozenset[int] = frozenset()) -> Token | None:
    """The verb of the clause that answers an asking noun: the one it is the object of
    ("rejected X's demands", "acceded to X's demands"), or the clause done at its bidding ("at
    X's request", "at the request of X").  ``also``: verbs known to answer by their code."""
    if n.head == n.i:
        return None
    head = p.toks[n.head]
    prep = head.lemma.lower()
    if n.dep == "pobj" and prep in ANSWER_PREPS and head.head != head.i:
        verb = p.toks[head.head]
        if verb.dep in {"dobj", "obj"} and verb.head != verb.i:
            verb = p.toks[verb.head]  # "halted flights at X's request": hung on the object
        bidding = prep in BIDDING_PREPS
    elif n.dep in {"dobj", "obj", "nsubjpass"}:
        verb, bidding = head, False
    else:
        return None
    if verb.pos not in {"VERB", "AUX"}:
        return None
    if bidding or verb.lemma.lower() in ANSWER_VERBS or verb.i in also:
        return verb
    return None


class _VerbView:
    """A verb's dependents, gathered once for matching many dictionary patterns."""

    def __init__(self, p: Parse, v: Token) -> None:
        self.p = p
        self.v = v
        kids = p.kids[v.i]
        described = next(iter(patient_of(p, v)), None)
        passive = described_noun(p, v) is not None or any(
            c.dep in {"nsubjpass", "auxpass"} for c in kids
        )
        self.objects = [c for c in kids if c.dep in {"dobj", "obj", "attr", "oprd", "dative"}] + (
            [c for c in kids if c.dep == "nsubjpass"] if passive else []
        )
        if described is not None:
            self.objects.append(described)
        self.subjects = [c for c in kids if c.dep in {"nsubj", "csubj"}]
        if passive:
            self.subjects += [o for a in kids if a.dep == "agent" for o in p.kids[a.i]]
        self._under: dict[int, list[Token]] = {}
        self.everything = self.under(v)

    def under(self, t: Token) -> list[Token]:
        got = self._under.get(t.i)
        if got is None:
            got, stack = [], [t]
            while stack:
                h = stack.pop()
                got.append(h)
                stack.extend(self.p.kids[h.i])
            self._under[t.i] = got
        return got

    def _phrase_at(self, alts: Alternatives, heads: list[Token]) -> Token | None:
        for h in heads:
            if any_phrase(alts, h, self.under(h)):
                return h
        return None

    def _preps(self, prep: str) -> list[Token]:
        out = [c for c in self.p.kids[self.v.i] if c.dep in {"prep", "agent", "dative", "prt"}]
        for o in self.objects:
            out += [c for c in self.p.kids[o.i] if c.dep == "prep"]
        return [c for c in out if c.lemma.lower() == prep and not dated_prep(self.p, c)]

    def matches(self, pat: DictPattern) -> Token | bool | None:
        """False when the pattern does not fit; else the object it matched on (or None)."""
        obj = None
        if pat.object is not None:
            obj = self._phrase_at(pat.object, self.objects)
            if obj is None:
                return False
        if pat.subject is not None and self._phrase_at(pat.subject, self.subjects) is None:
            return False
        for prep, alts in pat.preps:
            preps = self._preps(prep)
            if not preps:
                return False
            if alts is not None:
                pobjs = [o for c in preps for o in self.p.kids[c.i] if o.dep in {"pobj", "pcomp"}]
                if self._phrase_at(alts, pobjs) is None:
                    return False
        for alts in pat.also:
            if not any(any_phrase(alts, t, [t]) for t in self.everything if t.i != self.v.i):
                return False
        return obj


# The places a dictionary verb's target may be, in order, when the pattern does not say.
DEFAULT_TARGETS = (
    "dobj",
    "prep:against",
    "prep:on",
    "prep:at",
    "prep:into",
    "prep:to",
    "prep:with",
    "prep:toward",
    "prep:towards",
    "prep:upon",
    "prep:over",
    "obj-prep:against",
    "obj-prep:on",
    "obj-prep:at",
    "obj-prep:into",
    "obj-prep:to",
    "obj-prep:with",
    "obj-prep:for",
    "dative",
    "prep:about",
    "prep:of",
)
# Consultations are done together: "A and B met" is both meeting the other.
RECIPROCAL_CODES = ("040", "041", "044", "046")


def reciprocal_code(code: str) -> bool:
    return code.startswith(RECIPROCAL_CODES) or code in {"050", "057", "062", "0871"}


@lru_cache(maxsize=8192)
def _as_pattern(pat: DictPattern, verb: DictVerb) -> Pattern:
    if pat.target == "object":
        target: tuple[str, ...] = ("dobj",)
    elif pat.target and pat.target.startswith("prep:"):
        target = (pat.target, "obj-" + pat.target)
    else:
        target = DEFAULT_TARGETS
    source = (pat.source, "obj-" + pat.source) if pat.source else ()
    return Pattern(
        id=f"cameo:{pat.line}",
        code=pat.code,
        kind="verb",
        target=target,
        reciprocal=reciprocal_code(pat.code),
        no_target=True,
        source=source,
        reverse=pat.reverse,
        dictionary=True,
    )


@lru_cache(maxsize=4096)
def _default_pattern(verb: DictVerb) -> Pattern:
    return Pattern(
        id=f"cameo:{verb.line}",
        code=verb.code,
        kind="verb",
        target=DEFAULT_TARGETS,
        reciprocal=reciprocal_code(verb.code),
        no_target=True,
        dictionary=True,
        # A bare verb of force takes the code of the event noun that says how it was done.
        generic=verb.code[:2] in {"18", "19"},
    )


FORCE_WORDS = {"attack", "missile", "rocket", "bomb", "bombing", "raid", "shelling", "shell",
               "military", "army", "troop", "soldier", "warplane", "jet", "drone", "artillery",
               "target", "militant", "rebel", "killing", "kill", "retaliation", "retaliate",
               "ceasefire", "war"}  # fmt: skip
WORK_WORDS = {"worker", "union", "employee", "wage", "pay", "labor", "labour", "teacher",
              "doctor", "nurse", "driver", "miner", "staff", "picket", "walkout", "salary"}  # fmt: skip
STOPPAGES = {"general", "national", "nationwide", "indefinite", "token", "wildcat", "sit-in"}


def _modified(p: Parse, t: Token, pat: Pattern) -> str:
    """A noun's code refined by its modifiers ("bomb attack", "hunger strike") or by what it is
    of ("the removal of sanctions" eases sanctions; "the removal of troops" is a withdrawal)."""
    if pat.modifier_code:
        mods = {c.lemma.lower() for c in p.kids[t.i] if c.dep in {"compound", "amod", "nmod"}}
        for word, code in pat.modifier_code:
            if word in mods:
                return code
    if pat.code == "143" and t.lemma.lower() == "strike":
        # "its troops answered the latest strikes": a bare "strike" among words
        # of force is military, among words of work a stoppage
        sent = p.a.sentences[t.sent]  # its own sentence, not a pass over the article
        words = {w.lemma.lower() for w in p.toks[sent.token_start : sent.token_end]}
        own = {c.lemma.lower() for c in p.kids[t.i] if c.dep in {"amod", "compound"}}
        if words & FORCE_WORDS and not (words & WORK_WORDS or own & STOPPAGES):
            return "190"
    if pat.object_code:
        for c in p.kids[t.i]:
            if c.dep == "prep" and c.lemma.lower() == "of":
                for o in p.kids[c.i]:
                    if o.dep == "pobj":
                        return pat.code_for_object(o.lemma.lower(), o.text.lower())
    return pat.code


def _demand_clauses(p: Parse, start: int, end: int, taken: set[int]) -> list[Trigger]:
    """ "X said Y must hand over Z": a demand by X on Y whatever the verb of the clause."""
    if not p.ps.demand_clause:
        return []
    out = []
    for t in p.toks[start:end]:
        if (
            t.dep == "aux"
            and t.lemma.lower() in p.ps.demand_clause
            and t.i not in taken
            and p.toks[t.head].pos in {"VERB", "AUX"}
            and p.toks[t.head].dep in {"ccomp", "ROOT"}
        ):
            out.append(Trigger(t, DEMAND_CLAUSE, DEMAND_CLAUSE.code, p.toks[t.head]))
    return out


# Nouns that only hold the act named before or after them: "part of its aid", "mediation
# efforts", "a military aid program".
PARTITIVE = {"part", "portion", "half", "some", "most", "much", "all", "rest", "share", "dozen",
             "dozens", "hundreds", "thousands", "scores", "several", "many", "one"}  # fmt: skip
CONTAINERS = {"effort", "program", "programme", "process", "package", "project", "scheme",
              "strike", "strikes"}  # fmt: skip


# Words of pycountry's currency names that are also ordinary words or no currency at all.
def _object_words(p: Parse, o: Token) -> list[Token]:
    """The object and, when it is only a part or a container, the act it holds."""
    out = [o]
    if o.lemma.lower() in COMPASS:
        # "launched an offensive east of Basra", where the parser makes "offensive" an
        # adjective of "east": the act is the adjective.
        out += [c for c in p.kids[o.i] if c.dep == "amod" and c.i < o.i]
    if o.lemma.lower() in PARTITIVE:
        for c in p.kids[o.i]:
            if c.dep == "prep" and c.lemma.lower() == "of":
                out += [x for x in p.kids[c.i] if x.dep == "pobj"]
    # "launched air and ground attacks": the parser makes the bare first modifier the
    # object and the act its conjunct
    if not any(c.dep in {"det", "poss", "nummod"} for c in p.kids[o.i]):
        out += [c for c in p.kids[o.i] if c.dep == "conj" and c.pos == "NOUN" and c.i - o.i <= 4]
    for x in list(out):
        if x.lemma.lower() in CONTAINERS:
            out += [c for c in p.kids[x.i] if c.dep == "compound" and c.pos == "NOUN"]
    return out


# Words for a part of what follows "of": "captured most of the spilled fuel".
PORTIONS = {"some", "much", "most", "all", "part", "half", "many", "lot", "bulk", "rest", "any",
            "total", "number", "handful", "couple", "series", "batch", "pair", "set"}  # fmt: skip


def _undergone(p: Parse, v: Token) -> list[Token]:
    """What a verb is done to however it is written: its object, a passive's subject, the noun
    a participle describes, and what a portion of it names ("captured most of the fuel")."""
    described = [n for n in [described_noun(p, v)] if n is not None]
    # "the worst sin that a politician can commit": a relative pronoun is the noun it stands for
    if v.dep == "relcl" and any(o.tag in {"WDT", "WP"} for o in child(p, v, {"dobj", "nsubjpass"})):
        described.append(p.toks[v.head])
    out = child(p, v, {"dobj", "obj", "nsubjpass"}) + described
    # "ordered 750 of the planes"
    return out + [
        o for d in out if d.lemma.lower() in PORTIONS or d.pos == "NUM" for o in of_objects(p, d)
    ]


# Particles the tagger may take for adverbs ("walked out", "stepped down").
PARTICLES = {"out", "down", "off", "up", "back", "away", "over"}


def _particle(p: Parse, v: Token, c: Token) -> bool:
    """A verb's particle, as the parser marks it or as the tagger calls it ("walked out",
    "stepped down"); not one past a prepositional phrase, which is the noun's ("walking along
    the road with their hands out")."""
    marked = c.dep == "prt" or (
        c.dep == "advmod" and (c.tag == "RP" or (c.lemma.lower() in PARTICLES and c.i == v.i + 1))
    )
    return marked and not any(k.dep == "prep" and v.i < k.i < c.i for k in p.kids[v.i])


def _verb_match(p: Parse, v: Token, pat: Pattern) -> tuple[Token | None, str] | None:
    if pat.prep is not None and not (
        any(
            c.lemma.lower() == pat.prep and not dated_prep(p, c) and not out_of(p, v, c)
            for c in p.kids[v.i]
            if c.dep in {"prep", "agent"} or _particle(p, v, c)
        )
        # "returned artifacts to Nigeria": a verb-and-object frame's preposition is hung on the
        # object as often as on the verb
        or (
            pat.requires_object
            and any(
                c.dep == "prep" and c.lemma.lower() == pat.prep
                for o in child(p, v, {"dobj", "obj"})
                for c in p.kids[o.i]
            )
        )
        # "called for Britain to stay": the preposition marks a clause
        or any(
            m.dep == "mark" and m.lemma.lower() == pat.prep
            for c in p.kids[v.i]
            if c.dep in {"advcl", "ccomp", "xcomp"}
            for m in p.kids[c.i]
        )
    ):
        return None  # "called Erdogan on Wednesday" is no call on anyone
    if pat.object is not None:
        objs = [
            o
            for d in objects_of(p, v)
            for o in _object_words(p, d)
            if o.lemma.lower() in pat.object
            or o.text.lower() in pat.object
            or ("money" in pat.object and is_money(o))
        ]
        o = objs[0] if objs else None
        if o is None or premodifiers(p, o) & pat.not_modifier:
            return None  # no such object, or "launched a relief operation": no attack
        # "gave 352 million euros": a sum of money is money, whatever its currency's name.
        return o, pat.code_for_object("money" if is_money(o) else o.lemma.lower(), o.text.lower())
    objs = child(p, v, {"dobj", "obj"}) or named_complement(p, v)
    if pat.not_object and any(
        o.lemma.lower() in pat.not_object
        for o in objs + _undergone(p, v) + target_prep_objects(p, v, pat)
    ):
        return None  # "offered no comment", "images shot by", "met with resistance"
    if pat.prep is not None and pat.object_code:
        # "provided Syria with weapons": what the thing is, after the preposition, codes it
        things = [
            o
            for c in p.kids[v.i]
            if c.dep == "prep" and c.lemma.lower() == pat.prep
            for o in p.kids[c.i]
            if o.dep == "pobj"
        ]
        if things:
            word = things[0]
            code = pat.code_for_object(word.text.lower())
            return None, code if code != pat.code else pat.code_for_object(word.lemma.lower())
    # what the act is done to: an object, a passive's subject, the noun a participle describes
    undergoers = objs or child(p, v, {"nsubjpass"}) or patient_of(p, v)
    if pat.requires_object and not undergoers:
        return None
    if pat.opinion_clause and not child(p, v, {"xcomp", "prep"}) and stated(p, v):
        return None  # "engineers agreed it was not working": of one mind, not of one deal
    if pat.passive_is_state and passive_without_doer(p, v):
        return None
    if pat.requires_to_clause and not any(
        c.dep in {"xcomp", "ccomp", "advcl", "dep"} and to_clause(p, c) for c in p.kids[v.i]
    ):
        return None
    if pat.visit and ((objs and not pat.origin_object) or not officials(p, shared_subjects(p, v))):
        return None  # "a helicopter flying him to Beirut", "troops arrived in Mali"
    if pat.armed_source and not any(armed(p, d) for d in shared_subjects(p, v)):
        return None  # "civilians fled the fighting": no act of force
    if pat.officials_gather and not child(p, v, {"prep"}, "with"):
        doers = shared_subjects(p, v)
        if doers and all(crowd(p, d) for d in doers):
            return None  # "people gather to keep their spirits up" consult no one
    if pat.requires_party and not several(p, v):
        return None  # "he discusses his early plays"
    if pat.no_crowd_source and any(crowd(p, d) for d in shared_subjects(p, v)):
        return None  # "shoppers evacuated the mall": no retreat
    if pat.envoy and not officials(p, objs):
        return None  # "sent its foreign minister to Cairo", not "sent refugees to camps"
    if pat.object_actor and not any(names_actor(p, o) or statehood(p, o) for o in undergoers):
        return None
    if (
        pat.no_thing_object
        and objs
        and not any(met_someone(p, o) for o in objs)
        # "A and B met [today in] a mansion": who met whom is said, the object is misread
        and not (
            pat.reciprocal
            and any(c.dep == "conj" for sub in child(p, v, {"nsubj"}) for c in p.kids[sub.i])
        )
    ):
        return None  # "met U.S. complaints" is a thing met, however its owner is named
    if pat.object_code and objs:
        return None, pat.code_for_object(objs[0].lemma.lower(), objs[0].text.lower())
    if pat.subjunctive_code and any(subjunctive(p, c) for c in child(p, v, {"ccomp"})):
        return None, pat.subjunctive_code
    return None, pat.code
