"""A person's name that modifies a noun naming a thing or someone else is no mention of the
person (sentences written for these tests)."""

from __future__ import annotations

from tests.conftest import analyse


def _codes(ctx, text: str, published: str = "2012-05-01") -> list[str]:
    return [m.code or "" for m in analyse(ctx, text, published).mentions if not m.place_only]


def test_an_award_an_airport_or_an_ally_named_after_a_person_is_not_the_person(ctx) -> None:
    assert "ZAFGOV" not in _codes(ctx, "The Nelson Mandela Lecture was given in Nairobi last year.")
    assert not any(
        c.startswith("AFG")
        for c in _codes(
            ctx, "A new terminal opened at Hamid Karzai International Airport.", "2018-01-01"
        )
    )
    assert "RUSGOV" not in _codes(ctx, "A Putin ally was arrested in Moscow.")


def test_the_people_around_a_person_still_are_theirs(ctx) -> None:
    assert "USAGOV" in _codes(ctx, "The Obama administration criticised Iran.")


def test_a_rank_before_a_title_is_no_sheriffs_deputy(ctx) -> None:
    text = "Talks will resume, Peter Kamau, deputy trade representative of Kenya, said."
    assert not any(c.endswith("COP") for c in _codes(ctx, text, "2015-03-01"))
