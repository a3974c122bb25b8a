"""The notebook face: ``storyline.open(db)`` selects what the HTTP API selects with the same
filters, converts to pandas and Arrow, and docs/python.md's worked example runs as written."""

from __future__ import annotations

import re
import shutil
import warnings
from pathlib import Path

import pytest

import storyline
from storyline.model import DyadRow, Event
from storyline.store.filters import QueryError

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture(scope="module")
def client(sample_db):
    from storyline.server.app import ServerConfig, create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    return TestClient(create_app(ServerConfig(str(sample_db))))


@pytest.mark.parametrize(
    "params",
    [
        {"dyad": "TUR,SYR"},
        {"actor": "TURGOV", "polarity": "asserted"},
        {"root": "04", "date_from": "2022"},
        {"q": "Damascus"},
    ],
)
def test_events_select_what_the_http_api_selects(sample_db, client, params):
    with storyline.open(sample_db) as db:
        mine = [e.event_id for e in db.events(**params)]
    theirs = client.get("/api/events", params={**params, "limit": 500}).json()["items"]
    assert mine == [e["event_id"] for e in theirs] and mine


def test_other_verbs_and_records(sample_db, client):
    with storyline.open(sample_db) as db:
        arts = db.articles(outlet="Volga Dispatch")
        api = client.get("/api/articles", params={"outlet": "Volga Dispatch"}).json()
        assert [a.article_id for a in arts] == [a["article_id"] for a in api["items"]]
        assert [a.actor_id for a in db.actors(code="TUR")] == [
            a["actor_id"] for a in client.get("/api/actors?code=TUR&limit=500").json()["items"]
        ]
        rows = db.dyads(a="TUR", b="SYR")
        assert rows and all(isinstance(r, DyadRow) and r.a == "TUR" for r in rows)
        assert len(db.events(limit=3)) == 3
        assert isinstance(db.events(limit=1)[0], Event)
        with pytest.raises(QueryError):
            db.events(date_from="last week")
        with pytest.raises(QueryError):
            db.events(dyad="TUR")


def test_read_only(sample_db):
    with (
        storyline.open(sample_db) as db,
        pytest.raises(Exception, match="read-only"),
        db.store.transaction(),
    ):
        pass


def test_to_arrow_and_to_pandas(sample_db):
    with storyline.open(sample_db) as db:
        events = db.events(dyad="TUR,SYR")
        table = events.to_arrow()
        assert table.num_rows == len(events)
        assert str(table.schema.field("location").type).startswith("struct<name: string")
        assert str(table.schema.field("goldstein").type) == "double"
        pd = pytest.importorskip("pandas")
        df = events.to_pandas()
        assert isinstance(df, pd.DataFrame) and len(df) == len(events)
        assert {"source_code", "target_code", "location_lat", "mentions"} <= set(df.columns)
        assert isinstance(df["mentions"].iloc[0], list)
        assert db.dyads().to_pandas()["quad_counts_4"].dtype.kind == "i"
        assert db.events(code="999").to_pandas().empty


def _blocks(doc: Path) -> list[str]:
    return re.findall(r"```python\n(.*?)```", doc.read_text(encoding="utf-8"), flags=re.S)


def test_docs_python_example_runs(sample_db, tmp_path, monkeypatch):
    pytest.importorskip("pandas")
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    shutil.copy(sample_db, tmp_path / "storyline.db")
    monkeypatch.chdir(tmp_path)
    blocks = _blocks(ROOT / "docs" / "python.md")
    assert len(blocks) >= 4
    namespace: dict = {}
    for code in blocks:
        exec(compile(code, "docs/python.md", "exec"), namespace)
    figure = tmp_path / "tur-syr-goldstein.png"
    assert figure.stat().st_size > 5_000
    assert (tmp_path / "tur-syr-events.parquet").exists()
    monthly = namespace["monthly"]
    assert len(monthly) >= 3 and monthly["goldstein_mean"].between(-10, 10).all()
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy(figure, ARTIFACTS / "tur-syr-goldstein.png")
