"""The incremental corpus update gives exactly what a full recompute gives.

Articles arrive one at a time (each ingest updates only the partitions it touches: merge keys,
sides, figure quantities, stories, dyad rows); the store must then hold the same merged events,
claims and contradictions, stories and dyads as recomputing everything from scratch, and as
ingesting everything in one go.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from storyline import corpus
from storyline.corpus import stories
from storyline.engines import local
from storyline.store import Store

from .conftest import SAMPLE, SEEDS


def snapshot(db: Path) -> dict[str, Any]:
    con = sqlite3.connect(db)

    def rows(q: str) -> list[tuple[Any, ...]]:
        return sorted(tuple(r) for r in con.execute(q))

    def claims() -> list[tuple[Any, ...]]:
        out = []
        for cid, eid, key, rec in con.execute(
            "SELECT claim_id, event_id, figure_key, record FROM claims"
        ):
            d = json.loads(rec)
            # The order links were found in is not part of the result.
            d["contradicts"] = sorted((c["claim_id"], c["reason"]) for c in d["contradicts"])
            out.append((cid, eid, key, json.dumps(d, sort_keys=True)))
        return sorted(out)

    snap = {
        "events": rows("SELECT * FROM events"),
        "mentions": rows("SELECT mention_id, article_id, event_id, merge_key FROM event_mentions"),
        "articles": rows(
            "SELECT article_id, story_id, dup_group, published, published_precision, "
            "published_how FROM articles"
        ),
        "stories": rows("SELECT * FROM stories"),
        "claims": claims(),
        "dyads": rows("SELECT * FROM dyads"),
        "near": rows("SELECT a, b, similarity FROM near_duplicates"),
    }
    con.close()
    return snap


TEXT_STORIES = Path(__file__).parent / "data" / "text-stories"


def _inputs() -> list[Path]:
    files = sorted(p for p in SAMPLE.iterdir() if p.is_file())
    files += sorted(TEXT_STORIES.iterdir())  # unpaired articles, placed by their text
    if SEEDS.is_dir():  # the real articles add copies, a denial and conflicting figures
        files += sorted(p for p in SEEDS.iterdir() if p.is_file())
    return files


@pytest.fixture(scope="module")
def one_at_a_time(tmp_path_factory: pytest.TempPathFactory, ctx) -> Path:
    db = tmp_path_factory.mktemp("inc") / "inc.db"
    with Store(db) as store:
        # Later files first: copies and re-dated articles arrive after what they copy.
        for path in reversed(_inputs()):
            local.ingest([str(path)], store, ctx)
    return db


def test_incremental_update_equals_full_recompute(one_at_a_time: Path, tmp_path: Path, ctx) -> None:
    full = tmp_path / "full.db"
    shutil.copyfile(one_at_a_time, full)
    with Store(full) as store:
        report = corpus.update(store, ctx, full=True)
    assert report.full and report.counts["merge.events"] > 0
    inc, again = snapshot(one_at_a_time), snapshot(full)
    assert inc["events"] and inc["stories"] and inc["claims"] and inc["dyads"]
    for table in inc:
        assert inc[table] == again[table], table


def test_incremental_update_equals_ingesting_everything_at_once(
    one_at_a_time: Path, tmp_path: Path, ctx
) -> None:
    db = tmp_path / "all.db"
    with Store(db) as store:
        local.ingest([str(p) for p in _inputs()], store, ctx)
    inc, once = snapshot(one_at_a_time), snapshot(db)
    for table in inc:
        assert inc[table] == once[table], table


def test_one_more_article_recomputes_only_what_it_touches(
    one_at_a_time: Path, tmp_path: Path, ctx
) -> None:
    db = tmp_path / "more.db"
    shutil.copyfile(one_at_a_time, db)
    text = (
        "Title: Envoys meet again\nDate: 2023-05-10\n\n"
        "Turkish Foreign Minister Mevlut Cavusoglu met Syrian Foreign Minister Faisal Mekdad "
        "in Moscow on Wednesday, the ministry said."
    )
    new = tmp_path / "more.txt"
    new.write_text(text, encoding="utf-8")
    with Store(db) as store:
        events = store.count("events")
        report = local.ingest([str(new)], store, ctx)
        assert report.new == 1
        up = corpus.update(store, ctx)  # nothing new: nothing recomputed
        assert not up.full and up.counts["merge.events"] == 0
        # Only the provisional actors' one partition is looked at again (merged, then named
        # from all their mentions); nothing else.
        touched = {k: n for k, n in up.partitions.items() if n}
        assert touched == {"actors.merge": 1, "actors.canonical": 1}
        assert store.count("events") >= events
    # ... and still what a full recompute gives.
    full = tmp_path / "more-full.db"
    shutil.copyfile(db, full)
    with Store(full) as store:
        corpus.update(store, ctx, full=True)
    assert snapshot(db) == snapshot(full)


def test_a_store_from_before_partition_keys_is_recomputed_once(
    one_at_a_time: Path, tmp_path: Path, ctx
) -> None:
    db = tmp_path / "old.db"
    shutil.copyfile(one_at_a_time, db)
    con = sqlite3.connect(db)
    con.execute("UPDATE event_mentions SET merge_key = NULL")
    con.execute("DELETE FROM meta WHERE key = 'corpus_scheme'")
    con.commit()
    con.close()
    with Store(db) as store:
        assert corpus.update(store, ctx).full
        assert not corpus.update(store, ctx).full
    assert snapshot(db) == snapshot(one_at_a_time)


def test_unpaired_articles_are_placed_by_their_text(one_at_a_time: Path) -> None:
    con = sqlite3.connect(one_at_a_time)
    placed = {
        Path(path).name: (story, how)
        for path, story, how in con.execute("SELECT path, story_id, story_how FROM articles")
        if str(TEXT_STORIES) in path
    }
    kinds = {
        sid: json.loads(rec)["kind"]
        for sid, rec in con.execute("SELECT story_id, record FROM stories")
    }
    con.close()
    talks, convoys = placed["a-relief-talks.txt"], placed["b-relief-convoys.txt"]
    # Ankara and Damascus officials meeting: a pair story; the convoys (Syria only) join it.
    assert talks[1] == "pair" and convoys == (talks[0], "text") and kinds[talks[0]] == "pair"
    # Two reports of a mill fire (no country): a story of their own.
    fire, follow_up = placed["c-mill-fire.txt"], placed["d-mill-fire-follow-up.txt"]
    assert fire == follow_up and fire[1] == "text" and kinds[fire[0]] == "text"
    # Nothing like the chess result that week; the undated note is not placed by text.
    assert placed["e-chess.txt"] == (None, None)
    assert placed["f-mill-undated.txt"] == (None, None)


def test_text_placement_respects_the_country_an_article_names() -> None:
    relief = "aid convoys with tents and blankets crossed the border crossing for quake survivors"
    paired = [("p1", relief + " after officials met", ("SYR", "TUR"), "story-tur-syr")]
    unpaired = [("u1", relief + " on Wednesday", "SYR"), ("u2", relief + " on Thursday", "GRC")]
    out = stories.place_by_text(unpaired, paired, [relief, relief, relief, "a chess final"])
    assert out["u1"] == ("story-tur-syr", "text")
    assert out["u2"] is None  # about Greece: not the Türkiye–Syria story, and alone
