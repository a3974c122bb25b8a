"""Results that take a second to build and never change for a given version of their inputs
(the knowledge base, the city index), pickled once under the user's cache folder.

``STORYLINE_CACHE`` or ``$XDG_CACHE_HOME/storyline``; a read-only home only means building at
every start (said once in the log), never a failure.
"""

from __future__ import annotations

import logging
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)


def cache_dir() -> Path:
    env = os.environ.get("STORYLINE_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "storyline"


def pickled_bytes(name: str, build: Callable[[], object]) -> bytes:
    """The pickle of ``build()``, read from ``cache_dir()/name`` or built and written there
    (``name`` carries a fingerprint of what the result depends on)."""
    path = cache_dir() / name
    try:
        return path.read_bytes()
    except OSError:
        pass
    blob = pickle.dumps(build(), protocol=pickle.HIGHEST_PROTOCOL)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pickle")
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
        os.replace(tmp, path)  # atomic: a concurrent reader sees the old file or the new one
    except OSError as exc:
        log.info("%s not cached (%s); it is rebuilt at each start", name, exc)
    return blob
