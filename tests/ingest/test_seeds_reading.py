"""Issue acceptance on the shared seeds (skipped when they are absent): reading and dating."""

from __future__ import annotations

import pytest

from storyline.ingest.clean import clean_article
from storyline.ingest.dates import date_article
from storyline.ingest.readers import iter_inputs
from storyline.model import Article
from tests.conftest import SEEDS

STATED = {"metadata", "header", "byline", "url", "html"}


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    if not SEEDS.is_dir():
        pytest.skip("shared seeds not present")
    items = list(iter_inputs([str(SEEDS)]))
    assert all(isinstance(a, Article) for a in items), items
    return {a.path.rsplit("/", 1)[-1][:3]: date_article(clean_article(a)) for a in items}  # type: ignore[arg-type]


def test_five_articles_in_english(seeds: dict[str, Article]) -> None:
    assert sorted(seeds) == ["000", "001", "002", "003", "004"]
    assert {a.language for a in seeds.values()} == {"en"}


def test_byline_date_and_boilerplate(seeds: dict[str, Article]) -> None:
    a = seeds["004"]
    assert (a.published, a.published_precision, a.published_how) == ("2022-09-24", "day", "byline")
    assert "Most Popular" not in a.text and "Photo Credit" not in a.text
    assert any("Most Popular" in r for r in a.removed)
    assert any(r.startswith("By News Desk") for r in a.removed)


def test_header_date(seeds: dict[str, Article]) -> None:
    a = seeds["000"]
    assert (a.published, a.published_how) == ("2022-08-12", "header")
    assert not a.text.lstrip().lower().startswith("date")


def test_undated_seeds_are_never_given_a_stated_date(seeds: dict[str, Article]) -> None:
    for key in ("001", "002", "003"):
        a = seeds[key]
        assert a.published_how not in STATED
        assert a.published is None or a.published_how == "content"
