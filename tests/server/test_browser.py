"""Headless Chromium loads every view, follows links from a story's timeline to an event to the
article it came from, and never runs text from an article.  Screenshots go to tests/artifacts/.

Runs on the sample corpus always and on the shared seeds when they are present; skips when
chromium or chromedriver cannot be found (``make test`` installs them on Debian)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from storyline.server.app import ServerConfig
from tests.server.conftest import ARTIFACTS, LiveServer
from tests.server.webdriver import Browser, find_browser

pytestmark = pytest.mark.browser
FOUND = find_browser()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if FOUND is None:
        pytest.skip("chromium/chromedriver not found (`make browsers` installs them)")
    b = Browser(*FOUND)
    yield b
    b.close()


@pytest.fixture(scope="module", params=["sample", "seeds"])
def site(request: pytest.FixtureRequest) -> Iterator[tuple[str, LiveServer]]:
    db: Path = request.getfixturevalue(f"{request.param}_db")  # seeds_db skips when absent
    srv = LiveServer(ServerConfig(str(db)))
    yield request.param, srv
    srv.stop()


def _problems(b: Browser) -> list[str]:
    """Console errors: a CSP violation or a failed resource shows up here."""
    return [m["message"] for m in b.console() if m.get("level") == "SEVERE"]


def _open(b: Browser, url: str, shot: str) -> None:
    b.get(url)
    assert b.wait_for("document.readyState === 'complete'")
    b.screenshot(ARTIFACTS / f"{shot}.png")


def test_every_view_loads(browser: Browser, site: tuple[str, LiveServer]) -> None:
    name, srv = site
    b, url = browser, srv.url
    _open(b, url, f"{name}-home")
    assert b.title.startswith("Stories")
    story = b.prop(b.find("a.story"), "href")
    assert story and "/stories/" in story
    _open(b, story, f"{name}-story")
    assert b.find_all("ol.timeline li.ev"), "the story has dated events"
    pair = b.find_all("a[href^='/dyads/']")
    dyad = b.prop(pair[0], "href") if pair else url + "dyads/TUR/SYR"
    _open(b, dyad, f"{name}-dyad")
    assert b.find_all("svg.dyad a.month") or "No monthly rows" in b.text(b.find("main"))
    _open(b, url + "events", f"{name}-events")
    event = b.prop(b.find("table.events a.evlink"), "href")
    _open(b, event, f"{name}-event")
    assert b.find_all("ol.reports li.report mark.hl")
    actor = b.prop(b.find("h1 a.actor"), "href")  # the event's source, often a person
    _open(b, actor, f"{name}-actor")
    assert b.find("h1")
    _open(b, url + "actors", f"{name}-actors")
    assert b.find_all("table.actors a")
    _open(b, url + "actors?known=false", f"{name}-actors-unknown")
    _open(b, url + "articles", f"{name}-articles")
    article = b.prop(b.find("main table a"), "href")
    _open(b, article, f"{name}-article")
    assert b.find("article.text")
    b.get(url)
    box = b.find("header form.search input[type=search]")
    b.type(box, "minister")
    b.click(b.find("header form.search button"))
    assert b.wait_for("location.pathname === '/search'")
    b.screenshot(ARTIFACTS / f"{name}-search.png")
    assert "minister" in b.url
    assert _problems(b) == []


def test_timeline_to_event_to_article(browser: Browser, site: tuple[str, LiveServer]) -> None:
    name, srv = site
    b = browser
    _open(b, srv.url, f"{name}-flow-0-home")
    b.click(b.find("a.story"))
    assert b.wait_for("location.pathname.startsWith('/stories/')")
    # The zoom buttons work under the CSP (the script is allowed, inline script is not needed).
    strip = b.find("svg#strip")
    width = float(b.attribute(strip, "width") or 0)
    b.click(b.find("#zoom-in"))
    assert float(b.attribute(strip, "width") or 0) == pytest.approx(2 * width)
    b.screenshot(ARTIFACTS / f"{name}-flow-1-story.png")
    b.click(b.find("ol.timeline li.ev a.evlink"))
    assert b.wait_for("location.pathname.startsWith('/events/')")
    b.screenshot(ARTIFACTS / f"{name}-flow-2-event.png")
    sentence = b.text(b.find("ol.reports li.report mark.hl"))
    assert sentence
    b.click(b.find("ol.reports a.article-link"))
    assert b.wait_for("location.pathname.startsWith('/articles/')")
    assert re.search(r"start=\d+&end=\d+", b.url)
    highlighted = b.text(b.find("article.text mark#hl"))
    assert highlighted.split() == sentence.split()  # the same sentence, marked in its article
    b.screenshot(ARTIFACTS / f"{name}-flow-3-article.png")
    assert _problems(b) == []


def test_dyad_month_is_clickable(browser: Browser, site: tuple[str, LiveServer]) -> None:
    name, srv = site
    b = browser
    _open(b, srv.url + "dyads", f"{name}-dyads")
    links = b.find_all("main table a")
    if not links:
        pytest.skip("no dyad rows in this store")
    b.click(links[0])
    assert b.wait_for("location.pathname.startsWith('/dyads/')")
    months = b.find_all("svg.dyad a.month:not([data-events='0'])")
    assert months
    month = b.attribute(months[-1], "data-month")
    b.click(months[-1])
    assert b.wait_for(f"location.search.includes('month={month}')")
    assert b.wait_for("document.readyState === 'complete'")
    assert b.find_all("table.events tbody tr"), "the month's events are listed"
    b.screenshot(ARTIFACTS / f"{name}-dyad-month.png")


def test_article_text_never_runs(browser: Browser, hostile_db: Path) -> None:
    srv = LiveServer(ServerConfig(str(hostile_db)))
    b = browser
    try:
        for path, shot in (
            ("articles", "articles"),
            ("actors/zorblat-quux", "actor"),
            ("events", "events"),
            ("search?q=leaflet", "search"),
        ):
            _open(b, srv.url + path, f"hostile-{shot}")
            assert b.script("return typeof window.__xss") == "undefined", path
        _open(b, srv.url + "articles", "hostile-articles")
        b.click(b.find("main table a"))
        assert b.wait_for("location.pathname.startsWith('/articles/')")
        assert b.wait_for("document.readyState === 'complete'")
        b.screenshot(ARTIFACTS / "hostile-article.png")
        assert b.script("return typeof window.__xss") == "undefined"
        shown = b.text(b.find("article.text"))
        assert "<script>window.__xss='text'</script>" in shown
        assert "onerror=" in shown
    finally:
        srv.stop()
