"""Discovery: provisional actors (names the knowledge base lacks) merged across documents.

Each article names its unknown people on its own ("u:karim-zaydani", "u:kareem-zaidani"); this
corpus stage decides which of them are one actor, from their names *and* their context, so a
reader sees one provisional actor with every spelling -- and two different people who share a
surname stay apart.  Two provisional actors merge when

- their surnames sound alike (same phonetic key) and are close in spelling (Jaro-Winkler);
- their first names, when both have one, agree (or one is a bare surname);
- their context does not contradict: same kind, same country when both have one, same sector
  when both have one; and
- their context supports it: the same country, or a known actor they are both seen with
  (a bare surname needs both, since surnames are shared by many people).

``plan(candidates)`` is pure (a mapping old id -> kept id); ``corpus.update`` applies it with
``Store.actors.merge`` before events are merged.  The kept actor is the spelling written in the
most articles -- counted from the aliases, which a merge keeps, so the choice is the same
whether the spellings arrived in one run or over many.

``canonical(aliases, codes)`` then gives every provisional actor the fields all its mentions
support, not those of the article that happened to be written first: the fullest spelling
written most (capitals breaking ties: "OPEC" over "Opec"), the code its mentions carry most
(a titled mention's "BRAGOV" over an untitled one's nothing).  Together they make the stored
actors the same for any order of ingest, or two ingests at once (issue 16, issue 17 item P).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter
from typing import Any

from storyline.actors.names import key_tokens, phonetic, similar, slug

SURNAME_SIMILARITY = 0.88
FIRST_NAME_SIMILARITY = 0.85
ORG_SIMILARITY = 0.95


@dataclass(slots=True)
class Provisional:
    actor_id: str
    name: str
    kind: str
    code: str | None = None
    country: str | None = None
    mentions: int = 0
    co_actors: set[str] = field(default_factory=set)  # known actors seen in the same articles


def _agent(code: str | None) -> str | None:
    return code[3:6] if code and len(code) >= 6 else None


def _compatible(a: Provisional, b: Provisional) -> bool:
    if a.kind != b.kind:
        return False
    if a.country and b.country and a.country != b.country:
        return False
    ag, bg = _agent(a.code), _agent(b.code)
    return not (ag and bg and ag != bg)


def _names_agree(a: Provisional, b: Provisional) -> tuple[bool, bool]:
    """(names agree, one of them is a bare surname)."""
    ka, kb = key_tokens(a.name), key_tokens(b.name)
    if not ka or not kb:
        return False, False
    if a.kind != "person":
        return similar(" ".join(ka), " ".join(kb)) >= ORG_SIMILARITY, False
    la, lb = ka[-1], kb[-1]
    if phonetic(la) != phonetic(lb) or similar(la, lb) < SURNAME_SIMILARITY:
        return False, False
    bare = len(ka) == 1 or len(kb) == 1
    if not bare and similar(ka[0], kb[0]) < FIRST_NAME_SIMILARITY:
        return False, False
    return True, bare


def _supported(a: Provisional, b: Provisional, bare: bool) -> bool:
    same_country = bool(a.country and a.country == b.country)
    shared = bool(a.co_actors & b.co_actors)
    return (same_country and shared) if bare else (same_country or shared)


def plan(candidates: Iterable[Provisional]) -> dict[str, str]:
    """Which provisional actors are one: {merged id: kept id} (kept ids are not keys)."""
    items = sorted(candidates, key=lambda p: p.actor_id)
    parent = {p.actor_id: p.actor_id for p in items}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    # Compare only within blocks of the same surname sound (organizations: first word).
    blocks: dict[tuple[str, str], list[Provisional]] = defaultdict(list)
    for p in items:
        keys = key_tokens(p.name)
        if keys:
            blocks[(p.kind, phonetic(keys[-1]) if p.kind == "person" else keys[0])].append(p)
    for block in blocks.values():
        for i, a in enumerate(block):
            for b in block[i + 1 :]:
                if not _compatible(a, b):
                    continue
                agree, bare = _names_agree(a, b)
                if agree and _supported(a, b, bare):
                    parent[find(a.actor_id)] = find(b.actor_id)
    groups: dict[str, list[Provisional]] = defaultdict(list)
    for p in items:
        groups[find(p.actor_id)].append(p)
    mapping: dict[str, str] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        keep = max(members, key=lambda p: (p.mentions, len(key_tokens(p.name)), p.actor_id))
        # (``mentions`` counts the articles that wrote this spelling, whichever actor now holds
        # them, so the same spelling is kept whatever order the articles came in.)
        for p in members:
            if p is not keep:
                mapping[p.actor_id] = keep.actor_id
    return mapping


def candidates_from(
    actors: Iterable[tuple[str, str, str, str | None, str | None, bool]],
    mention_rows: Iterable[tuple[str, str]],
    alias_rows: Iterable[tuple[str, str, int]] | None = None,
) -> list[Provisional]:
    """Provisional actors with their mention counts and co-occurring known actors.

    ``actors``: (actor_id, name, kind, code, country, known); ``mention_rows``:
    (article_id, actor_id) for the actor mentions, an article's rows together (they are read one
    article at a time, so a store's rows can stream through); ``alias_rows``: (actor_id, alias,
    articles) for the provisional actors -- when given, an actor's count is the number of
    articles that wrote its own spelling, wherever a merge has put them.
    """
    known: set[str] = set()
    out: dict[str, Provisional] = {}
    for actor_id, name, kind, code, country, is_known in actors:
        if is_known:
            # Named people and bodies are evidence; countries and sectors are seen with everyone.
            if kind in {"person", "organization", "group"} and not actor_id.isupper():
                known.add(actor_id)
        else:
            out[actor_id] = Provisional(actor_id, name, kind, code, country)
    for _article, rows in groupby(mention_rows, key=itemgetter(0)):
        ids: set[str] = set()
        for _a, actor_id in rows:
            ids.add(actor_id)
            if actor_id in out:
                out[actor_id].mentions += 1
        seen_known = ids & known
        for actor_id in ids:
            if actor_id in out:
                out[actor_id].co_actors |= seen_known
    if alias_rows is not None:
        native: Counter[str] = Counter()
        for _holder, alias, n in alias_rows:
            native["u:" + slug(alias)] += n
        for p in out.values():
            p.mentions = native.get(p.actor_id, 0)
    return list(out.values())


def canonical(
    aliases: Mapping[str, int], codes: Mapping[str | None, int]
) -> tuple[str | None, str | None]:
    """The name and code a provisional actor's observations support (see the module doc):
    (None, ...) when it has no spelling left."""
    names = [a for a in aliases if key_tokens(a)]
    name = (
        max(
            names,
            key=lambda a: (
                min(len(key_tokens(a)), 2),
                aliases[a],
                sum(c.isupper() for c in a),
                a,
            ),
        )
        if names
        else None
    )
    coded = [c for c in codes if c]
    code = max(coded, key=lambda c: (codes[c], c)) if coded else None
    return name, code


def canonical_rows(
    observations: Iterable[tuple[str, dict[str, int], dict[str | None, int], str | None]],
    country_of: Callable[[str], str | None],
) -> list[tuple[str, str | None, str | None, str]]:
    """(name, code, country, actor_id) for every provisional actor: its canonical fields.
    ``observations``: (actor_id, alias counts, code counts, current country); ``country_of``
    gives a code's country (ISO), so the country follows the code chosen."""
    out = []
    for actor_id, aliases, codes, country in observations:
        name, code = canonical(aliases, codes)
        if name is None:
            continue
        if code is not None:
            country = country_of(code)
        out.append((name, code, country, actor_id))
    return out


def run(store: Any, country_of: Callable[[str], str | None] | None = None) -> dict[str, str]:
    """The corpus stage on its own: plan the merges over the store's actors, apply them, and
    give every provisional actor its canonical fields (corpus.update does the same)."""
    mapping = plan(candidates_from(*store.actors.discovery_rows()))
    store.actors.merge(mapping)
    store.actors.set_fields(
        canonical_rows(store.actors.provisional_observations(), country_of or (lambda c: c[:3]))
    )
    return mapping
