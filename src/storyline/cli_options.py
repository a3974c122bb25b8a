"""What every ``storyline`` command shares: the error stream, option types, ``_fail`` and the
dictionary check.  Kept apart from ``cli.py`` so commands can live in modules of their own
(``cli_watch.py``) without importing the command line itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from storyline import console
from storyline.console import visible

# soft_wrap: a message is one line however long (scripts grep stderr), never folded at 80.
err = console.err

DbOption = Annotated[str, typer.Option("--db", help="SQLite database file.")]
DictOption = Annotated[
    list[str] | None,
    typer.Option(
        "--dictionary",
        help="Actor or agent dictionary to add to the bundled knowledge base: our YAML format, or "
        "a PETRARCH/Phoenix .txt dictionary (date-restricted codes included); repeatable, later "
        "files win.",
    ),
]
QuietOption = Annotated[
    bool,
    typer.Option(
        "--quiet", "-q", help="No progress and no summary; skipped inputs are still reported."
    ),
]
JsonProgressOption = Annotated[
    bool,
    typer.Option(
        "--json-progress",
        help="Progress as JSON lines on stderr (start, batch, corpus, skipped, done), for other "
        "programs; see docs/formats.md.",
    ),
]
EveryOption = Annotated[
    float,
    typer.Option(
        "--progress-every",
        min=0.0,
        metavar="SECONDS",
        help="In a pipe or a log (no terminal): one summary line at most this often.",
    ),
]


def _knowledge(paths: list[str] | None) -> tuple[str, ...]:
    """Check the user's dictionaries up front: a typo is a usage error, not a half-run ingest."""
    from storyline.actors.kb import load_kb

    files = tuple(paths or ())
    for f in files:
        if not Path(f).is_file():
            raise _fail(f"dictionary {f} not found", 2)
    try:
        load_kb(files)
    except Exception as exc:
        raise _fail(f"cannot load dictionary: {exc}", 2) from None
    return files


def _fail(message: str, code: int = 3) -> typer.Exit:
    err.print(f"storyline: {visible(message)}", markup=False)
    return typer.Exit(code)
