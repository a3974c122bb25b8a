"""Progress: one snapshot (done/total, rate, events, time left) shown as a bar, as summary lines
every N seconds in a log, as JSON lines for programs, or not at all."""

from __future__ import annotations

import io
import json
from types import SimpleNamespace

from storyline import progress
from tests.conftest import SAMPLE, run_cli


class Clock:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


def _report(read: int, new: int, events: int, skipped: int = 0) -> SimpleNamespace:
    return SimpleNamespace(
        read=read,
        new=new,
        already_stored=read - new,
        skipped=[None] * skipped,
        events=events,
        handled=new + skipped,
    )


def test_tracker_rate_and_time_left():
    clock = Clock()
    seen: list[progress.Snapshot] = []
    tracker = progress.Tracker(seen.append, total=100, clock=clock)
    clock.t += 10
    tracker(_report(20, 18, 7, skipped=5), "batch")
    s = seen[-1]
    assert (s.done, s.total, s.new, s.already_stored, s.skipped, s.events) == (25, 100, 18, 2, 5, 7)
    assert s.rate == 2.5 and s.eta == 30.0
    assert "25/100 inputs in 10s (2.5/s)" in progress.summary_line(s)
    assert "30s left" in progress.summary_line(s)
    # A container yielded more articles than files were counted: the total is no longer known.
    tracker(_report(130, 130, 9), "batch")
    assert seen[-1].total is None and seen[-1].eta is None


def test_lines_every_n_seconds():
    clock, out = Clock(), io.StringIO()
    lines = progress.Lines(out, every=10, clock=clock)
    tracker = progress.Tracker(lines, total=None, clock=clock)
    tracker.start()
    for i in range(30):  # a batch a second for 30 s: three lines, not thirty
        clock.t += 1
        tracker(_report(10 * (i + 1), 10 * (i + 1), i), "batch")
    tracker(_report(300, 300, 30), "corpus")  # always said
    text = out.getvalue().splitlines()
    assert len(text) == 4
    assert text[0].startswith("storyline: ingesting: 100 inputs in 10s (10.0/s)")
    assert "updating duplicates" in text[-1]


def test_duration():
    assert progress.duration(5) == "5s"
    assert progress.duration(185) == "3m05s"
    assert progress.duration(7620) == "2h07m"
    assert progress.duration(None) == "?"


def test_cli_json_progress_and_quiet(tmp_path):
    db = tmp_path / "p.db"
    proc = run_cli("ingest", str(SAMPLE), "--db", str(db), "--json-progress", "--batch-size", "8")
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in proc.stderr.splitlines()]  # every line is JSON
    kinds = [r["event"] for r in records]
    assert kinds[0] == "start" and kinds[-1] == "done"
    assert kinds.count("batch") == 3 and "corpus" in kinds
    done = records[-1]
    assert done["new"] == done["read"] == 22 and done["events"] > 0 and done["rate"] > 0
    assert {"elapsed", "done", "total", "eta", "already_stored", "skipped"} <= set(done)

    again = run_cli("ingest", str(SAMPLE), "--db", str(db), "--quiet")
    assert again.returncode == 0 and again.stderr == ""

    logged = run_cli("ingest", str(SAMPLE), "--db", str(db))  # a pipe: summary lines, no bar
    assert logged.returncode == 0
    assert "22 already stored" in logged.stderr.splitlines()[-1]
    assert "\x1b[" not in logged.stderr
