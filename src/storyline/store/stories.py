"""The stories stage's part of the store: each article's story (``articles.story_id`` and how
it got it), the stories themselves, and each event's story."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from storyline.model import Story
from storyline.store import codec, filters
from storyline.store.db import Database, dumps


class Stories:
    def __init__(self, db: Database) -> None:
        self.db = db

    def clear(self) -> None:
        """Before a full recompute: no stories, no article in one."""
        self.db.execute("DELETE FROM stories")
        self.db.execute(
            "UPDATE articles SET story_id = NULL, story_how = NULL WHERE story_id IS NOT NULL"
        )

    # ---- articles' stories ------------------------------------------------------------------------
    def set_articles(self, changes: dict[str, tuple[str, str] | None]) -> None:
        """article -> (story id, how: "pair" or "text"), or None for no story."""
        self.db.executemany(
            "UPDATE articles SET story_id = ?, story_how = ? WHERE article_id = ?",
            [(*(v or (None, None)), a) for a, v in changes.items()],
        )

    def placement(self, ids: Sequence[str]) -> list[sqlite3.Row]:
        """What placing articles in stories reads of them: date, copy group, story now."""
        return list(
            self.db.in_(
                "SELECT article_id, published, dup_group, story_id, story_how FROM articles "
                "WHERE article_id IN ({ids}) ORDER BY seq",
                ids,
            )
        )

    def members(self, story_id: str) -> list[sqlite3.Row]:
        return self.db.execute(
            "SELECT article_id, published, title, text, story_how FROM articles "
            "WHERE story_id = ? ORDER BY seq",
            (story_id,),
        ).fetchall()

    def dated_between(self, first: str, last: str) -> list[sqlite3.Row]:
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

    def of_keys(self, keys: Iterable[str]) -> set[str]:
        """Stories holding an article that reports an event of these merge keys."""
        return {
            r[0]
            for r in self.db.in_(
                "SELECT DISTINCT a.story_id FROM event_mentions m JOIN articles a "
                "ON a.article_id = m.article_id "
                "WHERE m.merge_key IN ({ids}) AND a.story_id IS NOT NULL",
                keys,
            )
        }

    def event_reports(self, event_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """What deciding each event's story reads: its sides, its story now, and for each of
        its reports the article, that article's story and date, and whether it is background."""
        out: dict[str, dict[str, Any]] = {}
        for r in self.db.in_(
            "SELECT e.event_id, e.source_code, e.target_code, e.story_id AS current, "
            "m.article_id, a.story_id, a.published, "
            "coalesce(json_extract(m.record, '$.mentions[0].background'), 0) AS background "
            "FROM events e LEFT JOIN event_mentions m ON m.event_id = e.event_id "
            "LEFT JOIN articles a ON a.article_id = m.article_id "
            "WHERE e.event_id IN ({ids})",
            event_ids,
        ):
            d = out.setdefault(
                r["event_id"],
                {
                    "sides": (r["source_code"], r["target_code"]),
                    "current": r["current"],
                    "reports": [],
                },
            )
            if r["article_id"] is not None:
                d["reports"].append(
                    (r["article_id"], r["story_id"], r["published"], bool(r["background"]))
                )
        return out

    def set_events(self, stories: dict[str, str | None]) -> None:
        """Each event's one story (``corpus.stories.event_story`` decides it)."""
        self.db.executemany(
            "UPDATE events SET story_id = ? WHERE event_id = ?",
            [(s, e) for e, s in stories.items()],
        )

    # ---- stories ----------------------------------------------------------------------------------
    def pair(self, story_id: str) -> tuple[str, str] | None:
        r = self.db.one("SELECT record FROM stories WHERE story_id = ?", (story_id,))
        if r is None:
            return None
        actors = sorted(json.loads(r).get("actors") or [])
        return (actors[0], actors[1]) if len(actors) == 2 else None

    def write(self, story_id: str, story: Story | None) -> None:
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
                    dumps(story.record()),
                ),
            )

    # ---- reads for the faces ----------------------------------------------------------------------
    def iter(self) -> Iterator[Story]:
        for r in self.db.execute("SELECT record FROM stories ORDER BY n_articles DESC, story_id"):
            yield codec.decode(Story, json.loads(r[0]))

    def get(self, story_id: str) -> Story | None:
        r = self.db.one("SELECT record FROM stories WHERE story_id = ?", (story_id,))
        return codec.decode(Story, json.loads(r)) if r else None

    def summaries(
        self, f: filters.StoryFilter, limit: int, offset: int, sort: str | None = None
    ) -> filters.Page[dict[str, Any]]:
        """A page of stories as lists show them: counts, not the lists of ids (a story of a
        pair's whole history holds 180,000 event ids)."""
        limit, offset = filters.check_page(limit, offset)
        order = filters.STORY_ORDERS[filters.check_order(sort, filters.STORY_ORDERS)]
        where, params = filters.story_where(f, self.db)
        total, rows = self.db.page(
            'story_id, title, start, "end", n_articles, n_events, '
            "json_extract(record, '$.kind') AS kind, json_extract(record, '$.actors') AS actors, "
            "json_array_length(record, '$.background_event_ids') AS n_background, "
            "json_extract(record, '$.conflict_share') AS conflict_share FROM stories",
            where,
            params,
            order,
            limit,
            offset,
        )
        items = [
            {**dict(r), "actors": json.loads(r["actors"] or "[]"), "kind": r["kind"] or "pair"}
            for r in rows
        ]
        return filters.Page(items, total, limit, offset)

    def titles(self, ids: Iterable[str]) -> dict[str, str]:
        """Story titles by id, for links that name a story instead of showing its id."""
        return {
            r[0]: r[1]
            for r in self.db.in_(
                "SELECT story_id, title FROM stories WHERE story_id IN ({ids})",
                list(dict.fromkeys(i for i in ids if i)),
            )
        }

    def first(self, prefix: str = "") -> Story | None:
        """The story with most articles whose id starts with ``prefix`` (the main story for "")."""
        r = self.db.one(
            "SELECT record FROM stories WHERE substr(story_id, 1, length(?)) = ? "
            "ORDER BY n_articles DESC, story_id LIMIT 1",
            (prefix, prefix),
        )
        return codec.decode(Story, json.loads(r)) if r else None

    def page(
        self, f: filters.StoryFilter, limit: int, offset: int, sort: str | None = None
    ) -> filters.Page[Story]:
        """One page of stories: most articles first, or by ``sort`` (``filters.STORY_ORDERS``)."""
        limit, offset = filters.check_page(limit, offset)
        order = filters.STORY_ORDERS[filters.check_order(sort, filters.STORY_ORDERS)]
        where, params = filters.story_where(f, self.db)
        total, rows = self.db.page("record FROM stories", where, params, order, limit, offset)
        items = [codec.decode(Story, json.loads(r[0])) for r in rows]
        return filters.Page(items, total, limit, offset)
