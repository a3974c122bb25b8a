"""How many worker processes a default run should use on this machine.

``os.cpu_count()`` counts the host's cores, not the ones this process may run on: a container
limited to two CPUs on a 64-core host would start 64 workers, each holding spaCy and the
knowledge base (~500 MB), and thrash.  The usable count is the smallest of the CPU affinity
mask, the cgroup CPU quota (v2 ``cpu.max`` or v1 ``cpu.cfs_quota_us``), and what memory allows;
a fixed cap keeps a large machine from paying for more workers than one writer can feed.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

# One writer (the main process) stores every batch; past about this many workers it becomes the
# bottleneck, and each worker costs ~500 MB.  `--workers N` goes beyond it when asked.
MAX_DEFAULT_WORKERS = 8
WORKER_MEMORY = 700 * 1024 * 1024  # resident size of one worker with spaCy and the KB, rounded up
CGROUP = Path("/sys/fs/cgroup")


def affinity() -> int:
    """CPUs this process may be scheduled on (the affinity mask, e.g. ``taskset``)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not Linux
        return max(1, os.cpu_count() or 1)


def _own_cgroup(root: Path) -> Path:
    """This process's cgroup v2 folder (``0::/path`` in /proc/self/cgroup), else ``root``."""
    try:
        for line in Path("/proc/self/cgroup").read_text().splitlines():
            if line.startswith("0::"):
                own = root / line[3:].lstrip("/")
                if (own / "cpu.max").exists():
                    return own
    except OSError:
        pass
    return root


def cgroup_quota(root: Path = CGROUP) -> float | None:
    """CPUs the cgroup's quota allows (2.5 for 250000/100000), or None when unlimited/unknown."""
    try:
        text = (_own_cgroup(root) / "cpu.max").read_text().split()
        if text and text[0] != "max":
            return int(text[0]) / int(text[1] if len(text) > 1 else 100_000)
        if text:
            return None
    except (OSError, ValueError, ZeroDivisionError):
        pass
    try:  # cgroup v1
        quota = int((root / "cpu" / "cpu.cfs_quota_us").read_text())
        period = int((root / "cpu" / "cpu.cfs_period_us").read_text())
        if quota > 0 and period > 0:
            return quota / period
    except (OSError, ValueError):
        pass
    return None


def available_memory() -> int | None:
    """Bytes of memory available to new processes (``MemAvailable``), or None if unknown."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def usable_cpus(root: Path = CGROUP) -> int:
    """Default number of worker processes: affinity, quota (rounded up: 1.5 CPUs still run two
    processes usefully), memory and ``MAX_DEFAULT_WORKERS``, whichever is smallest; at least 1."""
    n = affinity()
    quota = cgroup_quota(root)
    if quota is not None:
        n = min(n, max(1, math.ceil(quota)))
    memory = available_memory()
    if memory is not None:
        n = min(n, max(1, memory // WORKER_MEMORY))
    return max(1, min(n, MAX_DEFAULT_WORKERS))


def default_workers(workers: int | None) -> int:
    """``workers`` when the user gave it, else the usable CPU count."""
    return workers if workers is not None and workers > 0 else usable_cpus()
