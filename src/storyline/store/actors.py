"""The actors part of the store: actors, every spelling seen, and where they were mentioned.

Written with each article (``write_article``); read by the faces (pages, the ``actors``
listing) and by the corpus update's actor discovery, which folds provisional actors into the
ones they were found to be (``merge``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from storyline.model import Actor, ActorRef, Article, Mention
from storyline.store import codec, filters
from storyline.store.db import Database

SPELLED_KINDS = "'person', 'organization', 'group'"


class Actors:
    def __init__(self, db: Database) -> None:
        self.db = db

    # ---- writes -----------------------------------------------------------------------------------
    def mention_fields(self) -> list[str]:
        return codec.kept_fields(Mention, self.db.columns("actor_mentions"))

    def actor_fields(self) -> list[str]:
        return codec.kept_fields(Actor, self.db.columns("actors"))

    def write_article(self, a: Article) -> None:
        """An article's actor mentions, the actors it names and the spellings it uses."""
        names = self.mention_fields()
        self.db.executemany(
            f"INSERT OR IGNORE INTO actor_mentions(article_id, {', '.join(names)}) "
            f"VALUES ({','.join('?' * (len(names) + 1))})",
            [(a.article_id, *codec.values(m, names)) for m in a.mentions],
        )
        names = self.actor_fields()
        for actor in a.actors.values():
            self.db.execute(
                f"INSERT INTO actors({', '.join(names)}) VALUES ({','.join('?' * len(names))}) "
                "ON CONFLICT(actor_id) DO NOTHING",
                codec.values(actor, names),
            )
            self.db.executemany(
                """INSERT INTO actor_aliases(actor_id, alias, n) VALUES (?,?,1)
                   ON CONFLICT(actor_id, alias) DO UPDATE SET n = n + 1""",
                [(actor.actor_id, alias) for alias in actor.aliases],
            )

    def merge(self, mapping: dict[str, str]) -> int:
        """Fold provisional actors into the ones they were found to be (``actors/discovery.py``):
        mentions, aliases (counts added) and the event reports that name them move over; the
        merged ids' rows go.  One transaction; returns the number of actors merged."""
        if not mapping:
            return 0
        with self.db.transaction() as db:
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

    # ---- records ----------------------------------------------------------------------------------
    def _decode(self, rows: list[sqlite3.Row]) -> list[Actor]:
        aliases = self.alias_counts([r["actor_id"] for r in rows])
        return [
            codec.decode(Actor, r, aliases=[a for a, _ in aliases.get(r["actor_id"], [])])
            for r in rows
        ]

    def iter(self) -> Iterator[Actor]:
        """Every actor, known ones first (the export)."""
        aliases: dict[str, list[str]] = {}
        for r in self.db.execute(
            "SELECT actor_id, alias FROM actor_aliases ORDER BY actor_id, n DESC, alias"
        ):
            aliases.setdefault(r[0], []).append(r[1])
        for r in self.db.execute("SELECT * FROM actors ORDER BY known DESC, actor_id"):
            yield codec.decode(Actor, r, aliases=aliases.get(r["actor_id"], []))

    def get(self, actor_id: str) -> Actor | None:
        rows = self.db.execute("SELECT * FROM actors WHERE actor_id = ?", (actor_id,)).fetchall()
        return self._decode(rows)[0] if rows else None

    def page(self, f: filters.ActorFilter, limit: int, offset: int) -> filters.Page[Actor]:
        limit, offset = filters.check_page(limit, offset)
        where, params = filters.actor_where(f)
        total, rows = self.db.page(
            "* FROM actors", where, params, "known DESC, actor_id", limit, offset
        )
        return filters.Page(self._decode(rows), total, limit, offset)

    def alias_counts(self, actor_ids: Sequence[str]) -> dict[str, list[tuple[str, int]]]:
        """Every spelling of some actors with how often it was seen, most frequent first (the
        export's alias order)."""
        out: dict[str, list[tuple[str, int]]] = {}
        for i in range(0, len(actor_ids), 500):
            chunk = list(actor_ids[i : i + 500])
            for r in self.db.execute(
                "SELECT actor_id, alias, n FROM actor_aliases "
                f"WHERE actor_id IN ({filters.placeholders(chunk)}) "
                "ORDER BY actor_id, n DESC, alias",
                chunk,
            ):
                out.setdefault(r[0], []).append((r[1], int(r[2])))
        return out

    def mention_counts(self, actor_ids: Sequence[str]) -> dict[str, tuple[int, int]]:
        """(mentions as an actor, articles) per actor; a capital named as a place does not count."""
        return {
            r[0]: (int(r[1]), int(r[2]))
            for r in self.db.in_(
                "SELECT actor_id, count(*), count(DISTINCT article_id) FROM actor_mentions "
                "WHERE place_only = 0 AND actor_id IN ({ids}) GROUP BY actor_id",
                actor_ids,
            )
        }

    def spelled(self, text: str, limit: int = 50) -> list[str]:
        """Actors one of whose names (canonical or any spelling seen) holds ``text`` as whole
        words, case-insensitive: "Miqdad" names Faisal Mekdad, "minister" names nobody."""
        t = text.strip()
        if not t:
            return []
        esc = t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        # A whole word: alone, first, last or inside, after a space or a hyphen (al-Mikdad).
        pats = [esc, f"{esc} %", f"% {esc}", f"% {esc} %", f"%-{esc}", f"%-{esc} %"]
        like = " OR ".join(["{col} LIKE ? ESCAPE '\\'"] * len(pats))
        # People, organisations and groups only: a country's or government's spellings
        # (adjectives, its capital) would turn a word search into "every article on Russia".
        rows = self.db.execute(
            f"SELECT actor_id FROM actors WHERE kind IN ({SPELLED_KINDS}) AND ("
            + like.format(col="name")
            + ") UNION SELECT actor_id FROM actor_aliases WHERE ("
            + like.format(col="alias")
            + f") AND actor_id IN (SELECT actor_id FROM actors WHERE kind IN ({SPELLED_KINDS})) "
            "LIMIT ?",
            [*pats, *pats, limit],
        )
        return sorted(r[0] for r in rows)

    def named_in(self, article_id: str) -> list[dict[str, Any]]:
        """The actors an article names (not as a mere place), most mentioned first."""
        rows = self.db.execute(
            "SELECT m.actor_id, a.name, a.code, count(*) AS n FROM actor_mentions m "
            "JOIN actors a ON a.actor_id = m.actor_id WHERE m.article_id = ? AND m.place_only = 0 "
            "GROUP BY m.actor_id ORDER BY n DESC, a.name",
            (article_id,),
        )
        return [dict(r) for r in rows]

    def seen_in(self, actor_id: str, limit: int = 20) -> list[dict[str, Any]]:
        """Where an actor was seen, with the spelling used: what a reviewer checks first."""
        rows = self.db.execute(
            "SELECT m.article_id, m.text, min(m.start) AS start, min(m.end) AS end, count(*) AS n, "
            "a.title, a.outlet, a.published, substr(a.text, 1, 300) AS lede FROM actor_mentions m "
            "JOIN articles a ON a.article_id = m.article_id "
            "WHERE m.actor_id = ? AND m.place_only = 0 "
            "GROUP BY m.article_id, m.text ORDER BY a.published IS NULL, a.published, a.seq, start "
            "LIMIT ?",
            (actor_id, limit),
        )
        return [dict(r) for r in rows]

    def mention_rows(self) -> Iterator[sqlite3.Row]:
        """(article_id, actor_id, code, rule, place_only) of every actor mention, by article."""
        yield from self.db.execute(
            "SELECT article_id, actor_id, code, rule, place_only FROM actor_mentions "
            "ORDER BY article_id"
        )

    # ---- what the corpus update reads -----------------------------------------------------------
    def ref_named(self, name: str) -> ActorRef | None:
        """The actor a speaker's name names (a known one first), for attributing claims."""
        r = self.db.execute(
            "SELECT actor_id, code, name FROM actors WHERE name = ? ORDER BY known DESC, actor_id "
            "LIMIT 1",
            (name,),
        ).fetchone()
        return ActorRef(r[0], r[1], r[2]) if r else None

    def codes(self, article_ids: Sequence[str]) -> Iterator[tuple[str, str]]:
        """(article_id, actor code) of these articles' actor mentions."""
        for r in self.db.in_(
            "SELECT article_id, code FROM actor_mentions "
            "WHERE article_id IN ({ids}) AND code IS NOT NULL",
            article_ids,
        ):
            yield r[0], r[1]

    def discovery_rows(
        self,
    ) -> tuple[
        list[tuple[str, str, str, str | None, str | None, bool]],
        Iterator[tuple[str, str]],
        list[tuple[str, str, int]],
    ]:
        """What actor discovery reads: provisional actors and the named known ones (no aliases
        or roles), and the actor mentions of the articles that name a provisional actor (the
        only ones that say who a provisional actor is seen with)."""
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

    def set_fields(self, rows: Iterable[tuple[str, str | None, str | None, str]]) -> None:
        """(name, code, country, actor_id): the fields a corpus stage decided (provisional
        actors' canonical ones); runs inside the update's transaction."""
        self.db.executemany(
            "UPDATE actors SET name = ?, code = ?, country = ? WHERE actor_id = ?", rows
        )

    def examples(self) -> dict[str, str]:
        """One sentence for each actor: the text around its first mention by name (not a
        reference back, not a place), for ``storyline actors`` to show what it is."""
        rows = self.db.execute(
            """SELECT actor_id, article_id, start, "end" FROM (
                 SELECT actor_id, article_id, start, "end", ROW_NUMBER() OVER (
                   PARTITION BY actor_id ORDER BY article_id, start) AS k
                 FROM actor_mentions WHERE place_only = 0 AND rule NOT LIKE 'coref-%')
               WHERE k = 1"""
        ).fetchall()
        texts = {
            r[0]: r[1]
            for r in self.db.in_(
                "SELECT article_id, text FROM articles WHERE article_id IN ({ids})",
                sorted({r[1] for r in rows}),
            )
        }
        return {
            actor_id: sentence_around(texts.get(article_id, ""), start, end)
            for actor_id, article_id, start, end in rows
        }


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
