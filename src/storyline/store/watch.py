"""What ``storyline watch`` follows and has seen, kept in the store it ingests into.

A watcher runs for months and gets restarted (a reboot, SIGTERM, a crash).  Keeping its state
beside the articles lets a restart resume exactly: a source's validators (ETag, Last-Modified)
make the next poll conditional; items found by a poll are recorded as ``pending`` in the same
transaction as the validators, so an item is never forgotten once its feed has answered 304;
an item becomes ``done`` in the same transaction as the articles read from it, so a kill
mid-batch loses nothing and repeats nothing.  ``failed`` items wait for ``next_try``;
``skipped`` ones (too large, disallowed by robots.txt, given up) keep their reason.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from storyline.store.db import Database, now

STATES = ("pending", "done", "failed", "skipped")


@dataclass(slots=True)
class SourceState:
    """One followed feed, sitemap or folder."""

    source: str
    kind: str
    etag: str | None = None
    last_modified: str | None = None
    last_poll: str | None = None  # when it last answered (200 or 304)
    next_poll: str | None = None  # when the next regular poll is due
    failures: int = 0  # failed polls in a row
    last_error: str | None = None
    next_try: str | None = None  # after a failure: when it is tried again
    items: int = 0  # items it has listed in all


@dataclass(slots=True)
class ItemState:
    item: str
    source: str
    state: str
    tries: int = 0
    reason: str | None = None
    next_try: str | None = None


class Watch:
    def __init__(self, db: Database) -> None:
        self.db = db

    # ---- sources ----------------------------------------------------------------------------------
    def source(self, source: str) -> SourceState | None:
        row = self.db.execute("SELECT * FROM watch_sources WHERE source = ?", (source,)).fetchone()
        return SourceState(**dict(row)) if row else None

    def sources(self) -> list[SourceState]:
        return [
            SourceState(**dict(r))
            for r in self.db.execute("SELECT * FROM watch_sources ORDER BY source")
        ]

    def save_source(self, s: SourceState) -> None:
        values = [
            s.source,
            s.kind,
            s.etag,
            s.last_modified,
            s.last_poll,
            s.next_poll,
            s.failures,
            s.last_error,
            s.next_try,
            s.items,
        ]
        self.db.execute(
            "INSERT OR REPLACE INTO watch_sources (source, kind, etag, last_modified, last_poll, "
            "next_poll, failures, last_error, next_try, items) VALUES (?,?,?,?,?,?,?,?,?,?)",
            values,
        )

    # ---- items ------------------------------------------------------------------------------------
    def known(self, items: Iterable[str]) -> set[str]:
        """Which of these items a poll has already recorded (in any state)."""
        return {
            r[0] for r in self.db.in_("SELECT item FROM watch_items WHERE item IN ({ids})", items)
        }

    def add_pending(self, source: str, items: Iterable[str]) -> int:
        """Record new items (already known ones are left as they are); returns how many."""
        at = now()
        cur = self.db.executemany(
            "INSERT OR IGNORE INTO watch_items (item, source, state, seen_at) "
            "VALUES (?, ?, 'pending', ?)",
            [(i, source, at) for i in items],
        )
        return cur.rowcount

    def due(self, at: str, limit: int, sources: Iterable[str] | None = None) -> list[ItemState]:
        """Items to fetch now: pending ones, and failed ones whose next try has come, oldest
        first."""
        where = "(state = 'pending' OR (state = 'failed' AND next_try <= ?))"
        params: list[Any] = [at]
        wanted = list(sources) if sources is not None else None
        if wanted is not None:
            where += f" AND source IN ({','.join('?' * len(wanted))})"
            params += wanted
        rows = self.db.execute(
            "SELECT item, source, state, tries, reason, next_try FROM watch_items "
            f"WHERE {where} ORDER BY seq LIMIT ?",
            [*params, limit],
        )
        return [ItemState(**dict(r)) for r in rows]

    def next_retry(self) -> str | None:
        """The earliest time a failed item is due again."""
        return self.db.one("SELECT min(next_try) FROM watch_items WHERE state = 'failed'")

    def done(self, item: str, article_ids: list[str]) -> None:
        self.db.execute(
            "UPDATE watch_items SET state = 'done', done_at = ?, article_ids = ?, reason = NULL, "
            "next_try = NULL WHERE item = ?",
            (now(), json.dumps(article_ids), item),
        )

    def failed(self, item: str, reason: str, next_try: str) -> None:
        self.db.execute(
            "UPDATE watch_items SET state = 'failed', tries = tries + 1, reason = ?, next_try = ? "
            "WHERE item = ?",
            (reason, next_try, item),
        )

    def skipped(self, item: str, reason: str) -> None:
        self.db.execute(
            "UPDATE watch_items SET state = 'skipped', tries = tries + 1, reason = ?, "
            "next_try = NULL, done_at = ? WHERE item = ?",
            (reason, now(), item),
        )

    def item(self, item: str) -> ItemState | None:
        row = self.db.execute(
            "SELECT item, source, state, tries, reason, next_try FROM watch_items WHERE item = ?",
            (item,),
        ).fetchone()
        return ItemState(**dict(row)) if row else None

    def counts(self) -> dict[str, int]:
        """Items by state."""
        out = dict.fromkeys(STATES, 0)
        for state, n in self.db.execute("SELECT state, count(*) FROM watch_items GROUP BY state"):
            out[state] = int(n)
        return out
