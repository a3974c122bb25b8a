"""How far a long run has got, measured once and shown four ways.

An ingest of 10,000 articles used to print a line per batch (300 lines) with no rate or time
left.  ``Tracker`` turns the engines' progress calls (``report``, ``stage``) into one snapshot
(done/total, articles/s, event reports coded, time left), and a face picks how to show it:
``console.py`` draws a rich bar on a terminal; ``Lines`` writes one summary line every N seconds
to a pipe or a log; ``JsonLines`` writes a JSON object per step on stderr for other programs;
quiet shows nothing.  The snapshot's fields are the JSON lines' fields (docs/formats.md).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import IO, Any

MODES = ("auto", "bar", "lines", "json", "quiet")


@dataclass(slots=True)
class Snapshot:
    """One look at a run: the JSON progress line's fields."""

    event: str  # start | batch | corpus | done | skipped | poll ... (watch adds its own)
    elapsed: float  # seconds since the run started
    done: int  # inputs handled: articles read (new or already stored) and inputs skipped
    total: int | None  # inputs expected, when the inputs say (None for streams, containers)
    new: int
    already_stored: int
    skipped: int
    events: int  # event reports coded so far
    rate: float  # inputs handled per second since the run started
    eta: float | None  # seconds left at that rate, when the total is known

    def record(self) -> dict[str, Any]:
        out = asdict(self)
        out["elapsed"] = round(self.elapsed, 2)
        out["rate"] = round(self.rate, 2)
        out["eta"] = None if self.eta is None else round(self.eta, 1)
        return out


class Tracker:
    """Turns an engine's ``progress(report, stage)`` calls into snapshots for a ``show``."""

    def __init__(
        self,
        show: Callable[[Snapshot], None],
        total: int | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.show = show
        self.total = total
        self.clock = clock
        self.started = clock()
        self.last: Snapshot = self.snapshot(None, "start")

    def snapshot(self, report: Any, event: str) -> Snapshot:
        elapsed = max(self.clock() - self.started, 1e-9)
        if report is None:
            done = new = known = skipped = events = 0
        else:
            # Written batches, and articles found already stored (done as soon as read).
            done = getattr(report, "handled", 0) + report.already_stored
            new, known = report.new, report.already_stored
            skipped, events = len(report.skipped), report.events
        rate = done / elapsed if done else 0.0
        total = self.total
        if total is not None and done > total:  # a container held more than one article
            total = None
        eta = None
        if total is not None and rate > 0:
            eta = max(total - done, 0) / rate
        return Snapshot(event, elapsed, done, total, new, known, skipped, events, rate, eta)

    def start(self) -> None:
        self.show(self.last)

    def __call__(self, report: Any, stage: str) -> None:
        """The engines' progress callback (``stage``: "batch" or "corpus")."""
        self.last = self.snapshot(report, stage)
        self.show(self.last)

    def finish(self, report: Any) -> Snapshot:
        self.last = self.snapshot(report, "done")
        self.show(self.last)
        return self.last


def summary_line(s: Snapshot) -> str:
    """One line a log can keep: counts, rate, time left."""
    of = f"/{s.total}" if s.total is not None else ""
    left = f", {duration(s.eta)} left" if s.eta is not None and s.event == "batch" else ""
    what = {
        "start": "starting",
        "corpus": "updating duplicates, merged events, stories, claims, dyads",
        "done": "done",
    }.get(s.event, "ingesting")
    return (
        f"storyline: {what}: {s.done}{of} inputs in {duration(s.elapsed)} "
        f"({s.rate:.1f}/s), {s.new} new, {s.already_stored} already stored, {s.skipped} skipped, "
        f"{s.events} event reports{left}"
    )


def summary_eta(s: Snapshot) -> str:
    """Time left as the bar shows it ("" when unknown or finished)."""
    if s.eta is None or s.event != "batch":
        return ""
    return f"{duration(s.eta)} left"


def duration(seconds: float | None) -> str:
    """12s, 3m05s, 2h07m."""
    if seconds is None:
        return "?"
    n = round(seconds)
    if n < 60:
        return f"{n}s"
    if n < 3600:
        return f"{n // 60}m{n % 60:02d}s"
    return f"{n // 3600}h{n % 3600 // 60:02d}m"


class Lines:
    """For a pipe or a log: a summary line at most every ``every`` seconds, and always at the
    corpus stage and the end (so a short run still says what it did)."""

    def __init__(
        self, stream: IO[str], every: float = 10.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.stream = stream
        self.every = every
        self.clock = clock
        self.next = clock() + every

    def __call__(self, s: Snapshot) -> None:
        now = self.clock()
        if s.event == "batch" and now < self.next:
            return
        if s.event == "start":
            return
        self.next = now + self.every
        self.stream.write(summary_line(s) + "\n")
        self.stream.flush()


class JsonLines:
    """For other programs: one JSON object a line, every step, flushed at once."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def __call__(self, s: Snapshot) -> None:
        self.emit(s.record())

    def emit(self, record: dict[str, Any]) -> None:
        self.stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.stream.flush()


def quiet(s: Snapshot) -> None:
    """Shows nothing (``--quiet``)."""
