"""Sentences of sport and entertainment, which report no political event.

The phrases come from PETRARCH-2's discard list, converted by ``tools/build_discards.py`` to the
sport and entertainment part of it (``data/discards.tsv``): "the goalkeeper", "the World Cup
qualifier", "a film festival".  A sentence holding one is not coded, so that "Iran beat the
United States 2-1" on a sports page is no act of force and the players it names are no actors
to review.  The words of a phrase match in order; the last one from its start ("cricket" also
matches "cricketer") unless it ends in ``_``.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from storyline.events.implied import implied_actor
from storyline.events.parse import Parse
from storyline.model import Sentence, Token

Phrase = tuple[tuple[str, ...], bool]  # words, last word whole


@lru_cache(maxsize=1)
def phrases() -> dict[str, list[Phrase]]:
    """The phrases by their first word's first three letters."""
    text = resources.files("storyline.events").joinpath("data", "discards.tsv").read_text("utf-8")
    index: dict[str, list[Phrase]] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        whole = line.endswith("_")
        # "semi-final" is three tokens to the parser: "semi", "-", "final"
        words = tuple(line.rstrip("_").replace("-", " - ").split())
        index.setdefault(words[0][:3], []).append((words, whole))
    return index


def _match_at(toks: list[Token], i: int, end: int, phrase: Phrase) -> bool:
    words, whole = phrase
    if i + len(words) > end:
        return False
    for k, w in enumerate(words):
        t = toks[i + k].text.lower()
        last = k == len(words) - 1
        if t != w and (not last or whole or not t.startswith(w)):
            return False
    return True


# Sectors of the state and of international bodies: a sentence naming one is political news
# whatever sport it mentions ("prosecutors ... in the soccer investigation"); so is one naming
# armed men or criminals, whose attack on a stadium or a team is no game.
NEWS_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "IGO", "REB", "UAF", "CRM"}


def discarded(p: Parse, sent: Sentence) -> bool:
    """Whether a sentence is sport or entertainment: it holds a discard phrase and names no
    government, force, court, legislature, international body or armed group, by name or by an
    agent noun ("police are searching the home of the singer's doctor", "a suicide bomber
    struck a cricket ground" are news)."""
    toks = p.toks
    index = phrases()
    if not any(
        _match_at(toks, i, sent.token_end, phrase)
        for i in range(sent.token_start, sent.token_end)
        for phrase in index.get(toks[i].text[:3].lower(), ())
    ):
        return False
    for i in range(sent.token_start, sent.token_end):
        named = [m for m in p.by_tok.get(i, ()) if not m.place_only]
        if not named and toks[i].pos == "NOUN":
            implied = implied_actor(p, toks[i])
            named = [implied] if implied is not None else []
        for m in named:
            code = m.code or ""
            if code[3:6] in NEWS_SECTORS or code[:3] == "IGO":
                return False
    return True
