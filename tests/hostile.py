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
import signal
import subprocess
import sys
import tempfile
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


# Runs the command as its own child and reports that child's peak RSS.  Measuring the command
# as a direct child of pytest would be wrong: Linux carries a process's peak RSS across exec,
# and a child forked (or vforked) from a test process that has grown to 800 MB starts with
# that peak.  This launcher is small when it forks, so the figure is the command's own.
_LAUNCH = """
import importlib, os, sys
peak_file, pre, args = sys.argv[1], sys.argv[2], sys.argv[3:]
pid = os.fork()
if pid == 0:
    if pre:
        mod, _, name = pre.partition(":")
        getattr(importlib.import_module(mod), name)()
    os.execv(sys.executable, [sys.executable, "-m", "storyline.cli", *args])
_, status, usage = os.wait4(pid, 0)
with open(peak_file, "w") as fh:
    fh.write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run_measured(
    *args: str,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
    preexec: Callable[[], None] | None = None,
    timeout: float = 600,
) -> Run:
    """``python -m storyline.cli ARGS`` with its peak RSS (its waited-for children included).

    ``preexec`` runs in the command's process before exec; it must be a function of this
    module (the launcher imports it by name, without the test modules' imports)."""
    pre = ""
    if preexec is not None:
        if preexec.__module__ != __name__:
            raise ValueError("preexec must be defined in tests/hostile.py")
        pre = f"{__name__}:{preexec.__qualname__}"
    root = str(Path(__file__).resolve().parent.parent)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        with tempfile.TemporaryFile() as inp, tempfile.TemporaryDirectory() as tmp:
            inp.write(stdin or b"")
            inp.seek(0)
            peak = Path(tmp) / "peak"
            env_all = {**os.environ, **(env or {})}
            env_all["PYTHONPATH"] = os.pathsep.join(
                [root, *filter(None, [env_all.get("PYTHONPATH")])]
            )
            proc = subprocess.Popen(
                [sys.executable, "-c", _LAUNCH, str(peak), pre, *args],
                stdin=inp,
                stdout=out,
                stderr=err,
                env=env_all,
                start_new_session=True,  # a timeout kills the launcher and the command
            )
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, 9)
                proc.wait()
                raise TimeoutError(f"storyline did not finish in {timeout} s") from None
            peak_kb = int(peak.read_text()) if peak.exists() else 0
        out.seek(0)
        err.seek(0)
        return Run(
            proc.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            peak_kb / 1024,
        )


def limit_memory() -> None:
    """A safety net: a regression fails with MemoryError instead of eating the machine."""
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


def files_up_to_8_mb() -> None:
    """A full TMPDIR, as this process sees it: no file may grow past 8 MB (EFBIG, not a kill)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (8 << 20, 8 << 20))


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
