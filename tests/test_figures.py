"""Figures and contradictions between them, on texts written for these tests."""

from __future__ import annotations

from collections import Counter

import pytest

from storyline.actors.kb import KnowledgeBase, load_kb
from storyline.corpus import claims, figures


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


def _figs(kb: KnowledgeBase, aid: str, text: str, date: str, main: tuple[str, ...] = ()):
    return figures.article_figures([(aid, text, date, "Paper " + aid)], kb, {aid: Counter(main)})


def test_extracts_number_hedge_class_nationality_and_host(kb: KnowledgeBase) -> None:
    text = (
        "Lebanon hosts nearly 1.5 million Syrian refugees, officials said. "
        "Some 2,000 Turkish troops remain in Iraq. Two soldiers were hurt."
    )
    got = {c.figure["counts"]: c.figure for c in _figs(kb, "a", text, "2021-03-01")}
    assert got["displaced"] == {
        "value": 1_500_000.0,
        "stated": "nearly 1.5 million",
        "counts": "displaced",
        "nationality": "SYR",
        "host": "LBN",
    }
    assert got["troops"]["value"] == 2000.0 and got["troops"]["nationality"] == "TUR"
    assert got["troops"]["host"] == "IRQ"
    assert len(got) == 2  # "Two soldiers" is an incident, not a count


def test_host_from_the_article_and_wider_scopes_kept_apart(kb: KnowledgeBase) -> None:
    a = _figs(kb, "a", "Jordan has given shelter to more than 600,000 Syrian refugees.", "2019")
    b = _figs(
        kb,
        "b",
        "The war brought an influx of migrants numbering over 1.3 million.",
        "2023",
        main=("JOR", "SYR"),
    )
    wide = _figs(
        kb,
        "c",
        "More than 6 million Syrians have fled as refugees to other countries.".replace(
            "to other", "in other"
        ),
        "2023",
    )
    assert b[0].figure["nationality"] is None or b[0].figure["host"] == "JOR"
    assert wide[0].figure["host"] == "elsewhere"
    out = claims.run([], [*a, *b, *wide])
    flagged = [c for c in out if c.contradicts]
    assert {c.article_id for c in flagged} <= {"a", "b"}
    assert all(not c.contradicts for c in out if c.article_id == "c")


def test_conflicting_figures_are_flagged_with_both_dates(kb: KnowledgeBase) -> None:
    a = _figs(kb, "a", "Jordan hosts more than 600,000 Syrian refugees.", "2019-05-02")
    b = _figs(kb, "b", "Jordan hosts about 1.3 million Syrian refugees.", "2022-01-10")
    same = _figs(kb, "d", "Jordan hosts 610,000 Syrian refugees.", "2019-06-01")
    out = claims.run([], [*a, *b, *same])
    ca = next(c for c in out if c.article_id == "a")
    cb = next(c for c in out if c.article_id == "b")
    cd = next(c for c in out if c.article_id == "d")
    assert [x.claim_id for x in ca.contradicts] == [cb.claim_id]  # 610,000 is 600,000 rounded
    reason = ca.contradicts[0].reason
    assert "2019-05-02" in reason and "2022-01-10" in reason and "3 years apart" in reason
    assert "“more than 600,000”" in reason and "“about 1.3 million”" in reason
    assert "\n" not in reason
    assert [x.claim_id for x in cd.contradicts] == [cb.claim_id]
    assert ca.event_id is None and ca.figure is not None


def test_sentences_do_not_break_inside_numbers() -> None:
    text = "It rose to 3.5 million. Next one!\nA line"
    assert [text[s:e] for s, e in figures.sentences(text)] == [
        "It rose to 3.5 million.",
        "Next one!",
        "A line",
    ]
