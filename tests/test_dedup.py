from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

from storyline import corpus
from storyline.corpus import duplicates as dedup
from storyline.corpus import merge, minhash
from storyline.corpus import passages as align
from storyline.engines import local
from storyline.events.codes import lookup
from storyline.model import ActorRef, Article, Event, EventMention
from storyline.pipeline import Context
from storyline.store import Store, schema
from tests.conftest import run_cli

P1 = (
    "The defence ministers of the two neighbouring countries met in the capital on Wednesday for "
    "the first talks at that level in more than a decade, officials from both sides said afterwards."
)
P2 = (
    "Both delegations described the discussions as constructive and agreed to keep meeting in the "
    "same format, with deputy ministers tasked with preparing a roadmap for the coming months."
)
P3 = (
    "The host government said it would continue to encourage contacts, while opposition groups in "
    "the border regions staged protests against any rapprochement between the former adversaries."
)
OWN_A = (
    "Analysts in the region cautioned that the process would be slow, given the years of hostility "
    "and the many armed groups still active along the frontier between the two states today."
)
OWN_B = (
    "Refugee organisations asked for guarantees that any returns would be voluntary and safe, "
    "pointing to reports of arrests of returnees in several provinces over the past year."
)
OTHER = (
    "Wheat prices rose sharply on Tuesday after heavy rains delayed the harvest across the plains, "
    "traders said, adding that export contracts for the next quarter were being renegotiated."
)


def _index(*docs: tuple[str, str]) -> minhash.Index:
    idx = minhash.Index()
    for aid, text in docs:
        idx.add(minhash.sign(aid, text))
    return idx


def test_partial_copy_found_through_shared_paragraphs() -> None:
    original = "\n\n".join([P1, P2, P3, OWN_A])
    copy = "\n\n".join([P1, OWN_B, P3, P2])  # one paragraph dropped, one added, order changed
    idx = _index(("orig", original))
    pairs = dedup.find_pairs(minhash.sign("copy", copy), idx)
    assert [p[0] for p in pairs] == ["orig"]
    passages = pairs[0][2]
    assert len(passages) == 3
    for p in passages:
        assert copy[p["start"] : p["end"]] == original[p["other_start"] : p["other_end"]]


def test_exact_copy_and_unrelated_text() -> None:
    text = "\n\n".join([P1, P2])
    idx = _index(("a", text), ("b", OTHER))
    pairs = dedup.find_pairs(minhash.sign("c", text.replace("  ", " ") + "\n"), idx)
    assert [(p[0], p[1]) for p in pairs] == [("a", 1.0)]
    assert dedup.find_pairs(minhash.sign("d", "\n\n".join([OWN_A, OWN_B])), idx) == []


def test_one_shared_background_paragraph_is_not_a_copy() -> None:
    idx = _index(("a", "\n\n".join([P1, OWN_A, OTHER])))
    assert dedup.find_pairs(minhash.sign("b", "\n\n".join([P1, OWN_B, P3, P2])), idx) == []


def test_groups_canonical_copy_and_date_window() -> None:
    meta = {
        "a": {"published": "2022-12-29", "n": 900, "published_how": "header"},
        "b": {"published": None, "n": 1200, "published_how": "none"},
        "c": {"published": "2022-12-30", "n": 800, "published_how": "header"},
    }
    group_of = dedup.groups([("a", "b"), ("b", "c")], meta)
    assert set(group_of.values()) == {"a"}  # the earliest dated copy is canonical
    assert dedup.group_dates(group_of, meta) == {"b": ("2022-12", "month")}
    meta["c"]["published"] = "2022-12-29"
    assert dedup.group_dates(group_of, meta) == {"b": ("2022-12-29", "day")}


def test_signatures_round_trip() -> None:
    s = minhash.sign("a", P1)
    assert s.doc is not None
    assert minhash.from_bytes(minhash.to_bytes(s.doc)).jaccard(s.doc) == 1.0


def test_incremental_run_matches_one_pass() -> None:
    original = "\n\n".join([P1, P2, P3, OWN_A])
    copy = "\n\n".join([P1, OWN_B, P3, P2])
    meta = {
        "orig": {"published": "2022-12-29", "n": len(original)},
        "copy": {"published": None, "n": len(copy)},
        "other": {"published": "2022-01-01", "n": len(OTHER)},
    }
    one = dedup.run(
        [("orig", original), ("other", OTHER), ("copy", copy)], minhash.Index(), [], meta
    )
    first = dedup.run([("orig", original), ("other", OTHER)], minhash.Index(), [], meta)
    index = minhash.load_index(
        first.document_rows, first.paragraph_rows, {k: int(v["n"]) for k, v in meta.items()}
    )
    second = dedup.run([("copy", copy)], index, [(a, b) for a, b, _, _ in first.new_pairs], meta)
    assert (
        [(a, b) for a, b, _, _ in second.new_pairs]
        == [(a, b) for a, b, _, _ in one.new_pairs]
        == [("copy", "orig")]
    )
    assert second.group_of == one.group_of == {"copy": "orig", "orig": "orig"}
    assert second.dates == one.dates == {"copy": ("2022-12-29", "day")}
    # Passages are stored from the first article's side.
    ((_, _, _, passages),) = second.new_pairs
    assert all(
        copy[p["start"] : p["end"]] == original[p["other_start"] : p["other_end"]] for p in passages
    )


# ---- with the texts at hand: exact copies, aligned passages, templates ------------------------------
P4 = (
    "Shipping through the northern crossing resumed on Thursday after a week-long closure, and "
    "customs officers said lorries carrying grain and fuel were the first to be let through."
)


def _signed_index(*docs: tuple[str, str]) -> minhash.Index:
    idx = minhash.Index()
    for aid, text in docs:
        idx.add(minhash.sign(aid, text), text)
    return idx


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def test_exact_copy_is_found_by_hash_with_the_whole_text_shared() -> None:
    text = "\n\n".join([P1, P2, P3])
    copy = "  " + text.upper().replace("\n\n", "\n\n\n").replace(" ", "  ") + "\n"
    assert minhash.text_hash(copy) == minhash.text_hash(text)
    ((other, sim, passages),) = dedup.find_pairs(
        minhash.sign("c", copy), _signed_index(("a", text)), copy
    )
    assert (other, sim) == ("a", 1.0)
    shared = [w for p in passages for w in _words(copy[p["start"] : p["end"]])]
    assert shared == _words(text)


def test_short_exact_copies_are_found_but_short_near_copies_are_not() -> None:
    notice = "Quarterly dividend ten cents a share, payable April 30 to holders of record April 15."
    other = notice.replace("April 30", "May 29")
    idx = _signed_index(("a", notice))
    assert [p[0] for p in dedup.find_pairs(minhash.sign("b", notice.lower()), idx, notice)] == ["a"]
    assert dedup.find_pairs(minhash.sign("c", other), idx, other) == []


def test_partial_copy_passages_are_the_same_words_on_both_sides() -> None:
    original = "\n\n".join([P1, P2, P3, OWN_A])
    # Paragraphs dropped, added and moved; a few words changed inside a kept one.
    edited_p2 = P2.replace("described the discussions as", "called the discussions")
    copy = "\n\n".join([OWN_B, P3, P1, P4, edited_p2])
    ((other, sim, passages),) = dedup.find_pairs(
        minhash.sign("copy", copy), _signed_index(("orig", original)), copy
    )
    assert other == "orig" and sim < minhash.DOCUMENT_THRESHOLD  # found through the passages
    for p in passages:
        mine, theirs = copy[p["start"] : p["end"]], original[p["other_start"] : p["other_end"]]
        assert _words(mine)[:8] == _words(theirs)[:8] and _words(mine)[-8:] == _words(theirs)[-8:]
    covered = [copy[p["start"] : p["end"]] for p in passages]
    for kept in (P1, P3, edited_p2[edited_p2.index("constructive") :]):
        assert any(kept in c for c in covered)
    assert not any(OWN_B[:30] in c or P4[:30] in c for c in covered)


def test_one_shared_background_paragraph_with_texts_is_not_a_copy() -> None:
    a = "\n\n".join([P1, OWN_A, OTHER, P4])
    b = "\n\n".join([P1, OWN_B, P3, P2])
    assert dedup.find_pairs(minhash.sign("b", b), _signed_index(("a", a)), b) == []


def test_aligned_passages_find_moved_text() -> None:
    a = f"{P1} {P2}"
    b = f"{P2} {OTHER} {P1}"
    passages = align.aligned_passages(a, b)
    assert len(passages) == 2
    for p in passages:
        assert a[p["start"] : p["end"]] == b[p["other_start"] : p["other_end"]]


def test_canonical_copy_is_earliest_dated_else_longest_and_inherited_dates_do_not_count() -> None:
    meta = {
        "a": {"published": "2022-12-29", "published_how": "duplicate", "n": 2000},
        "b": {"published": None, "published_how": "none", "n": 1200},
        "c": {"published": None, "published_how": "none", "n": 800},
    }
    assert set(dedup.groups([("a", "b"), ("b", "c")], meta).values()) == {"a"}  # longest
    meta["c"].update(published="2022-12-30", published_how="header")
    assert set(dedup.groups([("a", "b"), ("b", "c")], meta).values()) == {"c"}  # only dated


def test_copies_of_different_dates_give_a_month_or_year_window() -> None:
    meta = {
        "a": {"published": "2022-11-30", "published_how": "header"},
        "b": {"published": None, "published_how": "none"},
        "c": {"published": "2022-12-02", "published_how": "url"},
    }
    group_of = dedup.groups([("a", "b"), ("b", "c")], meta)
    assert dedup.group_dates(group_of, meta) == {"b": ("2022", "year")}


def test_a_stated_date_outranks_a_copys_date_inferred_from_content() -> None:
    meta = {
        "a": {"published": "2022-08-12", "published_how": "header"},
        "b": {"published": "2017-01", "published_how": "content"},
        "c": {"published": "2023", "published_how": "content"},
    }
    group_of = dedup.groups([("a", "b"), ("a", "c")], meta)
    assert dedup.group_dates(group_of, meta) == {
        "b": ("2022-08-12", "day"),
        "c": ("2022-08-12", "day"),
    }
    meta["a"].update(published=None, published_how="none")  # guesses never travel
    assert dedup.group_dates(group_of, meta) == {}


# ---- through the store: incremental, persisted band keys, dates, the dups command ------------------
ORIGINAL = "\n\n".join([P1, P2, P3, OWN_A])
COPY = "\n\n".join([P1, OWN_B, P3, P2])
UNRELATED = "\n\n".join([OTHER, P4])


def _store_update(store: Store) -> corpus.UpdateReport:
    """The duplicates stage alone, as the corpus update runs it (no NLP-based stage)."""
    return corpus.update(store, Context(), stages=[dedup.STAGE])


def _pairs(store: Store) -> list[tuple[str, str]]:
    return [(a, b) for a, b, _s, _p in store.duplicates.pairs()]


def _art(aid: str, text: str, published: str | None = None, outlet: str = "Paper") -> Article:
    how = "header" if published else "none"
    return Article(
        aid,
        f"{aid}.txt",
        text,
        outlet=outlet,
        published=published,
        published_how=how,
        published_precision="day" if published else "unknown",
    )


def test_incremental_add_uses_the_persisted_band_keys(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    with Store(db) as store:
        store.write_batch([_art("orig", ORIGINAL, "2022-12-29"), _art("other", UNRELATED)])
        first = _store_update(store)
        assert _pairs(store) == [] and store.get_meta("lsh_params") == minhash.LSH_PARAMS
        n_keys = store.db.execute("SELECT count(*) FROM lsh_keys").fetchone()[0]
        keys = [
            minhash.key_rows(minhash.sign(a, t))
            for a, t in (("orig", ORIGINAL), ("other", UNRELATED))
        ]
        assert n_keys == len({(k, a, no) for rows in keys for k, a, no in rows}) > 0
        assert first.partitions["duplicates.sign"] == 2
    with Store(db) as store:  # a new process: nothing is rebuilt, only the new article is signed
        store.write_batch([_art("copy", COPY)])
        second = _store_update(store)
        assert second.partitions["duplicates.rekey"] == 0
        assert second.partitions["duplicates.sign"] == 1 and second.counts["duplicates.new"] == 1
        # Its band keys are looked up, each once: one partition a key.
        own = {k for k, _, _ in minhash.key_rows(minhash.sign("copy", COPY))}
        assert second.partitions["duplicates.candidates"] == len(own)
        assert _pairs(store) == [("copy", "orig")]
        assert store.duplicates.groups_of(["copy", "orig", "other"]) == {
            "copy": "orig",
            "orig": "orig",
        }
    # The same result as one pass over all three in memory.
    meta = {"orig": {"published": "2022-12-29", "published_how": "header"}}
    one = dedup.run(
        [("orig", ORIGINAL), ("other", UNRELATED), ("copy", COPY)], minhash.Index(), [], meta
    )
    with Store(db) as store:
        assert [(a, b, p) for a, b, _, p in one.new_pairs] == [
            (a, b, p) for a, b, _, p in store.duplicates.pairs()
        ]


def test_band_keys_are_rebuilt_for_a_store_made_before_them(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with Store(db) as store:
        store.write_batch([_art("orig", ORIGINAL, "2022-12-29")])
        _store_update(store)
    con = sqlite3.connect(db)  # what a schema-1 store looks like: signatures, no band keys
    con.executescript(
        "DROP TABLE lsh_keys; DELETE FROM meta WHERE key = 'lsh_params';"
        # ... and none of the later partition keys (schema 3)
        "DROP INDEX event_mentions_key; DROP INDEX events_pair; DROP INDEX events_sides;"
        "DROP INDEX claims_event; DROP INDEX claims_figure; DROP INDEX claims_article;"
        "DROP INDEX near_duplicates_b; DROP INDEX actors_name; DROP INDEX articles_group;"
        "ALTER TABLE event_mentions DROP COLUMN merge_key; ALTER TABLE events DROP COLUMN dyad;"
        "ALTER TABLE events DROP COLUMN sides; ALTER TABLE claims DROP COLUMN figure_key;"
        "ALTER TABLE articles DROP COLUMN story_how;"  # (schema 4)
        "ALTER TABLE dyads DROP COLUMN background;"  # (schema 5)
        "DROP TABLE watch_items; DROP TABLE watch_sources;"  # (schema 6)
        # (schema 7: the web UI's columns and indexes)
        "DROP INDEX events_place; DROP INDEX events_quad; DROP INDEX events_reported;"
        "DROP INDEX events_story_place; DROP INDEX events_dyad_place; DROP INDEX events_source_id;"
        "DROP INDEX events_target_id; DROP INDEX events_target_code;"
        "DROP INDEX events_date; CREATE INDEX events_date ON events(date);"
        "DROP INDEX events_story; CREATE INDEX events_story ON events(story_id);"
        "ALTER TABLE events DROP COLUMN lat; ALTER TABLE events DROP COLUMN lon;"
        "ALTER TABLE events DROP COLUMN background;"
    )
    con.execute("PRAGMA user_version = 1")
    con.commit()
    con.close()
    with Store(db) as store:
        assert store.version == schema.SCHEMA_VERSION
        assert store.db.execute("SELECT count(*) FROM lsh_keys").fetchone()[0] == 0
        store.write_batch([_art("copy", COPY)])
        report = _store_update(store)
        assert report.partitions["duplicates.rekey"] == 1  # orig's keys, from its signatures
        assert _pairs(store) == [("copy", "orig")]
        assert store.get_meta("lsh_params") == minhash.LSH_PARAMS


def test_undated_copy_takes_the_date_of_its_group(tmp_path: Path, ctx) -> None:
    db = tmp_path / "d.db"
    with Store(db) as store:
        store.write_batch(
            [_art("orig", ORIGINAL, "2022-12-29", "Paper A"), _art("copy", COPY, None, "Paper B")]
        )
        local.update(store, ctx)
        copy = store.articles.get("copy")
        orig = store.articles.get("orig")
    assert copy is not None and orig is not None
    assert (copy.published, copy.published_precision, copy.published_how) == (
        "2022-12-29",
        "day",
        "duplicate",
    )
    assert copy.dup_group == orig.dup_group == "orig"
    ((near,),) = [copy.near_duplicates]
    assert near.article_id == "orig" and near.shared_passages
    for p in near.shared_passages:  # offsets into each side's own text
        assert _words(copy.text[p["start"] : p["end"]]) == _words(
            orig.text[p["other_start"] : p["other_end"]]
        )


def test_dups_command_shows_groups_and_shared_passages(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    with Store(db) as store:
        store.write_batch(
            [_art("orig", ORIGINAL, "2022-12-29"), _art("copy", COPY), _art("x", UNRELATED)]
        )
        _store_update(store)
    proc = run_cli("dups", "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.startswith("1 copy groups, 2 articles")
    assert "group orig: 2 articles" in out and "* orig" in out and "x.txt" not in out
    assert re.search(r"copy\[\d+:\d+\] = orig\[\d+:\d+\]", out)
    assert f"«{P1}" in out and "«" + OWN_B[:20] not in out  # shared marked, own text not
    proc = run_cli("dups", "--db", str(db), "--format", "json")
    (group,) = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [(a["article_id"], a["canonical"]) for a in group["articles"]] == [
        ("orig", True),
        ("copy", False),
    ]
    (pair,) = group["pairs"]
    assert (pair["a"], pair["b"]) == ("copy", "orig") and len(pair["shared_passages"]) >= 2
    missing = run_cli("dups", "--db", str(tmp_path / "none.db"))
    assert missing.returncode == 3 and "no database" in missing.stderr


# ---- copies count once in merged events ---------------------------------------------------------------
TUR = ActorRef("TURGOV", "TURGOV", "Türkiye (government)")
SYR = ActorRef("SYRGOV", "SYRGOV", "Syria (government)")


def _mention(mid: str, article: str, start: int, end: int, published: str) -> Event:
    return Event(
        event_id=mid,
        date="2022-12-28",
        date_precision="day",
        source=TUR,
        target=SYR,
        **lookup("044").event_fields(),
        reciprocal=True,
        mentions=[EventMention(article, None, published, "s", start, end, None, mid)],
    )


def test_an_event_only_in_shared_passages_counts_once_per_copy_group() -> None:
    # wire: the original; copy1/copy2 republish its first paragraph (0-200) elsewhere in theirs;
    # own: another outlet's independent report.
    outlets = {"wire": "Wire", "copy1": "Paper B", "copy2": "Paper C", "own": "Paper D"}
    pairs = [
        ("copy1", "wire", 0.4, [{"start": 300, "end": 500, "other_start": 0, "other_end": 200}]),
        ("copy2", "wire", 0.4, [{"start": 0, "end": 200, "other_start": 0, "other_end": 200}]),
    ]
    shared = dedup.shared_by_article(pairs)
    groups = {"wire": "wire", "copy1": "wire", "copy2": "wire"}
    evs = [
        _mention("m1", "wire", 10, 90, "2022-12-28"),
        _mention("m2", "copy1", 310, 390, "2022-12-29"),
        _mention("m3", "copy2", 10, 90, "2022-12-29"),
        _mention("m4", "own", 10, 90, "2022-12-29"),
    ]
    (ev,) = merge.run(evs, outlets, groups, shared)
    assert len(ev.mentions) == 4  # every report stays cited
    assert (ev.num_articles, ev.num_outlets) == (2, 2)  # the wire story once, and Paper D
    # A copy that reports the event in a paragraph of its own is an independent report.
    evs[1] = _mention("m2", "copy1", 600, 680, "2022-12-29")
    (ev,) = merge.run(evs, outlets, groups, shared)
    assert (ev.num_articles, ev.num_outlets) == (3, 3)


def test_seed_copies_are_the_only_pair_and_their_passages_are_listed(seeds_db: Path) -> None:
    with Store(seeds_db, readonly=True) as store:
        pairs = store.duplicates.pairs()
        paths = {a.article_id: Path(a.path).name for a in store.articles.iter()}
        texts = {a.article_id: a.text for a in store.articles.iter()}
    assert len(paths) == 5
    ((a, b, sim, passages),) = pairs
    assert sorted(paths[x][:4] for x in (a, b)) == ["000_", "001_"]
    assert sim < minhash.DOCUMENT_THRESHOLD and len(passages) >= 2  # a partial copy
    for p in passages:
        mine, theirs = texts[a][p["start"] : p["end"]], texts[b][p["other_start"] : p["other_end"]]
        assert len(_words(mine)) >= align.ALIGN_WORDS
        assert _words(mine)[:8] == _words(theirs)[:8]


def test_reports_on_one_template_with_other_figures_are_not_copies() -> None:
    def notice(amount: str, rate: str, day: str) -> str:
        return (
            f"The central bank entered the money market to arrange {amount} billion of customer "
            f"repurchase agreements on {day}, a spokesman for the bank said.\n\n"
            f"Dealers said overnight funds were trading at {rate} pct when the bank began its "
            "temporary and indirect supply of reserves to the banking system, as expected by most "
            "of the dealers who had forecast a modest operation before the weekend.\n\n"
            "The bank has added reserves in this way on most days of the month, and analysts "
            "said the operations showed it wanted to keep short-term rates steady while the "
            "government prepared its budget for the coming year."
        )

    first = notice("1.5", "6-1/4", "Tuesday")
    assert len(_words(first)) >= align.TEMPLATE_WORDS  # so only the aligned figures tell
    again = notice("2.5", "6-3/8", "Wednesday")  # the next day's report
    resent = notice("1.5", "6-1/4", "Tuesday").replace("as expected by", "as foreseen by")
    idx = _signed_index(("first", first))
    assert dedup.find_pairs(minhash.sign("again", again), idx, again) == []
    assert [p[0] for p in dedup.find_pairs(minhash.sign("resent", resent), idx, resent)] == [
        "first"
    ]


def test_exact_copy_under_another_outlet_is_found_in_the_store(tmp_path: Path) -> None:
    with Store(tmp_path / "d.db") as store:
        store.write_batch([_art("orig", ORIGINAL, "2022-12-29", "Paper A")])
        _store_update(store)
        store.write_batch([_art("copy", ORIGINAL.replace("\n\n", "\n\n\n"), None, "Paper B")])
        _store_update(store)
        ((a, b, sim, passages),) = store.duplicates.pairs()
    assert (a, b, sim) == ("copy", "orig", 1.0)
    assert _words(" ".join(ORIGINAL[p["other_start"] : p["other_end"]] for p in passages)) == (
        _words(ORIGINAL)
    )
