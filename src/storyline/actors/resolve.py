"""Actor stage: find actor mentions in each sentence and resolve them to one identity each.

Order of evidence, strongest first: the knowledge-base gazetteer (curated entries, then the
bundled dictionaries; it beats spaCy's NER, which calls "Daesh" a place and "Sputnik" a person),
then title-and-sector phrases ("Syrian Foreign Minister X", "Turkish forces", "the Syrian
president" -> the office's holder on the day), then spaCy NER for names the knowledge base does
not know, which become provisional actors (``known = False``) keyed by a
transliteration-insensitive name key.  Every mention records the rule that produced it and the
kind of evidence (``how``, see ``RULE_HOW``).

Safety before recall -- an unknown actor is better than a wrong one:

- a multi-word name is matched whole before its parts, and a country's name inside a longer
  name ("New Jersey", "Gulf of Mexico", "Syria Democratic Forces") is not that country;
- a surname alone never names a listed person when the text gives another first name
  ("Ibrahim al-Jaafari" is not Bashar al-Jaafari);
- a place is an actor only as a country or as a capital standing for its government in an
  argument position ("Ankara said", "talks with Moscow"), never a city or region;
- page furniture and datelines ("Subscribe ...", "Related News ...", "Wed 05 Apr 2017") never
  form names.
"""

from __future__ import annotations

from typing import Any

from storyline.actors.acronyms import bracketed_acronyms
from storyline.actors.bodies import dateline_offices, heads_of_bodies, state_bodies
from storyline.actors.coref import coref
from storyline.actors.gazetteer import gazetteer
from storyline.actors.kb import KnowledgeBase, load_kb
from storyline.actors.names import key_tokens

# Read by the events stage and by earlier callers of this module.
from storyline.actors.resolver import NOT_NAMES, Resolver
from storyline.actors.sectors import (
    agents,
    foreign_bodies,
    titled_country_names,
    titled_out_of_role,
)
from storyline.actors.unknown import ner
from storyline.actors.untagged import untagged_surnames
from storyline.model import Actor, Article


def _run(r: Resolver) -> None:
    """The steps, strongest evidence first (see the module's docstring)."""
    gazetteer(r)
    foreign_bodies(r)
    ner(r)
    untagged_surnames(r)
    titled_out_of_role(r)
    agents(r)
    titled_country_names(r)
    bracketed_acronyms(r)
    state_bodies(r)
    heads_of_bodies(r)
    dateline_offices(r)
    coref(r)
    r.mentions.sort(key=lambda m: (m.start, m.end))


def resolve_article(article: Article, kb: KnowledgeBase) -> Article:
    if not article.tokens:
        article.mentions = []
        return article
    r = Resolver(article, kb)
    _run(r)
    article.mentions = r.mentions
    actors: dict[str, Actor] = {}
    for m in r.mentions:
        if m.place_only:
            continue
        actor = actors.get(m.actor_id)
        if actor is None:
            entry = kb.entries.get(m.actor_id)
            roles = list(entry.roles) if entry else []
            actor = Actor(
                m.actor_id,
                m.code if not entry else (entry.code or m.code),
                m.name,
                m.kind,
                m.country,
                [],
                roles,
                m.known,
            )
            actors[m.actor_id] = actor
        if m.text not in actor.aliases and m.rule not in NOT_NAMES:
            actor.aliases.append(m.text)
    article.actors = actors
    return article


def run(batch: list[Article], ctx: Any = None) -> list[Article]:
    kb = getattr(ctx, "kb", None) or load_kb()
    return [resolve_article(a, kb) for a in batch]


def keep_actors(article: Article, kb: KnowledgeBase | None = None) -> Article:
    """After events: a name the knowledge base does not know becomes an actor only when it
    acts -- it is a side of one of the article's events or speaks in one -- or when its title
    gives it a sector ("Syrian Foreign Minister Karim Zaydani").  The rest are names mentioned
    in passing (musicians in a concert listing, the author of a book): they stay in the text
    but are not actors to review.  Known actors are always kept."""
    used: set[str] = set()
    speakers: set[tuple[str, ...]] = set()
    for ev in article.events:
        for side in (ev.source, ev.target):
            if side is not None:
                used.add(side.actor_id)
        for em in ev.mentions:
            if em.speaker:
                speakers.add(key_tokens(em.speaker))
    keep: set[str] = set()
    for actor_id, actor in article.actors.items():
        # Whole words of the speaker's phrase ("a BP spokesman, Toby Odone"), never letters of
        # it: "W" or "IP" shouted in a comment does not speak because "Wright" did.
        speaks = any(
            _within(key_tokens(a), sp) or _within(sp, key_tokens(a))
            for a in actor.aliases
            for sp in speakers
        )
        # A title gives a sector ("Syrian Foreign Minister X": SYRGOV); a nationality alone
        # ("Belgian pianist X": BEL) says where someone is from, not that they act.
        # A title of no named country ("spokesman X": ---GOV) keeps nobody by itself either.
        titled = bool(actor.code) and len(actor.code) > 3 and not actor.code.startswith("---")
        if actor.known or actor_id in used or titled or speaks:
            keep.add(actor_id)
    article.mentions = [
        m for m in article.mentions if m.known or m.place_only or m.actor_id in keep
    ]
    article.actors = {k: v for k, v in article.actors.items() if k in keep}
    if kb is not None:
        # An actor another stage registered from an event's side alone ("VENGOV") carries what
        # the knowledge base says of it, as the same actor resolved here would: one row for it
        # whichever article is stored first.
        for actor_id, actor in article.actors.items():
            entry = kb.entries.get(actor_id)
            if entry is not None and actor.known:
                actor.name, actor.kind, actor.country = entry.name, entry.kind, entry.country
                actor.code = entry.code or actor.code
    return article


def _within(part: tuple[str, ...], whole: tuple[str, ...]) -> bool:
    n = len(part)
    return n > 0 and any(whole[i : i + n] == part for i in range(len(whole) - n + 1))


def keep_run(batch: list[Article], ctx: Any = None) -> list[Article]:
    kb = getattr(ctx, "kb", None) or load_kb()
    return [keep_actors(a, kb) for a in batch]
