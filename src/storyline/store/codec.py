"""One codec between what the store keeps and the model's dataclasses, derived from their fields.

The model (``model.py``) is written out once.  Rows and JSON records become dataclasses through
``decode``, dataclasses become column values through ``values``, and the Parquet schemas come
from ``arrow_type``: each reads the dataclass's fields and type hints, so a field added to the
model is stored, exported, written to Parquet and read back without another list of fields to
keep in step.  Which fields a table keeps is the table's own business: its columns (``schema.py``)
meet the dataclass's fields.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import types
import typing
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any, TypeVar, get_args, get_origin, get_type_hints, is_typeddict

from storyline.store.db import dumps

T = TypeVar("T")
Convert = Callable[[Any], Any] | None


def _optional(tp: Any) -> tuple[Any, bool]:
    """``X | None`` -> (X, True); anything else -> (tp, False)."""
    if get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return tp, False


def loads(value: Any) -> Any:
    """A JSON column comes back as text; a record already holds the value."""
    return json.loads(value) if isinstance(value, str | bytes) else value


def _converter(tp: Any) -> Convert:
    """How a stored value becomes a field of type ``tp``; None when it is taken as it is."""
    tp, _ = _optional(tp)
    if dataclasses.is_dataclass(tp):
        cls = typing.cast(type, tp)
        return lambda v: v if isinstance(v, cls) else decode(cls, loads(v))
    origin = get_origin(tp)
    if origin is list:
        (item,) = get_args(tp) or (Any,)
        inner = _converter(item)
        if inner is None:
            return lambda v: list(loads(v))
        return lambda v: [inner(x) for x in loads(v)]
    if origin is dict or is_typeddict(tp) or tp is dict:
        args = get_args(tp)
        inner = _converter(args[1]) if len(args) == 2 else None
        if inner is None:
            return loads
        return lambda v: {k: inner(x) for k, x in loads(v).items()}
    if tp is bool:
        return bool
    return None


@cache
def _plan(cls: type) -> tuple[tuple[str, Convert, bool], ...]:
    """Per field of ``cls``: its name, its converter, and whether None is a value it takes."""
    hints = get_type_hints(cls)
    return tuple(
        (f.name, _converter(hints[f.name]), _optional(hints[f.name])[1] or hints[f.name] is Any)
        for f in dataclasses.fields(cls)
    )


def decode(cls: type[T], data: Mapping[str, Any] | sqlite3.Row, **given: Any) -> T:
    """A dataclass from a record (a JSON object, a Parquet row) or a SQLite row.

    Nested dataclasses are rebuilt, JSON text in a column is read, integers become booleans
    where the field is one; a field the data lacks (or holds as null where the field cannot be
    None, as in Parquet written before the field existed) keeps its default.  ``given`` sets
    fields outright (a row's related records, read elsewhere)."""
    keys = data.keys()
    kwargs: dict[str, Any] = {}
    for name, convert, nullable in _plan(cls):
        if name in given:
            kwargs[name] = given[name]
            continue
        if name not in keys:
            continue
        value = data[name]
        if value is None:
            if nullable:
                kwargs[name] = None
            continue
        kwargs[name] = value if convert is None else convert(value)
    return cls(**kwargs)


def record(obj: Any) -> dict[str, Any]:
    """The JSON shape of a dataclass (the contract's, for the record types)."""
    return dataclasses.asdict(obj)


def column_value(value: Any) -> Any:
    """A field's value as a SQLite column holds it: containers as JSON text, booleans as 0/1."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dumps(dataclasses.asdict(value))
    if isinstance(value, list | tuple):
        return dumps([dataclasses.asdict(x) if dataclasses.is_dataclass(x) else x for x in value])
    if isinstance(value, dict):
        return dumps(value)
    if isinstance(value, bool):
        return int(value)
    return value


def kept_fields(cls: type, columns: list[str], skip: tuple[str, ...] = ()) -> list[str]:
    """The fields of ``cls`` a table keeps: its columns that are fields, in column order."""
    names = {f.name for f in dataclasses.fields(cls)}
    return [c for c in columns if c in names and c not in skip]


def values(obj: Any, names: list[str]) -> list[Any]:
    return [column_value(getattr(obj, n)) for n in names]


# ---- Arrow (Parquet) ------------------------------------------------------------------------------
def arrow_type(tp: Any) -> Any:
    """The Arrow type of a field's type hint (scalars, lists, nested dataclasses, TypedDicts)."""
    import pyarrow as pa

    tp, _ = _optional(tp)
    scalars = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}
    if tp in scalars:
        return scalars[tp]
    if dataclasses.is_dataclass(tp) or is_typeddict(tp):
        hints = get_type_hints(tp)
        names = [f.name for f in dataclasses.fields(tp)] if dataclasses.is_dataclass(tp) else hints
        return pa.struct([(n, arrow_type(hints[n])) for n in names])
    if get_origin(tp) is list:
        return pa.list_(arrow_type(get_args(tp)[0]))
    raise TypeError(f"no Arrow type for {tp!r}")


def arrow_fields(cls: type, names: list[str]) -> list[tuple[str, Any]]:
    hints = get_type_hints(cls)
    return [(n, arrow_type(hints[n])) for n in names]


def field_names(cls: type) -> list[str]:
    return [f.name for f in dataclasses.fields(cls)]


def nested_fields(cls: type) -> dict[str, tuple[str, ...]]:
    """Fields holding one nested dataclass (or none): the flat exports give each a fixed set of
    columns (``source_actor_id``...), whether a record has the object or a null."""
    hints = get_type_hints(cls)
    out = {}
    for f in dataclasses.fields(cls):
        tp, _ = _optional(hints[f.name])
        if dataclasses.is_dataclass(tp):
            out[f.name] = tuple(field_names(typing.cast(type, tp)))
    return out
