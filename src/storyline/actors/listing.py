"""What ``storyline actors`` shows: every actor in a store with its code, roles and spellings.

The listing is how a user checks the actor layer: provisional actors (``--unknown``) are the
names the knowledge base lacks -- people, organisations and groups that act in the corpus's
events -- shown with their mention counts, every spelling seen and one sentence, so they can be
confirmed or corrected in a file of the user's own (YAML, or a PETRARCH dictionary) that
``--dictionary`` reads on the next ingest.  ``how`` says where each actor comes from (knowledge
base, dictionary, composition, provisional).  Built here, rendered by ``cli.py``.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

from storyline.model import Actor, Role, actor_how


@dataclass(slots=True)
class ActorRow:
    actor: Actor
    mentions: int  # mentions as an actor (places excluded)
    articles: int
    example: str = ""  # a sentence naming it


def rows(store: Any, unknown: bool = False) -> list[ActorRow]:
    """Actors of a store, most mentioned first; only provisional ones when ``unknown``."""
    mentions: Counter[str] = Counter()
    articles: dict[str, set[str]] = {}
    for r in store.actors.mention_rows():
        if r["place_only"]:
            continue
        mentions[r["actor_id"]] += 1
        articles.setdefault(r["actor_id"], set()).add(r["article_id"])
    examples = store.actors.examples()
    out = [
        ActorRow(
            a,
            mentions[a.actor_id],
            len(articles.get(a.actor_id, ())),
            examples.get(a.actor_id, ""),
        )
        for a in store.actors.iter()
        if not (unknown and a.known)
    ]
    out.sort(key=lambda r: (-r.mentions, r.actor.name.lower()))
    return out


def role_text(role: Role) -> str:
    span = f"{role.start or '…'}–{role.end or ''}"
    return f"{role.role} [{role.code}] {span}".strip()


def columns(row: ActorRow, max_aliases: int = 8) -> list[str]:
    a = row.actor
    aliases = ", ".join(a.aliases[:max_aliases]) + (" …" if len(a.aliases) > max_aliases else "")
    return [
        a.code or "-",
        a.name,
        a.kind,
        "yes" if a.known else "no",
        str(row.mentions),
        "; ".join(role_text(r) for r in a.roles),
        aliases,
        actor_how(a.actor_id, a.known),
        row.example,
    ]


HEADERS = ["code", "name", "kind", "known", "mentions", "roles", "aliases", "how", "example"]


def render_text(table: list[ActorRow]) -> str:
    """Tab-separated, one actor a line, with a header: easy to read and to grep or cut."""
    lines = ["\t".join(HEADERS)]
    lines += ["\t".join(columns(r, max_aliases=1000)) for r in table]
    return "\n".join(lines) + "\n"


def render_json(table: list[ActorRow]) -> str:
    """JSON lines: the contract's ACTOR record plus the mention counts."""
    return "".join(
        json.dumps(
            {
                **r.actor.record(),
                "mentions": r.mentions,
                "articles": r.articles,
                "example": r.example,
            },
            ensure_ascii=False,
        )
        + "\n"
        for r in table
    )
