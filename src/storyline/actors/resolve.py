"""Actor stage: find actor mentions in each sentence and resolve them to one identity each.

Order of evidence, strongest first: the knowledge-base gazetteer (curated entries, then the
bundled dictionaries; it beats spaCy's NER, which calls "Daesh" a place and "Sputnik" a person),
then title-and-sector phrases ("Syrian Foreign Minister X", "Turkish forces", "the Syrian
president" -> the office's holder on the day), then spaCy NER for names the knowledge base does
not know, which become provisional actors (``known = False``) keyed by a
transliteration-insensitive name key.  Every mention records the rule that produced it and the
kind of evidence (``how``, see ``RULE_HOW``).

Safety before recall -- an unknown actor is better than a wrong one:

- a multi-word name is matched whole before its parts, and a country's name inside a longer
  name ("New Jersey", "Gulf of Mexico", "Syria Democratic Forces") is not that country;
- a surname alone never names a listed person when the text gives another first name
  ("Ibrahim al-Jaafari" is not Bashar al-Jaafari);
- a place is an actor only as a country or as a capital standing for its government in an
  argument position ("Ankara said", "talks with Moscow"), never a city or region;
- page furniture and datelines ("Subscribe ...", "Related News ...", "Wed 05 Apr 2017") never
  form names.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from storyline.actors.kb import (
    AGENT_PRECEDENCE,
    AliasHit,
    Entry,
    KnowledgeBase,
    ensure_composite,
    load_kb,
)
from storyline.actors.names import fold, key_tokens, similar, slug, token_key
from storyline.actors.offices import NOT_NOW, office
from storyline.model import Actor, Article, Mention, Token, span_head

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
    "agent": "composition",
    "regime-metonym": "composition",
    "office-holder": "composition",
    "coref-surname": "coreference",
    "coref-title": "coreference",
    "coref-pronoun": "coreference",
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


def _case_ok(tokens: list[Token], hit: AliasHit) -> bool:
    # "the UN", "the Shire": the article's case says nothing, the name's does.
    lead = 1 if len(tokens) > 1 and tokens[0].text.lower() == "the" else 0
    first = tokens[lead].text
    if hit.upper_only:
        if not all(t.text.replace(".", "").isupper() or not t.text.isalpha() for t in tokens):
            return False
        # "this IS predictive": a verb or a function word shouted in capitals is not "IS".
        return len(tokens) > 1 or tokens[0].pos not in FUNCTION_POS
    return first[:1].isupper() or first[:1].isdigit()


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
FUNCTION_POS = {"AUX", "VERB", "PRON", "ADP", "DET", "CCONJ", "SCONJ", "PART", "ADV"}

# Courtesy titles that NER keeps inside a person's name; office titles (minister, president)
# are read by title_context instead.
HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "gen", "lt", "col",
     "maj", "capt", "sgt", "adm", "sen", "rep", "gov", "pres", "rev", "fr"}
)  # fmt: skip


def kind_is_person(m: Mention) -> bool:
    return m.kind == "person"


def _date_tokens(words: list[str]) -> list[bool]:
    """Which words of an entity are a date that a dateline or byline glued to it: numbers, and
    month or weekday names next to one ("Jul 2016", "Wed 05 Apr 2017"; but "Theresa May")."""
    datey = [any(c.isdigit() for c in w) for w in words]
    calendar_word = [w.lower().rstrip(".,") in MONTHS | WEEKDAYS for w in words]
    for _ in range(2):
        for k, cal in enumerate(calendar_word):
            near = (k > 0 and datey[k - 1]) or (k + 1 < len(words) and datey[k + 1])
            if cal and near:
                datey[k] = True
    return datey


class _Resolver:
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
        # Named people so far (not references back), with their surname key, in order found.
        self.people_named: list[tuple[str, Mention]] = []

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

    # ---- 1. gazetteer -------------------------------------------------------------------------
    def gazetteer(self) -> None:
        toks = self.toks
        for sent in self.a.sentences:
            seq = _keyed(toks[sent.token_start : sent.token_end])
            j = 0
            while j < len(seq):
                found = self._match_at(seq, j)
                if not found:
                    j += 1
                    continue
                n, start, end, hit = found
                self._add_gazetteer(start, end, hit)
                self.taken.update(range(start, end))
                j += n

    def _match_at(
        self, seq: list[tuple[int, str]], j: int
    ) -> tuple[int, int, int, AliasHit] | None:
        """The longest acceptable alias starting at ``seq[j]`` (the prefix index says when no
        longer alias can begin with the words so far)."""
        kb = self.kb
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
            for hit in _ranked(kb, kb.aliases.get(key) or [], self.when):
                if self._acceptable(hit, start, end, n):
                    return n, start, end, hit
        return None

    def _acceptable(self, hit: AliasHit, start: int, end: int, n: int) -> bool:
        entry = self.kb.entries.get(hit.actor_id)
        if entry is None or not _case_ok(self.toks[start:end], hit):
            return False
        if entry.kind == "person":
            if (n == 1 or entry.source == "dictionary") and not self.kb.plausible(
                hit.actor_id, self.when
            ):
                return False  # "Harris" in 1987 is not Kamala Harris
            if self._other_first_name(start, end, hit.actor_id):
                return False  # "Ibrahim al-Jaafari" is not Bashar al-Jaafari
            if not self._has_first_name(start, end, hit.actor_id) and self._inside_longer_name(
                start, end
            ):
                return False
        elif (hit.form in COUNTRY_FORMS or hit.form == "place") and self._inside_longer_name(
            start, end
        ):
            return False  # "New Jersey", "Gulf of Mexico", "Syria Democratic Forces"
        return True

    def _has_first_name(self, start: int, end: int, actor_id: str) -> bool:
        firsts = self.kb.first_names.get(actor_id, set())
        return any(token_key(t.text) in firsts for t in self.toks[start:end])

    def _other_first_name(self, start: int, end: int, actor_id: str) -> bool:
        """A listed surname that the text gives with someone else's first name: the word before
        it is a capitalised name word of the same person-name (not a title such as "President"
        or "Mr"), and it is none of the listed person's first names."""
        entry = self.kb.entries.get(actor_id)
        if entry is None or entry.kind != "person" or start == 0:
            return False
        if self._has_first_name(start, end, actor_id):
            return False
        t, prev = self.toks[start], self.toks[start - 1]
        if prev.sent != t.sent or not prev.text[:1].isupper() or not prev.text.isalpha():
            return False
        if prev.pos != "PROPN" or not (prev.ent_type == "PERSON" or t.ent_iob == "I"):
            return False
        first = token_key(prev.text)
        if first in TITLE_WORDS or first in self.kb.agent_heads or self._country_word(start - 1):
            return False
        firsts = self.kb.first_names.get(actor_id, set())
        return bool(firsts) and not any(similar(first, f) >= 0.8 for f in firsts)

    def _country_word(self, i: int) -> bool:
        return any(
            h.form in COUNTRY_FORMS
            for h in self.kb.aliases.get((token_key(self.toks[i].text),), ())
        )

    def _entity(self, start: int, end: int) -> tuple[int, int] | None:
        """The named entity (spaCy's) that holds tokens [start, end), when it is longer."""
        toks = self.toks
        if toks[start].ent_iob not in {"B", "I"}:
            return None
        es = start
        while es > 0 and toks[es].ent_iob == "I":
            es -= 1
        ee = end
        while ee < len(toks) and toks[ee].ent_iob == "I":
            ee += 1
        if any(toks[i].ent_iob == "O" for i in range(start, end)):
            return None
        return (es, ee) if (es, ee) != (start, end) else None

    def _inside_longer_name(self, start: int, end: int) -> bool:
        """Whether a country, place or surname is only a part of a longer name: the entity that
        holds it has a capitalised word next to it (across "of", "the", "-") that neither a
        title, a sector word nor another listed name explains ("New Jersey", "Gulf of Mexico",
        "Syria Democratic Forces"; but "Syrian Foreign Ministry", "Russian President Putin")."""
        span = self._entity(start, end)
        if span is None:
            return False
        es, ee = span
        toks = self.toks
        left = list(range(start - 1, es - 1, -1))
        right = list(range(end, ee))
        for side, is_right in ((left, False), (right, True)):
            for i in side:
                t = toks[i]
                if t.text.lower() in NAME_GLUE or not t.text.isalpha():
                    continue
                if not t.text[:1].isupper():
                    break
                if not self._explained(i, side, is_right):
                    return True
                break
        return False

    def _explained(self, i: int, side: list[int], is_right: bool) -> bool:
        """A capitalised neighbour that does not make a longer name: a title, a sector word
        (with the words after it on its side: "Foreign Ministry"), a country, or -- on the
        right -- the start of another listed name ("Russian President Vladimir Putin")."""
        toks = self.toks
        key = token_key(toks[i].text)
        if key in TITLE_WORDS or self._country_word(i):
            return True
        if i in self._agent_cover(sorted(j for j in side if toks[j].text.isalpha())):
            return True
        return is_right and self._alias_starts(i)

    def _alias_starts(self, i: int) -> bool:
        """Whether a listed alias begins at token ``i`` (and is complete in the text)."""
        sent = self.a.sentences[self.toks[i].sent]
        seq = _keyed(self.toks[i : sent.token_end])
        key: tuple[str, ...] = ()
        for _, k in seq:
            key = (*key, k)
            if key in self.kb.aliases:
                return True
            if key not in self.kb.prefixes:
                return False
        return False

    def _agent_cover(self, tokens: list[int]) -> set[int]:
        """Tokens that some agent phrase covers (for telling "Foreign Ministry" from a name)."""
        out: set[int] = set()
        keys = [token_key(self.toks[i].lemma) or token_key(self.toks[i].text) for i in tokens]
        surf = [token_key(self.toks[i].text) for i in tokens]
        for a in range(len(tokens)):
            n, code = self._agent_phrase(keys, surf, a)
            if code is not None:
                out.update(tokens[a : a + n])
        return out

    def _argument_position(self, head: int) -> bool:
        """Is the word an argument -- subject, object, possessor, party of a relation -- rather
        than a place, a modifier or a dateline?"""
        t = self.toks[head]
        for _ in range(4):
            if t.dep in {"conj", "appos"} and t.head != t.i:
                t = self.toks[t.head]
                continue
            break
        if t.dep in ARGUMENT_DEPS:
            return True
        if t.dep == "pobj" and t.head != t.i:
            return self.toks[t.head].lemma.lower() in PARTY_PREPS
        return False

    def _inside_place_phrase(self, head: int) -> bool:
        """A building standing for a government, used as a building: "in the White House",
        "in the Cabinet Room of the White House"."""
        t = self.toks[head]
        for _ in range(3):
            if t.dep != "pobj" or t.head == t.i:
                return False
            prep = self.toks[t.head]
            if prep.lemma.lower() in COUNTRY_PLACE_PREPS | {"into", "to", "from"}:
                return True
            if prep.lemma.lower() != "of" or prep.head == prep.i:
                return False
            t = self.toks[prep.head]  # "the Cabinet Room of ...": is the room in a place?
        return False

    def _add_gazetteer(self, start: int, end: int, hit: AliasHit) -> None:
        entry = self.kb.entries[hit.actor_id]
        head = self._span_head(start, end)
        if hit.form == "place":
            # A city or region inside a country: a place, never an actor (its country composes
            # with a sector word: "Aleppo residents").
            code = entry.actor_id
            place = Entry(
                code,
                self.a.text[self.toks[start].idx : self.toks[end - 1].end],
                "place",
                code,
                entry.country,
            )
            idx = self.add(start, end, place, "place", code=code, head=head, place_only=True)
            for i in range(start, end):
                self.country_of_token[i] = (code, "place", idx)
            return
        if entry.kind == "country" and hit.form in COUNTRY_FORMS:
            # The code the country carries today (a dictionary may date it: Rhodesia/Zimbabwe)
            # is what composes with sector words ("Zimbabwean troops").
            iso3 = self.kb.code_for(entry.actor_id, self.when) or entry.actor_id
            if hit.form == "adjective":
                # An adjective names an actor only with a noun it modifies (see agents()).
                for i in range(start, end):
                    self.country_of_token[i] = (iso3, "adjective", -1)
                return
            if hit.form == "capital":
                if self._argument_position(head) and not self._is_place_use(head):
                    gov = ensure_composite(self.kb, iso3 + "GOV")
                    idx = self.add(start, end, gov, "capital-metonym", head=head)
                else:
                    idx = self.add(
                        start, end, entry, "capital-place", code=iso3, head=head, place_only=True
                    )
                for i in range(start, end):
                    self.country_of_token[i] = (iso3, "capital", idx)
                return
            if hit.form == "people":
                cvl = ensure_composite(self.kb, iso3 + "CVL")
                idx = self.add(start, end, cvl, "demonym-people", head=head)
                for i in range(start, end):
                    self.country_of_token[i] = (iso3, "people", idx)
                return
            idx = self.add(
                start,
                end,
                entry,
                "gazetteer",
                head=head,
                place_only=self._is_place_use(head, COUNTRY_PLACE_PREPS),
            )
            for i in range(start, end):
                self.country_of_token[i] = (iso3, "name", idx)
            return
        code = None
        if entry.kind == "person" and not self.when:
            # No date to pick the office by: the title in the text says which office is meant.
            country, agent = self.title_context(head)
            if agent and (country or entry.country):
                code = compose(entry.country or country or "", agent)
        place_only = hit.form == "metonym" and self._inside_place_phrase(head)
        self.add(
            start,
            end,
            entry,
            "gazetteer" if hit.form != "metonym" else "metonym",
            code=code,
            head=head,
            place_only=place_only,
        )

    # ---- 2. NER names the knowledge base lacks ------------------------------------------------
    def ner(self) -> None:
        toks = self.toks
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
            if not any(k in self.taken for k in range(i, j)):
                if label in {"PERSON", "ORG"}:
                    self._add_ner(i, j, label)
                elif label in {"GPE", "LOC", "FAC"}:
                    self._add_ner_place(i, j)
            i = j

    def _add_ner_place(self, start: int, end: int) -> None:
        """A city or region the knowledge base does not list by name but the gazetteer of
        places does: a place mention with its country (never an actor)."""
        toks = self.toks
        while start < end and toks[start].pos in {"DET", "PUNCT"}:
            start += 1
        while end > start and (toks[end - 1].tag == "POS" or toks[end - 1].pos == "PUNCT"):
            end -= 1
        if start >= end:
            return
        text = self.a.text[toks[start].idx : toks[end - 1].end]
        code = self.kb.places.get(fold(text))
        if code is None or not text[:1].isupper():
            return
        country = self.kb.entries.get(code)
        place = Entry(code, text, "place", code, country.country if country else code)
        idx = self.add(start, end, place, "place", code=code, place_only=True)
        self.taken.update(range(start, end))
        for i in range(start, end):
            self.country_of_token[i] = (code, "place", idx)

    def _clean_span(self, start: int, end: int, label: str) -> tuple[int, int] | None:
        """The name inside an entity span, or None when it is no name: determiners, possessives
        and courtesy titles trimmed; dates and datelines cut away ("Jul 2016 Opposition",
        "Wed 05 Apr 2017"); page furniture ("Subscribe ...", "Related News ...") refused."""
        toks = self.toks
        words = [token_key(toks[i].text) for i in range(start, end)]
        if any(w in self.kb.page_furniture for w in words):
            return None
        if self._shouted(toks[start].sent):
            return None  # "MCINSANE IS FALLING APART": capitals for emphasis, not names
        # A headline or a slogan the tagger took for a name ("Obama Takes First Shot at ...",
        # "Put your Country First"): names hold no verbs or pronouns.
        if any(toks[i].pos in {"VERB", "AUX", "PRON"} for i in range(start, end)):
            return None
        while start < end and toks[start].pos in {"PART", "ADV", "INTJ", "SCONJ"}:
            start += 1  # "NOT Obama"
        # Keep the longest run of tokens that are not part of a date ("Jul 2016", "Wed 05 Apr").
        datey = _date_tokens([toks[i].text for i in range(start, end)])
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
        while start < end and toks[start].pos in {"DET", "PUNCT"}:
            start += 1
        while end > start and (toks[end - 1].tag == "POS" or toks[end - 1].pos == "PUNCT"):
            end -= 1
        # "Rebel-backer Washington": a hyphenated description before a name is not the name.
        for k in range(start, end - 1):
            if toks[k + 1].text in {"-", "–"} and k + 2 < end:
                parts = [token_key(toks[k].lemma), token_key(toks[k + 2].lemma)]
                if any(p in self.kb.agent_heads for p in parts):
                    start = k + 3
        # A courtesy title is not part of the name: "Dr Sanjay Gupta" is Sanjay Gupta.
        while (
            label == "PERSON"
            and end - start > 1
            and toks[start].text.rstrip(".").lower() in HONORIFICS | {""}
        ):
            start += 1
        if start >= end:
            return None
        return start, end

    def _shouted(self, sent_index: int) -> bool:
        """A sentence mostly in capitals (a headline or a comment shouting)."""
        cached = self._shout.get(sent_index)
        if cached is None:
            sent = self.a.sentences[sent_index]
            words = [
                t.text
                for t in self.toks[sent.token_start : sent.token_end]
                if t.text.isalpha() and len(t.text) > 1
            ]
            caps = sum(w.isupper() for w in words)
            cached = self._shout[sent_index] = len(words) >= 3 and caps >= 0.6 * len(words)
        return cached

    def _add_ner(self, start: int, end: int, label: str) -> None:
        toks = self.toks
        span = self._clean_span(start, end, label)
        if span is None:
            return
        start, end = span
        text = self.a.text[toks[start].idx : toks[end - 1].end]
        keys = key_tokens(text)
        if not keys or not text[:1].isupper():
            return
        if keys[-1] in PLACE_HEADS and len(keys) > 1:
            return  # "Trafalgar Square", "Wall Street": a place, whatever the tagger says
        if label == "ORG" and len(keys) > 1 and keys[-1] in COMPANY_SUFFIXES:
            hits = self.kb.aliases.get(keys[:-1]) or []
            if hits:  # "BP Plc" is BP
                entry = self.kb.entries.get(hits[0].actor_id)
                if entry is not None and entry.kind != "person":
                    self.add(start, end, entry, "gazetteer")
                    self.taken.update(range(start, end))
                    return
        folded = " ".join(keys)
        if folded in self.kb.places or self._names_a_country(keys):
            return  # "Aleppo", "Kilis" as an ORG or a PERSON: a place, never an actor
        if label == "ORG" and self._sector_phrase(start, end):
            return  # "the Bush administration": a sector of someone's, read by agents()
        if len(keys) == 1 and (keys in self.kb.agents or keys[0] in self.kb.agent_heads):
            return  # "Opposition" alone is a sector word, read by agents()
        # A lone surname of a person named earlier, whatever the tagger calls it ("Zaydani"
        # is sometimes an ORG).
        earlier = self._earlier_person(keys, start) if label in {"PERSON", "ORG"} else None
        if earlier is not None:
            self.add(start, end, self._entry_of(earlier), "coref-surname", code=earlier.code)
            self.taken.update(range(start, end))
            return
        if label == "PERSON":
            entry = self._without_initials(keys)
            rule = "gazetteer"
            if entry is None:
                entry = self._phonetic_person(keys)
                rule = "phonetic"
            if entry is None and len(keys) == 1:
                # "Rumsfeld said": the one dictionary person of that surname in office then.
                pid = self.kb.office_surname(keys[0], self.when)
                entry = self.kb.entries.get(pid) if pid else None
                rule = "dictionary-surname"
            if entry is not None:
                self.add(start, end, entry, rule)
                self.taken.update(range(start, end))
                return
            country, agent = self.title_context(self._span_head(start, end))
            code = compose(country, agent or "") if country else None
            entry = Entry("u:" + slug(text), text, "person", code, country)
            self.add(start, end, entry, "ner-person", code=code, known=False)
            self.taken.update(range(start, end))
        elif label == "ORG":
            # The sector comes from the words around the name ("the Turkish daily Hurriyet"),
            # never from the name's own words: "Syria Democratic Forces" is not Syria's army.
            country, agent = self.title_context(self._span_head(start, end), exclude=(start, end))
            code = compose(country, agent or "") if country and agent else None
            country = country or self._country_inside(start, end)
            entry = Entry("u:" + slug(text), text, "organization", code, country)
            self.add(start, end, entry, "ner-org", code=code, known=False)
            self.taken.update(range(start, end))

    def _sector_phrase(self, start: int, end: int) -> bool:
        """An entity that is a sector word modified by a surname in office or a country."""
        toks = self.toks
        head = toks[end - 1]
        if not self._is_agent_head(token_key(head.lemma)) and not self._is_agent_head(
            token_key(head.text)
        ):
            return False
        for i in range(start, end - 1):
            t = toks[i]
            if not t.text[:1].isupper() or t.text.lower() in NAME_GLUE:
                continue
            key = token_key(t.text)
            if not (self._country_word(i) or self.kb.office_surname(key, self.when)):
                return False
        return True

    def _names_a_country(self, keys: tuple[str, ...]) -> bool:
        return any(h.form in COUNTRY_FORMS for h in self.kb.aliases.get(keys, ()))

    def _country_inside(self, start: int, end: int) -> str | None:
        """The country a provisional organisation's own name carries ("Bank of Japan")."""
        for i in range(start, end):
            for h in self.kb.aliases.get((token_key(self.toks[i].text),), ()):
                entry = self.kb.entries.get(h.actor_id)
                if h.form in COUNTRY_FORMS and entry is not None and entry.kind == "country":
                    return entry.country
        return None

    def _without_initials(self, keys: tuple[str, ...]) -> Entry | None:
        """A listed person written with a middle initial or a suffix the list does not have:
        "David H. Petraeus", "Henry M. Paulson Jr." are David Petraeus, Henry Paulson."""
        short = tuple(
            k for n, k in enumerate(keys) if not (n > 0 and (len(k) == 1 or k in NAME_SUFFIXES))
        )
        if len(short) < 2 or short == keys:
            return None
        for hit in _ranked(self.kb, self.kb.aliases.get(short) or [], self.when):
            entry = self.kb.entries.get(hit.actor_id)
            if (
                entry is not None
                and entry.kind == "person"
                and self.kb.plausible(hit.actor_id, self.when)
            ):
                return entry
        return None

    def _phonetic_person(self, keys: tuple[str, ...]) -> Entry | None:
        """A surname spelled differently from every listed alias (Meqdad, Mokdad...)."""
        last = keys[-1]
        if len(last) < 4:
            return None
        best, best_score = None, 0.0
        for pid in self.kb.phonetic_candidates(last):
            if not self.kb.plausible(pid, self.when):
                continue
            if len(keys) > 1 and not self._first_name_agrees(pid, keys[0]):
                continue  # "John Price" is not Ned Price
            score = max((similar(last, f) for f in self.kb.surname_forms.get(pid, ())), default=0.0)
            if score > best_score:
                best, best_score = pid, score
        return self.kb.entries[best] if best and best_score >= 0.84 else None

    def _earlier_person(self, keys: tuple[str, ...], before: int) -> Mention | None:
        """A lone surname ("Zaydani") naming a person introduced in full earlier in the article."""
        if len(keys) != 1 or len(keys[0]) < 3:
            return None
        word = keys[0]
        for last, m in reversed(self.people_named):
            if m.token_start >= before:
                continue
            if last == word or (last[:1] == word[:1] and similar(last, word) >= 0.93):
                return m
        return None

    def _entry_of(self, m: Mention) -> Entry:
        entry = self.kb.entries.get(m.actor_id)
        if entry is not None:
            return entry
        return Entry(m.actor_id, m.name, m.kind, m.code, m.country)

    def _first_name_agrees(self, pid: str, first: str) -> bool:
        firsts = self.kb.first_names.get(pid, set())
        return not firsts or any(similar(first, f) >= 0.8 for f in firsts)

    # ---- 3. titles and sectors: "Syrian Foreign Minister", "Turkish forces" -------------------
    def noun_phrase(self, head: int) -> list[int]:
        """The head and its left-hand modifiers (recursively): the words that describe it."""
        out = [head]
        stack = [head]
        while stack:
            h = stack.pop()
            for c in self.children(h):
                if c.i < head and (
                    c.dep in MODIFIER_DEPS or c.dep in {"det", "cc", "conj", "punct"}
                ):
                    out.append(c.i)
                    stack.append(c.i)
        return sorted(out)

    def agent_of(self, tokens: list[int]) -> str | None:
        """The most specific sector named by the words of a phrase.  A longer agent phrase
        takes its words for itself ("passenger jet" is civilian, though "jet" alone is
        military; "national security adviser" is government, whatever "security" says)."""
        found: list[str] = []
        lemmas = [token_key(self.toks[i].lemma) or token_key(self.toks[i].text) for i in tokens]
        surfaces = [token_key(self.toks[i].text) for i in tokens]
        a = 0
        while a < len(tokens):
            n, code = self._agent_phrase(lemmas, surfaces, a)
            if code is not None:
                found.append(code)
            a += max(n, 1)
        if not found:
            return None
        if "OPP" in found and ("MIL" in found or "REB" in found):
            return "REB"
        return min(found, key=_agent_rank)

    def _agent_phrase(
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

    def _is_agent_head(self, key: str) -> bool:
        return key in self.kb.agent_heads or any(
            key.startswith(s) for s in self.kb.agent_stem_heads
        )

    def countries_in(self, tokens: list[int], head: int) -> list[str]:
        seen: list[str] = []
        for i in tokens:
            c = self.country_of_token.get(i)
            if c and c[0] not in seen:
                seen.append(c[0])
        # "ministers from Turkey, Syria and Iran", "the government of Syria"
        for c in self.children(head):
            if c.dep == "prep" and c.lemma.lower() in {"of", "from"}:
                for p in self.children(c.i):
                    if p.dep != "pobj":
                        continue
                    for q in [p, *self._conjuncts(p.i)]:
                        cc = self.country_of_token.get(q.i)
                        if cc and cc[0] not in seen:
                            seen.append(cc[0])
        return seen

    def _conjuncts(self, i: int) -> list[Token]:
        out, stack = [], [i]
        while stack:
            h = stack.pop()
            for c in self.children(h):
                if c.dep == "conj":
                    out.append(c)
                    stack.append(c.i)
        return out

    def title_context(
        self, head: int, exclude: tuple[int, int] = (0, 0)
    ) -> tuple[str | None, str | None]:
        """Country and sector from the words around a name: 'Syrian Foreign Minister X'
        (``exclude``: the name's own tokens, which say nothing about its sector)."""
        toks = self.toks
        words = [
            i
            for i in self.noun_phrase(head)
            if i != head and i not in self.taken and not exclude[0] <= i < exclude[1]
        ]
        h = toks[head]
        if h.dep == "appos" and toks[h.head].i != head:
            words += [i for i in self.noun_phrase(h.head)]
        countries = self.countries_in(self.noun_phrase(head), head)
        if not countries and h.dep == "appos":
            countries = self.countries_in(self.noun_phrase(h.head), h.head)
        agent = self.agent_of(words) if words else None
        return (countries[0] if countries else None), agent

    def agents(self) -> None:
        toks = self.toks
        person_heads = {m.head for m in self.mentions if m.kind == "person"}
        person_at = {
            i: m
            for m in self.mentions
            if m.kind == "person" and m.country
            for i in range(m.token_start, m.token_end)
        }
        self._places = None
        # "the Syrian regime" found as a listed metonym tells what a later "the regime" is.
        regime_country: list[tuple[int, str]] = [
            (m.head, m.code[:3])
            for m in self.mentions
            if m.code and 0 <= m.head < len(toks) and token_key(toks[m.head].lemma) == "regime"
        ]
        for t in toks:
            if t.pos not in {"NOUN", "PROPN"} or t.i in self.taken:
                continue
            # A title attached to a named person is part of that person, not an actor of its own.
            if t.dep in TITLE_DEPS and t.head in person_heads:
                continue
            if any(c.dep == "appos" and c.i in person_heads for c in self.children(t.i)):
                continue
            if self._in_hyphenated_word(t):
                continue  # "rebel-held", "anti-government", "Rebel-backer": not the sector
            if t.tag in {"NNS", "NNPS"} and token_key(t.lemma) == "state":
                continue  # "some U.S. states": regions or member states, not a government
            # Words inside a hyphenated modifier ("rebel-held districts") describe, not name.
            np = [i for i in self.noun_phrase(t.i) if not self._in_hyphenated_word(toks[i])]
            words = [i for i in np if i not in self.taken or i == t.i]
            if t.i not in self._agent_cover(words):
                continue  # the head itself must be (the end of) a sector phrase
            agent = self.agent_of(words)
            key = token_key(t.lemma)
            if self._is_agent_head(token_key(t.text)) and not self._is_agent_head(key):
                key = token_key(t.text)  # "jets" is listed; its lemma "jet" is not
            if (
                agent is None
                or not self._is_agent_head(key)
                or (
                    t.dep == "compound"
                    and toks[t.head].pos in {"NOUN", "PROPN"}
                    and self.agent_of([t.head]) is not None
                )
            ):
                continue
            countries = self.countries_in(np, t.i)
            if not countries and t.dep == "compound":
                # "a Syrian army convoy": the country modifies the phrase's head.
                head_np = [i for i in self.noun_phrase(t.head) if i <= t.i]
                countries = self.countries_in(head_np, t.head)
                if countries:
                    np = head_np
            # "the Assad regime": a person's country stands in for the adjective.
            if not countries:
                for i in np:
                    m = person_at.get(i) or self._office_surname_at(i, t.i)
                    if m is not None:
                        countries = [self.kb.iso3_code.get(m.country or "", m.country or "")]
            if key == "regime":
                if countries:
                    regime_country.append((t.i, countries[0]))
                elif key in self.kb.context_heads and self._bare(np, t.i):
                    # "the regime" (and only that) refers back to the last regime named with
                    # its country; "a puppet regime" or "X's regime" with X unknown says nothing.
                    before = [c for i, c in regime_country if i < t.i]
                    countries = before[-1:]
            if countries and agent in STATE_AGENTS and self._only_places(np, t):
                # "the Alabama state line", "Texas officials": a region's country is not the
                # state's government or army; a country or a capital says so.
                continue
            if not countries and agent in DOMESTIC_AGENTS:
                # "opposition soldiers were wounded in northern Syria": rebels and opposition
                # are domestic, so the one country the sentence places them in is theirs.
                countries = self._sentence_place(t)
            if not countries:
                continue
            start = min(i for i in np if toks[i].pos not in {"DET", "CCONJ", "PUNCT"})
            if len(countries) == 1 and self._add_office_holder(t, np, start, countries[0]):
                continue
            for iso3 in countries:
                entry = ensure_composite(self.kb, compose(iso3, agent))
                self.add(
                    start,
                    t.i + 1,
                    entry,
                    "agent" if key != "regime" else "regime-metonym",
                    head=t.i,
                )

    def _office_surname_at(self, i: int, head: int) -> Mention | None:
        """ "the Bush administration": a bare surname modifying a sector word names the one
        dictionary person of that surname in office on the day (if exactly one)."""
        tok = self.toks[i]
        if i == head or i in self.taken or tok.pos != "PROPN" or tok.dep != "compound":
            return None
        if self.agent_of([head]) not in {"GOV", "MIL"}:
            return None  # "Rice University" is nobody's government
        pid = self.kb.office_surname(token_key(tok.text), self.when)
        entry = self.kb.entries.get(pid) if pid else None
        if entry is None:
            return None
        idx = self.add(i, i + 1, entry, "dictionary-surname", head=i)
        self.taken.add(i)
        return self.mentions[idx]

    def _only_places(self, np: list[int], t: Token) -> bool:
        forms = [self.country_of_token[i][1] for i in np if i in self.country_of_token]
        if not forms and t.dep == "compound":
            forms = [
                self.country_of_token[i][1]
                for i in self.noun_phrase(t.head)
                if i in self.country_of_token
            ]
        return bool(forms) and all(f == "place" for f in forms)

    def _bare(self, np: list[int], head: int) -> bool:
        """A noun with nothing but a determiner: "the regime"."""
        return all(i == head or self.toks[i].text.lower() in {"the", "this", "that"} for i in np)

    def _in_hyphenated_word(self, t: Token) -> bool:
        toks = self.toks
        before = t.i > 0 and toks[t.i - 1].text in {"-", "–"} and toks[t.i - 1].idx + 1 == t.idx
        after = (
            t.i + 1 < len(toks)
            and toks[t.i + 1].text in {"-", "–"}
            and toks[t.i + 1].idx == t.end
            and t.i + 2 < len(toks)
            and toks[t.i + 2].pos != "PROPN"
        )
        return before or after

    def _add_office_holder(self, t: Token, np: list[int], start: int, country: str) -> bool:
        """ "The Syrian president", "Syria's foreign minister": the person who held that office
        on the article's date, when the knowledge base knows exactly one.  Only a definite,
        singular, current title counts ("a Syrian minister", "former presidents" do not)."""
        toks = self.toks
        if t.tag in {"NNS", "NNPS"}:
            return False
        definite = any(
            toks[i].text.lower() in {"the"}
            or (toks[i].dep == "poss" and i in self.country_of_token)
            for i in np
        )
        if not definite:
            return False
        words = [
            toks[i].text
            for i in np
            if toks[i].pos not in {"DET", "PUNCT"}
            and i not in self.country_of_token
            and toks[i].tag != "POS"
        ]
        title = " ".join(words)
        if NOT_NOW.search(title):
            return False
        key = office(title)
        if key is None:
            return False
        holder = self.kb.office_holder(country, key, self.when)
        entry = self.kb.entries.get(holder) if holder else None
        if entry is None:
            return False
        self.add(start, t.i + 1, entry, "office-holder", head=t.i, office_key=key)
        return True

    def _sentence_place(self, t: Token) -> list[str]:
        """The one country the token's sentence names as a place, when it names no other.

        Indexed once for every sentence (agents() adds neither places nor countries): asked
        sentence by sentence, it scanned every mention each time, quadratic in a long article."""
        if self._places is None:
            places: dict[int, set[str]] = {}
            for m in self.mentions:
                if m.place_only and m.kind in {"country", "place"}:
                    places.setdefault(m.sentence, set()).add(m.actor_id)  # its CAMEO code
            others: dict[int, set[str]] = {}
            for i, c in self.country_of_token.items():
                others.setdefault(self.toks[i].sent, set()).add(c[0])
            self._places = {
                n: list(found)
                for n, found in places.items()
                if len(found) == 1 and others.get(n, set()) <= found
            }
        return self._places.get(t.sent, [])

    # ---- 4. in-document coreference: surnames, titles, pronouns --------------------------------
    def coref(self) -> None:
        """Link what refers back to a named person: a bare surname the tagger missed, "the
        minister" after Foreign Minister X, "he" as the subject after a named speaker."""
        covered = {i for m in self.mentions for i in range(m.token_start, m.token_end)}
        people = sorted(
            (m for m in self.mentions if m.kind == "person" and not m.rule.startswith("coref-")),
            key=lambda m: m.token_start,
        )
        if not people:
            return
        titles = {id(m): self._title_words(m) for m in people}
        # One pass over the tokens: the people named so far are a growing prefix (by where they
        # end), their surnames a map, and the recent ones a window -- linear in the article.
        people.sort(key=lambda m: m.token_end)
        passed: list[Mention] = []
        by_surname: dict[str, Mention] = {}
        nxt = lo = 0
        for t in self.toks:
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
                if hit is not None and self._stands_alone_as_surname(t, key):
                    self.add(t.i, t.i + 1, self._entry_of(hit), "coref-surname", code=hit.code)
                    covered.add(t.i)
                continue
            pronoun = t.pos == "PRON" and t.text.lower() in SUBJECT_PRONOUNS and t.dep in SUBJ_DEPS
            title = t.pos == "NOUN" and t.tag != "NNS" and token_key(t.lemma) in PERSON_TITLES
            if not (pronoun or title):
                continue
            while lo < len(passed) and t.sent - passed[lo].sentence > COREF_WINDOW:
                lo += 1
            near = sorted(passed[lo:], key=self._salience)
            if not near:
                continue
            if pronoun:
                m = near[-1]
                self.add(t.i, t.i + 1, self._entry_of(m), "coref-pronoun", code=m.code, head=t.i)
            else:
                np = self.noun_phrase(t.i)
                definite = any(
                    self.toks[i].dep == "det" and self.toks[i].text.lower() == "the" for i in np
                )
                if not definite or any(i in covered or i in self.country_of_token for i in np):
                    continue
                words = {token_key(self.toks[i].lemma) for i in np} - {"the"}
                for m in reversed(near):
                    if words <= titles[id(m)]:
                        start = min(np)
                        self.add(start, t.i + 1, self._entry_of(m), "coref-title", code=m.code)
                        covered.update(np)
                        break

    def _stands_alone_as_surname(self, t: Token, key: str) -> bool:
        """A lone word that can be a surname used alone: not inside a longer name ("Country
        First"), and not a first name ("Sir Christopher", "Julia's query") unless a courtesy
        title says it is a surname ("Mr Thomas")."""
        toks = self.toks
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
        if key in self.kb.given_names:
            return prev_key in SURNAME_TITLES
        return True

    def _salience(self, m: Mention) -> tuple[int, int, int]:
        """Later sentences first; within one, the subject (the speaker) before other persons."""
        h = self.toks[m.head] if 0 <= m.head < len(self.toks) else None
        subject = h is not None and (
            h.dep in SUBJ_DEPS or (h.dep == "appos" and self.toks[h.head].dep in SUBJ_DEPS)
        )
        return (m.sentence, int(subject), m.token_start)

    def _title_words(self, m: Mention) -> set[str]:
        """The words that describe a person: the title in the text and the office held."""
        words = {
            token_key(self.toks[i].lemma)
            for i in self.noun_phrase(m.head)
            if not m.token_start <= i < m.token_end
        }
        h = self.toks[m.head]
        if h.dep == "appos":
            words |= {token_key(self.toks[i].lemma) for i in self.noun_phrase(h.head)}
        for c in self.children(m.head):
            if c.dep == "appos":
                words |= {token_key(self.toks[i].lemma) for i in self.noun_phrase(c.i)}
        role = self.kb.role_for(m.actor_id, self.when)
        if role is not None:
            words |= {token_key(w) for w in role.role.lower().split()}
            if "affairs" in words and "minister" in words:
                words.add("foreign")
        return {w for w in words if w}

    def run(self) -> None:
        self.gazetteer()
        self.ner()
        self.agents()
        self.coref()
        self.mentions.sort(key=lambda m: (m.start, m.end))


def resolve_article(article: Article, kb: KnowledgeBase) -> Article:
    if not article.tokens:
        article.mentions = []
        return article
    r = _Resolver(article, kb)
    r.run()
    article.mentions = r.mentions
    actors: dict[str, Actor] = {}
    for m in r.mentions:
        if m.place_only:
            continue
        actor = actors.get(m.actor_id)
        if actor is None:
            entry = kb.entries.get(m.actor_id)
            roles = list(entry.roles) if entry else []
            actor = Actor(
                m.actor_id,
                m.code if not entry else (entry.code or m.code),
                m.name,
                m.kind,
                m.country,
                [],
                roles,
                m.known,
            )
            actors[m.actor_id] = actor
        if m.text not in actor.aliases and m.rule not in NOT_NAMES:
            actor.aliases.append(m.text)
    article.actors = actors
    return article


def mentions_by_token(article: Article) -> dict[int, list[Mention]]:
    out: dict[int, list[Mention]] = {}
    for m in article.mentions:
        for i in range(m.token_start, m.token_end):
            out.setdefault(i, []).append(m)
    return out


PERSON_TITLES = {
    "president",
    "minister",
    "king",
    "queen",
    "leader",
    "chief",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "envoy",
    "ambassador",
    "premier",
    "official",
    "commander",
    "general",
    "secretary",
    "chancellor",
    "emir",
    "prince",
    "counterpart",
    "diplomat",
    "head",
}


# Courtesy titles written before a surname alone ("Mr Hayward"), unlike "Sir", "Lord" or
# "Dame", which take a first name ("Sir Christopher").
SURNAME_TITLES = {
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "professor",
    "gen",
    "general",
    "president",
    "minister",
    "senator",
    "sen",
    "rep",
    "governor",
    "gov",
    "judge",
}
# Words that stand before a name without being part of it: titles, ranks, courtesy titles.
TITLE_WORDS = PERSON_TITLES | HONORIFICS | {
    "prime", "deputy", "vice", "foreign", "defence", "defense", "interior", "former", "acting",
    "chairman", "chairwoman", "senator", "governor", "sheikh", "shaikh", "ayatollah", "imam",
    "pope", "mayor", "lawmaker", "mp", "rep", "sen", "gen", "col", "lt", "maj", "capt", "sgt",
    "adm", "lord", "lady", "crown", "sultan", "colonel", "major", "captain", "admiral", "mullah",
    "cleric", "rabbi", "bishop", "cardinal", "judge", "justice", "attorney",
}  # fmt: skip


def antecedent(article: Article, token_i: int, window: int = 3) -> Mention | None:
    """The person a pronoun most likely refers to: the last named person, or a person described
    by a title ("the Brazilian president"), in the last few sentences."""
    sent = article.tokens[token_i].sent
    best = None
    for m in article.mentions:
        titled = (
            m.rule == "agent"
            and 0 <= m.head < len(article.tokens)
            and article.tokens[m.head].lemma.lower() in PERSON_TITLES
        )
        if (m.kind != "person" and not titled) or m.place_only:
            continue
        if m.token_end <= token_i and sent - window <= m.sentence <= sent:
            best = m
    return best


def run(batch: list[Article], ctx: Any = None) -> list[Article]:
    kb = getattr(ctx, "kb", None) or load_kb()
    return [resolve_article(a, kb) for a in batch]


def keep_actors(article: Article, kb: KnowledgeBase | None = None) -> Article:
    """After events: a name the knowledge base does not know becomes an actor only when it
    acts -- it is a side of one of the article's events or speaks in one -- or when its title
    gives it a sector ("Syrian Foreign Minister Karim Zaydani").  The rest are names mentioned
    in passing (musicians in a concert listing, the author of a book): they stay in the text
    but are not actors to review.  Known actors are always kept."""
    used: set[str] = set()
    speakers: set[str] = set()
    for ev in article.events:
        for side in (ev.source, ev.target):
            if side is not None:
                used.add(side.actor_id)
        for em in ev.mentions:
            if em.speaker:
                speakers.add(em.speaker)
    keep: set[str] = set()
    for actor_id, actor in article.actors.items():
        speaks = any(a in sp or sp in a for a in actor.aliases for sp in speakers)
        if actor.known or actor_id in used or actor.code or speaks:
            keep.add(actor_id)
    article.mentions = [
        m for m in article.mentions if m.known or m.place_only or m.actor_id in keep
    ]
    article.actors = {k: v for k, v in article.actors.items() if k in keep}
    if kb is not None:
        # An actor another stage registered from an event's side alone ("VENGOV") carries what
        # the knowledge base says of it, as the same actor resolved here would: one row for it
        # whichever article is stored first.
        for actor_id, actor in article.actors.items():
            entry = kb.entries.get(actor_id)
            if entry is not None and actor.known:
                actor.name, actor.kind, actor.country = entry.name, entry.kind, entry.country
                actor.code = entry.code or actor.code
    return article


def keep_run(batch: list[Article], ctx: Any = None) -> list[Article]:
    kb = getattr(ctx, "kb", None) or load_kb()
    return [keep_actors(a, kb) for a in batch]
