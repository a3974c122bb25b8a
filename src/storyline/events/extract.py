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
from storyline.events.triggers import TriggersMixin
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


def extract_article(article: Article, kb: KnowledgeBase, ps: PatternSet) -> list[Event]:
    if not article.tokens:
        return []
    s = _Sentence(article, kb, ps)
    events: list[Event] = []
    seen_keys: set[tuple[Any, ...]] = set()
    for sent in article.sentences:
        trigs = s.triggers(sent.token_start, sent.token_end)
        if not trigs:
            continue
        trig_by_tok = {t.token.i: t for t in trigs}
        gov: dict[int, Governance] = {}
        for trig in trigs:
            gov[trig.token.i] = s.governance(trig, trig_by_tok)
        # An appeal, intent, demand, refusal or threat about another event absorbs it.
        for trig in trigs:
            outer = gov[trig.token.i].outer
            if outer is None or outer.pattern.kind != "verb":
                continue
            table = ps.compose.get(outer.code[:2])
            if table is None:
                continue
            trig.consumed = True
            outer.inner.append(trig)
            # Only a generic outer code is refined ("pledge" 030 -> 031); "invite" (036) stays.
            if (
                trig.code[:2] in table
                and outer.code == outer.pattern.code
                and outer.code.endswith("0")
            ):
                outer.code = table[trig.code[:2]]
        sentence_text = article.text[sent.start : sent.end]
        for trig in trigs:
            if trig.consumed:
                continue
            g = gov[trig.token.i]
            polarity, modality = g.polarity, g.modality
            if trig.pattern.kind == "verb":
                sources, passive, _subj_tok = s.subjects(trig.token)
                targets = s.targets(trig.token, trig.pattern, trig.obj)
                if passive:
                    sources, targets = s.agent_of_passive(trig.token), sources
                if not targets:
                    for inner in trig.inner:
                        targets = s.targets(inner.token, inner.pattern, inner.obj)
                        if targets:
                            break
            else:
                sources, targets = noun_roles(s, trig)
                light = s.toks[trig.token.head]
                if (
                    trig.token.dep in {"dobj", "nsubjpass"}
                    and light.pos in {"VERB", "AUX"}
                    and (len(sources) < 2 or not targets)
                ):
                    # "Kalin denied contact with Damascus": the verb's subject is a party.
                    subj, _, _ = s.subjects(light)
                    sources = (
                        unique(subj + [m for m in sources if m not in subj])
                        if not targets or not sources
                        else sources
                    )
                if not sources and not targets:
                    continue
                # A noun with only one side and no light verb is background ("the Astana process").
                if not targets and len(sources) < 2 and not trig.pattern.no_target:
                    continue
            reciprocal = trig.pattern.reciprocal
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
            pairs = make_pairs(sources, targets, reciprocal)
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
                if src.code is None and (tgt is None or tgt.code is None):
                    continue
                if tgt is not None and src.actor_id == tgt.actor_id:
                    continue
                code = trig.code
                if tgt is not None and tgt.code and trig.pattern.target_code:
                    code = dict(trig.pattern.target_code).get(tgt.code[3:6], code)
                code = _refine(code, loc, src, tgt, src_m, tgt_m)
                key = (sent.index, code, src.actor_id, tgt.actor_id if tgt else None, polarity)
                if key in seen_keys:
                    continue
                seen_keys.add(key)
                info = lookup(code)
                confidence = (
                    0.55
                    + (0.15 if src_m.known else 0)
                    + (0.15 if tgt_m is not None and tgt_m.known else 0)
                )
                confidence -= 0.15 if trig.pattern.kind == "noun" else 0
                confidence -= 0.05 if speaker else 0
                mention_id = content_id(
                    article.article_id,
                    str(sent.start),
                    str(trig.token.idx),
                    code,
                    src.actor_id,
                    tgt.actor_id if tgt else "",
                )
                events.append(
                    Event(
                        event_id=mention_id,
                        date=date if precision != "unknown" else None,
                        date_precision=precision,
                        source=src,
                        target=tgt,
                        cameo=info.code,
                        root=info.root,
                        quad_class=info.quad_class,
                        goldstein=info.goldstein,
                        plover=info.plover,
                        plover_mode=info.plover_mode,
                        polarity=polarity,
                        modality=modality,
                        location=loc,
                        mentions=[
                            EventMention(
                                article_id=article.article_id,
                                outlet=article.outlet,
                                published=article.published,
                                sentence=sentence_text,
                                start=sent.start,
                                end=sent.end,
                                speaker=speaker,
                                mention_id=mention_id,
                                trigger=trig.token.text
                                if trig.obj is None
                                else article.text[
                                    min(trig.token.idx, trig.obj.idx) : max(
                                        trig.token.end, trig.obj.end
                                    )
                                ],
                                pattern=trig.pattern.id,
                            )
                        ],
                        confidence=round(max(0.05, min(0.99, confidence)), 2),
                        quad_class_phoenix=info.quad_class_phoenix,
                        date_text=date_text,
                        reciprocal=reciprocal and tgt is not None,
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
