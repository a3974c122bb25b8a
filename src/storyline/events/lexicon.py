"""The CAMEO verb dictionary in dependency form: loaded once into an index, matched per verb.

``data/cameo_verbs.tsv`` is the PETRARCH CAMEO verb dictionary converted by
``tools/convert_cameo_verbs.py`` (MIT licence, notice kept in the file): 1,774 verbs in 395
synonym blocks and ~4,700 patterns.  A verb's patterns are the patterns of its block; each one
constrains the verb's dependents (subject, object, particle, prepositional phrases, other words
under the verb) and carries a code.  The most specific pattern that matches decides; a pattern
coded ``---`` means "no event" and so blocks the verb's default code ("killed in an accident").

storyline's own ``patterns.yaml`` comes first: for a lemma it lists, only its patterns and the
dictionary's constrained patterns apply, never the dictionary's bare default (we wrote patterns
for that verb because its default is wrong or too broad).  ``patterns.yaml`` can also switch a
dictionary verb off (``dictionary_off``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import product

from storyline.model import Token

Word = tuple[str, bool]  # (text, prefix match)


@dataclass(frozen=True, slots=True)
class Phrase:
    """A noun phrase to find: its head word and modifier words anywhere under it."""

    head: Word
    mods: tuple[Word, ...] = ()


Alternatives = tuple[Phrase, ...]


@dataclass(frozen=True, slots=True)
class DictPattern:
    code: str
    line: int
    subject: Alternatives | None = None
    object: Alternatives | None = None
    particle: str | None = None
    preps: tuple[tuple[str, Alternatives | None], ...] = ()
    also: tuple[Alternatives, ...] = ()
    target: str | None = None  # "object" | "subject" | "prep:X"
    source: str | None = None  # "prep:X" | "object"
    reverse: bool = False

    @property
    def weight(self) -> int:
        """How much a match says: more constraints, more specific."""
        return (
            (self.subject is not None)
            + (self.object is not None)
            + (self.particle is not None)
            + len(self.preps)
            + len(self.also)
        )


@dataclass(frozen=True, slots=True)
class DictVerb:
    lemma: str
    particle: str | None
    code: str
    block: str
    line: int


@dataclass(slots=True)
class Lexicon:
    verbs: dict[str, list[DictVerb]] = field(default_factory=dict)
    blocks: dict[str, list[DictPattern]] = field(default_factory=dict)
    # Patterns for one verb of a block only (multi-word verbs: "ask for", "wage war").
    own: dict[tuple[str, str], list[DictPattern]] = field(default_factory=dict)
    sets: dict[str, Alternatives] = field(default_factory=dict)

    def patterns(self, verb: DictVerb) -> list[DictPattern]:
        return [*self.own.get((verb.lemma, verb.block), ()), *self.blocks.get(verb.block, ())]


def _word(text: str) -> Word:
    return (text[:-1], True) if text.endswith("*") else (text, False)


def _phrase(text: str) -> Phrase:
    words = [_word(w) for w in text.split()]
    return Phrase(words[-1], tuple(words[:-1]))


def _alternatives(text: str, sets: dict[str, Alternatives]) -> Alternatives | None:
    """``air* strike*`` or ``&weapon`` or ``&military base*`` (a set word inside a phrase)."""
    text = text.strip()
    if not text:
        return None
    words = text.split()
    if len(words) == 1 and words[0].startswith("&"):
        return sets.get(words[0][1:], ())
    if any(w.startswith("&") for w in words):
        # Sets inside a phrase ("&military base*", "&car &weapon"): every combination, the
        # last position giving the head.
        slots = [sets.get(w[1:], ()) if w.startswith("&") else (_phrase(w),) for w in words]
        combos: list[Phrase] = []
        for combo in product(*slots):
            *mods, last = combo
            words_in = [w for ph in mods for w in (*ph.mods, ph.head)]
            combos.append(Phrase(last.head, (*last.mods, *words_in)))
        return tuple(combos)
    return (_phrase(text),)


def parse_rows(lines: list[str]) -> Lexicon:
    lex = Lexicon()
    raw_sets: dict[str, str] = {}
    rows: list[list[str]] = []
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t")
        if cols[0] == "=set":
            raw_sets[cols[1]] = cols[2]
        else:
            rows.append(cols)
    for name, members in raw_sets.items():
        lex.sets[name] = tuple(_phrase(m) for m in members.split("|") if m)
    verbs: dict[str, list[DictVerb]] = defaultdict(list)
    blocks: dict[str, list[DictPattern]] = defaultdict(list)
    own: dict[tuple[str, str], list[DictPattern]] = defaultdict(list)
    for cols in rows:
        if cols[0] == "=verb":
            _, lemma, particle, code, block, line_no = cols[:6]
            verbs[lemma].append(DictVerb(lemma, particle or None, code, block, int(line_no)))
            continue
        lemma, block, code, subj, obj, prt, preps, also, roles, line_no = (cols + [""] * 10)[:10]
        prep_list: list[tuple[str, Alternatives | None]] = []
        for item in filter(None, preps.split(";")):
            prep, _, ph = item.partition(":")
            prep_list.append((prep, _alternatives(ph, lex.sets)))
        role = dict(r.partition("=")[::2] for r in roles.split(";") if "=" in r)
        pat = DictPattern(
            code=code,
            line=int(line_no or 0),
            subject=_alternatives(subj, lex.sets),
            object=_alternatives(obj, lex.sets),
            particle=prt or None,
            preps=tuple(prep_list),
            also=tuple(a for a in (_alternatives(x, lex.sets) for x in also.split(";")) if a),
            target=role.get("target"),
            source=role.get("source"),
            reverse="reverse" in roles.split(";"),
        )
        (own[(lemma, block)] if lemma else blocks[block]).append(pat)
    for pats in [*blocks.values(), *own.values()]:
        pats.sort(key=lambda p: -p.weight)  # the most specific first; stable within a weight
    lex.verbs, lex.blocks, lex.own = dict(verbs), dict(blocks), dict(own)
    return lex


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    text = resources.files("storyline.events").joinpath("data", "cameo_verbs.tsv")
    return parse_rows(text.read_text(encoding="utf-8").splitlines())


# ---- matching ----------------------------------------------------------------------------------


def word_matches(w: Word, t: Token) -> bool:
    text, prefix = w
    lemma, low = t.lemma.lower(), t.text.lower()
    if prefix and len(text) >= 4:
        return lemma.startswith(text) or low.startswith(text)
    return lemma == text or low == text or low == text + "s" or low == text + "es"


def phrase_matches(ph: Phrase, head: Token, under: list[Token]) -> bool:
    """``head`` is the phrase's head word and each modifier word is among ``under`` (the
    tokens of the head's phrase)."""
    if " " in ph.head[0]:
        return False
    if not word_matches(ph.head, head):
        return False
    return all(any(word_matches(m, u) for u in under if u.i != head.i) for m in ph.mods)


def any_phrase(alts: Alternatives, head: Token, under: list[Token]) -> bool:
    return any(phrase_matches(ph, head, under) for ph in alts)


_NOT_CURRENCY = {
    "account", "gold", "involved", "mark", "purposes", "real", "sum", "silver", "platinum",
    "palladium", "oro", "sol", "won", "fomento", "previsional", "omani", "uruguayo", "colon",
}  # fmt: skip


@lru_cache(maxsize=1)
def currency_words() -> frozenset[str]:
    """Nouns that name a currency ("euros", "rupees", "dlrs"), from pycountry's currencies."""
    import pycountry

    words = {c.name.split()[-1].lower() for c in pycountry.currencies}
    words = {w for w in words if w.isalpha() and w not in _NOT_CURRENCY}
    return frozenset(words | {"yuan", "rouble", "dlr", "dlrs", "buck", "bucks"})


def is_money(t: Token) -> bool:
    """A sum of money: tagged so, or headed by a currency's name."""
    return t.ent_type == "MONEY" or (t.pos == "NOUN" and t.lemma.lower() in currency_words())


# Verbs of going in blocks of other verbs ("head" among OVERSEE_MANAGE's "manage", "rule").
MOTION = {"head", "go", "come", "move", "return", "proceed", "set", "sail", "fly", "drive",
          "walk", "ride", "race", "rush", "hurry", "depart", "journey", "travel", "leave"}  # fmt: skip


def bare_journey(pat: DictPattern) -> bool:
    """A block's journey pattern that asks nothing but a bare preposition ("to", "for",
    "back"): it holds for the block's verbs of going only."""
    return pat.code in {"040", "042", "043"} and bare_prep(pat)


def bare_prep(pat: DictPattern) -> bool:
    return (
        pat.subject is None
        and pat.object is None
        and not pat.also
        and all(phrase is None for _, phrase in pat.preps)
    )
