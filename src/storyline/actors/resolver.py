"""The state of one article's actor resolution, and the rules and vocabularies its steps share.

The steps themselves are modules of functions over a ``Resolver``: ``gazetteer.py``,
``unknown.py``, ``sectors.py``, ``coref.py``; ``resolve.py`` is the stage that runs them.
"""

from __future__ import annotations

from collections.abc import Iterable

from storyline.actors.kb import (
    AGENT_PRECEDENCE,
    AliasHit,
    Entry,
    KnowledgeBase,
)
from storyline.actors.names import fold, key_tokens, token_key
from storyline.model import Article, Mention, Token, span_head

PLACE_PREPS = {
    "in",
    "at",
    "to",
    "from",
    "near",
    "into",
    "inside",
    "outside",
    "across",
    "via",
    "toward",
    "towards",
    "around",
    "throughout",
    "within",
    "through",
}
# A country after "to" or "from" is often a party ("withdraw from Syria", "aid to Syria").
COUNTRY_PLACE_PREPS = {
    "in",
    "at",
    "near",
    "inside",
    "outside",
    "across",
    "around",
    "throughout",
    "within",
    "through",
    "via",
}
COUNTRY_FORMS = {"name", "adjective", "capital", "people"}
# Where a capital stands for its government: an argument of a verb or of a relation
# ("Ankara said", "talks with Moscow", "Damascus's decision").  Anywhere else it is a place.
ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "dative", "poss", "agent", "obj"}
PARTY_PREPS = {"with", "against", "between", "among", "by", "on", "toward", "towards", "over"}
# Why a mention resolved as it did, by rule (Mention.how; vocabulary in model.HOW).
RULE_HOW = {
    "gazetteer": "knowledge base",
    "metonym": "knowledge base",
    "phonetic": "knowledge base",
    "dictionary-surname": "dictionary",
    "capital-metonym": "composition",
    "demonym-people": "composition",
    "demonym-nominal": "knowledge base",
    "agent": "composition",
    "state-body": "composition",
    "regime-metonym": "composition",
    "office-holder": "composition",
    "coref-surname": "coreference",
    "coref-title": "coreference",
    "coref-pronoun": "coreference",
    "coref-short": "coreference",
    "coref-acronym": "coreference",
    "ner-person": "provisional",
    "ner-org": "provisional",
    "capital-place": "place",
    "place": "place",
}
# Words that join the parts of a name ("Gulf of Mexico", "Bank of Japan").
NAME_GLUE = {"of", "the", "and", "for", "de", "al", "el", "-", "'s", "’s", "&"}
MONTHS = {
    "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june",
    "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov",
    "november", "dec", "december",
}  # fmt: skip
WEEKDAYS = {
    "mon", "monday", "tue", "tues", "tuesday", "wed", "wednesday", "thu", "thur", "thurs",
    "thursday", "fri", "friday", "sat", "saturday", "sun", "sunday",
}  # fmt: skip
MODIFIER_DEPS = {"compound", "amod", "nmod", "poss", "npadvmod", "nummod"}
TITLE_DEPS = {"compound", "appos", "amod", "nmod"}
NER_ACTOR_LABELS = {"PERSON", "ORG", "NORP", "GPE"}
DOMESTIC_AGENTS = {"REB", "OPP"}
STATE_AGENTS = {"GOV", "MIL", "LEG", "JUD", "SPY"}
COREF_WINDOW = 3  # sentences a title or pronoun may look back for its person
SUBJECT_PRONOUNS = {"he", "she"}
SUBJ_DEPS = {"nsubj", "nsubjpass"}
# Mentions that refer back rather than name: not aliases of the actor.
NOT_NAMES = {"coref-pronoun", "coref-title"}


def _keyed(tokens: Iterable[Token]) -> list[tuple[int, str]]:
    """Token keys for matching; punctuation and the possessive 's drop out."""
    out = []
    for t in tokens:
        if t.tag == "POS":
            continue
        k = token_key(t.text)
        if k:
            out.append((t.i, k))
    return out


def _agent_rank(agent: str) -> int:
    """Known sectors by specificity; a user's own agent codes ("GOVFRM", "HRI") come after."""
    base = agent.strip("~")[:3]
    return AGENT_PRECEDENCE.index(base) if base in AGENT_PRECEDENCE else len(AGENT_PRECEDENCE)


def compose(country: str, agent: str) -> str:
    """Country + agent code; an agent written ``NGO~`` goes before the country (PETRARCH)."""
    return agent[:-1] + country if agent.endswith("~") else country + agent


def _titled_acronym(t: Token) -> bool:
    """An acronym spoken as a word, written as British papers do ("Nato", "Opec", "Isaf"): a
    proper noun of four letters or more that the tagger puts in an organisation's name.  A
    capitalised common word ("Care", "Hope") or a place ("Gaza") is not one."""
    w = t.text
    return (
        len(w) >= 4
        and w[0].isupper()
        and w[1:].islower()
        and w.isalpha()
        and t.pos == "PROPN"
        and t.ent_type == "ORG"
    )


def _case_ok(tokens: list[Token], hit: AliasHit) -> bool:
    # "the UN", "the Shire": the article's case says nothing, the name's does.
    lead = 1 if len(tokens) > 1 and tokens[0].text.lower() == "the" else 0
    first = tokens[lead].text
    if hit.upper_only:
        if len(tokens) == 1 and _titled_acronym(tokens[0]):
            return True
        if not all(t.text.replace(".", "").isupper() or not t.text.isalpha() for t in tokens):
            return False
        # "this IS predictive": a verb or a function word shouted in capitals is not "IS".
        return len(tokens) > 1 or tokens[0].pos not in FUNCTION_POS
    if first.lower() in ARABIC_ARTICLES and len(tokens) > lead + 1:
        # "al-Qaida", "el-Sisi", "ash-Sham": the article is written small, the name is not.
        rest = [t.text for t in tokens[lead + 1 :] if t.text not in {"-", "'"}]
        return bool(rest) and rest[0][:1].isupper()
    if hit.source == "dictionary" and len(tokens) > lead + 1 and tokens[-1].text in GROUP_HEADS:
        return False  # "the Kurdistan Islamic group" describes a group; "Islamic Group" names one
    return first[:1].isupper() or first[:1].isdigit()


# Heads of an organisation's name, which in small letters describe one rather than name it.
GROUP_HEADS = {
    "group", "party", "movement", "front", "organisation", "organization", "council", "union",
    "alliance", "brigade", "brigades", "league", "committee", "coalition", "association",
}  # fmt: skip


# The Arabic article as news transliterates it, lower case before a capitalised name.
ARABIC_ARTICLES = {"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ad-", "al-", "el-"}


def _ranked(kb: KnowledgeBase, hits: list[AliasHit], when: str | None) -> list[AliasHit]:
    """Several actors share an alias: a person in office on the date first, then the rest in
    the index's order (the user's files, the curated ones, the dictionaries)."""
    if len(hits) > 1:
        # A name shared by an actor and a place names the actor ("Fatah", "Jordan").
        hits = [h for h in hits if h.form != "place"] + [h for h in hits if h.form == "place"]
    if len(hits) > 1 and when:
        active = [h for h in hits if kb.role_for(h.actor_id, when) is not None]
        return active + [h for h in hits if h not in active]
    return hits


NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
COMPANY_SUFFIXES = {"plc", "inc", "ltd", "corp", "co", "llc", "sa", "ag", "nv", "group"}
# Last words that make a name a place: "Trafalgar Square", "Downing Street" is listed as a
# metonym before this is asked.
PLACE_HEADS = {
    "square",
    "street",
    "avenue",
    "road",
    "bridge",
    "airport",
    "station",
    "park",
    "harbour",
    "harbor",
    "port",
    "valley",
    "river",
    "beach",
    "island",
    "mountain",
    "boulevard",
    "lane",
    "plaza",
    "district",
    "province",
    "county",
}
# Words that end the name of an illness, never of a person or an organisation.
ILLNESSES = {"flu", "influenza", "virus", "fever", "disease", "syndrome", "pox", "pandemic"}
# Titles before a regnal or religious name, whose words are no first name and surname.
REGNAL = {"pope", "king", "queen", "emperor", "empress", "saint", "st"}
# Nouns a place's name is put before ("his Sedgefield constituency").
TERRITORIES = {"constituency", "town", "village", "city", "region", "neighbourhood", "neighborhood",
               "suburb", "governorate", "state", "ward", "parish", "municipality", "borough",
               "township"}  # fmt: skip
PLACES_NAMED = PLACE_HEADS | TERRITORIES
FUNCTION_POS = {"AUX", "VERB", "PRON", "ADP", "DET", "CCONJ", "SCONJ", "PART", "ADV"}

# Courtesy titles that NER keeps inside a person's name; office titles (minister, president)
# are read by title_context instead.
HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "gen", "lt", "col",
     "maj", "capt", "sgt", "adm", "sen", "rep", "gov", "pres", "rev", "fr"}
)  # fmt: skip


def kind_is_person(m: Mention) -> bool:
    return m.kind == "person"


def _date_tokens(words: list[str], places: dict[str, str] | None = None) -> list[bool]:
    """Which words of an entity are a date that a dateline or byline glued to it: numbers, and
    month or weekday names next to one ("Jul 2016", "Wed 05 Apr 2017"; but "Theresa May")."""
    datey = [any(c.isdigit() for c in w) for w in words]
    calendar_word = [w.lower().rstrip(".,") in MONTHS | WEEKDAYS for w in words]
    weekday = [w.lower().rstrip(".,") in WEEKDAYS for w in words]
    for _ in range(2):
        for k, cal in enumerate(calendar_word):
            near = (k > 0 and datey[k - 1]) or (k + 1 < len(words) and datey[k + 1])
            # "Fri Jun": a weekday beside a month is a date whatever follows the entity
            pair = any(weekday[j] != weekday[k] and calendar_word[j] for j in (k - 1, k + 1)
                       if 0 <= j < len(words))  # fmt: skip
            if cal and (near or pair):
                datey[k] = True
    for k in range(len(words) - 1):
        dash = words[k + 1] in {"-", "–", "—"} and words[k].isupper()
        if dash and places is not None and fold(words[k]) in places:
            datey[k] = datey[k + 1] = True  # "HOUSTON - Federal": a dateline glued on
    return datey


class Resolver:
    """One article being resolved: its tokens, the mentions found so far and small lookups
    the resolution steps share (``gazetteer``, ``unknown``, ``sectors``, ``coref``)."""

    def __init__(self, article: Article, kb: KnowledgeBase) -> None:
        self.a = article
        self.kb = kb
        self.when = article.published
        self.toks = article.tokens
        self.mentions: list[Mention] = []
        self.taken: set[int] = set()  # tokens inside a gazetteer or NER mention
        self.country_of_token: dict[int, tuple[str, str, int]] = {}  # tok -> (iso3, form, mention)
        self._places: dict[int, list[str]] | None = None  # sentence -> its one place
        self.kids: list[list[Token]] = [[] for _ in self.toks]
        for t in self.toks:
            if t.head != t.i and 0 <= t.head < len(self.toks):
                self.kids[t.head].append(t)
        self._shout: dict[int, bool] = {}
        # Organisations by the first word of their name, as mentions are added (short forms).
        self.orgs_by_first: dict[str, list[Mention]] = {}
        self.orgs_indexed = 0
        # Named people so far (not references back), with their surname key, in order found.
        self.people_named: list[tuple[str, Mention]] = []
        # The countries the article names so far, as of how many tokens were placed then.
        self.named_countries: tuple[int, set[str]] = (-1, set())

    # ---- helpers ----------------------------------------------------------------------------
    def children(self, i: int) -> list[Token]:
        return self.kids[i]

    def add(
        self,
        start_tok: int,
        end_tok: int,
        entry: Entry,
        rule: str,
        code: str | None = None,
        head: int | None = None,
        place_only: bool = False,
        known: bool = True,
        office_key: str | None = None,
    ) -> int:
        first, last = self.toks[start_tok], self.toks[end_tok - 1]
        if code is None:
            code = self.kb.code_for(entry.actor_id, self.when)
        how = "place" if place_only else RULE_HOW.get(rule, "knowledge base")
        if how == "knowledge base" and entry.source == "dictionary":
            how = "dictionary"
        m = Mention(
            start=first.idx,
            end=last.end,
            text=self.a.text[first.idx : last.end],
            sentence=first.sent,
            token_start=start_tok,
            token_end=end_tok,
            actor_id=entry.actor_id,
            code=code,
            name=entry.name,
            kind=entry.kind,
            country=entry.country,
            rule=rule,
            head=self._span_head(start_tok, end_tok) if head is None else head,
            place_only=place_only,
            known=known,
            how=how,
            office=office_key,
        )
        self.mentions.append(m)
        if kind_is_person(m) and not rule.startswith("coref-"):
            keys = key_tokens(m.text)
            if keys:
                self.people_named.append((keys[-1], m))
        return len(self.mentions) - 1

    def _span_head(self, start: int, end: int) -> int:
        return span_head(self.toks, start, end)

    def _is_place_use(self, head: int, preps: set[str] = PLACE_PREPS) -> bool:
        t = self.toks[head]
        if t.dep == "pobj" and self.toks[t.head].lemma.lower() in preps:
            return True
        # "Damascus-based", "the Moscow talks": a capital modifying a noun names a place.
        return t.dep in {"compound", "npadvmod", "nmod"} and self.toks[t.head].pos in {
            "NOUN",
            "VERB",
            "ADJ",
        }

    def _agent_cover(self, tokens: list[int]) -> set[int]:
        """Tokens that some agent phrase covers (for telling "Foreign Ministry" from a name)."""
        out: set[int] = set()
        keys = [token_key(self.toks[i].lemma) or token_key(self.toks[i].text) for i in tokens]
        surf = [token_key(self.toks[i].text) for i in tokens]
        for a in range(len(tokens)):
            n, code = self.agent_phrase(keys, surf, a)
            if code is not None:
                out.update(tokens[a : a + n])
        return out

    def not_a_name(self, i: int) -> bool:
        """A one-word "name" that is none: a sector word alone ("Opposition"), one the tagger
        took for a name because it opens the sentence capitalised before the noun it forms a
        sector with ("Riot police", "Border guards"), or a common noun modifying another
        ("Rice prices", tagged a person)."""
        t = self.toks[i]
        if token_key(t.text) in self.kb.agent_heads:
            return True
        if t.pos == "NOUN" and t.dep == "compound" and self.toks[t.head].pos == "NOUN":
            return True
        if t.dep != "compound" or t.head != i + 1:
            return False
        pair = [t, self.toks[i + 1]]
        lemmas = [token_key(w.lemma) or token_key(w.text) for w in pair]
        return self.agent_phrase(lemmas, [token_key(w.text) for w in pair], 0)[0] == 2

    def agent_phrase(
        self, lemmas: list[str], surfaces: list[str], a: int
    ) -> tuple[int, str | None]:
        """The longest agent phrase starting at word ``a``: (its length, its code)."""
        agents, stems = self.kb.agents, self.kb.agent_stems
        for n in range(min(self.kb.max_agent_len, len(lemmas) - a), 0, -1):
            for words in (tuple(lemmas[a : a + n]), tuple(surfaces[a : a + n])):
                if words in agents:
                    return n, agents[words]
                for stem, code in stems.get(words[:-1], ()):
                    if words[-1].startswith(stem):
                        return n, code
        return 0, None
