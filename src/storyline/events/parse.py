"""The value every event helper works over: one article's parse, indexed once.

Like spaCy's ``Doc``: a plain value (children lists, the actor mentions under each token, DATE
entities) and functions over it.  The trigger, role, modality and anchoring helpers are module
functions taking a ``Parse`` first, so each can be read and tested alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from storyline.actors.kb import KnowledgeBase
from storyline.actors.mentions import mentions_by_token
from storyline.events.patterns import PatternSet
from storyline.model import Article, Mention, Token, span_head

SUBJ = {"nsubj", "csubj"}
OWN_SUBJECTS = {"nsubj", "nsubjpass", "expl"}
PASSIVE_SUBJ = {"nsubjpass", "csubjpass"}
PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
# Texts that speak for their author: "issued a statement urging X" -- what the participle
# says is the text's content, told when it is issued, not a standing trait of the text.
DOCUMENTS = {"statement", "report", "letter", "resolution", "message", "communique", "declaration",
             "note", "document", "motion", "bill", "memo", "petition", "appeal", "decree"}  # fmt: skip
# Roots of acts of force: protest, posture, coercion, assault, fighting, mass violence.
FORCE_ROOTS = {"14", "15", "17", "18", "19", "20"}
# Who speaks for the body after "for": "a spokesman for the foreign ministry" is the ministry's.
SPEAKERS = {"spokesman", "spokeswoman", "spokesperson"}
# ... and the body they speak for: "a spokesman for the ministry", "at BP's headquarters"
SPEAKER_PREPS = {"for", "at"}


# Compass words, which place an act ("an attack east of Basra") rather than name a side.
COMPASS = {
    "east", "west", "north", "south", "northeast", "northwest", "southeast", "southwest",
    "north-east", "north-west", "south-east", "south-west",
}  # fmt: skip


def unique(ms: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    for m in ms:
        if all(m is not o for o in out):
            out.append(m)
    return out


@dataclass(slots=True)
class Parse:
    """An article's parse, indexed for walking up and down the dependency tree."""

    a: Article
    kb: KnowledgeBase
    ps: PatternSet
    toks: list[Token]
    kids: list[list[Token]]
    by_tok: dict[int, list[Mention]]
    date_ents: list[tuple[int, int]]
    # Memos of per-token lookups the role helpers repeat (nationality words, implied actors).
    memo: dict[tuple[str, int], Any] = field(default_factory=dict)


def parse(article: Article, kb: KnowledgeBase, ps: PatternSet) -> Parse:
    toks = [
        replace(t, lemma=lemma)
        if t.tag in INFLECTED and (lemma := verb_lemma(t.text, t.lemma, ps.known_verbs)) != t.lemma
        else t
        for t in article.tokens
    ]
    kids: list[list[Token]] = [[] for _ in toks]
    for t in toks:
        if t.head != t.i:
            kids[t.head].append(t)
    return Parse(
        article, kb, ps, toks, kids, mentions_by_token(article), entities(toks, {"DATE", "TIME"})
    )


INFLECTED = {"VBD", "VBN", "VBG", "VBZ", "VBP"}  # VBP: "overran" read as a present
# Irregular past forms, also under a prefix ("overran", "withdrew", "overtook"), which the small
# model leaves as their own lemma when it mis-tags them.
IRREGULAR = {"ran": "run", "drew": "draw", "drawn": "draw", "took": "take", "taken": "take",
             "came": "come", "fought": "fight", "shot": "shoot", "struck": "strike",
             "threw": "throw", "thrown": "throw", "broke": "break", "broken": "break",
             "stole": "steal", "stolen": "steal", "held": "hold", "sent": "send", "fled": "flee",
             "led": "lead", "met": "meet", "sought": "seek", "brought": "bring", "rode": "ride",
             "swore": "swear", "sworn": "swear", "froze": "freeze", "frozen": "freeze",
             "beaten": "beat"}  # fmt: skip


def verb_lemma(text: str, lemma: str, known: frozenset[str]) -> str:
    """The small model misreads the lemma of some regular verbs ("staged" -> "stag",
    "cordoned" -> "cordone"): when its lemma is no verb we read but the word with a regular
    ending taken off is, that is the verb; so for an irregular past under a prefix the tagger
    did not know ("overran", "withdrew")."""
    if lemma.lower() in known:
        return lemma
    low = text.lower()
    candidates = [low[:-3] + "y"] if low.endswith(("ied", "ies")) else []
    candidates += [low[: -len(f)] + base for f, base in IRREGULAR.items() if low.endswith(f)]
    for suffix in ("ed", "ing", "es", "s"):
        stem = low[: -len(suffix)]
        if low.endswith(suffix) and len(stem) >= 3:
            candidates += [stem, stem + "e"]
            if stem[-1] == stem[-2] and stem[-1] not in "aeiouls":
                candidates.append(stem[:-1])  # "shelled" keeps its "ll"; "stopped" -> "stop"
    return next((c for c in candidates if c in known), lemma)


def entities(toks: list[Token], labels: set[str]) -> list[tuple[int, int]]:
    spans, i = [], 0
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


def child(p: Parse, t: Token, deps: set[str], lemma: str | None = None) -> list[Token]:
    return [c for c in p.kids[t.i] if c.dep in deps and (lemma is None or c.lemma.lower() == lemma)]


def of_objects(p: Parse, t: Token) -> list[Token]:
    """The objects of the "of" phrases on ``t`` ("thousands of residents", "most of the fuel")."""
    return [o for c in child(p, t, {"prep"}, "of") for o in child(p, c, {"pobj"})]


def charge_phrase(p: Parse, c: Token) -> bool:
    """A preposition with a gerund ("accused X of attacking Y"): the charge, not the side."""
    return c.dep == "prep" and any(k.dep == "pcomp" and k.tag == "VBG" for k in p.kids[c.i])


def subtree(p: Parse, t: Token) -> list[Token]:
    """A token and everything under it, in text order."""
    out, stack = [], [t]
    while stack:
        h = stack.pop()
        out.append(h)
        stack.extend(p.kids[h.i])
    return sorted(out, key=lambda x: x.i)


def by_phrases(p: Parse, t: Token) -> list[Token]:
    """The "by" phrases on a noun and on a participle describing it: "an attack by Daesh",
    "missiles fired by the Israeli military"."""
    heads = [t, *child(p, t, {"acl"})]
    return [
        c
        for h in heads
        for c in p.kids[h.i]
        if c.dep == "agent" or (c.dep == "prep" and c.lemma.lower() == "by")
    ]


def conjuncts(p: Parse, t: Token) -> list[Token]:
    out, stack = [], [t]
    while stack:
        h = stack.pop()
        for c in p.kids[h.i]:
            # "shelled the town as well as two villages": the parser may hang the second
            # member on the closing "as" instead of making it a conjunct.
            more = [c] if c.dep == "conj" else child(p, c, {"pobj"}) if _as_well_as(p, c) else []
            out += more
            stack += more
    return out


def _as_well_as(p: Parse, c: Token) -> bool:
    words = [w.text.lower() for w in p.toks[max(c.i - 2, 0) : c.i + 1]]
    return c.dep in {"cc", "prep"} and words == ["as", "well", "as"]


def described_noun(p: Parse, v: Token) -> Token | None:
    """The noun a passive participle describes ("the statement released by BP", "rapes
    committed by soldiers"), which is what the act was done to: its object."""
    h = p.toks[v.head]
    if (
        v.dep == "acl"
        # a past tense with a by-agent is a participle the tagger misread ("banks, hit by X")
        and (v.tag == "VBN" or (v.tag == "VBD" and bool(child(p, v, {"agent"}))))
        and h.pos in {"NOUN", "PROPN"}
        and not any(child(p, x, {"dobj", "obj"}) for x in [v, *conjuncts(p, v)])
    ):
        return h
    return None


def patient_of(p: Parse, v: Token) -> list[Token]:
    """The noun a passive participle describes, taken as its object -- unless it names an
    event itself ("the talks held between X and Y"), which it codes on its own."""
    n = described_noun(p, v)
    return [] if n is None or n.lemma.lower() in p.ps.nouns else [n]


def objects_of(p: Parse, v: Token) -> list[Token]:
    """What a verb is done to, for a pattern that names its object: the object, a passive's
    subject, the noun a participle describes, or the subject of a "to" clause the parser hung
    the object on ("declared a state of siege to begin at midnight")."""
    raised = [x for c in child(p, v, {"ccomp"}) if to_clause(p, c) for x in child(p, c, {"nsubj"})]
    return child(p, v, {"dobj", "obj", "nsubjpass"}) + patient_of(p, v) + raised


# Verbs that only carry the act their noun names: "the rapes committed by soldiers", "wars
# waged by X", "a ceremony attended by officials".
LIGHT_PARTICIPLES = {"commit", "perpetrate", "wage", "hold", "attend", "conduct", "carry",
                     "stage", "mount", "make", "take", "do", "host", "witness"}  # fmt: skip


def no_act_of_its_own(p: Parse, v: Token) -> bool:
    """A participle on a noun that names no act besides its noun's: the noun that speaks
    ("the statement issued by the embassy said ...", "a letter signed by 40 MPs urged ..."
    names who says what follows) or a light verb carrying the act its noun names."""
    n = described_noun(p, v)
    if n is None:
        return False
    return (n.dep == "nsubj" and n.lemma.lower() in DOCUMENTS) or (
        v.lemma.lower() in LIGHT_PARTICIPLES and not p.by_tok.get(n.i)
    )


def passive_without_doer(p: Parse, v: Token) -> bool:
    """A passive that names no doer ("the smugglers are armed", "men armed with knives"),
    which for some verbs describes a state rather than reports an act."""
    passive = v.tag == "VBN" and (
        v.dep in {"acl", "amod"} or any(c.dep in {"auxpass", "nsubjpass"} for c in p.kids[v.i])
    )
    return passive and not by_phrases(p, v) and not child(p, v, {"agent"})


def dated_prep(p: Parse, prep: Token) -> bool:
    """A preposition whose object is a date or a time ("on Wednesday", "for a week")."""
    objs = [o for o in p.kids[prep.i] if o.dep == "pobj"]
    return bool(objs) and all(o.ent_type in {"DATE", "TIME"} for o in objs)


# Acts of force a reflexive object does not turn into self-harm worth no event: "blew himself
# up" is a suicide bombing.
SELF_DETONATING = {"blow", "explode", "detonate", "immolate"}


def done_to_oneself(p: Parse, v: Token, code: str) -> bool:
    """An act of force or of arming done to oneself is no attack and no aid: "flattened
    themselves against the wall", "armed themselves with sticks"."""
    return (
        code[:2] in {"17", "18", "19", "20", "07"}
        and v.lemma.lower() not in SELF_DETONATING
        and any(o.text.lower().endswith(("self", "selves")) for o in child(p, v, {"dobj", "obj"}))
    )


def subjunctive(p: Parse, v: Token) -> bool:
    """A clause in the subjunctive: a bare verb with a subject and no auxiliary ("that Israel
    withdraw"), which says what is wanted, not what is."""
    return (
        v.tag == "VB"
        and any(c.dep in {"nsubj", "nsubjpass"} for c in p.kids[v.i])
        and not any(c.dep in {"aux", "auxpass"} and c.tag != "TO" for c in p.kids[v.i])
    )


def stated(p: Parse, v: Token) -> bool:
    """Whether a verb's clause complement says what is or was ("agreed it was not working"):
    a finite verb with a subject and no modal, where "would", "will", "should" or a bare
    subjunctive say what is to be done."""
    for c in child(p, v, {"ccomp"}):
        finite = c.tag in {"VBD", "VBZ", "VBP"} or any(
            a.dep in {"aux", "auxpass"} and a.tag in {"VBD", "VBZ", "VBP"} for a in p.kids[c.i]
        )
        modal = any(a.dep == "aux" and a.tag == "MD" for a in p.kids[c.i])
        if finite and not modal and any(s.dep in OWN_SUBJECTS for s in p.kids[c.i]):
            return True
    return False


# Verbs an extraposed clause hangs on: "it is necessary to ...", "it seems that ...".
RAISING = {"be", "seem", "appear", "become", "remain", "look", "prove"}
# Words that judge a clause put after them ("it is likely that", "it is time to").
EXTRAPOSING = {"necessary", "possible", "impossible", "likely", "unlikely", "important", "clear",
               "unclear", "essential", "vital", "crucial", "difficult", "hard", "easy", "right",
               "wrong", "true", "certain", "uncertain", "probable", "imperative", "urgent",
               "time", "mistake", "shame", "pity", "surprise", "wise", "unwise", "better",
               "best", "worth", "premature", "sensible", "appropriate", "fair", "unfair",
               "obvious", "evident", "apparent", "significant", "legal", "illegal"}  # fmt: skip


def expletive(p: Parse, t: Token) -> bool:
    """An "it" that stands for no one: "it may be necessary to nationalize", "it is likely
    that ...", "it was reported that ..." -- its clause comes after, in the sentence."""
    if t.text.lower() != "it" or t.dep not in {"nsubj", "nsubjpass", "expl"}:
        return t.dep == "expl"
    h = p.toks[t.head]
    clauses = {"ccomp", "xcomp", "csubj"}
    if t.dep == "nsubjpass":  # "it was reported that ..."
        return any(c.dep in clauses and c.i > h.i for c in p.kids[h.i])
    if h.lemma.lower() not in RAISING:
        return False
    if any(c.dep in clauses and c.i > h.i for c in p.kids[h.i]):
        return True
    # "it is necessary to ...", not "it was ready to ...": the adjective judges the clause
    return any(
        c.dep in {"acomp", "attr"}
        and c.lemma.lower() in EXTRAPOSING
        and any(k.dep in clauses for k in p.kids[c.i])
        for c in p.kids[h.i]
    )


def shared_subjects(p: Parse, v: Token) -> list[Token]:
    """A verb's subject, or the subject it shares with the clause it completes or the noun
    it describes ("he was likely to go", "Shultz, travelling to China", "before travelling
    to Washington"): up to three steps up."""
    cur = v
    for _ in range(3):
        found = child(p, cur, {"nsubj"})
        if found or cur.head == cur.i:
            return found
        head = p.toks[cur.head]
        if cur.dep == "acl" and head.pos in {"NOUN", "PROPN"}:
            return [head]  # "Shultz, travelling to China,"
        if cur.dep == "xcomp" and head.lemma.lower() != "promise" and child(p, head, {"dobj"}):
            return child(p, head, {"dobj"})  # "forced shoppers to leave the mall"
        if cur.dep == "pcomp" and head.head != head.i:
            head = p.toks[head.head]  # "before travelling to Washington"
        elif cur.dep not in {"xcomp", "acomp", "conj", "advcl"}:
            return found
        cur = head
    return child(p, cur, {"nsubj"})


def depth(p: Parse, t: Token) -> int:
    """Steps from ``t`` up to its sentence's root (the main verb is 0)."""
    d, cur = 0, t
    while cur.head != cur.i and d < 64:
        cur = p.toks[cur.head]
        d += 1
    return d


def head_of_span(p: Parse, s: int, e: int) -> int:
    return span_head(p.toks, s, e)


# Words that open a clause as well as a phrase ("after the war", "after troops left").
SUBORDINATORS = {"after", "before", "until", "since", "as", "because"}


def stranded_subject(p: Parse, v: Token) -> Token | None:
    """ "prisoners rioted in a jail and guerrillas attacked bases": the parser hangs the new
    clause's subject on the noun before it as one more conjunct; a conjunct just before a
    conjoined verb with no subject of its own is that verb's subject (and the first clause's
    subject is not).  Likewise "after masked youths smashed a gate": a clause opened by a
    subordinator the parser read as a preposition has the preposition's object as subject."""
    if v.i == 0:
        return None
    n = p.toks[v.i - 1]
    if v.dep == "advcl" and n.sent == v.sent and n.pos in {"NOUN", "PROPN"} and n.dep == "pobj":
        opener = p.toks[n.head]
        return n if opener.lemma.lower() in SUBORDINATORS and opener.head != v.i else None
    if v.dep != "conj":
        return None
    if n.sent != v.sent or n.pos not in {"NOUN", "PROPN"} or n.dep != "conj" or n.head == v.i:
        return None
    return n


# Prepositions that place a noun event in time beside the clause's own act.
ADJUNCT_PREPS = {"after", "following", "follow", "during", "before", "at"}


def adjunct_clause(s: Parse, n: Token) -> Token | None:
    """The verb of the clause a noun event is an adjunct of ("after talks with X", "ahead of
    a visit to X", "following a meeting with X"), or None."""
    if n.dep not in {"pobj", "dobj"} or n.head == n.i:
        return None
    prep = s.toks[n.head]
    word = prep.lemma.lower()
    if n.dep == "dobj" and word != "follow":  # "following talks with X" tagged as a verb
        return None
    if n.dep == "pobj" and word == "with":
        # "would go ahead with sanctions", "pressed on with the offensive": carried on by
        # whoever goes on
        verb = s.toks[prep.head]
        if verb.lemma.lower() in {"ahead", "forward", "on"} and verb.head != verb.i:
            verb = s.toks[verb.head]
        return verb if verb.lemma.lower() in PROCEED else None
    if n.dep == "pobj" and word == "of":
        # "ahead of talks": the adverb carries the time
        if prep.head == prep.i or s.toks[prep.head].lemma.lower() != "ahead":
            return None
        prep = s.toks[prep.head]
    elif n.dep == "pobj" and word not in ADJUNCT_PREPS:
        return None
    if prep.head == prep.i:
        return None
    verb = s.toks[prep.head]
    return verb if verb.pos in {"VERB", "AUX"} else None


# Verbs of carrying on with an act: their subject does it ("went ahead with the sanctions").
PROCEED = {"go", "press", "proceed", "move", "push", "forge", "continue", "carry"}

# Verbs of contact whose object is who a purpose clause is aimed at: "called Berlusconi to
# promise an inquiry" promises it to Berlusconi.
CONTACT_VERBS = {"call", "telephone", "phone", "ring", "visit", "meet", "host", "receive", "see"}


def companions(p: Parse, c: Token) -> list[Token]:
    """The objects of "together with", "along with" under a noun phrase (not under a verb,
    where "X criticised Y, along with Z" may join Z to either side)."""
    if c.dep != "prep":
        return []
    word = c.lemma.lower()
    if word == "with" and any(
        k.dep == "advmod" and k.lemma.lower() in {"together", "along"} for k in p.kids[c.i]
    ):
        withs = [c]
    elif word == "along":
        withs = [k for k in p.kids[c.i] if k.dep == "prep" and k.lemma.lower() == "with"]
    else:
        return []
    out = []
    for w in withs:
        for o in p.kids[w.i]:
            if o.dep == "pobj":
                out += [o, *conjuncts(p, o)]
    return out


def document_senders(p: Parse, t: Token) -> list[Token]:
    """Who a statement or a letter comes from when a participle says so: "a statement issued
    by X", "an internet statement purporting to be from X"."""
    if t.lemma.lower() not in DOCUMENTS:
        return []
    out: list[Token] = []
    stack = [(c, 0) for c in p.kids[t.i] if c.dep == "acl"]
    while stack:
        h, depth = stack.pop()
        out += sender_objects(p, h)
        stack += [(c, depth + 1) for c in p.kids[h.i] if c.dep in {"xcomp", "acl"} and depth < 2]
    return out


def sender_objects(p: Parse, h: Token) -> list[Token]:
    """What a word's "by X" or "from X" names, or a passive participle's agent."""
    return [
        o
        for c in p.kids[h.i]
        if c.dep == "agent" or (c.dep == "prep" and c.lemma.lower() in {"from", "by"})
        for o in p.kids[c.i]
        if o.dep == "pobj"
    ]


def named_complement(p: Parse, v: Token) -> list[Token]:
    """ "Macron called Zelensky on Monday", parsed as naming someone Zelensky: a name in the
    complement of a verb with no object is its object -- but not after a participle, which
    names ("a trust called Harambee Holdings")."""
    if v.tag == "VBN" and not child(p, v, {"nsubj"}):
        return []
    return [o for o in child(p, v, {"oprd"}) if o.pos == "PROPN" and p.by_tok.get(o.i)]


def to_clause(p: Parse, v: Token) -> bool:
    """Whether a verb is a "to" infinitive ("to help", "to discuss"; also a "to" the tagger
    calls a preposition but the parser the infinitive's marker)."""
    return any(c.dep == "aux" and (c.tag == "TO" or c.text.lower() == "to") for c in p.kids[v.i])


# Participles that name what was just mentioned ("the offensive, codenamed Sahel-3, ..."),
# which the parser often makes a second verb joined to the first.
NAMING = {"codename", "dub", "name", "call", "nickname", "label", "christen", "title"}
# ... and verbs of judging, which with such a complement weigh nothing ("considered the
# proposal a threat" judges it; "is considering sanctions" weighs them)
JUDGING = NAMING | {"consider", "deem", "judge", "reckon"}


def naming_participles(p: Parse, v: Token) -> list[Token]:
    """ "launched an offensive, codenamed X, on Monday night": the participle joined to the
    verb only names its object, and the phrases the parser hangs on it are the verb's."""
    return [
        c
        for c in p.kids[v.i]
        if c.dep in {"conj", "advcl"} and c.tag in {"VBN", "VBD"} and c.lemma.lower() in NAMING
        # it names something: "codenamed Sahel-3", "dubbed Operation Desert Fox"
        and any(k.dep in {"dobj", "oprd"} and k.pos == "PROPN" for k in p.kids[c.i])
        # no subject or auxiliary of its own, and no "and": "and named a new commander"
        and not any(k.dep in {"nsubj", "nsubjpass", "aux", "auxpass", "mark"} for k in p.kids[c.i])
        and not any(k.dep == "cc" and v.i < k.i < c.i for k in p.kids[v.i])
    ]  # fmt: skip


# Nouns that carry the event a compound before them names: "a mediation effort", "peace bid".
EFFORTS = {"effort", "bid", "initiative", "mission", "attempt", "drive", "push", "process"}


def effort_of(s: Parse, n: Token) -> Token | None:
    """The noun of effort that an event noun is a compound of, if it is one."""
    head = s.toks[n.head]
    if n.dep == "compound" and head.i > n.i and head.lemma.lower() in EFFORTS:
        return head
    return None


def under_prep(p: Parse, n: Token, words: set[str]) -> Token | None:
    """What the preposition (one of ``words``) whose object is ``n`` hangs on, if it is one."""
    if n.dep != "pobj" or n.head == n.i:
        return None
    prep = p.toks[n.head]
    if prep.lemma.lower() not in words or prep.head == prep.i:
        return None
    return p.toks[prep.head]


def shared_objects(p: Parse, v: Token) -> list[Token]:
    """ "rejected and condemned the decision": a verb with no object of its own shares the
    object of the verb joined to it right after ("and" with nothing between)."""
    if child(p, v, {"dobj", "obj", "ccomp", "xcomp"}):
        return []
    for c in child(p, v, {"conj"}):
        if c.pos == "VERB" and c.i == v.i + 2 and p.toks[v.i + 1].dep == "cc":
            return child(p, c, {"dobj", "obj"})
    return []


def passed_over(p: Parse, t: Token) -> bool:
    """An act named as the alternative not taken: "negotiated rather than fought", "would
    rather talk than fight", "marched instead of attacking the police" -- nothing was done."""
    if t.head == t.i:
        return False
    h = p.toks[t.head]
    kids = p.kids[h.i]
    if t.dep == "conj":  # "A rather than B"
        return any(
            c.dep == "cc"
            and c.lemma.lower() == "than"
            and c.i > 0
            and p.toks[c.i - 1].lemma.lower() == "rather"
            for c in kids
        )
    if t.dep == "advcl":  # "would rather A than B"
        return any(c.lemma.lower() == "than" and c.i < t.i for c in p.kids[t.i])
    if t.dep == "pcomp" and h.lemma.lower() == "of":  # "instead of B"
        return any(c.lemma.lower() == "instead" for c in kids) or (
            h.i > 0 and p.toks[h.i - 1].lemma.lower() == "instead"
        )
    return False


# Verbs of telling: declining to do one of these withholds a comment, it refuses no act.
TELLING = {"comment", "say", "identify", "name", "disclose", "reveal", "discuss", "elaborate",
           "specify", "confirm", "detail", "explain", "answer", "speculate", "divulge",
           "describe", "estimate", "predict", "indicate"}  # fmt: skip


def withheld_comment(p: Parse, v: Token) -> bool:
    """ "declined to say when the talks would resume", "refused to discuss its reasons": the
    refusal is of a comment (011), and the act its clause names is not what was refused."""
    return any(
        c.dep == "xcomp"
        and c.lemma.lower() in TELLING
        and to_clause(p, c)
        and not child(p, c, {"prep"}, "with")  # "refused to discuss it with X" refuses talks
        for c in p.kids[v.i]
    )


def figurative_journey(p: Parse, v: Token) -> bool:
    """A journey whose end is a common noun no place or actor names ("heading for
    bankruptcy", "moved to a vote"): a way of speaking, not a visit."""
    ends = [o for c in p.kids[v.i] if c.dep == "prep" and c.lemma.lower() in {"to", "for", "into"}
            for o in p.kids[c.i] if o.dep == "pobj"]  # fmt: skip
    return bool(ends) and all(o.pos == "NOUN" and not p.by_tok.get(o.i) for o in ends)
