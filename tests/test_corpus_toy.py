"""A corpus stage is a module of its own and a place in the stage list, nothing more.

The toy stage here (words published per outlet) is written in this file only: given to the
update next to the real stages, it runs incrementally (only the outlets new articles touch),
in a full recompute, and on Ray, where its partitions are computed by the cluster's workers.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from storyline import corpus
from storyline.corpus.duplicates import NEW
from storyline.corpus.stage import Changes, Stage, Step
from storyline.corpus.stages import STAGES
from storyline.engines import local
from storyline.model import Article
from storyline.pipeline import Context
from storyline.store import Store

from .conftest import SAMPLE


# ---- the toy stage: words published per outlet, kept in the store's meta table -------------------
def _touched(store: Store, changes: Changes) -> list[str]:
    ids = None if changes.full else sorted(changes.set(NEW))
    return sorted({m["outlet"] or "" for m in store.articles.meta(ids).values()})


def _read(store: Store, outlets: list[str], changes: Changes) -> list[list[str]]:
    texts: dict[str, list[str]] = {o: [] for o in outlets}
    for a in store.articles.iter():
        if (a.outlet or "") in texts:
            texts[a.outlet or ""].append(a.text)
    return [texts[o] for o in outlets]


def words(outlet: str, texts: list[str], ctx: Context) -> tuple[int, int]:
    return sum(len(re.findall(r"\w+", t)) for t in texts), os.getpid()


def _write(store: Store, results: list[tuple[str, tuple[int, int]]], changes: Changes) -> None:
    for outlet, (n, pid) in results:
        store.set_meta(f"toy:{outlet}", str(n))
        store.set_meta("toy:pid", str(pid))


TOY = Stage("toy", (Step("words", _touched, _read, words, _write),))
WITH_TOY = (*STAGES, TOY)


def _expected(store: Store) -> dict[str, str]:
    out: dict[str, int] = {}
    for a in store.articles.iter():
        out[a.outlet or ""] = out.get(a.outlet or "", 0) + len(re.findall(r"\w+", a.text))
    return {o: str(n) for o, n in out.items()}


def _toy(store: Store) -> dict[str, str]:
    return {
        k.removeprefix("toy:"): v
        for k, v in store.db.execute("SELECT key, value FROM meta WHERE key LIKE 'toy:%'")
        if k != "toy:pid"
    }


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory, ctx) -> Path:
    db = tmp_path_factory.mktemp("toy") / "sample.db"
    with Store(db) as store:
        local.ingest([str(SAMPLE)], store, ctx)
    return db


def test_a_toy_stage_runs_in_full_and_incremental_updates(
    sample: Path, tmp_path: Path, ctx
) -> None:
    db = tmp_path / "toy.db"
    shutil.copyfile(sample, db)
    with Store(db) as store:
        report = corpus.update(store, ctx, full=True, stages=WITH_TOY)
        assert report.partitions["toy.words"] == len(_expected(store)) > 1
        assert _toy(store) == _expected(store)
        store.write_batch(
            [Article("toy-1", "toy.txt", "Envoys of two states met again.", outlet="Toy Wire")]
        )
        report = corpus.update(store, ctx, stages=WITH_TOY)
        assert report.partitions["toy.words"] == 1  # only the new article's outlet
        assert _toy(store) == _expected(store) and _toy(store)["Toy Wire"] == "6"


@pytest.fixture
def ray_here(request: pytest.FixtureRequest) -> object:
    pytest.importorskip("ray")
    pytest.importorskip("ray.data")
    return request.getfixturevalue("ray_local")


@pytest.mark.slow
def test_a_toy_stage_runs_on_the_cluster(sample: Path, tmp_path: Path, ctx, ray_here) -> None:
    from storyline.engines import ray as ray_engine

    db = tmp_path / "toy-ray.db"
    shutil.copyfile(sample, db)
    with Store(db) as store:
        runner = ray_engine.corpus_runner(min_partitions=0)
        corpus.update(store, ctx, full=True, runner=runner, stages=[TOY])
        assert _toy(store) == _expected(store)
        assert int(store.get_meta("toy:pid") or 0) != os.getpid()  # computed by a Ray worker
