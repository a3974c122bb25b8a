"""Access, uploads and hostile input: tokens, read-only reads, upload limits, path traversal,
SQL metacharacters in every filter, escaping, security headers."""

from __future__ import annotations

import asyncio
import hashlib
import os
import re
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

from storyline.pipeline import Context
from storyline.server.app import ServeError, ServerConfig, create_app, is_loopback, resolve_token
from storyline.store import Store
from tests.server.conftest import PAYLOADS, client_for

TOKEN = "correct-horse-battery"


# ---- tokens -------------------------------------------------------------------------------------
def test_token_is_required_on_every_request(sample_db: Path) -> None:
    c = client_for(sample_db, token=TOKEN)
    for path in ("/", "/api/events", "/static/app.css", "/docs", "/openapi.json", "/nope"):
        r = c.get(path)
        assert r.status_code == 401, path
        assert r.headers["www-authenticate"] == "Bearer"
        assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
    assert c.get("/api/events", headers={"Authorization": "Bearer wrong-token!"}).status_code == 401
    assert c.get("/api/events", params={"token": TOKEN[:-1]}).status_code == 401
    assert c.get("/api/events", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    # ?token= works and leaves a same-site, script-proof cookie so a browser can follow links.
    r = c.get("/", params={"token": TOKEN})
    assert r.status_code == 200
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    assert c.get("/api/summary").status_code == 200  # the cookie alone now
    c.cookies.clear()
    assert c.get("/api/summary").status_code == 401


def test_non_loopback_bind_needs_a_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STORYLINE_TOKEN", raising=False)
    for host in ("127.0.0.1", "127.0.0.9", "::1", "[::1]", "localhost"):
        assert is_loopback(host), host
        assert resolve_token(host, None) is None
    for host in ("0.0.0.0", "::", "192.168.1.20", "example.org"):
        assert not is_loopback(host), host
        with pytest.raises(ServeError, match="--token"):
            resolve_token(host, None)
        assert resolve_token(host, TOKEN) == TOKEN
    monkeypatch.setenv("STORYLINE_TOKEN", TOKEN)
    assert resolve_token("0.0.0.0", None) == TOKEN
    with pytest.raises(ServeError, match="8 characters"):
        resolve_token("0.0.0.0", "short")


def _serve(args: list[str], env: dict[str, str]) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "storyline.cli", "serve", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **env},
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    m = re.search(r"http://\S+/", line)
    if not m:
        proc.kill()
        raise AssertionError(f"no URL: {line!r} {proc.stderr.read() if proc.stderr else ''}")
    return proc, m.group(0)


def test_cli_refuses_a_public_bind_without_token(sample_db: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "STORYLINE_TOKEN"}
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "storyline.cli",
            "serve",
            "--db",
            str(sample_db),
            "--host",
            "0.0.0.0",
            "--port",
            "0",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert proc.returncode == 2
    assert "--token" in proc.stderr


def test_cli_public_bind_with_env_token_requires_it(sample_db: Path) -> None:
    import httpx

    proc, url = _serve(
        ["--db", str(sample_db), "--host", "0.0.0.0", "--port", "0"], {"STORYLINE_TOKEN": TOKEN}
    )
    try:
        local = url.replace("0.0.0.0", "127.0.0.1")
        assert httpx.get(local + "api/summary", timeout=10).status_code == 401
        ok = httpx.get(local + "api/summary", headers={"Authorization": f"Bearer {TOKEN}"})
        assert ok.status_code == 200 and ok.json()["counts"]["articles"] > 0
    finally:
        proc.terminate()
        proc.wait(10)


# ---- read-only reads -------------------------------------------------------------------------------
def test_reads_use_a_read_only_connection(sample_db: Path, client) -> None:
    before = hashlib.sha256(sample_db.read_bytes()).hexdigest()
    store = client.app.state.open_reader()
    try:
        assert store.readonly
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store.db.execute("CREATE TABLE intruder (x)")
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store.db.execute("DELETE FROM events")
    finally:
        store.close()
    for path in (
        "/",
        "/api/events",
        "/api/articles",
        "/api/actors",
        "/api/stories",
        "/api/claims",
        "/api/dyads",
        "/events",
        "/actors",
        "/articles",
        "/dyads/TUR/SYR",
    ):
        assert client.get(path).status_code == 200, path
    assert hashlib.sha256(sample_db.read_bytes()).hexdigest() == before


# ---- ingest uploads ---------------------------------------------------------------------------------
ARTICLE = (
    "Title: Ankara and Athens talk\nOutlet: Upload Test Wire\nDate: 2024-02-05\n\n"
    "Greek Foreign Minister George Gerapetritis met Turkish Foreign Minister Hakan Fidan in "
    "Ankara on Monday, the ministry said.\n"
)


def test_ingest_is_off_by_default(sample_db: Path, client) -> None:
    r = client.post("/ingest", files={"files": ("a.txt", ARTICLE.encode())})
    assert r.status_code == 403
    assert "--allow-ingest" in r.json()["detail"]
    assert client.post("/ingest?name=a.txt", content=ARTICLE.encode()).status_code == 403


@pytest.fixture()
def upload_db(tmp_path: Path) -> Path:
    db = tmp_path / "up.db"
    Store(db).close()
    return db


def test_ingest_upload_runs_the_pipeline(upload_db: Path, ctx: Context) -> None:
    c = client_for(upload_db, allow_ingest=True, ctx=ctx)
    r = c.post("/ingest", files=[("files", ("../../etc/ankara.txt", ARTICLE.encode()))])
    assert r.status_code == 200, r.text
    assert r.json()["new"] == 1 and r.json()["events"] >= 1
    arts = c.get("/api/articles").json()["items"]
    assert [a["path"] for a in arts] == ["upload:ankara.txt"]  # no directories kept
    assert arts[0]["outlet"] == "Upload Test Wire"
    assert c.get("/api/events").json()["total"] >= 1
    again = c.post("/ingest?name=ankara.txt", content=ARTICLE.encode())
    assert again.status_code == 200 and again.json()["already_stored"] == 1
    bad = c.post("/ingest?name=blob.bin", content=b"\x00\x01\x02" * 100)
    assert bad.status_code == 200 and bad.json()["skipped"]


def test_ingest_upload_is_size_limited(upload_db: Path, ctx: Context) -> None:
    c = client_for(upload_db, allow_ingest=True, max_upload=1000, ctx=ctx)
    big = (ARTICLE + "More words. " * 200).encode()
    assert c.post("/ingest", files={"files": ("big.txt", big)}).status_code == 413
    assert c.post("/ingest?name=big.txt", content=big).status_code == 413

    def chunks() -> Any:  # no Content-Length: the limit holds while reading
        for i in range(0, len(big), 100):
            yield big[i : i + 100]

    assert c.post("/ingest?name=big.txt", content=chunks()).status_code == 413
    assert c.get("/api/summary").json()["counts"]["articles"] == 0
    assert c.post("/ingest", files={}).status_code in (413, 422)


def test_cross_site_post_is_refused(upload_db: Path, ctx: Context) -> None:
    c = client_for(upload_db, allow_ingest=True, ctx=ctx)
    r = c.post(
        "/ingest?name=a.txt",
        content=ARTICLE.encode(),
        headers={"Origin": "https://evil.example"},
    )
    assert r.status_code == 403
    assert c.get("/api/summary").json()["counts"]["articles"] == 0


# ---- static files ----------------------------------------------------------------------------------
TRAVERSALS = [
    "/static/../app.py",
    "/static/../../store/sqlite.py",
    "/static/..%2fapp.py",
    "/static/%2e%2e/app.py",
    "/static/%2e%2e%2fapp.py",
    "/static/..%5capp.py",
    "/static/....//app.py",
    "/static//etc/passwd",
    "/static/%2fetc%2fpasswd",
    "/static/..%252fapp.py",
    "/static/templates/../../app.py",
    "/static/app.css/../../app.py",
]
SECRETS = ("def create_app", "root:x:", "class Store")


async def _asgi_get(app: Any, raw_path: str) -> tuple[int, bytes]:
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": unquote(raw_path),
        "raw_path": raw_path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"testserver")],
        "client": ("127.0.0.1", 5000),
        "server": ("testserver", 80),
    }
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app(scope, receive, send)
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return status, body


@pytest.mark.parametrize("path", TRAVERSALS)
def test_static_files_do_not_escape_their_folder(sample_db: Path, path: str) -> None:
    app = create_app(ServerConfig(str(sample_db)))
    status, body = asyncio.run(_asgi_get(app, path))
    assert status in (400, 404), (path, status)
    assert not any(s.encode() in body for s in SECRETS)


def test_static_traversal_over_a_real_socket(live_sample) -> None:
    """uvicorn hands the path over as sent; nothing outside static/ comes back."""
    host, port = "127.0.0.1", int(live_sample.url.rsplit(":", 1)[1].strip("/"))
    for path in TRAVERSALS:
        with socket.create_connection((host, port), timeout=10) as s:
            s.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
            data = b""
            while chunk := s.recv(65536):
                data += chunk
        status = int(data.split(b" ", 2)[1])
        assert status in (400, 404), (path, data[:200])
        assert not any(x.encode() in data for x in SECRETS), path
    with socket.create_connection((host, port), timeout=10) as s:
        s.sendall(
            f"GET /static/app.css HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode()
        )
        assert s.recv(100).startswith(b"HTTP/1.1 200")


# ---- SQL and FTS metacharacters -------------------------------------------------------------------
NASTY = [
    "' OR '1'='1",
    '" OR ""="',
    "'; DROP TABLE events; --",
    "%",
    "_",
    "\\",
    "*",
    "NEAR(a b)",
    "title:Moscow",
    "a OR b AND",
    ")(",
    "-x",
    "^",
    'Moscow" OR "x',
    "😀",
    "x" * 2000,
]
FILTERS = {
    "/api/events": [
        "actor",
        "actor_id",
        "dyad",
        "code",
        "root",
        "date_from",
        "date_to",
        "outlet",
        "story",
        "article",
        "polarity",
        "modality",
        "q",
    ],
    "/api/articles": [
        "q",
        "outlet",
        "story",
        "actor",
        "language",
        "published_how",
        "date_from",
        "date_to",
    ],
    "/api/actors": ["q", "code", "kind"],
    "/api/stories": ["actor", "q", "article", "date_from", "date_to"],
    "/api/claims": ["article", "event", "polarity", "speaker", "q"],
    "/api/dyads": ["a", "b", "date_from", "date_to"],
    "/api/search": ["q"],
    "/events": ["q", "actor", "dyad", "outlet"],
    "/articles": ["q", "outlet"],
    "/actors": ["q", "known"],
    "/search": ["q"],
}


def test_sql_metacharacters_in_every_filter(sample_db: Path, client) -> None:
    counts = client.get("/api/summary").json()["counts"]
    before = hashlib.sha256(sample_db.read_bytes()).hexdigest()
    for path, names in FILTERS.items():
        for name in names:
            for value in NASTY:
                r = client.get(path, params={name: value})
                assert r.status_code in (200, 400, 422), (path, name, value, r.status_code)
                if r.status_code == 200 and path.startswith("/api/") and name != "q":
                    # Nothing in the store has these values; a query that was rewritten by
                    # them would return everything.  (Text search rightly finds words such as
                    # "OR" or "a" in the articles: its operators are quoted, not dropped.)
                    assert r.json()["total"] == 0, (path, name, value)
    assert client.get("/api/summary").json()["counts"] == counts
    assert hashlib.sha256(sample_db.read_bytes()).hexdigest() == before
    for value in NASTY:
        r = client.get(f"/api/dyads/{value[:3]}/SYR/timeline")
        assert r.status_code in (200, 404, 422), value
        if r.status_code == 200:  # three letters are a side: one that has no events
            assert r.json()["months"] == [] and r.json()["events"] == 0
        r = client.get(f"/api/events/{value}")
        assert r.status_code == 404, value


# ---- escaping ------------------------------------------------------------------------------------
def test_article_text_and_actor_names_are_escaped(hostile_db: Path) -> None:
    c = client_for(hostile_db)
    ev = c.get("/api/events").json()["items"]
    assert ev and "<img" in ev[0]["source"]["name"]  # the hostile name reached the event
    art = c.get("/api/articles").json()["items"][0]
    story = c.get("/api/stories").json()["items"]
    pages = [
        "/",
        "/articles",
        f"/articles/{art['article_id']}",
        f"/articles/{art['article_id']}?start=0&end=20",
        "/events",
        f"/events/{ev[0]['event_id']}",
        "/actors",
        "/actors/zorblat-quux",
        "/search?q=leaflet",
        "/search?q=Zorblat",
        "/dyads/TUR/SYR?month=2023-03",
        *(f"/stories/{s['story_id']}" for s in story),
    ]
    for path in pages:
        r = c.get(path)
        assert r.status_code == 200, path
        for payload in PAYLOADS:
            assert payload not in r.text, (path, payload)
    page = c.get(f"/articles/{art['article_id']}").text
    assert "&lt;script&gt;window.__xss=&#39;text&#39;&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=&#34;window.__xss=&#39;img&#39;&#34;&gt;" in page
    actor = c.get("/actors/zorblat-quux").text
    assert "&lt;img src=x onerror=" in actor and "Envoy &lt;script&gt;" in actor


# ---- headers -------------------------------------------------------------------------------------
def test_security_headers_and_no_inline_script(client, exported_ids: dict[str, str]) -> None:
    for path in (
        "/",
        f"/events/{exported_ids['event']}",
        f"/articles/{exported_ids['article']}",
        "/dyads/TUR/SYR",
        "/actors",
        "/search?q=talks",
        "/docs",
        "/static/app.css",
        "/api/events",
        "/no-such-page",
        "/events/nope",
    ):
        r = client.get(path)
        h = r.headers
        csp = h["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp, path
        assert "frame-ancestors 'none'" in csp and "default-src 'none'" in csp
        assert h["x-content-type-options"] == "nosniff"
        assert h["x-frame-options"] == "DENY"
        assert h["referrer-policy"] == "no-referrer"
        if h["content-type"].startswith("text/html"):
            # CSP forbids inline script and style, so the pages must not need any.
            assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", r.text), path
            assert not re.search(r"<[^>]+\s(on\w+|style)=", r.text), path


@pytest.fixture(scope="module")
def exported_ids(client) -> dict[str, str]:
    return {
        "event": client.get("/api/events?limit=1").json()["items"][0]["event_id"],
        "article": client.get("/api/articles?limit=1").json()["items"][0]["article_id"],
    }
