"""Claims stage: who said what, and where sources contradict each other.

A claim is a report attributed to someone: an event stated by a speaker ("X said Y met Z"), a
statement event itself (appeals, demands, accusations, rejections, threats), or a denial.  Two
claims contradict when one asserts and the other denies the same kind of event between the same
sides within overlapping dates; both are cited, with a one-line reason.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from storyline.corpus import figures
from storyline.corpus.dyads import side
from storyline.corpus.merge import NEW_EVENTS, REMOVED, interval
from storyline.corpus.stage import Changes, Stage, Step
from storyline.events.codes import lookup
from storyline.ids import content_id
from storyline.model import ActorRef, Claim, Contradiction, Event
from storyline.pipeline import Context
from storyline.store import Store

STATEMENT_ROOTS = {"01", "02", "10", "11", "12", "13"}
CONTRADICTION_SLACK_DAYS = 45  # a denial answers reports from around the same weeks
# Contact between two sides: consultations, diplomatic and material cooperation.  Denying
# "contacts" is answered by a report of any of them (intelligence chiefs meeting, talks).
CONTACT_ROOTS = {"04", "05", "06"}
NON_STATE = {"REB", "OPP", "INS", "REF", "CVL", "NGO"}  # sectors that do not speak for a state


def denies(denied_root: str, reported_root: str) -> bool:
    """Whether denying one kind of event is answered by a report of another."""
    if denied_root == reported_root:
        return True
    return denied_root in CONTACT_ROOTS and reported_root in CONTACT_ROOTS


SpeakerOf = Callable[[str], ActorRef | None]


def _speaker(ev: Event, name: str | None, speaker_of: SpeakerOf) -> ActorRef | None:
    if name is None:
        return ev.source if ev.root in STATEMENT_ROOTS or ev.polarity == "negated" else None
    if ev.source and ev.source.name == name:
        return ev.source
    return speaker_of(name) or ActorRef("", None, name)


def mention_claims(ev: Event, speaker_of: SpeakerOf) -> list[tuple[Claim, bool]]:
    """Each report of an event as a claim, and whether it stands as one on its own (it has a
    speaker or is a denial); the others are facts a denial may be contradicted by."""
    out = []
    for m in ev.mentions:
        speaker = _speaker(ev, m.speaker, speaker_of)
        claim = Claim(
            claim_id=content_id("claim", m.mention_id),
            speaker=speaker,
            text=m.sentence,
            event_id=ev.event_id,
            polarity=ev.polarity,
            article_id=m.article_id,
            date=ev.date,
            outlet=m.outlet,
            start=m.start,
            end=m.end,
        )
        out.append((claim, speaker is not None or ev.polarity == "negated"))
    return out


def sides_key(ev: Event) -> str:
    """Denials are only ever set against reports with the same sides: the partition key."""
    return "|".join(f"{c}:{int(state)}" for c, state in sorted(_sides(ev)))


def event_claims(events: Iterable[Event], speaker_of: SpeakerOf) -> list[Claim]:
    """The claims of a set of events, with the denial contradictions among them.

    Contradictions only link events with the same sides, so passing one ``sides_key`` partition
    at a time gives the same links as passing everything.
    """
    claims: list[Claim] = []
    facts: list[tuple[Claim, Event]] = []
    for ev in events:
        for claim, is_claim in mention_claims(ev, speaker_of):
            if is_claim:
                claims.append(claim)
            facts.append((claim, ev))
    by_id = {c.claim_id: c for c in claims}
    # Denials against assertions of the same kind of event between the same sides.
    denials = [(c, e) for c, e in facts if e.polarity == "negated" and c.claim_id in by_id]
    for denial, dev in denials:
        d_sides = _sides(dev)
        d_iv = interval(dev.date, dev.date_precision)
        if not d_sides or d_iv is None:
            continue  # a denial with no known sides or date cannot be set against anything
        for other, oev in facts:
            if oev.polarity != "asserted" or oev.modality != "fact":
                continue
            if not denies(dev.root, oev.root) or _sides(oev) != d_sides:
                continue
            if other.article_id == denial.article_id and _same_speaker(denial, other):
                continue  # one voice in one article qualifying itself ("no talks, but ...")
            o_iv = interval(oev.date, oev.date_precision)
            if o_iv is None:
                continue
            if abs((o_iv[0] - d_iv[0]).days) > CONTRADICTION_SLACK_DAYS and not (
                o_iv[0] <= d_iv[1] and d_iv[0] <= o_iv[1]
            ):
                continue
            if other.claim_id not in by_id:
                claims.append(other)
                by_id[other.claim_id] = other
            who = denial.speaker.name if denial.speaker else (denial.outlet or "a source")
            reporter = (
                (other.speaker.name if other.speaker else None) or other.outlet or "another report"
            )
            pair = " and ".join(sorted({x[0] for x in d_sides}))
            what = "it" if oev.root == dev.root else _kind(oev)
            reason = (
                f"{who} denied {_kind(dev)} between {pair} "
                f"({dev.date or 'undated'}); {reporter} reported {what} ({oev.date or 'undated'})"
            )
            if all(x.claim_id != other.claim_id for x in denial.contradicts):
                denial.contradicts.append(Contradiction(other.claim_id, reason))
            if all(x.claim_id != denial.claim_id for x in other.contradicts):
                other.contradicts.append(Contradiction(denial.claim_id, reason))
    return claims


def run(
    events: Iterable[Event],
    figure_claims: Sequence[Claim] = (),
    name: Callable[[str], str] = str,
    speaker_of: SpeakerOf | None = None,
) -> list[Claim]:
    """Claims of the events, plus ``figure_claims`` (figures.py) with their contradictions.

    ``speaker_of``: a speaker's name -> the actor it names (default: a side of any of the events
    with that name).
    """
    events = list(events)
    if speaker_of is None:
        refs = {r.name: r for e in events for r in (e.source, e.target) if r is not None}
        speaker_of = refs.get
    claims = event_claims(events, speaker_of)
    figs = [dataclasses.replace(c, contradicts=list(c.contradicts)) for c in figure_claims]
    figures.contradict(figs, name)
    claims.extend(figs)
    return claims


ROOT_NAMES = {"04": "contact", "05": "diplomatic cooperation", "06": "material cooperation"}


def _kind(ev: Event) -> str:
    return ROOT_NAMES.get(ev.root) or ev.plover.lower() or lookup(ev.cameo).name.lower()


def _same_speaker(a: Claim, b: Claim) -> bool:
    na = a.speaker.name if a.speaker else None
    nb = b.speaker.name if b.speaker else None
    return na == nb


def _sides(ev: Event) -> frozenset[tuple[str, bool]]:
    """Each side's country and whether it speaks for the state (rebels do not)."""
    out = set()
    for ref in (ev.source, ev.target):
        code = ref.code if ref else None
        country = side(code)
        if country:
            out.add((country, (code or "")[3:6] not in NON_STATE))
    return frozenset(out)


# ---- the corpus stage ----------------------------------------------------------------------------
SIDES = "claims.sides"  # sides partitions the update's old and new events are in
NEGATED = "claims.negated"  # those holding a denial (before or now)


def _begin(store: Store, changes: Changes) -> None:
    if changes.full:
        store.claims.clear()


def _speakers(store: Store, events: Iterable[Event]) -> dict[str, ActorRef | None]:
    """The actors the reports' speakers name (what ``event_claims`` looks up)."""
    names = {m.speaker for e in events for m in e.mentions if m.speaker}
    return {n: store.actors.ref_named(n) for n in sorted(names)}


# Events: the claims of each new event, none for a removed one, and each event's sides.
EventInput = tuple[Event | None, Event | None, dict[str, ActorRef | None]]


def _events_touched(store: Store, changes: Changes) -> list[str]:
    return sorted(changes.map(REMOVED).keys() | changes.set(NEW_EVENTS))


def _events_read(store: Store, ids: list[str], changes: Changes) -> list[EventInput]:
    now = store.events.by_ids(ids)
    speakers = _speakers(store, now.values())
    removed = changes.map(REMOVED)
    return [(now.get(e), removed.get(e), speakers) for e in ids]


def event_partition(event_id: str, data: EventInput, ctx: Context) -> Any:
    """An event's claims (as if its sides had no denial: the next step redoes those), its sides
    now and before, and whether either is a denial."""
    ev, old, speakers = data
    found = event_claims([ev], speakers.get) if ev is not None else []
    sides = [(sides_key(e), e.polarity == "negated") for e in (ev, old) if e is not None]
    return found, sides_key(ev) if ev is not None else None, sides


def _events_write(store: Store, results: list[tuple[str, Any]], changes: Changes) -> None:
    store.claims.delete_of_events([e for e, _r in results])
    store.claims.insert((c, None) for _e, (found, _s, _a) in results for c in found)
    store.events.set_keys("sides", {e: s for e, (_f, s, _a) in results if s is not None})
    for _e, (_f, _s, sides) in results:
        for part, negated in sides:
            changes.set(SIDES).add(part)
            if negated:
                changes.set(NEGATED).add(part)


# Denials: a sides partition with a denial (now or before) is redone whole.
def _denials_touched(store: Store, changes: Changes) -> Iterator[str]:
    for part in sorted(changes.set(SIDES)):
        if part in changes.set(NEGATED) or store.events.has_denial(part):
            yield part


def _denials_read(store: Store, parts: list[str], changes: Changes) -> list[Any]:
    out = []
    for part in parts:
        events = store.events.with_sides(part)
        out.append((events, _speakers(store, events)))
    return out


def denial_partition(sides: str, data: Any, ctx: Context) -> tuple[list[str], list[Claim]]:
    """One sides partition's claims with the contradictions between them."""
    events, speakers = data
    return [e.event_id for e in events], event_claims(events, speakers.get)


def _denials_write(store: Store, results: list[tuple[str, Any]], changes: Changes) -> None:
    for _part, (event_ids, found) in results:
        store.claims.delete_of_events(event_ids)
        store.claims.insert((c, None) for c in found)
    changes.count("claims.denial_partitions", len(results))


STAGE = Stage(
    "claims",
    (
        Step("events", _events_touched, _events_read, event_partition, _events_write),
        Step("denials", _denials_touched, _denials_read, denial_partition, _denials_write, 16),
    ),
    begin=_begin,
)
