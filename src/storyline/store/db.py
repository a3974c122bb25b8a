"""The connection every part of the store shares: pragmas, migrations, transactions, meta, and
queries over many ids.

One ``Database`` per open store.  The parts (``articles``, ``duplicates``, ``events`` ...) hold
it and write their own SQL through it, so what a transaction is, how a locked store is waited
for and how a write error is worded are decided once, here.  Fault points
(``STORYLINE_FAULT=point@N``) let the crash tests SIGKILL the process inside a transaction.
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
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from storyline.store import schema


class StoreError(RuntimeError):
    """The database cannot be used; the message says why and what to do."""


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def dumps(value: Any) -> str:
    """JSON as the store keeps it: compact, unescaped."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


_FAULT_HITS: dict[str, int] = {}


def fault_active(name: str) -> bool:
    """A simulated condition (not a kill) named by ``STORYLINE_FAULT``, for the error tests."""
    return os.environ.get("STORYLINE_FAULT", "").partition("@")[0] == name


def fault(point: str) -> None:
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


# Stores (device, inode) whose pages passed quick_check in this process.
_CHECKED: set[tuple[int, int]] = set()


def damaged(path: str, detail: str) -> str:
    """What to say about a store whose pages are damaged, and how to get its data back."""
    return (
        f"{path} is damaged ({detail}); nothing was written to it. Recover what it holds with "
        f"`sqlite3 {path} .recover | sqlite3 {path}.recovered`, check the result, and use "
        f"--db {path}.recovered; or restore a backup"
    )


def _connect_readonly(path: str, timeout: float) -> sqlite3.Connection:
    """Open for reading only, also on a read-only disk or in a read-only folder.

    In WAL mode even a reader needs the ``-shm`` file, which it cannot create where it may not
    write; then the file is opened ``immutable`` (nothing else can be writing it there).  A
    left-over ``-wal`` file would be ignored that way, so it is refused instead."""
    uri = Path(path).resolve().as_uri()

    def connect(query: str) -> sqlite3.Connection:
        db = sqlite3.connect(
            f"{uri}?{query}",
            uri=True,
            timeout=timeout,
            isolation_level=None,
            check_same_thread=False,
        )
        try:
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    try:
        return connect("mode=ro")
    except sqlite3.OperationalError as exc:
        text = str(exc).lower()
        if "readonly" not in text and "unable to open" not in text:
            raise
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise StoreError(
            f"{path} is on a read-only disk or in a read-only folder with changes still in "
            f"{wal.name} that SQLite cannot apply there; copy {Path(path).name} and {wal.name} "
            "to a writable folder and read that copy"
        )
    return connect("mode=ro&immutable=1")


T = TypeVar("T")
CHUNK = 400  # ids per ``IN (...)``: SQLite caps the number of bound parameters


def chunks(items: Iterable[T], size: int = CHUNK) -> Iterator[list[T]]:
    chunk: list[T] = []
    for x in items:
        chunk.append(x)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class Database:
    """One SQLite connection in WAL mode (read-write) or opened read-only, at the current schema."""

    def __init__(
        self, path: str | os.PathLike[str], readonly: bool = False, timeout: float = 60.0
    ) -> None:
        self.path = str(path)
        # The code pairs of a dyad (``filters.dyad_pairs``), remembered while set: for one
        # web request, whose page asks for them several times (``Store(..., one_request=True)``).
        self.dyad_memo: dict[tuple[str, str], list[tuple[str, str]]] | None = None
        # Event counts by WHERE clause and parameters, remembered for the same request.
        self.count_memo: dict[tuple[str, tuple[Any, ...]], int] | None = None
        self.readonly = readonly
        if readonly and not Path(self.path).exists():
            raise StoreError(f"no database at {self.path}: run `storyline ingest` first")
        try:
            if readonly or fault_active("read-only-disk"):
                self.conn = _connect_readonly(self.path, timeout)
            else:
                parent = Path(self.path).resolve().parent
                if not parent.exists():
                    raise StoreError(f"cannot create the database: folder {parent} does not exist")
                self.conn = sqlite3.connect(
                    self.path, timeout=timeout, isolation_level=None, check_same_thread=False
                )
            self.conn.row_factory = sqlite3.Row
            self.conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            if not readonly:
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
                self._check_pages()
            self.conn.execute("PRAGMA foreign_keys = ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            if "malformed" in str(exc) or "not a database" in str(exc):
                raise StoreError(damaged(self.path, str(exc))) from exc
            where = Path(self.path).resolve()
            cannot_write = not readonly and not (
                os.access(where.parent, os.W_OK)
                and (os.access(where, os.W_OK) or not where.exists())
            )
            if "readonly" in str(exc) or cannot_write:  # a read-only disk, file or folder
                raise StoreError(
                    f"{self.path} is read-only ({exc}): nothing was written. Check the file's "
                    "and folder's permissions and the disk it is on, or choose another --db"
                ) from exc
            raise StoreError(f"cannot open {self.path}: {exc}") from exc
        self._columns: dict[str, list[str]] = {}

    def _check_pages(self) -> None:
        """Before writing: a store with damaged pages must not be written to (the writes would
        land on top of the damage and every later read could fail).  quick_check reads each page
        once without cross-checking indexes (~1.6 s per GB from the page cache), so it runs once
        per store and process: a server taking uploads pays it at its first write, not each."""
        st = os.stat(self.path)
        key = (st.st_dev, st.st_ino)
        if key in _CHECKED:
            return
        found = self.conn.execute("PRAGMA quick_check(1)").fetchone()[0]
        if found != "ok":
            detail = " ".join(found.replace("*** in database main ***", "").split())
            raise StoreError(damaged(self.path, f"quick_check: {detail}"))
        _CHECKED.add(key)

    def close(self) -> None:
        self.conn.close()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Iterable[Any]]) -> sqlite3.Cursor:
        return self.conn.executemany(sql, rows)

    def one(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """The first column of the first row, or None."""
        row = self.execute(sql, params).fetchone()
        return row[0] if row else None

    def page(
        self, source: str, where: str, params: list[Any], order: str, limit: int, offset: int
    ) -> tuple[int, list[sqlite3.Row]]:
        """How many rows of ``source`` (``"* FROM table"``, columns and table) match, and one page
        of them in ``order``."""
        table = source.partition(" FROM ")[2]
        total = int(self.one(f"SELECT count(*) FROM {table} WHERE {where}", params))
        rows = self.conn.execute(
            f"SELECT {source} WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ).fetchall()
        return total, rows

    def columns(self, table: str) -> list[str]:
        """A table's columns in order (what a part may write into it)."""
        if table not in self._columns:
            self._columns[table] = [r[1] for r in self.conn.execute(f"PRAGMA table_info({table})")]
        return self._columns[table]

    # ---- queries over many ids ------------------------------------------------------------------
    def in_(self, sql: str, ids: Iterable[Any]) -> Iterator[sqlite3.Row]:
        """Run ``sql`` over the ids a chunk at a time: each ``{ids}`` in it stands for one chunk's
        placeholders (SQLite caps the number of bound parameters)."""
        n = sql.count("{ids}")
        for chunk in chunks(ids):
            yield from self.conn.execute(sql.format(ids=",".join("?" * len(chunk))), chunk * n)

    def run_in(self, sql: str, ids: Iterable[Any]) -> None:
        """``in_`` for a statement that returns no rows (UPDATE, DELETE)."""
        for _ in self.in_(sql, ids):
            pass

    # ---- meta -------------------------------------------------------------------------------------
    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        self.conn.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE "
            "SET value = excluded.value",
            (key, value),
        )

    # ---- schema -----------------------------------------------------------------------------------
    @property
    def version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        current = self.version
        if current > schema.SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} was written by a newer storyline (schema {current}, this one reads "
                f"up to {schema.SCHEMA_VERSION}); upgrade storyline to use it"
            )
        if current == schema.SCHEMA_VERSION:
            return
        if self.readonly:
            raise StoreError(
                f"{self.path} needs a schema upgrade ({current} -> {schema.SCHEMA_VERSION}); "
                "open it once read-write (e.g. `storyline ingest` with no paths)"
            )
        if current > 0:
            backup = f"{self.path}.v{current}.bak"
            shutil.copyfile(self.path, backup)
        for version in range(current + 1, schema.SCHEMA_VERSION + 1):
            with self.transaction():
                for stmt in schema.MIGRATIONS[version]:
                    self.conn.execute(stmt)
                self.conn.execute(f"PRAGMA user_version = {version}")

    # ---- transactions -----------------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT: all of the batch or none of it.

        Inside an open transaction this joins it (the outer one commits or rolls back), so a
        step such as merging actors can run on its own or as part of the corpus update.
        """
        if self.readonly:
            raise StoreError(f"{self.path} is open read-only")
        if self.conn.in_transaction:
            yield self.conn
            return
        self._begin()
        if fault_active("disk-full"):
            # Simulate a full disk: the file may not grow by a single page from here on.
            pages = self.conn.execute("PRAGMA page_count").fetchone()[0]
            self.conn.execute(f"PRAGMA max_page_count = {pages}")
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            self._rollback()
            raise self._write_error(exc) from exc
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        # SQLite may have rolled back already (it does after a full disk or an I/O error).
        with contextlib.suppress(sqlite3.DatabaseError):
            self.conn.execute("ROLLBACK")

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
                self.conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
                if time.monotonic() > deadline:
                    raise StoreError(
                        f"{self.path} stayed locked by another writer for 10 minutes"
                    ) from exc
                time.sleep(0.2)
