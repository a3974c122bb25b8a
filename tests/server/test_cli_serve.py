"""`storyline demo --open` and `storyline serve` from the command line."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.slow


def _start(args: list[str]) -> tuple[subprocess.Popen[str], str, str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "storyline.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "STORYLINE_TOKEN"},
    )
    assert proc.stdout is not None
    printed = ""
    for _ in range(400):
        line = proc.stdout.readline()
        if not line:
            break
        printed += line
        if m := re.search(r"serving (http://\S+/)", line):
            return proc, m.group(1), printed
    proc.kill()
    raise AssertionError(f"no URL printed: {printed!r} {proc.stderr.read() if proc.stderr else ''}")


def test_demo_open_serves_the_sample_and_prints_the_url(sample_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    shutil.copyfile(sample_db, db)  # already ingested: the demo adds nothing and starts at once
    proc, url, printed = _start(["demo", "--db", str(db), "--open", "--port", "0"])
    try:
        assert "events from" in printed  # the timeline comes first, then the URL
        home = httpx.get(url, timeout=20)
        assert home.status_code == 200 and "Stories" in home.text
        summary = httpx.get(url + "api/summary", timeout=20).json()
        assert summary["counts"]["articles"] == 22
    finally:
        proc.terminate()
        proc.wait(20)


def test_serve_a_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "storyline.cli", "serve", "--db", str(tmp_path / "none.db")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 3 and "storyline ingest" in proc.stderr


def test_serve_with_allow_ingest_creates_the_store(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    proc, url, _ = _start(["serve", "--db", str(db), "--port", "0", "--allow-ingest"])
    try:
        assert db.exists()
        assert httpx.get(url + "api/summary", timeout=20).json()["counts"]["articles"] == 0
    finally:
        proc.terminate()
        proc.wait(20)
