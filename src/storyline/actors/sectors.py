"""Titles and sectors: "Syrian Foreign Minister X", "Turkish forces", "the Syrian president".

Functions over one article's ``Resolver`` (``actors/resolver.py``); ``actors/resolve.py``
runs them in order."""

from __future__ import annotations

from dataclasses import replace

from storyline.actors.furniture import figurative_collective
from storyline.actors.kb import ensure_composite
from storyline.actors.names import written_out
from storyline.actors.offices import NOT_NOW, office
from storyline.actors.resolver import (
    DOMESTIC_AGENTS,
    MODIFIER_DEPS,
    STATE_AGENTS,
    TITLE_DEPS,
    Mention,
    Resolver,
    Token,
    _agent_rank,
    compose,
    token_key,
)


def noun_phrase(r: Resolver, head: int) -> list[int]:
    """The head and its left-hand modifiers (recursively): the words that describe it."""
    out = [head]
    stack = [head]
    while stack:
        h = stack.pop()
        for c in r.children(h):
            if c.i < head and (c.dep in MODIFIER_DEPS or c.dep in {"det", "cc", "conj", "punct"}):
                out.append(c.i)
                stack.append(c.i)
    return sorted(out)


# Title words that head a government office whatever modifies them.
MINISTERS = {"minister", "ministers", "secretary", "secretaries", "ministry", "ministries"}


# Sectors of a state office, which a "former" before the title says is no longer held.
OFFICES = {"GOV", "LEG", "JUD"}
FORMER = "former-title"  # the rule of a listed person the text calls a former office holder


# Agent nouns that as adjectives say something else ("general", "criminal").
NOUNS_ONLY = {"general", "criminal"}


# Words of rank that are agent nouns alone ("the deputies", a sheriff's) but only modify the
# title after them.
RANK_WORDS = {"deputy", "deputies"}


def agent_of(r: Resolver, tokens: list[int]) -> str | None:
    """The most specific sector named by the words of a phrase.  A longer agent phrase
    takes its words for itself ("passenger jet" is civilian, though "jet" alone is
    military; "national security adviser" is government, whatever "security" says)."""
    found: list[str] = []
    lemmas = [
        written_out(r.toks[i]) or token_key(r.toks[i].lemma) or token_key(r.toks[i].text)
        for i in tokens
    ]
    surfaces = [written_out(r.toks[i]) or token_key(r.toks[i].text) for i in tokens]
    a = 0
    last_word = ""
    while a < len(tokens):
        n, code = r.agent_phrase(lemmas, surfaces, a)
        if code is not None and lemmas[a] in RANK_WORDS and a + max(n, 1) < len(tokens):
            code = None  # "deputy trade representative": a rank before a title is no sheriff
        if n == 1 and lemmas[a] in NOUNS_ONLY and r.toks[tokens[a]].tag == "JJ":
            code = None  # "the general hospital", "a criminal court": no general, no criminal
        if code is not None:
            found.append(code)
            last_word = lemmas[a + max(n, 1) - 1]
        a += max(n, 1)
    if not found:
        return None
    if "former" in lemmas and found[-1] in OFFICES:
        return "ELI"  # "former Kenyan minister X": out of office, one of the country's elite
    if last_word in MINISTERS and found[-1].startswith("GOV"):
        # "Deputy Health Minister", "Police Minister": a minister is of the government,
        # whatever the words before the title say (a "deputy" alone is a sheriff's).
        return found[-1]
    if "OPP" in found and ("MIL" in found or "REB" in found):
        return "REB"
    if found[-1].startswith("BUS") and last_word == lemmas[-1]:
        return found[-1]  # "a helicopter manufacturer", "a defence contractor": a business
    return min(found, key=_agent_rank)


def is_agent_head(r: Resolver, key: str) -> bool:
    return key in r.kb.agent_heads or any(key.startswith(s) for s in r.kb.agent_stem_heads)


def countries_in(r: Resolver, tokens: list[int], head: int) -> list[str]:
    seen: list[str] = []
    for i in tokens:
        c = r.country_of_token.get(i)
        if c and c[0] not in seen:
            seen.append(c[0])
    # "ministers from Turkey, Syria and Iran", "the government of Syria"
    for iso, _ in prep_countries(r, head, {"of", "from"}):
        if iso not in seen:
            seen.append(iso)
    return seen


def prep_countries(r: Resolver, head: int, preps: set[str]) -> list[tuple[str, str]]:
    """(country, how named) for each country or place after the word's prepositions, its
    conjuncts included ("from Turkey, Syria and Iran")."""
    return [
        (got[0], got[1])
        for c in r.children(head)
        if c.dep == "prep" and c.lemma.lower() in preps
        for p in r.children(c.i)
        if p.dep == "pobj"
        for q in [p, *conjuncts(r, p.i)]
        if (got := r.country_of_token.get(q.i))
    ]


def conjuncts(r: Resolver, i: int) -> list[Token]:
    out, stack = [], [i]
    while stack:
        h = stack.pop()
        for c in r.children(h):
            if c.dep == "conj":
                out.append(c)
                stack.append(c.i)
    return out


def title_context(
    r: Resolver, head: int, exclude: tuple[int, int] = (0, 0)
) -> tuple[str | None, str | None]:
    """Country and sector from the words around a name: 'Syrian Foreign Minister X'
    (``exclude``: the name's own tokens, which say nothing about its sector)."""
    toks = r.toks
    words = [
        i
        for i in noun_phrase(r, head)
        if i != head and i not in r.taken and not exclude[0] <= i < exclude[1]
    ]
    h = toks[head]
    if h.dep == "appos" and toks[h.head].i != head:
        words += [i for i in noun_phrase(r, h.head)]
    # "Kamal Haddad, the Syrian foreign minister,": a title in apposition after the name
    titles = [c for c in r.children(head) if c.dep == "appos" and c.pos == "NOUN"][:1]
    title_np = noun_phrase(r, titles[0].i) if titles else []
    words += [i for t in titles for i in title_np if i not in r.taken or i == t.i]
    countries = countries_in(r, noun_phrase(r, head), head)
    if not countries and h.dep == "appos":
        countries = countries_in(r, noun_phrase(r, h.head), h.head)
    if not countries and titles:
        countries = countries_in(r, title_np, titles[0].i)
    agent = agent_of(r, words) if words else None
    if titles and agent:
        agent = _body_of_title(r, titles[0], agent)
    if agent and agent.endswith("MED"):
        # "the Guardian's Iraq correspondent": a place named before a reporter's title is the
        # beat; only a nationality ("an Iraqi journalist") says whose the reporter is.
        np = noun_phrase(r, head) + (noun_phrase(r, h.head) if h.dep == "appos" else [])
        np += title_np
        beats = {
            r.country_of_token[i][0]
            for i in np
            if r.country_of_token.get(i, ("", "", 0))[1] in {"name", "capital", "place"}
        }
        nationals = {
            r.country_of_token[i][0]
            for i in np
            if r.country_of_token.get(i, ("", "", 0))[1] in {"adjective", "people"}
        }
        countries = [c for c in countries if c in nationals or c not in beats]
        if not nationals:
            # "the Guardian's Iraq correspondent": the outlet's country is the reporter's
            span = set(np)
            countries = [
                m.country
                for m in r.mentions
                if (m.code or "").endswith("MED") and m.country and m.head in span
            ][:1] or countries
    return (countries[0] if countries else None), agent


def _body_of_title(r: Resolver, title: Token, agent: str) -> str:
    """ "X, president of the opposition Green Party" leads a party of the opposition, not a
    state: a title in apposition held in a non-state body ("of", "for", "at" the body) takes
    the body's sector.  A minister's portfolio ("minister of agriculture") is no body."""
    if token_key(title.lemma) in MINISTERS or agent[:3] not in STATE_AGENTS:
        return agent
    for obj in bodies_of_title(r, title):
        body = agent_of(r, noun_phrase(r, obj.i))
        if body and body[:3] not in STATE_AGENTS:
            return body
    return agent


def bodies_of_title(r: Resolver, title: Token) -> list[Token]:
    """The nouns a title says whose it is: "head of X", "a spokesman for X", "a doctor at X"."""
    return [
        o
        for c in r.children(title.i)
        if c.dep == "prep" and c.lemma.lower() in {"of", "for", "at"}
        for o in r.children(c.i)
        if o.dep == "pobj"
    ]


def titled_out_of_role(r: Resolver) -> None:
    """A listed person named on a day none of their dated roles covers ("British Foreign
    Secretary Sir Geoffrey Howe" in 1987, listed only for an EEC presidency in 1986) is coded
    by the title the text gives them, as an unknown titled person would be: the text is
    better evidence of the office held that day than a gap in the dictionary."""
    for m in r.mentions:
        if not m.known or m.kind != "person" or m.rule.startswith("coref-"):
            continue
        # Undated text ("U.S. President Joe Biden", listed as a senator for longer): the
        # title is the only evidence of which of someone's offices is meant.
        in_role = m.code and r.when and r.kb.role_for(m.actor_id, r.when) is not None
        if not 0 <= m.head < len(r.toks):
            continue
        # "former Panamanian President X": an open-ended listing outlives the office
        former = any(r.toks[i].text.lower() == "former" for i in noun_phrase(r, m.head))
        if in_role and not (m.code or "").endswith("ELI") and not former:
            continue  # in office that day: the dictionary's office stands
        # An "elite" role names no office: "Soviet Foreign Minister Eduard Shevardnadze" in
        # 1987 is the Soviet government, whatever the dictionary's Georgian elite label says.
        country, agent = title_context(r, m.head, exclude=(m.token_start, m.token_end))
        office = None if former else _office_before(r, m)
        if office is not None:  # "U.S. President Joe Biden": the office is a listed name
            m.code = office
        elif country and agent:
            m.code = compose(country, agent)
            m.country = m.country or country
            if former and agent == "ELI":
                m.rule = FORMER  # no event's date gives the listed office back (events/roles.py)
        elif agent and (code := m.code or "").endswith("ELI") and code[:3].isalpha():
            # "Foreign Minister Eduard Shevardnadze" in 1987, listed then as a Soviet elite:
            # the title names the office, the role of the day its country
            m.code = compose(code[:3], agent)


def _office_before(r: Resolver, m: Mention) -> str | None:
    for o in r.mentions:
        code = o.code or ""
        if (
            o.token_end == m.token_start
            and o.kind != "person"
            and len(code) > 3
            and not code.endswith("ELI")
            and code[:3] == (m.country or code[:3])
        ):
            return code
    return None


def agents(r: Resolver) -> None:
    toks = r.toks
    person_heads = {m.head for m in r.mentions if m.kind == "person"}
    person_at = {
        i: m
        for m in r.mentions
        if m.kind == "person" and m.country
        for i in range(m.token_start, m.token_end)
    }
    group_tokens = {
        i
        for m in r.mentions
        if m.kind == "group" and m.code and not m.place_only
        for i in range(m.token_start, m.token_end)
    }
    r._places = None
    # "the Syrian regime" found as a listed metonym tells what a later "the regime" is.
    regime_country: list[tuple[int, str]] = [
        (m.head, m.code[:3])
        for m in r.mentions
        if m.code and 0 <= m.head < len(toks) and token_key(toks[m.head].lemma) == "regime"
    ]
    for t in toks:
        if t.pos not in {"NOUN", "PROPN"} or t.i in r.taken:
            continue
        # A title attached to a named person is part of that person, not an actor of its own.
        if t.dep in TITLE_DEPS and t.head in person_heads:
            continue
        if any(c.dep == "appos" and c.i in person_heads for c in r.children(t.i)):
            continue
        if in_hyphenated_word(r, t) or figurative_collective(r, t, agent_of):
            continue  # "rebel-held", "an army of lawyers": not the sector
        if token_key(t.lemma) in RANK_WORDS and t.head > t.i and t.dep in {"compound", "amod"}:
            continue  # "deputy trade representative": the rank of the title after it
        if t.tag in {"NNS", "NNPS"} and token_key(t.lemma) == "state":
            continue  # "some U.S. states": regions or member states, not a government
        # Words inside a hyphenated modifier ("rebel-held districts") describe, not name.
        np = [i for i in noun_phrase(r, t.i) if not in_hyphenated_word(r, toks[i])]
        words = [i for i in np if i not in r.taken or i == t.i]
        # "the U.S. Chamber of Commerce", "Turkey's chief of staff": a longer sector phrase
        # that goes on after the head through "of" is the sector (not a chamber of parliament)
        end, longer = of_extension(r, t)
        if longer is None and t.i not in r._agent_cover(words):
            continue  # the head itself must be (the end of) a sector phrase
        agent = longer or agent_of(r, words)
        key = token_key(t.lemma)
        if is_agent_head(r, token_key(t.text)) and not is_agent_head(r, key):
            key = token_key(t.text)  # "jets" is listed; its lemma "jet" is not
        if (
            agent is None
            or (longer is None and not is_agent_head(r, key))
            or (
                t.dep == "compound"
                and toks[t.head].pos in {"NOUN", "PROPN"}
                and agent_of(r, [t.head]) is not None
            )
        ):
            continue
        countries = countries_in(r, np, t.i)
        if not countries and t.dep == "compound":
            # "a Syrian army convoy": the country modifies the phrase's head.
            head_np = [i for i in noun_phrase(r, t.head) if i <= t.i]
            countries = countries_in(r, head_np, t.head)
            if countries:
                np = head_np
        if shared_modifier(r, t, countries):
            # "American diplomats and army commanders": the adjective before the first of
            # two sector nouns qualifies both (not "between British forces and insurgents",
            # nor "Chinese companies and foreign corporations").
            first = toks[t.head]
            countries = [
                c[0]
                for i in noun_phrase(r, first.i)
                if i < first.i and (c := r.country_of_token.get(i)) and c[1] == "adjective"
            ]
        # "the Assad regime": a person's country stands in for the adjective (not for a
        # staff: "McCain's chief of staff" is no army's).
        if not countries and longer is None:
            for i in np:
                m = person_at.get(i) or office_surname_at(r, i, t.i)
                if m is not None:
                    countries = [r.kb.iso3_code.get(m.country or "", m.country or "")]
        if key == "regime":
            if countries:
                regime_country.append((t.i, countries[0]))
            elif key in r.kb.context_heads and bare(r, np, t.i):
                # "the regime" (and only that) refers back to the last regime named with
                # its country; "a puppet regime" or "X's regime" with X unknown says nothing.
                before = [c for i, c in regime_country if i < t.i]
                countries = before[-1:]
        if countries and agent in STATE_AGENTS and only_places(r, np, t):
            # "the Alabama state line", "Texas officials": a region's country is not the
            # state's government or army; a country or a capital says so.
            continue
        if not countries and any(i != t.i and i in group_tokens for i in np):
            # "Islamic State militants": a named group's fighters are that group, wherever
            # they are, and the group's own mention says so.
            continue
        if not countries and any(
            p.i in group_tokens
            for c in r.children(t.i)
            if c.dep == "prep" and c.lemma.lower() in {"of", "from"}
            for p in r.children(c.i)
            if p.dep == "pobj"
        ):
            continue  # "militants from Lashkar-e-Taiba": the group says whose, not the place
        if not countries and agent in DOMESTIC_AGENTS:
            # "opposition soldiers were wounded in northern Syria": rebels and opposition
            # are domestic, so the one country the sentence places them in is theirs.
            countries = sentence_place(r, t)
        if (
            not countries
            and agent in RESIDENT_AGENTS
            and key not in POSTED_ABROAD
            and not any(i != t.i and i in r.taken for i in np)  # "UN police in Haiti"
        ):
            countries = located_in(r, t, agent in STATE_AGENTS)
        if not countries:
            continue
        if len(countries) > 1:
            # "Chad's Paris embassy": a city in the phrase says where, a country's name whose
            named = [f[0] for i in np if (f := r.country_of_token.get(i)) and f[1] not in CITY]
            countries = [c for c in countries if c in named] or countries
        start = min(i for i in np if toks[i].pos not in {"DET", "CCONJ", "PUNCT"})
        if len(countries) == 1 and add_office_holder(r, t, np, start, countries[0]):
            continue
        for iso3 in countries:
            entry = ensure_composite(r.kb, compose(iso3, agent))
            r.add(
                start,
                end,
                entry,
                "agent" if key != "regime" else "regime-metonym",
                head=t.i,
            )


def of_extension(r: Resolver, t: Token) -> tuple[int, str | None]:
    """The end of the sector phrase headed by ``t`` and its code when the phrase goes on
    through "of" ("chamber of commerce"); else the end after ``t`` and None."""
    toks = r.toks
    if t.i + 2 >= len(toks) or toks[t.i + 1].text.lower() != "of" or toks[t.i + 1].head != t.i:
        return t.i + 1, None
    span = range(t.i, min(len(toks), t.i + r.kb.max_agent_len))
    lemmas = [token_key(toks[j].lemma) or token_key(toks[j].text) for j in span]
    n, code = r.agent_phrase(lemmas, [token_key(toks[j].text) for j in span], 0)
    return (t.i + n, code) if code is not None and n > 2 else (t.i + 1, None)


def shared_modifier(r: Resolver, t: Token, countries: list[str]) -> bool:
    if countries or t.dep != "conj" or agent_of(r, [t.head]) is None:
        return False
    first = r.toks[t.head]
    opposed = first.dep == "pobj" and r.toks[first.head].lemma.lower() in {"between", "against"}
    own = any(c.dep == "amod" and c.i < t.i for c in r.children(t.i))
    return not opposed and not own


# How a city names its country: in a phrase that also names a country, it says where.
CITY = {"capital", "place"}

# Sectors whose people are of the country they are said to be "in" ("lawmakers in Kenya",
# "rebels in Syria"); not armies, spies, reporters or refugees, who are often abroad.
RESIDENT_AGENTS = {"GOV", "LEG", "JUD", "COP", "OPP", "REB", "CVL", "LAB", "AGR"}
POSTED_ABROAD = {"diplomat", "ambassador", "envoy", "embassy", "delegation", "negotiator"}


def located_in(r: Resolver, t: Token, state: bool) -> list[str]:
    """The countries after "in" ("officials in Egypt and Jordan"): a state's sector by the
    country or its capital only, others by a city of it too ("residents in Aleppo")."""
    forms = {"name", "capital"} | (set() if state else {"place"})
    found: list[str] = []
    for iso, form in prep_countries(r, t.i, {"in"}):
        if form in forms and iso not in found:
            found.append(iso)
    return found


def office_surname_at(r: Resolver, i: int, head: int) -> Mention | None:
    """ "the Bush administration": a bare surname modifying a sector word names the one
    dictionary person of that surname in office on the day (if exactly one)."""
    tok = r.toks[i]
    if i == head or i in r.taken or tok.pos != "PROPN" or tok.dep != "compound":
        return None
    if agent_of(r, [head]) not in {"GOV", "MIL"}:
        return None  # "Rice University" is nobody's government
    pid = r.kb.office_surname(token_key(tok.text), r.when)
    entry = r.kb.entries.get(pid) if pid else None
    if entry is None:
        return None
    idx = r.add(i, i + 1, entry, "dictionary-surname", head=i)
    r.taken.add(i)
    return r.mentions[idx]


def only_places(r: Resolver, np: list[int], t: Token) -> bool:
    forms = [r.country_of_token[i][1] for i in np if i in r.country_of_token]
    if not forms and t.dep == "compound":
        forms = [
            r.country_of_token[i][1] for i in noun_phrase(r, t.head) if i in r.country_of_token
        ]
    return bool(forms) and all(f == "place" for f in forms)


def bare(r: Resolver, np: list[int], head: int) -> bool:
    """A noun with nothing but a determiner: "the regime"."""
    return all(i == head or r.toks[i].text.lower() in {"the", "this", "that"} for i in np)


def in_hyphenated_word(r: Resolver, t: Token) -> bool:
    toks = r.toks
    before = t.i > 0 and toks[t.i - 1].text in {"-", "–"} and toks[t.i - 1].idx + 1 == t.idx
    after = (
        t.i + 1 < len(toks)
        and toks[t.i + 1].text in {"-", "–"}
        and toks[t.i + 1].idx == t.end
        and t.i + 2 < len(toks)
        and toks[t.i + 2].pos != "PROPN"
    )
    return before or after


def add_office_holder(r: Resolver, t: Token, np: list[int], start: int, country: str) -> bool:
    """ "The Syrian president", "Syria's foreign minister": the person who held that office
    on the article's date, when the knowledge base knows exactly one.  Only a definite,
    singular, current title counts ("a Syrian minister", "former presidents" do not)."""
    toks = r.toks
    if t.tag in {"NNS", "NNPS"}:
        return False
    definite = any(
        toks[i].text.lower() in {"the"} or (toks[i].dep == "poss" and i in r.country_of_token)
        for i in np
    )
    if not definite:
        return False
    words = [
        toks[i].text
        for i in np
        if toks[i].pos not in {"DET", "PUNCT"}
        and i not in r.country_of_token
        and toks[i].tag != "POS"
    ]
    title = " ".join(words)
    if NOT_NOW.search(title):
        return False
    key = office(title)
    if key is None:
        return False
    holder = r.kb.office_holder(country, key, r.when)
    entry = r.kb.entries.get(holder) if holder else None
    if entry is None:
        return False
    r.add(start, t.i + 1, entry, "office-holder", head=t.i, office_key=key)
    return True


def sentence_place(r: Resolver, t: Token) -> list[str]:
    """The one country the token's sentence names as a place, when it names no other.

    Indexed once for every sentence (agents() adds neither places nor countries): asked
    sentence by sentence, it scanned every mention each time, quadratic in a long article."""
    if r._places is None:
        places: dict[int, set[str]] = {}
        for m in r.mentions:
            if m.place_only and m.kind in {"country", "place"}:
                places.setdefault(m.sentence, set()).add(m.actor_id)  # its CAMEO code
        others: dict[int, set[str]] = {}
        for i, c in r.country_of_token.items():
            others.setdefault(r.toks[i].sent, set()).add(c[0])
        r._places = {
            n: list(found)
            for n, found in places.items()
            if len(found) == 1 and others.get(n, set()) <= found
        }
    return r._places.get(t.sent, [])


def foreign_bodies(r: Resolver) -> None:
    """ "the Iraqi National Guard", "Canada's Department of Justice": a state body the
    knowledge base knows by a name without its country ("National Guard", "Justice
    Department" are American) is another country's when the phrase names that country."""
    for k, m in enumerate(r.mentions):
        if m.place_only or m.kind != "government" or not m.code or not m.country:
            continue
        if m.code[:3] != m.country or not (0 <= m.head < len(r.toks)):
            continue
        before = [i for i in noun_phrase(r, m.head) if i < m.token_start]
        named = {r.country_of_token[i][0]: i for i in before if i in r.country_of_token}
        if len(named) != 1 or m.country in named:
            continue
        (iso3, at), sector = next(iter(named.items())), m.code[3:6]
        entry = ensure_composite(r.kb, compose(iso3, sector))
        r.mentions[k] = replace(
            m,
            start=r.toks[at].idx,
            text=r.a.text[r.toks[at].idx : m.end],
            token_start=at,
            actor_id=entry.actor_id,
            code=entry.code,
            name=entry.name,
            kind=entry.kind,
            country=entry.country,
            rule="agent",
            how="composition",
        )


def titled_country_names(r: Resolver) -> None:
    """'Bree Prime Minister Romendacil', 'Dagolath's deputy prime minister Telemar', where the
    dictionary lists the name only by a country: the office title right before the name says
    which actor the person is (whose minister, of which sector), so the name takes the title's
    code rather than standing for a whole state."""
    toks = r.toks
    titles: dict[int, list[Mention]] = {}
    for o in r.mentions:
        if o.rule == "agent" and len(o.code or "") > 3:
            titles.setdefault(o.token_end, []).append(o)
    for m in r.mentions:
        code = m.code or ""
        if not (len(code) == 3 and code.isalpha()) or m.place_only or m.rule.startswith("coref-"):
            continue
        if not 0 <= m.head < len(toks) or toks[m.head].pos != "PROPN":
            continue
        for o in titles.get(m.token_start, ()):
            title = o.code or ""
            if not 0 <= o.head < len(toks) or not title[:3].isalpha():
                continue
            t, name = toks[o.head], toks[m.head]
            # the title modifies the name ("Prime Minister Romendacil") or the name stands
            # right after it in apposition ("the minister Calimehtar", no comma between)
            if (t.dep == "compound" and t.head == m.head) or (
                name.dep == "appos" and name.head == o.head
            ):
                m.code = title
                break
