"""Who a pronoun or a possessive means, for the roles of an event: the person or group named
before it, preferring its clause's subject, never its own clause's subject for an object
pronoun ("Kiir pardoned him"), the unnamed plural speaker of a reported clause ("rebels said
they ..."), and the owner's country for "whose government" or "her foreign minister"."""

from __future__ import annotations

from storyline.actors.mentions import PERSON_TITLES, TITLE_WORDS, antecedent
from storyline.events.implied import TITLES, implied_actor
from storyline.events.parse import SUBJ, Parse, child, expletive, subtree
from storyline.model import Mention, Token

OBJECT_DEPS = {"dobj", "dative", "iobj", "pobj"}


def possessor_subject(p: Parse, t: Token) -> Mention | None:
    """ "Thatcher left Bonn after talks with Kohl, ahead of her visit to Moscow": a possessive
    pronoun in a clause whose subject is a person named before it means that subject (the
    subject is the preferred antecedent), not the last person named."""
    if t.dep != "poss":
        return None
    v = t
    for _ in range(6):
        if v.head == v.i:
            return None
        v = p.toks[v.head]
        if v.pos in {"VERB", "AUX"}:
            break
    else:
        return None
    for c in p.kids[v.i]:
        if c.dep not in SUBJ or c.i > t.i:
            continue
        for m in p.by_tok.get(c.i, []):
            if m.head == c.i and m.kind == "person" and not m.place_only:
                return m
    return None


def own_subjects(p: Parse, t: Token) -> frozenset[int]:
    """The subject of the clause an object pronoun sits in: "Kiir pardoned him" -- "him" is
    somebody other than Kiir (a reflexive would say "himself")."""
    if t.dep not in OBJECT_DEPS:
        return frozenset()
    verb = p.toks[t.head]
    if t.dep == "pobj" and verb.dep == "prep":
        verb = p.toks[verb.head]
    for _ in range(2):
        subjects = [c.i for c in p.kids[verb.i] if c.dep in SUBJ]
        if subjects or verb.dep != "conj" or verb.head == verb.i:
            break
        verb = p.toks[verb.head]  # "met Kiir and thanked him": the first verb's subject
    out = set(subjects)
    for i in subjects:
        out.update(c.i for c in p.kids[i] if c.dep in {"compound", "appos"})
    return frozenset(out)


def whose_country(p: Parse, t: Token) -> str | None:
    if not any(c.dep == "poss" and c.text.lower() == "whose" for c in p.kids[t.i]):
        return None
    clause = p.toks[t.head]
    if clause.dep != "relcl" or clause.head == clause.i:
        return None
    for m in p.by_tok.get(clause.head, []):
        if not m.place_only and m.code and len(m.code) >= 3 and not m.code.startswith("---"):
            return m.code[:3]
    return None


def possessive_country(p: Parse, t: Token) -> str | None:
    """ "Merkel sent her foreign minister", "Baghdad said its forces had repulsed the attack":
    the country of whoever a possessive pronoun means.  For a person, only when its clause's
    subject and the last person named agree on it ("Erdogan met Putin and his aides" says
    nothing); for "its" and "their", the group or state it stands for."""
    for c in p.kids[t.i]:
        if c.dep != "poss":
            continue
        word = c.text.lower()
        if word in {"his", "her"}:
            owners = [m for m in (possessor_subject(p, c), antecedent(p.a, c.i)) if m]
        elif word in {"its", "their"}:
            owners = [m for m in [group_antecedent(p, c)] if m]
        else:
            continue
        countries = {m.code[:3] for m in owners if m.code and not m.code.startswith("---")}
        return countries.pop() if len(countries) == 1 else None
    return None


def unnamed_speakers(p: Parse, t: Token) -> Mention | None:
    """ "Rebels said they had destroyed a station": "they" in a reported clause is the plural
    subject of the verb reporting it, even when that subject is an agent noun with no name
    (the event's place may give it a country later)."""
    if t.dep not in SUBJ or t.text.lower() != "they":
        return None
    v = p.toks[t.head]
    if v.dep != "ccomp" or v.head == v.i:
        return None
    for c in child(p, p.toks[v.head], SUBJ):
        # "Rebels", "Communist rebels"; not "leaders of the farmers' groups", whose own
        # words say whose they are.
        plain = all(k.dep in {"det", "amod", "nummod", "compound"} for k in p.kids[c.i])
        if c.tag == "NNS" and plain and not p.by_tok.get(c.i):
            return implied_actor(p, c)
    return None


def _plural_reporter(p: Parse, t: Token) -> Token | None:
    """The plural subject of the verb that reports the clause "they" is the subject of."""
    if t.dep not in SUBJ or t.text.lower() != "they":
        return None
    v = p.toks[t.head]
    if v.dep != "ccomp" or v.head == v.i:
        return None
    return next((c for c in child(p, p.toks[v.head], SUBJ) if c.tag in {"NNS", "NNPS"}), None)


def group_antecedent(p: Parse, t: Token) -> Mention | None:
    """What "it" or "they" stands for: the nearest actor before it that is not a person, in
    its sentence or the one before, a subject first ("Iran denied that it had sent ...");
    none for an "it" that stands for no one ("it may be necessary to ...")."""
    if expletive(p, t):
        return None
    speakers = unnamed_speakers(p, t)
    if speakers is not None:
        return speakers
    plural = _plural_reporter(p, t)
    if plural is not None:
        # "banking sources told the BBC they backed ...": they are the sources, whoever they
        # are, never the one told
        named = [
            m
            for w in subtree(p, plural)
            for m in p.by_tok.get(w.i, [])
            if m.code and not m.place_only and m.head == w.i
        ]
        if not named:  # "farmers' leaders said they ...": the unnamed group, if it is one
            group = implied_actor(p, plural)
            led = group is not None and p.toks[group.head].lemma.lower() not in TITLES
            return group if led else None  # a bare title's sector is only a guess
    told = addressee(p, t)
    if told is not None:
        return told[0] if told else None
    sent = t.sent
    singular = t.text.lower() in {"it", "its"}
    host = _interrupted_subject(p, t)
    best: tuple[int, int, Mention] | None = None
    people = -1  # the nearest list of named people ("Bush and Blair")
    crowd = -1  # the nearest plural subject that is no actor ("the students were ...")
    for i in range(t.i - 1, -1, -1):
        tok = p.toks[i]
        if tok.sent < sent - 1:
            break
        if (
            crowd < 0
            and not singular
            and _plural_subject(p, tok)
            # an actor in its phrase ("Syrian rebels") is what "they" means; a place is not
            and not any(
                m for w in subtree(p, tok) for m in p.by_tok.get(w.i, []) if not m.place_only
            )
        ):
            crowd = i
        if (
            tok.dep in {"nsubj", "nsubjpass"}
            and tok.text.lower() == t.text.lower() in {"they", "it"}
            and (best is None or best[0] == 1)
        ):
            # "Militants crossed the border. They are working with gangs ... They attacked":
            # the same pronoun as an earlier subject goes on meaning what that one meant
            return group_antecedent(p, tok)
        if i in host:
            continue  # "Kenya, they said, was giving more grain": the speakers are not Kenya
        if singular and tok.tag in {"NNS", "NNPS"}:
            continue  # "US soldiers opened fire on the car as it approached": not the soldiers
        if not singular and _one_person(p, tok):
            continue  # "a nurse examined the wounded and said all of them": not the nurse
        for m in p.by_tok.get(i, []):
            if m.kind == "person" and m.head == i and tok.dep == "conj" and people < 0:
                people = i
            listed = m.kind == "person" and m.head == i and _listed_subject(p, tok)
            if listed and not singular and (best is None or best[0] == 1):
                return None  # "X and his father told the SEC they had bought": the two
            if m.head != i or m.kind == "person" or m.place_only or m.rule.startswith("coref"):
                continue
            rank = (0 if tok.dep in {"nsubj", "nsubjpass"} else 1, t.i - i)
            if best is None or rank < best[:2]:
                best = (*rank, m)
    if best is not None and not singular and people > t.i - best[1]:
        return None  # "denounced their invasion" after "Bush and Blair": they, not a state
    nearer = crowd >= 0 and (
        best is not None
        and (best[0] == 1 or crowd > t.i - best[1] or _outranks(p, crowd, t.i - best[1]))
    )
    if nearer and t.dep in {"nsubj", "nsubjpass"}:
        return None  # "The students were shouting at the AU ... They burned tyres": not the AU
    return best[2] if best else None


def _outranks(p: Parse, crowd: int, other: int) -> bool:
    """ "Economists believe Uganda is printing money. They accused Kenya": the subject of a
    sentence's main verb outranks one of a clause under it, as the antecedent of "they"."""
    main, sub = p.toks[crowd], p.toks[other]
    return (
        main.sent == sub.sent and p.toks[main.head].dep == "ROOT" and p.toks[sub.head].dep != "ROOT"
    )


def _interrupted_subject(p: Parse, t: Token) -> set[int]:
    """The subject a parenthetical report interrupts ("Kenya, they said, was giving"): whoever
    said so is someone else, or the writer would have said "Kenya said it was"."""
    v = p.toks[t.head]
    if t.dep != "nsubj" or v.dep != "parataxis" or v.lemma.lower() not in p.ps.reporting:
        return set()
    host = p.toks[v.head]
    if host.i < v.i:
        return set()
    return {w.i for c in child(p, host, SUBJ) if c.i < t.i for w in subtree(p, c)}


def _listed_subject(p: Parse, tok: Token) -> bool:
    """A member of a list that is a clause's subject ("X and his father told ...")."""
    while tok.dep == "conj" and tok.head != tok.i:
        tok = p.toks[tok.head]
    return tok.dep in {"nsubj", "nsubjpass"} and bool(child(p, tok, {"conj"}))


def _plural_subject(p: Parse, tok: Token) -> bool:
    """A noun subject in the plural, by its tag or its verb's agreement ("the students were"), of
    an active verb other than "be" (which things are as often as people: "figures were
    released by the ministry; they said", "the plans are bold")."""
    if tok.dep != "nsubj" or tok.pos not in {"NOUN", "PROPN"}:
        return False
    if p.toks[tok.head].lemma.lower() == "be":
        return False
    if tok.tag in {"NNS", "NNPS"}:
        return True
    verb = p.toks[tok.head]
    return any(
        w.text.lower() in {"are", "were"} for w in [verb, *child(p, verb, {"aux", "auxpass"})]
    )


def _one_person(p: Parse, tok: Token) -> bool:
    """A singular noun that names one person -- a title, or any noun after "a" -- which "they"
    cannot mean, where a body ("the government ... they") can."""
    if tok.tag != "NN":
        return False
    lemma = tok.lemma.lower()
    return (
        lemma in PERSON_TITLES
        or lemma in TITLE_WORDS
        or any(c.dep == "det" and c.lemma.lower() in {"a", "an"} for c in p.kids[tok.i])
    )


# Modals of advice and obligation: "told politicians they should defend rights" is said to
# the politicians about themselves.
OBLIGING = {"should", "must", "ought", "need"}
TELLING = {"tell", "urge", "warn", "advise", "remind", "inform", "assure", "caution"}


def addressee(p: Parse, t: Token) -> list[Mention] | None:
    """ "told X they should": the pronoun is the one told (an empty list when X names no
    actor, so that no other actor is guessed); None when the construction is not there."""
    if t.text.lower() not in {"they", "it"} or t.dep != "nsubj":
        return None
    clause = p.toks[t.head]
    if clause.head == clause.i or clause.dep not in {"ccomp", "relcl"}:
        return None
    if not any(c.dep == "aux" and c.lemma.lower() in OBLIGING for c in p.kids[clause.i]):
        return None
    if clause.dep == "relcl":
        # the parser's reading of "told politicians they should" as a relative clause (a
        # real one, "announced the steps it must take", keeps its own reading)
        told = p.toks[clause.head]
        verb = p.toks[told.head]
        objs = [told] if told.dep in {"dobj", "dative"} and verb.lemma.lower() in TELLING else []
    else:
        objs = [c for c in p.kids[clause.head] if c.dep in {"dobj", "dative"}]
    if not objs:
        return None
    return [m for m in p.by_tok.get(objs[0].i, []) if m.head == objs[0].i and not m.place_only][:1]
