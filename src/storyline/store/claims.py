"""The claims part of the store: event claims and their contradictions (the claims stage) and
figure claims, each with the quantity it counts (the figures stage's partition key)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence

from storyline.model import Claim, Contradiction
from storyline.store import codec, filters
from storyline.store.db import Database, dumps


class Claims:
    def __init__(self, db: Database) -> None:
        self.db = db

    def clear(self) -> None:
        """Before a full recompute: no claims."""
        self.db.execute("DELETE FROM claims")

    def insert(self, claims: Iterable[tuple[Claim, str | None]]) -> None:
        """(claim, figure partition key or None)."""
        self.db.executemany(
            "INSERT OR REPLACE INTO claims(claim_id, article_id, event_id, record, figure_key) "
            "VALUES (?,?,?,?,?)",
            [(c.claim_id, c.article_id, c.event_id, dumps(c.record()), k) for c, k in claims],
        )

    def delete_of_events(self, event_ids: Sequence[str]) -> None:
        self.db.run_in("DELETE FROM claims WHERE event_id IN ({ids})", event_ids)

    def delete_figures(self, article_ids: Iterable[str]) -> set[str]:
        """Drop these articles' figure claims; returns the quantities they counted."""
        ids = list(article_ids)
        keys = {
            r[0]
            for r in self.db.in_(
                "SELECT DISTINCT figure_key FROM claims WHERE article_id IN ({ids}) "
                "AND figure_key IS NOT NULL",
                ids,
            )
        }
        self.db.run_in("DELETE FROM claims WHERE article_id IN ({ids}) AND event_id IS NULL", ids)
        return keys

    def figure_sketches(self, key: str) -> list[Claim]:
        """One quantity's figures with only what linking them reads (ids, date, outlet, the
        figure, the current links), pulled out in SQL: re-linking a quantity stated in
        thousands of articles decodes no whole record.  Not for writing back."""
        out = []
        for claim_id, article_id, packed in self.db.execute(
            "SELECT claim_id, article_id, json_extract(record, '$.date', '$.outlet', "
            "'$.figure.value', '$.figure.stated', '$.figure.counts', '$.figure.nationality', "
            "'$.figure.host', '$.contradicts') FROM claims WHERE figure_key = ? "
            "ORDER BY claim_id",
            (key,),
        ):
            date, outlet, value, stated, counts, nationality, host, links = json.loads(packed)
            figure = {
                "value": value,
                "stated": stated,
                "counts": counts,
                "nationality": nationality,
                "host": host,
            }
            contradicts = [Contradiction(x["claim_id"], x["reason"]) for x in links or []]
            claim = Claim(claim_id, None, "", None, "", article_id, contradicts, date, outlet)
            claim.figure = figure
            out.append(claim)
        return out

    # ---- reads for the faces ----------------------------------------------------------------------
    def iter(self) -> Iterator[Claim]:
        for r in self.db.execute("SELECT record FROM claims ORDER BY article_id, claim_id"):
            yield codec.decode(Claim, json.loads(r[0]))

    def page(self, f: filters.ClaimFilter, limit: int, offset: int) -> filters.Page[Claim]:
        limit, offset = filters.check_page(limit, offset)
        where, params = filters.claim_where(f, self.db)
        total, rows = self.db.page(
            "record FROM claims", where, params, "article_id, claim_id", limit, offset
        )
        items = [codec.decode(Claim, json.loads(r[0])) for r in rows]
        return filters.Page(items, total, limit, offset)

    def disputed_in_story(self, story_id: str) -> list[Claim]:
        """The claims about a story's events that contradict another claim."""
        return [
            codec.decode(Claim, json.loads(r[0]))
            for r in self.db.execute(
                "SELECT c.record FROM events e JOIN claims c ON c.event_id = e.event_id "
                "WHERE e.story_id = ? AND json_array_length(c.record, '$.contradicts') > 0 "
                "ORDER BY c.claim_id",
                (story_id,),
            )
        ]

    def by_ids(self, claim_ids: Iterable[str]) -> dict[str, Claim]:
        return {
            r[0]: codec.decode(Claim, json.loads(r[1]))
            for r in self.db.in_(
                "SELECT claim_id, record FROM claims WHERE claim_id IN ({ids})",
                list(dict.fromkeys(claim_ids)),
            )
        }

    def contradictions_of(self, event_ids: Sequence[str]) -> dict[str, list[str]]:
        """``contradictions`` for some events, reading only their claims (a page's)."""
        out: dict[str, list[str]] = {}
        for r in self.db.in_(
            "SELECT event_id, record FROM claims WHERE event_id IN ({ids}) "
            "AND json_array_length(record, '$.contradicts') > 0",
            list(event_ids),
        ):
            for c in json.loads(r[1]).get("contradicts", []):
                reason = c.get("reason", "")
                if reason not in out.get(r[0], []):
                    out.setdefault(r[0], []).append(reason)
        # Both sides are marked: also the events whose claims another claim contradicts.
        for e, reasons in self._answered(set(event_ids)).items():
            for reason in reasons:
                if reason not in out.get(e, []):
                    out.setdefault(e, []).append(reason)
        return out

    def _answered(self, wanted: set[str]) -> dict[str, list[str]]:
        """Events whose claims another claim contradicts (the reports a denial answers)."""
        out: dict[str, list[str]] = {}
        if not wanted:
            return out
        rows = self.db.execute(
            "SELECT j.value ->> '$.claim_id', j.value ->> '$.reason' FROM claims, "
            "json_each(claims.record, '$.contradicts') AS j "
            "WHERE json_array_length(claims.record, '$.contradicts') > 0"
        ).fetchall()
        targets = {r[0]: r[1] for r in rows}
        if not targets:
            return out
        for r in self.db.in_(
            "SELECT claim_id, event_id FROM claims WHERE claim_id IN ({ids})", list(targets)
        ):
            if r[1] in wanted and targets[r[0]] not in out.get(r[1], []):
                out.setdefault(r[1], []).append(targets[r[0]])
        return out

    def contradictions(self, event_ids: Iterable[str] | None = None) -> dict[str, list[str]]:
        """Events whose sources contradict each other, with the reasons (from the claims stage).

        Both sides of a contradiction are marked: the denial and the reports it answers."""
        wanted = set(event_ids) if event_ids is not None else None
        claim_event: dict[str, str | None] = {}
        pairs: list[tuple[str, str, str]] = []
        for r in self.db.execute(
            "SELECT claim_id, event_id, record FROM claims "
            "WHERE json_array_length(record, '$.contradicts') > 0"
        ):
            claim_event[r["claim_id"]] = r["event_id"]
            for c in json.loads(r["record"]).get("contradicts", []):
                pairs.append((r["claim_id"], c.get("claim_id", ""), c.get("reason", "")))
        if pairs:
            missing = [b for _, b, _ in pairs if b not in claim_event]
            for i in range(0, len(missing), 500):
                chunk = missing[i : i + 500]
                for r in self.db.execute(
                    "SELECT claim_id, event_id FROM claims "
                    f"WHERE claim_id IN ({filters.placeholders(chunk)})",
                    chunk,
                ):
                    claim_event[r[0]] = r[1]
        out: dict[str, list[str]] = {}
        for a, b, reason in pairs:
            for ev in (claim_event.get(a), claim_event.get(b)):
                if ev and (wanted is None or ev in wanted) and reason not in out.get(ev, []):
                    out.setdefault(ev, []).append(reason)
        return out
