"""The gazetteer: names the knowledge base knows, longest first, safely.

Functions over one article's ``Resolver`` (``actors/resolver.py``); ``actors/resolve.py``
runs them in order."""

from __future__ import annotations

from storyline.actors.kb import ensure_composite
from storyline.actors.mentions import TITLE_WORDS
from storyline.actors.names import fold, key_tokens, similar
from storyline.actors.resolver import (
    ARGUMENT_DEPS,
    COMPANY_SUFFIXES,
    COUNTRY_FORMS,
    COUNTRY_PLACE_PREPS,
    NAME_GLUE,
    PARTY_PREPS,
    AliasHit,
    Entry,
    Resolver,
    _case_ok,
    _keyed,
    _ranked,
    compose,
    token_key,
)
from storyline.actors.sectors import title_context


def gazetteer(r: Resolver) -> None:
    toks = r.toks
    for sent in r.a.sentences:
        seq = _keyed(toks[sent.token_start : sent.token_end])
        j = 0
        while j < len(seq):
            found = match_at(r, seq, j)
            if not found:
                j += 1
                continue
            n, start, end, hit = found
            add_gazetteer(r, start, end, hit)
            r.taken.update(range(start, end))
            j += n


def match_at(
    r: Resolver, seq: list[tuple[int, str]], j: int
) -> tuple[int, int, int, AliasHit] | None:
    """The longest acceptable alias starting at ``seq[j]`` (the prefix index says when no
    longer alias can begin with the words so far)."""
    kb = r.kb
    lengths: list[tuple[int, tuple[str, ...]]] = []
    key: tuple[str, ...] = ()
    for n in range(1, len(seq) - j + 1):
        key = (*key, seq[j + n - 1][1])
        if key in kb.aliases:
            lengths.append((n, key))
        if key not in kb.prefixes:
            break
    for n, key in reversed(lengths):
        start, end = seq[j][0], seq[j + n - 1][0] + 1
        if end - start > 2 * n + 2:  # too much punctuation in between
            continue
        for hit in _ranked(kb, kb.aliases.get(key) or [], r.when):
            if acceptable(r, hit, start, end, n):
                return n, start, end, hit
    return None


def acceptable(r: Resolver, hit: AliasHit, start: int, end: int, n: int) -> bool:
    entry = r.kb.entries.get(hit.actor_id)
    if entry is None or not _case_ok(r.toks[start:end], hit):
        return False
    if n == 1 and any(c.dep in {"nsubj", "dobj"} for c in r.children(start)):
        return False  # "if you Google your name": a name used as a verb names no one
    if entry.kind == "person":
        # A surname alone must fit the person's years; a full name may be history ("Richard
        # Nixon's visit to China" in 2010), some decades after the last office.
        after = 15 if n == 1 else 50
        if (n == 1 or entry.source == "dictionary") and not r.kb.plausible(
            hit.actor_id, r.when, after=after
        ):
            return False  # "Harris" in 1987 is not Kamala Harris
        if n == 1 and r.when and r.kb.role_for(hit.actor_id, r.when) is None:
            other = r.kb.office_surname(token_key(r.toks[start].text), r.when)
            if other is not None and other != hit.actor_id:
                return False  # "Jaafari" in 2005: the namesake then in office, not the later one
        if other_first_name(r, start, end, hit.actor_id):
            return False  # "Ibrahim al-Jaafari" is not Bashar al-Jaafari
        if not has_first_name(r, start, end, hit.actor_id) and inside_longer_name(r, start, end):
            return False
        if named_after(r, end):
            return False  # "the Kenyatta Prize", "a Museveni ally": not the person
    elif (
        (hit.form in COUNTRY_FORMS or hit.form == "place")
        # a group's acronym is itself wherever it stands: "the Kurdish YPG", tagged as one
        # name, is still the YPG
        and not (hit.upper_only and entry.kind == "group")
        and inside_longer_name(r, start, end)
    ):
        return False  # "New Jersey", "Gulf of Mexico", "Syria Democratic Forces"
    return True


def office_held(r: Resolver, keys: tuple[str, ...], label: str, start: int, end: int) -> bool:
    """A lone PERSON that is the surname of someone in office on the day is that person, not
    a small town of the same name ("Bush said" in 2005; Bush is also a town in Egypt)."""
    if label != "PERSON" or len(keys) != 1 or r._is_place_use(r._span_head(start, end)):
        return False
    return bool(r.kb.office_surname(keys[0], r.when))


def has_first_name(r: Resolver, start: int, end: int, actor_id: str) -> bool:
    firsts = r.kb.first_names.get(actor_id, set())
    return any(token_key(t.text) in firsts for t in r.toks[start:end])


def other_first_name(r: Resolver, start: int, end: int, actor_id: str) -> bool:
    """A listed surname that the text gives with someone else's first name: the word before
    it is a capitalised name word of the same person-name (not a title such as "President"
    or "Mr"), and it is none of the listed person's first names."""
    entry = r.kb.entries.get(actor_id)
    if entry is None or entry.kind != "person" or start == 0:
        return False
    if has_first_name(r, start, end, actor_id):
        return False
    t, prev = r.toks[start], r.toks[start - 1]
    if prev.sent != t.sent or not prev.text[:1].isupper() or not prev.text.isalpha():
        return False
    if prev.pos != "PROPN" or not (prev.ent_type == "PERSON" or t.ent_iob == "I"):
        return False
    first = token_key(prev.text)
    if first in TITLE_WORDS or first in r.kb.agent_heads or country_word(r, start - 1):
        return False
    firsts = r.kb.first_names.get(actor_id, set())
    return bool(firsts) and not any(similar(first, f) >= 0.8 for f in firsts)


def country_word(r: Resolver, i: int) -> bool:
    text = r.toks[i].text
    return any(
        h.form in COUNTRY_FORMS and h.fits(text) for h in r.kb.aliases.get((token_key(text),), ())
    )


# Entities of numbers and times, into which the tagger sometimes draws the name next to them.
NOT_NAMES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}


def entity(r: Resolver, start: int, end: int) -> tuple[int, int] | None:
    """The named entity (spaCy's) that holds tokens [start, end), when it is longer."""
    toks = r.toks
    if toks[start].ent_iob not in {"B", "I"} or toks[start].ent_type in NOT_NAMES:
        return None  # "June 9 - U.S. Interior" tagged a date holds no longer name
    es = start
    while es > 0 and toks[es].ent_iob == "I":
        es -= 1
    ee = end
    while ee < len(toks) and toks[ee].ent_iob == "I":
        ee += 1
    if any(toks[i].ent_iob == "O" for i in range(start, end)):
        return None
    return (es, ee) if (es, ee) != (start, end) else None


# Titles whose words before them name a government portfolio ("Home Affairs Minister").
PORTFOLIO_TITLES = {"minister", "ministers", "secretary", "ministry"}


def _portfolio_follows(r: Resolver, i: int) -> bool:
    """Whether a minister's title follows token ``i`` after at most two more capitalised
    words ("... Corporate] Affairs Minister")."""
    for k in range(i, min(i + 3, len(r.toks))):
        t = r.toks[k]
        if t.text.lower() in PORTFOLIO_TITLES:
            return True
        if not (t.text.isalpha() and t.text[:1].isupper()):
            return False
    return False


# Nouns a person's name modifies that are still that person's people: "the Obama
# administration", "Clinton aides", "the Sanders campaign".
ENTOURAGE = {"team", "campaign", "loyalists", "loyalist", "camp", "circle", "entourage"}


def named_after(r: Resolver, end: int) -> bool:
    """A person's name modifying a noun that names a thing or someone else -- an award, a
    weapon, an era, an ally -- names no act of that person; the people around one (an
    administration, aides, a campaign) do act for them."""
    last = r.toks[end - 1]
    if last.dep != "compound" or last.head < end:
        return False
    head = r.toks[last.head]
    key = token_key(head.lemma) or token_key(head.text)
    if head.ent_type == "PERSON" or head.text.lower().rstrip(".") in {"jr", "sr", "ii", "iii"}:
        return False  # the name goes on: "Martin Luther King Jr.", a hyphenated surname
    return (
        head.pos in {"NOUN", "PROPN"}
        and key not in r.kb.agent_heads
        and key not in TITLE_WORDS
        and key not in ENTOURAGE
        and key not in COMPANY_SUFFIXES | {"international", "holdings", "securities"}
        and token_key(head.text) not in r.kb.agent_heads
        # "Kamau focus of an inquiry": a headline's apposition, not a compound
        and not any(c.dep == "prep" and c.lemma.lower() == "of" for c in r.children(head.i))
    )


def inside_longer_name(r: Resolver, start: int, end: int) -> bool:
    """Whether a country, place or surname is only a part of a longer name: the entity that
    holds it has a capitalised word next to it (across "of", "the", "-") that neither a
    title, a sector word nor another listed name explains ("New Jersey", "Gulf of Mexico",
    "Syria Democratic Forces"; but "Syrian Foreign Ministry", "Russian President Putin")."""
    span = entity(r, start, end)
    if span is None:
        return False
    es, ee = span
    toks = r.toks
    if start == es and _portfolio_follows(r, ee):
        # "British Home Affairs Minister X", tagged "British Home Affairs": the words after
        # the nationality name a ministry's portfolio, not a longer name
        return False
    left = list(range(start - 1, es - 1, -1))
    right = list(range(end, ee))
    for side, is_right in ((left, False), (right, True)):
        for i in side:
            t = toks[i]
            if t.text.lower() in NAME_GLUE or not t.text.isalpha():
                continue
            if not t.text[:1].isupper():
                break
            if not explained(r, i, side, is_right):
                return True
            break
    return False


def explained(r: Resolver, i: int, side: list[int], is_right: bool) -> bool:
    """A capitalised neighbour that does not make a longer name: a title, a sector word
    (with the words after it on its side: "Foreign Ministry"), a country, or -- on the
    right -- the start of another listed name ("Russian President Vladimir Putin")."""
    toks = r.toks
    key = token_key(toks[i].text)
    if key in TITLE_WORDS or country_word(r, i):
        return True
    if i in r._agent_cover(sorted(j for j in side if toks[j].text.isalpha())):
        return True
    return is_right and alias_starts(r, i)


def alias_starts(r: Resolver, i: int) -> bool:
    """Whether a listed alias begins at token ``i`` (and is complete in the text)."""
    sent = r.a.sentences[r.toks[i].sent]
    seq = _keyed(r.toks[i : sent.token_end])
    key: tuple[str, ...] = ()
    for _, k in seq:
        key = (*key, k)
        if key in r.kb.aliases:
            return True
        if key not in r.kb.prefixes:
            return False
    return False


# Verbs whose object is where someone goes.
DESTINATION_VERBS = {"visit", "tour", "reach", "leave", "enter", "flee", "evacuate"}
# Verbs whose object is where something struck: "the quake hit Tokyo", "missiles struck Kyiv"
# (force on a city is force on its country, found by the events stage; not on its government).
STRUCK_VERBS = {"hit", "strike", "shake", "rock", "flood", "batter", "pound", "shell", "bomb"}


def argument_position(r: Resolver, head: int) -> bool:
    """Is the word an argument -- subject, object, possessor, party of a relation -- rather
    than a place, a modifier or a dateline?"""
    t = r.toks[head]
    for _ in range(4):
        if t.dep in {"conj", "appos"} and t.head != t.i:
            t = r.toks[t.head]
            continue
        break
    if t.dep in {"dobj", "obj"} and r.toks[t.head].lemma.lower() in DESTINATION_VERBS:
        return False  # "Hayward visited Abu Dhabi": where one goes is a place
    if t.dep in {"dobj", "obj"} and r.toks[t.head].lemma.lower() in STRUCK_VERBS:
        return False  # "the quake hit Tokyo": where it struck
    if t.dep in ARGUMENT_DEPS:
        return True
    if t.dep == "pobj" and t.head != t.i:
        return r.toks[t.head].lemma.lower() in PARTY_PREPS or message_recipient(r, t.i)
    return False


def nominal_demonym(r: Resolver, start: int, end: int, head: int) -> bool:
    """ "accused the French of overfishing", "the British agreed": a country's adjective
    standing alone after "the" as a party names the country, as the dictionaries list it."""
    t = r.toks[head]
    return (
        head == end - 1
        and start > 0
        and r.toks[start - 1].text.lower() == "the"
        and not any(c.i > head and c.pos in {"NOUN", "PROPN"} for c in r.children(head))
        and (end >= len(r.toks) or r.toks[end].pos not in {"NOUN", "PROPN"})
        and t.dep != "compound"
        and argument_position(r, head)
    )


def dateline(r: Resolver, start: int, end: int) -> bool:
    """ "BERLIN | Tue Jun 23", "BERLIN (Reuters) -": a city in capitals before a bar, a
    bracket or a dash is where a story was filed, not a government that acts."""
    words = [r.toks[i].text for i in range(start, end)]
    after = r.toks[end].text if end < len(r.toks) else ""
    return all(w.isupper() for w in words if w.isalpha()) and after in {"|", "(", "-", "—", "–"}


def message_recipient(r: Resolver, head: int) -> bool:
    """ "an ultimatum to Washington", "a letter to Moscow": who a message is sent to."""
    t = r.toks[head]
    if t.dep != "pobj" or t.head == t.i:
        return False
    prep = r.toks[t.head]
    if prep.lemma.lower() != "to" or prep.head == prep.i:
        return False
    head_word = r.toks[prep.head]
    if head_word.lemma.lower() in MESSAGES:
        return True
    # "sent a letter to Beijing": the parser hangs "to" on the verb as often
    return any(
        c.dep in {"dobj", "obj"} and c.lemma.lower() in MESSAGES for c in r.children(head_word.i)
    )


# Things sent to a government, not to a place: "an ultimatum to Washington".
MESSAGES = {
    "ultimatum", "letter", "message", "note", "warning", "appeal", "request", "offer",
    "proposal", "invitation", "protest", "complaint", "reply", "response", "demand", "threat",
    "apology", "condolence", "overture", "signal", "plea", "call",
}  # fmt: skip


def inside_place_phrase(r: Resolver, head: int) -> bool:
    """A building standing for a government, used as a building: "in the White House",
    "in the Cabinet Room of the White House"."""
    t = r.toks[head]
    for _ in range(3):
        if t.dep != "pobj" or t.head == t.i:
            return False
        prep = r.toks[t.head]
        if prep.lemma.lower() in COUNTRY_PLACE_PREPS | {"into", "to", "from"}:
            return True
        if prep.lemma.lower() != "of" or prep.head == prep.i:
            return False
        t = r.toks[prep.head]  # "the Cabinet Room of ...": is the room in a place?
    return False


PLACE_PREDICATES = {"be", "lie", "sit", "stand", "border", "host", "remain"}


def _described_as_place(r: Resolver, head: int) -> bool:
    """ "Paris is a city", "Washington lies on the Potomac": the subject of a copula or of a
    verb of location is described, not acting."""
    t = r.toks[head]
    while t.dep == "conj" and t.head != t.i:
        t = r.toks[t.head]
    return t.dep == "nsubj" and r.toks[t.head].lemma.lower() in PLACE_PREDICATES


def shared_capital_as_government(r: Resolver, start: int, end: int, country: str) -> bool:
    """A capital whose name others share ("Washington", "Paris") is a place by default; when
    the tagger calls it a state and it acts or is acted on ("accused Washington of spying"),
    it is the government.  Adds the mention and says so."""
    surface = r.a.text[r.toks[start].idx : r.toks[end - 1].end]
    head = r._span_head(start, end)
    if (
        surface not in r.kb.ambiguous_capitals
        # "Douglas said", "Stanley said": a capital that is a first name speaks as a person
        or token_key(surface) in r.kb.given_names
        # "Washington said": the tagger often calls the government an organisation
        or not all(r.toks[i].ent_type in {"GPE", "ORG"} for i in range(start, end))
        or not argument_position(r, head)
        or (r._is_place_use(head) and not message_recipient(r, head))
        or _described_as_place(r, head)
    ):
        return False
    iso3 = r.kb.iso3_code.get(country, country)
    gov = ensure_composite(r.kb, iso3 + "GOV")
    idx = r.add(start, end, gov, "capital-metonym", head=head)
    r.taken.update(range(start, end))
    for i in range(start, end):
        r.country_of_token[i] = (iso3, "capital", idx)
    return True


def in_office_namesake(r: Resolver, entry: Entry, start: int, end: int) -> Entry:
    """ "George Bush" in 2008: the listed person of that name out of office (the father) gives
    way to the one of the same first name and surname in office on the day (the son)."""
    keys = key_tokens(r.a.text[r.toks[start].idx : r.toks[end - 1].end])
    if len(keys) < 2 or not r.when or r.kb.role_for(entry.actor_id, r.when) is not None:
        return entry
    found = [
        pid
        for pid in r.kb.dict_surnames.get(keys[-1], ())
        if pid != entry.actor_id
        and keys[0] in r.kb.first_names.get(pid, set())
        and r.kb.role_for(pid, r.when) is not None
    ]
    if len(set(found)) != 1:
        return entry
    return r.kb.entries.get(found[0]) or entry


def add_gazetteer(r: Resolver, start: int, end: int, hit: AliasHit) -> None:
    entry = r.kb.entries[hit.actor_id]
    head = r._span_head(start, end)
    if hit.form == "place":
        # A city or region inside a country: a place, never an actor (its country composes
        # with a sector word: "Aleppo residents").
        text = r.a.text[r.toks[start].idx : r.toks[end - 1].end]
        code = place_country(r, fold(text), entry.actor_id) or entry.actor_id
        add_place(r, start, end, code, code if code != entry.actor_id else entry.country, head)
        return
    if entry.kind == "country" and hit.form in COUNTRY_FORMS:
        # The code the country carries today (a dictionary may date it: Rhodesia/Zimbabwe)
        # is what composes with sector words ("Zimbabwean troops").
        iso3 = r.kb.code_for(entry.actor_id, r.when) or entry.actor_id
        if hit.form == "adjective" and nominal_demonym(r, start, end, head):
            idx = r.add(start, end, entry, "demonym-nominal", code=iso3, head=head)
            for i in range(start, end):
                r.country_of_token[i] = (iso3, "name", idx)
            return
        if hit.form == "adjective":
            # An adjective names an actor only with a noun it modifies (see agents()).
            for i in range(start, end):
                r.country_of_token[i] = (iso3, "adjective", -1)
            return
        if hit.form == "capital":
            if (
                argument_position(r, head)
                and not dateline(r, start, end)
                and (message_recipient(r, head) or not r._is_place_use(head))
            ):
                gov = ensure_composite(r.kb, iso3 + "GOV")
                idx = r.add(start, end, gov, "capital-metonym", head=head)
            else:
                text = r.a.text[r.toks[start].idx : r.toks[end - 1].end]
                other = place_country(r, fold(text), iso3)
                if other and other != iso3:  # "Tripoli" in a story on Lebanon
                    add_place(r, start, end, other, other, head)
                    return
                idx = r.add(
                    start, end, entry, "capital-place", code=iso3, head=head, place_only=True
                )
            for i in range(start, end):
                r.country_of_token[i] = (iso3, "capital", idx)
            return
        if hit.form == "people":
            cvl = ensure_composite(r.kb, iso3 + "CVL")
            idx = r.add(start, end, cvl, "demonym-people", head=head)
            for i in range(start, end):
                r.country_of_token[i] = (iso3, "people", idx)
            return
        idx = r.add(
            start,
            end,
            entry,
            "gazetteer",
            head=head,
            place_only=r._is_place_use(head, COUNTRY_PLACE_PREPS),
        )
        for i in range(start, end):
            r.country_of_token[i] = (iso3, "name", idx)
        return
    if entry.kind == "person":
        entry = in_office_namesake(r, entry, start, end)
    code = None
    if entry.kind == "person" and not r.when:
        # No date to pick the office by: the title in the text says which office is meant.
        country, agent = title_context(r, head)
        if agent and (country or entry.country):
            code = compose(entry.country or country or "", agent)
    place_only = hit.form == "metonym" and inside_place_phrase(r, head)
    r.add(
        start,
        end,
        entry,
        "gazetteer" if hit.form != "metonym" else "metonym",
        code=code,
        head=head,
        place_only=place_only,
    )


def demonym(r: Resolver, text: str) -> bool:
    """A word for a country's people: its adjective ("Iraqi") or one of its people ("Briton",
    whose plural the country list gives)."""
    key = token_key(text)
    return any(h.form in {"adjective", "people"} for h in r.kb.aliases.get((key,), ())) or any(
        h.form == "people" for h in r.kb.aliases.get((key + "s",), ())
    )


def add_place(
    r: Resolver, start: int, end: int, code: str, country: str | None, head: int | None = None
) -> int:
    """A place mention (never an actor) whose words say which country it is in."""
    text = r.a.text[r.toks[start].idx : r.toks[end - 1].end]
    place = Entry(code, text, "place", code, country)
    idx = r.add(start, end, place, "place", code=code, head=head, place_only=True)
    for i in range(start, end):
        r.country_of_token[i] = (code, "place", idx)
    return idx


def place_country(r: Resolver, key: str, default: str | None = None) -> str | None:
    """The country of a place name: its most populous namesake's (or ``default``, the
    country a dictionary lists it under), unless the article so far names only another of the
    countries with a town or province of that name ("Tripoli" in a story on Lebanon is the
    Lebanese city, not Libya's capital)."""
    code = default or r.kb.places.get(key)
    namesakes = r.kb.place_namesakes.get(key)
    if code is None or not namesakes:
        return code
    if r.named_countries[0] != len(r.country_of_token):  # gathered again only when it grew
        named = {c for c, form, _ in r.country_of_token.values() if form in COUNTRY_FORMS}
        r.named_countries = (len(r.country_of_token), named)
    named = r.named_countries[1]
    if code in named:
        return code
    others = [c for c in namesakes if c in named]
    return others[0] if len(others) == 1 else code
