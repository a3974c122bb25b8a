"""Figures: stated counts of people (refugees, troops, the dead) and where sources disagree.

Reporters restate the same quantity with different numbers ("more than 3.5 million Syrian
refugees" in Türkiye in one article, "over 4 million" migrants in another).  A figure is the
number, its hedge ("more than", "nearly"), what it counts (a class of people), whose people they
are (nationality) and where (the host country, or a wider scope such as "in other countries").
Two figures for the same (class, nationality, host) whose numbers differ are a contradiction to
show, never a verdict: the reason carries both dates, since a count stated years apart may have
changed.  Only whole sentences of stored text are read; no NLP model is needed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from storyline.actors.kb import KnowledgeBase
from storyline.actors.names import token_key
from storyline.corpus.duplicates import NEW, REDATED
from storyline.corpus.stage import Changes, Stage, Step
from storyline.ids import content_id
from storyline.model import Claim, Contradiction
from storyline.pipeline import Context
from storyline.store import Store

# What is being counted: a noun -> its class.  Classes group words that reports use for one
# population ("refugees", "migrants" and "asylum seekers" from one war are one count).
CLASSES: dict[str, str] = {
    "refugees": "displaced",
    "migrants": "displaced",
    "asylum seekers": "displaced",
    "asylum-seekers": "displaced",
    "displaced": "displaced",
    "displaced people": "displaced",
    "displaced persons": "displaced",
    "idps": "displaced",
    "troops": "troops",
    "soldiers": "troops",
    "fighters": "fighters",
    "militants": "fighters",
    "dead": "dead",
    "deaths": "dead",
    "people killed": "dead",
    "killed": "dead",
    "fatalities": "dead",
    "wounded": "wounded",
    "injured": "wounded",
    "detainees": "detained",
    "prisoners": "detained",
}
# Words that make a demonym count ("4 million Syrians") a count of displaced people.
DISPLACED_CUES = re.compile(r"\b(refuge|refugees?|displaced|migrants?|asylum|protection)\b", re.I)
# A scope wider than one host country: such a figure is a different quantity.
WIDE_SCOPE = re.compile(
    r"\b(in other countries|abroad|worldwide|around the world|across the region|"
    r"internally displaced|inside and outside)\b",
    re.I,
)
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "m": 1e6, "bn": 1e9}
HEDGES = (
    "more than|over|nearly|almost|about|around|some|at least|up to|fewer than|less than|"
    "roughly|approximately|an estimated|close to|at most|under"
)
_NUM = (
    rf"(?P<hedge>{HEDGES})?\s*(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)\s*"
    r"(?P<scale>thousand|million|billion|bn|m)?\b"
)
_NOUNS = "|".join(sorted((re.escape(n) for n in CLASSES), key=len, reverse=True))
# "3.5 million Syrian refugees", "4 million Syrians", "migrants numbering over 4 million"
FORWARD = re.compile(rf"\b{_NUM}\s+(?:(?P<adj>[A-Z][\w’'-]+)\s+)?(?P<noun>{_NOUNS}|[A-Z]\w+s)\b")
BACKWARD = re.compile(rf"\b(?P<noun>{_NOUNS})\s+(?:numbering|totalling|totaling|of)\s+{_NUM}")
# A full stop ends a sentence only before a space ("3.5 million" is one number).
SENTENCE = re.compile(r"(?:[^.!?\n]|[.!?](?![\s\n]|$))+(?:[.!?]+|$)", re.M)
LABELS = {"displaced": "refugees and migrants", "fighters": "fighters", "detained": "detainees"}
CHANGE_RATIO = 0.05
MAX_LINKS = 3  # a figure cites at most this many earlier differing figures of its quantity
LOOK_BACK = 200  # figures within 5% of each other are the same figure rounded


@dataclass(slots=True)
class Figure:
    value: float
    hedge: str
    surface: str
    cls: str
    nationality: str | None
    host: str | None
    start: int
    end: int
    sentence: str

    def key(self) -> tuple[str, str | None, str | None]:
        return self.cls, self.nationality, self.host


Countries = Callable[[str], str | None]


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans by punctuation; good enough for locating a figure and citing it."""
    out = []
    for m in SENTENCE.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        if e > s:
            out.append((s, e))
    return out


def _countries_in(sentence: str, country_of: Countries) -> list[tuple[int, str]]:
    out = []
    for m in re.finditer(r"[A-ZÇÖÜ][\w-]+", sentence):
        code = country_of(m.group(0))
        if code:
            out.append((m.start(), code))
    return out


def extract(
    text: str,
    country_of: Countries,
    article_countries: Sequence[str] = (),
) -> list[Figure]:
    """Every counted population stated in a text.

    ``article_countries``: the article's main countries, most mentioned first; the host of a
    figure whose sentence names none ("an influx of migrants numbering over 4 million").
    """
    out: list[Figure] = []
    for s, e in sentences(text):
        sent = text[s:e]
        for rx in (FORWARD, BACKWARD):
            for m in rx.finditer(sent):
                noun = m.group("noun")
                nationality = None
                cls = CLASSES.get(noun.lower())
                if cls is None:  # a demonym ("Syrians") counts people of that country
                    nationality = country_of(noun)
                    if nationality is None or not DISPLACED_CUES.search(sent):
                        continue
                    cls = "displaced"
                adj = m.groupdict().get("adj")
                if adj and nationality is None:
                    nationality = country_of(adj)
                    if nationality is None:
                        continue  # "3 million Kurdish-held ..." is not a nationality we know
                named = _countries_in(sent, country_of)
                if nationality is None:
                    nationality = next((c for _, c in named), None)
                if WIDE_SCOPE.search(sent):
                    host: str | None = "elsewhere"
                else:
                    host = next((c for _, c in named if c != nationality), None)
                    if host is None:
                        host = next((c for c in article_countries if c != nationality), None)
                value = float(m.group("num").replace(",", "")) * SCALES.get(
                    (m.group("scale") or "").lower(), 1.0
                )
                if value < 10:  # "2 soldiers" is an incident, not a population count
                    continue
                num_start = m.start("hedge") if m.group("hedge") else m.start("num")
                num_end = m.end("scale") if m.group("scale") else m.end("num")
                out.append(
                    Figure(
                        value=value,
                        hedge=(m.group("hedge") or "").lower(),
                        surface=sent[num_start:num_end],
                        cls=cls,
                        nationality=nationality,
                        host=host,
                        start=s,
                        end=e,
                        sentence=sent,
                    )
                )
    return out


def describe(key: tuple[str, str | None, str | None], name: Callable[[str], str]) -> str:
    cls, nat, host = key
    label = LABELS.get(cls, cls)
    who = f"{label} from {name(nat)}" if nat else label
    if host == "elsewhere":
        return f"{who} (wider scope)"
    return f"{who} in {name(host)}" if host else who


def claims(
    article_id: str,
    figures: Sequence[Figure],
    date: str | None,
    outlet: str | None,
) -> list[Claim]:
    """One claim per stated figure; ``figure`` holds what was counted and the number."""
    out = []
    for f in figures:
        out.append(
            Claim(
                claim_id=content_id("figure", article_id, str(f.start), f.surface, f.cls),
                speaker=None,
                text=f.sentence,
                event_id=None,
                polarity="asserted",
                article_id=article_id,
                date=date,
                outlet=outlet,
                start=f.start,
                end=f.end,
                figure={
                    "value": f.value,
                    "stated": f.surface,
                    "counts": f.cls,
                    "nationality": f.nationality,
                    "host": f.host,
                },
            )
        )
    return out


def _key(c: Claim) -> tuple[str, str | None, str | None] | None:
    f: dict[str, Any] | None = c.figure
    if not f:
        return None
    return f["counts"], f.get("nationality"), f.get("host")


def partition_key(c: Claim) -> str | None:
    """The quantity a figure claim counts, as stored: figures are only compared within one."""
    k = _key(c)
    if k is None or k[2] == "elsewhere":
        return None
    return "|".join(x or "" for x in k)


def _years_apart(a: str | None, b: str | None) -> str:
    if not a or not b:
        return "one of them undated: the count may have changed between them"
    if a[:4] != b[:4]:
        n = abs(int(a[:4]) - int(b[:4]))
        return f"stated {n} year{'s' if n > 1 else ''} apart: the count may have changed"
    if a[:7] != b[:7]:
        return "stated months apart: the count may have changed"
    return "stated at the same time"


def contradict(figure_claims: Sequence[Claim], name: Callable[[str], str] = str) -> None:
    """Mark pairs of figures for one quantity whose numbers differ (in place).

    Copies of one text state one figure, and a number restated within 5% is the same figure
    rounded; anything else is listed with both dates, so a reader judges change against conflict.
    """
    by_key: dict[tuple[str, str | None, str | None], list[Claim]] = {}
    for c in figure_claims:
        k = _key(c)
        if k is not None and k[2] != "elsewhere":
            by_key.setdefault(k, []).append(c)
    for key, group in by_key.items():
        group.sort(key=lambda c: (c.date or "9999", c.claim_id))
        what = describe(key, name)  # one quantity: named once, not once per link
        linked: dict[str, set[str]] = {
            c.claim_id: {x.claim_id for x in c.contradicts} for c in group
        }
        for i, b in enumerate(group):
            # The nearest earlier figures that differ, so a quantity restated in thousands of
            # articles gives each a few cited counterparts instead of every pair.
            found = 0
            for a in reversed(group[max(0, i - LOOK_BACK) : i]):
                if found == MAX_LINKS:
                    break
                if a.article_id == b.article_id or a.claim_id in linked[b.claim_id]:
                    continue
                va, vb = a.figure["value"], b.figure["value"]  # type: ignore[index]
                if abs(va - vb) <= CHANGE_RATIO * max(va, vb):
                    continue
                found += 1
                reason = (
                    f"figures differ for {what}: "
                    f"“{a.figure['stated']}” ({a.outlet or 'unknown outlet'}, "  # type: ignore[index]
                    f"{a.date or 'undated'}) vs “{b.figure['stated']}” "  # type: ignore[index]
                    f"({b.outlet or 'unknown outlet'}, {b.date or 'undated'}); "
                    f"{_years_apart(a.date, b.date)}"
                )
                a.contradicts.append(Contradiction(b.claim_id, reason))
                b.contradicts.append(Contradiction(a.claim_id, reason))
                linked[a.claim_id].add(b.claim_id)
                linked[b.claim_id].add(a.claim_id)


def kb_countries(kb: KnowledgeBase) -> Countries:
    """A word -> country code lookup over the knowledge base's names, adjectives, demonyms."""
    cache: dict[str, str | None] = {}

    def country_of(word: str) -> str | None:
        if word not in cache:
            code = None
            for hit in kb.aliases.get((token_key(word),), ()):
                entry = kb.entries.get(hit.actor_id)
                if entry is not None and entry.kind == "country" and hit.fits(word):
                    code = entry.code or entry.actor_id
                    break
            cache[word] = code
        return cache[word]

    return country_of


def article_figures(
    articles: Iterable[tuple[str, str, str | None, str | None]],
    kb: KnowledgeBase,
    article_countries: Mapping[str, Counter[str]],
) -> list[Claim]:
    """Figure claims of (article_id, text, date, outlet) rows."""
    country_of = _country_of(kb)
    out: list[Claim] = []
    for aid, text, date, outlet in articles:
        main = [
            c
            for c, _ in sorted(
                article_countries.get(aid, Counter()).items(), key=lambda kv: (-kv[1], kv[0])
            )
        ][:2]
        out.extend(claims(aid, extract(text or "", country_of, main), date, outlet))
    return out


# ---- the corpus stage ----------------------------------------------------------------------------
KEYS = "figures.keys"  # quantities whose figures changed


def country_counts(codes: Iterable[str], kb: KnowledgeBase) -> Counter[str]:
    """How often an article names each country (its actor mentions coded to a country)."""
    out: Counter[str] = Counter()
    for code in codes:
        c = code[:3]
        if len(code) >= 3 and c in kb.entries and kb.entries[c].kind == "country":
            out[c] += 1
    return out


def codes_by_article(rows: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """(article_id, actor code) rows as each article's codes, in the order they came."""
    out: dict[str, list[str]] = {}
    for aid, code in rows:
        out.setdefault(aid, []).append(code)
    return out


_COUNTRY_OF: dict[int, tuple[KnowledgeBase, Countries]] = {}


def _country_of(kb: KnowledgeBase) -> Countries:
    """One cached word -> country lookup per knowledge base (a process keeps it)."""
    cached = _COUNTRY_OF.get(id(kb))
    if cached is None or cached[0] is not kb:
        cached = _COUNTRY_OF[id(kb)] = (kb, kb_countries(kb))
    return cached[1]


# Extract: the figure claims of new (or re-dated) articles.
def _extract_touched(store: Store, changes: Changes) -> Iterator[str]:
    if changes.full:
        for ids in store.articles.ids():
            yield from ids
    else:
        yield from sorted(changes.set(NEW) | changes.set(REDATED))


def _extract_read(store: Store, ids: list[str], changes: Changes) -> list[Any]:
    facts = {
        r["article_id"]: (r["text"], r["published"], r["outlet"]) for r in store.articles.facts(ids)
    }
    codes = codes_by_article(store.actors.codes(ids))
    return [(*facts.get(a, ("", None, None)), codes.get(a, [])) for a in ids]


def extract_partition(article_id: str, data: Any, ctx: Context) -> list[tuple[Claim, str | None]]:
    """An article's figure claims, each with the quantity it counts (None: never compared)."""
    text, published, outlet, codes = data
    counts = {article_id: country_counts(codes, ctx.kb)}
    found = article_figures([(article_id, text, published, outlet)], ctx.kb, counts)
    return [(c, partition_key(c)) for c in found]


def _extract_write(store: Store, results: list[tuple[str, Any]], changes: Changes) -> None:
    keys = changes.set(KEYS)
    keys |= store.claims.delete_figures(a for a, _f in results)
    found = [x for _a, with_keys in results for x in with_keys]
    keys.update(k for _c, k in found if k)
    store.claims.insert(found)


# Link: within each touched quantity, figures that differ contradict.
def _link_touched(store: Store, changes: Changes) -> list[str]:
    return sorted(changes.set(KEYS))


def _link_read(store: Store, keys: list[str], changes: Changes) -> list[list[Claim]]:
    return [store.claims.figure_sketches(k) for k in keys]


def link_partition(key: str, group: list[Claim], ctx: Context) -> list[Claim]:
    """One quantity's figures linked again; returns those whose links changed."""
    before = {c.claim_id: c.contradicts for c in group}  # the old lists, kept as they were
    for c in group:
        c.contradicts = []
    entries = ctx.kb.entries

    def name(code: str) -> str:
        entry = entries.get(code)
        return str(entry.name) if entry is not None else code

    contradict(group, name)
    return [c for c in group if c.contradicts != before[c.claim_id]]


def _link_write(store: Store, results: list[tuple[str, list[Claim]]], changes: Changes) -> None:
    # The sketches carry the new links; the records they go into are read whole.
    for key, changed in results:
        full = store.claims.by_ids(c.claim_id for c in changed)
        for c in changed:
            full[c.claim_id].contradicts = c.contradicts
        store.claims.insert((full[c.claim_id], key) for c in changed)
    changes.count("figures.partitions", len(results))


STAGE = Stage(
    "figures",
    (
        Step("extract", _extract_touched, _extract_read, extract_partition, _extract_write),
        Step("link", _link_touched, _link_read, link_partition, _link_write, chunk=256),
    ),
)
