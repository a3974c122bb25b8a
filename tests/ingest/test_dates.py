from __future__ import annotations

from storyline.ingest.clean import clean_article
from storyline.ingest.dates import date_article, date_from_url, parse_date
from storyline.ingest.readers import article_from_text
from storyline.model import Article


def test_parse_date_keeps_precision() -> None:
    assert parse_date("2022-08-12") == ("2022-08-12", "day")
    assert parse_date("2022-08") == ("2022-08", "month")
    assert parse_date("2022") == ("2022", "year")
    assert parse_date("September 24 2022") == ("2022-09-24", "day")
    assert parse_date("24 September 2022") == ("2022-09-24", "day")
    assert parse_date("2022-02-30") is None
    assert parse_date("not a date at all") is None


def test_url_dates() -> None:
    assert date_from_url("https://x.example/2021/10/12/story") == ("2021-10-12", "day")
    assert date_from_url("https://x.example/2021/10/story") == ("2021-10", "month")
    assert date_from_url("https://x.example/story-2021") is None


def _dated(text: str, **meta: str) -> Article:
    art = article_from_text(text, "x")
    assert isinstance(art, Article)
    art.meta.update(meta)
    return date_article(clean_article(art))


def test_header_then_byline_then_url_then_none() -> None:
    a = _dated("Date: 2020-01-05\n\nText of the report.")
    assert (a.published, a.published_how, a.published_precision) == ("2020-01-05", "header", "day")
    b = _dated("Headline of a piece here\nBy Desk - January 6 2020\n\nText of the report.")
    assert (b.published, b.published_how) == ("2020-01-06", "byline")
    c = _dated("URL: https://x.example/2020/01/07/piece\n\nText of the report.")
    assert (c.published, c.published_how) == ("2020-01-07", "url")
    d = _dated("Text of a report with no date anywhere.")
    assert (d.published, d.published_how, d.published_precision) == (None, "none", "unknown")


def test_unparseable_header_date_is_noted_not_trusted() -> None:
    a = _dated("Date: sometime last spring\n\nText.")
    assert a.published is None and any("unparseable" in n for n in a.notes)
