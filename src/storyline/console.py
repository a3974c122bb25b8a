"""What the command line shows on a terminal and in logs: an ingest's progress (a bar on a
terminal, plain lines otherwise) and copy groups with the passages they share.  ``cli.py``
parses options and maps errors to exit codes; this only shows.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Any

from rich.console import Console

from storyline import api
from storyline.engines.local import IngestReport
from storyline.model import Skipped
from storyline.pipeline import Context
from storyline.service import CopyGroup

# soft_wrap: a message is one line however long (scripts grep stderr), never folded at 80.
err = Console(stderr=True, highlight=False, soft_wrap=True)


def visible(text: str) -> str:
    """``text`` with every character that would act on the terminal written as an escape.

    Names and reasons come from the input: a newline in a file name would forge a second
    "skipped" line, an ANSI escape could clear the screen, U+202E would show the rest of the
    line reversed.  Printable text is left as it is."""
    if text.isprintable():
        return text
    out = []
    for c in text:
        if c.isprintable():
            out.append(c)
        elif "\udc80" <= c <= "\udcff":  # a byte that was not UTF-8 (surrogate escape)
            out.append(f"\\x{ord(c) - 0xDC00:02x}")
        else:
            out.append(repr(c)[1:-1])  # \n, \x1b, \u202e
    return "".join(out)


def shown(name: str) -> str:
    """A name from the input in a message: as it is when plain, quoted with its invisible
    characters escaped when not, so it can never pass for part of the message."""
    if name.isprintable() and name.strip() == name and "'" not in name:
        return name
    return "'" + visible(name).replace("'", "\\'") + "'"


def skipped(path: str, reason: str) -> None:
    err.print(f"skipped {shown(path)}: {visible(reason)}", markup=False)


def report_skipped(inputs: Iterable[Skipped]) -> None:
    for skip in inputs:
        skipped(skip.path, skip.reason)


def print_actors(rows: list[Any]) -> None:
    """The ``actors`` listing: a table on a terminal, tab-separated text otherwise."""
    from storyline.actors import listing

    if not sys.stdout.isatty():
        sys.stdout.write(listing.render_text(rows))
        return
    from rich.table import Table

    table = Table(*listing.HEADERS, title=f"{len(rows)} actors", show_lines=False)
    for r in rows:
        table.add_row(*listing.columns(r))
    Console(highlight=False).print(table)


def run_ingest(
    paths: list[str],
    db: str,
    workers: int,
    batch_size: int,
    ctx: Context | None = None,
    engine: str = "local",
    ray_address: str | None = None,
    parquet: str | None = None,
) -> IngestReport:
    where = {"engine": engine, "ray_address": ray_address, "parquet": parquet}
    if sys.stderr.isatty():
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        from storyline.ingest.readers import count_inputs

        total = count_inputs(paths)
        with Progress(
            TextColumn("[bold]ingest"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[info]}"),
            TimeElapsedColumn(),
            console=err,
            transient=False,
        ) as bar:
            task = bar.add_task("ingest", total=total, info="")

            def show(r: IngestReport, stage: str) -> None:
                done = r.read + len(r.skipped)
                info = (
                    "updating duplicates, events, stories…"
                    if stage == "corpus"
                    else f"{r.new} new, {r.already_stored} known, {len(r.skipped)} skipped"
                )
                bar.update(task, completed=done, info=info)

            return api.ingest(
                paths, db, workers=workers, batch_size=batch_size, ctx=ctx, progress=show, **where
            )

    def plain(r: IngestReport, stage: str) -> None:
        if stage == "corpus":
            err.print(
                "storyline: updating duplicates, merged events, stories, claims, dyads",
                markup=False,
            )
        else:
            err.print(
                f"storyline: batch {r.batches}: {r.read} read, {r.new} new, "
                f"{r.already_stored} already stored, {len(r.skipped)} skipped",
                markup=False,
            )

    return api.ingest(
        paths, db, workers=workers, batch_size=batch_size, ctx=ctx, progress=plain, **where
    )


def print_copy_groups(groups: list[CopyGroup], text: bool = True) -> None:
    """Each group, its members (canonical first), its pairs with the shared passages' offsets
    and, with ``text``, each copy's text with what it shares marked (highlighted on a terminal,
    «between guillemets» otherwise)."""
    from rich.text import Text

    from storyline.corpus.passages import coverage_of, shared_segments

    tty = sys.stdout.isatty()
    out = Console(highlight=False, soft_wrap=not tty, force_terminal=tty, no_color=not tty)
    n = sum(len(g.members) for g in groups)
    out.print(f"{len(groups)} copy groups, {n} articles", markup=False)
    for g in groups:
        out.print(f"\ngroup {g.group_id}: {len(g.members)} articles", markup=False, style="bold")
        for m in g.members:
            mark = "*" if m["article_id"] == g.group_id else " "
            when = f"{m['published'] or 'undated'} ({m['published_how']})"
            out.print(
                f"  {mark} {m['article_id']}  {m['outlet'] or '-'}  {when}  "
                f"{visible(m['title'] or '')}  [{shown(m['path'])}]",
                markup=False,
            )
        for a, b, sim, passages in g.pairs:
            ta, tb = g.texts.get(a, ""), g.texts.get(b, "")
            mine = [(p["start"], p["end"]) for p in passages]
            theirs = [(p["other_start"], p["other_end"]) for p in passages]
            out.print(
                f"  {a} ~ {b}: similarity {sim:.2f}, {len(passages)} shared passages, "
                f"{coverage_of(ta, mine):.0%} of {a}, {coverage_of(tb, theirs):.0%} of {b}",
                markup=False,
            )
            for p in passages:
                out.print(
                    f"    {a}[{p['start']}:{p['end']}] = {b}[{p['other_start']}:{p['other_end']}]",
                    markup=False,
                )
            if text:
                body = Text("    ")
                for piece, shared in shared_segments(ta, mine):
                    piece = piece.replace("\n", "\n    ")
                    if tty:
                        body.append(piece, style="bold black on yellow" if shared else "dim")
                    else:
                        body.append(f"«{piece}»" if shared else piece)
                out.print(body)
