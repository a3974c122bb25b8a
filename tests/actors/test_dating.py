"""Undated articles dated by the offices their people hold in them (actors/dating.py)."""

from __future__ import annotations

from storyline.actors.dating import office
from tests.conftest import analyse


def test_titles_and_role_names_meet_on_one_office() -> None:
    assert office("Minister of Foreign Affairs") == office("Turkish Foreign Minister")
    assert office("Secretary of State") == "foreign-minister"
    assert office("Minister of National Defence") == office("defense minister")
    assert office("Vice President") == "vice-president" != office("President")
    assert office("former Foreign Minister") is None
    assert office("Deputy Foreign Minister") is None


def test_two_offices_held_at_once_only_in_one_year_date_the_article(ctx) -> None:
    # Cavusoglu was foreign minister until June 2023; a war in its twelfth year (Syria's began in
    # March 2011) is March 2023 onwards: together, the text was written in 2023.
    text = (
        "Turkish Foreign Minister Mevlut Cavusoglu met his Syrian counterpart Faisal Mekdad on "
        "Wednesday in Moscow, the first such talks of the 12-year-long conflict in Syria.\n\n"
        "Turkish and Syrian defence ministers met in Moscow in January, officials said."
    )
    art = analyse(ctx, text)
    assert (art.published, art.published_precision, art.published_how) == (
        "2023",
        "year",
        "content",
    )
    assert "Cavusoglu" in (art.published_evidence or "")
    # "in January" read from both ends of the window (March to June 2023) is January 2023.
    dates = {e.date for e in art.events}
    assert "2023-01" in dates


def test_one_open_ended_office_gives_only_a_bound(ctx) -> None:
    art = analyse(ctx, "Foreign Minister Hakan Fidan met opposition leaders in Ankara on Thursday.")
    assert art.published is None and art.published_how == "none"
    assert any("one side" in n for n in art.notes)


def test_former_titles_and_stated_dates_are_left_alone(ctx) -> None:
    art = analyse(ctx, "Former foreign minister Mevlut Cavusoglu spoke at a forum in Antalya.")
    assert art.published is None and not any("titles" in n for n in art.notes)
    dated = analyse(ctx, "Foreign Minister Mevlut Cavusoglu met Faisal Mekdad.", "2019-05-02")
    assert (dated.published, dated.published_how) == ("2019-05-02", "metadata")
