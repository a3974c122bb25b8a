"""What the command line shows on a terminal and in logs: an ingest's progress (a bar on a
terminal, plain lines otherwise) and copy groups with the passages they share.  ``cli.py``
parses options and maps errors to exit codes; this only shows.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from typing import Any

from rich.console import Console

from storyline import api, progress
from storyline.engines.local import IngestReport
from storyline.model import Skipped
from storyline.pipeline import Context
from storyline.progress import Snapshot, Tracker
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


def progress_mode(quiet: bool, json_progress: bool) -> str:
    """``bar`` on a terminal, ``lines`` in a pipe or a log, unless the user chose."""
    if json_progress:
        return "json"
    if quiet:
        return "quiet"
    return "bar" if err.is_terminal else "lines"


def shower(mode: str, every: float = 10.0) -> Callable[[Snapshot], None]:
    """How a snapshot is shown in a mode other than ``bar`` (which needs a live display)."""
    if mode == "json":
        return progress.JsonLines(sys.stderr)
    if mode == "lines":
        return progress.Lines(sys.stderr, every)
    return progress.quiet


def run_ingest(
    paths: list[str],
    db: str,
    workers: int,
    batch_size: int,
    ctx: Context | None = None,
    engine: str = "local",
    ray_address: str | None = None,
    parquet: str | None = None,
    mode: str = "auto",
    every: float = 10.0,
) -> tuple[IngestReport, Tracker]:
    """Run an ingest showing its progress in ``mode`` (``progress.MODES``); the tracker's last
    snapshot is the run's summary."""
    from storyline.ingest.readers import count_inputs

    where = {"engine": engine, "ray_address": ray_address, "parquet": parquet}
    if mode == "auto":
        mode = progress_mode(False, False)
    total = count_inputs(paths) if mode in ("bar", "json") else None
    if mode != "bar":
        tracker = Tracker(shower(mode, every), total)
        tracker.start()
        report = api.ingest(
            paths, db, workers=workers, batch_size=batch_size, ctx=ctx, progress=tracker, **where
        )
        return report, tracker
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TextColumn("{task.fields[events]}"),
        TextColumn("{task.fields[left]}"),
        TextColumn("{task.fields[info]}"),
        console=err,
        transient=False,
    ) as bar:
        task = bar.add_task("ingest", total=total, rate="", events="", left="", info="")

        def draw(snap: Snapshot) -> None:
            info = (
                "updating duplicates, events, stories…"
                if snap.event == "corpus"
                else f"{snap.new} new, {snap.already_stored} known, {snap.skipped} skipped"
            )
            left = progress.summary_eta(snap)
            bar.update(
                task,
                completed=snap.done,
                total=snap.total,
                rate=f"{snap.rate:.1f} articles/s",
                events=f"{snap.events} events",
                left=left,
                info=info,
            )

        tracker = Tracker(draw, total)
        tracker.start()
        report = api.ingest(
            paths, db, workers=workers, batch_size=batch_size, ctx=ctx, progress=tracker, **where
        )
        tracker.finish(report)
    return report, tracker


def finish_ingest(report: IngestReport, tracker: Tracker, mode: str, where: str) -> None:
    """What an ingest says at its end: each skipped input with its reason, articles not
    analysed, and one summary (a JSON object in ``json`` mode, nothing more in ``quiet``)."""
    final = tracker.snapshot(report, "done")
    if mode == "json":
        out = progress.JsonLines(sys.stderr)
        for skip in report.skipped:
            out.emit({"event": "skipped", "path": skip.path, "reason": skip.reason})
        for path, language in report.other_language:
            out.emit({"event": "not_analysed", "path": path, "language": language})
        out.emit({**final.record(), "read": report.read, "where": where})
        return
    report_skipped(report.skipped)
    for path, language in report.other_language:
        err.print(
            f"not analysed {shown(path)}: language {language!r} (stored; the event stages read "
            "English)",
            markup=False,
        )
    if mode == "quiet":
        return
    err.print(
        f"storyline: {report.read} articles read, {report.new} new, {report.already_stored} "
        f"already stored, {len(report.skipped)} skipped, {report.events} event reports coded "
        f"in {progress.duration(final.elapsed)} ({final.rate:.1f} articles/s); {where}",
        markup=False,
    )


def run_watch(sources: list[str], db: str, ctx: Context, options: Any, mode: str) -> Any:
    """``storyline watch`` with its events shown: a line each (poll, error with its next try,
    skipped page, batch summary) in a log or on a terminal, JSON lines with --json-progress."""
    from storyline import watch

    if mode == "json":
        out = progress.JsonLines(sys.stderr)
        say = out.emit
    else:

        def say(record: dict[str, Any]) -> None:
            if record["event"] == "skipped":
                skipped(record["path"], record["reason"])
            elif mode != "quiet":
                for line in watch.human(record):
                    err.print(visible(line), markup=False)

    def show(snap: Snapshot) -> None:
        if mode == "json":
            out.emit(snap.record())
        elif mode != "quiet" and snap.event == "batch":
            err.print(progress.summary_line(snap), markup=False)

    tracker = Tracker(show)
    with api.open_store(db) as store:
        report = watch.watch(sources, store, ctx, options, say, tracker)
    final = tracker.snapshot(report, "done")
    if mode == "json":
        out.emit({**final.record(), "polls": report.polls, "fetched": report.fetched})
    elif mode != "quiet":
        err.print(
            f"storyline: watch: {report.polls} polls ({report.not_modified} not modified, "
            f"{report.poll_errors} failed), {report.fetched} pages fetched, {report.new} new "
            f"articles, {report.events} event reports; database {db}",
            markup=False,
        )
    return report


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
