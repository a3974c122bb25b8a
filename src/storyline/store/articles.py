"""The articles part of the store: article writes, the ingest log, reads and full-text search.

An article's row holds what the per-article stages decided (text, dates and how they were
found); its columns ``dup_group`` and ``story_id`` belong to the duplicates and stories stages
(``store/duplicates.py``, ``store/stories.py``).  FTS5 (``articles_fts``, diacritics removed)
is kept in step by triggers (``schema.py``).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from storyline.model import Article, NearDuplicate, Skipped, flip_passages
from storyline.store import codec, filters
from storyline.store.db import Database, now

# Set by the corpus stages, never by an article's own write.
CORPUS_COLUMNS = ("story_id", "dup_group", "story_how")
SNIPPET_OPEN, SNIPPET_CLOSE = "\x02", "\x03"


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """A snippet split into (text, matched) parts, so a page escapes the text and marks the
    matches itself instead of trusting markup inside article text."""
    parts: list[tuple[str, bool]] = []
    for i, chunk in enumerate(re.split(f"[{SNIPPET_OPEN}{SNIPPET_CLOSE}]", snippet)):
        if chunk:
            parts.append((chunk, i % 2 == 1))
    return parts


class Articles:
    def __init__(self, db: Database) -> None:
        self.db = db

    # ---- writes -----------------------------------------------------------------------------------
    def written_fields(self) -> list[str]:
        """The article fields an ingest writes: the table's columns that are fields, in order."""
        return codec.kept_fields(Article, self.db.columns("articles"), CORPUS_COLUMNS)

    def insert(self, a: Article) -> bool:
        """One article (``INSERT OR IGNORE`` by content id); whether it was new."""
        names = self.written_fields()
        cur = self.db.execute(
            f"INSERT OR IGNORE INTO articles({', '.join(names)}, ingested_at) "
            f"VALUES ({','.join('?' * (len(names) + 1))})",
            [*codec.values(a, names), now()],
        )
        return cur.rowcount > 0

    def log_skipped(self, skipped: Iterable[Skipped]) -> None:
        self.db.executemany(
            "INSERT INTO ingest_log(at, path, reason) VALUES (?, ?, ?)",
            [(now(), s.path, s.reason) for s in skipped],
        )

    def skipped(self) -> list[tuple[str, str, str]]:
        """(when, path, reason) of every input that did not become an article."""
        return [
            (r[0], r[1], r[2])
            for r in self.db.execute("SELECT at, path, reason FROM ingest_log ORDER BY id")
        ]

    def existing(self, ids: Sequence[str]) -> set[str]:
        return {
            r[0]
            for r in self.db.in_("SELECT article_id FROM articles WHERE article_id IN ({ids})", ids)
        }

    # ---- records ----------------------------------------------------------------------------------
    def _near(self, ids: Sequence[str] | None) -> dict[str, list[NearDuplicate]]:
        """Near-duplicate lists from both sides of each pair (of every article, or of these)."""
        out: dict[str, list[NearDuplicate]] = {}
        sql = "SELECT a, b, similarity, passages FROM near_duplicates"
        rows: Iterable[sqlite3.Row] = (
            self.db.execute(sql + " ORDER BY a, b")
            if ids is None
            else sorted(
                {
                    (r[0], r[1]): r
                    for r in self.db.in_(sql + " WHERE a IN ({ids}) OR b IN ({ids})", ids)
                }.values(),
                key=lambda r: (r[0], r[1]),
            )
        )
        for r in rows:
            passages = codec.loads(r["passages"])
            out.setdefault(r["a"], []).append(NearDuplicate(r["b"], r["similarity"], passages))
            out.setdefault(r["b"], []).append(
                NearDuplicate(r["a"], r["similarity"], flip_passages(passages))
            )
        return out

    def _decode(
        self, rows: list[sqlite3.Row], near: dict[str, list[NearDuplicate]]
    ) -> list[Article]:
        return [
            codec.decode(Article, r, near_duplicates=near.get(r["article_id"], [])) for r in rows
        ]

    def iter(self) -> Iterator[Article]:
        """Every article, in the order they came (the export)."""
        near = self._near(None)
        for r in self.db.execute("SELECT * FROM articles ORDER BY seq"):
            yield codec.decode(Article, r, near_duplicates=near.get(r["article_id"], []))

    def get(self, article_id: str) -> Article | None:
        rows = self.db.execute(
            "SELECT * FROM articles WHERE article_id = ?", (article_id,)
        ).fetchall()
        return self._decode(rows, self._near([article_id]))[0] if rows else None

    def page(self, f: filters.ArticleFilter, limit: int, offset: int) -> filters.Page[Article]:
        """One page of the articles matching a filter, by publication date, then ingest order."""
        limit, offset = filters.check_page(limit, offset)
        where, params = filters.article_where(f.validate(), self.db)
        total, rows = self.db.page(
            "* FROM articles", where, params, filters.ARTICLE_ORDER, limit, offset
        )
        items = self._decode(rows, self._near([r["article_id"] for r in rows]))
        return filters.Page(items, total, limit, offset)

    def titles(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Title, outlet, date and path of some articles, for links."""
        return {
            r["article_id"]: dict(r)
            for r in self.db.in_(
                "SELECT article_id, title, outlet, published, path, substr(text, 1, 300) AS lede "
                "FROM articles WHERE article_id IN ({ids})",
                list(dict.fromkeys(ids)),
            )
        }

    def export_facts(self, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """What the field layouts cite about an event's articles: URL (else path), when it was
        stored, and where its first paragraph ends (GDELT's IsRootEvent: reported in the lead)."""
        return {
            r["article_id"]: dict(r)
            for r in self.db.in_(
                "SELECT article_id, url, path, ingested_at, "
                "coalesce(nullif(instr(text, char(10) || char(10)), 0) - 1, length(text)) AS lead_end "
                "FROM articles "
                "WHERE article_id IN ({ids})",
                list(ids),
            )
        }

    def outlets(self) -> list[tuple[str, int]]:
        """Outlets with how many articles each, most first."""
        return [
            (r[0], int(r[1]))
            for r in self.db.execute(
                "SELECT outlet, count(*) FROM articles WHERE outlet IS NOT NULL GROUP BY outlet "
                "ORDER BY count(*) DESC, outlet"
            )
        ]

    # ---- search -----------------------------------------------------------------------------------
    def search(self, text: str, limit: int = 20) -> list[dict[str, Any]]:
        """Articles whose title or text holds every word, best first, with a marked snippet."""
        match = filters.fts_query(text)
        if not match:
            return []
        rows = self.db.execute(
            "SELECT a.article_id, a.title, a.outlet, a.published, "
            f"snippet(articles_fts, 1, '{SNIPPET_OPEN}', '{SNIPPET_CLOSE}', '…', 16) AS snip "
            "FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid "
            "WHERE articles_fts MATCH ? ORDER BY rank, a.seq LIMIT ?",
            (match, limit),
        )
        return [{**dict(r), "snippet": snippet_parts(r["snip"])} for r in rows]

    def search_page(
        self, text: str, actor_ids: Sequence[str], limit: int, offset: int
    ) -> filters.Page[dict[str, Any]]:
        """Articles holding every word (best first), then those naming one of ``actor_ids`` under
        any spelling; each with a marked snippet: the words found, or the spelling used."""
        limit, offset = filters.check_page(limit, offset)
        match = filters.fts_query(text)
        # The words' matches, best first, read a page at a time (never all of them ranked);
        # then the articles that name the actors under another spelling, in store order.
        n_ranked = (
            int(
                self.db.one(
                    "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", (match,)
                )
            )
            if match
            else 0
        )
        named: list[int] = []
        if actor_ids:
            named = sorted(
                {
                    r[0]
                    for r in self.db.in_(
                        "SELECT a.seq FROM actor_mentions m JOIN articles a "
                        "ON a.article_id = m.article_id WHERE m.place_only = 0 "
                        "AND m.actor_id IN ({ids})",
                        actor_ids,
                    )
                }
            )
            if named and match:
                hit: set[int] = set()
                for i in range(0, len(named), 500):
                    chunk = named[i : i + 500]
                    hit.update(
                        r[0]
                        for r in self.db.execute(
                            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? "
                            f"AND rowid IN ({filters.placeholders(chunk)})",
                            [match, *chunk],
                        )
                    )
                named = [x for x in named if x not in hit]
        wanted: list[int] = []
        if match and offset < n_ranked:
            wanted = [
                r[0]
                for r in self.db.execute(
                    "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? "
                    "ORDER BY rank, rowid LIMIT ? OFFSET ?",
                    (match, limit, offset),
                )
            ]
        if len(wanted) < limit:
            start = max(0, offset - n_ranked)
            wanted += named[start : start + limit - len(wanted)]
        seen = set(wanted[: max(0, min(limit, n_ranked - offset))])
        total = n_ranked + len(named)
        rows = {
            r["seq"]: dict(r)
            for r in self.db.execute(
                "SELECT seq, article_id, title, outlet, published, substr(text, 1, 400) AS lede "
                f"FROM articles WHERE seq IN ({filters.placeholders(wanted)})",
                wanted,
            )
        }
        snips: dict[int, str] = {}
        fts_part = [x for x in wanted if x in seen]
        if fts_part and match:
            snips = {
                r[0]: r[1]
                for r in self.db.execute(
                    f"SELECT rowid, snippet(articles_fts, 1, '{SNIPPET_OPEN}', '{SNIPPET_CLOSE}', "
                    "'…', 16) FROM articles_fts WHERE articles_fts MATCH ? "
                    f"AND rowid IN ({filters.placeholders(fts_part)})",
                    [match, *fts_part],
                )
            }
        spelled: dict[str, tuple[str, str, str]] = {}
        alias_part = [rows[x]["article_id"] for x in wanted if x not in seen and x in rows]
        if alias_part:
            for r in self.db.execute(
                "SELECT m.article_id, m.start, m.end, a.text FROM actor_mentions m "
                "JOIN articles a ON a.article_id = m.article_id "
                f"WHERE m.article_id IN ({filters.placeholders(alias_part)}) "
                f"AND m.place_only = 0 AND m.actor_id IN ({filters.placeholders(actor_ids)}) "
                "ORDER BY m.article_id, m.start",
                [*alias_part, *actor_ids],
            ):
                if r[0] not in spelled:
                    t, a, b = r[3], r[1], r[2]
                    lo, hi = max(0, a - 90), min(len(t), b + 90)
                    pre = ("…" if lo else "") + t[lo:a]
                    post = t[b:hi] + ("…" if hi < len(t) else "")
                    spelled[r[0]] = (pre, t[a:b], post)
        items = []
        for x in wanted:
            if x not in rows:
                continue
            d = rows.pop(x)
            d.pop("seq")
            if x in snips:
                d["snippet"], d["via"] = snippet_parts(snips[x]), "words"
            else:
                pre, hit, post = spelled.get(d["article_id"], ("", "", ""))
                d["snippet"] = [(pre, False), (hit, True), (post, False)]
                d["via"] = "spelling"
            items.append(d)
        return filters.Page(items, total, limit, offset)

    def matching_ids(self, text: str) -> list[str]:
        """Every article the full-text search finds (all words required), in store order."""
        match = filters.fts_query(text)
        if not match:
            return []
        rows = self.db.execute(
            "SELECT a.article_id FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid "
            "WHERE articles_fts MATCH ? ORDER BY a.seq",
            (match,),
        )
        return [r[0] for r in rows]

    def texts_with_facts(self, ids: Sequence[str] | None = None) -> Iterator[sqlite3.Row]:
        """Texts with the facts a summary weighs them by (outlet, publication date and precision,
        copy group), streamed in store order: every article, or the given ones."""
        cols = "article_id, outlet, published, published_precision, dup_group, text"
        if ids is None:
            yield from self.db.execute(f"SELECT {cols} FROM articles ORDER BY seq")
            return
        for i in range(0, len(ids), 500):
            chunk = list(ids[i : i + 500])
            yield from self.db.execute(
                f"SELECT {cols} FROM articles WHERE article_id IN ({','.join('?' * len(chunk))}) "
                "ORDER BY seq",
                chunk,
            )

    # ---- what the corpus stages read ------------------------------------------------------------
    def ids(self) -> Iterator[list[str]]:
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

    def facts(self, ids: Sequence[str]) -> list[sqlite3.Row]:
        """What the stories and figures stages read of an article (text included)."""
        return list(
            self.db.in_(
                "SELECT article_id, text, published, outlet, dup_group, story_id, story_how "
                "FROM articles WHERE article_id IN ({ids}) ORDER BY seq",
                ids,
            )
        )

    def meta(self, ids: Sequence[str] | None = None) -> dict[str, dict[str, Any]]:
        """Small per-article facts (no text): of every article, or of these."""
        q = (
            "SELECT article_id, outlet, published, published_precision, published_how, dup_group, "
            "length(text) AS n, seq FROM articles"
        )
        if ids is None:
            return {r["article_id"]: dict(r) for r in self.db.execute(q + " ORDER BY seq")}
        return {
            r["article_id"]: dict(r)
            for r in self.db.in_(q + " WHERE article_id IN ({ids}) ORDER BY seq", ids)
        }

    def texts(self, ids: Sequence[str]) -> dict[str, str]:
        return {
            r[0]: r[1]
            for r in self.db.in_(
                "SELECT article_id, text FROM articles WHERE article_id IN ({ids})", ids
            )
        }
