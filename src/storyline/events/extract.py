"""Event stage: who did what to whom, when and where, from each sentence's dependency parse.

For each sentence: find triggers (verbs and nouns listed in the pattern data), take the roles
from the parse (subject, object, prepositional targets, passive agents, compounds), decide
polarity and modality from what governs the trigger (negation, "deny", modals, "plan to",
"if"), find the speaker of reported speech, resolve the date and place attached to the trigger,
and code it.  Every event keeps the sentence, its offsets and the pattern id as evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from storyline.actors.kb import KnowledgeBase, load_kb
from storyline.actors.resolve import antecedent, mentions_by_token
from storyline.events import places
from storyline.events import time as etime
from storyline.events.codes import lookup
from storyline.events.patterns import Pattern, PatternSet, load_patterns
from storyline.ids import content_id
from storyline.model import Actor, ActorRef, Article, Event, EventMention, Location, Mention, Token

SUBJ = {"nsubj", "csubj"}
PASSIVE_SUBJ = {"nsubjpass", "csubjpass"}
CLAUSE_UP = {
    "xcomp",
    "ccomp",
    "acl",
    "advcl",
    "pcomp",
    "pobj",
    "prep",
    "dobj",
    "relcl",
    "oprd",
    "attr",
    "acomp",
    "amod",
    "compound",
    "nsubj",
    "npadvmod",
    "appos",
    "dep",
    "auxpass",
    "conj",
}
PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
LOCATION_PREPS = {"in", "at", "near", "inside", "outside"}
NON_LOCATIVE_PREPS = {
    "since",
    "until",
    "till",
    "before",
    "after",
    "despite",
    "amid",
    "following",
    "over",
    "about",
    "regarding",
    "concerning",
    "like",
    "unlike",
}
PLACE_TARGET_ROOTS = {"17", "18", "19", "20"}
MODALITY_RANK = {"fact": 0, "intent": 1, "demand": 2, "hypothetical": 3}
# An outer event absorbs an inner one only through its complement ("pledged to cooperate",
# "proposed a meeting"), not through any phrase ("agreed ... after hours of talks").
COMPOSE_PATH = {"xcomp", "ccomp", "dobj", "acl", "conj"}


@dataclass(slots=True)
class Governance:
    polarity: str
    modality: str
    outer: Trigger | None
    governors: list[Token]
    reporting: Token | None


def _unique(ms: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    for m in ms:
        if all(m is not o for o in out):
            out.append(m)
    return out


@dataclass(slots=True)
class Trigger:
    token: Token
    pattern: Pattern
    code: str
    obj: Token | None = None  # the object that completed a verb+object pattern ("hold talks")
    consumed: bool = False
    inner: list[Trigger] = field(default_factory=list)


class _Sentence:
    """Parse helpers for one article (children index built once)."""

    def __init__(self, article: Article, kb: KnowledgeBase, ps: PatternSet) -> None:
        self.a = article
        self.kb = kb
        self.ps = ps
        self.toks = article.tokens
        self.kids: list[list[Token]] = [[] for _ in self.toks]
        for t in self.toks:
            if t.head != t.i:
                self.kids[t.head].append(t)
        self.by_tok = mentions_by_token(article)
        self.date_ents = self._entities({"DATE"})

    def _entities(self, labels: set[str]) -> list[tuple[int, int]]:
        spans, i, toks = [], 0, self.toks
        while i < len(toks):
            if toks[i].ent_iob == "B" and toks[i].ent_type in labels:
                j = i + 1
                while j < len(toks) and toks[j].ent_iob == "I":
                    j += 1
                spans.append((i, j))
                i = j
            else:
                i += 1
        return spans

    def child(self, t: Token, deps: set[str], lemma: str | None = None) -> list[Token]:
        return [
            c
            for c in self.kids[t.i]
            if c.dep in deps and (lemma is None or c.lemma.lower() == lemma)
        ]

    def conjuncts(self, t: Token) -> list[Token]:
        out, stack = [], [t]
        while stack:
            h = stack.pop()
            for c in self.kids[h.i]:
                if c.dep == "conj":
                    out.append(c)
                    stack.append(c)
        return out

    # ---- actors ---------------------------------------------------------------------------------
    def actors_at(self, t: Token, depth: int = 0) -> list[Mention]:
        """The actors a phrase headed by ``t`` refers to (conjuncts included)."""
        found = self._actors_one(t, depth)
        members = self.conjuncts(t)
        for c in self.kids[t.i]:
            # "hosted A, B and C" parsed as A <appos B <conj C: a list, not a renaming.
            if c.dep == "appos" and any(k.dep == "cc" for k in self.kids[c.i]):
                members += [c, *self.conjuncts(c)]
        for c in members:
            for m in self._actors_one(c, depth):
                if m not in found:
                    found.append(m)
        return found

    def _actors_one(self, t: Token, depth: int) -> list[Mention]:
        ms = [m for m in self.by_tok.get(t.i, []) if not m.place_only]
        if ms:
            headed = [m for m in ms if m.head == t.i] or ms[:1]
            if all(m.rule == "agent" for m in headed):
                # "the Turkish newspaper Hurriyet": the name beats the description.
                for c in self.kids[t.i]:
                    if c.dep == "appos":
                        named = [
                            m
                            for m in self.by_tok.get(c.i, [])
                            if m.rule != "agent" and not m.place_only
                        ]
                        if named:
                            return named[:1]
            return headed
        if t.pos == "PRON" and t.text.lower() in PERSON_PRONOUNS:
            m = antecedent(self.a, t.i)
            return [m] if m else []
        if depth > 2:
            return []
        for c in self.kids[t.i]:
            if c.dep in {"appos", "compound"}:
                got = self._actors_one(c, depth + 1)
                if got:
                    return got
        # "representatives of the Syrian opposition", "ministers from Turkey and Syria"
        for c in self.child(t, {"prep"}):
            if c.lemma.lower() in {"of", "from"}:
                for p in self.child(c, {"pobj"}):
                    got = self.actors_at(p, depth + 1)
                    if got:
                        return got
        return []

    def subjects(self, v: Token) -> tuple[list[Mention], bool, Token | None]:
        """Source actors of a verb; True when the verb is passive (subjects are then patients)."""
        subj = self.child(v, SUBJ)
        if subj:
            # spaCy sometimes hangs the last conjunct of a list as a second subject.
            found = [m for t in subj for m in self.actors_at(t)]
            return _unique(found), False, subj[0]
        psubj = self.child(v, PASSIVE_SUBJ)
        if psubj:
            return _unique([m for t in psubj for m in self.actors_at(t)]), True, psubj[0]
        # Open clauses and shared subjects: "pledged to cooperate", "met X and discussed Y".
        h = self.toks[v.head]
        if (
            v.dep in {"xcomp", "conj", "advcl", "pcomp"}
            and h.i != v.i
            and h.pos in {"VERB", "AUX", "NOUN"}
        ):
            if v.dep == "xcomp":
                # "invited Assad to attend": the object of the outer verb does the inner act.
                objs = self.child(h, {"dobj"})
                if objs and h.lemma.lower() not in {"want", "plan", "seek", "try", "agree"}:
                    return self.actors_at(objs[0]), False, objs[0]
            return self.subjects(h) if h.pos in {"VERB", "AUX"} else ([], False, None)
        if v.dep == "acl" and h.pos in {"NOUN", "PROPN"}:
            # "the decision of X to meet", "X's desire to meet": owner of the governing noun
            for c in self.kids[h.i]:
                if c.dep == "poss":
                    return self.actors_at(c), False, c
            return (
                self.subjects(self.toks[h.head])
                if self.toks[h.head].pos in {"VERB", "AUX"}
                else ([], False, None)
            )
        return [], False, None

    def agent_of_passive(self, v: Token) -> list[Mention]:
        for c in self.child(v, {"agent"}):
            for p in self.child(c, {"pobj"}):
                return self.actors_at(p)
        return []

    def targets(self, v: Token, pat: Pattern, obj: Token | None) -> list[Mention]:
        for spec in pat.target:
            found: list[Mention] = []
            if spec == "dobj":
                for o in self.child(v, {"dobj", "obj"}):
                    if obj is not None and o.i == obj.i:
                        continue
                    found = self.actors_at(o)
            elif spec == "dative":
                for o in self.child(v, {"dative"}):
                    found = self.actors_at(o) or [
                        m for p in self.child(o, {"pobj"}) for m in self.actors_at(p)
                    ]
                if not found:
                    found = self._prep_objects(v, "to")
            elif spec.startswith("prep:"):
                found = self._prep_objects(v, spec[5:])
            elif spec.startswith("obj-prep:") and obj is not None:
                found = self._prep_objects(obj, spec[9:])
            if found:
                return found
        return []

    def _prep_objects(self, head: Token, prep: str) -> list[Mention]:
        out: list[Mention] = []
        for c in self.child(head, {"prep", "agent", "dative"}, prep):
            for p in self.child(c, {"pobj"}):
                out.extend(m for m in self.actors_at(p) if m not in out)
        return out

    # ---- triggers -------------------------------------------------------------------------------
    def triggers(self, start: int, end: int) -> list[Trigger]:
        found: list[Trigger] = []
        used_objects: set[int] = set()
        for t in self.toks[start:end]:
            if t.pos not in {"VERB", "AUX"}:
                continue
            for pat in self.ps.verbs.get(t.lemma.lower(), ()):
                hit = self._verb_match(t, pat)
                if hit is not None:
                    obj, code = hit
                    found.append(Trigger(t, pat, code, obj))
                    if obj is not None:
                        used_objects.add(obj.i)
                        used_objects.update(
                            c.i for c in self.kids[obj.i] if c.dep in {"compound", "conj"}
                        )
                        if obj.dep == "compound":
                            used_objects.add(obj.head)
                    break
        verb_heads = {tr.token.i for tr in found}
        for t in self.toks[start:end]:
            if t.pos not in {"NOUN", "PROPN"} or t.i in used_objects:
                continue
            if (
                t.dep in {"dobj", "obj"}
                and t.head in verb_heads
                and not any(
                    c.dep == "prep" and c.lemma.lower() in {"between", "among", "with"}
                    for c in self.kids[t.i]
                )
            ):
                continue  # the object of a coded verb is part of that event, not another one
            pat = self.ps.nouns.get(t.lemma.lower()) or self.ps.nouns.get(t.text.lower())
            if pat is None:
                continue
            if pat.requires_modifier and not any(
                c.lemma.lower() in pat.requires_modifier for c in self.kids[t.i]
            ):
                continue
            found.append(Trigger(t, pat, pat.code))
        return found

    def _verb_match(self, v: Token, pat: Pattern) -> tuple[Token | None, str] | None:
        if pat.prep is not None and not any(
            c.lemma.lower() == pat.prep for c in self.kids[v.i] if c.dep in {"prep", "prt", "agent"}
        ):
            return None
        if pat.object is not None:
            objs = [
                o
                for o in self.child(v, {"dobj", "obj", "nsubjpass"})
                if o.lemma.lower() in pat.object or o.text.lower() in pat.object
            ]
            if not objs:
                return None
            o = objs[0]
            return o, pat.code_for_object(o.lemma.lower())
        return None, pat.code

    # ---- polarity, modality, speaker -------------------------------------------------------------
    def governance(self, trig: Trigger, trig_by_tok: dict[int, Trigger]) -> Governance:
        """Polarity and modality from what governs the trigger; also the outer trigger, if any.

        The walk goes up the clause chain (xcomp, ccomp, acl, ...) and stops at a reporting
        verb: "X said Y did not meet Z" is negated, "X did not say Y met Z" is not our business.
        A conjunct does not inherit its sister's negation ("did not attend but sent a delegate").
        """
        ps = self.ps
        negations = 0
        modality = "fact"
        outer: Trigger | None = None
        governors: list[Token] = []
        reporting: Token | None = None

        def bump(m: str) -> None:
            nonlocal modality
            if MODALITY_RANK[m] > MODALITY_RANK[modality]:
                modality = m

        cur = trig.token
        first = True
        via_conj = False
        path: set[str] = set()  # dependency labels between the trigger and the current token
        seen: set[int] = set()
        while cur.i not in seen:
            seen.add(cur.i)
            lemma = cur.lemma.lower()
            if (
                not first
                and lemma in ps.reporting
                and lemma not in ps.negate
                and cur.pos in {"VERB", "AUX"}
            ):
                reporting = cur
                break
            if (
                not first
                and cur.i in trig_by_tok
                and outer is None
                and not via_conj
                and path <= COMPOSE_PATH
            ):
                outer = trig_by_tok[cur.i]
            if via_conj:
                # A sister clause is not a governor: "urged X and disclosed that Y met Z".
                via_conj = False
                if cur.dep not in CLAUSE_UP or cur.head == cur.i:
                    break
                path.add(cur.dep)
                via_conj = cur.dep == "conj"
                cur = self.toks[cur.head]
                continue
            for c in self.kids[cur.i]:
                cl = c.lemma.lower()
                if c.dep == "neg" or (c.dep == "det" and cl == "no"):
                    if not via_conj:
                        negations += 1
                elif c.dep == "aux" and (first or cur.pos in {"VERB", "AUX"}) and not via_conj:
                    if cl in ps.modal_intent:
                        bump("intent")
                    elif cl in ps.modal_hypothetical:
                        bump("hypothetical")
                    elif cl in {"must", "should"}:
                        bump("demand")
                elif c.dep == "advcl" and self._conditional(c):
                    bump("hypothetical")
            if not first:
                governors.append(cur)
                if cur.pos in {"VERB", "AUX", "ADJ"}:
                    if lemma in ps.negate and not via_conj:
                        negations += 1
                    elif lemma in ps.demand:
                        bump("demand")
                    elif lemma in ps.intent and (outer is None or outer.token.i != cur.i):
                        bump("intent")
                elif cur.pos in {"NOUN", "PROPN"}:
                    if lemma in ps.hypothetical_nouns:
                        bump("hypothetical")
                    elif lemma in ps.intent_nouns:
                        bump("intent")
                    elif lemma in ps.demand_nouns:
                        bump("demand")
            if cur.dep == "advcl" and self._conditional(cur):
                bump("hypothetical")
            if cur.dep not in CLAUSE_UP or cur.head == cur.i:
                break
            path.add(cur.dep)
            via_conj = cur.dep == "conj"
            cur = self.toks[cur.head]
            first = False
        polarity = "negated" if negations % 2 else "asserted"
        return Governance(polarity, modality, outer, governors, reporting)

    def _conditional(self, clause: Token) -> bool:
        return any(
            m.dep == "mark" and m.lemma.lower() in self.ps.conditional_marks
            for m in self.kids[clause.i]
        )

    def speaker(self, t: Token) -> str | None:
        """Who reports the event: the subject of a governing 'say', or 'according to X'."""
        cur, seen = t, set()
        while cur.i not in seen:
            seen.add(cur.i)
            if (
                cur.i != t.i
                and cur.lemma.lower() in self.ps.reporting
                and cur.pos in {"VERB", "AUX"}
            ):
                return self._subject_name(cur)
            for c in self.kids[cur.i]:
                if (
                    c.dep in {"parataxis", "ccomp", "advcl"}
                    and c.lemma.lower() in self.ps.reporting
                    and c.i > t.i
                    and c.pos == "VERB"
                ):
                    return self._subject_name(c)
                if c.dep == "prep" and c.lemma.lower() == "according":
                    for to in self.child(c, {"prep"}, "to"):
                        for p in self.child(to, {"pobj"}):
                            return self._name_of(p)
            if cur.head == cur.i:
                break
            cur = self.toks[cur.head]
        return None

    def _subject_name(self, v: Token) -> str | None:
        subj = self.child(v, SUBJ)
        return self._name_of(subj[0]) if subj else None

    def _name_of(self, t: Token) -> str | None:
        ms = self.actors_at(t)
        if ms:
            return ms[0].name
        # Unresolved speakers ("the ministry", "officials") are kept as written.
        left = min(
            [t.i, *[c.i for c in self.kids[t.i] if c.dep in {"det", "amod", "compound", "poss"}]]
        )
        return self.a.text[self.toks[left].idx : t.end]

    # ---- when and where --------------------------------------------------------------------------
    def anchors(self, trig: Trigger, g: Governance) -> set[int]:
        """Tokens a date or place may hang on to belong to this event.

        The trigger and its object; for a noun, its light verb and participle ("held talks in
        Moscow", "the talks held in Moscow").  A denial or an intention is dated when it was
        stated, so for those the governing verbs and the reporting verb count too.
        """
        out = {trig.token.i}
        if trig.obj is not None:
            out.add(trig.obj.i)
        if trig.pattern.kind == "noun" and trig.token.head != trig.token.i:
            gov = self.toks[trig.token.head]
            if gov.pos in {"VERB", "AUX"}:
                out.add(gov.i)
            for c in self.kids[trig.token.i]:
                if c.dep == "acl":
                    out.add(c.i)
        if g.polarity == "negated" or g.modality != "fact":
            out.update(t.i for t in g.governors)
            if g.reporting is not None:
                out.add(g.reporting.i)
        return out

    def _attached_place(self, tok: Token, anchors: set[int], limit: int = 8) -> int | None:
        """Like _attached, but a place inside "since the war in Syria" describes something else."""
        cur, steps = tok, 0
        while steps <= limit:
            if cur.i in anchors:
                return steps
            if cur.head == cur.i or (
                steps > 0 and cur.pos in {"VERB", "AUX"} and cur.dep not in {"acl", "pcomp"}
            ):
                return None
            if cur.dep == "prep" and cur.lemma.lower() in NON_LOCATIVE_PREPS:
                return None
            cur = self.toks[cur.head]
            steps += 1
        return None

    def _attached(self, tok: Token, anchors: set[int], limit: int = 8) -> int | None:
        """Steps from ``tok`` up to an anchor without crossing another clause; None if it does not."""
        found = self._anchor_of(tok, anchors, limit)
        return None if found is None else found[0]

    def _anchor_of(self, tok: Token, anchors: set[int], limit: int = 8) -> tuple[int, Token] | None:
        cur, steps = tok, 0
        while steps <= limit:
            if cur.i in anchors:
                return steps, cur
            if cur.head == cur.i:
                return None
            if steps > 0 and cur.pos in {"VERB", "AUX"} and cur.dep not in {"acl", "pcomp"}:
                return None
            if steps > 1 and cur.dep == "prep" and cur.lemma.lower() in NON_LOCATIVE_PREPS:
                return None  # "talks ... since the start of the war in 2011" is not dated 2011
            cur = self.toks[cur.head]
            steps += 1
        return None

    def _future(self, verb: Token) -> bool:
        """A clause in the future tense: "will meet", "is going to meet", "is to meet"."""
        for c in self.kids[verb.i]:
            if c.dep == "aux" and c.lemma.lower() in {"will", "shall", "'ll"}:
                return True
        return (
            verb.dep == "xcomp"
            and self.toks[verb.head].lemma.lower() == "go"
            and any(c.dep == "aux" for c in self.kids[verb.head])
        )

    def when(
        self, anchors: set[int], sent_start: int, sent_end: int
    ) -> tuple[str | None, str, str | None]:
        best: tuple[int, int, str, str, str] | None = None
        for s, e in self.date_ents:
            if s < sent_start or e > sent_end:
                continue
            head = self.toks[self._span_head(s, e)]
            found = self._anchor_of(head, anchors)
            if found is None:
                continue
            steps, anchor = found
            future = self._future(anchor)
            text = self.a.text[self.toks[s].idx : self.toks[e - 1].end]
            before = (
                self.toks[s - 1] if s > 0 and self.toks[s - 1].sent == self.toks[s].sent else None
            )
            # "since 2011", "until May": the word before the expression says if it is a point.
            phrase = (
                f"{before.text} {text}"
                if before is not None and before.pos in {"ADP", "SCONJ"}
                else text
            )
            resolved = etime.resolve(phrase, self.a.published, future)
            if resolved is None:
                continue
            rank = {"day": 0, "month": 1, "year": 2}[resolved[1]]
            cand = (steps, rank, resolved[0], resolved[1], text)
            if best is None or cand[:2] < best[:2]:
                best = cand
        if best is not None:
            return best[2], best[3], best[4]
        if self.a.published:
            return self.a.published, "published", None
        return None, "unknown", None

    def _span_head(self, s: int, e: int) -> int:
        for i in range(e - 1, s - 1, -1):
            h = self.toks[i].head
            if h < s or h >= e or h == i:
                return i
        return e - 1

    def _location_prep(self, t: Token) -> bool:
        """Is ``t`` (or the noun it names, up two steps) the object of in/at/near...?"""
        cur = t
        for _ in range(3):
            if cur.dep == "pobj":
                return self.toks[cur.head].lemma.lower() in LOCATION_PREPS
            if cur.dep not in {"compound", "appos", "poss", "conj"} or cur.head == cur.i:
                return False
            cur = self.toks[cur.head]
        return False

    def where(
        self, anchors: set[int], sent_start: int, sent_end: int, countries: set[str]
    ) -> Location | None:
        best: tuple[int, int, Location] | None = None
        for t in self.toks[sent_start:sent_end]:
            place_mentions = [m for m in self.by_tok.get(t.i, []) if m.head == t.i]
            is_place = any(m.place_only or m.kind == "country" for m in place_mentions) or (
                not self.by_tok.get(t.i)
                and t.ent_type in {"GPE", "LOC", "FAC"}
                and t.pos == "PROPN"
                and (t.i + 1 >= len(self.toks) or self.toks[t.i + 1].ent_iob != "I")
            )
            if not is_place or not self._location_prep(t):
                continue
            steps = self._attached_place(t, anchors)
            if steps is None:
                continue
            loc = self._place_in(t, countries)
            if loc is None:
                continue
            cand = (steps, 0 if loc.lat is not None else 1, loc)
            if best is None or cand[:2] < best[:2]:
                best = cand
        return best[2] if best else None

    def _place_in(self, t: Token, countries: set[str]) -> Location | None:
        """The most specific place a phrase names: "Serbia's capital Belgrade" is Belgrade, SRB."""
        sub = [t, *[c for c in self.kids[t.i] if c.dep in {"compound", "poss", "appos", "amod"}]]
        hint = set(countries)
        country_loc = None
        for x in sub:
            for m in self.by_tok.get(x.i, []):
                if m.country:
                    hint.add(m.country)
                if m.kind == "country" and x.i == t.i and m.rule != "capital-place":
                    country_loc = places.country_location(m.name, m.country or m.actor_id)
        if country_loc is not None:
            return country_loc
        # The actors' countries only break ties between places of the same name.
        return places.find_city(self._proper_span(t), hint)

    def _proper_span(self, t: Token) -> str:
        left = t.i
        while (
            left - 1 >= 0
            and self.toks[left - 1].head == t.i
            and self.toks[left - 1].dep == "compound"
            and self.toks[left - 1].pos == "PROPN"
        ):
            left -= 1
        return self.a.text[self.toks[left].idx : t.end]


def _country_mention(kb: KnowledgeBase, iso3: str, sentence: int) -> Mention:
    entry = kb.entries.get(iso3)
    name = entry.name if entry else iso3
    return Mention(0, 0, name, sentence, 0, 0, iso3, iso3, name, "country", iso3, "location")


def _ref(kb: KnowledgeBase, m: Mention, when: str | None) -> ActorRef:
    code = m.code
    if m.kind == "person" and m.known and when:
        code = kb.code_for(m.actor_id, when) or code
    return ActorRef(m.actor_id, code, m.name)


def _noun_roles(s: _Sentence, trig: Trigger) -> tuple[list[Mention], list[Mention]]:
    """Roles of a nominal event from its noun phrase: "Turkey's offensive against the YPG"."""
    n = trig.token
    sources: list[Mention] = []
    targets: list[Mention] = []
    for c in s.kids[n.i]:
        if c.dep in {"poss", "compound", "amod", "nmod"} and c.i < n.i:
            for m in s.actors_at(c):
                if m not in sources:
                    sources.append(m)
    for c in s.kids[n.i]:
        if c.dep != "prep":
            continue
        prep = c.lemma.lower()
        objs = [m for p in s.child(c, {"pobj"}) for m in s.actors_at(p)]
        if prep == "by":
            sources = objs + [m for m in sources if m not in objs]
        elif prep in {"between", "among"}:
            sources.extend(m for m in objs if m not in sources)
        elif prep in {"with", "against", "on", "to", "toward", "towards"}:
            targets.extend(m for m in objs if m not in targets)
        elif prep == "of" and not sources:
            sources.extend(objs)
    for c in s.kids[n.i]:
        if c.dep == "acl":  # "the truce, brokered by Ankara and Moscow"
            for m in s.agent_of_passive(c):
                if m not in sources:
                    sources.append(m)
    return sources, targets


def _pairs(
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


def extract_article(article: Article, kb: KnowledgeBase, ps: PatternSet) -> list[Event]:
    if not article.tokens:
        return []
    s = _Sentence(article, kb, ps)
    events: list[Event] = []
    seen_keys: set[tuple[Any, ...]] = set()
    for sent in article.sentences:
        trigs = s.triggers(sent.token_start, sent.token_end)
        if not trigs:
            continue
        trig_by_tok = {t.token.i: t for t in trigs}
        gov: dict[int, Governance] = {}
        for trig in trigs:
            gov[trig.token.i] = s.governance(trig, trig_by_tok)
        # An appeal, intent, demand, refusal or threat about another event absorbs it.
        for trig in trigs:
            outer = gov[trig.token.i].outer
            if outer is None or outer.pattern.kind != "verb":
                continue
            table = ps.compose.get(outer.code[:2])
            if table is None:
                continue
            trig.consumed = True
            outer.inner.append(trig)
            # Only a generic outer code is refined ("pledge" 030 -> 031); "invite" (036) stays.
            if (
                trig.code[:2] in table
                and outer.code == outer.pattern.code
                and outer.code.endswith("0")
            ):
                outer.code = table[trig.code[:2]]
        sentence_text = article.text[sent.start : sent.end]
        for trig in trigs:
            if trig.consumed:
                continue
            g = gov[trig.token.i]
            polarity, modality = g.polarity, g.modality
            if trig.pattern.kind == "verb":
                sources, passive, _subj_tok = s.subjects(trig.token)
                targets = s.targets(trig.token, trig.pattern, trig.obj)
                if passive:
                    sources, targets = s.agent_of_passive(trig.token), sources
                if not targets:
                    for inner in trig.inner:
                        targets = s.targets(inner.token, inner.pattern, inner.obj)
                        if targets:
                            break
            else:
                sources, targets = _noun_roles(s, trig)
                light = s.toks[trig.token.head]
                if (
                    trig.token.dep in {"dobj", "nsubjpass"}
                    and light.pos in {"VERB", "AUX"}
                    and (len(sources) < 2 or not targets)
                ):
                    # "Kalin denied contact with Damascus": the verb's subject is a party.
                    subj, _, _ = s.subjects(light)
                    sources = (
                        _unique(subj + [m for m in sources if m not in subj])
                        if not targets or not sources
                        else sources
                    )
                if not sources and not targets:
                    continue
                # A noun with only one side and no light verb is background ("the Astana process").
                if not targets and len(sources) < 2 and not trig.pattern.no_target:
                    continue
            reciprocal = trig.pattern.reciprocal
            anchors = s.anchors(trig, g)
            countries = {m.country for m in [*sources, *targets] if m.country}
            loc = s.where(anchors, sent.token_start, sent.token_end, countries)
            # "jets bombed villages in Iraq": force used on a place is used on its country.
            if (
                not targets
                and sources
                and trig.code[:2] in PLACE_TARGET_ROOTS
                and loc
                and loc.country
                and all(m.country != loc.country for m in sources)
            ):
                targets = [_country_mention(kb, loc.country, sent.index)]
            pairs = _pairs(sources, targets, reciprocal)
            if not pairs:
                continue
            date, precision, date_text = s.when(anchors, sent.token_start, sent.token_end)
            speaker = s.speaker(trig.token)
            when = date if precision != "unknown" else article.published
            for src_m, tgt_m in pairs:
                if tgt_m is None and not trig.pattern.no_target:
                    continue
                src = _ref(kb, src_m, when)
                tgt = _ref(kb, tgt_m, when) if tgt_m is not None else None
                if src.code is None and (tgt is None or tgt.code is None):
                    continue
                if tgt is not None and src.actor_id == tgt.actor_id:
                    continue
                code = trig.code
                if tgt is not None and tgt.code and trig.pattern.target_code:
                    code = dict(trig.pattern.target_code).get(tgt.code[3:6], code)
                code = _refine(code, loc, src, tgt, src_m, tgt_m)
                key = (sent.index, code, src.actor_id, tgt.actor_id if tgt else None, polarity)
                if key in seen_keys:
                    continue
                seen_keys.add(key)
                info = lookup(code)
                confidence = (
                    0.55
                    + (0.15 if src_m.known else 0)
                    + (0.15 if tgt_m is not None and tgt_m.known else 0)
                )
                confidence -= 0.15 if trig.pattern.kind == "noun" else 0
                confidence -= 0.05 if speaker else 0
                mention_id = content_id(
                    article.article_id,
                    str(sent.start),
                    str(trig.token.idx),
                    code,
                    src.actor_id,
                    tgt.actor_id if tgt else "",
                )
                events.append(
                    Event(
                        event_id=mention_id,
                        date=date if precision != "unknown" else None,
                        date_precision=precision,
                        source=src,
                        target=tgt,
                        cameo=info.code,
                        root=info.root,
                        quad_class=info.quad_class,
                        goldstein=info.goldstein,
                        plover=info.plover,
                        plover_mode=info.plover_mode,
                        polarity=polarity,
                        modality=modality,
                        location=loc,
                        mentions=[
                            EventMention(
                                article_id=article.article_id,
                                outlet=article.outlet,
                                published=article.published,
                                sentence=sentence_text,
                                start=sent.start,
                                end=sent.end,
                                speaker=speaker,
                                mention_id=mention_id,
                                trigger=trig.token.text
                                if trig.obj is None
                                else article.text[
                                    min(trig.token.idx, trig.obj.idx) : max(
                                        trig.token.end, trig.obj.end
                                    )
                                ],
                                pattern=trig.pattern.id,
                            )
                        ],
                        confidence=round(max(0.05, min(0.99, confidence)), 2),
                        quad_class_phoenix=info.quad_class_phoenix,
                        date_text=date_text,
                        reciprocal=reciprocal and tgt is not None,
                    )
                )
    return events


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
