"""Shared fixtures.  Fixture texts are written for these tests; the shared corpora and seeds are
read only when present (tests that need them skip cleanly otherwise)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from storyline.model import Article
from storyline.pipeline import STAGES, Context

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample"
SHARED = Path(os.environ.get("STORYLINE_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "seeds"


@pytest.fixture(scope="session")
def ctx() -> Context:
    c = Context()
    _ = c.nlp  # load spaCy once for the whole session
    return c


def analyse(
    ctx: Context, text: str, published: str | None = None, article_id: str = "t1"
) -> Article:
    """Run every per-article stage on a text and keep the parse (tests look at it)."""
    art = Article(article_id=article_id, path=article_id, text=text)
    if published:
        art.meta["date"] = published
        art.meta["_how"] = "metadata"
    batch = [art]
    for _, stage in STAGES:
        batch = stage(batch, ctx)
    return batch[0]


def event_rows(
    ctx: Context,
    text: str,
    published: str | None = None,
    code: str = "cameo",
    also: tuple[str, ...] = (),
) -> list[tuple[str, ...]]:
    """Each event of a text as (its ``code`` field -- CAMEO code or root --, source code,
    target code, then the ``also`` fields): the shape the event tests assert on."""
    return [
        (
            getattr(e, code),
            (e.source.code or "") if e.source else "",
            (e.target.code or "") if e.target else "",
            *(getattr(e, f) for f in also),
        )
        for e in analyse(ctx, text, published).events
    ]


def run_cli(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "storyline.cli", *args],
        input=stdin,
        text=True,
        capture_output=True,
        timeout=timeout,
        env=full_env,
    )


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus ingested once through the real command."""
    db = tmp_path_factory.mktemp("sample") / "sample.db"
    proc = run_cli("ingest", str(SAMPLE), "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    return db


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds not present")
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    proc = run_cli("ingest", str(SEEDS), "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    return db


@pytest.fixture(scope="module")
def ray_local():
    """One local Ray with 2 CPUs for a test module (the Ray tests skip when Ray is absent)."""
    from storyline.engines import ray as ray_engine

    ray = ray_engine.start(None, cpus=2)
    yield ray
    ray.shutdown()
