"""The duplicates stage's part of the store: signatures, the LSH band index, near-duplicate
pairs with their shared passages, copy groups and the dates copies take from their group.

Band keys are kept next to the signatures (``lsh_keys``, meta ``lsh_params`` says for which
banding), so a new article is checked against the store by indexed lookups, never by rebuilding
an index.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence

from storyline.store import codec
from storyline.store.db import Database, dumps

Passages = list[dict[str, int]]
PairRow = tuple[str, str, float, Passages]


class Duplicates:
    def __init__(self, db: Database) -> None:
        self.db = db

    # ---- the band index ---------------------------------------------------------------------------
    def lsh_items(self, keys: Sequence[int]) -> Iterator[tuple[int, str, int]]:
        """Signed entries sharing a band key: (key, article_id, paragraph; -1 = document)."""
        yield from self.db.in_(
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
        yield from self.db.in_(
            "SELECT d.article_id, d.text_hash, d.signature, length(a.text) "
            "FROM document_signatures d JOIN articles a ON a.article_id = d.article_id "
            "WHERE d.article_id IN ({ids})",
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
            for r in self.db.in_(
                "SELECT article_id, text FROM articles WHERE article_id IN ({ids})", ids
            )
        }

    def signatures(self) -> Iterator[sqlite3.Row]:
        yield from self.db.execute(
            "SELECT article_id, paragraph, start, end, signature FROM paragraph_signatures"
        )

    def document_signatures(self) -> Iterator[sqlite3.Row]:
        yield from self.db.execute(
            "SELECT article_id, text_hash, signature FROM document_signatures"
        )

    def rebuild_keys(self, rows: Iterable[tuple[int, str, int]], params: str) -> None:
        """Replace every band key (after a change of banding, or for a store made before them)."""
        with self.db.transaction():
            self.db.execute("DELETE FROM lsh_keys")
            self.insert_keys(rows)
            self.db.set_meta("lsh_params", params)

    def insert_keys(self, rows: Iterable[tuple[int, str, int]]) -> None:
        self.db.executemany(
            "INSERT OR IGNORE INTO lsh_keys(key, article_seq, paragraph) "
            "SELECT ?, seq, ? FROM articles WHERE article_id = ?",
            ((key, paragraph, article_id) for key, article_id, paragraph in rows),
        )

    def unsigned(self, limit: int) -> list[sqlite3.Row]:
        """The next articles the duplicates stage has not signed (in the order they came)."""
        return self.db.execute(
            "SELECT a.article_id, a.text FROM articles a "
            "LEFT JOIN document_signatures d ON d.article_id = a.article_id "
            "WHERE d.article_id IS NULL ORDER BY a.seq LIMIT ?",
            (limit,),
        ).fetchall()

    def write_rows(
        self,
        signatures: Iterable[tuple[str, int, int, int, bytes]],
        doc_signatures: Iterable[tuple[str, str, bytes]],
        near_duplicates: Iterable[PairRow],
        lsh_keys: Iterable[tuple[int, str, int]],
    ) -> None:
        self.db.executemany(
            "INSERT OR REPLACE INTO paragraph_signatures VALUES (?,?,?,?,?)", signatures
        )
        self.db.executemany(
            "INSERT OR REPLACE INTO document_signatures VALUES (?,?,?)", doc_signatures
        )
        self.db.executemany(
            "INSERT OR REPLACE INTO near_duplicates VALUES (?,?,?,?)",
            [(a, b, s, dumps(p)) for a, b, s, p in near_duplicates],
        )
        self.insert_keys(lsh_keys)

    # ---- pairs and groups -------------------------------------------------------------------------
    def pairs(self) -> list[PairRow]:
        """Every near-duplicate pair with its shared passages (from ``a``'s side)."""
        return [
            (r[0], r[1], r[2], codec.loads(r[3]))
            for r in self.db.execute(
                "SELECT a, b, similarity, passages FROM near_duplicates ORDER BY a, b"
            )
        ]

    def pairs_of(self, article_ids: Iterable[str]) -> list[PairRow]:
        """Stored near-duplicate pairs with at least one side among these articles."""
        rows = {
            (r[0], r[1]): (r[0], r[1], r[2], codec.loads(r[3]))
            for r in self.db.in_(
                "SELECT a, b, similarity, passages FROM near_duplicates "
                "WHERE a IN ({ids}) OR b IN ({ids})",
                article_ids,
            )
        }
        return [rows[k] for k in sorted(rows)]

    def paired_articles(self) -> set[str]:
        """Every article in a near-duplicate pair (for regrouping every copy group)."""
        return {
            r[0]
            for r in self.db.execute(
                "SELECT a FROM near_duplicates UNION SELECT b FROM near_duplicates"
            )
        }

    def components(self, article_ids: Iterable[str]) -> set[str]:
        """Every article linked to these by a chain of near-duplicate pairs (themselves too)."""
        seen = set(article_ids)
        frontier = sorted(seen)
        while frontier:
            found: set[str] = set()
            for a, b, _s, _p in self.pairs_of(frontier):
                found.update((a, b))
            frontier = sorted(found - seen)
            seen |= found
        return seen

    def pairs_among(self, article_ids: set[str]) -> list[tuple[str, str]]:
        return [
            (a, b)
            for a, b, _s, _p in self.pairs_of(sorted(article_ids))
            if a in article_ids and b in article_ids
        ]

    def groups_of(self, article_ids: Iterable[str]) -> dict[str, str]:
        """The copy group of each of these articles that has one."""
        return {
            r[0]: r[1]
            for r in self.db.in_(
                "SELECT article_id, dup_group FROM articles "
                "WHERE article_id IN ({ids}) AND dup_group IS NOT NULL",
                article_ids,
            )
        }

    def set_groups(self, changes: dict[str, str | None]) -> None:
        self.db.executemany(
            "UPDATE articles SET dup_group = ? WHERE article_id = ?",
            [(g, a) for a, g in changes.items()],
        )

    def set_dates(self, dates: dict[str, tuple[str, str]]) -> set[str]:
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

    def members(self) -> list[sqlite3.Row]:
        """Articles that belong to a copy group, grouped, canonical copy first."""
        return list(
            self.db.execute(
                "SELECT article_id, dup_group, outlet, title, published, published_how, path, text "
                "FROM articles WHERE dup_group IS NOT NULL "
                "ORDER BY dup_group, article_id != dup_group, published IS NULL, published, seq"
            )
        )
