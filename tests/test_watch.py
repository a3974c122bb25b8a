"""``storyline watch`` against a news site on localhost: only new items are fetched, an unchanged
feed costs a 304, a slow or failing host is retried later, robots.txt is respected, a huge page is
skipped with its reason, and a watcher killed mid-batch resumes losing and repeating nothing."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from storyline import service, watch
from storyline.ingest.fetch import Fetcher, Policy
from storyline.store import Store
from tests.conftest import run_cli
from tests.newsserver import Site, article_html, rss, serve, sitemap


@pytest.fixture
def site() -> Iterator[Site]:
    s = Site()
    server, _ = serve(s)
    s.set("/robots.txt", body=b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    yield s
    server.shutdown()
    server.server_close()


def _options(**kw) -> watch.Options:
    policy = Policy(
        timeout=kw.pop("timeout", 5.0), retries=kw.pop("retries", 0), backoff=0.01, host_delay=0
    )
    return watch.Options(every=60, backoff=kw.pop("backoff", 0.01), once=True, policy=policy, **kw)


def _run(sources: list[str], db: Path, ctx, **kw) -> tuple[watch.WatchReport, list[dict]]:
    said: list[dict] = []
    with Store(db) as store:
        report = watch.watch(sources, store, ctx, _options(**kw), said.append, handle_signals=False)
    return report, said


def _articles(db: Path) -> list[str]:
    with sqlite3.connect(db) as c:
        return sorted(r[0] for r in c.execute("SELECT path FROM articles"))


def _feed(site: Site, pages: list[str], etag: str) -> None:
    site.set("/feed.xml", body=rss(site.base, pages), content_type="application/rss+xml", etag=etag)
    for i, p in enumerate(pages):
        if p not in site.routes:
            site.set(p, body=article_html(i + 1))


def test_feed_grows_only_new_items_fetched_then_304(site, tmp_path, ctx):
    db = tmp_path / "w.db"
    _feed(site, ["/news/1", "/news/2"], etag='"v1"')
    report, said = _run([site.base + "/feed.xml"], db, ctx)
    assert report.new == 2 and report.fetched == 2
    assert _articles(db) == [site.base + "/news/1", site.base + "/news/2"]
    with Store(db) as store:
        assert store.count("events") > 0  # the corpus stages ran
        s = store.watch.source(site.base + "/feed.xml")
        assert s is not None and s.etag == '"v1"' and s.last_poll and s.next_poll

    _feed(site, ["/news/3", "/news/1", "/news/2"], etag='"v2"')  # one new item on top
    report, said = _run([site.base + "/feed.xml"], db, ctx)
    assert report.fetched == 1 and report.new == 1
    assert [site.hits(p) for p in ("/news/1", "/news/2", "/news/3")] == [1, 1, 1]
    # The second poll was conditional on the first one's ETag.
    feed_requests = [h for p, h in site.log if p == "/feed.xml"]
    assert feed_requests[1].get("If-None-Match") == '"v1"'

    before = len(site.log)
    report, said = _run([site.base + "/feed.xml"], db, ctx)  # nothing changed: 304
    assert report.not_modified == 1 and report.fetched == 0 and report.new == 0
    assert [p for p, _ in site.log[before:] if p != "/robots.txt"] == ["/feed.xml"]
    assert any(r["event"] == "poll" and r["not_modified"] for r in said)


def test_slow_host_times_out_and_is_retried_later(site, tmp_path, ctx):
    db = tmp_path / "w.db"
    _feed(site, ["/news/1", "/news/2"], etag='"v1"')
    site.routes["/news/2"].delay = 1.5  # slower than the timeout
    report, said = _run([site.base + "/feed.xml"], db, ctx, timeout=0.5)
    assert report.new == 1 and report.failed == 1
    error = next(r for r in said if r["event"] == "item_error")
    assert "timed out" in error["error"] and error["next_try"]
    with Store(db) as store:
        item = store.watch.item(site.base + "/news/2")
        assert item is not None and item.state == "failed" and item.tries == 1

    site.routes["/news/2"].delay = 0
    time.sleep(0.05)  # past the (tiny) backoff
    report, said = _run([site.base + "/feed.xml"], db, ctx, timeout=0.5)
    assert report.new == 1
    assert len(_articles(db)) == 2
    assert site.hits("/news/1") == 1  # never fetched again

    # A slow feed: the poll fails with its next try, and the watcher goes on.
    site.routes["/feed.xml"].delay = 1.5
    report, said = _run([site.base + "/feed.xml"], db, ctx, timeout=0.5, backoff=30)
    error = next(r for r in said if r["event"] == "poll_error")
    assert "timed out" in error["error"] and error["failures"] == 1
    with Store(db) as store:
        s = store.watch.source(site.base + "/feed.xml")
        assert (
            s is not None and s.failures == 1 and s.next_try and "timed out" in (s.last_error or "")
        )
        status = service.watch_status(store)
        assert status is not None and status["sources"][0]["next_poll"] == s.next_try
        assert status["last_poll"] and status["items"]["done"] == 2


def test_host_returning_500_then_recovering(site, tmp_path, ctx):
    db = tmp_path / "w.db"
    _feed(site, ["/news/1"], etag='"v1"')
    site.routes["/feed.xml"].fail_first = 1
    site.routes["/news/1"].fail_first = 1
    report, said = _run([site.base + "/feed.xml"], db, ctx, retries=0)
    assert report.poll_errors == 1 and report.new == 0
    assert next(r for r in said if r["event"] == "poll_error")["error"] == "HTTP 500"

    report, said = _run([site.base + "/feed.xml"], db, ctx, retries=0)  # the feed recovered
    assert report.poll_errors == 0 and report.failed == 1  # the page still fails once
    time.sleep(0.05)
    report, said = _run([site.base + "/feed.xml"], db, ctx, retries=0)  # not modified; retry due
    assert report.not_modified == 1 and report.new == 1
    assert site.hits("/news/1") == 2


def test_retries_within_one_fetch():
    site = Site()
    server, _ = serve(site)
    try:
        site.set("/robots.txt", status=404)
        site.set("/a", body=b"ok", fail_first=2)
        sleeps: list[float] = []
        f = Fetcher(Policy(retries=2, backoff=0.25, host_delay=0), sleep=sleeps.append)
        got = f.fetch(site.base + "/a")
        assert got.ok and got.body == b"ok" and got.tries == 3
        assert sleeps == [0.25, 0.5]  # backoff doubled between tries
        assert site.log[0][1]["User-Agent"].startswith("storyline/")
    finally:
        server.shutdown()
        server.server_close()


def test_robots_txt_disallowed_path_is_never_fetched(site, tmp_path, ctx):
    db = tmp_path / "w.db"
    _feed(site, ["/news/1", "/private/2"], etag='"v1"')
    report, said = _run([site.base + "/feed.xml"], db, ctx)
    assert report.new == 1
    assert site.hits("/private/2") == 0
    skip = next(r for r in said if r["event"] == "skipped")
    assert skip["path"].endswith("/private/2") and "robots.txt" in skip["reason"]
    with Store(db) as store:
        item = store.watch.item(site.base + "/private/2")
        assert item is not None and item.state == "skipped"
        assert any("robots.txt" in reason for _, _, reason in store.articles.skipped())


def test_huge_page_is_skipped_with_reason(site, tmp_path, ctx):
    db = tmp_path / "w.db"
    _feed(site, ["/news/1", "/news/big", "/news/stream"], etag='"v1"')
    big = b"<html><body><p>" + b"word " * 300_000 + b"</p></body></html>"  # 1.5 MB
    site.set("/news/big", body=big)  # says its length
    site.set("/news/stream", body=big, chunked=True)  # does not: found while reading
    ctx.read.max_bytes, saved = 1024 * 1024, ctx.read.max_bytes
    try:
        report, said = _run([site.base + "/feed.xml"], db, ctx)
    finally:
        ctx.read.max_bytes = saved
    assert report.new == 1
    reasons = {r["path"].rsplit("/", 1)[-1]: r["reason"] for r in said if r["event"] == "skipped"}
    assert set(reasons) == {"big", "stream"}
    assert all("larger than the 1 MB limit" in r for r in reasons.values())
    with Store(db) as store:
        assert store.watch.counts()["skipped"] == 2


def test_sitemap_and_folder(site, tmp_path, ctx):
    db = tmp_path / "w.db"
    site.set("/sitemap.xml", body=sitemap(site.base, ["/a/1", "/a/2"]), content_type="text/xml")
    site.set("/a/1", body=article_html(11))
    site.set("/a/2", body=article_html(12))
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "one.html").write_bytes(article_html(21))
    report, _ = _run([site.base + "/sitemap.xml", str(folder)], db, ctx)
    assert report.new == 3
    (folder / "two.html").write_bytes(article_html(22))
    report, _said = _run([site.base + "/sitemap.xml", str(folder)], db, ctx)
    assert report.new == 1 and report.fetched == 0  # the sitemap's pages are not fetched again
    assert len(_articles(db)) == 4


def test_a_page_that_is_not_a_feed_is_a_poll_error(site, tmp_path, ctx):
    site.set("/home", body=article_html(5))
    report, said = _run([site.base + "/home"], tmp_path / "w.db", ctx)
    error = next(r for r in said if r["event"] == "poll_error")
    assert error["error"] == "neither a feed nor a sitemap (text/html)"
    assert report.fetched == 0


def test_parse_every():
    assert watch.parse_every("15m") == 900
    assert watch.parse_every("1h30m") == 5400
    assert watch.parse_every("45") == 45
    with pytest.raises(ValueError):
        watch.parse_every("soon")


def _watch_cmd(site: Site, db: Path, *extra: str) -> list[str]:
    return [
        sys.executable, "-m", "storyline.cli", "watch", site.base + "/feed.xml", "--db", str(db),
        "--host-delay", "0", "--backoff", "0.01s", "--batch-size", "2", "--json-progress", *extra,
    ]  # fmt: skip


@pytest.mark.slow
def test_sigkill_mid_batch_then_restart_loses_and_repeats_nothing(site, tmp_path):
    pages = [f"/news/{i}" for i in range(1, 7)]
    _feed(site, pages, etag='"v1"')
    db = tmp_path / "w.db"
    # The second batch's transaction is killed half-written (SIGKILL inside write_batch).
    killed = subprocess.run(
        _watch_cmd(site, db, "--once"),
        env={**os.environ, "STORYLINE_FAULT": "mid-batch@2"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert killed.returncode == -signal.SIGKILL
    assert len(_articles(db)) == 2  # the first batch only
    first_batch = [p for p in pages if site.hits(p) == 1][:2]

    again = run_cli(*_watch_cmd(site, db, "--once")[3:])
    assert again.returncode == 0, again.stderr
    assert _articles(db) == sorted(site.base + p for p in pages)  # nothing lost
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT count(*) FROM articles").fetchone()[0] == 6  # nothing twice
        assert c.execute("SELECT count(DISTINCT state) FROM watch_items").fetchone()[0] == 1
    # Pages written before the kill were not fetched again; the killed batch's were, once.
    assert all(site.hits(p) == 1 for p in pages[:2])
    assert first_batch == pages[:2]
    assert all(site.hits(p) <= 2 for p in pages)
    # The restart's poll was conditional and answered 304: the items came from the store.
    assert '"event": "poll"' in again.stderr and '"not_modified": true' in again.stderr
    done = json.loads(again.stderr.strip().splitlines()[-1])
    assert done["event"] == "done" and done["new"] == 4


@pytest.mark.slow
def test_sigterm_stops_after_the_current_batch(site, tmp_path):
    _feed(site, ["/news/1", "/news/2"], etag='"v1"')
    db = tmp_path / "w.db"
    p = subprocess.Popen(_watch_cmd(site, db, "--every", "1h"), stderr=subprocess.PIPE, text=True)
    assert p.stderr is not None
    for line in p.stderr:
        if '"event": "sleep"' in line:  # a round done, waiting for the next poll
            break
    p.send_signal(signal.SIGTERM)
    assert p.wait(timeout=30) == 0
    rest = p.stderr.read()
    assert "stopping" in rest and '"event": "done"' in rest
    assert len(_articles(db)) == 2


def test_serve_shows_last_and_next_poll(site, tmp_path, ctx):
    import warnings

    from storyline.server.app import ServerConfig, create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    db = tmp_path / "w.db"
    _feed(site, ["/news/1"], etag='"v1"')
    _run([site.base + "/feed.xml"], db, ctx)
    client = TestClient(create_app(ServerConfig(str(db))))
    status = client.get("/api/summary").json()["watch"]
    assert status["last_poll"] and status["next_poll"] > status["last_poll"]
    assert status["sources"][0]["source"] == site.base + "/feed.xml"
    page = client.get("/").text
    assert "Watching 1 source: last poll " + status["last_poll"] in page
    assert "next " + status["next_poll"] in page
