"""Fixtures for the server tests: an app over the sample store, a store holding hostile text
(written for these tests), and a live server for the browser tests."""

from __future__ import annotations

import threading
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from storyline import api
from storyline.pipeline import Context
from storyline.server.app import ServerConfig, bind, create_app, url_of

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"

# A person whose canonical name and role carry markup, and an article whose title, outlet and
# text do: every page must show them as text.  The payloads set window.__xss if they ever run.
HOSTILE_KB = """\
people:
  - id: zorblat-quux
    name: "<img src=x onerror=\\"window.__xss='name'\\">Zorblat Quux"
    country: TUR
    aliases: [Zorblat Quux, Quux]
    roles:
      - {role: "Envoy <script>window.__xss='role'</script>", code: TURGOV, start: 2020-01-01}
"""
HOSTILE_ARTICLE = """\
Title: Envoy <script>window.__xss='title'</script> goes to Damascus
Outlet: Test <b onmouseover="window.__xss='outlet'">Wire</b>
Date: 2023-03-14

Turkish envoy Zorblat Quux met Syrian President Bashar al-Assad in Damascus on Monday, officials said.

A leaflet handed out in the square read <script>window.__xss='text'</script> and \
showed <img src=x onerror="window.__xss='img'"> beside a drawing.
"""
PAYLOADS = ("<script>window.__xss", "<img src=x onerror", '<b onmouseover="window')


def client_for(db: Path | str, **kwargs: object) -> TestClient:
    return TestClient(create_app(ServerConfig(str(db), **kwargs)))  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def client(sample_db: Path) -> TestClient:
    return client_for(sample_db)


@pytest.fixture(scope="session")
def big_db(tmp_path_factory: pytest.TempPathFactory, ctx: Context) -> Path:
    """A store that pages (``bigstore.py``: ~70 stories, 161 articles, written for the tests)."""
    from tests.server import bigstore

    root = tmp_path_factory.mktemp("big")
    corpus = bigstore.write(root / "big.jsonl")
    db = root / "big.db"
    report = api.ingest([str(corpus)], str(db), ctx=ctx)
    assert report.new == len(bigstore.records()) and not report.skipped, report
    return db


@pytest.fixture(scope="session")
def big_client(big_db: Path) -> TestClient:
    return client_for(big_db)


@pytest.fixture(scope="session")
def hostile_db(tmp_path_factory: pytest.TempPathFactory, ctx: Context) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    kb = root / "people.yaml"
    kb.write_text(HOSTILE_KB, encoding="utf-8")
    art = root / "leaflet.txt"
    art.write_text(HOSTILE_ARTICLE, encoding="utf-8")
    db = root / "hostile.db"
    report = api.ingest([str(art)], str(db), ctx=Context(kb_files=(str(kb),), _nlp=ctx.nlp))
    assert report.new == 1, report
    return db


class LiveServer:
    """uvicorn in a thread on a free loopback port."""

    def __init__(self, config: ServerConfig) -> None:
        import uvicorn

        self.sock = bind("127.0.0.1", 0)
        self.url = url_of(self.sock, "127.0.0.1")
        self.server = uvicorn.Server(
            uvicorn.Config(create_app(config), log_level="warning", lifespan="off")
        )
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True
        )
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.02)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.sock.close()


@pytest.fixture(scope="session")
def live_sample(sample_db: Path) -> Iterator[LiveServer]:
    srv = LiveServer(ServerConfig(str(sample_db)))
    yield srv
    srv.stop()
