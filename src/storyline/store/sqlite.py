"""The store: one SQLite file in WAL mode, written one batch per transaction.

All SQL lives in this package.  A batch of articles (with their mentions, actors and events) is
written in one ``BEGIN IMMEDIATE`` transaction, so a crash mid-batch leaves the previous state
intact and a re-run adds exactly what is missing.  Corpus-level results (duplicates, merged
events, stories, claims, dyads) are brought up to date by ``corpus.update`` in one transaction
of their own, partition by partition; a ``dirty`` flag set with every batch says when they are
behind the articles.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from storyline.model import (
    Actor,
    ActorRef,
    Article,
    Claim,
    Contradiction,
    DyadRow,
    Event,
    EventMention,
    Location,
    NearDuplicate,
    Role,
    Skipped,
    Story,
    flip_passages,
)
from storyline.store.schema import MIGRATIONS, SCHEMA_VERSION


class StoreError(RuntimeError):
    """The database cannot be used; the message says why and what to do."""


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


_FAULT_HITS: dict[str, int] = {}


def _fault_active(name: str) -> bool:
    """A simulated condition (not a kill) named by ``STORYLINE_FAULT``, for the error tests."""
    return os.environ.get("STORYLINE_FAULT", "").partition("@")[0] == name


def _fault(point: str) -> None:
    """Fault injection for crash tests: ``STORYLINE_FAULT=point`` (or ``point@N`` for the N-th
    time the point is reached) kills this process with SIGKILL right here, mid-transaction."""
    spec = os.environ.get("STORYLINE_FAULT")
    if not spec:
        return
    name, _, nth = spec.partition("@")
    if name != point:
        return
    _FAULT_HITS[point] = _FAULT_HITS.get(point, 0) + 1
    if _FAULT_HITS[point] >= int(nth or 1):
        import signal

        os.kill(os.getpid(), signal.SIGKILL)


def event_from_record(d: dict[str, Any], mentions: list[EventMention] | None = None) -> Event:
    def ref(x: dict[str, Any] | None) -> ActorRef | None:
        return ActorRef(x["actor_id"], x.get("code"), x.get("name", "")) if x else None

    loc = d.get("location")
    return Event(
        event_id=d["event_id"],
        date=d.get("date"),
        date_precision=d.get("date_precision", "unknown"),
        source=ref(d.get("source")),
        target=ref(d.get("target")),
        cameo=d["cameo"],
        root=d["root"],
        quad_class=d["quad_class"],
        goldstein=d["goldstein"],
        plover=d.get("plover", ""),
        plover_mode=d.get("plover_mode", ""),
        polarity=d.get("polarity", "asserted"),
        modality=d.get("modality", "fact"),
        location=Location(**loc) if loc else None,
        mentions=mentions
        if mentions is not None
        else [EventMention(**m) for m in d.get("mentions", [])],
        num_articles=d.get("num_articles", 1),
        num_outlets=d.get("num_outlets", 1),
        confidence=d.get("confidence", 0.5),
        quad_class_phoenix=d.get("quad_class_phoenix", 0),
        date_text=d.get("date_text"),
        reciprocal=d.get("reciprocal", False),
    )


# Event reports with what their article says now (its copy group, a date inherited later).
MENTION_ROWS = (
    "SELECT m.event_id, m.record, a.dup_group, a.published FROM event_mentions m "
    "JOIN articles a ON a.article_id = m.article_id"
)


def add_mention_rows(out: dict[str, list[EventMention]], rows: Iterable[sqlite3.Row]) -> None:
    """Attach each stored report to its event as the faces show it."""
    for r in rows:
        rec = json.loads(r["record"])
        for m in rec.get("mentions", []):
            m["dup_group"] = r["dup_group"]
            # A copy dated from its group after it was coded shows that date.
            m["published"] = m.get("published") or r["published"]
            out.setdefault(r["event_id"], []).append(EventMention(**m))


T = TypeVar("T")


def claim_from_record(d: dict[str, Any]) -> Claim:
    spk = d.get("speaker")
    d["speaker"] = ActorRef(**spk) if spk else None
    d["contradicts"] = [Contradiction(**c) for c in d.get("contradicts", [])]
    return Claim(**d)


def _chunks(items: Iterable[T], size: int = 400) -> Iterator[list[T]]:
    """Ids in lists short enough for one ``IN (...)`` (SQLite caps bound parameters)."""
    chunk: list[T] = []
    for x in items:
        chunk.append(x)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class Store:
    def __init__(
        self, path: str | os.PathLike[str], readonly: bool = False, timeout: float = 60.0
    ) -> None:
        self.path = str(path)
        self.readonly = readonly
        if readonly and not Path(self.path).exists():
            raise StoreError(f"no database at {self.path}: run `storyline ingest` first")
        try:
            if readonly or _fault_active("read-only-disk"):
                uri = f"file:{Path(self.path).resolve()}?mode=ro"
                self.db = sqlite3.connect(
                    uri, uri=True, timeout=timeout, isolation_level=None, check_same_thread=False
                )
            else:
                parent = Path(self.path).resolve().parent
                if not parent.exists():
                    raise StoreError(f"cannot create the database: folder {parent} does not exist")
                self.db = sqlite3.connect(
                    self.path, timeout=timeout, isolation_level=None, check_same_thread=False
                )
            self.db.row_factory = sqlite3.Row
            self.db.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            if not readonly:
                self.db.execute("PRAGMA journal_mode = WAL")
                self.db.execute("PRAGMA synchronous = NORMAL")
            self.db.execute("PRAGMA foreign_keys = ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open {self.path}: {exc}") from exc

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- schema ---------------------------------------------------------------------------------
    @property
    def version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        current = self.version
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} was written by a newer storyline (schema {current}, this one reads "
                f"up to {SCHEMA_VERSION}); upgrade storyline to use it"
            )
        if current == SCHEMA_VERSION:
            return
        if self.readonly:
            raise StoreError(
                f"{self.path} needs a schema upgrade ({current} -> {SCHEMA_VERSION}); "
                "open it once read-write (e.g. `storyline ingest` with no paths)"
            )
        if current > 0:
            backup = f"{self.path}.v{current}.bak"
            shutil.copyfile(self.path, backup)
        for version in range(current + 1, SCHEMA_VERSION + 1):
            with self.transaction():
                for stmt in MIGRATIONS[version]:
                    self.db.execute(stmt)
                self.db.execute(f"PRAGMA user_version = {version}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT: all of the batch or none of it.

        Inside an open transaction this joins it (the outer one commits or rolls back), so a
        step such as merging actors can run on its own or as part of the corpus update.
        """
        if self.readonly:
            raise StoreError(f"{self.path} is open read-only")
        if self.db.in_transaction:
            yield self.db
            return
        self._begin()
        if _fault_active("disk-full"):
            # Simulate a full disk: the file may not grow by a single page from here on.
            pages = self.db.execute("PRAGMA page_count").fetchone()[0]
            self.db.execute(f"PRAGMA max_page_count = {pages}")
        try:
            yield self.db
            self.db.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            self._rollback()
            raise self._write_error(exc) from exc
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        # SQLite may have rolled back already (it does after a full disk or an I/O error).
        with contextlib.suppress(sqlite3.DatabaseError):
            self.db.execute("ROLLBACK")

    def _write_error(self, exc: sqlite3.DatabaseError) -> StoreError:
        """Say what happened to the store in words a user can act on; nothing was half-written."""
        text = str(exc).lower()
        safe = "this batch was rolled back and everything committed before it is intact"
        if "full" in text:
            return StoreError(
                f"the disk holding {self.path} is full ({exc}); {safe}. Free some space and run "
                "the same command again: stored articles are not read twice"
            )
        if "readonly" in text or "read-only" in text:
            return StoreError(
                f"{self.path} is read-only ({exc}): nothing was written. Check the file's and "
                "folder's permissions and the disk it is on, or choose another --db"
            )
        return StoreError(f"database error while writing {self.path} ({exc}); {safe}")

    def _begin(self) -> None:
        """Take the write lock, waiting (with a message-free retry) while another writer holds it."""
        deadline = time.monotonic() + 600
        while True:
            try:
                self.db.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
                if time.monotonic() > deadline:
                    raise StoreError(
                        f"{self.path} stayed locked by another writer for 10 minutes"
                    ) from exc
                time.sleep(0.2)

    # ---- queries over many ids ------------------------------------------------------------------
    def _in(self, sql: str, ids: Iterable[Any]) -> Iterator[sqlite3.Row]:
        """Run ``sql`` over the ids a chunk at a time: each ``{ids}`` in it stands for one chunk's
        placeholders (SQLite caps the number of bound parameters)."""
        n = sql.count("{ids}")
        for chunk in _chunks(ids):
            yield from self.db.execute(sql.format(ids=",".join("?" * len(chunk))), chunk * n)

    def _run_in(self, sql: str, ids: Iterable[Any]) -> None:
        """``_in`` for a statement that returns no rows (UPDATE, DELETE)."""
        for _ in self._in(sql, ids):
            pass

    # ---- meta -------------------------------------------------------------------------------------
    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def _set_meta(self, key: str, value: str) -> None:
        self.db.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE "
            "SET value = excluded.value",
            (key, value),
        )

    @property
    def dirty(self) -> bool:
        return self.get_meta("corpus_dirty", "0") == "1"

    # ---- per-article writes -------------------------------------------------------------------
    def existing_ids(self, ids: Sequence[str]) -> set[str]:
        return {
            r[0]
            for r in self._in("SELECT article_id FROM articles WHERE article_id IN ({ids})", ids)
        }

    def write_batch(self, articles: Sequence[Article], skipped: Sequence[Skipped] = ()) -> int:
        """Write one batch in one transaction; returns how many articles were new."""
        added = 0
        with self.transaction() as db:
            for skip in skipped:
                db.execute(
                    "INSERT INTO ingest_log(at, path, reason) VALUES (?, ?, ?)",
                    (_now(), skip.path, skip.reason),
                )
            for i, a in enumerate(articles):
                cur = db.execute(
                    """INSERT OR IGNORE INTO articles(article_id, path, url, outlet, title, author,
                       published, published_precision, published_how, published_evidence, language,
                       text, removed, notes, ingested_at)
                       VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
                    (
                        a.article_id,
                        a.path,
                        a.url,
                        a.outlet,
                        a.title,
                        a.author,
                        a.published,
                        a.published_precision,
                        a.published_how,
                        a.published_evidence,
                        a.language,
                        a.text,
                        _dumps(a.removed),
                        _dumps(a.notes),
                        _now(),
                    ),
                )
                if cur.rowcount == 0:
                    continue  # already stored: re-ingesting adds nothing
                added += 1
                self._write_analysis(a)
                if i == len(articles) // 2:
                    _fault("mid-batch")
            if added:
                self._set_meta("corpus_dirty", "1")
            _fault("before-commit")
        return added

    def _write_analysis(self, a: Article) -> None:
        db = self.db
        db.executemany(
            """INSERT OR IGNORE INTO actor_mentions(article_id, start, end, actor_id, code, text, rule,
               place_only) VALUES (?,?,?,?,?,?,?,?)""",
            [
                (
                    a.article_id,
                    m.start,
                    m.end,
                    m.actor_id,
                    m.code,
                    m.text,
                    m.rule,
                    int(m.place_only),
                )
                for m in a.mentions
            ],
        )
        for actor in a.actors.values():
            db.execute(
                """INSERT INTO actors(actor_id, code, name, kind, country, roles, known)
                   VALUES (?,?,?,?,?,?,?) ON CONFLICT(actor_id) DO NOTHING""",
                (
                    actor.actor_id,
                    actor.code,
                    actor.name,
                    actor.kind,
                    actor.country,
                    _dumps([asdict(r) for r in actor.roles]),
                    int(actor.known),
                ),
            )
            db.executemany(
                """INSERT INTO actor_aliases(actor_id, alias, n) VALUES (?,?,1)
                   ON CONFLICT(actor_id, alias) DO UPDATE SET n = n + 1""",
                [(actor.actor_id, alias) for alias in actor.aliases],
            )
        for ev in a.events:
            mid = ev.mentions[0].mention_id if ev.mentions else ev.event_id
            db.execute(
                """INSERT OR IGNORE INTO event_mentions(mention_id, article_id, date, date_precision,
                   root, cameo, source_code, target_code, polarity, modality, record)
                   VALUES (?,?,?,?,?,?,?,?,?,?,?)""",
                (
                    mid,
                    a.article_id,
                    ev.date,
                    ev.date_precision,
                    ev.root,
                    ev.cameo,
                    ev.source.code if ev.source else None,
                    ev.target.code if ev.target else None,
                    ev.polarity,
                    ev.modality,
                    _dumps(ev.record()),
                ),
            )

    # ---- reads for the corpus stages ----------------------------------------------------------
    def iter_article_rows(
        self, where: str = "", params: Sequence[Any] = (), order: str = "seq"
    ) -> Iterator[sqlite3.Row]:
        q = f"SELECT * FROM articles {('WHERE ' + where) if where else ''} ORDER BY {order}"
        yield from self.db.execute(q, params)

    def article_meta(self, ids: Sequence[str] | None = None) -> dict[str, dict[str, Any]]:
        """Small per-article facts the corpus stages need (no text): of every article, or of
        these."""
        q = (
            "SELECT article_id, outlet, published, published_precision, published_how, dup_group, "
            "length(text) AS n, seq FROM articles"
        )
        if ids is None:
            return {r["article_id"]: dict(r) for r in self.db.execute(q + " ORDER BY seq")}
        return {
            r["article_id"]: dict(r)
            for r in self._in(q + " WHERE article_id IN ({ids}) ORDER BY seq", ids)
        }

    def iter_event_mentions(self) -> Iterator[Event]:
        for row in self.db.execute(
            "SELECT record FROM event_mentions ORDER BY article_id, mention_id"
        ):
            yield event_from_record(json.loads(row[0]))

    def actor_mention_rows(self) -> Iterator[sqlite3.Row]:
        yield from self.db.execute(
            "SELECT article_id, actor_id, code, rule, place_only FROM actor_mentions ORDER BY article_id"
        )

    def actor_examples(self) -> dict[str, str]:
        """One sentence for each actor: the text around its first mention by name (not a
        reference back, not a place), for ``storyline actors`` to show what it is."""
        out: dict[str, str] = {}
        rows = self.db.execute(
            """SELECT actor_id, article_id, start, "end" FROM (
                 SELECT actor_id, article_id, start, "end", ROW_NUMBER() OVER (
                   PARTITION BY actor_id ORDER BY article_id, start) AS k
                 FROM actor_mentions WHERE place_only = 0 AND rule NOT LIKE 'coref-%')
               WHERE k = 1"""
        ).fetchall()
        texts: dict[str, str] = {}
        for r in self._in(
            "SELECT article_id, text FROM articles WHERE article_id IN ({ids})",
            sorted({r[1] for r in rows}),
        ):
            texts[r[0]] = r[1]
        for actor_id, article_id, start, end in rows:
            out[actor_id] = sentence_around(texts.get(article_id, ""), start, end)
        return out

    def signatures(self) -> Iterator[sqlite3.Row]:
        yield from self.db.execute(
            "SELECT article_id, paragraph, start, end, signature FROM paragraph_signatures"
        )

    def document_signatures(self) -> Iterator[sqlite3.Row]:
        yield from self.db.execute(
            "SELECT article_id, text_hash, signature FROM document_signatures"
        )

    def near_duplicate_pairs(self) -> list[tuple[str, str]]:
        return [(r[0], r[1]) for r in self.db.execute("SELECT a, b FROM near_duplicates")]

    # ---- the band index of the duplicates stage (dedup.Lookup) -----------------------------------
    def lsh_items(self, keys: Sequence[int]) -> Iterator[tuple[int, str, int]]:
        """Signed entries sharing a band key: (key, article_id, paragraph; -1 = document)."""
        yield from self._in(
            "SELECT k.key, a.article_id, k.paragraph FROM lsh_keys k "
            "JOIN articles a ON a.seq = k.article_seq WHERE k.key IN ({ids})",
            keys,
        )

    def paragraph_signature_rows(
        self, items: Sequence[tuple[str, int]]
    ) -> Iterator[tuple[str, int, int, int, bytes]]:
        for article_id, paragraph in items:
            yield from self.db.execute(
                "SELECT article_id, paragraph, start, end, signature FROM paragraph_signatures "
                "WHERE article_id = ? AND paragraph = ?",
                (article_id, paragraph),
            )

    def document_signature_rows(self, ids: Sequence[str]) -> Iterator[tuple[str, str, bytes, int]]:
        yield from self._in(
            "SELECT d.article_id, d.text_hash, d.signature, length(a.text) FROM document_signatures d "
            "JOIN articles a ON a.article_id = d.article_id WHERE d.article_id IN ({ids})",
            ids,
        )

    def ids_with_text_hash(self, text_hash: str) -> list[str]:
        return [
            r[0]
            for r in self.db.execute(
                "SELECT article_id FROM document_signatures WHERE text_hash = ?", (text_hash,)
            )
        ]

    def texts(self, ids: Sequence[str]) -> dict[str, str]:
        return {
            r[0]: r[1]
            for r in self._in(
                "SELECT article_id, text FROM articles WHERE article_id IN ({ids})", ids
            )
        }

    def rebuild_lsh_keys(self, rows: Iterable[tuple[int, str, int]], params: str) -> None:
        """Replace every band key (after a change of banding, or for a store made before them)."""
        with self.transaction() as db:
            db.execute("DELETE FROM lsh_keys")
            self._insert_lsh_keys(rows)
            self._set_meta("lsh_params", params)

    def _insert_lsh_keys(self, rows: Iterable[tuple[int, str, int]]) -> None:
        self.db.executemany(
            "INSERT OR IGNORE INTO lsh_keys(key, article_seq, paragraph) "
            "SELECT ?, seq, ? FROM articles WHERE article_id = ?",
            ((key, paragraph, article_id) for key, article_id, paragraph in rows),
        )

    def duplicate_groups(self) -> list[sqlite3.Row]:
        """Articles that belong to a copy group, grouped, canonical copy first."""
        return list(
            self.db.execute(
                "SELECT article_id, dup_group, outlet, title, published, published_how, path, text "
                "FROM articles WHERE dup_group IS NOT NULL "
                "ORDER BY dup_group, article_id != dup_group, published IS NULL, published, seq"
            )
        )

    def near_duplicate_rows(self) -> list[tuple[str, str, float, list[dict[str, int]]]]:
        return [
            (r[0], r[1], r[2], json.loads(r[3]))
            for r in self.db.execute(
                "SELECT a, b, similarity, passages FROM near_duplicates ORDER BY a, b"
            )
        ]

    def articles_without_signatures(self) -> Iterator[sqlite3.Row]:
        yield from self.db.execute(
            "SELECT a.article_id, a.text, a.published, length(a.text) AS n FROM articles a "
            "LEFT JOIN document_signatures d ON d.article_id = a.article_id "
            "WHERE d.article_id IS NULL ORDER BY a.seq"
        )

    # ---- corpus writes ----------------------------------------------------------------------------
    def write_duplicates(
        self,
        *,
        signatures: Iterable[tuple[str, int, int, int, bytes]] = (),
        doc_signatures: Iterable[tuple[str, str, bytes]] = (),
        near_duplicates: Iterable[tuple[str, str, float, list[dict[str, int]]]] = (),
        lsh_keys: Iterable[tuple[int, str, int]] = (),
        groups: dict[str, str] | None = None,
        duplicate_dates: dict[str, tuple[str, str]] | None = None,
    ) -> None:
        """The duplicates stage's results on their own, in one transaction (the corpus update
        writes them together with the other stages)."""
        with self.transaction():
            self.write_duplicate_rows(signatures, doc_signatures, near_duplicates, lsh_keys)
            if groups is not None:
                old = self.group_map()
                self.set_groups({a: groups.get(a) for a in old.keys() | groups.keys()})
            self.set_duplicate_dates(duplicate_dates or {})

    # ---- the incremental corpus update (corpus.py) --------------------------------------------------
    # Each method below runs inside the caller's transaction (``with store.transaction():``), so
    # the whole update lands at once or not at all; each touches one partition of a stage.
    def write_duplicate_rows(
        self,
        signatures: Iterable[tuple[str, int, int, int, bytes]],
        doc_signatures: Iterable[tuple[str, str, bytes]],
        near_duplicates: Iterable[tuple[str, str, float, list[dict[str, int]]]],
        lsh_keys: Iterable[tuple[int, str, int]],
    ) -> None:
        db = self.db
        db.executemany("INSERT OR REPLACE INTO paragraph_signatures VALUES (?,?,?,?,?)", signatures)
        db.executemany("INSERT OR REPLACE INTO document_signatures VALUES (?,?,?)", doc_signatures)
        db.executemany(
            "INSERT OR REPLACE INTO near_duplicates VALUES (?,?,?,?)",
            [(a, b, s, _dumps(p)) for a, b, s, p in near_duplicates],
        )
        self._insert_lsh_keys(lsh_keys)

    def group_map(self) -> dict[str, str]:
        """Every grouped article's copy group (only copies: small next to the store)."""
        return {
            r[0]: r[1]
            for r in self.db.execute(
                "SELECT article_id, dup_group FROM articles WHERE dup_group IS NOT NULL"
            )
        }

    def paired_articles(self) -> set[str]:
        """Every article in a near-duplicate pair (for regrouping every copy group)."""
        return {
            r[0]
            for r in self.db.execute(
                "SELECT a FROM near_duplicates UNION SELECT b FROM near_duplicates"
            )
        }

    def groups_of(self, article_ids: Iterable[str]) -> dict[str, str]:
        """The copy group of each of these articles that has one."""
        return {
            r[0]: r[1]
            for r in self._in(
                "SELECT article_id, dup_group FROM articles "
                "WHERE article_id IN ({ids}) AND dup_group IS NOT NULL",
                article_ids,
            )
        }

    def copy_components(self, article_ids: Iterable[str]) -> set[str]:
        """Every article linked to these by a chain of near-duplicate pairs (themselves too)."""
        seen = set(article_ids)
        frontier = sorted(seen)
        while frontier:
            found: set[str] = set()
            for a, b, _s, _p in self.near_duplicates_of(frontier):
                found.update((a, b))
            frontier = sorted(found - seen)
            seen |= found
        return seen

    def pairs_among(self, article_ids: set[str]) -> list[tuple[str, str]]:
        return [
            (a, b)
            for a, b, _s, _p in self.near_duplicates_of(sorted(article_ids))
            if a in article_ids and b in article_ids
        ]

    def set_groups(self, changes: dict[str, str | None]) -> None:
        self.db.executemany(
            "UPDATE articles SET dup_group = ? WHERE article_id = ?",
            [(g, a) for a, g in changes.items()],
        )

    def set_duplicate_dates(self, dates: dict[str, tuple[str, str]]) -> set[str]:
        """Date undated (or content-dated) copies from their group; returns the ids changed."""
        changed = set()
        for aid, (date, precision) in dates.items():
            cur = self.db.execute(
                "UPDATE articles SET published = ?, published_precision = ?, "
                "published_how = 'duplicate' WHERE article_id = ? "
                "AND (published IS NULL OR published_how = 'content') "
                "AND NOT (published IS ? AND published_precision = ?)",
                (date, precision, aid, date, precision),
            )
            if cur.rowcount:
                changed.add(aid)
        return changed

    def unkeyed_mentions(self, limit: int) -> list[tuple[str, str, str]]:
        """(mention_id, article_id, record) of event reports without a merge key yet."""
        return [
            (r[0], r[1], r[2])
            for r in self.db.execute(
                "SELECT mention_id, article_id, record FROM event_mentions "
                "WHERE merge_key IS NULL LIMIT ?",
                (limit,),
            )
        ]

    def unsigned_articles(self, limit: int) -> list[sqlite3.Row]:
        """The next articles the duplicates stage has not signed (in the order they came)."""
        return self.db.execute(
            "SELECT a.article_id, a.text FROM articles a "
            "LEFT JOIN document_signatures d ON d.article_id = a.article_id "
            "WHERE d.article_id IS NULL ORDER BY a.seq LIMIT ?",
            (limit,),
        ).fetchall()

    def mentions_naming(self, actor_ids: Sequence[str]) -> list[tuple[str, str, str]]:
        """(mention_id, article_id, record) of reports whose source or target is one of these."""
        return [
            (r[0], r[1], r[2])
            for r in self._in(
                "SELECT mention_id, article_id, record FROM event_mentions "
                "WHERE json_extract(record, '$.source.actor_id') IN ({ids}) "
                "OR json_extract(record, '$.target.actor_id') IN ({ids})",
                actor_ids,
            )
        ]

    def discovery_rows(
        self,
    ) -> tuple[
        list[tuple[str, str, str, str | None, str | None, bool]],
        Iterator[tuple[str, str]],
        list[tuple[str, str, int]],
    ]:
        """What actor discovery reads: provisional actors and the named known ones (no aliases
        or roles), the actor mentions of the articles that name a provisional actor (the only
        ones that say who a provisional actor is seen with), and the provisional actors'
        spellings with the number of articles that wrote each."""
        actors = [
            (r[0], r[1], r[2], r[3], r[4], bool(r[5]))
            for r in self.db.execute(
                "SELECT actor_id, name, kind, code, country, known FROM actors "
                "WHERE known = 0 OR kind IN ('person', 'organization', 'group') ORDER BY actor_id"
            )
        ]
        rows = (
            (r[0], r[1])
            for r in self.db.execute(
                "SELECT article_id, actor_id FROM actor_mentions WHERE article_id IN "
                "(SELECT m.article_id FROM actor_mentions m JOIN actors a "
                "ON a.actor_id = m.actor_id WHERE a.known = 0) ORDER BY article_id"
            )
        )
        aliases = [
            (r[0], r[1], r[2])
            for r in self.db.execute(
                "SELECT l.actor_id, l.alias, l.n FROM actor_aliases l JOIN actors a "
                "ON a.actor_id = l.actor_id WHERE a.known = 0 ORDER BY l.actor_id, l.alias"
            )
        ]
        return actors, rows, aliases

    def provisional_observations(
        self,
    ) -> Iterator[tuple[str, dict[str, int], dict[str | None, int], str | None]]:
        """For each provisional actor: its spellings with the articles that wrote them, the
        codes its mentions carry with their counts, and its country (``discovery.canonical``)."""
        aliases: dict[str, dict[str, int]] = {}
        for r in self.db.execute(
            "SELECT l.actor_id, l.alias, l.n FROM actor_aliases l JOIN actors a "
            "ON a.actor_id = l.actor_id WHERE a.known = 0"
        ):
            aliases.setdefault(r[0], {})[r[1]] = r[2]
        codes: dict[str, dict[str | None, int]] = {}
        for r in self.db.execute(
            "SELECT m.actor_id, m.code, count(*) FROM actor_mentions m JOIN actors a "
            "ON a.actor_id = m.actor_id WHERE a.known = 0 AND m.place_only = 0 "
            "GROUP BY m.actor_id, m.code"
        ):
            codes.setdefault(r[0], {})[r[1]] = r[2]
        for r in self.db.execute("SELECT actor_id, country FROM actors WHERE known = 0"):
            yield r[0], aliases.get(r[0], {}), codes.get(r[0], {}), r[1]

    def set_actor_fields(self, rows: Iterable[tuple[str, str | None, str | None, str]]) -> None:
        """(name, code, country, actor_id): fields a corpus stage decided (provisional actors'
        canonical ones)."""
        with self.transaction() as db:
            db.executemany(
                "UPDATE actors SET name = ?, code = ?, country = ? WHERE actor_id = ?", rows
            )

    def set_merge_keys(self, rows: Iterable[tuple[str | None, str]]) -> None:
        """(merge key, mention id) pairs; a None key marks a report to be keyed again."""
        self.db.executemany("UPDATE event_mentions SET merge_key = ? WHERE mention_id = ?", rows)

    def merge_keys(self, article_ids: Iterable[str] | None = None) -> set[str]:
        """The merge keys of these articles' event reports (of every report with None)."""
        if article_ids is None:
            return {
                r[0]
                for r in self.db.execute(
                    "SELECT DISTINCT merge_key FROM event_mentions WHERE merge_key IS NOT NULL"
                )
            }
        return {
            r[0]
            for r in self._in(
                "SELECT DISTINCT merge_key FROM event_mentions "
                "WHERE article_id IN ({ids}) AND merge_key IS NOT NULL",
                article_ids,
            )
        }

    def key_event_rows(self, key: str) -> list[sqlite3.Row]:
        """The merged events now standing for the reports of one merge key."""
        return self.db.execute(
            "SELECT event_id, dyad, sides, date, date_precision, polarity, modality, story_id, "
            "record FROM events WHERE event_id IN "
            "(SELECT event_id FROM event_mentions WHERE merge_key = ?)",
            (key,),
        ).fetchall()

    def key_mentions(self, key: str) -> tuple[list[Event], dict[str, str | None]]:
        """The reports of one merge key (with their copy groups) and their articles' outlets."""
        events: list[Event] = []
        outlets: dict[str, str | None] = {}
        for r in self.db.execute(
            "SELECT m.record, a.dup_group, a.outlet, a.article_id FROM event_mentions m "
            "JOIN articles a ON a.article_id = m.article_id WHERE m.merge_key = ? "
            "ORDER BY m.article_id, m.mention_id",
            (key,),
        ):
            ev = event_from_record(json.loads(r[0]))
            for m in ev.mentions:
                m.dup_group = r[1]
            events.append(ev)
            outlets[r[3]] = r[2]
        return events, outlets

    def near_duplicates_of(
        self, article_ids: Iterable[str]
    ) -> list[tuple[str, str, float, list[dict[str, int]]]]:
        """Stored near-duplicate pairs with at least one side among these articles."""
        rows = {
            (r[0], r[1]): (r[0], r[1], r[2], json.loads(r[3]))
            for r in self._in(
                "SELECT a, b, similarity, passages FROM near_duplicates "
                "WHERE a IN ({ids}) OR b IN ({ids})",
                article_ids,
            )
        }
        return [rows[k] for k in sorted(rows)]

    def delete_events(self, event_ids: Sequence[str]) -> None:
        self._run_in("DELETE FROM events WHERE event_id IN ({ids})", event_ids)
        self.delete_event_claims(event_ids)
        self._run_in(
            "UPDATE event_mentions SET event_id = NULL WHERE event_id IN ({ids})", event_ids
        )

    def insert_event(self, ev: Event, dyad: str | None, sides: str) -> None:
        """One merged event, its reports pointed at it."""
        rec = ev.record()
        rec.pop("mentions")
        self.db.execute(
            """INSERT INTO events(event_id, date, date_precision, source_id, source_code,
               target_id, target_code, cameo, root, quad_class, goldstein, polarity, modality,
               num_articles, num_outlets, story_id, record, dyad, sides)
               VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
            (
                ev.event_id,
                ev.date,
                ev.date_precision,
                ev.source.actor_id if ev.source else None,
                ev.source.code if ev.source else None,
                ev.target.actor_id if ev.target else None,
                ev.target.code if ev.target else None,
                ev.cameo,
                ev.root,
                ev.quad_class,
                ev.goldstein,
                ev.polarity,
                ev.modality,
                ev.num_articles,
                ev.num_outlets,
                None,
                _dumps(rec),
                dyad,
                sides,
            ),
        )
        self.db.executemany(
            "UPDATE event_mentions SET event_id = ? WHERE mention_id = ?",
            [(ev.event_id, m.mention_id) for m in ev.mentions],
        )

    def events_with_sides(self, sides: str) -> list[Event]:
        """Merged events (with their reports) whose sides are these: one denial partition."""
        rows = self.db.execute(
            "SELECT record FROM events WHERE sides = ? ORDER BY date IS NULL, date, event_id",
            (sides,),
        ).fetchall()
        return self._with_mentions(rows)

    def has_denial(self, sides: str) -> bool:
        return (
            self.db.execute(
                "SELECT 1 FROM events WHERE sides = ? AND polarity = 'negated' LIMIT 1", (sides,)
            ).fetchone()
            is not None
        )

    def _with_mentions(self, rows: Sequence[sqlite3.Row]) -> list[Event]:
        recs = [json.loads(r[0]) for r in rows]
        mentions: dict[str, list[EventMention]] = {}
        add_mention_rows(
            mentions,
            self._in(
                MENTION_ROWS + " WHERE m.event_id IN ({ids}) "
                "ORDER BY m.event_id, a.published, m.article_id",
                [r["event_id"] for r in recs],
            ),
        )
        out = []
        for rec in recs:
            ms = mentions.get(rec["event_id"], [])
            # The order the merge stage gives them: earliest report first.
            ms.sort(key=lambda m: (m.published or "9999", m.article_id, m.start))
            out.append(event_from_record(rec, ms))
        return out

    def insert_claims(self, claims: Iterable[tuple[Claim, str | None]]) -> None:
        """(claim, figure partition key or None)."""
        self.db.executemany(
            "INSERT OR REPLACE INTO claims(claim_id, article_id, event_id, record, figure_key) "
            "VALUES (?,?,?,?,?)",
            [(c.claim_id, c.article_id, c.event_id, _dumps(c.record()), k) for c, k in claims],
        )

    def delete_event_claims(self, event_ids: Sequence[str]) -> None:
        self._run_in("DELETE FROM claims WHERE event_id IN ({ids})", event_ids)

    def delete_figure_claims(self, article_ids: Iterable[str]) -> set[str]:
        """Drop these articles' figure claims; returns the quantities they counted."""
        ids = list(article_ids)
        keys = {
            r[0]
            for r in self._in(
                "SELECT DISTINCT figure_key FROM claims WHERE article_id IN ({ids}) "
                "AND figure_key IS NOT NULL",
                ids,
            )
        }
        self._run_in("DELETE FROM claims WHERE article_id IN ({ids}) AND event_id IS NULL", ids)
        return keys

    def figure_claims_with_key(self, key: str) -> list[Claim]:
        return [
            claim_from_record(json.loads(r[0]))
            for r in self.db.execute(
                "SELECT record FROM claims WHERE figure_key = ? ORDER BY claim_id", (key,)
            )
        ]

    def actor_ref_named(self, name: str) -> ActorRef | None:
        """The actor a speaker's name names (a known one first), for attributing claims."""
        r = self.db.execute(
            "SELECT actor_id, code, name FROM actors WHERE name = ? ORDER BY known DESC, actor_id "
            "LIMIT 1",
            (name,),
        ).fetchone()
        return ActorRef(r[0], r[1], r[2]) if r else None

    def article_ids(self) -> Iterator[list[str]]:
        """Every article id, in chunks (for a full recompute without holding them all)."""
        last = 0
        while True:
            rows = self.db.execute(
                "SELECT seq, article_id FROM articles WHERE seq > ? ORDER BY seq LIMIT 2000",
                (last,),
            ).fetchall()
            if not rows:
                return
            last = rows[-1][0]
            yield [r[1] for r in rows]

    def article_facts(self, article_ids: Sequence[str]) -> list[sqlite3.Row]:
        """What the stories and figures stages read of an article (text included)."""
        return list(
            self._in(
                "SELECT article_id, text, published, outlet, dup_group, story_id, story_how "
                "FROM articles WHERE article_id IN ({ids}) ORDER BY seq",
                article_ids,
            )
        )

    def article_codes(self, article_ids: Sequence[str]) -> Iterator[tuple[str, str]]:
        """(article_id, actor code) of these articles' actor mentions."""
        for r in self._in(
            "SELECT article_id, code FROM actor_mentions "
            "WHERE article_id IN ({ids}) AND code IS NOT NULL",
            article_ids,
        ):
            yield r[0], r[1]

    def article_event_codes(
        self, article_ids: Sequence[str]
    ) -> Iterator[tuple[str, str | None, str | None]]:
        """(article_id, source code, target code) of these articles' event reports."""
        for r in self._in(
            "SELECT article_id, source_code, target_code FROM event_mentions "
            "WHERE article_id IN ({ids})",
            article_ids,
        ):
            yield r[0], r[1], r[2]

    def stories_of_keys(self, keys: Iterable[str]) -> set[str]:
        """Stories holding an article that reports an event of these merge keys."""
        return {
            r[0]
            for r in self._in(
                "SELECT DISTINCT a.story_id FROM event_mentions m JOIN articles a "
                "ON a.article_id = m.article_id "
                "WHERE m.merge_key IN ({ids}) AND a.story_id IS NOT NULL",
                keys,
            )
        }

    def set_article_stories(self, changes: dict[str, tuple[str, str] | None]) -> None:
        """article -> (story id, how: "pair" or "text"), or None for no story."""
        self.db.executemany(
            "UPDATE articles SET story_id = ?, story_how = ? WHERE article_id = ?",
            [(*(v or (None, None)), a) for a, v in changes.items()],
        )

    def story_members(self, story_id: str) -> list[sqlite3.Row]:
        return self.db.execute(
            "SELECT article_id, published, title, text, story_how FROM articles "
            "WHERE story_id = ? ORDER BY seq",
            (story_id,),
        ).fetchall()

    def articles_dated_between(self, first: str, last: str) -> list[sqlite3.Row]:
        """Articles published on a day from ``first`` to ``last`` (ISO dates), with their text
        and story (a week's scope for placing unpaired articles by text)."""
        return self.db.execute(
            "SELECT article_id, text, published, story_id, story_how FROM articles "
            "WHERE published >= ? AND published <= ? AND length(published) >= 10 ORDER BY seq",
            (first, last + "~"),
        ).fetchall()

    def dated_days(self) -> Iterator[str]:
        """Every publication day in the store (for a full recompute of the weeks)."""
        for r in self.db.execute(
            "SELECT DISTINCT substr(published, 1, 10) FROM articles WHERE length(published) >= 10"
        ):
            yield r[0]

    def event_ids_of_articles(self, article_ids: Sequence[str]) -> set[str]:
        return {
            r[0]
            for r in self._in(
                "SELECT DISTINCT event_id FROM event_mentions "
                "WHERE article_id IN ({ids}) AND event_id IS NOT NULL",
                article_ids,
            )
        }

    def events_without_mentions(self, event_ids: Sequence[str]) -> list[Event]:
        """Merged events without their reports, in timeline order (for story building)."""
        out = [
            event_from_record(json.loads(r[0]), [])
            for r in self._in("SELECT record FROM events WHERE event_id IN ({ids})", event_ids)
        ]
        out.sort(key=lambda e: (e.date is None, e.date or "", e.event_id))
        return out

    def story_pair(self, story_id: str) -> tuple[str, str] | None:
        r = self.db.execute("SELECT record FROM stories WHERE story_id = ?", (story_id,)).fetchone()
        if r is None:
            return None
        actors = sorted(json.loads(r[0]).get("actors") or [])
        return (actors[0], actors[1]) if len(actors) == 2 else None

    def write_story(self, story_id: str, story: Story | None) -> None:
        """Replace one story (None: it has no articles left)."""
        self.db.execute("DELETE FROM stories WHERE story_id = ?", (story_id,))
        if story is not None:
            self.db.execute(
                "INSERT INTO stories VALUES (?,?,?,?,?,?,?)",
                (
                    story.story_id,
                    story.title,
                    story.start,
                    story.end,
                    len(story.article_ids),
                    len(story.event_ids),
                    _dumps(story.record()),
                ),
            )

    def set_event_stories(self, event_ids: Iterable[str]) -> None:
        """An event belongs to the story of its earliest report's article."""
        self._run_in(
            "UPDATE events SET story_id = (SELECT a.story_id FROM event_mentions m "
            "JOIN articles a ON a.article_id = m.article_id "
            "WHERE m.event_id = events.event_id AND a.story_id IS NOT NULL "
            "ORDER BY a.published IS NULL, a.published, a.article_id LIMIT 1) "
            "WHERE event_id IN ({ids})",
            event_ids,
        )

    def cell_events(self, a: str, b: str, period: str) -> list[Event]:
        """Merged events of one monthly dyad row, both directions (reciprocal ones count both)."""
        return [
            event_from_record(json.loads(r[0]), [])
            for r in self.db.execute(
                "SELECT record FROM events WHERE dyad IN (?, ?) AND date >= ? AND date < ?",
                (f"{a}|{b}", f"{b}|{a}", period, period + "~"),
            )
        ]

    def write_dyad(self, cell: tuple[str, str, str], row: DyadRow | None) -> None:
        self.db.execute("DELETE FROM dyads WHERE a = ? AND b = ? AND period = ?", cell)
        if row is not None:
            self.db.execute(
                "INSERT INTO dyads VALUES (?,?,?,?,?,?,?,?,?,?)",
                (
                    row.a,
                    row.b,
                    row.period,
                    row.events,
                    row.goldstein_sum,
                    row.goldstein_mean,
                    *(row.quad_counts.get(str(q), 0) for q in (1, 2, 3, 4)),
                ),
            )

    def clear_corpus_results(self) -> None:
        """Before a full recompute: the derived tables start empty."""
        for stmt in (
            "DELETE FROM events",
            "DELETE FROM claims",
            "DELETE FROM stories",
            "DELETE FROM dyads",
            "UPDATE event_mentions SET event_id = NULL WHERE event_id IS NOT NULL",
            "UPDATE articles SET story_id = NULL, story_how = NULL WHERE story_id IS NOT NULL",
        ):
            self.db.execute(stmt)

    def finish_corpus_update(self, scheme: str) -> None:
        _fault("corpus-before-commit")
        self._set_meta("corpus_dirty", "0")
        self._set_meta("corpus_scheme", scheme)
        self._set_meta("corpus_updated_at", _now())

    # ---- records for export and the faces ---------------------------------------------------------
    def count(self, table: str) -> int:
        if table not in {
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
        }:
            raise ValueError(table)
        return int(self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    def _near_dups(self, article_id: str | None = None) -> dict[str, list[NearDuplicate]]:
        """Near-duplicate lists from both sides of each pair (all of them, or one article's)."""
        out: dict[str, list[NearDuplicate]] = {}
        where, params = (
            ("WHERE a = ? OR b = ?", (article_id, article_id)) if article_id else ("", ())
        )
        for r in self.db.execute(
            f"SELECT a, b, similarity, passages FROM near_duplicates {where} ORDER BY a, b", params
        ):
            passages = json.loads(r["passages"])
            out.setdefault(r["a"], []).append(NearDuplicate(r["b"], r["similarity"], passages))
            out.setdefault(r["b"], []).append(
                NearDuplicate(r["a"], r["similarity"], flip_passages(passages))
            )
        return out

    def article_from_row(
        self, r: sqlite3.Row, near: dict[str, list[NearDuplicate]] | None = None
    ) -> Article:
        return Article(
            article_id=r["article_id"],
            path=r["path"],
            text=r["text"],
            outlet=r["outlet"],
            title=r["title"],
            url=r["url"],
            author=r["author"],
            published=r["published"],
            published_precision=r["published_precision"],
            published_how=r["published_how"],
            published_evidence=r["published_evidence"],
            language=r["language"],
            removed=json.loads(r["removed"]),
            near_duplicates=(near or {}).get(r["article_id"], []),
            story_id=r["story_id"],
            dup_group=r["dup_group"],
            notes=json.loads(r["notes"]),
        )

    def iter_articles(self) -> Iterator[Article]:
        near = self._near_dups()
        for r in self.iter_article_rows():
            yield self.article_from_row(r, near)

    def get_article(self, article_id: str) -> Article | None:
        r = self.db.execute("SELECT * FROM articles WHERE article_id = ?", (article_id,)).fetchone()
        return self.article_from_row(r, self._near_dups(article_id)) if r else None

    def merge_actors(self, mapping: dict[str, str]) -> int:
        """Fold provisional actors into the ones they were found to be (``actors/discovery.py``):
        mentions, aliases (counts added) and the event reports that name them move over; the
        merged ids' rows go.  One transaction; returns the number of actors merged."""
        if not mapping:
            return 0
        with self.transaction() as db:
            for old, new in mapping.items():
                db.execute(
                    "UPDATE OR IGNORE actor_mentions SET actor_id = ? WHERE actor_id = ?",
                    (new, old),
                )
                db.execute("DELETE FROM actor_mentions WHERE actor_id = ?", (old,))
                db.execute(
                    """INSERT INTO actor_aliases(actor_id, alias, n)
                       SELECT ?, alias, n FROM actor_aliases WHERE actor_id = ? AND true
                       ON CONFLICT(actor_id, alias) DO UPDATE SET n = n + excluded.n""",
                    (new, old),
                )
                db.execute("DELETE FROM actor_aliases WHERE actor_id = ?", (old,))
                db.execute("DELETE FROM actors WHERE actor_id = ?", (old,))
                for side in ("source", "target"):
                    db.execute(
                        f"""UPDATE event_mentions SET record = json_set(record, '$.{side}.actor_id', ?)
                            WHERE json_extract(record, '$.{side}.actor_id') = ?""",
                        (new, old),
                    )
        return len(mapping)

    def iter_actors(self) -> Iterator[Actor]:
        aliases: dict[str, list[str]] = {}
        for r in self.db.execute(
            "SELECT actor_id, alias FROM actor_aliases ORDER BY actor_id, n DESC, alias"
        ):
            aliases.setdefault(r[0], []).append(r[1])
        for r in self.db.execute("SELECT * FROM actors ORDER BY known DESC, actor_id"):
            yield Actor(
                r["actor_id"],
                r["code"],
                r["name"],
                r["kind"],
                r["country"],
                aliases.get(r["actor_id"], []),
                [Role(**x) for x in json.loads(r["roles"])],
                bool(r["known"]),
            )

    def _mentions_by_event(self) -> dict[str, list[EventMention]]:
        out: dict[str, list[EventMention]] = {}
        add_mention_rows(
            out,
            self.db.execute(
                f"{MENTION_ROWS} WHERE m.event_id IS NOT NULL "
                "ORDER BY m.event_id, a.published, m.article_id"
            ),
        )
        return out

    def iter_events(self, where: str = "", params: Sequence[Any] = ()) -> Iterator[Event]:
        mentions = self._mentions_by_event()
        q = (
            f"SELECT record FROM events {('WHERE ' + where) if where else ''} "
            "ORDER BY date IS NULL, date, event_id"
        )
        for r in self.db.execute(q, params):
            rec = json.loads(r[0])
            yield event_from_record(rec, mentions.get(rec["event_id"], []))

    def iter_stories(self) -> Iterator[Story]:
        for r in self.db.execute("SELECT record FROM stories ORDER BY n_articles DESC, story_id"):
            d = json.loads(r[0])
            yield Story(**d)

    def iter_claims(self) -> Iterator[Claim]:
        for r in self.db.execute("SELECT record FROM claims ORDER BY article_id, claim_id"):
            yield claim_from_record(json.loads(r[0]))

    def iter_dyads(self) -> Iterator[DyadRow]:
        for r in self.db.execute("SELECT * FROM dyads ORDER BY a, b, period"):
            yield DyadRow(
                r["a"],
                r["b"],
                r["period"],
                r["events"],
                r["goldstein_sum"],
                r["goldstein_mean"],
                {"1": r["q1"], "2": r["q2"], "3": r["q3"], "4": r["q4"]},
            )

    def skipped(self) -> list[tuple[str, str, str]]:
        return [
            (r[0], r[1], r[2])
            for r in self.db.execute("SELECT at, path, reason FROM ingest_log ORDER BY id")
        ]

    def search(self, query: str, limit: int = 20) -> list[tuple[str, str]]:
        """FTS5 search over titles and texts; the query is passed as a quoted phrase per word."""
        terms = " ".join('"' + w.replace('"', '""') + '"' for w in query.split() if w)
        if not terms:
            return []
        rows = self.db.execute(
            "SELECT a.article_id, snippet(articles_fts, 1, '[', ']', '…', 12) FROM articles_fts "
            "JOIN articles a ON a.seq = articles_fts.rowid WHERE articles_fts MATCH ? "
            "ORDER BY rank LIMIT ?",
            (terms, limit),
        )
        return [(r[0], r[1]) for r in rows]

    def integrity_ok(self) -> bool:
        return self.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def sentence_around(text: str, start: int, end: int, limit: int = 240) -> str:
    """The sentence holding text[start:end], cut to about ``limit`` characters around it."""
    if not text:
        return ""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    left = 0 if left < 0 else left + 1
    stops = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(stops) + 1 if stops else len(text)
    left = max(left, start - limit // 2)
    right = min(right, end + limit // 2)
    return " ".join(text[left:right].split())
