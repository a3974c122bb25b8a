"""Event stage: who did what to whom, when and where, from each sentence's dependency parse.

For each sentence: find triggers (verbs and nouns listed in the pattern data), take the roles
from the parse (subject, object, prepositional targets, passive agents, compounds), decide
polarity and modality from what governs the trigger (negation, "deny", modals, "plan to",
"if"), find the speaker of reported speech, resolve the date and place attached to the trigger,
and code it.  Every event keeps the sentence, its offsets and the pattern id as evidence.
The helpers live in parse, triggers, roles, modality and anchor; this module builds events.
"""

from __future__ import annotations

from typing import Any

from storyline.actors.kb import KnowledgeBase, load_kb
from storyline.events.anchor import AnchorMixin
from storyline.events.codes import lookup
from storyline.events.modality import Governance, ModalityMixin
from storyline.events.parse import unique
from storyline.events.patterns import PatternSet, load_patterns
from storyline.events.roles import actor_ref, country_mention, noun_roles
from storyline.events.roles import pairs as make_pairs
from storyline.events.triggers import Trigger, TriggersMixin
from storyline.ids import content_id
from storyline.model import Actor, ActorRef, Article, Event, EventMention, Location, Mention

PLACE_TARGET_ROOTS = {"17", "18", "19", "20"}


class _Sentence(ModalityMixin, TriggersMixin, AnchorMixin):
    """All parse helpers over one article."""


def _refine(
    code: str,
    loc: Location | None,
    src: ActorRef,
    tgt: ActorRef | None,
    src_m: Mention,
    tgt_m: Mention | None,
) -> str:
    """A meeting in a third country is CAMEO 044, whatever verb reported it."""
    if code == "040" and loc is not None and loc.country and tgt_m is not None:
        sides = {
            x
            for x in (
                (src_m.country or (src.code or "")[:3]),
                (tgt_m.country or (tgt.code or "")[:3] if tgt else ""),
            )
            if x
        }
        if len(sides) == 2 and loc.country not in sides:
            return "044"
    return code


def _absorb(trigs: list[Trigger], gov: dict[int, Governance], ps: PatternSet) -> None:
    """An appeal, intent, demand, refusal or threat about another event absorbs it.

    Only a generic outer code is refined ("pledge" 030 + cooperate -> 031); "invite" (036) stays.
    """
    for trig in trigs:
        outer = gov[trig.token.i].outer
        if outer is None or outer.pattern.kind != "verb":
            continue
        table = ps.compose.get(outer.code[:2])
        if table is None:
            continue
        trig.consumed = True
        outer.inner.append(trig)
        if trig.code[:2] in table and outer.code == outer.pattern.code and outer.code.endswith("0"):
            outer.code = table[trig.code[:2]]


def _roles(s: _Sentence, trig: Trigger) -> tuple[list[Mention], list[Mention]] | None:
    """Source and target mentions of a trigger; None when it is not an event here."""
    if trig.pattern.kind == "verb":
        sources, passive, _ = s.subjects(trig.token)
        targets = s.targets(trig.token, trig.pattern, trig.obj)
        if passive:
            sources, targets = s.agent_of_passive(trig.token), sources
        for inner in trig.inner:
            if targets:
                break
            targets = s.targets(inner.token, inner.pattern, inner.obj)
        return sources, targets
    sources, targets = noun_roles(s, trig)
    light = s.toks[trig.token.head]
    if (
        trig.token.dep in {"dobj", "nsubjpass"}
        and light.pos in {"VERB", "AUX"}
        and (not targets or not sources)
    ):
        # "Kalin denied contact with Damascus": the light verb's subject is a party.
        subj, _, _ = s.subjects(light)
        sources = unique(subj + [m for m in sources if m not in subj])
    if not sources and not targets:
        return None
    # A noun with one side and no target is background ("the Astana process"), not an event.
    if not targets and len(sources) < 2 and not trig.pattern.no_target:
        return None
    return sources, targets


def _trigger_text(article: Article, trig: Trigger) -> str:
    if trig.obj is None:
        return trig.token.text
    lo, hi = min(trig.token.idx, trig.obj.idx), max(trig.token.end, trig.obj.end)
    return article.text[lo:hi]


def _confidence(src_m: Mention, tgt_m: Mention | None, trig: Trigger, speaker: str | None) -> float:
    """Known actors on both sides raise it; a nominal trigger or second-hand report lowers it."""
    c = 0.55 + (0.15 if src_m.known else 0) + (0.15 if tgt_m is not None and tgt_m.known else 0)
    c -= 0.15 if trig.pattern.kind == "noun" else 0
    c -= 0.05 if speaker else 0
    return round(max(0.05, min(0.99, c)), 2)


def extract_article(article: Article, kb: KnowledgeBase, ps: PatternSet) -> list[Event]:
    if not article.tokens:
        return []
    s = _Sentence(article, kb, ps)
    events: list[Event] = []
    seen: set[tuple[Any, ...]] = set()
    for sent in article.sentences:
        trigs = s.triggers(sent.token_start, sent.token_end)
        trig_by_tok = {t.token.i: t for t in trigs}
        gov = {t.token.i: s.governance(t, trig_by_tok) for t in trigs}
        _absorb(trigs, gov, ps)
        for trig in trigs:
            roles = None if trig.consumed else _roles(s, trig)
            if roles is None:
                continue
            sources, targets = roles
            g = gov[trig.token.i]
            anchors = s.anchors(trig, g)
            countries = {m.country for m in [*sources, *targets] if m.country}
            loc = s.where(anchors, sent.token_start, sent.token_end, countries)
            # "jets bombed villages in Iraq": force used on a place is used on its country.
            if (
                not targets
                and sources
                and trig.code[:2] in PLACE_TARGET_ROOTS
                and loc
                and loc.country
                and all(m.country != loc.country for m in sources)
            ):
                targets = [country_mention(kb, loc.country, sent.index)]
            pairs = make_pairs(sources, targets, trig.pattern.reciprocal)
            if not pairs:
                continue
            date, precision, date_text = s.when(anchors, sent.token_start, sent.token_end)
            speaker = s.speaker(trig.token)
            when = date if precision != "unknown" else article.published
            for src_m, tgt_m in pairs:
                if tgt_m is None and not trig.pattern.no_target:
                    continue
                src = actor_ref(kb, src_m, when)
                tgt = actor_ref(kb, tgt_m, when) if tgt_m is not None else None
                if (src.code is None and (tgt is None or tgt.code is None)) or (
                    tgt is not None and src.actor_id == tgt.actor_id
                ):
                    continue
                code = trig.code
                if tgt is not None and tgt.code and trig.pattern.target_code:
                    code = dict(trig.pattern.target_code).get(tgt.code[3:6], code)
                code = _refine(code, loc, src, tgt, src_m, tgt_m)
                key = (sent.index, code, src.actor_id, tgt.actor_id if tgt else None, g.polarity)
                if key in seen:
                    continue
                seen.add(key)
                mention_id = content_id(
                    article.article_id,
                    str(sent.start),
                    str(trig.token.idx),
                    code,
                    src.actor_id,
                    tgt.actor_id if tgt else "",
                )
                mention = EventMention(
                    article_id=article.article_id,
                    outlet=article.outlet,
                    published=article.published,
                    sentence=article.text[sent.start : sent.end],
                    start=sent.start,
                    end=sent.end,
                    speaker=speaker,
                    mention_id=mention_id,
                    trigger=_trigger_text(article, trig),
                    pattern=trig.pattern.id,
                )
                events.append(
                    Event(
                        event_id=mention_id,
                        date=date,
                        date_precision=precision,
                        source=src,
                        **lookup(code).event_fields(),
                        target=tgt,
                        polarity=g.polarity,
                        modality=g.modality,
                        location=loc,
                        mentions=[mention],
                        confidence=_confidence(src_m, tgt_m, trig, speaker),
                        date_text=date_text,
                        reciprocal=trig.pattern.reciprocal and tgt is not None,
                    )
                )
    return events


def run(batch: list[Article], ctx: Any = None) -> list[Article]:
    kb = getattr(ctx, "kb", None) or load_kb()
    ps = getattr(ctx, "patterns", None) or load_patterns()
    for article in batch:
        article.events = extract_article(article, kb, ps)
        _register_actors(article)
    return batch


def _register_actors(article: Article) -> None:
    """Actors that appear only as event parties still need an actor record."""
    for ev in article.events:
        for ref in (ev.source, ev.target):
            if ref is not None and ref.actor_id not in article.actors:
                article.actors[ref.actor_id] = Actor(ref.actor_id, ref.code, ref.name, "group")
