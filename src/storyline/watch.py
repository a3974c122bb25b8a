"""``storyline watch``: follow feeds, sitemaps and folders, and ingest what is new.

A newsroom's feeds change every few minutes and a watcher runs for months, so this is a loop of
rounds: poll each source that is due (a conditional GET for URLs, a listing for folders), record
the items it lists that were never seen as ``pending`` (with the source's validators, in one
transaction), fetch and process the due items a batch at a time (each batch written in one
transaction together with its items' new states), then bring the corpus stages up to date and
sleep until the next source or retry is due.  All state is in the store (``store/watch.py``), so
a restart (after SIGTERM, a reboot or SIGKILL) fetches nothing twice and forgets nothing.
Network failures are values: each is reported with its next try, and the loop goes on.
"""

from __future__ import annotations

import io
import re
import signal
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from storyline.engines import local
from storyline.engines.local import IngestReport
from storyline.ingest.fetch import MAX_FEED_BYTES, Fetcher, Policy
from storyline.ingest.readers import expand_paths, iter_inputs, read_source
from storyline.model import Article, Skipped
from storyline.pipeline import Context, process
from storyline.store import Store
from storyline.store.watch import ItemState, SourceState

MAX_TRIES = 5  # a page that fails this many times (timeouts, 5xx) is given up, with its reason
MAX_SITEMAPS = 50  # child sitemaps read from one sitemap index per poll
UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_every(text: str) -> float:
    """``15m``, ``30s``, ``1h``, ``1h30m`` or plain seconds; ValueError when it is none."""
    text = text.strip().lower()
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return float(text)
    parts = re.findall(r"(\d+(?:\.\d+)?)\s*([smhd])", text)
    if not parts or re.sub(r"\d+(?:\.\d+)?\s*[smhd]", "", text).strip():
        raise ValueError(f"--every: expected a duration such as 15m, 30s or 1h, got {text!r}")
    return sum(float(n) * UNITS[u] for n, u in parts)


def stamp(t: datetime) -> str:
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_stamp(s: str | None) -> datetime | None:
    if not s:
        return None
    return datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


@dataclass
class Options:
    every: float = 900.0
    batch_size: int = local.DEFAULT_BATCH
    backoff: float = 60.0  # first wait after a failed poll or page, doubled each time
    once: bool = False  # one round, then return (cron, tests)
    policy: Policy = field(default_factory=Policy)


@dataclass
class WatchReport(IngestReport):
    """An ingest report plus what the network did."""

    polls: int = 0
    not_modified: int = 0
    poll_errors: int = 0
    items_listed: int = 0
    fetched: int = 0
    failed: int = 0
    rounds: int = 0


Say = Callable[[dict[str, Any]], None]


# ---- listing a source ---------------------------------------------------------------------------
def list_document(body: bytes) -> tuple[str, list[str], list[str]]:
    """What a feed or sitemap lists: (kind, page URLs, child sitemap URLs)."""
    head = body[:4096].lstrip().lower()
    if b"<urlset" in head or b"<sitemapindex" in head:
        from lxml import etree

        parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)
        root = etree.fromstring(body, parser)
        if root is None:
            return "sitemap", [], []
        locs = [
            (el.text or "").strip()
            for el in root.iter()
            if isinstance(el.tag, str) and el.tag.rsplit("}", 1)[-1] == "loc"
        ]
        locs = [u for u in locs if is_url(u)]
        if root.tag.rsplit("}", 1)[-1] == "sitemapindex":
            return "sitemap", [], locs
        return "sitemap", locs, []
    import feedparser

    parsed = feedparser.parse(body)
    if not parsed.entries and not parsed.get("version"):
        return "unknown", [], []
    links = []
    for entry in parsed.entries:
        link = entry.get("link") or ""
        if not is_url(link) and is_url(str(entry.get("id") or "")):
            link = str(entry.get("id"))
        if is_url(link):
            links.append(link)
    return "feed", list(dict.fromkeys(links)), []


def folder_items(folder: str) -> list[str]:
    """A folder's files as items: a file is new again when its size or time changes (the
    article ids decide whether its content is)."""
    out = []
    for path in expand_paths([folder]):
        if isinstance(path, Skipped):
            continue
        try:
            st = Path(path).stat()
        except OSError:
            continue
        out.append(f"{Path(path).resolve()}@{st.st_mtime_ns}:{st.st_size}")
    return out


# ---- the watcher --------------------------------------------------------------------------------
class Watcher:
    def __init__(
        self,
        sources: list[str],
        store: Store,
        ctx: Context,
        options: Options,
        say: Say,
        progress: local.Progress | None = None,
        fetcher: Fetcher | None = None,
    ) -> None:
        self.sources = list(dict.fromkeys(sources))
        self.store = store
        self.ctx = ctx
        self.options = options
        self.say = say
        self.progress = progress
        self.fetcher = fetcher or Fetcher(options.policy)
        self.report = WatchReport()
        self.stopping = threading.Event()

    def now(self) -> datetime:
        return datetime.now(UTC)

    def stop(self, *_: Any) -> None:
        """SIGTERM/SIGINT: finish the batch in hand, then return."""
        if not self.stopping.is_set():
            self.say({"event": "stopping", "message": "stopping after the current batch"})
        self.stopping.set()

    # ---- polling ----------------------------------------------------------------------------------
    def due(self, s: SourceState, at: datetime) -> bool:
        if self.options.once:
            return True
        wait_until = parse_stamp(s.next_try if s.failures else s.next_poll)
        return wait_until is None or wait_until <= at

    def poll(self, source: str) -> None:
        s = self.store.watch.source(source) or SourceState(
            source, "url" if is_url(source) else "folder"
        )
        at = self.now()
        if not self.due(s, at):
            return
        self.report.polls += 1
        if s.kind == "folder":
            if not Path(source).exists():
                self._poll_failed(s, at, f"{source} does not exist", transient=True)
                return
            self._record(s, at, folder_items(source))
            return
        got = self.fetcher.fetch(source, s.etag, s.last_modified, max_bytes=MAX_FEED_BYTES)
        if got.not_modified:
            self.report.not_modified += 1
            self._record(s, at, [], got.etag or s.etag, got.last_modified or s.last_modified)
            return
        if got.error is not None:
            self._poll_failed(s, at, got.error, got.transient)
            return
        kind, items, children = list_document(got.body)
        if kind == "unknown":
            what = got.content_type.split(";")[0] or "no content type"
            self._poll_failed(s, at, f"neither a feed nor a sitemap ({what})", transient=False)
            return
        for child in children[:MAX_SITEMAPS]:
            sub = self.fetcher.fetch(child, max_bytes=MAX_FEED_BYTES)
            if sub.ok:
                items += list_document(sub.body)[1]
            else:
                self.say({"event": "poll_error", "source": child, "error": sub.error or ""})
        s.kind = kind
        self._record(s, at, items, got.etag, got.last_modified)

    def _record(
        self,
        s: SourceState,
        at: datetime,
        items: list[str],
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> None:
        """The poll's answer and its new items, in one transaction: once the validators say
        "seen", the items are on record."""
        listed = list(dict.fromkeys(items))
        known = self.store.watch.known(listed)
        new = [i for i in listed if i not in known]
        with self.store.transaction():
            added = self.store.watch.add_pending(s.source, new)
            s.etag, s.last_modified = etag, last_modified
            s.last_poll, s.next_poll = stamp(at), stamp(at + timedelta(seconds=self.options.every))
            s.failures, s.last_error, s.next_try = 0, None, None
            s.items += added
            self.store.watch.save_source(s)
        self.report.items_listed += len(items)
        self.say(
            {
                "event": "poll",
                "source": s.source,
                "kind": s.kind,
                "listed": len(items),
                "new": added,
                "not_modified": etag is not None and not items and s.kind != "folder",
                "next_poll": s.next_poll,
            }
        )

    def _poll_failed(self, s: SourceState, at: datetime, error: str, transient: bool) -> None:
        s.failures += 1
        wait = self.options.every
        if transient:
            wait = min(self.options.every, self.options.backoff * 2 ** (s.failures - 1))
        s.last_error, s.next_try = error, stamp(at + timedelta(seconds=wait))
        with self.store.transaction():
            self.store.watch.save_source(s)
        self.report.poll_errors += 1
        self.say(
            {
                "event": "poll_error",
                "source": s.source,
                "error": error,
                "failures": s.failures,
                "next_try": s.next_try,
            }
        )

    # ---- fetching and ingesting items -------------------------------------------------------------
    def read_item(self, it: ItemState) -> tuple[list[Article | Skipped], str | None, bool]:
        """(what the item holds, error, transient) for one due item."""
        if not is_url(it.item):
            path = it.item.rsplit("@", 1)[0]
            if not Path(path).exists():
                return [], "file no longer exists", False
            return list(iter_inputs([path], self.ctx.read)), None, False
        got = self.fetcher.fetch(it.item, max_bytes=self.ctx.read.max_bytes)
        self.report.fetched += 1
        if got.error is not None or got.status != 200:
            return [], got.error or f"HTTP {got.status}", got.transient
        stream = io.BytesIO(got.body)
        return list(read_source(stream, it.item, self.ctx.read, {"url": it.item})), None, False

    def batch(self, items: list[ItemState]) -> int:
        """Fetch, process and write one batch of items; returns how many articles were new."""
        # item -> (article ids, error, transient, reported already as a skipped input)
        results: dict[str, tuple[list[str], str | None, bool, bool]] = {}
        inputs: list[Article | Skipped] = []
        for it in items:
            if self.stopping.is_set() and not inputs:
                return 0
            got, error, transient = self.read_item(it)
            ids = [a.article_id for a in got if isinstance(a, Article)]
            reasons = [x.reason for x in got if isinstance(x, Skipped)]
            said = False
            if error is None and not ids:
                error, said = (reasons[0], True) if reasons else ("nothing to read", False)
            results[it.item] = (ids, error, transient, said)
            inputs.extend(got)
        fresh, skipped = local.fresh_articles(inputs, self.store.existing_ids, set(), self.report)
        done, failed = process(fresh, self.ctx)
        at = self.now()
        with self.store.transaction():
            written = self.store.write_batch(done, skipped + failed)
            for it in items:
                if it.item not in results:
                    continue
                ids, error, transient, said = results[it.item]
                if error is None:
                    self.store.watch.done(it.item, ids)
                elif transient and it.tries + 1 < MAX_TRIES:
                    wait = self.options.backoff * 2**it.tries
                    next_try = stamp(at + timedelta(seconds=wait))
                    self.store.watch.failed(it.item, error, next_try)
                    self.report.failed += 1
                    self.say(
                        {
                            "event": "item_error",
                            "item": it.item,
                            "error": error,
                            "next_try": next_try,
                        }
                    )
                else:
                    if transient:
                        error = f"{error} (given up after {it.tries + 1} tries)"
                    self.store.watch.skipped(it.item, error)
                    if not said:  # a page that was never read: reported here, as ingest would
                        self.store.articles.log_skipped([Skipped(it.item, error)])
                        self.report.skipped.append(Skipped(it.item, error))
                        self.report.handled += 1
                        self.say({"event": "skipped", "path": it.item, "reason": error})
        self.report.add_batch(written, done, skipped + failed)
        for x in skipped + failed:
            self.say({"event": "skipped", "path": x.path, "reason": x.reason})
        if self.progress:
            self.progress(self.report, "batch")
        return written

    # ---- rounds -----------------------------------------------------------------------------------
    def round(self) -> None:
        self.report.rounds += 1
        for source in self.sources:
            if self.stopping.is_set():
                return
            self.poll(source)
        new = 0
        tried: set[str] = set()  # a page that fails now waits for the next round, at least
        while not self.stopping.is_set():
            limit = self.options.batch_size + len(tried)
            due = self.store.watch.due(stamp(self.now()), limit, self.sources)
            items = [it for it in due if it.item not in tried][: self.options.batch_size]
            if not items:
                break
            tried.update(it.item for it in items)
            new += self.batch(items)
        if (new or self.store.dirty) and not self.stopping.is_set():
            if self.progress:
                self.progress(self.report, "corpus")
            local.update(self.store, self.ctx)

    def next_wake(self) -> datetime:
        """When something is due: a source's poll or retry, or a failed item's retry."""
        at = self.now()
        times = [at + timedelta(seconds=self.options.every)]
        for s in self.store.watch.sources():
            if s.source in self.sources:
                t = parse_stamp(s.next_try if s.failures else s.next_poll)
                if t is not None:
                    times.append(t)
        retry = parse_stamp(self.store.watch.next_retry())
        if retry is not None:
            times.append(retry)
        return max(min(times), at)

    def run(self) -> WatchReport:
        if self.store.dirty:  # a previous run stopped before its corpus update
            local.update(self.store, self.ctx)
        while not self.stopping.is_set():
            self.round()
            if self.options.once or self.stopping.is_set():
                break
            wake = self.next_wake()
            self.say({"event": "sleep", "until": stamp(wake)})
            self.stopping.wait(max(0.0, (wake - self.now()).total_seconds()))
        self.fetcher.close()
        return self.report


def watch(
    sources: list[str],
    store: Store,
    ctx: Context,
    options: Options,
    say: Say,
    progress: local.Progress | None = None,
    handle_signals: bool = True,
) -> WatchReport:
    """Run a watcher until SIGTERM/SIGINT (or one round with ``options.once``)."""
    watcher = Watcher(sources, store, ctx, options, say, progress)
    if handle_signals and threading.current_thread() is threading.main_thread():
        previous = {
            sig: signal.signal(sig, watcher.stop) for sig in (signal.SIGTERM, signal.SIGINT)
        }
        try:
            return watcher.run()
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
    return watcher.run()


def human(record: dict[str, Any]) -> Iterator[str]:
    """The line a person reads for a watch event (``--json-progress`` prints the record)."""
    kind = record["event"]
    if kind == "poll":
        what = (
            "not modified"
            if record.get("not_modified")
            else (f"{record['listed']} listed, {record['new']} new")
        )
        yield f"storyline: watch: {record['source']}: {what}; next poll {_local(record['next_poll'])}"
    elif kind == "poll_error":
        nxt = f"; next try {_local(record['next_try'])}" if record.get("next_try") else ""
        yield f"storyline: watch: {record['source']}: {record['error']}{nxt}"
    elif kind == "item_error":
        yield f"storyline: watch: {record['item']}: {record['error']}; next try {_local(record['next_try'])}"
    elif kind == "sleep":
        yield f"storyline: watch: waiting until {_local(record['until'])}"
    elif kind == "stopping":
        yield f"storyline: watch: {record['message']}"


def _local(s: str | None) -> str:
    t = parse_stamp(s)
    if t is None:
        return "?"
    return (
        t.astimezone().strftime("%H:%M:%S")
        + f" (in {max(0, round((t - datetime.now(UTC)).total_seconds()))}s)"
    )
