"""The cluster parts of the Ray engine: Parquet output and its loading, the corpus stages as
Ray Data groupbys, and an unreachable cluster.

One local Ray with 2 CPUs for the module (what CI has); skipped when Ray is not installed.
"""

from __future__ import annotations

import re
import socket
import sqlite3
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from storyline import api
from storyline.engines import local
from storyline.pipeline import Context
from storyline.store import Store, parquet

pytest.importorskip("ray")
pytest.importorskip("ray.data")

from tests.conftest import ROOT, SAMPLE, run_cli
from tests.test_ray_engine import QUERIES
from tests.test_ray_engine import _rows as engine_rows

pytestmark = pytest.mark.slow

# What a load writes besides the tables the engine test compares.
LOADED = {
    **QUERIES,
    "actors": "SELECT * FROM actors ORDER BY 1",
    "actor_aliases": "SELECT * FROM actor_aliases ORDER BY 1, 2",
    "stories": "SELECT story_id, title, start, end, n_articles, n_events FROM stories ORDER BY 1",
    "article_order": "SELECT article_id FROM articles ORDER BY seq",
}


def _rows(db: Path) -> dict[str, list[tuple[object, ...]]]:
    return engine_rows(db, LOADED)


@pytest.fixture(scope="module")
def local_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("local") / "local.db"
    with Store(db) as store:
        local.ingest([str(SAMPLE)], store, Context())
    return db


@pytest.fixture(scope="module")
def parquet_dir(tmp_path_factory: pytest.TempPathFactory, ray_local) -> tuple[Path, object]:
    from storyline.engines import ray as ray_engine

    out = tmp_path_factory.mktemp("pq") / "out"
    # Small batches and windows: the sample spans several batches, actors and windows.
    report = ray_engine.ingest_parquet(
        [str(SAMPLE)], str(out), Context(), batch_size=4, workers=2, window=12
    )
    return out, report


def test_parquet_loaded_into_a_store_equals_a_local_ingest(
    tmp_path: Path, local_db: Path, parquet_dir
) -> None:
    out, written = parquet_dir
    assert written.new > 0 and written.events > 0 and not written.skipped
    assert len(parquet.windows(out)) == 2  # 22 articles in windows of 12
    db = tmp_path / "loaded.db"
    report = api.load(str(out), str(db), batch_size=5)
    assert (report.read, report.new, report.events) == (written.new, written.new, written.events)
    expected, got = _rows(local_db), _rows(db)
    for name in LOADED:
        assert got[name] == expected[name], name
    assert any(r[6] for r in got["articles"]), "the sample has a duplicate group to compare"
    assert got["events"], "merged events to compare"

    again = api.load(str(out), str(db))
    assert (again.new, again.already_stored, again.events) == (0, report.read, 0)
    assert _rows(db) == got


def test_parquet_layout_and_schema(parquet_dir) -> None:
    out, written = parquet_dir
    assert (out / parquet.MARKER).is_file()
    for table in ("articles", "actor_mentions", "actors", "event_mentions"):
        files = sorted((out / table).glob("run=*/part=*/*.parquet"))
        assert files, table
        for f in files:
            assert pq.read_schema(f).remove_metadata() == parquet.SCHEMAS[table], f
    articles = list(parquet.iter_rows(out, "articles"))
    assert sorted(r["seq"] for r in articles) == list(range(written.new))
    events = list(parquet.iter_rows(out, "event_mentions"))
    assert len(events) == written.events
    assert all(e["mentions"][0]["mention_id"] == e["mention_id"] for e in events)


def test_parquet_rerun_writes_nothing_new(parquet_dir) -> None:
    from storyline.engines import ray as ray_engine

    out, written = parquet_dir
    before = parquet.windows(out)
    again = ray_engine.ingest_parquet([str(SAMPLE)], str(out), Context(), workers=2)
    assert (again.read, again.new, again.already_stored) == (written.read, 0, written.new)
    assert parquet.windows(out) == before


def test_parquet_output_refuses_a_foreign_directory(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(parquet.ParquetError, match="not empty"):
        parquet.check_output(tmp_path)
    with pytest.raises(parquet.ParquetError, match=r"no storyline-parquet\.json"):
        parquet.check(tmp_path)


def _documented_duckdb_query() -> str:
    text = (ROOT / "docs" / "formats.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sql\n(.*?)```", text, flags=re.S)
    assert blocks, "docs/formats.md shows a DuckDB query"
    return blocks[0]


def test_documented_duckdb_query_counts_event_reports(parquet_dir) -> None:
    duckdb = pytest.importorskip("duckdb")
    out, _written = parquet_dir
    sql = _documented_duckdb_query().replace("DIR/", f"{out}/")
    rows = duckdb.sql(sql).fetchall()
    expected = Counter(
        ((e["date"] or "")[:7], e["root"])
        for e in parquet.iter_rows(out, "event_mentions")
        if e["date"] and len(e["date"]) >= 7 and e["polarity"] == "asserted"
    )
    assert {(m, r): n for m, r, n in rows} == dict(expected)
    assert rows == sorted(rows, key=lambda r: (r[0], r[1]))


def test_every_corpus_stage_runs_on_the_cluster_with_the_same_results(
    tmp_path: Path, local_db: Path, ray_local
) -> None:
    """The Ray engine hands the corpus update a runner that computes large chunks of any stage's
    partitions as Ray Data groupbys; with no threshold every chunk goes there: same store."""
    import shutil

    from storyline import corpus
    from storyline.engines import ray as ray_engine
    from tests.test_corpus_update import snapshot

    here, there = tmp_path / "here.db", tmp_path / "there.db"
    shutil.copyfile(local_db, here)
    shutil.copyfile(local_db, there)
    with Store(here) as store:
        corpus.update(store, Context(), full=True)
    with Store(there) as store:
        report = corpus.update(
            store, Context(), full=True, runner=ray_engine.corpus_runner(min_partitions=0)
        )
    assert report.counts["merge.events"] > 0
    assert snapshot(here) == snapshot(there)


def test_duplicate_candidates_come_from_the_cluster(
    tmp_path: Path, local_db: Path, ray_local
) -> None:
    """Unsigned articles signed, their band keys' buckets paired and the pairs checked on the
    cluster give the pairs and copy groups the driver gives."""
    import shutil

    from storyline import corpus
    from storyline.corpus import duplicates
    from storyline.engines import ray as ray_engine

    db = tmp_path / "unsigned.db"
    shutil.copyfile(local_db, db)
    con = sqlite3.connect(db)
    for table in ("document_signatures", "paragraph_signatures", "lsh_keys", "near_duplicates"):
        con.execute(f"DELETE FROM {table}")
    con.execute("UPDATE articles SET dup_group = NULL")
    con.commit()
    con.close()
    with Store(db) as store:
        report = corpus.update(
            store,
            Context(),
            runner=ray_engine.corpus_runner(min_partitions=0),
            stages=[duplicates.STAGE],
        )
        pairs = store.duplicates.pairs()
    assert report.partitions["duplicates.candidates"] > 0
    with Store(local_db, readonly=True) as store:
        assert pairs and pairs == store.duplicates.pairs()
    want = _rows(local_db)["articles"]
    got = engine_rows(db, {"articles": QUERIES["articles"]})["articles"]
    assert got == want  # the same copy groups and inherited dates


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_unreachable_ray_address_fails_fast_and_writes_nothing(tmp_path: Path) -> None:
    address = f"127.0.0.1:{_free_port()}"  # nothing listens there
    db, out = tmp_path / "never.db", tmp_path / "never-pq"
    # ray.init alone would retry for minutes; the timeout turns a hang into a failure.
    proc = run_cli(
        "ingest", str(SAMPLE), "--db", str(db), "--engine", "ray", "--ray-address", address,
        timeout=90,
    )  # fmt: skip
    assert proc.returncode == 3, proc.stderr
    assert "cannot reach a Ray cluster" in proc.stderr and address in proc.stderr
    assert not db.exists()
    proc = run_cli(
        "ingest", str(SAMPLE), "--parquet", str(out), "--engine", "ray", "--ray-address", address,
        timeout=90,
    )  # fmt: skip
    assert proc.returncode == 3, proc.stderr
    assert not out.exists()


def test_cli_load(tmp_path: Path, parquet_dir) -> None:
    out, written = parquet_dir
    db = tmp_path / "cli.db"
    proc = run_cli("load", str(out), "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    assert f"{written.new} new" in proc.stderr
    proc = run_cli("load", str(out), "--db", str(db))
    assert proc.returncode == 0 and " 0 new" in proc.stderr, proc.stderr

    missing = tmp_path / "nothing-here"
    proc = run_cli("load", str(missing), "--db", str(tmp_path / "other.db"))
    assert proc.returncode == 3 and "no Parquet directory" in proc.stderr
    assert not (tmp_path / "other.db").exists()
    proc = run_cli("ingest", str(SAMPLE), "--db", str(db), "--parquet", str(missing))
    assert proc.returncode == 2 and "--parquet needs --engine ray" in proc.stderr
