"""``storyline watch``: the command's options and what it says; the loop is ``watch.py``."""

from __future__ import annotations

from typing import Annotated

import typer

from storyline import api, console
from storyline.cli_options import (
    DbOption,
    DictOption,
    JsonProgressOption,
    QuietOption,
    _fail,
    _knowledge,
)
from storyline.nlp import ModelMissing
from storyline.pipeline import Context
from storyline.store import StoreError


def watch(
    sources: Annotated[
        list[str],
        typer.Argument(
            metavar="FEED_OR_FOLDER...",
            help="RSS/Atom feed URLs, sitemap URLs (or sitemap indexes), folders.",
        ),
    ],
    db: DbOption = api.DEFAULT_DB,
    every: Annotated[
        str, typer.Option("--every", help="How often each source is polled: 15m, 30s, 1h.")
    ] = "15m",
    once: Annotated[
        bool, typer.Option("--once", help="Poll every source once, ingest what is new, exit.")
    ] = False,
    batch_size: Annotated[
        int, typer.Option(min=1, help="Articles per batch (one transaction each).")
    ] = 32,
    timeout: Annotated[
        float, typer.Option(min=0.01, help="Seconds to connect, and between bytes, per request.")
    ] = 20.0,
    retries: Annotated[
        int, typer.Option(min=0, help="Extra tries within a fetch after a timeout or 5xx.")
    ] = 2,
    backoff: Annotated[
        str,
        typer.Option(
            help="Wait before trying a failed source or page again (doubled each time, a "
            "source's at most --every)."
        ),
    ] = "1m",
    host_delay: Annotated[
        float, typer.Option(min=0.0, help="Seconds between two requests to one host.")
    ] = 1.0,
    user_agent: Annotated[
        str | None, typer.Option(help="User-Agent sent (default: storyline/VERSION ...).")
    ] = None,
    max_mb: Annotated[
        float, typer.Option(min=0.001, help="Largest page or article text accepted, in MB.")
    ] = 5.0,
    outlets: Annotated[
        str | None,
        typer.Option("--outlets", help="Outlet names for web hosts (as for ingest)."),
    ] = None,
    dictionary: DictOption = None,
    quiet: QuietOption = False,
    json_progress: JsonProgressOption = False,
) -> None:
    """Follow feeds, sitemaps and folders; fetch and ingest what is new, every --every.

    State (items seen, validators, failures, polls) is kept in the database, so a restart
    fetches nothing twice. SIGTERM (or Ctrl-C) stops after the current batch.
    """
    from storyline import watch as watch_mod
    from storyline.ingest.fetch import Policy

    try:
        options = watch_mod.Options(
            every=watch_mod.parse_every(every),
            batch_size=batch_size,
            backoff=watch_mod.parse_every(backoff),
            once=once,
        )
        read = api.read_options([], outlets, int(max_mb * 1024 * 1024))
    except ValueError as exc:
        raise _fail(str(exc), 2) from None
    if options.every <= 0:
        raise _fail("--every must be more than 0", 2)
    options.policy = Policy(
        timeout=timeout,
        retries=retries,
        backoff=min(options.backoff, 5.0),
        host_delay=host_delay,
        max_bytes=read.max_bytes,
        **({"user_agent": user_agent} if user_agent else {}),
    )
    mode = console.progress_mode(quiet, json_progress)
    try:
        ctx = Context(read=read, kb_files=_knowledge(dictionary))
        report = console.run_watch(sources, db, ctx, options, mode)
    except (StoreError, ModelMissing) as exc:
        raise _fail(str(exc)) from None
    raise typer.Exit(report.exit_code)
