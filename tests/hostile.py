"""Helpers for the hostile-input tests: run the real command and measure it, take root's
permission override away, and write inputs that are bad in one precise way.

Everything here is written for the tests; nothing is copied from a corpus.
"""

from __future__ import annotations

import ctypes
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# Two reports the tests can tell apart from each other and from the sample corpus.
GOOD_A = "Turkey and Syria met in Moscow on Monday, officials said."
GOOD_B = "Syria and Turkey talked again in Ankara on Friday, officials said."


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    peak_mb: float  # the command's own peak resident memory (its waited-for children included)


def run_measured(
    *args: str,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
    preexec: Callable[[], None] | None = None,
    timeout: float = 600,
) -> Run:
    """``python -m storyline.cli ARGS`` with its peak RSS taken from wait4 for that process
    alone (RUSAGE_CHILDREN would be the largest of every child this test run has waited for)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        with tempfile.TemporaryFile() as inp:
            inp.write(stdin or b"")
            inp.seek(0)
            proc = subprocess.Popen(
                [sys.executable, "-m", "storyline.cli", *args],
                stdin=inp,
                stdout=out,
                stderr=err,
                env={**os.environ, **(env or {})},
                preexec_fn=preexec,
            )
        try:
            _, status, usage = _wait4(proc.pid, timeout)
        except TimeoutError:
            proc.kill()
            proc.wait()
            raise
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(
            proc.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            usage.ru_maxrss / 1024,
        )


def _wait4(pid: int, timeout: float) -> tuple[int, int, resource.struct_rusage]:
    deadline = time.monotonic() + timeout
    while True:
        got, status, usage = os.wait4(pid, os.WNOHANG)
        if got:
            return got, status, usage
        if time.monotonic() > deadline:
            raise TimeoutError(f"storyline did not finish in {timeout} s")
        time.sleep(0.05)


_PR_CAPBSET_DROP = 24
_CAP_DAC_OVERRIDE = 1
_CAP_DAC_READ_SEARCH = 2


def as_plain_user() -> None:
    """preexec_fn: permissions bind this process as they bind any user.

    Root ignores file modes, so a folder made unreadable or read-only is no test as root.
    Dropping the two override capabilities from the bounding set before exec keeps uid 0 (and
    so access to the interpreter under /root) but makes the modes count."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
        if libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def can_drop_root_override() -> bool:
    """Whether `as_plain_user` makes file modes count here."""
    with tempfile.TemporaryDirectory() as tmp:
        locked = Path(tmp) / "locked"
        locked.mkdir(mode=0)
        try:
            probe = subprocess.run(
                [sys.executable, "-c", f"import os; os.listdir({str(locked)!r})"],
                preexec_fn=as_plain_user,
                capture_output=True,
            )
        except OSError:
            return False
        finally:
            locked.chmod(0o700)
    return probe.returncode != 0


# ---- inputs that are bad in one precise way ---------------------------------------------------
def deep_json(depth: int = 2000) -> bytes:
    return b"[" * depth + b"]" * depth + b"\n"


def json_bomb(records: int) -> bytes:
    """A gzip of a JSON array of ``records`` empty objects (83 million: 240 KB of gzip)."""
    chunk = b"{}," * 1_000_000
    whole, rest = divmod(records - 1, 1_000_000)
    with tempfile.TemporaryFile() as tmp:
        with gzip.GzipFile(fileobj=tmp, mode="wb", compresslevel=9) as gz:
            gz.write(b"[")
            for _ in range(whole):
                gz.write(chunk)
            gz.write(b"{}," * rest + b"{}]")
        tmp.seek(0)
        return tmp.read()


def jsonl(*records: object) -> bytes:
    return b"".join(
        (r if isinstance(r, bytes) else json.dumps(r).encode()) + b"\n" for r in records
    )


def warc(pages: list[tuple[str, str]], length_errors: dict[int, int] | None = None) -> bytes:
    """Uncompressed WARC response records; ``length_errors`` maps a record's index to what its
    declared Content-Length is off by."""
    out = b""
    for i, (url, text) in enumerate(pages):
        body = (
            f"<html><head><title>Report {i}</title></head><body><article><p>{text}</p>"
            "</article></body></html>"
        ).encode()
        http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body
        declared = len(http) + (length_errors or {}).get(i, 0)
        head = (
            "WARC/1.0\r\nWARC-Type: response\r\n"
            f"WARC-Target-URI: {url}\r\nWARC-Date: 2020-03-02T10:00:00Z\r\n"
            f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{i:012d}>\r\n"
            "Content-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {declared}\r\n\r\n"
        ).encode()
        out += head + http + b"\r\n\r\n"
    return out


def write(folder: Path, name: str | bytes, data: bytes) -> Path:
    """A file under ``folder`` whose name may be any bytes (not only UTF-8)."""
    raw = name if isinstance(name, bytes) else name.encode()
    path = os.path.join(os.fsencode(folder), raw)
    with open(path, "wb") as fh:
        fh.write(data)
    return Path(os.fsdecode(path))
