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
from dataclasses import dataclass
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


def _converter(tp: Any) -> tuple[Convert, bool]:
    """How a stored value becomes a field of type ``tp`` (None: taken as it is), and whether a
    record's own value needs it too (nested dataclasses), not only a row's (JSON text, 0/1)."""
    tp, _ = _optional(tp)
    if dataclasses.is_dataclass(tp):
        return _maker(typing.cast(type, tp)), True
    origin = get_origin(tp)
    if origin is list:
        (item,) = get_args(tp) or (Any,)
        inner, nested = _converter(item)
        if inner is None:
            return (lambda v: list(loads(v))), False
        return (lambda v: [inner(x) for x in loads(v)]), nested
    if origin is dict or is_typeddict(tp) or tp is dict:
        args = get_args(tp)
        inner, nested = _converter(args[1]) if len(args) == 2 else (None, False)
        if inner is None:
            return loads, False
        return (lambda v: {k: inner(x) for k, x in loads(v).items()}), nested
    if tp is bool:
        return bool, False
    return None, False


def _maker(cls: type) -> Callable[[Any], Any]:
    """A nested dataclass from its stored value.  A record as written, with nothing nested to
    rebuild and no null standing for a default, is made directly: reports and claims hold many
    nested records (sides, reports, contradictions)."""

    plans: list[_Plan] = []  # the plan, once it can be made (not while cls's own is made)

    def make(value: Any) -> Any:
        if not plans:
            plans.append(_plan(cls))
        plan = plans[0]
        if type(value) is dict and not plan.nested:
            for n in plan.strict:
                if value.get(n, 0) is None:
                    break
            else:
                try:
                    return cls(**value)
                except TypeError:  # a key that is no field (written by a later version)
                    pass
        return value if isinstance(value, cls) else decode(cls, loads(value))

    return make


@dataclass(frozen=True, slots=True)
class _Plan:
    """How stored values become one dataclass."""

    names: frozenset[str]
    # Fields that take no None but have a default: a null there means the default (Parquet
    # written before the field existed holds nulls).
    strict: tuple[str, ...]
    converts: tuple[tuple[str, Callable[[Any], Any]], ...]  # for a row
    nested: tuple[tuple[str, Callable[[Any], Any]], ...]  # for a record too


@cache
def _plan(cls: type) -> _Plan:
    hints = get_type_hints(cls)
    fields = dataclasses.fields(cls)
    defaulted = {
        f.name
        for f in fields
        if f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING
    }
    converts, nested = [], []
    for f in fields:
        convert, deep = _converter(hints[f.name])
        if convert is not None:
            converts.append((f.name, convert))
            if deep:
                nested.append((f.name, convert))
    return _Plan(
        frozenset(f.name for f in fields),
        tuple(f.name for f in fields if f.name in defaulted and not _nullable(hints[f.name])),
        tuple(converts),
        tuple(nested),
    )


def _nullable(tp: Any) -> bool:
    return _optional(tp)[1] or tp is Any


def decode(cls: type[T], data: Mapping[str, Any] | sqlite3.Row, **given: Any) -> T:
    """A dataclass from a record (a JSON object, a Parquet row) or a SQLite row.

    Nested dataclasses are rebuilt, JSON text in a column is read, integers become booleans
    where the field is one; a field the data lacks (or holds as null where the field cannot be
    None, as in Parquet written before the field existed) keeps its default; keys that are no
    field are left out.  ``given`` sets fields outright (a row's related records, read
    elsewhere)."""
    plan = _plan(cls)
    if type(data) is dict:
        # A record holds its values as the model has them, but for nested records.
        converts = plan.nested
        kwargs = (
            dict(data)
            if plan.names.issuperset(data)
            else {k: v for k, v in data.items() if k in plan.names}
        )
    else:
        converts = plan.converts
        # A Row iterates its values, not its keys.
        kwargs = {k: data[k] for k in data.keys() if k in plan.names}  # noqa: SIM118
    for name in plan.strict:
        if kwargs.get(name, 0) is None:
            del kwargs[name]
    for name, convert in converts:
        value = kwargs.get(name)
        if value is not None:
            kwargs[name] = convert(value)
    if given:
        kwargs.update(given)
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
