"""Merge, claims, dyads and stories on hand-built events (no NLP needed)."""

from __future__ import annotations

from collections import Counter

from storyline.actors.kb import load_kb
from storyline.corpus import claims, dyads, merge, stories
from storyline.events.codes import lookup
from storyline.model import ActorRef, Event, EventMention, Location

TUR = ActorRef("TURGOV", "TURGOV", "Türkiye (government)")
SYR = ActorRef("SYRGOV", "SYRGOV", "Syria (government)")


def ev(
    mid: str,
    article: str,
    src: ActorRef,
    tgt: ActorRef,
    code: str,
    date: str | None,
    precision: str,
    polarity: str = "asserted",
    outlet: str | None = "Paper",
    speaker: str | None = None,
    reciprocal: bool = True,
    loc: Location | None = None,
) -> Event:
    return Event(
        event_id=mid,
        date=date,
        date_precision=precision,
        source=src,
        target=tgt,
        **lookup(code).event_fields(),
        polarity=polarity,
        location=loc,
        reciprocal=reciprocal,
        mentions=[EventMention(article, outlet, date, f"sentence {mid}", 0, 10, speaker, mid)],
    )


def test_merge_same_event_across_outlets_and_copies() -> None:
    moscow = Location("Moscow", "RUS", 55.7, 37.6)
    evs = [
        ev("m1", "a1", TUR, SYR, "044", "2022-12-28", "day", outlet="Paper A", loc=moscow),
        ev("m2", "a2", SYR, TUR, "040", "2022-12", "month", outlet="Paper B"),  # reversed, vaguer
        ev("m3", "a3", TUR, SYR, "044", None, "unknown", outlet="Paper C"),  # undated copy of a1
        ev("m4", "a4", TUR, SYR, "040", "2023-05-10", "day", outlet="Paper A"),  # another meeting
    ]
    merged = merge.run(
        evs,
        {"a1": "Paper A", "a2": "Paper B", "a3": "Paper C", "a4": "Paper A"},
        {"a1": "a1", "a3": "a1"},
    )
    first = next(e for e in merged if len(e.mentions) == 3)
    assert (first.date, first.date_precision, first.cameo) == ("2022-12-28", "day", "044")
    assert first.num_articles == 2  # a1 and its copy a3 count once
    # Paper C's copy counts under Paper A, the outlet of its earliest copy.
    assert first.num_outlets == 2 and first.location == moscow
    assert len(merged) == 2


def test_negated_and_asserted_do_not_merge_but_contradict() -> None:
    evs = merge.run(
        [
            ev("m1", "a1", TUR, SYR, "040", "2022-09-15", "day", outlet="Paper A"),
            ev(
                "m2",
                "a2",
                SYR,
                TUR,
                "040",
                "2022-09-23",
                "day",
                polarity="negated",
                outlet="Paper B",
                speaker="Faisal Mekdad",
            ),
        ],
        {"a1": "Paper A", "a2": "Paper B"},
    )
    assert len(evs) == 2
    cl = claims.run(evs)
    denial = next(c for c in cl if c.polarity == "negated")
    assert denial.speaker is not None and denial.speaker.name == "Faisal Mekdad"
    assert len(denial.contradicts) == 1 and "denied" in denial.contradicts[0].reason
    other = next(c for c in cl if c.claim_id == denial.contradicts[0].claim_id)
    assert other.polarity == "asserted" and other.contradicts[0].claim_id == denial.claim_id


def test_far_apart_dates_are_not_contradictions() -> None:
    evs = merge.run(
        [
            ev("m1", "a1", TUR, SYR, "040", "2020-01-15", "day"),
            ev("m2", "a2", SYR, TUR, "040", "2022-09-23", "day", polarity="negated", speaker="X"),
        ],
        {},
    )
    assert all(not c.contradicts for c in claims.run(evs))


def test_dyads_count_facts_only_and_reciprocal_both_ways() -> None:
    evs = [
        ev("m1", "a1", TUR, SYR, "040", "2022-12-28", "day"),
        ev("m2", "a2", TUR, SYR, "190", "2022-12-05", "day", reciprocal=False),
        ev("m3", "a3", TUR, SYR, "040", "2022-12-20", "day", polarity="negated"),
        ev("m4", "a4", TUR, SYR, "040", "2022", "year"),
    ]
    rows = {(r.a, r.b, r.period): r for r in dyads.run(evs)}
    ts = rows[("TUR", "SYR", "2022-12")]
    assert ts.events == 2 and ts.quad_counts == {"1": 1, "2": 0, "3": 0, "4": 1}
    assert ts.goldstein_sum == round(lookup("040").goldstein + lookup("190").goldstein, 2)
    assert rows[("SYR", "TUR", "2022-12")].events == 1


def test_story_per_main_country_pair() -> None:
    kb = load_kb()
    evs = [ev("m1", "a1", TUR, SYR, "040", "2022-12-28", "day")]
    counts = {
        "a1": Counter({"TUR": 3, "SYR": 2}),
        "a2": Counter({"SYR": 4, "TUR": 2, "RUS": 1}),
        "a3": Counter({"FRA": 2, "DEU": 2}),
    }
    out = stories.run(counts, evs, {}, kb, {"a1": "2022-12-29", "a2": "2023-01-02", "a3": None})
    assert len(out) == 2
    main = out[0]
    assert main.article_ids == ["a1", "a2"] and set(main.actors) == {"TUR", "SYR"}
    assert main.title.startswith(("Türkiye – Syria", "Syria – Türkiye")) and main.event_ids


def test_denied_contact_contradicts_other_contacts_reported_by_another_voice() -> None:
    tur_spy = ActorRef("TURSPY", "TURSPY", "Türkiye (intelligence)")
    syr_spy = ActorRef("SYRSPY", "SYRSPY", "Syria (intelligence)")
    syr_reb = ActorRef("SYRREB", "SYRREB", "Syria (rebels)")
    evs = merge.run(
        [
            ev("d1", "a1", SYR, TUR, "040", "2022-09-23", "day", "negated", speaker="Mekdad"),
            ev("d2", "a1", TUR, SYR, "040", "2022-09-23", "day", "negated", speaker="Kalin"),
            # Same article: Kalin qualifies his own denial; Mekdad's is contradicted by it.
            ev("c1", "a1", tur_spy, syr_spy, "060", "2022-09-24", "published", speaker="Kalin"),
            # Rebels meeting Turkish officers are no contact with Damascus.
            ev("c2", "a2", TUR, syr_reb, "040", "2022-09-20", "day"),
            # A fight is not contact.
            ev("c3", "a3", TUR, SYR, "190", "2022-09-20", "day", reciprocal=False),
        ],
        {},
    )
    cl = {c.text: c for c in claims.run(evs)}
    mekdad = cl["sentence d1"]
    assert [x.claim_id for x in mekdad.contradicts] == [cl["sentence c1"].claim_id]
    assert "material cooperation" in mekdad.contradicts[0].reason
    assert not cl["sentence d2"].contradicts


def test_an_event_belongs_to_one_story() -> None:
    """The story of its two sides among those whose articles report it; else the story of
    its earliest news report; a background report only when there is no news report."""
    pairs = {"s-ts": ("SYR", "TUR"), "s-tu": ("TUR", "USA"), "s-rt": ("RUS", "TUR")}
    # (article, its story, published, background)
    reports = [
        ("a1", "s-tu", "2022-01-01", False),  # first, but another pair's story
        ("a2", "s-ts", "2022-03-01", False),
        ("a3", None, "2021-12-01", False),  # an article in no story
    ]
    assert stories.event_story(("TURGOV", "SYRMIL"), reports, pairs) == "s-ts"
    assert stories.event_story(("TURGOV", "IRNGOV"), reports, pairs) == "s-tu"
    history = [("a4", "s-rt", "2020-01-01", True), ("a5", "s-tu", "2023-01-01", False)]
    assert stories.event_story(("TUR", "GRC"), history, pairs) == "s-tu"  # news first
    assert stories.event_story(("TUR", "GRC"), history[:1], pairs) == "s-rt"
    assert stories.event_story(("TUR", "GRC"), [("a3", None, None, False)], pairs) is None


def test_story_span_comes_from_news_not_history() -> None:
    kb = load_kb()
    news = ev("m1", "a1", TUR, SYR, "040", "2022-12-28", "day")
    past = ev("m2", "a1", TUR, SYR, "190", "1974", "year")
    past.mentions[0].background = True
    out = stories.run(
        {"a1": Counter({"TUR": 3, "SYR": 2})}, [news, past], {}, kb, {"a1": "2022-12-29"}
    )
    (story,) = out
    assert set(story.event_ids) == {news.event_id, past.event_id}
    assert story.background_event_ids == [past.event_id]
    assert story.start == "2022-12-28" and "1974" not in story.title
    assert story.conflict_share == 0.0  # the 1974 fight is background, not the story's news
