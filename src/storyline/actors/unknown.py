"""Names the knowledge base lacks: spaCy NER spans cleaned of furniture, kept as provisional actors.

Functions over one article's ``Resolver`` (``actors/resolver.py``); ``actors/resolve.py``
runs them in order."""

from __future__ import annotations

from storyline.actors.furniture import no_name
from storyline.actors.gazetteer import (
    add_place,
    country_word,
    demonym,
    named_after,
    office_held,
    place_country,
    shared_capital_as_government,
)
from storyline.actors.names import fold, similar, slug
from storyline.actors.resolver import (
    COMPANY_SUFFIXES,
    COUNTRY_FORMS,
    HONORIFICS,
    ILLNESSES,
    NAME_GLUE,
    PLACE_HEADS,
    PLACES_NAMED,
    REGNAL,
    Entry,
    Mention,
    Resolver,
    _date_tokens,
    compose,
    key_tokens,
    token_key,
)
from storyline.actors.sectors import agent_of, is_agent_head, noun_phrase, title_context
from storyline.actors.spellings import (
    country_named,
    first_name_variant,
    phonetic_person,
    second_surname_dropped,
    spelled_alike,
    without_initials,
)


def ner(r: Resolver) -> None:
    toks = r.toks
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.ent_iob != "B":
            i += 1
            continue
        j = i + 1
        while j < len(toks) and toks[j].ent_iob == "I":
            j += 1
        label = t.ent_type
        if not any(k in r.taken for k in range(i, j)):
            if label == "ORG" and r.a.text[t.idx : toks[j - 1].end] in r.kb.ambiguous_capitals:
                add_ner_place(r, i, j)  # "Washington said": the tagger's ORG is the capital
            elif label in {"PERSON", "ORG"} or person_shaped(r, i, j) or tagged_norp(r, i, j):
                add_ner(r, i, j, "PERSON" if label not in {"PERSON", "ORG"} else label)
            elif label in {"GPE", "LOC", "FAC"}:
                add_ner_place(r, i, j)
        i = j


def lone_surname(r: Resolver, start: int, end: int, keys: tuple[str, ...]) -> bool:
    """A lone capitalised word no list names as a body, which is the surname of a listed
    person in office on the article's date, whose country the article names ("Islam" in a
    Bangladeshi minister's name is no one in a piece on diet)."""
    if len(keys) != 1 or end - start != 1 or keys in r.kb.aliases:
        return False
    if r.toks[start].pos != "PROPN" or r.toks[start].text.isupper():
        return False
    pid = r.kb.office_surname(keys[0], r.when, elite=True)
    entry = r.kb.entries.get(pid) if pid else None
    return entry is not None and country_named(r, entry)


def tagged_norp(r: Resolver, start: int, end: int) -> bool:
    """ "Kenyatta met Museveni": a lone surname the tagger calls a nationality or a group."""
    keys = key_tokens(r.a.text[r.toks[start].idx : r.toks[end - 1].end])
    return r.toks[start].ent_type == "NORP" and lone_surname(r, start, end, keys)


def person_shaped(r: Resolver, start: int, end: int) -> bool:
    """ "Costas Karamanlis" tagged as a place: a listed person's surname after a given name
    (or after the listed person's first name, however spelled), which no gazetteer knows as a
    place, names a person whatever the tagger says."""
    keys = key_tokens(r.a.text[r.toks[start].idx : r.toks[end - 1].end])
    if len(keys) not in {2, 3} or " ".join(keys) in r.kb.places:
        return False
    listed = r.kb.dict_surnames.get(keys[-1], ())
    return bool(listed) and (
        keys[0] in r.kb.given_names
        or any(spelled_alike(keys[0], f) for pid in listed for f in r.kb.first_names.get(pid, ()))
    )


def add_ner_place(r: Resolver, start: int, end: int) -> None:
    """A city or region the knowledge base does not list by name but the gazetteer of
    places does: a place mention with its country (never an actor)."""
    toks = r.toks
    while start < end and (
        toks[start].pos in {"DET", "PUNCT"} or token_key(toks[start].text) in TIME_ZONES
    ):
        start += 1  # "BST BP": a page stamp's time zone glued to a name
    while end > start and (toks[end - 1].tag == "POS" or toks[end - 1].pos == "PUNCT"):
        end -= 1
    if start >= end:
        return
    text = r.a.text[toks[start].idx : toks[end - 1].end]
    code = place_country(r, fold(text))
    if code is None or not text[:1].isupper():
        return
    country = r.kb.entries.get(code)
    if (
        country is not None
        and country.country
        and (shared_capital_as_government(r, start, end, country.country))
    ):
        return
    add_place(r, start, end, code, country.country if country else code)
    r.taken.update(range(start, end))


def clean_span(r: Resolver, start: int, end: int, label: str) -> tuple[int, int] | None:
    """The name inside an entity span, or None when it is no name: determiners, possessives
    and courtesy titles trimmed; dates and datelines cut away ("Jul 2016 Opposition",
    "Wed 05 Apr 2017"); page furniture ("Subscribe ...", "Related News ...") refused."""
    toks = r.toks
    words = [token_key(toks[i].text) for i in range(start, end)]
    if any(w in r.kb.page_furniture for w in words):
        return None
    if any(w in {"photo", "photograph", "photos"} for w in words):
        return None  # "(AP Photo/Jeff Pachoud, Pool)": a picture's credit
    if shouted(r, toks[start].sent):
        return None  # "MCINSANE IS FALLING APART": capitals for emphasis, not names
    # A headline or a slogan the tagger took for a name ("Obama Takes First Shot at ...",
    # "Put your Country First"): names hold no verbs or pronouns.
    if any(toks[i].pos in {"VERB", "AUX", "PRON"} for i in range(start, end)):
        return None
    while start < end and toks[start].pos in {"PART", "ADV", "INTJ", "SCONJ"}:
        start += 1  # "NOT Obama"
    # Keep the longest run of tokens that are not part of a date ("Jul 2016", "Wed 05 Apr").
    datey = _date_tokens([toks[i].text for i in range(start, end)], r.kb.places)
    runs: list[tuple[int, int]] = []
    a = start
    for i in range(start, end + 1):
        bad = i < end and datey[i - start]
        if i == end or bad:
            if i > a:
                runs.append((a, i))
            a = i + 1
    if not runs:
        return None
    start, end = max(runs, key=lambda r: (r[1] - r[0], -r[0]))
    while start < end and (
        toks[start].pos in {"DET", "PUNCT"} or token_key(toks[start].text) in TIME_ZONES
    ):
        start += 1  # "BST BP": a page stamp's time zone glued to a name
    while end > start and (toks[end - 1].tag == "POS" or toks[end - 1].pos == "PUNCT"):
        end -= 1
    # "Rebel-backer Washington": a hyphenated description before a name is not the name.
    for k in range(start, end - 1):
        if toks[k + 1].text in {"-", "–"} and k + 2 < end:
            parts = [token_key(toks[k].lemma), token_key(toks[k + 2].lemma)]
            if any(p in r.kb.agent_heads for p in parts):
                start = k + 3
    # "Briton Alan Reed", "Iraqi Ali Hassan": a demonym before a person's name is not the name
    while label == "PERSON" and end - start > 2 and demonym(r, toks[start].text):
        start += 1
    # A courtesy title is not part of the name: "Dr Sanjay Gupta" is Sanjay Gupta.
    while (
        label == "PERSON"
        and end - start > 1
        and toks[start].text.rstrip(".").lower() in HONORIFICS | {""}
    ):
        start += 1
    # "John McCain III", "Henry M. Paulson Jr.": a generation is not part of the surname.
    while (
        label == "PERSON"
        and end - start > 1
        and token_key(toks[end - 1].text.rstrip(".")) in GENERATIONS
    ):
        end -= 1
        while end > start and toks[end - 1].pos == "PUNCT":
            end -= 1
    if start >= end:
        return None
    if end - start == 1 and token_key(toks[start].text) in NOT_NAME_WORDS:
        return None  # "VP", "GMT", "Anonymous": a title, a time zone, a commenter's mask
    if token_key(toks[end - 1].text) in ILLNESSES:
        return None  # "Swine Flu", "Ebola Virus": an illness written in capitals
    if label == "PERSON" and end - start > 1 and _definite(r, start, end):
        return None  # "the Joe Griffin will meet up with another boat": a ship, a rig
    return start, end


def _definite(r: Resolver, start: int, end: int) -> bool:
    """A full name right after "the" that is its own article names a thing (a vessel, a rig,
    a prize), not a person: people take no article ("the late X" has its adjective)."""
    before = r.toks[start - 1] if start > 0 else None
    return (
        before is not None
        and before.text.lower() == "the"
        and before.dep == "det"
        and start <= before.head < end
    )


GENERATIONS = {"jr", "sr", "ii", "iii", "iv"}  # after a surname
# Words the tagger takes for names that never name an actor alone: abbreviated common nouns,
# time zones of page stamps, the mask of an anonymous commenter.
TIME_ZONES = {"gmt", "bst", "edt", "est", "pst", "pdt", "cet", "cest", "utc", "cdt", "mdt"}
NOT_NAME_WORDS = {
    "vp", "gp", "gi", "pow", "mp", "ceo", "cfo", "coo", "dj", "tv", "pr", "hq", "rip", "ok",
    "anonymous", *TIME_ZONES,
}  # fmt: skip


def shouted(r: Resolver, sent_index: int) -> bool:
    """A sentence mostly in capitals (a headline or a comment shouting)."""
    cached = r._shout.get(sent_index)
    if cached is None:
        sent = r.a.sentences[sent_index]
        words = [
            t.text
            for t in r.toks[sent.token_start : sent.token_end]
            if t.text.isalpha() and len(t.text) > 1
        ]
        caps = sum(w.isupper() for w in words)
        cached = r._shout[sent_index] = len(words) >= 3 and caps >= 0.6 * len(words)
    return cached


def add_ner(r: Resolver, start: int, end: int, label: str) -> None:
    toks = r.toks
    span_start = start
    span = clean_span(r, start, end, label)
    if span is None:
        return
    start, end = span
    text = r.a.text[toks[start].idx : toks[end - 1].end]
    keys = key_tokens(text)
    if not keys or not text[:1].isupper():
        return
    if keys[-1] in PLACE_HEADS and len(keys) > 1:
        return  # "Trafalgar Square", "Wall Street": a place, whatever the tagger says
    if label == "ORG" and lone_surname(r, start, end, keys):
        label = "PERSON"  # "Sharif said" tagged ORG: the surname of someone in office then
    last = toks[end - 1]
    if last.dep in {"compound", "nmod"} and token_key(toks[last.head].lemma) in PLACES_NAMED:
        return  # "his Sedgefield constituency", "the Anbar province": a place's name
    if no_name(r, start, end, label):
        return  # "Posted by: X", "Photograph: AP/X", "BBC's Newshour", "` Complaints ..."
    if label == "ORG" and len(keys) > 1 and keys[-1] in COMPANY_SUFFIXES:
        hits = r.kb.aliases.get(keys[:-1]) or []
        if hits:  # "BP Plc" is BP
            entry = r.kb.entries.get(hits[0].actor_id)
            if entry is not None and entry.kind != "person":
                r.add(start, end, entry, "gazetteer")
                r.taken.update(range(start, end))
                return
    if label == "ORG" and start > span_start:
        whole = [
            e
            for h in r.kb.aliases.get(keys, ())
            if (e := r.kb.entries.get(h.actor_id)) is not None and e.kind in ORG_KINDS
        ]
        if whole:  # "BST BP" cleaned of its page stamp is BP
            r.add(start, end, whole[0], "gazetteer")
            r.taken.update(range(start, end))
            return
    if label == "ORG" and len(keys) > 1:
        parent = parent_organisation(r, keys)
        if parent is not None:  # "the BBC World Service", "BP Americas": a part of a known body
            r.add(start, end, parent, "gazetteer")
            r.taken.update(range(start, end))
            return
    if label == "PERSON" and paired_names(r, text, start):
        return  # "the Bush-McCain years", "a Palin-McCain ticket": two people, not one
    folded = " ".join(keys)
    if (folded in r.kb.places and not office_held(r, keys, label, start, end)) or names_a_country(
        r, keys
    ):
        return  # "Aleppo", "Kilis" as an ORG or a PERSON: a place, never an actor
    if label == "ORG" and sector_phrase(r, start, end):
        return  # "the Bush administration": a sector of someone's, read by agents()
    lone = keys[0] if len(keys) == 1 else ""
    if (
        keys in r.kb.agents
        or tuple(k for t in toks[start:end] if (k := token_key(t.lemma))) in r.kb.agents
        or (lone and (r.not_a_name(start) or lone in HONORIFICS))
    ):
        return  # "Coast Guard", "Opposition": sector words, read by agents(); "Miss": no one
    short = short_form(r, keys, start) if label in {"PERSON", "ORG"} else None
    if short is not None:
        # "Freddie said" after "Freddie Mac", "Merrill" after "Merrill Lynch"
        r.add(start, end, entry_of(r, short), "coref-short", code=short.code, known=short.known)
        r.taken.update(range(start, end))
        return
    # A lone surname of someone named before, whatever the tagger calls it ("Zaydani": ORG)
    earlier = earlier_person(r, keys, start) if label in {"PERSON", "ORG"} else None
    if earlier is not None:
        r.add(start, end, entry_of(r, earlier), "coref-surname", code=earlier.code)
        r.taken.update(range(start, end))
        return
    if label in {"PERSON", "ORG"} and first_name_alone(keys) and not names_org(r, keys):
        # "Barack", "Sarah P.": a first name alone (or with an initial) is the person of that
        # first name named before; a common one named by nobody before is nobody to review.
        named = earlier_first_name(r, keys[0], start)
        if named is not None:
            r.add(start, end, entry_of(r, named), "coref-surname", code=named.code)
            r.taken.update(range(start, end))
            return
        if label == "PERSON" and keys[0] in r.kb.given_names and keys[0] not in r.kb.dict_surnames:
            return
    if label == "PERSON" and named_after(r, end):
        return  # "a Museveni ally", "the Odinga Foundation": not the person, nobody to review
    if label == "PERSON":
        entry = without_initials(r, keys)
        if entry is None and not regnal(r, start):
            entry = first_name_variant(r, keys)
        if entry is None:
            entry = second_surname_dropped(r, keys)
        rule = "gazetteer"
        if entry is None:
            entry = phonetic_person(r, keys)
            rule = "phonetic"
        if entry is None and len(keys) == 1 and toks[start].pos == "PROPN":
            pid = r.kb.office_surname(keys[0], r.when, elite=True)  # "Rumsfeld said" in 2005
            entry = r.kb.entries.get(pid) if pid else None
            if entry is not None and keys[0] in r.kb.given_names and not country_named(r, entry):
                entry = None  # "Arthur's children" in a family history is not Ghana's Arthur
            rule = "dictionary-surname"
        if entry is not None:
            r.add(start, end, entry, rule)
            r.taken.update(range(start, end))
            return
        head = r._span_head(start, end)
        country, agent = title_context(r, head)
        code = compose(country, agent or "") if country else None
        group = None if code else titling_group(r, head, (start, end))
        if group is not None:
            code, country = group.code, group.country
        entry = Entry("u:" + slug(text), text, "person", code, country)
        r.add(start, end, entry, "ner-person", code=code, known=False)
        r.taken.update(range(start, end))
    elif label == "ORG":
        # The sector comes from the words around the name ("the Turkish daily Hurriyet"),
        # never from the name's own words: "Syria Democratic Forces" is not Syria's army.
        head = r._span_head(start, end)
        country, agent = title_context(r, head, exclude=(start, end))
        code = compose(country, agent or "") if country and agent else None
        country = country or country_inside(r, start, end)
        body = token_key(toks[head].text)  # "Bureau of Statistics"
        if (
            code is None
            and country
            and STATE_BODIES & {keys[-1], body}
            and leads_with_country(r, start)
        ):
            # "the Kenyan Civil Aviation Authority", "US Federal Aviation Authority": a body of
            # the state its name begins with (a force's name says nothing: "Syria Democratic
            # Forces").
            code = compose(country, "GOV")
        entry = Entry("u:" + slug(text), text, "organization", code, country)
        r.add(start, end, entry, "ner-org", code=code, known=False)
        r.taken.update(range(start, end))


# Heads of the names of a state's administrative bodies.
STATE_BODIES = {
    "authority", "agency", "ministry", "department", "commission", "administration",
    "directorate", "bureau", "inspectorate",
}  # fmt: skip


def leads_with_country(r: Resolver, start: int) -> bool:
    """Whether a name begins with a country's name or adjective ("Kenyan ...", "US ...")."""
    i = start + (1 if r.toks[start].text.lower() == "the" else 0)
    return country_word(r, i)


def titling_group(r: Resolver, head: int, name: tuple[int, int]) -> Mention | None:
    """ "Hamas leader Ismail Haniyeh", "Taliban spokesman X": an unknown person titled as an
    office of a named group is of that group (a title word is required: "Hamas member" or
    "Hamas's X" say less)."""
    words = [i for i in noun_phrase(r, head) if not name[0] <= i < name[1]]
    if not words or agent_of(r, words) is None:
        return None
    for m in r.mentions:
        if (
            m.kind in {"group", "organization"}
            and m.code
            and not m.place_only
            and any(m.token_start <= i < m.token_end for i in words)
        ):
            return m
    return None


def sector_phrase(r: Resolver, start: int, end: int) -> bool:
    """An entity that is a sector word modified by a surname in office or a country."""
    toks = r.toks
    head = toks[end - 1]
    if not is_agent_head(r, token_key(head.lemma)) and not is_agent_head(r, token_key(head.text)):
        return False
    for i in range(start, end - 1):
        t = toks[i]
        if not t.text[:1].isupper() or t.text.lower() in NAME_GLUE:
            continue
        key = token_key(t.text)
        if not (country_word(r, i) or r.kb.office_surname(key, r.when)):
            return False
    return True


def names_a_country(r: Resolver, keys: tuple[str, ...]) -> bool:
    hits = r.kb.aliases.get(keys, ())
    return any(h.form in COUNTRY_FORMS and r.kb.entries[h.actor_id].kind == "country" for h in hits)


def country_inside(r: Resolver, start: int, end: int) -> str | None:
    """The country a provisional organisation's own name carries ("Bank of Japan")."""
    for i in range(start, end):
        for h in r.kb.aliases.get((token_key(r.toks[i].text),), ()):
            entry = r.kb.entries.get(h.actor_id)
            if not h.fits(r.toks[i].text):
                continue
            if h.form in COUNTRY_FORMS and entry is not None and entry.kind == "country":
                return entry.country
    return None


def regnal(r: Resolver, start: int) -> bool:
    """ "Pope John Paul", "King Abdullah": "Paul" is no surname of a listed John ... Paul."""
    return word_before(r, start) in REGNAL


def word_before(r: Resolver, i: int) -> str:
    """The word before token ``i``, keyed, without an abbreviation's period ("Mr.", "St.")."""
    return token_key(r.toks[i - 1].text.rstrip(".")) if i > 0 else ""


ORG_KINDS = {"organization", "group", "government"}


def parent_organisation(r: Resolver, keys: tuple[str, ...]) -> Entry | None:
    """The known organisation whose whole name begins a longer unknown one, when the rest names
    no person ("AP/Jamahiriya Broadcasting Hillary Clinton" is a photo credit glued to a name)."""
    for k in range(len(keys) - 1, 0, -1):
        if any(w in r.kb.given_names or w in r.kb.dict_surnames for w in keys[k:]):
            continue
        for hit in r.kb.aliases.get(keys[:k], ()):
            entry = r.kb.entries.get(hit.actor_id)
            if entry is not None and entry.kind in ORG_KINDS and hit.form in {"name", "alias"}:
                return entry
    return None


def names_org(r: Resolver, keys: tuple[str, ...]) -> bool:
    """Whether the words are a known body's name ("Fatah"), which no first name rule reads."""
    return any(
        (e := r.kb.entries.get(h.actor_id)) is not None and e.kind != "person"
        for h in r.kb.aliases.get(keys, ())
    )


def first_name_alone(keys: tuple[str, ...]) -> bool:
    """One name by itself, or followed by one initial ("Sarah P.")."""
    return len(keys) == 1 or (len(keys) == 2 and len(keys[1]) == 1)


def earlier_first_name(r: Resolver, first: str, before: int) -> Mention | None:
    """The person named in full earlier whose first name this is, a known one first."""
    found: Mention | None = None
    for _, m in reversed(r.people_named):
        keys = key_tokens(m.text)
        if m.token_start < before and len(keys) > 1 and keys[0] == first:
            if m.known:
                return m
            found = found or m
    return found


def short_form(r: Resolver, keys: tuple[str, ...], before: int) -> Mention | None:
    """A lone word that begins the name of an organisation named earlier in the article: its
    short form ("Freddie" for Freddie Mac, "Lehman" for Lehman Brothers)."""
    if len(keys) != 1 or len(keys[0]) < 4:
        return None
    for m in r.mentions[r.orgs_indexed :]:
        if (
            m.kind not in {"person", "country", "place"}
            and not m.place_only
            and not m.rule.startswith("coref-")
            and m.code
        ):
            names = key_tokens(m.text)
            if len(names) > 1:
                r.orgs_by_first.setdefault(names[0], []).append(m)
    r.orgs_indexed = len(r.mentions)
    earlier = [m for m in r.orgs_by_first.get(keys[0], ()) if m.token_start < before]
    return max(earlier, key=lambda m: m.token_start) if earlier else None


def paired_names(r: Resolver, text: str, start: int) -> bool:
    """Two surnames joined by a hyphen, one of them a person's the article or the dictionary
    knows: a pair of people, not a double-barrelled name."""
    parts = text.split("-")
    if len(parts) != 2 or not all(p[:1].isupper() and p.isalpha() for p in parts):
        return False
    for part in parts:
        keys = key_tokens(part)
        if keys and (keys[0] in r.kb.dict_surnames or earlier_person(r, keys, start)):
            return True
    return False


def earlier_person(r: Resolver, keys: tuple[str, ...], before: int) -> Mention | None:
    """A lone surname ("Zaydani") naming a person introduced in full earlier in the article."""
    if len(keys) != 1 or len(keys[0]) < 3:
        return None
    word = keys[0]
    found: Mention | None = None
    for last, m in reversed(r.people_named):
        if m.token_start >= before or (not m.known and not _introduced(r, m)):
            continue  # an unknown word alone introduced nobody ("born Rhayader")
        if last == word or (last[:1] == word[:1] and similar(last, word) >= 0.93):
            # The latest of that surname, but a known person before unknown ones: "McCain"
            # after "Senator John McCain" and "Cindy McCain" is the senator, as the coref
            # pass also reads it.
            if m.known:
                return m
            found = found or m
    return found


def _introduced(r: Resolver, m: Mention) -> bool:
    """A person named in full, or by a courtesy title and surname ("Mr Okonkwo")."""
    return len(key_tokens(m.text)) > 1 or word_before(r, m.token_start) in HONORIFICS


def entry_of(r: Resolver, m: Mention) -> Entry:
    entry = r.kb.entries.get(m.actor_id)
    if entry is not None:
        return entry
    return Entry(m.actor_id, m.name, m.kind, m.code, m.country)
