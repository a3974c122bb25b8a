"""Time limits for work on one article.

A pathological input (markup nested ten thousand deep, a sentence the parser crawls through) must
cost its own article, never the run: stages and readers run under a deadline and the article
that exceeds it is reported as skipped.  The time allowed grows with the article's length
(`budget`), so a long but ordinary article is kept however many others share its batch, and the
limit still catches work that grows faster than the text.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

# The time limit covers this many characters of text; a longer article gets proportionally more
# (a 5 MB article 20 times the limit).  Ordinary prose goes through the slowest stage (spaCy) at
# about 25-40 s per MB on the reference machine, so this leaves a margin of 6 or more.
BUDGET_CHARS = 250_000


class ArticleTimeout(Exception):
    """A stage ran past the time allowed for the article it was given."""


def budget(seconds: float, chars: int, per: int = BUDGET_CHARS) -> float:
    """The time allowed for ``chars`` characters when ``seconds`` covers ``per`` of them (0 stays
    0: no limit)."""
    return seconds * max(1.0, chars / per) if seconds > 0 else 0.0


# Expiry times (time.monotonic) of the deadlines active in the main thread, outermost first.
_active: list[float] = []


def _arm() -> None:
    left = min(_active) - time.monotonic()
    signal.setitimer(signal.ITIMER_REAL, max(left, 0.001))


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise `ArticleTimeout` in this thread after ``seconds`` (SIGALRM, so main thread only).

    A deadline inside another never outlives it.  Elsewhere (a web server's worker thread) there
    is no limit; size limits still apply there.
    """
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise ArticleTimeout(f"took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    _active.append(time.monotonic() + seconds)
    _arm()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        _active.pop()
        signal.signal(signal.SIGALRM, previous)
        if _active:
            _arm()


def rearm(seconds: float) -> None:
    """Give the innermost deadline ``seconds`` from now (never past an outer one).

    A stage that works on a whole batch at once (spaCy's nlp.pipe) calls this as it moves on to
    the next article, so each article gets its own time rather than the batch sharing one."""
    if not _active or seconds <= 0 or threading.current_thread() is not threading.main_thread():
        return
    _active[-1] = time.monotonic() + seconds
    _arm()
