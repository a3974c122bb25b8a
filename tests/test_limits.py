"""Per-article limits: time, events; one slow or flooding article costs only itself."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest

from storyline.limits import ArticleTimeout, deadline
from storyline.model import Article, Event
from storyline.pipeline import Context, Limits, process


def test_deadline_raises_and_nested_deadlines_keep_the_outer_one() -> None:
    with pytest.raises(ArticleTimeout), deadline(0.05):
        time.sleep(1)
    t0 = time.monotonic()
    with (
        pytest.raises(ArticleTimeout),
        deadline(0.2),
        deadline(5),
    ):  # cannot outlive the outer limit
        time.sleep(2)
    assert time.monotonic() - t0 < 1.0
    with deadline(0.5):
        with deadline(0.01):
            pass
        time.sleep(0.05)  # the inner one is gone; the outer one still runs, and has not fired


def _slow_stage(batch: list[Article], ctx: object) -> list[Article]:
    for a in batch:
        if "slow" in a.text:
            time.sleep(5)
    return batch


def _flood_stage(batch: list[Article], ctx: object) -> list[Article]:
    for a in batch:
        a.events = [
            Event(str(i), None, "unknown", None, None, "010", "01", 1, 0.0, "AGREE", "")
            for i in range(50)
        ]
    return batch


def test_a_slow_article_is_skipped_with_its_reason_and_the_rest_kept() -> None:
    ctx = replace(Context(), limits=Limits(article_seconds=0.3, max_events=10))
    batch = [Article("a", "a.txt", "fine"), Article("b", "b.txt", "slow"), Article("c", "c", "ok")]
    t0 = time.monotonic()
    done, skipped = process(batch, ctx, [("slow", _slow_stage), ("flood", _flood_stage)])
    assert time.monotonic() - t0 < 3
    assert [a.article_id for a in done] == ["a", "c"]
    (skip,) = skipped
    assert skip.path == "b.txt" and "longer than the 0.3 s allowed" in skip.reason
    assert all(len(a.events) == 10 for a in done)
    assert "40 event reports beyond the limit of 10" in done[0].notes[0]
