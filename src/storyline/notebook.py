"""The notebook face: ``storyline.open(db)`` and data frames of a store's records.

An analyst in a notebook wants "this pair's events as a data frame", not a service call and a
loop over pages.  ``open`` gives a read-only handle whose verbs take the HTTP API's filters (the
same dataclasses of ``store/filters.py``, read through the same ``service`` functions, so a
notebook and the web UI select the same records) and return ``Records``: a list of the model's
dataclasses with ``to_pandas()`` (flat columns, as the CSV export names them) and ``to_arrow()``
(nested, typed from the model).  Nothing is written: the store is opened read-only, so a
notebook can read while ``ingest`` or ``watch`` writes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Generic, TypeVar, get_type_hints

from storyline import service
from storyline.model import Actor, Article, Claim, DyadRow, Event, Story
from storyline.store import Store, codec
from storyline.store.filters import (
    MAX_LIMIT,
    ActorFilter,
    ArticleFilter,
    ClaimFilter,
    DyadFilter,
    EventFilter,
    Page,
    QueryError,
    StoryFilter,
    check_side,
)

T = TypeVar("T")


class Records(list[T], Generic[T]):
    """Model records (``Event``, ``Article``...) in the read service's order, convertible."""

    def __init__(self, items: Iterable[T], kind: type) -> None:
        super().__init__(items)
        self.kind = kind

    def records(self) -> list[dict[str, Any]]:
        """The records as JSON-ready dicts (the export's and the HTTP API's shape)."""
        return [x.record() for x in self]  # type: ignore[attr-defined]

    def to_arrow(self) -> Any:
        """A ``pyarrow.Table``: one column per record field, typed from the model (nested
        objects as structs, lists as lists), so Parquet, DuckDB and Polars read it as it is."""
        import pyarrow as pa

        recs = self.records()
        names = list(recs[0]) if recs else codec.field_names(self.kind)
        hints = get_type_hints(self.kind)
        columns = {}
        for name in names:
            values = [r.get(name) for r in recs]
            try:
                tp = codec.arrow_type(hints[name]) if name in hints else None
            except TypeError:  # a dict of counts (a dyad's quad_counts): inferred
                tp = None
            columns[name] = pa.array(values, type=tp)
        return pa.table(columns)

    def to_pandas(self, flat: bool = True) -> Any:
        """A ``pandas.DataFrame``.  ``flat``: nested objects become columns joined with ``_``
        (``source_code``, ``location_lat``, ``quad_counts_4``) as in the CSV export; lists
        (mentions, aliases) stay Python lists.  ``flat=False`` keeps the nested dicts."""
        import pandas as pd

        recs = self.records()
        if not flat:
            return pd.DataFrame.from_records(recs, columns=list(recs[0]) if recs else None)
        nested = codec.nested_fields(self.kind)
        rows = []
        for rec in recs:
            row: dict[str, Any] = {}
            for key, value in rec.items():
                if key in nested:
                    value = value or {}
                    for sub in nested[key]:
                        row[f"{key}_{sub}"] = value.get(sub)
                elif isinstance(value, dict):
                    for sub, v in value.items():
                        row[f"{key}_{sub}"] = v
                else:
                    row[key] = value
            rows.append(row)
        return pd.DataFrame.from_records(rows) if rows else pd.DataFrame()


def _dyad(value: str | tuple[str, str] | list[str] | None) -> tuple[str, str] | None:
    """``"TUR,SYR"`` (as the HTTP API takes it) or ``("TUR", "SYR")``."""
    if value is None:
        return None
    parts = (
        value.replace("-", ",").replace(" ", ",").split(",") if isinstance(value, str) else value
    )
    parts = [p for p in parts if p]
    if len(parts) != 2:
        raise QueryError("dyad is two sides, e.g. 'TUR,SYR' or ('TUR', 'SYR')")
    return check_side(parts[0]), check_side(parts[1])


class Handle:
    """A store opened read-only for analysis; use as a context manager or ``close()`` it."""

    def __init__(self, db: str | Path) -> None:
        self.path = str(db)
        self.store = Store(self.path, readonly=True)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Handle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<storyline store {self.path!r} (read-only)>"

    def _all(self, fn: Callable[..., Page[Any]], f: Any, limit: int | None) -> list[Any]:
        """Every record a filter selects (or the first ``limit``), a service page at a time."""
        out: list[Any] = []
        offset = 0
        while limit is None or len(out) < limit:
            size = MAX_LIMIT if limit is None else min(MAX_LIMIT, limit - len(out))
            page = fn(self.store, f, size, offset)
            out.extend(page.items)
            if page.next_offset is None:
                break
            offset = page.next_offset
        return out

    def events(
        self,
        *,
        actor: str | None = None,
        actor_id: str | None = None,
        dyad: str | tuple[str, str] | None = None,
        code: str | None = None,
        root: str | None = None,
        quad: int | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        outlet: str | None = None,
        story: str | None = None,
        article: str | None = None,
        polarity: str | None = None,
        modality: str | None = None,
        q: str | None = None,
        undated: bool | None = None,
        limit: int | None = None,
    ) -> Records[Event]:
        """EVENT records with their reports, by date (undated last); filters as ``/api/events``."""
        f = EventFilter(
            actor, actor_id, _dyad(dyad), code, root, quad, date_from, date_to, outlet, story,
            article, polarity, modality, q, undated,
        )  # fmt: skip
        return Records(self._all(service.events, f, limit), Event)

    def articles(
        self,
        *,
        q: str | None = None,
        outlet: str | None = None,
        story: str | None = None,
        actor: str | None = None,
        language: str | None = None,
        published_how: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        undated: bool | None = None,
        limit: int | None = None,
    ) -> Records[Article]:
        """ARTICLE records by publication date; filters as ``/api/articles``."""
        f = ArticleFilter(
            q, outlet, story, actor, language, published_how, date_from, date_to, undated
        ).validate()
        return Records(self._all(service.articles, f, limit), Article)

    def actors(
        self,
        *,
        q: str | None = None,
        code: str | None = None,
        kind: str | None = None,
        known: bool | None = None,
        limit: int | None = None,
    ) -> Records[Actor]:
        """ACTOR records, known first; filters as ``/api/actors``."""
        f = ActorFilter(q, code, kind, known)
        return Records(self._all(service.actors, f, limit), Actor)

    def dyads(
        self,
        *,
        a: str | None = None,
        b: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        limit: int | None = None,
    ) -> Records[DyadRow]:
        """Monthly DYAD rows (directed a -> b; asserted facts only), by pair then month;
        filters as ``/api/dyads``."""
        f = DyadFilter(a, b, date_from, date_to)
        return Records(self._all(service.dyads, f, limit), DyadRow)

    def stories(
        self,
        *,
        actor: str | None = None,
        q: str | None = None,
        article: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        limit: int | None = None,
    ) -> Records[Story]:
        f = StoryFilter(actor, q, article, date_from, date_to)
        return Records(self._all(service.stories, f, limit), Story)

    def claims(
        self,
        *,
        article: str | None = None,
        event: str | None = None,
        polarity: str | None = None,
        speaker: str | None = None,
        contradicted: bool | None = None,
        q: str | None = None,
        limit: int | None = None,
    ) -> Records[Claim]:
        f = ClaimFilter(article, event, polarity, speaker, contradicted, q)
        return Records(self._all(service.claims, f, limit), Claim)

    def summary(self) -> dict[str, Any]:
        """Counts, whether corpus results are behind, and what ``watch`` has done."""
        return service.summary(self.store)


def open_db(db: str | Path = "storyline.db") -> Handle:
    """Open a store read-only for analysis (``storyline.open``)."""
    return Handle(db)
