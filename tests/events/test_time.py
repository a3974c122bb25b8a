from __future__ import annotations

import pytest

from storyline.events.time import resolve


@pytest.mark.parametrize(
    ("expr", "pub", "future", "expected"),
    [
        (
            "on Friday",
            "2022-08-12",
            False,
            ("2022-08-12", "day"),
        ),  # article dated a Friday: that day
        ("on Thursday", "2022-08-12", False, ("2022-08-11", "day")),
        ("last Friday", "2022-08-12", False, ("2022-08-05", "day")),
        ("on Friday", "2022-08-10", True, ("2022-08-12", "day")),  # future clause: the next Friday
        ("in July", "2022-08-12", False, ("2022-07", "month")),
        ("in October", "2022-08-12", False, ("2021-10", "month")),  # past preference
        ("in October", "2022-08-12", True, ("2022-10", "month")),
        ("last month", "2024-08-02", False, ("2024-07", "month")),
        ("earlier this month", "2024-07-17", False, ("2024-07", "month")),
        ("May last year", "2024-07-17", False, ("2023-05", "month")),
        ("a few days ago", "2022-09-24", False, ("2022-09", "month")),  # never a day
        ("two days ago", "2022-09-24", False, ("2022-09-22", "day")),
        ("in recent days", "2022-09-24", False, ("2022-09", "month")),
        ("On 23 September", "2022-09-24", False, ("2022-09-23", "day")),
        ("May 19", "2023-05-11", False, ("2023-05-19", "day")),  # the near future, not last year
        ("in March 2020", None, False, ("2020-03", "month")),
        ("early 2011", None, False, ("2011", "year")),
        ("2011", "2022-01-01", False, ("2011", "year")),
        ("June 30, 2012", None, False, ("2012-06-30", "day")),
        ("yesterday", "2022-01-10", False, ("2022-01-09", "day")),
        # a clock time on the day of the report is that day, not the same day a year earlier
        ("17:51 29th Apr", "2009-04-29", False, ("2009-04-29", "day")),
        ("29 April at 9.30", "2009-04-29", False, ("2009-04-29", "day")),
    ],
)
def test_resolves(expr: str, pub: str | None, future: bool, expected: tuple[str, str]) -> None:
    assert resolve(expr, pub, future) == expected


@pytest.mark.parametrize(
    ("expr", "pub"),
    [
        ("on Thursday", None),  # no anchor: undated, never invented
        ("in July", None),
        ("last month", None),
        ("since 2011", "2022-01-01"),
        ("the 12-year-long", "2023-01-01"),
        ("decades", "2023-01-01"),
        ("the 1990s", None),
        ("the last day", "2022-08-12"),
        ("on Thursday", "2022-08"),  # a month-precise publication date cannot anchor a weekday
    ],
)
def test_refuses(expr: str, pub: str | None) -> None:
    assert resolve(expr, pub) is None


def test_a_clause_a_colon_opens_dates_what_it_announces(ctx) -> None:
    from tests.conftest import analyse

    art = analyse(
        ctx,
        "On Friday came the final blow: Kenyan police raided the opposition newspaper.",
        "2019-06-17",  # a Monday
    )
    raided = [e for e in art.events if e.cameo.startswith("19")]
    assert raided and raided[0].date == "2019-06-14"
