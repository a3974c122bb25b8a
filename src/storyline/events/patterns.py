"""Load the event patterns (``events/data/patterns.yaml`` plus users' files) into lookup tables."""

from __future__ import annotations

import hashlib
import pickle
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from storyline.cache import pickled_bytes
from storyline.events.codes import lookup
from storyline.events.lexicon import Lexicon, load_lexicon


@dataclass(frozen=True, slots=True)
class Pattern:
    id: str
    code: str
    kind: str  # verb | noun
    object: frozenset[str] | None = None
    object_code: tuple[tuple[str, str], ...] = ()
    prep: str | None = None
    target: tuple[str, ...] = ()
    reciprocal: bool = False
    no_target: bool = False
    requires_modifier: frozenset[str] | None = None
    not_modifier: frozenset[str] = frozenset()
    target_code: tuple[tuple[str, str], ...] = ()
    # {modifier lemma: code}: "bomb attack" is 183 where "attack" alone is 190.
    modifier_code: tuple[tuple[str, str], ...] = ()
    # {agent code or subject lemma: code}: rebels killing is 180 where an army killing is 190.
    source_code: tuple[tuple[str, str], ...] = ()
    # An event only when it governs another one ("failed to reach a deal"), never alone.
    requires_inner: bool = False
    # A generic verb ("kill") yields to a more specific event noun on it ("killed in a bombing").
    generic: bool = False
    # "clause": the demand of a "must" clause; source = who says it, target = the clause subject.
    roles: str = "default"
    # The direct object must name an actor ("called Putin", not "what it called its role").
    object_actor: bool = False
    # A gathering consults only among officials or with a party named ("leaders gathered
    # in Brussels", "met with X"); a crowd gathering does not, unless source_code says what
    # it does ("protesters gathered" demonstrate).
    officials_gather: bool = False
    # An event only when its doers are armed (troops, rebels, police): "troops fled" retreat,
    # "civilians fled" do no CAMEO act.
    armed_source: bool = False
    # A consultation only with a party: one after "with", or doers who are several ("Kenyan
    # ministers discussed the crisis"); "he discusses his early plays" consults no one.
    requires_party: bool = False
    # A journey's object is where it starts ("left Brasilia for Washington"): never a target.
    origin_object: bool = False
    # Objects that make the verb no such act ("offered no comment" is not an offer).
    not_object: frozenset[str] = frozenset()
    # An object, when the verb has one, must name an actor ("met Putin", "they met"; not "met
    # its obligations", "met the targets").
    no_thing_object: bool = False
    no_crowd_source: bool = False
    # The verb must have an object, whatever it is ("returned paintings to", not "returned to").
    requires_object: bool = False
    # Where the source is when it is not the subject (dictionary patterns: "prep:from").
    source: tuple[str, ...] = ()
    # The code is done by the target to the source ("received a death threat": 138 to it).
    reverse: bool = False
    # From the CAMEO verb dictionary rather than storyline's own patterns.
    dictionary: bool = False
    # A noun event only with an "of" phrase naming what it is of ("the departure of troops").
    requires_of: bool = False
    # An official's journey: an event only by a visitor (a person, a government) to a place
    # abroad ("arrived in Ankara", "left for Moscow"; not "left for work", "troops arrived").
    visit: bool = False
    # A journey by the one sent: the object is an official ("sent Shultz to Moscow").
    envoy: bool = False
    # The code when the verb governs a subjunctive clause ("insisted that Israel withdraw":
    # a demand, where "insisted that there was hope" is a statement).
    subjunctive_code: str | None = None
    # An event only with a "to" clause on the verb ("told Israel to stop", not "told reporters").
    requires_to_clause: bool = False
    # A passive without its doer describes a state, not an act ("the smugglers are armed",
    # "men armed with knives"; but "rebels armed by X").
    passive_is_state: bool = False
    # Agreeing that something is so ("experts agreed it was not working") is an opinion, not
    # an agreement: no event when the verb's only complement is a clause stating a fact.
    opinion_clause: bool = False
    # An idiom that is an event only when it names whom it is done to ("stuck up for BP",
    # "stood up for Kyiv"; not "stood up for the anthem", "stuck up posters").
    requires_target: bool = False

    def code_for_object(self, lemma: str | None, text: str | None = None) -> str:
        """The code for an object word, by its lemma or its written form ("arms", which the
        tagger lemmatises to "arm")."""
        for obj, code in self.object_code:
            if obj == lemma or (text is not None and obj == text):
                return code
        return self.code


@dataclass(slots=True)
class PatternSet:
    verbs: dict[str, list[Pattern]] = field(default_factory=dict)
    nouns: dict[str, Pattern] = field(default_factory=dict)
    negate: frozenset[str] = frozenset()
    intent: frozenset[str] = frozenset()
    demand: frozenset[str] = frozenset()
    intent_nouns: frozenset[str] = frozenset()
    hypothetical_nouns: frozenset[str] = frozenset()
    demand_nouns: frozenset[str] = frozenset()
    modal_intent: frozenset[str] = frozenset()
    modal_hypothetical: frozenset[str] = frozenset()
    conditional_marks: frozenset[str] = frozenset()
    demand_clause: frozenset[str] = frozenset()
    reporting: frozenset[str] = frozenset()
    compose: dict[str, dict[str, str]] = field(default_factory=dict)
    # How an asserted intent, a conditional, a demand or a refusal is coded as a statement:
    # {"intent": {root: code}, ...}; see ``statement`` in patterns.yaml.
    statement: dict[str, dict[str, str]] = field(default_factory=dict)
    # The CAMEO verb dictionary (lexicon.py) and the dictionary verbs our data switches off.
    lexicon: Lexicon = field(default_factory=Lexicon)
    dictionary_off: frozenset[str] = frozenset()
    # {verb: objects} with which a verb the dictionary reads is no event ("hit a roadblock")
    dictionary_not_object: dict[str, frozenset[str]] = field(default_factory=dict)
    # {object word: modifiers} with which any dictionary verb's object names no act of force
    # ("oversaw the response operation", "began a rescue operation")
    dictionary_not_modifier: dict[str, frozenset[str]] = field(default_factory=dict)
    # Dictionary verbs whose bare default code is off (their constrained patterns still apply).
    dictionary_defaults_off: frozenset[str] = frozenset()
    # Every verb a pattern or the dictionary reads (set once loaded: parse.verb_lemma asks it).
    known_verbs: frozenset[str] = frozenset()


def _pattern(item: dict[str, Any], kind: str) -> Pattern:
    code = str(item["code"])
    lookup(code)  # fail at load time, not mid-corpus, on a code that does not exist
    obj = item.get("object")
    return Pattern(
        id=str(item["id"]),
        code=code,
        kind=kind,
        object=frozenset(str(o).lower() for o in obj) if obj else None,
        object_code=tuple(
            (str(k).lower(), str(v)) for k, v in (item.get("object_code") or {}).items()
        ),
        prep=item.get("prep"),
        target=tuple(str(t) for t in item.get("target") or ()),
        reciprocal=bool(item.get("reciprocal", False)),
        no_target=bool(item.get("no_target", False)),
        requires_modifier=frozenset(item["requires_modifier"])
        if item.get("requires_modifier")
        else None,
        not_modifier=frozenset(str(w).lower() for w in item.get("not_modifier") or ()),
        target_code=tuple((str(k), str(v)) for k, v in (item.get("target_code") or {}).items()),
        modifier_code=_pairs(item.get("modifier_code")),
        source_code=_pairs(item.get("source_code")),
        requires_inner=bool(item.get("requires_inner", False)),
        generic=bool(item.get("generic", False)),
        roles=str(item.get("roles", "default")),
        object_actor=bool(item.get("object_actor", False)),
        officials_gather=bool(item.get("officials_gather", False)),
        origin_object=bool(item.get("origin_object", False)),
        armed_source=bool(item.get("armed_source", False)),
        not_object=frozenset(str(o).lower() for o in item.get("not_object") or ()),
        requires_object=bool(item.get("requires_object", False)),
        no_thing_object=bool(item.get("no_thing_object", False)),
        no_crowd_source=bool(item.get("no_crowd_source", False)),
        requires_party=bool(item.get("requires_party", False)),
        reverse=bool(item.get("reverse", False)),
        requires_of=bool(item.get("requires_of", False)),
        visit=bool(item.get("visit", False)),
        envoy=bool(item.get("envoy", False)),
        subjunctive_code=str(item["subjunctive_code"]) if item.get("subjunctive_code") else None,
        requires_to_clause=bool(item.get("requires_to_clause", False)),
        passive_is_state=bool(item.get("passive_is_state", False)),
        opinion_clause=bool(item.get("opinion_clause", False)),
        requires_target=bool(item.get("requires_target", False)),
    )


def _pairs(table: dict[str, Any] | None) -> tuple[tuple[str, str], ...]:
    out = tuple((str(k).lower(), str(v)) for k, v in (table or {}).items())
    for _, code in out:
        lookup(code)
    return out


def merge_into(ps: PatternSet, data: dict[str, Any]) -> None:
    for lemma, items in (data.get("verbs") or {}).items():
        ps.verbs[str(lemma).lower()] = [_pattern(i, "verb") for i in items or []]
    for lemma, item in (data.get("nouns") or {}).items():
        ps.nouns[str(lemma).lower()] = _pattern(item, "noun")
    for lemma in data.get("verbs") or {}:
        for p in ps.verbs.get(str(lemma).lower(), []):
            for code in dict(p.target_code).values():
                lookup(code)
    gov = data.get("governors") or {}
    for name in (
        "negate",
        "intent",
        "demand",
        "intent_nouns",
        "hypothetical_nouns",
        "demand_nouns",
        "modal_intent",
        "modal_hypothetical",
        "conditional_marks",
        "demand_clause",
    ):
        if name in gov:
            setattr(ps, name, frozenset(str(w).lower() for w in gov[name]))
    if "reporting" in data:
        ps.reporting = frozenset(str(w).lower() for w in data["reporting"])
    for outer, table in (data.get("compose") or {}).items():
        ps.compose.setdefault(str(outer), {}).update({str(k): str(v) for k, v in table.items()})
    if "dictionary_defaults_off" in data:
        words = {str(w).lower() for w in data["dictionary_defaults_off"]}
        ps.dictionary_defaults_off = ps.dictionary_defaults_off | words
    if "dictionary_off" in data:
        ps.dictionary_off = ps.dictionary_off | {str(w).lower() for w in data["dictionary_off"]}
    for obj, words in (data.get("dictionary_not_modifier") or {}).items():
        known = ps.dictionary_not_modifier.get(str(obj).lower(), frozenset())
        ps.dictionary_not_modifier[str(obj).lower()] = known | {str(w).lower() for w in words}
    for verb, words in (data.get("dictionary_not_object") or {}).items():
        known = ps.dictionary_not_object.get(str(verb).lower(), frozenset())
        ps.dictionary_not_object[str(verb).lower()] = known | {str(w).lower() for w in words}
    for kind, table in (data.get("statement") or {}).items():
        for code in table.values():
            lookup(str(code))
        ps.statement.setdefault(str(kind), {}).update({str(k): str(v) for k, v in table.items()})


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser when built with it


def _bundled() -> PatternSet:
    ps = PatternSet(lexicon=load_lexicon())
    text = resources.files("storyline.events").joinpath("data", "patterns.yaml").read_text("utf-8")
    merge_into(ps, yaml.load(text, Loader=_LOADER) or {})
    return ps


def _fingerprint() -> str:
    """What the bundled patterns depend on: their data files and the code that reads them."""
    h = hashlib.sha256()
    pkg = resources.files("storyline.events")
    for name in ("data/patterns.yaml", "data/cameo_verbs.tsv", "data/cameo.tsv", "patterns.py",
                 "lexicon.py", "codes.py"):  # fmt: skip
        h.update(pkg.joinpath(name).read_bytes())
    h.update(repr((sys.version_info[:2], pickle.HIGHEST_PROTOCOL)).encode())
    return h.hexdigest()[:20]


@lru_cache(maxsize=8)
def _load(extra: tuple[str, ...]) -> PatternSet:
    # Parsing the YAML and the ~6,000 dictionary rows costs half a second: pickled once.
    ps: PatternSet = pickle.loads(pickled_bytes(f"patterns-{_fingerprint()}.pickle", _bundled))
    for path in extra:
        merge_into(ps, yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_LOADER) or {})
    ps.known_verbs = frozenset(ps.lexicon.verbs) | frozenset(ps.verbs)
    return ps


def load_patterns(extra: Iterable[str] = ()) -> PatternSet:
    return _load(tuple(str(p) for p in extra))
