"""The ``storyline`` command line (typer + rich): a thin face over ``storyline.api``.

Exit codes (CONTRACT.md): 0 all good; 1 finished but some inputs were skipped (each reported on
stderr with its reason); 2 usage error; 3 nothing could be done (e.g. the database cannot be
opened).
"""

from __future__ import annotations

import re
import sys
from enum import StrEnum
from typing import Annotated, Any

import typer

from storyline import api, console
from storyline.cli_export import export
from storyline.cli_options import (
    DbOption,
    DictOption,
    EveryOption,
    JsonProgressOption,
    QuietOption,
    _fail,
    _knowledge,
    err,
)
from storyline.cli_watch import watch
from storyline.console import shown, visible  # noqa: F401 (shown: part of what scripts import)
from storyline.engines.cpus import default_workers
from storyline.engines.ray import RayUnavailable
from storyline.ingest.base import DEFAULT_MAX_RECORDS
from storyline.nlp import ModelMissing
from storyline.pipeline import Context
from storyline.store import StoreError
from storyline.store.db import damaged

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Turn news articles into a source-cited record of who did what to whom, "
    "when and where, and into story timelines.",
)


class Engine(StrEnum):
    local = "local"
    ray = "ray"


class TimelineFormat(StrEnum):
    text = "text"
    json = "json"
    html = "html"
    timelinejs = "timelinejs"


@app.command()
def ingest(
    paths: Annotated[
        list[str], typer.Argument(help="Files, folders (recursively), globs, or - for stdin.")
    ],
    db: DbOption = api.DEFAULT_DB,
    engine: Annotated[
        Engine, typer.Option(help="Where the per-article stages run.")
    ] = Engine.local,
    workers: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Worker processes for the per-article stages (default: the CPUs this process "
            "may use, after affinity and cgroup limits, at most 8).",
        ),
    ] = None,
    batch_size: Annotated[
        int, typer.Option(min=1, help="Articles per batch (one transaction each).")
    ] = 32,
    field: Annotated[
        list[str] | None,
        typer.Option(
            "--field",
            help="Record field name for JSON lines/JSON/CSV input, as KEY=NAME (KEY: text, html, "
            "title, date, url, outlet, author, language); repeatable. Defaults cover news-please, "
            "newspaper and CC-News dumps.",
        ),
    ] = None,
    outlets: Annotated[
        str | None,
        typer.Option(
            "--outlets",
            help="Outlet names for web hosts or stated names: a JSON object, or lines "
            "'host-or-name = Outlet'.",
        ),
    ] = None,
    max_mb: Annotated[
        float, typer.Option(min=0.001, help="Largest article text accepted, in MB.")
    ] = 5.0,
    max_records: Annotated[
        int,
        typer.Option(
            min=0,
            help="Most records read from one JSON, JSON lines, CSV, feed or WARC file (0: no limit).",
        ),
    ] = DEFAULT_MAX_RECORDS,
    dictionary: DictOption = None,
    ray_address: Annotated[
        str | None,
        typer.Option(
            "--ray-address",
            help="With --engine ray: a running Ray cluster (ADDR, e.g. ray://host:10001 or "
            "auto); without it a local Ray with --workers CPUs (at least 2) is started.",
        ),
    ] = None,
    parquet: Annotated[
        str | None,
        typer.Option(
            "--parquet",
            metavar="DIR",
            help="With --engine ray: write the per-article results (articles, actor mentions, "
            "actors, event reports) as Parquet datasets under DIR instead of the database; "
            "`storyline load DIR --db FILE` loads them and updates the corpus results.",
        ),
    ] = None,
    quiet: QuietOption = False,
    json_progress: JsonProgressOption = False,
    every: EveryOption = 10.0,
) -> None:
    """Read, clean, date and code articles; update duplicates, events, stories, claims, dyads.

    Formats are recognised by content: plain text (with an optional metadata header), HTML,
    RSS/Atom feeds, WARC archives, JSON lines, JSON and CSV files, gzipped or not.
    """
    if engine is Engine.ray:
        from storyline.engines.ray import RayMissing, check_installed

        try:
            check_installed()
        except RayMissing as exc:
            raise _fail(str(exc), 2) from None
        workers = max(workers or 0, 2)
    elif ray_address:
        raise _fail("--ray-address needs --engine ray", 2)
    elif parquet:
        raise _fail("--parquet needs --engine ray", 2)
    try:
        options = api.read_options(field or [], outlets, int(max_mb * 1024 * 1024))
        options.max_records = max_records
    except ValueError as exc:
        raise _fail(str(exc), 2) from None
    workers = default_workers(workers)
    mode = console.progress_mode(quiet, json_progress)
    try:
        ctx = Context(read=options, kb_files=_knowledge(dictionary))
        report, tracker = console.run_ingest(
            paths, db, workers, batch_size, ctx, engine.value, ray_address, parquet, mode, every
        )
    except (StoreError, ModelMissing) as exc:
        raise _fail(str(exc)) from None
    except RayUnavailable as exc:
        raise _fail(str(exc)) from None
    where = f"Parquet {parquet} (load it with `storyline load`)" if parquet else f"database {db}"
    console.finish_ingest(report, tracker, mode, where)
    raise typer.Exit(report.exit_code)


app.command("watch")(watch)


@app.command()
def load(
    directory: Annotated[
        str, typer.Argument(metavar="DIR", help="A directory written by ingest --parquet.")
    ],
    db: DbOption = api.DEFAULT_DB,
    batch_size: Annotated[
        int, typer.Option(min=1, help="Articles per batch (one transaction each).")
    ] = 32,
) -> None:
    """Load Parquet written by `ingest --engine ray --parquet DIR` into the database, then update
    duplicates, events, stories, claims and dyads. Loading the same directory twice adds nothing.
    """

    def plain(r: Any) -> None:
        err.print(
            f"storyline: window {r.windows}: {r.read} read, {r.new} new, "
            f"{r.already_stored} already stored",
            markup=False,
        )

    err.print(f"storyline: loading {directory} into {db}", markup=False)
    try:
        report = api.load(directory, db, batch_size=batch_size, progress=plain)
    except StoreError as exc:
        raise _fail(str(exc)) from None
    for skip in report.skipped:
        console.skipped(skip.path, skip.reason)
    err.print(
        f"storyline: {report.read} articles in {report.windows} windows, {report.new} new, "
        f"{report.already_stored} already stored, {len(report.skipped)} skipped inputs logged, "
        f"{report.events} event reports; database {db}",
        markup=False,
    )
    raise typer.Exit(1 if report.skipped else 0)


app.command("export")(export)


@app.command()
def timeline(
    db: DbOption = api.DEFAULT_DB,
    story: Annotated[str | None, typer.Option(help="Story id (or a prefix of one).")] = None,
    dyad: Annotated[
        tuple[str, str] | None, typer.Option(help="Two country codes, e.g. TUR SYR.")
    ] = None,
    actor: Annotated[str | None, typer.Option(help="Actor code or id, e.g. TURGOV.")] = None,
    fmt: Annotated[
        TimelineFormat, typer.Option("--format", help="Output format.")
    ] = TimelineFormat.text,
    query_text: Annotated[
        str | None,
        typer.Option("--query", help="The articles the full-text search finds (all words)."),
    ] = None,
    everything: Annotated[
        bool, typer.Option("--all", help="Every article of the store (a topic store).")
    ] = False,
    summary: Annotated[
        bool,
        typer.Option(
            "--summary",
            help="Only the most reported days, one sentence each (see --dates, --from, --to).",
        ),
    ] = False,
    dates: Annotated[
        int | None, typer.Option("--dates", help="With --summary: how many days (default 10).")
    ] = None,
    date_from: Annotated[
        str | None, typer.Option("--from", help="With --summary: first day (YYYY[-MM[-DD]]).")
    ] = None,
    date_to: Annotated[
        str | None, typer.Option("--to", help="With --summary: last day (YYYY[-MM[-DD]]).")
    ] = None,
    news_only: Annotated[
        bool, typer.Option("--news-only", help="Leave out events only recounted as history.")
    ] = False,
) -> None:
    """Print a dated, cited timeline (the main story's when no selector is given); events only
    recounted as history are marked "(recounted as background)"."""
    scopes = (story, dyad, actor, query_text, everything or None)
    if sum(x is not None for x in scopes) > 1:
        raise _fail("give at most one of --story, --dyad, --actor, --query, --all", 2)
    if not summary and (dates is not None or date_from or date_to):
        raise _fail("--dates, --from and --to go with --summary", 2)
    if dates is not None and dates < 1:
        raise _fail("--dates must be at least 1", 2)
    for name, value in (("--from", date_from), ("--to", date_to)):
        if value and not re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?", value):
            raise _fail(f"{name} must be YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}", 2)
    try:
        if summary:
            text = api.timeline_summary(
                db,
                dates=dates or 10,
                story=story,
                dyad=dyad,
                actor=actor,
                query_text=query_text,
                everything=everything,
                date_from=date_from,
                date_to=date_to,
                fmt=fmt.value,
            )
        else:
            text = api.timeline(
                db,
                story=story,
                dyad=dyad,
                actor=actor,
                query_text=query_text,
                everything=everything,
                fmt=fmt.value,
                news_only=news_only,
            )
    except StoreError as exc:
        raise _fail(str(exc)) from None
    except KeyError as exc:
        raise _fail(str(exc.args[0]), 2) from None
    except ValueError as exc:  # a malformed --from/--to
        raise _fail(str(exc), 2) from None
    sys.stdout.write(text)


class ActorsFormat(StrEnum):
    text = "text"
    json = "json"


@app.command("actors")
def actors_cmd(
    db: DbOption = api.DEFAULT_DB,
    unknown: Annotated[
        bool, typer.Option("--unknown", help="Only provisional actors (not in the knowledge base).")
    ] = False,
    fmt: Annotated[
        ActorsFormat, typer.Option("--format", help="text (a table on a terminal) or json lines.")
    ] = ActorsFormat.text,
) -> None:
    """List the actors of a store: code, name, roles and every spelling seen."""
    from storyline.actors import listing

    try:
        rows = api.actors(db, unknown=unknown)
    except StoreError as exc:
        raise _fail(str(exc)) from None
    if fmt is ActorsFormat.json:
        sys.stdout.write(listing.render_json(rows))
    else:
        console.print_actors(rows)


@app.command()
def code(
    source: Annotated[str, typer.Argument(help="JSON-lines file, or - for stdin.")] = "-",
    fmt: Annotated[str, typer.Option("--format", help="Output format (jsonl).")] = "jsonl",
    dictionary: DictOption = None,
) -> None:
    """Code sentences or short texts as events without storing them.

    Input lines: {"id": "...", "date": "YYYY-MM-DD", "text": "..."} (date optional).
    Output lines: {"id": "...", "events": [EVENT...]}.
    """
    import json

    if fmt != "jsonl":
        raise _fail(f"unknown format {fmt!r}; only jsonl", 2)
    try:
        stream = sys.stdin if source == "-" else open(source, encoding="utf-8", errors="replace")  # noqa: SIM115
    except OSError as exc:
        raise _fail(f"cannot read {source}: {exc.strerror}") from None
    errors = 0
    try:
        for record, problem in api.code_lines(stream, Context(kb_files=_knowledge(dictionary))):
            if problem:
                errors += 1
                err.print(f"skipped {visible(problem)}", markup=False)
            else:
                sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    except ModelMissing as exc:
        raise _fail(str(exc)) from None
    finally:
        if stream is not sys.stdin:
            stream.close()
    raise typer.Exit(1 if errors else 0)


@app.command("eval")
def eval_cmd(
    name: Annotated[
        str,
        typer.Argument(
            help="Evaluation set: realnews, roles, plover, quadclass, tbaq, petrarch, ecbplus or all."
        ),
    ],
    shared: Annotated[
        str | None,
        typer.Option("--shared", help="Folder holding eval/ and corpora/ (default ../shared)."),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
) -> None:
    """Score the event coder on a development set kept outside the repository.

    Figures and the conventions they use are printed; see docs/evaluation.md.
    """
    from storyline.eval import evaluate

    if fmt not in {"text", "json"}:
        raise _fail(f"unknown format {fmt!r}; text or json", 2)
    names = sorted(evaluate.SETS) if name == "all" else [name]
    if any(n not in evaluate.SETS for n in names):
        raise _fail(
            f"unknown evaluation set {name!r}; one of {', '.join(sorted(evaluate.SETS))}, all", 2
        )
    ctx = Context()
    for n in names:
        try:
            result = evaluate.run(n, shared, ctx)
        except evaluate.EvalDataMissing as exc:
            raise _fail(str(exc)) from None
        except ModelMissing as exc:
            raise _fail(str(exc)) from None
        sys.stdout.write(result.json() + "\n" if fmt == "json" else result.text())


@app.command()
def serve(
    db: DbOption = api.DEFAULT_DB,
    host: Annotated[
        str, typer.Option(help="Address to listen on; any but loopback needs --token.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port (0: any free one).")] = 8000,
    allow_ingest: Annotated[
        bool, typer.Option("--allow-ingest", help="Accept uploads at POST /ingest.")
    ] = False,
    token: Annotated[
        str | None,
        typer.Option(help="Require this token on every request (or set STORYLINE_TOKEN)."),
    ] = None,
    max_upload_mb: Annotated[
        float, typer.Option(min=0.001, help="Largest upload accepted, in MB.")
    ] = 20.0,
) -> None:
    """Serve the web UI and the HTTP API (OpenAPI at /docs) over a store."""
    from storyline.server.app import ServeError, ServerConfig, resolve_token
    from storyline.server.app import serve as run

    try:
        token = resolve_token(host, token)
    except ServeError as exc:
        raise _fail(str(exc), 2) from None
    config = ServerConfig(db, allow_ingest, token, int(max_upload_mb * 1024 * 1024))
    try:
        run(config, host, port, announce=_announce)
    except (ServeError, StoreError) as exc:
        raise _fail(str(exc)) from None


def _announce(url: str) -> None:
    sys.stdout.write(f"storyline: serving {url} (Ctrl-C to stop)\n")
    sys.stdout.flush()


@app.command()
def demo(
    db: DbOption = api.DEFAULT_DB,
    open_ui: Annotated[
        bool, typer.Option("--open", help="Then serve the web UI over it and print its URL.")
    ] = False,
    port: Annotated[
        int, typer.Option(min=0, max=65535, help="Port for --open (another if it is busy).")
    ] = 8000,
) -> None:
    """Ingest the bundled sample corpus and print its main timeline."""
    sample = api.sample_corpus()
    if not sample.is_dir():
        raise _fail(f"sample corpus not found at {sample}")
    mode = console.progress_mode(False, False)
    try:
        report, _ = console.run_ingest(
            [str(sample)], db, default_workers(None), 32, mode="quiet" if mode == "lines" else mode
        )
    except (StoreError, ModelMissing) as exc:
        raise _fail(str(exc)) from None
    console.report_skipped(report.skipped)
    err.print(
        f"storyline: sample corpus {sample}: {report.read} articles, {report.new} new; "
        f"database {db}",
        markup=False,
    )
    sys.stdout.write(api.timeline(db))
    if open_ui:
        from storyline.server.app import ServeError, ServerConfig
        from storyline.server.app import serve as run

        sys.stdout.flush()
        try:
            try:
                run(ServerConfig(db), "127.0.0.1", port, announce=_announce)
            except ServeError:
                if port == 0:
                    raise
                run(ServerConfig(db), "127.0.0.1", 0, announce=_announce)  # port taken
        except (ServeError, StoreError) as exc:
            raise _fail(str(exc)) from None
    raise typer.Exit(report.exit_code)


class DupsFormat(StrEnum):
    text = "text"
    json = "json"


@app.command()
def dups(
    db: DbOption = api.DEFAULT_DB,
    fmt: Annotated[
        DupsFormat, typer.Option("--format", help="text (highlighted on a terminal) or json lines.")
    ] = DupsFormat.text,
    text: Annotated[
        bool, typer.Option("--text/--no-text", help="Show each copy's text with what it shares.")
    ] = True,
) -> None:
    """List copy groups (exact and near-duplicates) with the passages their copies share."""
    import json

    try:
        groups = api.duplicates(db)
    except StoreError as exc:
        raise _fail(str(exc)) from None
    if fmt is DupsFormat.json:
        for g in groups:
            sys.stdout.write(json.dumps(g.record(), ensure_ascii=False) + "\n")
        return
    console.print_copy_groups(groups, text)


def _db_argument(argv: list[str]) -> str:
    for i, arg in enumerate(argv):
        if arg == "--db" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--db="):
            return arg.removeprefix("--db=")
    return api.DEFAULT_DB


def main() -> None:
    """Run a command; whatever goes wrong, the user gets a sentence and an exit code (3), never
    a traceback (STORYLINE_DEBUG=1 shows it to whoever is debugging)."""
    import os
    import sqlite3

    try:
        app()
    except sqlite3.DatabaseError as exc:  # damage found while reading, after a clean open
        if os.environ.get("STORYLINE_DEBUG"):
            raise
        if "malformed" in str(exc) or "not a database" in str(exc):
            message = damaged(_db_argument(sys.argv), str(exc))
        else:
            message = f"database error on {_db_argument(sys.argv)}: {exc}"
        raise SystemExit(_fail(message).exit_code) from None
    except Exception as exc:
        if os.environ.get("STORYLINE_DEBUG"):
            raise
        message = f"internal error ({type(exc).__name__}: {exc}); please report it"
        raise SystemExit(_fail(message[:2000]).exit_code) from None


if __name__ == "__main__":
    main()
