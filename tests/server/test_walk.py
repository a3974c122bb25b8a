"""Headless Chromium walks the web UI as an analyst does (issue 19): home → the stories list,
page 2 → a story → one of its events → the article it came from → an actor it names → the map
of that actor's events → back; then the pair of the story, its outlets side by side, the
contradictions and a search.  On every page the counts for the story, the pair and the actor
are read off the page and checked against each other and against the API.

The store is ``bigstore.py``'s (written for these tests, more than a page of stories); the
Timeline17 development topics are walked too when ``../shared/corpora/t17-dev`` is present
and ``STORYLINE_WALK_T17=1`` is set (ingesting them takes minutes: kept out of ``make test``).
Screenshots of every page go to tests/artifacts/
(linked from docs/web.md)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from storyline.server.app import ServerConfig
from tests.conftest import SHARED, run_cli
from tests.server.conftest import ARTIFACTS, LiveServer
from tests.server.webdriver import ELEMENT, Browser, find_browser

pytestmark = pytest.mark.browser
FOUND = find_browser()
T17 = SHARED / "corpora" / "t17-dev" / "articles.jsonl.gz"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if FOUND is None:
        pytest.skip("chromium/chromedriver not found (`make browsers` installs them)")
    b = Browser(*FOUND)
    yield b
    b.close()


@pytest.fixture(scope="module")
def big_site(big_db: Path) -> Iterator[LiveServer]:
    srv = LiveServer(ServerConfig(str(big_db)))
    yield srv
    srv.stop()


def _open(b: Browser, url: str) -> None:
    b.get(url)
    assert b.wait_for("document.readyState === 'complete'")


def _shot(b: Browser, name: str) -> None:
    b.page_screenshot(ARTIFACTS / f"walk-{name}.png")


def _int(b: Browser, css: str, attr: str) -> int:
    value = b.attribute(b.find(css), attr)
    assert value is not None, (css, attr)
    return int(value)


def _el(element: str) -> dict[str, str]:
    """An element as a script argument."""
    return {ELEMENT: element}


def _path(b: Browser) -> str:
    return str(b.script("return location.pathname + location.search"))


def _problems(b: Browser) -> list[str]:
    return [m["message"] for m in b.console() if m.get("level") == "SEVERE"]


def walk(b: Browser, url: str, prefix: str = "") -> None:
    api = httpx.Client(base_url=url.rstrip("/"), timeout=30)
    shot = lambda name: _shot(b, prefix + name)  # noqa: E731

    # Home: the largest stories, a link to all of them, the busiest pairs.
    _open(b, url)
    shot("01-home")
    total = int(re.search(r"All (\d+) stories", b.text(b.find("a.all-stories")))[1])
    assert total == api.get("/api/stories", params={"limit": 1}).json()["total"] > 50
    home_pairs = {
        b.attribute(a, "href"): int(b.attribute(n, "data-events") or -1)
        for a, n in zip(
            b.find_all("table.pairs a.pair"), b.find_all("table.pairs td.n"), strict=True
        )
    }

    # The stories list, page 2.
    b.click(b.find("a.all-stories"))
    assert b.wait_for("location.pathname === '/stories'")
    shot("02-stories")
    b.click(b.find("nav.pager a[rel=next]"))
    assert b.wait_for("location.search.includes('offset=50')")
    assert b.wait_for("document.readyState === 'complete'")
    shot("03-stories-page-2")
    rows = b.find_all("table.stories tbody tr")
    assert rows and len(rows) == min(50, total - 50)
    row = rows[0]
    listed = int(
        b.script("return arguments[0].querySelector('[data-events]').dataset.events", _el(row))
    )
    story_href = b.script(
        "return arguments[0].querySelector('a.story').getAttribute('href')", _el(row)
    )
    sid = story_href.rsplit("/", 1)[1]

    # The story: the same count as the list and the API.
    b.click(b.find(f"table.stories a[href='{story_href}']"))
    assert b.wait_for(f"location.pathname === '{story_href}'")
    assert b.wait_for("document.readyState === 'complete'")
    shot("04-story")
    record = api.get(f"/api/stories/{sid}").json()
    n_story = _int(b, "p.summary.counts", "data-events")
    assert n_story == listed == len(record["event_ids"])
    assert n_story == api.get("/api/events", params={"story": sid, "limit": 1}).json()["total"]
    assert _int(b, "p.summary.counts", "data-articles") == len(record["article_ids"])
    assert b.find_all("section.map svg.map")  # its places, drawn offline
    pair_href = b.attribute(b.find("p.links a.pair"), "href")

    # One of its events, then the article of its first report.
    b.click(b.find("ol.timeline li.ev a.evlink"))
    assert b.wait_for("location.pathname.startsWith('/events/')")
    assert b.wait_for("document.readyState === 'complete'")
    shot("05-event")
    crumbs = b.text(b.find("nav.crumbs"))
    assert record["title"] in crumbs
    sentence = b.text(b.find("ol.reports li.report mark.hl"))
    b.click(b.find("ol.reports a.article-link"))
    assert b.wait_for("location.pathname.startsWith('/articles/')")
    assert b.wait_for("document.readyState === 'complete'")
    shot("06-article")
    assert b.text(b.find("article.text mark#hl")).split() == sentence.split()
    assert "report" in b.text(b.find("nav.crumbs"))
    assert not re.fullmatch(r"[0-9a-f]{16}", b.text(b.find("h1")))  # a name, not an id

    # An actor it names: its count on its page equals the API's.
    b.click(b.find("p.named a.actor"))
    assert b.wait_for("location.pathname.startsWith('/actors/')")
    assert b.wait_for("document.readyState === 'complete'")
    shot("07-actor")
    actor_id = _path(b).split("/")[-1]
    n_actor = _int(b, "dd.counts", "data-events")
    assert (
        n_actor == api.get("/api/events", params={"actor_id": actor_id, "limit": 1}).json()["total"]
    )

    # The map of the actor's events, then back.
    actor_path = _path(b)
    b.click(b.find("section.map a[href^='/map?']"))
    assert b.wait_for("location.pathname === '/map'")
    assert b.wait_for("document.readyState === 'complete'")
    shot("08-map")
    located = int(re.search(r"(\d+) located event", b.text(b.find("section.map p.summary")))[1])
    assert (
        located
        == api.get(
            "/api/events", params={"actor_id": actor_id, "bbox": "-90,-180,90,180", "limit": 1}
        ).json()["total"]
    )
    assert len(b.find_all("svg.map a.point circle")) == len(b.find_all("table.map-table tbody tr"))
    b.back()
    assert b.wait_for(f"location.pathname + location.search === '{actor_path}'")
    assert _int(b, "dd.counts", "data-events") == n_actor

    # The story's pair: the same count on home, the pairs list, its page and in the API.
    if pair_href:
        _open(b, url.rstrip("/") + pair_href)
        shot("09-pair")
        n_pair = _int(b, "p.summary.counts", "data-events")
        a, c = pair_href.split("/")[-2:]
        assert (
            n_pair
            == api.get("/api/events", params={"dyad": f"{a},{c}", "limit": 1}).json()["total"]
        )
        if pair_href in home_pairs:
            assert home_pairs[pair_href] == n_pair
        assert b.find_all("svg.chart text.ylabel") and b.find_all("table.chart-table tbody tr")
        _open(b, url + "dyads")
        cells = b.find_all(f"table.pairs a[href='{pair_href}']")
        if cells:
            n = b.script(
                "return arguments[0].closest('tr').querySelector('[data-events]').dataset.events",
                _el(cells[0]),
            )
            assert int(n) == n_pair

    # The rest of the site: outlets side by side, contradictions, search, events, map.
    for path, name in (
        (f"stories/{sid}/outlets", "10-outlets"),
        ("contradictions", "11-contradictions"),
        ("search?q=Miqdad", "12-search"),
        ("events?quad=4&sort=reported", "13-events"),
        ("map", "14-map-all"),
        ("articles", "15-articles"),
        ("actors", "16-actors"),
        ("no-such-page", "17-not-found"),
    ):
        _open(b, url + path)
        shot(name)
    assert "Not found" in b.text(b.find("h1"))
    # No CSP violation or failed resource anywhere (the 404 asked for on purpose aside).
    assert [m for m in _problems(b) if "no-such-page" not in m] == []
    api.close()


def test_walk_the_big_store(browser: Browser, big_site: LiveServer) -> None:
    walk(browser, big_site.url)


@pytest.mark.slow
def test_walk_the_t17_development_topics(
    browser: Browser, tmp_path_factory: pytest.TempPathFactory
) -> None:
    if not T17.is_file():
        pytest.skip("../shared/corpora/t17-dev not present")
    if not os.environ.get("STORYLINE_WALK_T17"):
        pytest.skip(
            "set STORYLINE_WALK_T17=1 to ingest the 2,926 Timeline17 articles and walk them"
        )
    db = tmp_path_factory.mktemp("t17") / "t17.db"
    proc = run_cli("ingest", str(T17), "--db", str(db), timeout=3600)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    srv = LiveServer(ServerConfig(str(db)))
    try:
        walk(browser, srv.url, "t17-")
    finally:
        srv.stop()
