"""Checks and SQL pieces of the store's filters (``filters.py``): each user value is checked
here once, with the ``QueryError`` every face turns into its own kind of refusal, and reaches
SQLite only as a bound parameter."""

from __future__ import annotations

import re
from dataclasses import fields
from typing import Any

from storyline.store.db import Database

MAX_LIMIT = 500
DATE_RE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
SIDE_RE = re.compile(r"^[A-Z]{3}$")
CODE_RE = re.compile(r"^[A-Za-z0-9]{2,15}$")  # what can be a code prefix (TUR, TURGOV, IGOUNO)


def _range_end(prefix: str) -> str:
    """The smallest string above every string that starts with ``prefix`` (codes are ASCII)."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


class QueryError(ValueError):
    """A filter value that cannot mean anything (a malformed date, an unknown polarity...)."""


# ---- values ---------------------------------------------------------------------------------------
def fts_query(text: str | None) -> str | None:
    """A user's words as an FTS5 query: every word a quoted phrase (so FTS operators and quotes
    are literal), all required; a trailing ``*`` keeps its prefix meaning."""
    if not text:
        return None
    terms = []
    for word in text.split():
        prefix = word.endswith("*")
        word = word.rstrip("*")
        if not word:
            continue
        terms.append('"' + word.replace('"', '""') + '"' + ("*" if prefix else ""))
    return " ".join(terms) or None


def like_pattern(text: str) -> str:
    """A substring LIKE pattern with the user's % and _ taken literally (ESCAPE '\\')."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def check_date(value: str | None, name: str) -> str | None:
    if value is None or value == "":
        return None
    if not DATE_RE.match(value):
        raise QueryError(f"{name} must be YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    return value


def check_range(date_from: str | None, date_to: str | None) -> None:
    """A range whose start lies after its end is a mistake, not an empty page: ``2023`` to
    ``2022`` is refused; ``2022-05`` to ``2022`` overlaps and is fine."""
    if date_from and date_to and date_from[: len(date_to)] > date_to[: len(date_from)]:
        raise QueryError(f"date_from ({date_from}) is after date_to ({date_to})")


def check_order(value: str | None, orders: dict[str, str], name: str = "sort") -> str:
    if value is None or value == "":
        return next(iter(orders))
    if value not in orders:
        raise QueryError(f"{name} is one of {', '.join(orders)}, got {value!r}")
    return value


def check_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """``south,west,north,east`` in degrees (the map's cells link to their events with one)."""
    if value is None or value == "":
        return None
    try:
        parts = tuple(float(x) for x in value.split(","))
    except ValueError:
        parts = ()
    if len(parts) != 4:
        raise QueryError(f"bbox is south,west,north,east in degrees, got {value!r}")
    s, w, n, e = parts
    if not (-90 <= s <= n <= 90 and -180 <= w <= e <= 180):
        raise QueryError(
            f"bbox: south <= north within ±90 and west <= east within ±180, got {value!r}"
        )
    return s, w, n, e


def actor_matches(db: Database, value: str) -> tuple[list[str], list[str]]:
    """The actors a user's value names: (actor ids, country codes).

    An id, a canonical name or any spelling seen in the corpus, case-insensitive ("Faisal
    Mekdad", "Miqdad", "faisal-mekdad"); a country named ("Syria") stands for its side, so its
    code is returned for a prefix match (SYRGOV, SYRMIL... are Syria too).
    """
    rows = db.execute(
        "SELECT actor_id, kind, code FROM actors WHERE actor_id = ? OR name = ? COLLATE NOCASE "
        "OR actor_id IN (SELECT actor_id FROM actor_aliases WHERE alias = ? COLLATE NOCASE) "
        "LIMIT 500",
        (value, value, value),
    ).fetchall()
    ids = sorted({r[0] for r in rows})
    countries = sorted({r[2] for r in rows if r[1] == "country" and r[2]})
    return ids, countries


def _actor_clause(
    db: Database, value: str, id_columns: tuple[str, ...], code_columns: tuple[str, ...]
) -> tuple[str, list[Any]]:
    """Either side is the actor a value names: an id, a name or spelling, or a code prefix."""
    ids, countries = actor_matches(db, value)
    codes = sorted({value.upper(), *countries}) if CODE_RE.match(value) else countries
    terms: list[str] = []
    params: list[Any] = []
    for col in id_columns:
        terms.append(f"{col} IN ({placeholders(ids)})" if ids else "0")
        params += ids
    for code in codes:
        for col in code_columns:  # a range, so an index on the column serves it
            terms.append(f"({col} >= ? AND {col} < ?)")
            params += [code, _range_end(code)]
    return "(" + " OR ".join(terms or ["0"]) + ")", params


def check_side(value: str, name: str = "dyad") -> str:
    side = value.strip().upper()
    if not SIDE_RE.match(side):
        raise QueryError(f"{name}: a side is a three-letter code such as TUR, got {value!r}")
    return side


def check_page(limit: int, offset: int) -> tuple[int, int]:
    if limit < 1 or limit > MAX_LIMIT:
        raise QueryError(f"limit must be between 1 and {MAX_LIMIT}")
    if offset < 0:
        raise QueryError("offset must not be negative")
    return limit, offset


def date_overlap(column: str, date_from: str | None, date_to: str | None) -> tuple[str, list[Any]]:
    """Dates of mixed precision against a range: ``2022-09`` overlaps ``2022-09-15``, and
    ``2024-08-01`` lies within ``2024-08``.

    Both sides cut to the shorter of the two lengths compare exactly as "the stored period
    overlaps the range".  The plain year comparison in front lets SQLite use an index on the
    column.
    """
    where, params = [], []
    cut = f"substr({column}, 1, length(?)) {{op}} substr(?, 1, length({column}))"
    if date_from:
        where.append(f"{column} >= ? AND " + cut.format(op=">="))
        params += [date_from[:4], date_from, date_from]
    if date_to:
        where.append(f"{column} < ? AND " + cut.format(op="<="))
        params += [str(int(date_to[:4]) + 1), date_to, date_to]
    return " AND ".join(where), params


def placeholders(values: list[Any] | tuple[Any, ...]) -> str:
    return ",".join("?" * len(values))


def is_empty(f: Any, but: tuple[str, ...] = ()) -> bool:
    """Whether no field of a filter is set, apart from ``but``."""
    return all(getattr(f, x.name) in (None, "") for x in fields(f) if x.name not in but)
