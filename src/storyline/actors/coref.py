"""In-document coreference: a bare surname, "the minister", "he" as a subject.

Functions over one article's ``Resolver`` (``actors/resolver.py``); ``actors/resolve.py``
runs them in order."""

from __future__ import annotations

from storyline.actors.furniture import signature_or_credit
from storyline.actors.mentions import PERSON_TITLES, SURNAME_TITLES, TITLE_WORDS
from storyline.actors.resolver import (
    COREF_WINDOW,
    SUBJ_DEPS,
    SUBJECT_PRONOUNS,
    Mention,
    Resolver,
    Token,
    key_tokens,
    token_key,
)
from storyline.actors.sectors import noun_phrase
from storyline.actors.unknown import entry_of


def coref(r: Resolver) -> None:
    """Link what refers back to a named person: a bare surname the tagger missed, "the
    minister" after Foreign Minister X, "he" as the subject after a named speaker."""
    covered = {i for m in r.mentions for i in range(m.token_start, m.token_end)}
    # A surname standing for a person named before is a name in the text too: "McCain says
    # he doesn't know" means McCain, whoever was named in full last.
    people = sorted(
        (
            m
            for m in r.mentions
            if m.kind == "person" and m.rule not in {"coref-pronoun", "coref-title"}
        ),
        key=lambda m: m.token_start,
    )
    if not people:
        return
    titles = {id(m): title_words(r, m) for m in people}
    # One pass over the tokens: the people named so far are a growing prefix (by where they
    # end), their surnames a map, and the recent ones a window -- linear in the article.
    people.sort(key=lambda m: m.token_end)
    passed: list[Mention] = []
    by_surname: dict[str, Mention] = {}
    nxt = lo = 0
    for t in r.toks:
        while nxt < len(people) and people[nxt].token_end <= t.i:
            m = people[nxt]
            passed.append(m)
            keys = key_tokens(m.text)
            old = by_surname.get(keys[-1]) if len(keys) > 1 else None
            # the latest person of that surname, a known one before an unknown one
            better = old is None or (m.known, m.token_start) > (old.known, old.token_start)
            if len(keys) > 1 and better:
                by_surname[keys[-1]] = m
            nxt += 1
        if t.i in covered or not passed:
            continue
        if t.pos == "PROPN" and t.text[:1].isupper():
            key = token_key(t.text)
            hit = by_surname.get(key) if len(key) >= 3 else None
            if (
                hit is not None
                and stands_alone_as_surname(r, t, key)
                and not signature_or_credit(r, t.i, t.i + 1)
            ):
                idx = r.add(t.i, t.i + 1, entry_of(r, hit), "coref-surname", code=hit.code)
                passed.append(r.mentions[idx])
                titles[id(r.mentions[idx])] = titles.get(id(hit), set())
                covered.add(t.i)
            continue
        pronoun = t.pos == "PRON" and t.text.lower() in SUBJECT_PRONOUNS and t.dep in SUBJ_DEPS
        title = t.pos == "NOUN" and t.tag != "NNS" and token_key(t.lemma) in PERSON_TITLES
        if not (pronoun or title):
            continue
        while lo < len(passed) and t.sent - passed[lo].sentence > COREF_WINDOW:
            lo += 1
        near = sorted(passed[lo:], key=lambda m: salience(r, m))
        if not near:
            continue
        if pronoun:
            m = near[-1]
            r.add(t.i, t.i + 1, entry_of(r, m), "coref-pronoun", code=m.code, head=t.i)
        else:
            np = noun_phrase(r, t.i)
            definite = any(r.toks[i].dep == "det" and r.toks[i].text.lower() == "the" for i in np)
            if not definite or any(i in covered or i in r.country_of_token for i in np):
                continue
            words = {token_key(r.toks[i].lemma) for i in np} - {"the"}
            for m in reversed(near):
                if words <= titles[id(m)]:
                    start = min(np)
                    r.add(start, t.i + 1, entry_of(r, m), "coref-title", code=m.code)
                    covered.update(np)
                    break


def stands_alone_as_surname(r: Resolver, t: Token, key: str) -> bool:
    """A lone word that can be a surname used alone: not inside a longer name ("Country
    First"), and not a first name ("Sir Christopher", "Julia's query") unless a courtesy
    title says it is a surname ("Mr Thomas")."""
    toks = r.toks
    prev = toks[t.i - 1] if t.i > 0 and toks[t.i - 1].sent == t.sent else None
    nxt = toks[t.i + 1] if t.i + 1 < len(toks) and toks[t.i + 1].sent == t.sent else None
    prev_key = token_key(prev.text) if prev is not None else ""
    if nxt is not None and nxt.pos == "PROPN" and nxt.text[:1].isupper():
        return False
    if t.ent_type not in {"PERSON", ""} and prev_key not in SURNAME_TITLES:
        return False  # "Macondo" the well, "Prozac" the drug: named things, not people
    if (
        prev is not None
        and prev.pos == "PROPN"
        and prev.text[:1].isupper()
        and prev_key not in TITLE_WORDS
    ):
        return False
    if key in r.kb.given_names:
        return prev_key in SURNAME_TITLES
    return True


def salience(r: Resolver, m: Mention) -> tuple[int, int, int]:
    """Later sentences first; within one, the subject (the speaker) before other persons."""
    h = r.toks[m.head] if 0 <= m.head < len(r.toks) else None
    subject = h is not None and (
        h.dep in SUBJ_DEPS or (h.dep == "appos" and r.toks[h.head].dep in SUBJ_DEPS)
    )
    return (m.sentence, int(subject), m.token_start)


def title_words(r: Resolver, m: Mention) -> set[str]:
    """The words that describe a person: the title in the text and the office held."""
    words = {
        token_key(r.toks[i].lemma)
        for i in noun_phrase(r, m.head)
        if not m.token_start <= i < m.token_end
    }
    h = r.toks[m.head]
    if h.dep == "appos":
        words |= {token_key(r.toks[i].lemma) for i in noun_phrase(r, h.head)}
    for c in r.children(m.head):
        if c.dep == "appos":
            words |= {token_key(r.toks[i].lemma) for i in noun_phrase(r, c.i)}
    role = r.kb.role_for(m.actor_id, r.when)
    if role is not None:
        words |= {token_key(w) for w in role.role.lower().split()}
        if "affairs" in words and "minister" in words:
            words.add("foreign")
    return {w for w in words if w}
