"""``storyline export``: every record of one kind in the contract's formats, or events in the
field's own layouts (``store/layouts.py``)."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from storyline import api
from storyline.cli_options import DbOption, _fail, err
from storyline.store import StoreError


class ExportKind(StrEnum):
    articles = "articles"
    events = "events"
    actors = "actors"
    stories = "stories"
    claims = "claims"
    dyads = "dyads"


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    gdelt = "gdelt"
    icews = "icews"
    plover = "plover"


def export(
    kind: Annotated[ExportKind, typer.Argument(help="What to export.")],
    db: DbOption = api.DEFAULT_DB,
    fmt: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            help="Output format; events also gdelt (GDELT 2.0 event table, tab-separated), icews "
            "(ICEWS coded-event columns) or plover (PLOVER/POLECAT JSON lines): asserted, dated "
            "facts only (docs/formats.md).",
        ),
    ] = ExportFormat.jsonl,
    output: Annotated[
        str | None, typer.Option("-o", "--output", help="Output file (default: stdout).")
    ] = None,
) -> None:
    """Write every record of one kind (CONTRACT.md formats)."""
    layout = fmt.value in ("gdelt", "icews", "plover")
    if layout and kind is not ExportKind.events:
        raise _fail(f"--format {fmt.value} is a layout for events only", 2)
    if fmt is ExportFormat.parquet and output is None and sys.stdout.isatty():
        raise _fail("Parquet is binary: give -o FILE or redirect stdout", 2)
    try:
        with api.open_store(db, readonly=True) as store:
            if store.dirty:
                err.print(
                    "storyline: note: corpus results are older than the last ingest "
                    "(an ingest was interrupted); run `storyline ingest` again to refresh",
                    markup=False,
                )
        if layout:
            written = api.export_layout(fmt.value, db, output)
            n = written.written
        else:
            n = api.export(kind.value, db, fmt.value, output)
    except StoreError as exc:
        raise _fail(str(exc)) from None
    except OSError as exc:
        raise _fail(f"cannot write {output}: {exc.strerror or exc}") from None
    if layout and written.left_out:
        why = ", ".join(f"{k} {v}" for k, v in sorted(written.left_out.items()))
        err.print(
            f"storyline: {fmt.value}: left out (the layout cannot say it): {why}", markup=False
        )
    if output:
        err.print(f"storyline: wrote {n} {kind.value} to {output}", markup=False)
