"""Fetching feeds and pages politely: what ``storyline watch`` asks of the network.

A watcher polls the same hosts for months, so it must behave as the hosts expect of a crawler:
a User-Agent that says who it is, robots.txt respected (``urllib.robotparser``, cached per host
for an hour), at most one request per host every ``host_delay`` seconds, conditional GETs
(ETag, Last-Modified) so an unchanged feed costs a 304, and bounded sizes and times so one
huge or stalled page cannot stall the run.  Failures come back as values (``Fetched.error``,
with ``transient`` saying whether trying later can help), never as exceptions: a watcher keeps
going whatever the network does.
"""

from __future__ import annotations

import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import httpx

import storyline

USER_AGENT = (
    f"storyline/{storyline.__version__} (news event coder; follows feeds it is given; "
    "respects robots.txt)"
)
ROBOTS_TTL = 3600.0
MAX_FEED_BYTES = 20 * 1024 * 1024  # a feed or sitemap: a container, larger than one page


@dataclass
class Policy:
    """How the fetcher treats hosts; the CLI's options, with defaults a host will accept."""

    user_agent: str = USER_AGENT
    timeout: float = 20.0  # seconds to connect, and between bytes read
    retries: int = 2  # extra tries within one fetch for a transient failure
    backoff: float = 1.0  # seconds before the first extra try, doubled each time
    host_delay: float = 1.0  # seconds between two requests to one host
    max_bytes: int = 5 * 1024 * 1024  # a page (as ingest's --max-mb)
    max_retry_after: float = 60.0  # a server's Retry-After is honoured up to this


@dataclass
class Fetched:
    """What one fetch gave: a body, "not modified", or an error."""

    url: str
    status: int = 0
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    content_type: str = ""
    error: str | None = None
    transient: bool = False  # trying later may help (timeout, 5xx, 429, robots.txt unreachable)
    tries: int = 0
    retry_after: float | None = None  # seconds a 429/503 asked us to wait

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def ok(self) -> bool:
        return self.error is None and self.status == 200


class TooLarge(Exception):
    pass


@dataclass
class Fetcher:
    """One HTTP client for a watcher's life: connection reuse, robots cache, host clocks."""

    policy: Policy = field(default_factory=Policy)
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    client: httpx.Client | None = None
    _robots: dict[str, tuple[float, urllib.robotparser.RobotFileParser | None]] = field(
        default_factory=dict
    )
    _last_hit: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.client is None:
            self.client = httpx.Client(
                headers={"User-Agent": self.policy.user_agent},
                timeout=httpx.Timeout(self.policy.timeout),
                follow_redirects=True,
                max_redirects=5,
            )

    def close(self) -> None:
        if self.client is not None:
            self.client.close()

    # ---- politeness -------------------------------------------------------------------------------
    def _wait_for(self, host: str) -> None:
        last = self._last_hit.get(host)
        if last is not None:
            wait = last + self.policy.host_delay - self.clock()
            if wait > 0:
                self.sleep(wait)
        self._last_hit[host] = self.clock()

    def robots(self, url: str) -> tuple[bool, str | None]:
        """(allowed, why not): robots.txt of the URL's host, fetched once an hour.

        As RFC 9309 asks: a robots.txt that is missing (4xx) allows everything; one that
        cannot be read (5xx, network) disallows everything for now, so the page waits."""
        parts = urlsplit(url)
        host = f"{parts.scheme}://{parts.netloc}"
        cached = self._robots.get(host)
        if cached is None or self.clock() - cached[0] > ROBOTS_TTL:
            got = self._get(host + "/robots.txt", max_bytes=512 * 1024, retries=0)
            parser: urllib.robotparser.RobotFileParser | None
            if got.error is None and got.status == 200:
                parser = urllib.robotparser.RobotFileParser()
                parser.parse(got.body.decode("utf-8", "replace").splitlines())
            elif 400 <= got.status < 500 and got.status != 429:
                parser = urllib.robotparser.RobotFileParser()
                parser.parse([])  # no robots.txt: everything allowed
            else:
                # Not cached: asked again at the next fetch on this host.
                return False, f"robots.txt of {host} unavailable ({got.error or got.status})"
            cached = (self.clock(), parser)
            self._robots[host] = cached
        parser = cached[1]
        if parser is not None and not parser.can_fetch(self.policy.user_agent, url):
            return False, "disallowed by robots.txt"
        return True, None

    # ---- fetching ---------------------------------------------------------------------------------
    def fetch(
        self,
        url: str,
        etag: str | None = None,
        last_modified: str | None = None,
        max_bytes: int | None = None,
    ) -> Fetched:
        """GET ``url`` (conditionally when validators are given), robots.txt first."""
        allowed, why = self.robots(url)
        if not allowed:
            assert why is not None
            return Fetched(url, error=why, transient="unavailable" in why)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._get(url, headers, max_bytes or self.policy.max_bytes, self.policy.retries)

    def _get(
        self,
        url: str,
        headers: dict[str, str] | None = None,
        max_bytes: int = MAX_FEED_BYTES,
        retries: int = 0,
    ) -> Fetched:
        assert self.client is not None
        host = urlsplit(url).netloc
        tries = 0
        while True:
            tries += 1
            self._wait_for(host)
            got = self._once(url, headers or {}, max_bytes)
            got.tries = tries
            if not got.transient or tries > retries:
                return got
            wait = self.policy.backoff * 2 ** (tries - 1)
            if got.retry_after is not None:
                wait = max(wait, min(got.retry_after, self.policy.max_retry_after))
            self.sleep(wait)

    def _once(self, url: str, headers: dict[str, str], max_bytes: int) -> Fetched:
        assert self.client is not None
        try:
            with self.client.stream("GET", url, headers=headers) as r:
                got = Fetched(
                    url,
                    r.status_code,
                    etag=r.headers.get("etag"),
                    last_modified=r.headers.get("last-modified"),
                    content_type=r.headers.get("content-type", ""),
                )
                if r.status_code == 304:
                    return got
                if r.status_code >= 400:
                    got.transient = r.status_code >= 500 or r.status_code in (408, 429)
                    got.error = f"HTTP {r.status_code}"
                    got.retry_after = _retry_after(r.headers.get("retry-after"))
                    return got
                length = r.headers.get("content-length")
                if length and length.isdigit() and int(length) > max_bytes:
                    raise TooLarge(int(length))
                chunks, size = [], 0
                for chunk in r.iter_bytes():
                    size += len(chunk)
                    if size > max_bytes:
                        raise TooLarge(size)
                    chunks.append(chunk)
                got.body = b"".join(chunks)
                return got
        except TooLarge:
            mb = max_bytes / (1024 * 1024)
            return Fetched(url, error=f"larger than the {mb:g} MB limit (--max-mb)")
        except httpx.TimeoutException:
            return Fetched(
                url, error=f"timed out (no answer within {self.policy.timeout:g} s)", transient=True
            )
        except httpx.TooManyRedirects:
            return Fetched(url, error="too many redirects")
        except (httpx.TransportError, OSError) as exc:  # refused, reset, DNS
            return Fetched(url, error=f"network error: {exc or type(exc).__name__}", transient=True)
        except httpx.HTTPError as exc:  # an invalid URL, a broken response
            return Fetched(url, error=f"HTTP error: {exc or type(exc).__name__}")


def _retry_after(value: str | None) -> float | None:
    """Seconds a Retry-After header asks for (seconds or an HTTP date), None when absent."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    from datetime import UTC, datetime

    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
