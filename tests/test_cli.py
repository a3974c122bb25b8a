"""The command line as users call it: real subprocesses, real exit codes, contract formats."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import SAMPLE, run_cli

ARTICLE_FIELDS = {
    "article_id",
    "path",
    "outlet",
    "title",
    "published",
    "published_precision",
    "published_how",
    "language",
    "text",
    "removed",
    "near_duplicates",
    "story_id",
}
ACTOR_FIELDS = {"actor_id", "code", "name", "kind", "country", "aliases", "roles", "known"}
EVENT_FIELDS = {
    "event_id",
    "date",
    "date_precision",
    "source",
    "target",
    "cameo",
    "root",
    "quad_class",
    "goldstein",
    "plover",
    "plover_mode",
    "polarity",
    "modality",
    "location",
    "mentions",
    "num_articles",
    "num_outlets",
    "confidence",
}
MENTION_FIELDS = {"article_id", "outlet", "published", "sentence", "start", "end", "speaker"}
STORY_FIELDS = {"story_id", "title", "start", "end", "article_ids", "event_ids", "actors"}
CLAIM_FIELDS = {"claim_id", "speaker", "text", "event_id", "polarity", "article_id", "contradicts"}
DYAD_FIELDS = {"a", "b", "period", "events", "goldstein_sum", "goldstein_mean", "quad_counts"}
FIELDS = {
    "articles": ARTICLE_FIELDS,
    "actors": ACTOR_FIELDS,
    "events": EVENT_FIELDS,
    "stories": STORY_FIELDS,
    "claims": CLAIM_FIELDS,
    "dyads": DYAD_FIELDS,
}


def _jsonl(db: Path, kind: str) -> list[dict]:
    proc = run_cli("export", kind, "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    return [json.loads(line) for line in proc.stdout.splitlines()]


@pytest.mark.parametrize("command", ["ingest", "export", "timeline", "code", "demo"])
def test_help(command: str) -> None:
    proc = run_cli(command, "--help")
    assert proc.returncode == 0 and "Usage" in proc.stdout


@pytest.mark.parametrize("kind", sorted(FIELDS))
def test_every_export_kind_has_the_contract_fields(sample_db: Path, kind: str) -> None:
    records = _jsonl(sample_db, kind)
    assert records, kind
    for rec in records:
        assert FIELDS[kind] <= set(rec), (kind, FIELDS[kind] - set(rec))
    if kind == "events":
        for rec in records:
            assert rec["mentions"] and all(set(m) >= MENTION_FIELDS for m in rec["mentions"])
            assert rec["quad_class"] in (1, 2, 3, 4) and rec["root"] == rec["cameo"][:2]
            assert rec["polarity"] in ("asserted", "negated")
            assert rec["modality"] in ("fact", "intent", "demand", "hypothetical")


def test_event_mentions_point_into_the_cleaned_text(sample_db: Path) -> None:
    texts = {a["article_id"]: a["text"] for a in _jsonl(sample_db, "articles")}
    for ev in _jsonl(sample_db, "events"):
        for m in ev["mentions"]:
            assert texts[m["article_id"]][m["start"] : m["end"]] == m["sentence"]


def test_reingest_adds_nothing(sample_db: Path) -> None:
    before = sqlite3.connect(sample_db).execute("SELECT count(*) FROM articles").fetchone()[0]
    proc = run_cli("ingest", str(SAMPLE), "--db", str(sample_db))
    assert proc.returncode == 0
    assert " 0 new" in proc.stderr
    assert (
        sqlite3.connect(sample_db).execute("SELECT count(*) FROM articles").fetchone()[0] == before
    )


def test_csv_and_parquet(sample_db: Path, tmp_path: Path) -> None:
    import csv

    import pyarrow.parquet as pq

    out_csv = tmp_path / "events.csv"
    assert (
        run_cli(
            "export", "events", "--db", str(sample_db), "--format", "csv", "-o", str(out_csv)
        ).returncode
        == 0
    )
    rows = list(csv.DictReader(out_csv.open(encoding="utf-8")))
    assert rows and {
        "source_actor_id",
        "source_code",
        "target_code",
        "location_name",
        "cameo",
    } <= set(rows[0])
    out_pq = tmp_path / "dyads.parquet"
    assert (
        run_cli(
            "export", "dyads", "--db", str(sample_db), "--format", "parquet", "-o", str(out_pq)
        ).returncode
        == 0
    )
    table = pq.read_table(out_pq)
    assert table.num_rows > 0 and "quad_counts_1" in table.column_names


def test_timeline_formats(sample_db: Path) -> None:
    text = run_cli("timeline", "--db", str(sample_db), "--dyad", "TUR", "SYR")
    assert text.returncode == 0 and "Türkiye" in text.stdout and "Syria" in text.stdout
    js = json.loads(run_cli("timeline", "--db", str(sample_db), "--format", "json").stdout)
    assert js["events"] and all(e["date"] for e in js["events"])
    tjs = json.loads(run_cli("timeline", "--db", str(sample_db), "--format", "timelinejs").stdout)
    assert tjs["events"][0]["start_date"]["year"].isdigit()
    html = run_cli("timeline", "--db", str(sample_db), "--format", "html").stdout
    assert html.startswith("<!doctype html>") and "<svg" in html
    actor = run_cli("timeline", "--db", str(sample_db), "--actor", "TURGOV")
    assert actor.returncode == 0 and "Actor TURGOV" in actor.stdout


def test_code_command_reads_jsonl_and_reports_bad_lines() -> None:
    lines = "\n".join(
        [
            json.dumps(
                {
                    "id": "s1",
                    "date": "2021-06-01",
                    "text": "Greece and Turkey held talks in Athens on Monday.",
                }
            ),
            "{broken json",
            json.dumps({"id": "s3", "text": "Nothing happened."}),
        ]
    )
    proc = run_cli("code", "-", stdin=lines)
    assert proc.returncode == 1 and "line 2" in proc.stderr
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [o["id"] for o in out] == ["s1", "s3"]
    ev = out[0]["events"][0]
    assert (
        ev["root"] == "04"
        and ev["date"] == "2021-05-31"
        and {ev["source"]["code"], ev["target"]["code"]} == {"GRC", "TUR"}
    )
    assert out[1]["events"] == []


def test_exit_codes(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "ok.txt").write_text(
        "Date: 2022-01-01\n\nFrance criticized Russia on Friday.\n", encoding="utf-8"
    )
    (corpus / "bad.bin").write_bytes(bytes(range(256)) * 10)
    db = tmp_path / "x.db"
    proc = run_cli("ingest", str(corpus), "--db", str(db))
    assert proc.returncode == 1 and "bad.bin" in proc.stderr and "binary" in proc.stderr
    assert sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    assert (
        run_cli("ingest", str(corpus), "--db", str(tmp_path / "no" / "dir" / "x.db")).returncode
        == 3
    )
    assert run_cli("export", "nonsense", "--db", str(db)).returncode == 2
    assert run_cli("timeline", "--db", str(db), "--story", "ffffffff").returncode == 2
    assert run_cli("export", "events", "--db", str(tmp_path / "missing.db")).returncode == 3
    # --ray-address belongs to the Ray engine: a usage error with the local one.
    assert run_cli("ingest", str(corpus), "--db", str(db), "--ray-address", "auto").returncode == 2


def test_stdin_ingest(tmp_path: Path) -> None:
    db = tmp_path / "stdin.db"
    proc = run_cli(
        "ingest",
        "-",
        "--db",
        str(db),
        stdin="Title: A note\nDate: 2020-02-02\n\nJapan praised South Korea on Sunday.\n",
    )
    assert proc.returncode == 0, proc.stderr
    arts = _jsonl(db, "articles")
    assert arts[0]["path"] == "<stdin>" and arts[0]["published"] == "2020-02-02"


def test_stdin_jsonl_with_field_names_outlet_map_and_another_language(tmp_path: Path) -> None:
    db = tmp_path / "mixed.db"
    outlets = tmp_path / "outlets.txt"
    outlets.write_text("# hosts and names\nwire.example = Wire Service\n", encoding="utf-8")
    lines = [
        {
            "story": "Chile praised Peru on Monday for the new border deal.",
            "when": "2021-03-01",
            "url": "https://www.wire.example/a",
        },
        {
            "story": "Le Chili a salué le Pérou lundi pour le nouvel accord sur la frontière.",
            "when": "2021-03-01",
            "url": "https://wire.example/fr",
        },
        "{broken",
    ]
    stdin = "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n"
    proc = run_cli(
        "ingest", "-", "--db", str(db), "--field", "text=story", "--field", "date=when",
        "--outlets", str(outlets), stdin=stdin,
    )  # fmt: skip
    assert proc.returncode == 1, proc.stderr  # the broken line is skipped and reported
    assert "<stdin>#L3" in proc.stderr and "malformed JSON" in proc.stderr
    assert "not analysed <stdin>#L2: language 'fr'" in proc.stderr
    arts = {a["path"]: a for a in _jsonl(db, "articles")}
    assert arts["<stdin>#L1"]["outlet"] == "Wire Service"
    assert arts["<stdin>#L1"]["published"] == "2021-03-01"
    assert arts["<stdin>#L1"]["published_how"] == "metadata"
    assert arts["<stdin>#L2"]["language"] == "fr"  # stored, marked, not analysed
    events = _jsonl(db, "events")
    assert events and all(
        m["article_id"] != arts["<stdin>#L2"]["article_id"] for e in events for m in e["mentions"]
    )
    bad = run_cli("ingest", "-", "--db", str(db), "--field", "nonsense", stdin="x")
    assert bad.returncode == 2 and "KEY=NAME" in bad.stderr


def test_python_api(sample_db: Path, ctx) -> None:
    from storyline import api

    events = api.code_text(
        "Qatar hosted the Afghan delegation in Doha on Monday.", "2021-09-01", ctx=ctx
    )
    assert [e["cameo"] for e in events] == ["043"] and events[0]["date"] == "2021-08-30"
    with api.open_store(str(sample_db), readonly=True) as store:
        first = next(store.articles.iter())
        again = store.articles.get(first.article_id)
        assert again is not None and again.record() == first.record()
        assert store.articles.get("no-such-id") is None


def test_code_and_ingest_take_user_dictionaries(tmp_path: Path) -> None:
    dictionary = tmp_path / "mine.actors.txt"
    dictionary.write_text(
        "MARDOVAN_REPUBLIC_  [MRD]\n+MARDOVA\nELIAS_KORVEN_  [MRDGOV 20010101-20991231]\n",
        encoding="utf-8",
    )
    line = json.dumps(
        {"id": "m1", "date": "2021-05-04", "text": "Elias Korven praised Mardova on Tuesday."}
    )
    proc = run_cli("code", "-", "--dictionary", str(dictionary), stdin=line + "\n")
    assert proc.returncode == 0, proc.stderr
    events = json.loads(proc.stdout)["events"]
    assert events and events[0]["source"]["code"] == "MRDGOV"
    missing = run_cli("code", "-", "--dictionary", str(tmp_path / "nope.txt"), stdin=line)
    assert missing.returncode == 2 and "not found" in missing.stderr
    db = tmp_path / "d.db"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Date: 2021-05-04\n\n" + json.loads(line)["text"])
    ok = run_cli("ingest", str(tmp_path / "in"), "--db", str(db), "--dictionary", str(dictionary))
    assert ok.returncode == 0, ok.stderr
    assert any(e["source"] and e["source"]["code"] == "MRDGOV" for e in _jsonl(db, "events"))
