"""A small news site on localhost for the watch tests: feeds, sitemaps, pages and robots.txt,
each of which can be made slow, failing, huge or changed between polls.  Every request is
logged (path and conditional headers) so a test can say what was fetched, and how often.

The articles are written for these tests (made-up places and people)."""

from __future__ import annotations

import contextlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

PLACES = ["Norvale", "Estravia", "Kalmar Bay", "Tessaly", "Orindo", "Vastmark", "Pellin", "Quor"]


def article_html(i: int, title: str | None = None) -> bytes:
    """A news page: title, publication time, a few paragraphs that name two countries."""
    a, b = ("Turkey", "Syria") if i % 2 else ("Russia", "Iran")
    place = PLACES[i % len(PLACES)]
    title = title or f"Talks in {place}, report number {i}"
    body = (
        f"<p>{place}, March {i % 27 + 1} - The foreign minister of {a} met officials of {b} in "
        f"{place} on Tuesday to discuss the crossing at the border, the ministry said in its "
        f"report number {i}.</p>"
        f"<p>Officials said the two delegations agreed to meet again next month. Trade between "
        f"the neighbours fell by {i + 3} percent last year, figures showed.</p>"
        f"<p>Police in {place} said they had closed two roads near the venue for the day, and "
        f"that about {20 + i} people gathered outside the building.</p>"
    )
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{title}</title>"
        f"<meta property='article:published_time' content='2021-03-{i % 27 + 1:02d}T09:00:00Z'>"
        f"</head><body><article><h1>{title}</h1>{body}</article></body></html>"
    ).encode()


def rss(base: str, paths: list[str]) -> bytes:
    items = "".join(
        f"<item><title>Item {p}</title><link>{base}{p}</link><guid>{base}{p}</guid>"
        "<pubDate>Tue, 02 Mar 2021 09:00:00 GMT</pubDate></item>"
        for p in paths
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>Test wire</title><link>{base}</link><description>t</description>{items}"
        "</channel></rss>"
    ).encode()


def sitemap(base: str, paths: list[str]) -> bytes:
    urls = "".join(f"<url><loc>{base}{p}</loc></url>" for p in paths)
    return (
        "<?xml version='1.0' encoding='UTF-8'?>"
        f"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{urls}</urlset>"
    ).encode()


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    etag: str | None = None
    delay: float = 0.0  # seconds before answering
    fail_first: int = 0  # answer 500 this many times first
    chunked: bool = False  # no Content-Length: the size is only known by reading
    served: int = 0


@dataclass
class Site:
    routes: dict[str, Route] = field(default_factory=dict)
    log: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    base: str = ""

    def hits(self, path: str) -> int:
        with self.lock:
            return sum(1 for p, _ in self.log if p == path)

    def set(self, path: str, **kw: Any) -> Route:
        route = Route(**kw)
        self.routes[path] = route
        return route


def serve(site: Site) -> tuple[ThreadingHTTPServer, threading.Thread]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            with site.lock:
                site.log.append((self.path, dict(self.headers)))
            route = site.routes.get(self.path)
            if route is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            route.served += 1
            if route.delay:
                time.sleep(route.delay)
            if route.fail_first and route.served <= route.fail_first:
                self.send_response(500)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if route.etag and self.headers.get("If-None-Match") == route.etag:
                self.send_response(304)
                self.send_header("ETag", route.etag)
                self.end_headers()
                return
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            if route.etag:
                self.send_header("ETag", route.etag)
            if route.chunked:
                self.send_header("Connection", "close")
                self.end_headers()
                try:
                    for i in range(0, len(route.body), 65536):
                        self.wfile.write(route.body[i : i + 65536])
                except (BrokenPipeError, ConnectionResetError):
                    pass
                return
            self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(route.body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread
