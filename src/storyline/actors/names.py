"""Transliteration-insensitive name keys.

``Çavuşoğlu`` and ``Cavusoglu`` must give the same key; ``Mekdad``/``Mikdad``/``Miqdad`` must be
close under a phonetic key.  Keys are computed here and nowhere else so the knowledge base and
the resolver always agree.
"""

from __future__ import annotations

import re
from functools import lru_cache

import jellyfish
from anyascii import anyascii
from rapidfuzz.distance import JaroWinkler

from storyline.model import Token

_WORD = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """ASCII, lower case: the form every comparison of names is made in."""
    return anyascii(text).lower()


@lru_cache(maxsize=200_000)
def key_tokens(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(fold(text)))


@lru_cache(maxsize=200_000)
def token_key(text: str) -> str:
    """Key of one token; empty for punctuation, so ``al-Assad`` keys like ``al Assad``."""
    return "".join(_WORD.findall(fold(text)))


@lru_cache(maxsize=100_000)
def phonetic(word: str) -> str:
    return jellyfish.metaphone(fold(word)) if word else ""


def similar(a: str, b: str) -> float:
    return JaroWinkler.similarity(fold(a), fold(b))


def slug(text: str) -> str:
    return "-".join(key_tokens(text)) or "unnamed"


# Titles abbreviated before a name ("Sen. Patrick Leahy", "Gen. John Omondi"): read as the
# title written out, and only when capitalised with the stop, so a lower-case "her rep" (an
# agent) or a "Gen Z" is no lawmaker or general.
ABBREVIATED = {
    "sen": "senator", "rep": "lawmaker", "reps": "lawmakers", "gov": "governor",
    "gen": "general", "lt": "lieutenant", "col": "colonel", "capt": "captain",
    "cmdr": "commander", "adm": "admiral", "sgt": "sergeant", "brig": "brigadier",
}  # fmt: skip


def written_out(t: Token) -> str | None:
    if t.text[:1].isupper() and t.text.endswith("."):
        return ABBREVIATED.get(token_key(t.text))
    return None
