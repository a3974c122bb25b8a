"""Time limits for work on one article.

A pathological input (markup nested ten thousand deep, a sentence the parser crawls through) must
cost its own article, never the run: stages and readers run under a deadline and the article
that exceeds it is reported as skipped.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


class ArticleTimeout(Exception):
    """A stage ran past the time allowed for the articles it was given."""


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise `ArticleTimeout` in this thread after ``seconds`` (SIGALRM, so main thread only).

    Elsewhere (a web server's worker thread) there is no limit; size limits still apply there.
    """
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise ArticleTimeout(f"took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    outer, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    if outer > 0:  # nested inside another deadline: never outlive it
        signal.setitimer(signal.ITIMER_REAL, min(seconds, outer))
    started = time.monotonic()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer > 0:
            left = outer - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 0.001))
