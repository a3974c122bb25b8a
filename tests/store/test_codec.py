"""A field of the model reaches every place a record goes, with no list of fields to edit: the
store, the corpus stages' merged events, the exports, Parquet (written and loaded back) and the
API.  The report fields the events stage fills (source_span, target_span, background) are the
case in point."""

from __future__ import annotations

import json
from pathlib import Path

from storyline import corpus, service
from storyline.events.codes import lookup
from storyline.model import ActorRef, Article, Event, EventMention, Span
from storyline.pipeline import Context
from storyline.store import Store, codec, export, parquet

SRC = ActorRef("TURGOV", "TURGOV", "Türkiye (government)")
TGT = ActorRef("SYRGOV", "SYRGOV", "Syria (government)")
TEXT = "Turkish and Syrian officials met in Moscow on Wednesday, ministers said."


def _article() -> Article:
    mention = EventMention(
        "a1",
        "Paper",
        "2022-12-28",
        TEXT,
        0,
        len(TEXT),
        None,
        "m1",
        "met",
        "meet",
        source_span=Span(start=0, end=7, text="Turkish"),
        target_span=Span(start=12, end=19, text="Syrian"),
        background=True,
    )
    ev = Event(
        event_id="m1",
        date="2022-12-28",
        date_precision="day",
        source=SRC,
        target=TGT,
        **lookup("044").event_fields(),
        reciprocal=True,
        mentions=[mention],
    )
    return Article(
        "a1", "a1.txt", TEXT, outlet="Paper", published="2022-12-28", published_how="header",
        published_precision="day", events=[ev],
    )  # fmt: skip


def test_report_fields_go_everywhere(tmp_path: Path) -> None:
    art = _article()
    want = art.events[0].mentions[0]
    # Parquet: written with the derived schema and read back as the same report.
    tables = parquet.tables([art], [], {"a1": 0})
    assert "source_span" in str(parquet.SCHEMAS["event_mentions"].field("mentions").type)
    (back,) = parquet.articles_from_tables(tables)
    assert back.events[0].record() == art.events[0].record()
    # The store, and the merged event the corpus update makes of the report.
    db = tmp_path / "s.db"
    with Store(db) as store:
        store.write_batch([back])
        corpus.update(store, Context())
        (ev,) = service.events_matching(store, service.EventFilter())
        got = ev.mentions[0]
        assert (got.source_span, got.target_span, got.background) == (
            want.source_span,
            want.target_span,
            True,
        )
        # The exports: JSON lines keep the objects, the flat formats keep them in `mentions`.
        (rec,) = export.records(store, "events")
        assert rec["mentions"][0]["source_span"] == {"start": 0, "end": 7, "text": "Turkish"}
        flat = export.flat_record("events", rec)
        assert json.loads(flat["mentions"])[0]["background"] is True
        assert service.event(store, ev.event_id) == ev


def test_a_record_missing_new_fields_gets_their_defaults() -> None:
    """Records written before a field existed (a stored JSON record, an old Parquet row with a
    null there) read back with the field's default."""
    old = {"article_id": "a1", "outlet": None, "published": None, "sentence": "s", "start": 0,
           "end": 1, "background": None}  # fmt: skip
    m = codec.decode(EventMention, old)
    assert (m.source_span, m.target_span, m.background) == (None, None, False)
