"""Listed people written otherwise than the dictionaries write them: a middle initial, a
short or transliterated first name, a second surname dropped, a surname spelled another way.

Each reading is narrow (one plausible listed person, the first names agreeing, the country
named where the name is common) because a wrong person is worse than an unknown one.
Functions over one article's ``Resolver``; ``actors/unknown.py`` tries them in order."""

from __future__ import annotations

import re

from storyline.actors.names import fold, similar
from storyline.actors.resolver import NAME_SUFFIXES, Entry, Resolver, _ranked


def without_initials(r: Resolver, keys: tuple[str, ...]) -> Entry | None:
    """A listed person written with a middle initial or a suffix the list does not have:
    "David H. Petraeus", "Henry M. Paulson Jr." are David Petraeus, Henry Paulson."""
    short = tuple(
        k for n, k in enumerate(keys) if not (n > 0 and (len(k) == 1 or k in NAME_SUFFIXES))
    )
    if len(short) < 2 or short == keys:
        return None
    for hit in _ranked(r.kb, r.kb.aliases.get(short) or [], r.when):
        entry = r.kb.entries.get(hit.actor_id)
        if entry is not None and entry.kind == "person" and r.kb.plausible(hit.actor_id, r.when):
            return entry
    return None


# Short forms of English given names that are not a prefix of the full form ("Geoff" is a
# prefix of "Geoffrey" and needs no entry).
HYPOCORISMS = {
    "bill": "william", "will": "william", "bob": "robert", "rob": "robert", "dick": "richard",
    "rick": "richard", "jim": "james", "jimmy": "james", "tony": "anthony", "ted": "edward",
    "ned": "edward", "jack": "john", "mike": "michael", "mick": "michael", "joe": "joseph",
    "chuck": "charles", "peggy": "margaret", "maggie": "margaret", "liz": "elizabeth",
    "betty": "elizabeth", "sandy": "alexander", "hank": "henry", "larry": "lawrence",
    "jerry": "gerald", "sasha": "alexander", "misha": "mikhail", "kate": "katherine",
}  # fmt: skip


def short_first_name(short: str, full: str) -> bool:
    """Whether a first name as written is a short form of a listed one: "Geoff" of "Geoffrey",
    "Bill" of "William" (and not "John" of "Joan": a spelling close to another name is
    another person)."""
    if short == full:
        return True
    if len(short) >= 3 and full.startswith(short):
        return True
    return HYPOCORISMS.get(short) == full


def first_name_variant(r: Resolver, keys: tuple[str, ...]) -> Entry | None:
    """A dictionary person named with a short form of their first name ("Geoff Hoon" for
    Geoffrey Hoon), when exactly one listed person of that surname, plausible on the date,
    has a first name it shortens; or with another transliteration of it ("Costas" for
    Kostas), when the article has named the person's country too."""
    if len(keys) != 2:
        return None
    pids = [pid for pid in r.kb.dict_surnames.get(keys[-1], ()) if r.kb.plausible(pid, r.when)]
    for alike, needs_country in ((short_first_name, False), (spelled_alike, True)):
        found = {
            pid for pid in pids if any(alike(keys[0], f) for f in r.kb.first_names.get(pid, ()))
        }
        if found:
            entry = r.kb.entries.get(found.pop()) if len(found) == 1 else None
            if entry is None or entry.kind != "person":
                return None
            return entry if not needs_country or country_named(r, entry) else None
    return None


# Letters that transliterations of one name trade ("Kostas"/"Costas", "Sergey"/"Sergei",
# "Yusuf"/"Yousef"), mapped to one spelling; doubled letters are written once.
_TRADED = [("ph", "f"), ("ou", "u"), ("q", "k"), ("c", "k"), ("w", "v"), ("y", "i")]
_VOWELS = re.compile("[aeiou]+")
_SWAPPED = [{"o", "u"}, {"e", "a"}, {"e", "i"}]


def _one_spelling(name: str) -> str:
    out = fold(name).replace("ch", "\x00")
    for a, b in _TRADED:
        out = out.replace(a, b)
    return re.sub(r"(.)\1", r"\1", out.replace("\x00", "ch"))


def spelled_alike(written: str, listed: str) -> bool:
    """Two transliterations of one given name: "Costas" and "Kostas", "Mohammed" and
    "Muhammad", "Sergei" and "Sergey" -- the same letters once traded ones are mapped, but
    for vowels the transliterations swap ("o"/"u", "e"/"a", "e"/"i"), never the last letter
    ("Mario" is not "Maria"), and no other letter ("John" is not "Joan", "Hassan" not
    "Hussein", "Mahmoud" not "Mohammed")."""
    a, b = _one_spelling(written), _one_spelling(listed)
    if len(a) < 4 or a[-1] != b[-1] or _VOWELS.sub("-", a) != _VOWELS.sub("-", b):
        return a == b
    return all(
        x == y or {x, y} in _SWAPPED
        for x, y in zip(_VOWELS.findall(a), _VOWELS.findall(b), strict=True)
    )


def second_surname_dropped(r: Resolver, keys: tuple[str, ...]) -> Entry | None:
    """A listed person of two surnames named by the first alone, as Spanish and Portuguese
    names are in the news ("Patricia Espinosa" for Patricia Espinosa Cantellano): only when
    exactly one listed person, plausible on the date, has that shorter name, and it ends in
    a surname."""
    found = {pid for pid in r.kb.short_names.get(keys, ()) if r.kb.plausible(pid, r.when)}
    if len(keys) < 2 or len(found) != 1:
        return None
    entry = r.kb.entries.get(found.pop())
    if entry is None or entry.kind != "person" or keys[-1] in r.kb.given_names:
        return None  # "Anna Maria" is two first names, not a name cut short
    # "Margaret Hughes" is a common enough name: the listed one only where the article has
    # named her country
    return entry if country_named(r, entry) else None


def phonetic_person(r: Resolver, keys: tuple[str, ...]) -> Entry | None:
    """A surname spelled differently from every listed alias (Meqdad, Mokdad...)."""
    last = keys[-1]
    if len(last) < 4 or (len(keys) == 1 and r.kb.office_surname(last, r.when)):
        return None  # a lone surname of someone in office then is that person (below)
    best, best_score = None, 0.0
    for pid in r.kb.phonetic_candidates(last):
        if not r.kb.plausible(pid, r.when):
            continue
        if len(keys) > 1 and not first_name_agrees(r, pid, keys[0]):
            continue  # "John Price" is not Ned Price
        if len(keys) == 1 and not country_named(r, r.kb.entries[pid]):
            continue  # "Giuliani" in a US campaign story is not Pakistan's Gilani
        score = max((similar(last, f) for f in r.kb.surname_forms.get(pid, ())), default=0.0)
        if score > best_score:
            best, best_score = pid, score
    return r.kb.entries[best] if best and best_score >= 0.84 else None


def country_named(r: Resolver, entry: Entry) -> bool:
    """Whether the article names the person's country: by an actor of it so far, or by its
    name, a demonym or its capital anywhere ("Greek police ...")."""
    return bool(entry.country) and (
        any(m.country == entry.country for m in r.mentions)
        or any(c[0] == entry.country for c in r.country_of_token.values())
    )


def first_name_agrees(r: Resolver, pid: str, first: str) -> bool:
    firsts = r.kb.first_names.get(pid, set())
    return not firsts or any(similar(first, f) >= 0.8 for f in firsts)
