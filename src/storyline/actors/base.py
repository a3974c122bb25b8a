"""The knowledge base as a value: entries, the alias index and the lookups the resolver asks.

Loading lives in ``kb.py`` (bundled data, the user's files, the cache) and reading PETRARCH
dictionaries in ``petrarch.py``; both build on this module and this module on neither, so the
three import in one direction only.

Where knowledge comes from is kept on every entry (``Entry.source``): ``kb`` for the curated
files (the first authority), ``dictionary`` for the converted Phoenix dictionaries and the
user's PETRARCH files, ``composition`` for country + sector actors made on the fly.  An alias
index shared by several sources answers with the curated entries first.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Callable, Iterator, MutableMapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from storyline.actors.names import key_tokens, phonetic, similar, token_key
from storyline.actors.offices import national_office
from storyline.model import Role

AGENT_KIND = {
    "GOV": "government",
    "MIL": "government",
    "SPY": "government",
    "COP": "government",
    "JUD": "government",
    "LEG": "government",
    "REB": "group",
    "OPP": "group",
    "REF": "group",
    "CVL": "group",
    "PTY": "group",
    "MED": "organization",
    "BUS": "organization",
    "ELI": "group",
    "UAF": "group",
    "CRM": "group",
    "AGR": "group",
    "LAB": "group",
    "EDU": "group",
    "ENV": "group",
    "HLH": "organization",
    "HRI": "organization",
    "DEV": "organization",
    "NGO": "organization",
    "IGO": "organization",
}
AGENT_LABEL = {
    "GOV": "government",
    "MIL": "military",
    "SPY": "intelligence",
    "COP": "police",
    "JUD": "judiciary",
    "LEG": "legislature",
    "REB": "rebels",
    "OPP": "opposition",
    "REF": "refugees",
    "CVL": "civilians",
    "PTY": "party",
    "MED": "media",
    "BUS": "business",
    "ELI": "elites",
    "UAF": "armed gunmen",
    "CRM": "criminals",
    "AGR": "agriculture",
    "LAB": "labour",
    "EDU": "education",
    "ENV": "environment",
    "HLH": "health",
    "HRI": "human rights",
    "DEV": "development",
    "NGO": "non-governmental organizations",
    "IGO": "international organizations",
}
# When a phrase carries several agent words ("Syrian opposition leader"), the more specific wins.
AGENT_PRECEDENCE = [
    "REB",
    "UAF",
    "CRM",
    "SPY",
    "OPP",
    "REF",
    "MIL",
    "COP",
    "JUD",
    "LEG",
    "MED",
    "HRI",
    "HLH",
    "EDU",
    "AGR",
    "LAB",
    "ENV",
    "DEV",
    "BUS",
    "PTY",
    "GOV",
    "ELI",
    "CVL",
]

# Where an entry comes from: the curated files, a dictionary (the bundled Phoenix ones or a
# user's PETRARCH file), or country + sector made on the fly.
SOURCES = ("kb", "dictionary", "composition")
# Who speaks first for an alias several entries share: the user's own files, then the curated
# files, then the bundled dictionaries.
ALIAS_RANK = {"user": 0, "kb": 1, "dictionary": 2}


@dataclass(slots=True)
class Entry:
    actor_id: str
    name: str
    kind: str  # person | country | organization | group | government
    code: str | None
    country: str | None = None
    roles: list[Role] = field(default_factory=list)
    # What a dated actor is called on a day none of its roles covers: ``elite`` (our convention:
    # before the first office a citizen, after it COUNTRY+ELI) or ``default`` (PETRARCH's: the
    # entry's undated code; when it has none, a former office holder is still COUNTRY+ELI).
    off_role: str = "elite"
    known: bool = True
    source: str = "kb"  # kb | dictionary | composition (see SOURCES)


@dataclass(slots=True)
class AliasHit:
    actor_id: str
    form: str  # name | adjective | people | capital | metonym | alias | place
    upper_only: bool = False
    source: str = "kb"  # user | kb | dictionary (see ALIAS_RANK)

    def fits(self, *words: str) -> bool:
        """An acronym's alias matches only words written in capitals ("CAR", not "car")."""
        return not self.upper_only or all(w.replace(".", "").isupper() for w in words)


def _date_key(value: str | None, end: bool = False) -> str:
    """Pad a partial ISO date so string comparison works; an open end sorts last."""
    if not value:
        return "9999-12-31" if end else "0000-01-01"
    value = str(value)
    if len(value) == 4:
        return value + ("-12-31" if end else "-01-01")
    if len(value) == 7:
        return value + ("-31" if end else "-01")
    return value[:10]


def _entry_from(t: tuple[Any, ...]) -> Entry:
    roles = [Role(*r) for r in t[5]]
    return Entry(t[0], t[1], t[2], t[3], t[4], roles, t[6], t[7], t[8])


def _entry_to(e: Entry) -> tuple[Any, ...]:
    roles = tuple((r.role, r.code, r.start, r.end) for r in e.roles)
    return (e.actor_id, e.name, e.kind, e.code, e.country, roles, e.off_role, e.known, e.source)


def _hits_from(t: tuple[Any, ...]) -> list[AliasHit]:
    return [AliasHit(*h) for h in t]


def _hits_to(hits: list[AliasHit]) -> tuple[Any, ...]:
    return tuple((h.actor_id, h.form, h.upper_only, h.source) for h in hits)


_CODECS: dict[str, tuple[Callable[[Any], Any], Callable[[Any], Any]]] = {
    "entry": (_entry_from, _entry_to),
    "hits": (_hits_from, _hits_to),
}


class LazyTable(MutableMapping[Any, Any]):
    """A mapping whose values are kept as plain tuples until first asked for.

    The bundled knowledge base has ~26,000 entries and ~40,000 aliases; an article touches a few
    dozen.  Unpickling them as tuples and making the dataclasses on demand is what keeps
    start-up near 0.2 s instead of a second.  ``default`` makes ``table[key]`` on a missing key
    create an empty value (as a ``defaultdict`` would) -- ``get`` and ``in`` never do.
    """

    __slots__ = ("default", "kind", "live", "raw")

    def __init__(
        self,
        kind: str,
        raw: dict[Any, tuple[Any, ...]] | None = None,
        default: Callable[[], Any] | None = None,
    ) -> None:
        self.kind = kind
        self.raw = raw or {}
        self.live: dict[Any, Any] = {}
        self.default = default

    def get(self, key: Any, default: Any = None) -> Any:
        value = self.live.get(key)
        if value is not None:
            return value
        raw = self.raw.pop(key, None)
        if raw is None:
            return default
        value = self.live[key] = _CODECS[self.kind][0](raw)
        return value

    def __getitem__(self, key: Any) -> Any:
        value = self.get(key)
        if value is None:
            if self.default is None:
                raise KeyError(key)
            value = self.live[key] = self.default()
        return value

    def __setitem__(self, key: Any, value: Any) -> None:
        self.raw.pop(key, None)
        self.live[key] = value

    def __delitem__(self, key: Any) -> None:
        found = self.raw.pop(key, None) is not None
        if self.live.pop(key, None) is None and not found:
            raise KeyError(key)

    def __contains__(self, key: object) -> bool:
        return key in self.live or key in self.raw

    def __iter__(self) -> Iterator[Any]:
        yield from list(self.live)
        yield from list(self.raw)

    def __len__(self) -> int:
        return len(self.live) + len(self.raw)

    def __reduce__(self) -> tuple[Any, ...]:
        dump = _CODECS[self.kind][1]
        raw = {**self.raw, **{k: dump(v) for k, v in self.live.items()}}
        return (_restore_table, (self.kind, raw, self.default))


def _restore_table(
    kind: str, raw: dict[Any, tuple[Any, ...]], default: Callable[[], Any] | None
) -> LazyTable:
    return LazyTable(kind, raw, default)


class KnowledgeError(ValueError):
    """A user's knowledge file that cannot be read."""


class KnowledgeBase:
    def __init__(self) -> None:
        self.entries: MutableMapping[str, Entry] = LazyTable("entry")
        self.aliases: MutableMapping[tuple[str, ...], list[AliasHit]] = LazyTable(
            "hits", None, list
        )
        # Every proper prefix of an alias key: the gazetteer extends a match only while the
        # words so far begin some alias, so long dictionary names cost nothing elsewhere.
        self.prefixes: set[tuple[str, ...]] = set()
        self.agents: dict[tuple[str, ...], str] = {}
        # Agent phrases whose last word is a stem ("defense minist" covers minister, ministry).
        self.agent_stems: dict[tuple[str, ...], list[tuple[str, str]]] = defaultdict(list)
        self.surnames: dict[str, set[str]] = defaultdict(set)  # phonetic key -> person ids
        self.surname_forms: dict[str, set[str]] = defaultdict(set)  # person id -> folded forms
        # Dictionary people by surname key: a bare surname names the one of them in office on
        # the day, or the one who alone bears it (see ``office_surname``).
        self.dict_surnames: dict[str, tuple[str, ...]] = {}
        # Dictionary people by their listed name without its last word: news names a person
        # of two surnames by the first ("Patricia Espinosa" for Patricia Espinosa Cantellano).
        self.short_names: dict[tuple[str, ...], tuple[str, ...]] = {}
        # Dictionary people listed with a code and no dates (rebel leaders, chief executives).
        self.undated_surnames: dict[str, tuple[str, ...]] = {}
        self.context_metonyms: dict[tuple[str, ...], str] = {}  # "the regime" -> agent
        self.context_heads: set[str] = set()
        self.agent_heads: set[str] = set()  # last words of agent phrases: "minister", "forces"
        self.agent_stem_heads: tuple[str, ...] = ()  # last words that are stems: "minist"
        self.ambiguous_capitals: set[str] = set()
        # Words of web pages around an article ("Subscribe", "Related"): never part of a name.
        self.page_furniture: set[str] = set()
        # Regions larger than one country ("Asia", "Middle East"): never a place of one country.
        self.regions: set[str] = set()
        self.max_alias_len = 1
        self.max_agent_len = 2
        self.iso3_code: dict[str, str] = {}  # ISO alpha-3 -> CAMEO country code
        self.first_names: dict[str, set[str]] = defaultdict(set)  # person id -> folded first names
        # First names common among the people the knowledge base lists: a lone "Julia" or
        # "Christopher" is not a surname.
        self.given_names: set[str] = set()
        # Office holders with a title we can name: (country code, office key) -> person ids.
        self.offices: dict[tuple[str, str], list[str]] = defaultdict(list)
        # Folded names of cities and regions -> the CAMEO code of their country (most populous).
        self.places: dict[str, str] = {}
        # Folded place names that towns or provinces of other countries share -> those
        # countries ("Pando": a Uruguayan town, a Bolivian department): what the article's
        # own countries choose between.
        self.place_namesakes: dict[str, tuple[str, ...]] = {}
        # CAMEO country code -> population: which of two namesakes in office news means.
        self.population: dict[str, int] = {}

    # ---- building -------------------------------------------------------------------------
    def add_entry(self, entry: Entry) -> None:
        self.entries[entry.actor_id] = entry

    def add_alias(
        self,
        text: str,
        actor_id: str,
        form: str = "alias",
        case_sensitive: bool = True,
        source: str = "kb",
        upper_only: bool | None = None,
    ) -> None:
        """Index a surface form under its token keys.

        Two keyings, because the tokenizer may keep "U.S." whole (key ``us``) or split
        "al-Assad" into three tokens (keys ``al``, ``assad``).  A short all-capitals alias
        ("IS", "SCO") matches only in capitals unless ``case_sensitive`` is off (dictionaries
        written wholly in capitals, such as PETRARCH's, say nothing about case).  A key that a
        stronger source already holds is left to it: the curated files speak before the
        bundled dictionaries, and the user's files before both.
        """
        variants = {key_tokens(text)}
        variants.add(tuple(k for k in (token_key(w) for w in text.split()) if k))
        if upper_only is None:
            stripped = text.replace(".", "")
            upper_only = case_sensitive and stripped.isupper() and len(stripped) <= 5
        rank = ALIAS_RANK.get(source, 1)
        for keys in variants:
            if not keys:
                continue
            hits = self.aliases[keys]
            if source == "dictionary" and any(h.source != "dictionary" for h in hits):
                continue  # the curated files (or the user's) already say what this names
            if not any(h.actor_id == actor_id and h.form == form for h in hits):
                hit = AliasHit(actor_id, form, upper_only, source)
                at = next(
                    (k for k, h in enumerate(hits) if ALIAS_RANK.get(h.source, 1) > rank),
                    len(hits),
                )
                hits.insert(at, hit)
            self.max_alias_len = max(self.max_alias_len, len(keys))
            for n in range(1, len(keys)):
                self.prefixes.add(keys[:n])

    def add_person(self, item: dict[str, Any], source: str = "kb") -> None:
        roles = [
            Role(r.get("role", ""), r["code"], _iso(r.get("start")), _iso(r.get("end")))
            for r in item.get("roles") or []
        ]
        # Undated mentions get the code of the office held longest, unless the file says otherwise.
        default = item.get("code") or (max(roles, key=_role_length).code if roles else None)
        entry = Entry(item["id"], item["name"], "person", default, item.get("country"), roles)
        self.add_entry(entry)
        forms = [item["name"], *(item.get("aliases") or [])]
        for form in forms:
            self.add_alias(form, entry.actor_id, "name", source=source)
            keys = key_tokens(form)
            last = keys[-1:]
            if last and len(last[0]) >= 4:
                self.surnames[phonetic(last[0])].add(entry.actor_id)
                self.surname_forms[entry.actor_id].add(last[0])
            if len(keys) > 1 and keys[0] not in {"al", "el", "king", "queen", "president"}:
                self.first_names[entry.actor_id].add(keys[0])
        self.index_offices(entry)

    def index_offices(self, entry: Entry) -> None:
        """Remember which national offices a person held, by country and office key."""
        for role in entry.roles:
            key = national_office(role.role) if role.role else None
            country = (role.code or "")[:3]
            if key and country and entry.actor_id not in self.offices[(country, key)]:
                self.offices[(country, key)].append(entry.actor_id)

    # ---- lookups ----------------------------------------------------------------------------
    def code_for(self, actor_id: str, when: str | None = None) -> str | None:
        """The code an actor carries on a date: a person's role on that day, else the latest one."""
        entry = self.entries.get(actor_id)
        if entry is None:
            return None
        if not entry.roles:
            return entry.code
        if when:
            role = self.role_for(actor_id, when)
            if role is not None:
                return role.code or None
            after_last = all(_date_key(when) > _date_key(r.end, end=True) for r in entry.roles)
            if entry.off_role == "default" and (entry.code or not after_last or not entry.country):
                return entry.code
            if _date_key(when) < _date_key(entry.roles[0].start):
                return entry.country  # not yet in office: a citizen of the country
            # Out of office: CAMEO's "elite" agent keeps the country but not the office.
            return f"{entry.country}ELI" if entry.country else entry.roles[-1].code
        return entry.code

    def role_for(self, actor_id: str, when: str | None) -> Role | None:
        """The office held on a date.  A month or year that spans a change of office gets the
        office held for most of it, and none when the person was out of office for most of it."""
        entry = self.entries.get(actor_id)
        if entry is None or not entry.roles or not when:
            return None
        lo, hi = _date_key(when), _date_key(when, end=True)
        active = [
            r for r in entry.roles if _date_key(r.start) <= hi and lo <= _date_key(r.end, True)
        ]
        if not active:
            return None
        if lo == hi:
            return active[-1]

        def overlap(r: Role) -> int:
            a = max(lo, _date_key(r.start))
            b = min(hi, _date_key(r.end, True))
            return _days(b) - _days(a) + 1

        best = max(reversed(active), key=overlap)  # ties: the later-listed office
        return best if 2 * overlap(best) >= _days(hi) - _days(lo) + 1 else None

    def office_holder(self, country: str, title: str, when: str | None) -> str | None:
        """Who held a country's office on a date ("the Syrian president" in 2023 -> Bashar
        al-Assad), or None when the knowledge base knows nobody -- or more than one person, as
        on a day of handover -- for it.  ``title`` is a title as written ("president", "foreign
        minister") or an office key from ``offices.office``."""
        if not when:
            return None
        key = national_office(title) or title
        country = self.iso3_code.get(country, country)  # an ISO code works too (ROU -> ROM)
        holders = []
        for pid in self.offices.get((country, key), ()):
            role = self.role_for(pid, when)
            if role is None or (role.code or "")[:3] != country:
                continue
            if national_office(role.role) == key:
                holders.append(pid)
        return holders[0] if len(holders) == 1 else None

    def office_surname(self, surname: str, when: str | None, elite: bool = False) -> str | None:
        """The one dictionary person with this surname in office on the date: "Rumsfeld said"
        in 2005.  Two entries that are one person (same office code, first names spelled
        alike: "Iyad" and "Ayad Allawi") count once; of namesakes in office at once, a bare
        surname in the news means the one of a country at least twenty times as populous
        ("Bush" in 2005 is the US president, not the Cayman Islands' leader).  Refused when
        none, or several of like standing, hold an office then.  With ``elite``, a surname
        that only one listed person bears, of six letters or more and no given name, is that
        person while the list counts them among their country's elite ("Khalilzad" in 2005):
        a name the news uses alone without introducing it is a famous one."""
        if not when:
            return None
        pids = self.dict_surnames.get(surname, ()) + self.undated_surnames.get(surname, ())
        if elite and len(pids) == 1 and len(surname) >= 6 and surname not in self.given_names:
            role, entry = self.role_for(pids[0], when), self.entries.get(pids[0])
            if (role is not None and role.code) or (entry and entry.code and not entry.roles):
                return pids[0]  # in an elite role then, or of a standing the list does not date
        found: dict[str, str] = {}
        for pid in self.dict_surnames.get(surname, ()):
            role = self.role_for(pid, when)
            if role is not None and role.code and not role.code.endswith("ELI"):
                found.setdefault(pid, role.code)
        people: list[str] = []
        for pid in found:
            if not any(found[q] == found[pid] and self._same_first(q, pid) for q in people):
                people.append(pid)
        if len(people) <= 1:
            return people[0] if people else None
        if len({found[p][:3] for p in people}) == 1:
            return self._longest_serving(people, when)
        people.sort(key=lambda p: -self.population.get(found[p][:3], 0))
        first, second = (self.population.get(found[p][:3], 0) for p in people[:2])
        return people[0] if first >= 20 * max(second, 1) else None

    def _longest_serving(self, people: list[str], when: str) -> str | None:
        """Namesakes of one country in office at once ("Museveni" in 2019: the president since
        1986 and his wife, a minister since 2009): a bare surname is the one who has held
        office years longer, the one the news has long called by it."""
        starts = sorted(
            (int(_date_key(r.start)[:4]) if r and r.start else 0, p)
            for p in people
            for r in [self.role_for(p, when)]
        )
        return starts[0][1] if starts[0][0] and starts[0][0] + 4 <= starts[1][0] else None

    def _same_first(self, a: str, b: str) -> bool:
        fa, fb = self.first_names.get(a, set()), self.first_names.get(b, set())
        return any(similar(x, y) >= 0.8 for x in fa for y in fb)

    def plausible(self, actor_id: str, when: str | None, before: int = 5, after: int = 15) -> bool:
        """Whether a dated person can be meant on this date: from a few years before the first
        office to some years after the last.  A lone surname outside that span is somebody else
        (the 1987 "Harris" is not the 2021 vice president)."""
        entry = self.entries.get(actor_id)
        if entry is None or entry.kind != "person" or not entry.roles or not when:
            return True
        year = int(_date_key(when)[:4])
        first = int(_date_key(entry.roles[0].start)[:4])
        ends = [r.end for r in entry.roles]
        last = 9999 if any(e is None for e in ends) else max(int(_date_key(e)[:4]) for e in ends)
        return first - before <= year <= last + after

    def phonetic_candidates(self, word: str) -> set[str]:
        return self.surnames.get(phonetic(word), set())


def _role_length(role: Role) -> int:
    today = date.today().isoformat()
    return _days(_date_key(role.end, True) if role.end else today) - _days(_date_key(role.start))


def _days(iso: str) -> int:
    """Day number of a padded ISO date (invalid day numbers such as 06-31 are clamped)."""
    y, m, d = (int(x) for x in iso.split("-"))
    if y < 1 or y > 9998:
        return 0 if y < 1 else 10**7
    return date(y, m, min(d, calendar.monthrange(y, m)[1])).toordinal()


def _iso(value: Any) -> str | None:
    if value in (None, ""):
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def composite_entry(kb: KnowledgeBase, code: str) -> Entry:
    """An actor for a country+agent code such as TURMIL, named from its parts."""
    country, agent = code[:3], code[3:6]
    base = kb.entries.get(country)
    cname = base.name if base else country
    label = AGENT_LABEL.get(agent, agent.lower())
    iso3 = base.country if base is not None and base.country else country
    return Entry(
        code, f"{cname} ({label})", AGENT_KIND.get(agent, "group"), code, iso3, source="composition"
    )


def ensure_composite(kb: KnowledgeBase, code: str) -> Entry:
    if code not in kb.entries:
        kb.add_entry(composite_entry(kb, code))
    return kb.entries[code]
