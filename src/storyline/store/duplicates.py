"""The duplicates stage's part of the store: signatures, the LSH band index, near-duplicate
pairs with their shared passages, copy groups and the dates copies take from their group.

Band keys are kept next to the signatures (``lsh_keys``, meta ``lsh_params`` says for which
banding), so a new article is checked against the store by indexed lookups, never by rebuilding
an index.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from storyline.store import codec
from storyline.store.db import Database, dumps

Passages = list[dict[str, int]]
PairRow = tuple[str, str, float, Passages]
# (document row, paragraph rows, band key rows) of one signed article
Signatures = tuple[
    tuple[str, str, bytes], list[tuple[str, int, int, int, bytes]], list[tuple[int, str, int]]
]
StoredSignature = tuple[str, bytes, list[tuple[int, int, int, bytes]], int]


class Duplicates:
    def __init__(self, db: Database) -> None:
        self.db = db

    # ---- this update's new articles -------------------------------------------------------------
    def start(self) -> None:
        """Scratch tables for one update (connection-private, gone with it): the articles it
        signs, their band keys, and the candidate pairs those keys give."""
        for stmt in (
            "CREATE TEMP TABLE IF NOT EXISTS dup_new (seq INTEGER PRIMARY KEY, article_id TEXT)",
            "CREATE TEMP TABLE IF NOT EXISTS dup_new_keys (key INTEGER, article_seq INTEGER, "
            "paragraph INTEGER, PRIMARY KEY (key, article_seq, paragraph)) WITHOUT ROWID",
            "CREATE TEMP TABLE IF NOT EXISTS dup_candidates (new_id TEXT, no INTEGER, "
            "other_id TEXT, o_no INTEGER, PRIMARY KEY (new_id, no, other_id, o_no)) WITHOUT ROWID",
        ):
            self.db.execute(stmt)
        for table in ("dup_new", "dup_new_keys", "dup_candidates"):
            self.db.execute(f"DELETE FROM temp.{table}")

    def unsigned_ids(self, limit: int) -> list[str]:
        """The next articles not signed yet, in the order they came."""
        return [
            r[0]
            for r in self.db.execute(
                "SELECT a.article_id FROM articles a "
                "LEFT JOIN document_signatures d ON d.article_id = a.article_id "
                "WHERE d.article_id IS NULL ORDER BY a.seq LIMIT ?",
                (limit,),
            )
        ]

    def add_signed(self, signed: Iterable[Signatures]) -> None:
        """New articles' signatures and band keys, noted as this update's new entries."""
        signed = list(signed)
        self.db.executemany(
            "INSERT OR REPLACE INTO document_signatures VALUES (?,?,?)", [s[0] for s in signed]
        )
        self.db.executemany(
            "INSERT OR REPLACE INTO paragraph_signatures VALUES (?,?,?,?,?)",
            [row for s in signed for row in s[1]],
        )
        keys = [row for s in signed for row in s[2]]
        self.insert_keys(keys)
        self.db.executemany(
            "INSERT OR IGNORE INTO temp.dup_new(seq, article_id) "
            "SELECT seq, article_id FROM articles WHERE article_id = ?",
            [(s[0][0],) for s in signed],
        )
        self.db.executemany(
            "INSERT OR IGNORE INTO temp.dup_new_keys(key, article_seq, paragraph) "
            "SELECT ?, seq, ? FROM articles WHERE article_id = ?",
            [(key, no, aid) for key, aid, no in keys],
        )

    def new_keys(self, page: int = 4096) -> Iterator[int]:
        """The distinct band keys of this update's new entries, in order (a page at a time)."""
        last: int | None = None
        while True:
            rows = self.db.execute(
                "SELECT DISTINCT key FROM temp.dup_new_keys "
                + ("WHERE key > ? " if last is not None else "")
                + "ORDER BY key LIMIT ?",
                (last, page) if last is not None else (page,),
            ).fetchall()
            if not rows:
                return
            last = rows[-1][0]
            yield from (r[0] for r in rows)

    def buckets(self, keys: Sequence[int]) -> dict[int, list[tuple[str, int, int, bool]]]:
        """Every entry of these band keys: (article_id, seq, paragraph, new in this update)."""
        out: dict[int, list[tuple[str, int, int, bool]]] = {}
        for r in self.db.in_(
            "SELECT k.key, a.article_id, a.seq, k.paragraph, n.seq IS NOT NULL FROM lsh_keys k "
            "JOIN articles a ON a.seq = k.article_seq "
            "LEFT JOIN temp.dup_new n ON n.seq = k.article_seq WHERE k.key IN ({ids}) "
            "ORDER BY k.key, a.seq, k.paragraph",
            keys,
        ):
            out.setdefault(r[0], []).append((r[1], r[2], r[3], bool(r[4])))
        return out

    def add_candidates(self, rows: Iterable[tuple[str, int, str, int]]) -> None:
        self.db.executemany("INSERT OR IGNORE INTO temp.dup_candidates VALUES (?,?,?,?)", rows)

    def new_ids(self, page: int = 500) -> Iterator[str]:
        """This update's new articles, in the order they came."""
        last = -1
        while rows := self.db.execute(
            "SELECT seq, article_id FROM temp.dup_new WHERE seq > ? ORDER BY seq LIMIT ?",
            (last, page),
        ).fetchall():
            last = rows[-1][0]
            yield from (r[1] for r in rows)

    def check_inputs(self, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Everything checking these new articles needs: their signatures, their candidates
        (and their exact copies signed before them) with signatures, lengths and texts."""
        own = self.signatures_of(ids)
        seqs = {
            r[0]: r[1]
            for r in self.db.in_(
                "SELECT article_id, seq FROM articles WHERE article_id IN ({ids})", ids
            )
        }
        cands: dict[str, list[tuple[int, str, int]]] = {a: [] for a in ids}
        for r in self.db.in_(
            "SELECT new_id, no, other_id, o_no FROM temp.dup_candidates WHERE new_id IN ({ids}) "
            "ORDER BY new_id, no, other_id, o_no",
            ids,
        ):
            cands[r[0]].append((r[1], r[2], r[3]))
        by_hash: dict[str, list[tuple[str, int, bool]]] = {}
        for r in self.db.in_(
            "SELECT d.text_hash, d.article_id, a.seq, n.seq IS NOT NULL FROM document_signatures d "
            "JOIN articles a ON a.article_id = d.article_id "
            "LEFT JOIN temp.dup_new n ON n.seq = a.seq WHERE d.text_hash IN ({ids})",
            sorted({own[a][0] for a in ids}),
        ):
            by_hash.setdefault(r[0], []).append((r[1], r[2], bool(r[3])))
        exact = {
            a: sorted(
                b
                for b, b_seq, b_new in by_hash.get(own[a][0], [])
                if b != a and (not b_new or b_seq < seqs[a])
            )
            for a in ids
        }
        others = sorted(
            {b for a in ids for _n, b, _o in cands[a]} | {b for a in ids for b in exact[a]}
        )
        theirs = self.signatures_of(others)
        texts = self.texts([*ids, *others])
        out = {}
        for a in ids:
            mine = {b for _n, b, _o in cands[a]} | set(exact[a])
            out[a] = {
                "own": own[a],
                "candidates": cands[a],
                "exact": exact[a],
                "doc_sigs": {b: theirs[b][1] for b in mine if b in theirs},
                "para_sigs": {
                    (b, no): (s, e, sig)
                    for b in mine
                    if b in theirs
                    for no, s, e, sig in theirs[b][2]
                },
                "lengths": {b: theirs[b][3] for b in mine if b in theirs},
                "texts": {b: texts[b] for b in (*mine, a) if b in texts},
            }
        return out

    def add_pairs(self, rows: Iterable[PairRow]) -> None:
        self.db.executemany(
            "INSERT OR REPLACE INTO near_duplicates VALUES (?,?,?,?)",
            [(a, b, s, dumps(p)) for a, b, s, p in rows],
        )

    # ---- signatures and the band index ------------------------------------------------------------
    def signatures_of(self, ids: Sequence[str]) -> dict[str, StoredSignature]:
        """(text hash, document signature, [(paragraph, start, end, signature)], text length)
        of these signed articles."""
        out: dict[str, StoredSignature] = {}
        for r in self.db.in_(
            "SELECT d.article_id, d.text_hash, d.signature, length(a.text) "
            "FROM document_signatures d JOIN articles a ON a.article_id = d.article_id "
            "WHERE d.article_id IN ({ids})",
            ids,
        ):
            out[r[0]] = (r[1], r[2], [], r[3])
        for r in self.db.in_(
            "SELECT article_id, paragraph, start, end, signature FROM paragraph_signatures "
            "WHERE article_id IN ({ids}) ORDER BY article_id, paragraph",
            ids,
        ):
            if r[0] in out:
                out[r[0]][2].append((r[1], r[2], r[3], r[4]))
        return out

    def signed_ids(self) -> Iterator[str]:
        """Every signed article, in the order they came."""
        last = 0
        while rows := self.db.execute(
            "SELECT a.seq, a.article_id FROM document_signatures d "
            "JOIN articles a ON a.article_id = d.article_id WHERE a.seq > ? ORDER BY a.seq LIMIT 2000",
            (last,),
        ).fetchall():
            last = rows[-1][0]
            yield from (r[1] for r in rows)

    def clear_keys(self) -> None:
        self.db.execute("DELETE FROM lsh_keys")

    def insert_keys(self, rows: Iterable[tuple[int, str, int]]) -> None:
        self.db.executemany(
            "INSERT OR IGNORE INTO lsh_keys(key, article_seq, paragraph) "
            "SELECT ?, seq, ? FROM articles WHERE article_id = ?",
            ((key, paragraph, article_id) for key, article_id, paragraph in rows),
        )

    def texts(self, ids: Sequence[str]) -> dict[str, str]:
        return {
            r[0]: r[1]
            for r in self.db.in_(
                "SELECT article_id, text FROM articles WHERE article_id IN ({ids})", ids
            )
        }

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
