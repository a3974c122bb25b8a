"""Actor stage: find actor mentions in each sentence and resolve them to one identity each.

Order of evidence, strongest first: the knowledge-base gazetteer (it beats spaCy's NER, which
calls "Daesh" a place and "Sputnik" a person), then title-and-sector phrases ("Syrian Foreign
Minister X", "Turkish forces"), then spaCy NER for names the knowledge base does not know, which
become provisional actors (``known = False``) keyed by a transliteration-insensitive name key.
Every mention records the rule that produced it.
"""

from __future__ import annotations

import bisect
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
from storyline.actors.names import key_tokens, similar, slug, token_key
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
MODIFIER_DEPS = {"compound", "amod", "nmod", "poss", "npadvmod", "nummod"}
TITLE_DEPS = {"compound", "appos", "amod", "nmod"}
NER_ACTOR_LABELS = {"PERSON", "ORG", "NORP", "GPE"}
DOMESTIC_AGENTS = {"REB", "OPP"}
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
        return all(t.text.replace(".", "").isupper() or not t.text.isalpha() for t in tokens)
    return first[:1].isupper() or first[:1].isdigit()


def _pick(kb: KnowledgeBase, hits: list[AliasHit], when: str | None) -> AliasHit:
    """Several actors share an alias: prefer a person in office on the date, else the first."""
    if len(hits) > 1 and when:
        for h in hits:
            if kb.role_for(h.actor_id, when) is not None:
                return h
    return hits[0]


# Courtesy titles that NER keeps inside a person's name; office titles (minister, president)
# are read by title_context instead.
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame"})


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

    # ---- helpers ----------------------------------------------------------------------------
    def children(self, i: int) -> list[Token]:
        sent = self.a.sentences[self.toks[i].sent]
        return [t for t in self.toks[sent.token_start : sent.token_end] if t.head == i and t.i != i]

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
    ) -> int:
        first, last = self.toks[start_tok], self.toks[end_tok - 1]
        if code is None:
            code = self.kb.code_for(entry.actor_id, self.when)
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
        )
        self.mentions.append(m)
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
        kb, toks = self.kb, self.toks
        for sent in self.a.sentences:
            seq = _keyed(toks[sent.token_start : sent.token_end])
            j = 0
            while j < len(seq):
                found = None
                for n in range(min(kb.max_alias_len, len(seq) - j), 0, -1):
                    hits = kb.aliases.get(tuple(k for _, k in seq[j : j + n]))
                    if not hits:
                        continue
                    start, end = seq[j][0], seq[j + n - 1][0] + 1
                    span = toks[start:end]
                    if end - start > 2 * n + 2:  # too much punctuation in between
                        continue
                    hit = _pick(kb, hits, self.when)
                    if n == 1 and not kb.plausible(hit.actor_id, self.when):
                        continue  # "Harris" in 1987 is not Kamala Harris
                    if n == 1 and self._other_first_name(start, hit.actor_id):
                        continue  # "Tarik Mekdad" is not Faisal Mekdad
                    if _case_ok(span, hit):
                        found = (n, start, end, hit)
                        break
                if not found:
                    j += 1
                    continue
                n, start, end, hit = found
                self._add_gazetteer(start, end, hit)
                self.taken.update(range(start, end))
                j += n

    def _other_first_name(self, i: int, actor_id: str) -> bool:
        """A listed surname that the tagger reads as the end of someone else's full name."""
        entry = self.kb.entries.get(actor_id)
        t = self.toks[i]
        if entry is None or entry.kind != "person" or i == 0 or t.ent_iob != "I":
            return False
        prev = self.toks[i - 1]
        if prev.ent_type != "PERSON" or not prev.text[:1].isupper():
            return False
        first = token_key(prev.text)
        firsts = self.kb.first_names.get(actor_id, set())
        return bool(firsts) and not any(similar(first, f) >= 0.8 for f in firsts)

    def _add_gazetteer(self, start: int, end: int, hit: AliasHit) -> None:
        entry = self.kb.entries[hit.actor_id]
        head = self._span_head(start, end)
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
                if self._is_place_use(head):
                    idx = self.add(
                        start, end, entry, "capital-place", code=iso3, head=head, place_only=True
                    )
                else:
                    gov = ensure_composite(self.kb, iso3 + "GOV")
                    idx = self.add(start, end, gov, "capital-metonym", head=head)
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
        self.add(
            start,
            end,
            entry,
            "gazetteer" if hit.form != "metonym" else "metonym",
            code=code,
            head=head,
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
            span = range(i, j)
            if label in NER_ACTOR_LABELS and not any(k in self.taken for k in span):
                self._add_ner(i, j, label)
            i = j

    def _add_ner(self, start: int, end: int, label: str) -> None:
        toks = self.toks
        # Trim leading determiners and trailing possessives from the entity.
        while start < end and toks[start].pos in {"DET", "PUNCT"}:
            start += 1
        while end > start and (toks[end - 1].tag == "POS" or toks[end - 1].pos == "PUNCT"):
            end -= 1
        # A courtesy title is not part of the name: "Dr Sanjay Gupta" is Sanjay Gupta.
        while (
            label == "PERSON"
            and end - start > 1
            and toks[start].text.rstrip(".").lower() in HONORIFICS | {""}
        ):
            start += 1
        if start >= end:
            return
        text = self.a.text[toks[start].idx : toks[end - 1].end]
        keys = key_tokens(text)
        if not keys or not text[:1].isupper():
            return
        # A lone surname of a person named earlier, whatever the tagger calls it ("Zaydani"
        # is sometimes an ORG).
        earlier = self._earlier_person(keys, start) if label in {"PERSON", "ORG"} else None
        if earlier is not None:
            self.add(start, end, self._entry_of(earlier), "coref-surname", code=earlier.code)
            self.taken.update(range(start, end))
            return
        if label == "PERSON":
            entry = self._phonetic_person(keys)
            if entry is not None:
                self.add(start, end, entry, "phonetic")
                self.taken.update(range(start, end))
                return
            country, agent = self.title_context(self._span_head(start, end))
            code = compose(country, agent or "") if country else None
            entry = Entry("u:" + slug(text), text, "person", code, country)
            self.add(start, end, entry, "ner-person", code=code, known=False)
            self.taken.update(range(start, end))
        elif label == "ORG":
            country, agent = self.title_context(self._span_head(start, end))
            code = compose(country, agent or "") if country else None
            entry = Entry("u:" + slug(text), text, "organization", code, country)
            self.add(start, end, entry, "ner-org", code=code, known=False)
            self.taken.update(range(start, end))

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
        for m in reversed(self.mentions):
            if m.kind != "person" or m.token_start >= before or m.rule.startswith("coref-"):
                continue
            last = key_tokens(m.text)[-1:]
            if last and (last[0] == keys[0] or similar(last[0], keys[0]) >= 0.93):
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
        """The most specific sector named by the words of a phrase (longer phrases first)."""
        found: list[str] = []
        agents = self.kb.agents
        lemmas = [token_key(self.toks[i].lemma) or token_key(self.toks[i].text) for i in tokens]
        surfaces = [token_key(self.toks[i].text) for i in tokens]
        for a in range(len(tokens)):
            for n in range(min(self.kb.max_agent_len, len(tokens) - a), 1, -1):
                for words in (tuple(lemmas[a : a + n]), tuple(surfaces[a : a + n])):
                    if words in agents:
                        found.append(agents[words])
                        break
            if (lemmas[a],) in agents:
                found.append(agents[(lemmas[a],)])
            elif (surfaces[a],) in agents:
                found.append(agents[(surfaces[a],)])
        if not found:
            return None
        if "OPP" in found and ("MIL" in found or "REB" in found):
            return "REB"
        return min(found, key=_agent_rank)

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

    def title_context(self, head: int) -> tuple[str | None, str | None]:
        """Country and sector from the words around a name: 'Syrian Foreign Minister X'."""
        toks = self.toks
        words = [i for i in self.noun_phrase(head) if i != head and i not in self.taken]
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
        # The country of the person mention covering a token (the last listed wins, as in a scan
        # of the list); agents() adds no persons, so this holds for the whole loop and a long
        # article is not scanned once per agent word.
        person_country: dict[int, str] = {}
        for m in self.mentions:
            if m.country and m.kind == "person":
                for i in range(m.token_start, m.token_end):
                    person_country[i] = m.country
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
            np = self.noun_phrase(t.i)
            agent = self.agent_of([i for i in np if i not in self.taken or i == t.i])
            key = token_key(t.lemma)
            if token_key(t.text) in self.kb.agent_heads and key not in self.kb.agent_heads:
                key = token_key(t.text)  # "jets" is listed; its lemma "jet" is not
            if (
                agent is None
                or key not in self.kb.agent_heads
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
                    if i in person_country:
                        countries = [person_country[i]]
            if key == "regime":
                if countries:
                    regime_country.append((t.i, countries[0]))
                elif key in self.kb.context_heads:
                    before = [c for i, c in regime_country if i < t.i] or [
                        c for _, c in regime_country
                    ]
                    if not before:
                        before = self._regime_countries_anywhere()
                    countries = before[-1:] if before else []
            if not countries and agent in DOMESTIC_AGENTS:
                # "opposition soldiers were wounded in northern Syria": rebels and opposition
                # are domestic, so the one country the sentence places them in is theirs.
                countries = self._sentence_place(t)
            if not countries:
                continue
            start = min(i for i in np if toks[i].pos not in {"DET", "CCONJ", "PUNCT"})
            for iso3 in countries:
                entry = ensure_composite(self.kb, compose(iso3, agent))
                self.add(
                    start,
                    t.i + 1,
                    entry,
                    "agent" if key != "regime" else "regime-metonym",
                    head=t.i,
                )

    def _sentence_place(self, t: Token) -> list[str]:
        """The one country the token's sentence names as a place, when it names no other.

        Indexed once for every sentence (agents() adds neither places nor countries): asked
        sentence by sentence, it scanned every mention each time, quadratic in a long article."""
        if self._places is None:
            places: dict[int, set[str]] = {}
            for m in self.mentions:
                if m.place_only and m.kind == "country":
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

    def _regime_countries_anywhere(self) -> list[str]:
        out = []
        for t in self.toks:
            if token_key(t.lemma) == "regime":
                cs = self.countries_in(self.noun_phrase(t.i), t.i)
                out.extend(cs)
        return out

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
        # The persons that end before the token, in text order, grow as the tokens advance: kept
        # sorted (with their sentences, for the window) instead of re-listed at every token,
        # which made a long article quadratic.
        by_end = sorted(range(len(people)), key=lambda k: people[k].token_end)
        added = 0
        before: list[int] = []  # indices into people, ascending
        before_sents: list[int] = []
        surname: dict[str, int] = {}  # last person (in text order) of two or more names by surname
        for t in self.toks:
            if t.i in covered:
                continue
            while added < len(by_end) and people[by_end[added]].token_end <= t.i:
                k = by_end[added]
                at = bisect.bisect_left(before, k)
                before.insert(at, k)
                before_sents.insert(at, people[k].sentence)
                keys = key_tokens(people[k].text)
                if len(keys) > 1 and surname.get(keys[-1], -1) < k:
                    surname[keys[-1]] = k
                added += 1
            if not before:
                continue
            if t.pos == "PROPN" and t.text[:1].isupper():
                key = token_key(t.text)
                if len(key) >= 3 and key in surname:
                    hit = people[surname[key]]
                    self.add(t.i, t.i + 1, self._entry_of(hit), "coref-surname", code=hit.code)
                    covered.add(t.i)
                continue
            first = bisect.bisect_left(before_sents, self.toks[t.i].sent - COREF_WINDOW)
            near = [people[k] for k in before[first:]]
            if not near:
                continue
            near.sort(key=self._salience)
            if t.pos == "PRON" and t.text.lower() in SUBJECT_PRONOUNS and t.dep in SUBJ_DEPS:
                m = near[-1]
                self.add(t.i, t.i + 1, self._entry_of(m), "coref-pronoun", code=m.code, head=t.i)
            elif t.pos == "NOUN" and t.tag != "NNS" and token_key(t.lemma) in PERSON_TITLES:
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
