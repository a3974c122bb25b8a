"""The store: one SQLite file in WAL mode, written one batch per transaction; the only SQL.

``Store`` is the one door.  Behind it, one ``Database`` (``db.py``: connection, pragmas,
migrations, transactions, queries over many ids) and a part per kind of record, each holding
its own SQL: ``articles`` (article writes, the ingest log, search), ``actors``, ``events``
(reports, merge keys, merged events), and the rows of each corpus stage next to it:
``duplicates``, ``claims`` (and figures), ``stories``, ``dyads``.  Rows become the model's
dataclasses through one codec (``codec.py``).

A batch of articles (with their mentions, actors and events) is written in one
``BEGIN IMMEDIATE`` transaction, so a crash mid-batch leaves the previous state intact and a
re-run adds exactly what is missing.  Corpus-level results are brought up to date by
``corpus.update`` in one transaction of their own, partition by partition; a ``dirty`` flag set
with every batch says when they are behind the articles.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from storyline.model import Article, Skipped
from storyline.store.actors import Actors
from storyline.store.articles import Articles
from storyline.store.claims import Claims
from storyline.store.db import Database, StoreError, fault
from storyline.store.duplicates import Duplicates
from storyline.store.dyads import Dyads
from storyline.store.events import Events
from storyline.store.places import Places
from storyline.store.stories import Stories
from storyline.store.watch import Watch

__all__ = ["Store", "StoreError"]

TABLES = (
    "articles",
    "actors",
    "events",
    "event_mentions",
    "stories",
    "claims",
    "dyads",
    "near_duplicates",
    "ingest_log",
    "actor_mentions",
)


class Store:
    """An open store: its parts, and the verbs every caller shares."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        readonly: bool = False,
        timeout: float = 60.0,
        one_request: bool = False,
    ) -> None:
        self.database = Database(path, readonly, timeout)
        if one_request:
            # A short-lived reader (one web request) may remember what it looked up in the
            # indexes (a dyad's code pairs, event counts): nothing it answers spans two states
            # of the store.
            self.database.dyad_memo = {}
            self.database.count_memo = {}
        self.articles = Articles(self.database)
        self.actors = Actors(self.database)
        self.events = Events(self.database)
        self.places = Places(self.database, self.events)
        self.duplicates = Duplicates(self.database)
        self.claims = Claims(self.database)
        self.stories = Stories(self.database)
        self.dyads = Dyads(self.database)
        self.watch = Watch(self.database)

    @property
    def path(self) -> str:
        return self.database.path

    @property
    def readonly(self) -> bool:
        return self.database.readonly

    @property
    def db(self) -> sqlite3.Connection:
        """The SQLite connection itself (for tools and tests that look at the tables)."""
        return self.database.conn

    @property
    def version(self) -> int:
        return self.database.version

    def close(self) -> None:
        self.database.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All of it or none of it (``Database.transaction``)."""
        with self.database.transaction() as conn:
            yield conn

    # ---- meta -------------------------------------------------------------------------------------
    def get_meta(self, key: str, default: str | None = None) -> str | None:
        return self.database.get_meta(key, default)

    def set_meta(self, key: str, value: str) -> None:
        self.database.set_meta(key, value)

    @property
    def dirty(self) -> bool:
        """Whether corpus results are behind the articles (an update was interrupted)."""
        return self.get_meta("corpus_dirty", "0") == "1"

    def count(self, table: str) -> int:
        if table not in TABLES:
            raise ValueError(table)
        return int(self.database.one(f"SELECT count(*) FROM {table}"))

    # ---- per-article writes -----------------------------------------------------------------------
    def existing_ids(self, ids: Sequence[str]) -> set[str]:
        return self.articles.existing(ids)

    def write_batch(self, articles: Sequence[Article], skipped: Sequence[Skipped] = ()) -> int:
        """Write one batch in one transaction; returns how many articles were new."""
        added = 0
        with self.transaction():
            self.articles.log_skipped(skipped)
            for i, a in enumerate(articles):
                if not self.articles.insert(a):
                    continue  # already stored: re-ingesting adds nothing
                added += 1
                self.write_analysis(a)
                if i == len(articles) // 2:
                    fault("mid-batch")
            if added:
                self.set_meta("corpus_dirty", "1")
            fault("before-commit")
        return added

    def write_analysis(self, a: Article) -> None:
        """What the per-article stages found in a new article: actors, mentions, event reports."""
        self.actors.write_article(a)
        self.events.write_article(a)
